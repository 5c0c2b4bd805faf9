"""The spaCy component ``lagebild_events_v1`` (lagebild.events.v1): PLOVER-coded events in ``doc._.events``."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..extensions import register_extensions
from .casualties import Words, attach_casualties
from .context import Context, commodity
from .detect import Candidate, find_candidates
from .lexicon import DATA_DIR, Lexicon, load_lexicon
from .roles import ActorIndex, Argument, resolve, role_tokens
from .status import event_status
from .syntax import NOUNS, VERBS, Grammar, segment_of

log = logging.getLogger(__name__)

# spaCy factory names may not contain dots: the component "lagebild.events.v1" is registered as
FACTORY_NAME = "lagebild_events_v1"
MEDIA_PREFIX = "media:"
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
        self.casualty_words = Words.from_data(self.lexicon.casualties)
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
        by_sentence: list[tuple[Span, list[dict[str, Any]]]] = []
        for sent in _sentences(doc):
            kept: list[dict[str, Any]] = []
            for candidate in find_candidates(sent, self.lexicon, grammar):
                event = self._event(candidate, grammar, index, context)
                if self._keep(event):
                    event["id"] = f"e{len(events) + 1}"
                    events.append(event)
                    kept.append(event)
            by_sentence.append((sent, kept))
        empty = attach_casualties(
            by_sentence,
            self.casualty_words,
            lambda char: context.via(context.quote_at(char)),
            grammar.table(doc).lower,
        )
        if empty:
            events = [event for event in events if not any(event is other for other in empty)]
            for n, event in enumerate(events, start=1):
                event["id"] = f"e{n}"
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
        token = candidate.token
        trigger_start = min(t.idx for t in candidate.trigger)
        quote = context.quote_at(token.idx)
        _drop_channel(roles, quote)
        speaker = _speaker(quote, index, grammar)
        pronouns = self.lexicon.speaker_pronouns
        home = self._speaker_country(speaker, index)
        source = _first(roles["source"], index, grammar, speaker, pronouns, home) or _adjective_source(
            candidate, index
        )
        target = _first(roles["target"], index, grammar, speaker, pronouns, home)
        if target is None and entry.domain == "supply_disruption":
            transit = {str(w).lower() for w in self.lexicon.domains.get("transit_prepositions") or ()}
            target = _served_country(candidate, grammar, index, source, transit)
        if target is not None and source is not None and target.actor == source.actor:
            target = None
        evidence = _evidence(token, grammar)
        cameo = self.lexicon.cameo.get(entry.cameo or "")
        mode = entry.mode or (cameo.mode if cameo is not None and cameo.plover == entry.type else None)
        words = [*candidate.trigger, *(t for ts in roles.values() for t in ts for t in grammar.phrase(t))]
        words += [t for slot in grammar.slots(token).get("oa", []) for t in grammar.phrase(slot)]
        date = context.date(evidence)
        if quote is not None and (date is None or date.get("source") not in ("clause", "sentence")):
            date = context.quote_date(quote) or date
        status = event_status(candidate, self.lexicon, grammar, quote=quote, linear=self.linear_status)
        if status == "asserted" and self.future_is_intended and context.is_future(date, token):
            status = "intended"
        event = {
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
            "via": _via(context.via(quote), speaker),
            "trigger": " ".join(t.text for t in candidate.trigger),
            "trigger_span": [trigger_start, max(t.idx + len(t) for t in candidate.trigger)],
            "lemma": entry.key,
            "span": [evidence.start_char, evidence.end_char],
            "domain": entry.domain,
            "commodity": commodity(words, self.lexicon),
            "casualties": None,
            "source_text": source.text if source else None,
            "target_text": target.text if target else None,
            "source_span": list(source.span) if source else None,
            "target_span": list(target.span) if target else None,
            "confidence": self._confidence(entry.domain, source, target),
        }
        if quote is None:
            event["via"] = _cue_channel(event, context.quotes)
        return event

    def _speaker_country(
        self, speaker: Argument | None, index: ActorIndex
    ) -> Callable[[Token], Argument | None]:
        """ "sein Land" / "ihre Regierung" in reported speech: the speaker's country."""
        lexicon = self.lexicon

        def home(token: Token) -> Argument | None:
            if speaker is None or not speaker.country:
                return None
            if token.lemma_.lower() not in lexicon.speaker_country_nouns and (
                token.lower_ not in lexicon.speaker_country_nouns
            ):
                return None
            if not any(c.lower_ in lexicon.speaker_possessives for c in token.children if c.i < token.i):
                return None
            country = speaker.country
            return Argument(
                actor=country, country=country, text=token.text, span=(token.idx, token.idx + len(token))
            )

        return home

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


