"""The spaCy component ``lagebild_events_v1`` (lagebild.events.v1): PLOVER-coded events in ``doc._.events``."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..extensions import register_extensions
from .context import Context, commodity
from .detect import Candidate, find_candidates
from .lexicon import DATA_DIR, Lexicon, load_lexicon
from .roles import ActorIndex, Argument, resolve, role_tokens
from .status import event_status
from .syntax import NOUNS, VERBS, Grammar

log = logging.getLogger(__name__)

# spaCy factory names may not contain dots: the component "lagebild.events.v1" is registered as
FACTORY_NAME = "lagebild_events_v1"
DEFAULT_CONFIG: dict[str, Any] = {
    "data_dir": None,
    "min_confidence": 0.0,
    "keep_negated": True,
    "base_confidence": 0.5,
    "actor_bonus": 0.2,
    "target_bonus": 0.1,
    "domain_penalty": 0.1,
    "positional_subject": True,
    "linear_status": True,
    "future_is_intended": True,
}


@Language.factory(
    FACTORY_NAME,
    assigns=["doc._.events"],
    requires=["token.dep", "token.lemma", "token.pos"],
    default_config=DEFAULT_CONFIG,
)
def make_event_coder(
    nlp: Language,
    name: str,
    *,
    data_dir: str | None,
    min_confidence: float,
    keep_negated: bool,
    base_confidence: float,
    actor_bonus: float,
    target_bonus: float,
    domain_penalty: float,
    positional_subject: bool,
    linear_status: bool,
    future_is_intended: bool,
) -> EventCoder:
    return EventCoder(
        name=name,
        data_dir=data_dir,
        min_confidence=min_confidence,
        keep_negated=keep_negated,
        base_confidence=base_confidence,
        actor_bonus=actor_bonus,
        target_bonus=target_bonus,
        domain_penalty=domain_penalty,
        positional_subject=positional_subject,
        linear_status=linear_status,
        future_is_intended=future_is_intended,
    )


class EventCoder:
    """Finds event predicates, codes them (PLOVER type/mode, CAMEO, Goldstein), attaches source,
    target, status, date, place and the quotation chain they are reported through."""

    def __init__(
        self,
        *,
        name: str = FACTORY_NAME,
        data_dir: str | Path | None = None,
        min_confidence: float = 0.0,
        keep_negated: bool = True,
        base_confidence: float = 0.5,
        actor_bonus: float = 0.2,
        target_bonus: float = 0.1,
        domain_penalty: float = 0.1,
        positional_subject: bool = True,
        linear_status: bool = True,
        future_is_intended: bool = True,
    ) -> None:
        register_extensions()
        self.name = name
        self.lexicon: Lexicon = load_lexicon(Path(data_dir) if data_dir else DATA_DIR)
        self.min_confidence = min_confidence
        self.keep_negated = keep_negated
        self.positional_subject = positional_subject
        self.linear_status = linear_status
        self.future_is_intended = future_is_intended
        self.weights = {
            "base": base_confidence,
            "actor": actor_bonus,
            "target": target_bonus,
            "domain": domain_penalty,
        }

    def __call__(self, doc: Doc) -> Doc:
        grammar = Grammar.for_doc(doc, self.lexicon.labels)
        index = ActorIndex(
            doc,
            state_nouns=self.lexicon.state_nouns,
            not_actors=self.lexicon.not_actors,
            quantity_nouns=self.lexicon.quantity_nouns,
            things=self.lexicon.things,
            event_noun=self.lexicon.noun,
        )
        context = Context(doc, self.lexicon, grammar)
        events: list[dict[str, Any]] = []
        for sent in _sentences(doc):
            for candidate in find_candidates(sent, self.lexicon, grammar):
                event = self._event(candidate, grammar, index, context)
                if self._keep(event):
                    event["id"] = f"e{len(events) + 1}"
                    events.append(event)
        doc._.events = events
        return doc

    def _keep(self, event: dict[str, Any]) -> bool:
        if event["status"] == "negated" and not self.keep_negated:
            return False
        return bool(event["confidence"] >= self.min_confidence)

    def _event(
        self, candidate: Candidate, grammar: Grammar, index: ActorIndex, context: Context
    ) -> dict[str, Any]:
        entry = candidate.entry
        roles = role_tokens(candidate, self.lexicon, grammar, positional=self.positional_subject)
        source = _first(roles["source"], index, grammar) or _adjective_source(candidate, index)
        target = _first(roles["target"], index, grammar)
        if target is not None and source is not None and target.actor == source.actor:
            target = None
        token = candidate.token
        trigger_start = min(t.idx for t in candidate.trigger)
        quote = context.quote_at(token.idx)
        evidence = _evidence(token, grammar)
        cameo = self.lexicon.cameo.get(entry.cameo or "")
        mode = entry.mode or (cameo.mode if cameo is not None and cameo.plover == entry.type else None)
        words = [*candidate.trigger, *(t for ts in roles.values() for t in ts for t in grammar.phrase(t))]
        words += [t for slot in grammar.slots(token).get("oa", []) for t in grammar.phrase(slot)]
        date = context.date(evidence)
        status = event_status(candidate, self.lexicon, grammar, quote=quote, linear=self.linear_status)
        if status == "asserted" and self.future_is_intended and context.is_future(date, token):
            status = "intended"
        return {
            "id": "",
            "type": entry.type,
            "mode": mode,
            "cameo": entry.cameo,
            "goldstein": cameo.goldstein if cameo is not None else None,
            "source": source.actor if source else None,
            "target": target.actor if target else None,
            "source_country": source.country if source else None,
            "target_country": target.country if target else None,
            "date": date,
            "place": context.place(evidence),
            "status": status,
            "via": context.via(quote),
            "trigger": " ".join(t.text for t in candidate.trigger),
            "trigger_span": [trigger_start, max(t.idx + len(t) for t in candidate.trigger)],
            "lemma": entry.key,
            "span": [evidence.start_char, evidence.end_char],
            "domain": entry.domain,
            "commodity": commodity(words, self.lexicon),
            "source_text": source.text if source else None,
            "target_text": target.text if target else None,
            "source_span": list(source.span) if source else None,
            "target_span": list(target.span) if target else None,
            "confidence": self._confidence(entry.domain, source, target),
        }

    def _confidence(self, domain: str | None, source: Argument | None, target: Argument | None) -> float:
        score = self.weights["base"]
        if source is not None and source.actor and not source.actor.startswith("local:"):
            score += self.weights["actor"]
        if target is not None:
            score += self.weights["target"]
        if domain is not None and source is None:
            score -= self.weights["domain"]
        return round(max(0.0, min(1.0, score)), 3)


def _sentences(doc: Doc) -> list[Span]:
    """The Doc's sentences; none when nothing set sentence boundaries (no parser, no sentencizer)."""
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return list(doc.sents)
    log.debug("no sentence boundaries: no events coded")
    return []


