"""``lagebild_actors_v1``: find actor mentions and link them to the knowledge base.

Writes ``doc._.actors`` (one dict per actor, schema ``lagebild.analysis/1``),
``doc._.actor_mentions`` (the mention Spans) and ``span._.actor_id`` on each mention.
Works on any German pipeline: NER entities are used when present, but names, roles and
sectors are matched from the KB and ``roles.yaml`` without them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..extensions import register_extensions
from .kb import KnowledgeBase, load_kb
from .matcher import (
    TokenTable,
    adjective_countries,
    alias_mentions,
    fuzzy_candidates,
    fuzzy_match,
    is_common_word,
    key_mentions,
    name_like,
)
from .mention import Mention, Settings
from .normalize import fold, slugify, translit_key
from .roles import RolePhrase, find_phrase, role_holders, role_keys

logger = logging.getLogger(__name__)

FACTORY = "lagebild_actors_v1"
DEFAULT_CONFIDENCES = {
    "name": 1.0,  # exact KB alias
    "metonym": 0.95,  # "der Kreml" -> RUS
    "demonym": 0.9,  # "die Russen" -> RUS
    "key": 0.92,  # transliteration variant ("Peskov" for "Peskow")
    "surname": 0.9,  # surname of exactly one KB person
    "role": 0.9,  # role phrase resolved by date ("der russische Präsident")
    "role+name": 1.0,  # role confirms the name
    "coref": 0.95,  # surname after the full name in the same document
    "sector": 0.9,  # "ein russisches Gericht" -> RUS:court
    "context": 0.85,  # one of several candidates, chosen by document context
    "ambiguous": 0.5,  # several candidates and nothing to choose by
    "local": 0.6,  # unknown person/organisation named in the document
}
DEFAULT_CONFIG: dict[str, Any] = {
    "threshold": 0.8,  # links below this confidence are dropped (no link rather than a wrong one)
    "fuzzy_min_score": 0.86,  # rapidfuzz ratio (0-1) a misspelt name needs to be considered at all
    "fuzzy_min_length": 5,  # shorter unknown words are never fuzzy-matched
    "use_ner": True,  # resolve PER/ORG entities of a trained NER that no KB alias covers
    "coreference": True,  # a later surname links to the full name earlier in the document
    "kb_paths": [],  # extra KB files (YAML records, CSV, Wikidata JSONL) merged into the shipped KB
    "confidences": {},  # overrides of DEFAULT_CONFIDENCES
}
NER_LABELS = {"PER": "person", "PERSON": "person", "ORG": "organisation"}
SIMILAR_NAME = 70
MAX_FIRST_NAME = 9  # an unknown capitalised word longer than this is rather a noun compound
# single-token mentions that an earlier full name in the document overrides
SHORT_NAME_HOWS = {
    "name",
    "surname",
    "key",
    "fuzzy",
    "open",
    "coref",
}  # rapidfuzz score above which a name after a role noun is the role holder


def register_mention_extension() -> None:
    register_extensions()
    if not Doc.has_extension("actor_mentions"):
        Doc.set_extension("actor_mentions", default=None)


def default_settings(**overrides: Any) -> Settings:
    """Settings with the factory defaults (for building the component without a config)."""
    values = {**DEFAULT_CONFIG, **overrides}
    return Settings(
        threshold=values["threshold"],
        fuzzy_min_score=values["fuzzy_min_score"],
        fuzzy_min_length=values["fuzzy_min_length"],
        confidences={**DEFAULT_CONFIDENCES, **values["confidences"]},
        use_ner=values["use_ner"],
        coreference=values["coreference"],
    )


@Language.factory(
    FACTORY,
    assigns=["doc._.actors", "doc._.actor_mentions", "span._.actor_id"],
    default_config=DEFAULT_CONFIG,
)
def make_actor_linker(
    nlp: Language,
    name: str,
    *,
    threshold: float,
    fuzzy_min_score: float,
    fuzzy_min_length: int,
    use_ner: bool,
    coreference: bool,
    kb_paths: list[str],
    confidences: dict[str, float],
) -> ActorLinker:
    settings = default_settings(
        threshold=threshold,
        fuzzy_min_score=fuzzy_min_score,
        fuzzy_min_length=fuzzy_min_length,
        confidences=confidences,
        use_ner=use_ner,
        coreference=coreference,
    )
    return ActorLinker(nlp, name, settings=settings, kb=load_kb(tuple(str(p) for p in kb_paths)))


class ActorLinker:
    """The component.  ``kb`` defaults to the shipped knowledge base."""

    def __init__(
        self, nlp: Language, name: str = FACTORY, *, settings: Settings, kb: KnowledgeBase | None = None
    ) -> None:
        register_mention_extension()
        self.name = name
        self.settings = settings
        self.kb = kb if kb is not None else load_kb()

    def __call__(self, doc: Doc) -> Doc:
        start, end = article_dates(doc)
        mentions = Resolver(doc, self.kb, self.settings, start, end).run()
        write_actors(doc, mentions, self.kb, start)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)


def article_dates(doc: Doc) -> tuple[dt.date, dt.date]:
    doc_date = doc._.doc_date
    if doc_date is None:
        today = dt.date.today()
        return today, today
    return doc_date.start, doc_date.end


class Resolver:
    """All mention finding and linking for one document."""

    def __init__(self, doc: Doc, kb: KnowledgeBase, settings: Settings, start: dt.date, end: dt.date) -> None:
        self.doc, self.kb, self.settings = doc, kb, settings
        self.start, self.end = start, end
        self.conf = settings.confidences
        self.table = TokenTable(doc)

    def run(self) -> list[Mention]:
        names = alias_mentions(self.doc, self.kb, self.settings, self.table)
        names += key_mentions(self.doc, self.kb, self.settings, _covered(names), self.table)
        names += self._surname_mentions(_covered(names))
        names = sorted((self._check_first_name(m) for m in names), key=lambda m: m.start)
        mentions = self._role_mentions(names)
        mentions += [self._check_first_name(m, strict=True) for m in self._fuzzy_mentions(mentions)]
        if self.settings.use_ner:
            mentions += self._ner_mentions(mentions)
        if self.settings.coreference:
            mentions += self._open_names(mentions)
        mentions.sort(key=lambda m: m.start)
        if self.settings.coreference:
            self._coreference(mentions)
        self._choose_candidates(mentions)
        return [m for m in mentions if m.local or (m.actor_id and m.confidence >= self.settings.threshold)]

    # -- names --

    def _surname_mentions(self, taken: set[int]) -> list[Mention]:
        mentions = []
        name = self.table.name_like
        for i, text in enumerate(self.table.texts):
            if i in taken or not name[i]:
                continue
            ids = self.kb.by_surname(text) or (self.kb.by_surname(text[:-1]) if text.endswith("s") else set())
            if ids and not is_common_word(text):
                ids_t = tuple(sorted(ids))
                actor_id = ids_t[0] if len(ids_t) == 1 else None
                mentions.append(
                    Mention(i, i + 1, actor_id, self.conf["surname"], "surname", candidates=ids_t)
                )
        return mentions

    def _check_first_name(self, mention: Mention, *, strict: bool = False) -> Mention:
        """ "Oleg Gromow" is not Alexei Gromov: a surname-only link with a foreign first name
        before it becomes a local person.  ``strict`` (fuzzy links): unknown words of any length
        count as first names."""
        if mention.length != 1 or mention.start == 0 or not self._is_person(mention):
            return mention
        first = self.doc[mention.start - 1]
        looks = self._looks_like_first_name(first.text, any_length=strict)
        if not looks:
            return mention
        ids = mention.candidates or ((mention.actor_id,) if mention.actor_id else ())
        fitting = [actor_id for actor_id in ids if self._first_name_fits(first.text, actor_id)]
        if fitting:
            mention.start -= 1
            if len(fitting) == 1 and mention.actor_id is None:
                mention.actor_id, mention.candidates = fitting[0], tuple(fitting)
            return mention
        text = self.doc[mention.start - 1 : mention.end].text
        local = {"name": text, "type": "person", "country": None, "role": None}
        return Mention(
            mention.start - 1, mention.end, f"local:{slugify(text)}", self.conf["local"], "local", local=local
        )

    def _looks_like_first_name(self, text: str, *, any_length: bool = False) -> bool:
        """Known given name, or a short unknown capitalised word (long ones are compounds)."""
        if not text[:1].isupper() or not text.isalpha() or self._is_role_word(text.lower()):
            return False
        if fold(text) in self.kb.first_names:
            return True
        return (any_length or len(text) <= MAX_FIRST_NAME) and not is_common_word(text)

    def _first_name_fits(self, first: str, actor_id: str) -> bool:
        actor = self.kb.get(actor_id)
        if actor is None:
            return False
        key = translit_key(first)
        for name in actor.all_names():
            words = name.split()
            if len(words) >= 2 and fuzz.ratio(key, translit_key(words[0])) >= SIMILAR_NAME:
                return True
        return False

    def _lookup_unknown(self, start: int, end: int) -> Mention | None:
        """A name after a role noun that is not a KB alias: a misspelt KB person?"""
        last = self.doc[end - 1].text
        hit = fuzzy_match(last, self.kb, self.settings)
        if hit is None or len(hit[0]) != 1 or hit[1] < self.settings.threshold:
            return None
        actor_id = hit[0][0]
        if end - start >= 2 and not self._first_name_fits(self.doc[end - 2].text, actor_id):
            return None
        return Mention(start, end, actor_id, hit[1], "fuzzy")

    # -- role phrases --

    def _role_mentions(self, names: list[Mention]) -> list[Mention]:
        adjectives = adjective_countries(self.doc, self.kb, self.table)
        name_at = {m.start: m for m in names}
        covered = _covered(names)
        result: list[Mention] = []
        consumed: set[int] = set()
        i = 0
        while i < len(self.doc):
            upper = self.table.texts[i][:1].isupper()  # find_phrase starts at capitalised nouns
            phrase = (
                find_phrase(self.doc, i, self.kb, adjectives, name_at, self.table.texts)
                if upper and i not in covered
                else None
            )
            if phrase is None:
                i += 1
                continue
            mention, used = self._phrase_mention(phrase, name_at)
            if mention is None and used is None:
                i += 1
                continue
            for name in names:
                if phrase.start <= name.start and name.end <= max(phrase.end, mention.end if mention else 0):
                    consumed.add(id(name))
            if used is not None:
                consumed.add(id(used))
            if mention is not None:
                result.append(mention)
            i = max(phrase.end, mention.end if mention else phrase.end)
        result += [name for name in names if id(name) not in consumed and not _overlaps_any(name, result)]
        return result

    def _phrase_mention(
        self, phrase: RolePhrase, name_at: dict[int, Mention]
    ) -> tuple[Mention | None, Mention | None]:
        name_start = self._name_start(phrase.end)
        name = name_at.get(name_start)
        if name is not None and not self._is_person(name):
            name = None if phrase.kind != "sector" else name
        if phrase.kind == "sector":
            if name is not None:
                return None, None
            return self._sector_with_name(
                phrase, name_start, self._unknown_name_end(name_start, name_at)
            ), None
        if name is not None:
            return self._combined(phrase, name), name
        unknown_end = self._unknown_name_end(name_start, name_at)
        if phrase.kind == "role":
            holders = role_holders(phrase, self.kb, self.start, self.end)
            if unknown_end > name_start:
                return self._role_with_unknown_name(phrase, holders, name_start, unknown_end), None
            return self._role_only(phrase, holders), None
        if unknown_end > name_start:
            found = self._lookup_unknown(name_start, unknown_end)
            if found is not None:
                return self._combined(phrase, found), None
            return self._local_person(phrase, name_start, unknown_end), None
        return None, None

    def _sector_with_name(self, phrase: RolePhrase, start: int, end: int) -> Mention | None:
        """ "der französische Staatsanwalt François Molins" is a person, "das kanadische
        Unternehmen TransCanada" an organisation; without a name the sector actor."""
        if end == start or (end - start == 1 and is_common_word(self.doc[start].text)):
            return self._sector_mention(phrase)
        noun = self.doc[phrase.noun].lower_
        label = self.kb.lexicon.descriptors.get(noun)
        text = self.doc[start:end].text
        actor_type = "person" if label else "organisation"
        local = {"name": text, "type": actor_type, "country": phrase.country, "role": label}
        return Mention(phrase.start, end, f"local:{slugify(text)}", self.conf["local"], "local", local=local)

    def _name_start(self, index: int) -> int:
        if index < len(self.doc) and self.doc[index].text == ",":
            return index + 1
        return index

    def _is_person(self, mention: Mention) -> bool:
        ids = mention.candidates or ((mention.actor_id,) if mention.actor_id else ())
        return any((actor := self.kb.get(i)) is not None and actor.type == "person" for i in ids)

    def _unknown_name_end(self, start: int, name_at: dict[int, Mention]) -> int:
        end = start
        texts, name = self.table.texts, self.table.name_like
        while end < len(texts) and end - start < self.settings.max_name_tokens:
            if not name[end] or (end in name_at and end > start) or self._is_role_word(texts[end].lower()):
                break
            end += 1
        if end - start == 1 and is_common_word(texts[start]):
            return start
        return end

    def _is_role_word(self, word: str) -> bool:
        lexicon = self.kb.lexicon
        return word in lexicon.role_nouns or word in lexicon.sector_nouns or word in lexicon.descriptors

    def _combined(self, phrase: RolePhrase, name: Mention) -> Mention:
        holders = role_holders(phrase, self.kb, self.start, self.end) if phrase.kind == "role" else []
        candidates = name.candidates or ((name.actor_id,) if name.actor_id else ())
        confirmed = [c for c in candidates if c in holders]
        role = _first(role_keys(phrase, self.kb)) if phrase.kind == "role" else phrase.label
        if confirmed:
            return Mention(
                phrase.start, name.end, confirmed[0], self.conf["role+name"], "role+name", role=role
            )
        return Mention(  # the role did not confirm the name: keep the name, not the role
            phrase.start,
            name.end,
            name.actor_id,
            name.confidence,
            name.how,
            role=role if name.local else None,
            candidates=name.candidates,
            local=name.local,
        )

    def _role_with_unknown_name(
        self, phrase: RolePhrase, holders: list[str], start: int, end: int
    ) -> Mention:
        found = self._lookup_unknown(start, end)
        if found is not None:
            return self._combined(phrase, found)
        text = self.doc[start:end].text
        for holder in holders:
            actor = self.kb.get(holder)
            names = actor.all_names() if actor else []
            if any(fuzz.token_set_ratio(translit_key(text), translit_key(n)) >= SIMILAR_NAME for n in names):
                return Mention(
                    phrase.start,
                    end,
                    holder,
                    self.conf["role"],
                    "role+name",
                    role=_first(role_keys(phrase, self.kb)),
                )
        return self._local_person(phrase, start, end)

    def _role_only(self, phrase: RolePhrase, holders: list[str]) -> Mention | None:
        if not holders:
            return None
        role = _first(role_keys(phrase, self.kb))
        if len(holders) == 1:
            return Mention(phrase.start, phrase.end, holders[0], self.conf["role"], "role", role=role)
        return Mention(
            phrase.start, phrase.end, None, self.conf["role"], "role", role=role, candidates=tuple(holders)
        )

    def _local_person(self, phrase: RolePhrase, start: int, end: int) -> Mention:
        text = self.doc[start:end].text
        role = _first(role_keys(phrase, self.kb)) if phrase.kind == "role" else phrase.label
        local = {"name": text, "type": "person", "country": phrase.country, "role": role or phrase.label}
        return Mention(
            phrase.start, end, f"local:{slugify(text)}", self.conf["local"], "local", role=role, local=local
        )

    def _sector_mention(self, phrase: RolePhrase) -> Mention | None:
        sector = self.kb.lexicon.sectors.get(phrase.sector or "")
        body = phrase.of if phrase.of and not _is_country_id(phrase.of) else None
        if sector is None or (phrase.country is None and body is None):
            return None
        if body is not None:
            return Mention(phrase.start, phrase.end, body, self.conf["sector"], "sector")
        country = phrase.country
        assert country is not None
        cameo = f"{country}{sector.cameo}"
        if sector.key == "gov":
            return Mention(phrase.start, phrase.end, country, self.conf["sector"], "sector", cameo=cameo)
        country_actor = self.kb.get(country)
        country_name = country_actor.name if country_actor else country
        local: dict[str, str | None] = {
            "name": sector.name.format(country=country_name),
            "type": sector.type,
            "country": country,
            "role": sector.key,
        }
        return Mention(
            phrase.start,
            phrase.end,
            f"{country}:{sector.key}",
            self.conf["sector"],
            "sector",
            cameo=cameo,
            local=local,
        )

    # -- NER and fuzzy --

    def _ner_mentions(self, mentions: list[Mention]) -> list[Mention]:
        """PER/ORG entities nothing else covered: a misspelt KB actor or a local actor.
        Entity edges are trimmed to name-like tokens that are no role words
        ("Vorgänger Nasabarjew" -> "Nasabarjew");
        entities made only of dictionary words ("Ölfeld", "Meer") are NER noise."""
        found: list[Mention] = []
        for ent in self.doc.ents:
            actor_type = NER_LABELS.get(ent.label_)
            span = self._trim_entity(ent) if actor_type else None
            if span is None or _overlaps_any(Mention(span.start, span.end, None, 0, ""), mentions + found):
                continue
            mention = self._resolve_entity(span, actor_type or "unknown")
            if mention is not None:
                found.append(mention)
        return found

    def _trim_entity(self, ent: Span) -> Span | None:
        tokens = [t for t in ent if name_like(t) and not self._is_role_word(t.lower_)]
        if not tokens or all(
            is_common_word(t.text) and fold(t.text) not in self.kb.first_names for t in tokens
        ):
            return None
        return self.doc[tokens[0].i : tokens[-1].i + 1]

    def _resolve_entity(self, span: Span, actor_type: str) -> Mention | None:
        if actor_type == "person":
            found = self._lookup_unknown(span.start, span.end)
            if found is not None:
                return found
        if _is_place_name(span.text):
            return None  # "St. Petersburg" tagged PER: a place, left to lagebild.places
        local = {"name": span.text, "type": actor_type, "country": None, "role": None}
        return Mention(
            span.start, span.end, f"local:{slugify(span.text)}", self.conf["local"], "local", local=local
        )

    def _fuzzy_mentions(self, mentions: list[Mention]) -> list[Mention]:
        taken = _covered(mentions)
        found = []
        for token in fuzzy_candidates(self.doc, self.settings, taken, self.table):
            hit = fuzzy_match(token.text, self.kb, self.settings)
            if hit is None:
                continue
            ids, score = hit
            actor_id = ids[0] if len(ids) == 1 else None
            found.append(Mention(token.i, token.i + 1, actor_id, score, "fuzzy", candidates=ids))
        return found

    # -- document context --

    def _open_names(self, mentions: list[Mention]) -> list[Mention]:
        """Unlinked capitalised tokens: candidates for coreference with an earlier full name."""
        taken = _covered(mentions)
        name = self.table.name_like
        return [
            Mention(i, i + 1, None, 0.0, "open")
            for i, text in enumerate(self.table.texts)
            if i not in taken and name[i] and len(text) >= 3
        ]

    def _coreference(self, mentions: list[Mention]) -> None:
        """A surname (or a misspelt one) after a full name links to that name's actor."""
        seen: dict[str, str] = {}
        for mention in mentions:
            text = self.table.text(mention.start, mention.end)
            if mention.length == 1 and mention.how in SHORT_NAME_HOWS:
                key = translit_key(text)
                key_gen = translit_key(text[:-1]) if text.endswith("s") else None
                target = seen.get(key) or (seen.get(key_gen) if key_gen else None)
                if target:
                    local = self._local_of(target, mentions)
                    mention.actor_id, mention.how, mention.local = target, "coref", local or {}
                    mention.confidence = self.conf["local"] if local else self.conf["coref"]
                    continue
            if mention.actor_id and self._mention_type(mention) == "person":
                for name in self._person_names(mention, text):
                    surname = name.split()[-1] if name.split() else name
                    seen.setdefault(translit_key(surname), mention.actor_id)

    def _person_names(self, mention: Mention, text: str) -> list[str]:
        if mention.local:
            return [str(mention.local.get("name") or text)]
        names = [text] if mention.how in ("name", "key", "role+name") else []
        actor = self.kb.get(mention.actor_id)
        if actor is not None and mention.length >= 2:
            names.append(actor.name)
        return [n for n in names if len(n.split()) >= 2 or mention.how != "role"]

    def _local_of(self, actor_id: str, mentions: list[Mention]) -> dict[str, Any] | None:
        for mention in mentions:
            if mention.actor_id == actor_id and mention.local:
                return mention.local
        return None

    def _mention_type(self, mention: Mention) -> str | None:
        if mention.local:
            return mention.local.get("type")
        actor = self.kb.get(mention.actor_id)
        return actor.type if actor else None

    def _choose_candidates(self, mentions: list[Mention]) -> None:
        """Ambiguous names: prefer an actor linked elsewhere in the document, then one in office."""
        linked = {m.actor_id for m in mentions if m.actor_id and not m.local}
        for mention in mentions:
            if mention.actor_id or len(mention.candidates) < 2:
                continue
            in_doc = [c for c in mention.candidates if c in linked]
            active = [c for c in mention.candidates if self._active(c)]
            pick = in_doc if len(in_doc) == 1 else active if len(active) == 1 else None
            if pick:
                mention.actor_id, mention.how = pick[0], "context"
                mention.confidence = min(mention.confidence, self.conf["context"])
            else:
                mention.confidence = self.conf["ambiguous"]

    def _active(self, actor_id: str) -> bool:
        actor = self.kb.get(actor_id)
        return actor is not None and any(role.active(self.start, self.end) for role in actor.roles)