def _served_country(
    candidate: Candidate, grammar: Grammar, index: ActorIndex, source: Argument | None, transit: set[str]
) -> Argument | None:
    """A halted supply hits the country it serves: a country named in the halted thing's phrase
    or in the relative clause after it ("die Leitung, über die ungarisches Gas fließt")."""
    objects = grammar.slots(candidate.token).get("oa", [])
    if grammar.is_passive(candidate.token):
        objects = grammar.slots(candidate.token).get("sb", [])
    doc = candidate.token.doc
    for thing in objects:
        words = [t for t in thing.subtree if t.i > thing.i and not _passes(t, thing, transit, grammar)]
        end = thing.right_edge.i + 1
        # "setzte den Betrieb der Leitung aus, über die …": past a verb particle or the verb
        while (
            end < thing.sent.end
            and end - thing.right_edge.i <= 2
            and doc[end].pos_ in (*VERBS, "ADP", "PART")
        ):
            end += 1
        if end < thing.sent.end and doc[end].text == ",":
            clause = segment_of(doc[end + 1]) if end + 1 < thing.sent.end else None
            opening = [t for t in clause or () if not t.is_punct][:2]
            if any(
                t.tag_ in ("PRELS", "PRELAT") or t.lower_ in ("der", "die", "das", "denen") for t in opening
            ):
                words.extend(clause or ())
        for word in words:
            actor = index.at(word.i)
            country = index.country(actor) if actor else index.adjective_country([word])
            if country and (source is None or country != source.country):
                return Argument(
                    actor=country, country=country, text=word.text, span=(word.idx, word.idx + len(word))
                )
    return None


def _passes(token: Token, head: Token, prepositions: set[str], grammar: Grammar) -> bool:
    """Is ``token`` inside a prepositional phrase (below ``head``) opened by one of ``prepositions``?"""
    current = token
    while current != head and current.head != current:
        words = [current] if current.pos_ == "ADP" else list(grammar.children(current, "case"))
        if any(grammar.preposition(w) in prepositions for w in words):
            return True
        current = current.head
    return False


def _speaker(quote: dict[str, Any] | None, index: ActorIndex, grammar: Grammar) -> Argument | None:
    """The speaker of the quotation an event is told in, as an argument ("wir", "unsere" stand for
    it); for a quotation whose cue verb the quotation finder gave no speaker, that verb's subject."""
    if not quote:
        return None
    if not quote.get("speaker"):
        return _cue_subject(quote, index, grammar)
    actor = str(quote["speaker"])
    span = quote.get("speaker_span")
    bounds = (int(span[0]), int(span[1])) if isinstance(span, (list, tuple)) and len(span) == 2 else (0, 0)
    text = str(quote.get("speaker_text") or actor)
    return Argument(actor=actor, country=index.country(actor), text=text, span=bounds)


def _drop_channel(roles: dict[str, list[Token]], quote: dict[str, Any] | None) -> None:
    """ "Wie Tass meldete, trafen sich …": a medium an event is reported through (the speaker of
    the quotation it is told in) is its channel, not one of its participants."""
    if not quote or not str(quote.get("speaker") or "").startswith(MEDIA_PREFIX):
        return
    spans = [quote.get(key) for key in ("speaker_span", "cue_span")]
    bounds = [(int(s[0]), int(s[1])) for s in spans if isinstance(s, (list, tuple)) and len(s) == 2]
    for role, tokens in roles.items():
        roles[role] = [t for t in tokens if not any(start <= t.idx < end for start, end in bounds)]


def _cue_channel(event: dict[str, Any], quotes: list[dict[str, Any]]) -> list[str]:
    """ "Kiew warf Moskau nach einem Bericht der BBC vor, …": an event that is itself the cue of
    a quotation is reported through that quotation's channel (its ``via``)."""
    start = event["trigger_span"][0]
    for quote in quotes:
        span = quote.get("cue_span")
        if isinstance(span, (list, tuple)) and len(span) == 2 and span[0] <= start < span[1]:
            chain = [str(a) for a in quote.get("via") or () if a and a != event.get("source")]
            return list(dict.fromkeys(chain))
    return []


def _via(chain: list[str], speaker: Argument | None) -> list[str]:
    """The quotation chain, led by the speaker found for a quotation that named none."""
    if speaker is None or not speaker.actor or speaker.actor in chain:
        return chain
    return [speaker.actor, *chain]


def _cue_subject(quote: dict[str, Any], index: ActorIndex, grammar: Grammar) -> Argument | None:
    span = quote.get("cue_span")
    if not isinstance(span, (list, tuple)) or len(span) != 2:
        return None
    found = index.doc.char_span(int(span[0]), int(span[1]), alignment_mode="expand")
    verbs = [t for t in found or () if t.pos_ in VERBS]
    for verb in verbs:
        slots = grammar.slots(verb)
        if grammar.is_passive(verb):
            continue
        argument = _first(slots.get("sb", []), index, grammar)
        if argument is not None:
            return argument
    return None


def _first(
    tokens: list[Token],
    index: ActorIndex,
    grammar: Grammar,
    speaker: Argument | None = None,
    pronouns: frozenset[str] = frozenset(),
    home: Callable[[Token], Argument | None] | None = None,
) -> Argument | None:
    """The first role token that names an actor; inside a quotation "wir"/"unsere" name its
    speaker and "sein Land" the speaker's country."""
    for token in tokens:
        if speaker is not None and token.lower_ in pronouns:
            return speaker
        own = home(token) if home is not None else None
        if own is not None:
            return own
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