def _adjective_source(candidate: Candidate, index: ActorIndex) -> Argument | None:
    """ "ein russischer Raketenangriff": a country adjective on an event noun names its source."""
    token = candidate.token
    if token.pos_ not in NOUNS or candidate.entry.frame.get("host") == "none":
        return None
    adjectives = [child for child in token.children if child.i < token.i]
    country = index.adjective_country(adjectives)
    if country is None:
        return None
    word = next(t for t in adjectives if index.adjective_country([t]) == country)
    return Argument(actor=country, country=country, text=word.text, span=(word.idx, word.idx + len(word)))


def _first(tokens: list[Token], index: ActorIndex, grammar: Grammar) -> Argument | None:
    for token in tokens:
        found = resolve(token, index, grammar)
        if found is not None:
            return found
    return None


def _evidence(token: Token, grammar: Grammar) -> Span:
    """The clause an event is stated in: the subtree of its verb complex, within the sentence."""
    host: Token | None = token
    for _ in range(3):
        if host is None or host.pos_ in VERBS:
            break
        found = grammar.arg_governor(host) if host.pos_ in NOUNS else None
        host = found[0] if found else None
    sent = token.sent
    if host is None or host.pos_ not in VERBS:
        return sent
    top = grammar.top(host)
    start = max(top.left_edge.i, sent.start)
    end = min(top.right_edge.i + 1, sent.end)
    return token.doc[start:end]