def _is_place_name(text: str) -> bool:
    """Whether the places gazetteer (optional component) knows ``text`` as a place."""
    try:
        from ..places.gazetteer import get_gazetteer
    except ImportError:  # the places component is not installed
        return False
    try:
        return bool(get_gazetteer().candidates(text))
    except Exception:
        logger.debug("places gazetteer unavailable", exc_info=True)
        return False


def _covered(mentions: Iterable[Mention]) -> set[int]:
    return {i for m in mentions for i in range(m.start, m.end)}


def _overlaps_any(mention: Mention, others: Iterable[Mention]) -> bool:
    return any(mention.overlaps(other) for other in others)


def _first(items: list[str]) -> str | None:
    return items[0] if items else None


def _is_country_id(actor_id: str) -> bool:
    return len(actor_id) == 3 and actor_id.isupper()


# --- output -------------------------------------------------------------------------------


def write_actors(doc: Doc, mentions: list[Mention], kb: KnowledgeBase, when: dt.date) -> None:
    """Fill ``doc._.actors``, ``doc._.actor_mentions`` and ``span._.actor_id``."""
    actors: dict[str, dict[str, Any]] = {}
    spans = []
    for mention in mentions:
        assert mention.actor_id is not None
        span = Span(doc, mention.start, mention.end, label=_label(mention, kb))
        span._.actor_id = mention.actor_id
        spans.append(span)
        record = actors.get(mention.actor_id)
        if record is None:
            record = actors[mention.actor_id] = _actor_record(mention, kb, when)
        record["mentions"].append([span.start_char, span.end_char])
        if span.text not in record["aliases"]:
            record["aliases"].append(span.text)
        record["confidence"] = round(max(record["confidence"], mention.confidence), 3)
        if mention.role and not record.get("role"):
            record["role"] = mention.role
        if mention.cameo:  # a government mention makes the country a government actor
            record["cameo"] = mention.cameo
    doc._.actor_mentions = spans
    doc._.actors = list(actors.values())


def _label(mention: Mention, kb: KnowledgeBase) -> str:
    if mention.local:
        return str(mention.local.get("type") or "unknown").upper()
    actor = kb.get(mention.actor_id)
    return actor.type.upper() if actor else "UNKNOWN"


def _actor_record(mention: Mention, kb: KnowledgeBase, when: dt.date) -> dict[str, Any]:
    actor = kb.get(mention.actor_id)
    if actor is None:
        local = mention.local
        return {
            "id": mention.actor_id,
            "name": local.get("name"),
            "type": local.get("type") or "unknown",
            "country": local.get("country"),
            "role": local.get("role") or mention.role,
            "aliases": [],
            "mentions": [],
            "cameo": mention.cameo,
            "confidence": mention.confidence,
            "gender": None,
        }
    return {
        "id": actor.id,
        "name": actor.name,
        "type": actor.type,
        "country": actor.country,
        "role": mention.role or _current_role(actor, when),
        "aliases": [],
        "mentions": [],
        "cameo": mention.cameo or _actor_cameo(actor, when, kb),
        "confidence": mention.confidence,
        "gender": actor.gender,
    }


def _current_role(actor: Any, when: dt.date) -> str | None:
    active = [role for role in actor.roles if role.active(when)]
    return active[0].role if active else None


def _actor_cameo(actor: Any, when: dt.date, kb: KnowledgeBase) -> str | None:
    """The actor's CAMEO code; for persons that of the office held on the article date."""
    if actor.cameo:
        return actor.cameo
    if actor.type != "person":
        return None
    for role in actor.roles:
        if role.active(when):
            if role.cameo:
                return role.cameo
            body = kb.get(role.of)
            if body is not None and body.type != "country":
                return body.cameo
            return f"{role.of}GOV" if role.of else None
    return actor.country


__all__ = ["DEFAULT_CONFIG", "FACTORY", "ActorLinker", "default_settings", "make_actor_linker"]
