"""Finding place mentions in a Doc: gazetteer names (token n-grams) plus the NER's locations.

The gazetteer is matched on token boundaries by looking up the text of every token n-gram
(longest first) in the name index.  That is what a ``PhraseMatcher`` over all names would do,
but it needs no pattern docs (60,000+ names would take seconds to tokenise per process), is
independent of the tokenizer's settings and also reads hyphenated compounds
(``Moskau-Reise``: the ``Moskau`` part) and ALL-CAPS datelines (``MOSKAU``).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span

from ..extensions import doc_text
from ..nlp.arrays import columns, read
from .gazetteer import STRONG, WEAK, Candidate, Gazetteer, choose, focus_countries
from .lexicon import Prepositions

LOCATION_LABELS = frozenset({"LOC", "GPE"})
PERSON_LABELS = frozenset({"PER", "PERSON"})
BLOCKING_LABELS = PERSON_LABELS | {"ORG"}
# datelines name cities; "Kasachstan – Russlands schwieriger Partner" is a headline
DATELINE_KINDS = frozenset({"city"})
_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-ZÄÖÜ][\w.'’ -]{1,40}?)"  # the place (maybe several words)
    r"(?:\s*/\s*[A-ZÄÖÜ][\w.' -]{1,40}?)?"  # a second place: "Berlin/Moskau"
    r"(?:,[^\n()–—]{1,30}?)?"  # a date: "Wien, 3. März"
    r"(?:\s*\([^()\n]{1,40}\))?"  # the agency: "(dpa)"
    r"\s*(?:[–—]|\s-{1,2})\s",
    re.MULTILINE,
)


@dataclass
class Mention:
    """A candidate place mention: token range, character range and gazetteer readings."""

    start: int
    end: int
    start_char: int
    end_char: int
    candidates: list[Candidate]
    surface: str
    source: str = "gazetteer"
    compound: bool = False
    dateline: bool = False


class _Tokens:
    """Token texts, character offsets and line starts (the first word of the text or of a
    line, where datelines stand) of a Doc, read once: indexing a Doc creates a ``Token``."""

    def __init__(self, doc: Doc) -> None:
        self.text = doc_text(doc)
        orth, idx, space = columns(doc, ("ORTH", "IDX", "IS_SPACE"))
        self.words: list[str] = read(orth, doc.vocab.strings.__getitem__)
        self.starts: list[int] = idx
        # a token's trailing whitespace is one space at most: a line break is a token of its own
        breaks = [bool(is_space) or "\n" in word for word, is_space in zip(self.words, space, strict=True)]
        self.line_starts: list[bool] = [True, *breaks[:-1]] if breaks else []

    def __len__(self) -> int:
        return len(self.words)


def gazetteer_mentions(doc: Doc, gazetteer: Gazetteer, *, compounds: bool = True) -> list[Mention]:
    """Longest non-overlapping gazetteer matches, left to right."""
    mentions = []
    tokens = _Tokens(doc)
    words = tokens.words
    i = 0
    max_tokens = gazetteer.max_words + 3  # "St. Petersburg", "Halle (Saale)" have more tokens
    while i < len(words):
        mention = _longest_at(tokens, i, gazetteer, max_tokens) if _may_start(tokens, i, gazetteer) else None
        if mention is None and compounds and "-" in words[i]:
            mention = _compound_at(doc, i, gazetteer)
        if mention is None:
            i += 1
            continue
        mentions.append(mention)
        i = mention.end
    return mentions


def _may_start(tokens: _Tokens, i: int, gazetteer: Gazetteer) -> bool:
    """A capitalised word that some gazetteer name begins with (most words are none)."""
    word = tokens.words[i]
    if not word[:1].isupper():
        return False
    end = tokens.starts[i] + len(word)
    if tokens.text[end : end + 1].isalnum():
        return True  # glued to the next token: its letters continue the lead, try every length
    return gazetteer.may_start(word, caps=tokens.line_starts[i])


def _longest_at(tokens: _Tokens, i: int, gazetteer: Gazetteer, max_tokens: int) -> Mention | None:
    text, words, starts = tokens.text, tokens.words, tokens.starts
    start_char = starts[i]
    caps = tokens.line_starts[i]
    for end in range(min(len(words), i + max_tokens), i, -1):
        end_char = starts[end - 1] + len(words[end - 1])
        surface = text[start_char:end_char]
        if "\n" in surface:
            continue
        candidates = gazetteer.candidates(surface, caps=caps)
        if candidates:
            return Mention(i, end, start_char, end_char, candidates, surface)
    return None


def _compound_at(doc: Doc, i: int, gazetteer: Gazetteer) -> Mention | None:
    """``Moskau-Reise`` → ``Moskau``: the longest hyphen-delimited prefix that is a strong name."""
    token = doc[i]
    parts = token.text.split("-")
    for size in range(len(parts) - 1, 0, -1):
        surface = "-".join(parts[:size])
        candidates = [c for c in gazetteer.candidates(surface, caps=False) if c.strength == STRONG]
        if candidates and len(surface) >= 2:
            return Mention(i, i + 1, token.idx, token.idx + len(surface), candidates, surface, compound=True)
    return None


def ner_mentions(doc: Doc, gazetteer: Gazetteer) -> Iterator[Mention]:
    """The NER's location entities, with their gazetteer readings (if any)."""
    for ent in doc.ents:
        if ent.label_ in LOCATION_LABELS:
            yield Mention(
                ent.start,
                ent.end,
                ent.start_char,
                ent.end_char,
                _ner_candidates(ent, gazetteer),
                ent.text,
                source="ner",
            )


def _ner_candidates(ent: Span, gazetteer: Gazetteer) -> list[Candidate]:
    text = " ".join(ent.text.split())
    for surface in (text, text.removesuffix("s"), text.removesuffix("es")):
        found = gazetteer.candidates(surface)
        if found:
            return found
    return []


# the last Doc's datelines: the event coder asks once per event; they depend only on the
# Doc's text, which never changes
_last_datelines: tuple[weakref.ref[Doc], Gazetteer, list[tuple[int, int, Candidate]]] | None = None


def datelines(doc: Doc, gazetteer: Gazetteer) -> list[tuple[int, int, Candidate]]:
    """Datelines at the start of the text or of a line: ``(start_char, end_char, reading)``
    (found once per Doc and gazetteer; a new list is handed out each time)."""
    global _last_datelines
    last = _last_datelines
    if last is not None and last[0]() is doc and last[1] is gazetteer:
        return list(last[2])
    found = _find_datelines(doc_text(doc), gazetteer)
    _last_datelines = (weakref.ref(doc), gazetteer, found)
    return list(found)


def _find_datelines(text: str, gazetteer: Gazetteer) -> list[tuple[int, int, Candidate]]:
    found = []
    for match in _DATELINE.finditer(text):
        surface = match.group("place").strip()
        best = choose(c for c in gazetteer.candidates(surface) if c.place.kind in DATELINE_KINDS)
        if best is not None:
            start = match.start("place") + (len(match.group("place")) - len(match.group("place").lstrip()))
            found.append((start, start + len(surface), best))
    return found


def find_places(
    doc: Doc,
    gazetteer: Gazetteer,
    prepositions: Prepositions,
    *,
    use_ner: bool = True,
    keep_unknown: bool = True,
    compounds: bool = True,
    weak_min_population: int = 5_000_000,
) -> list[dict[str, Any]]:
    """All place mentions of ``doc`` as ``doc._.places`` dicts, in text order.

    ``weak_min_population``: a mention known only by weak names (GeoNames alternate names)
    needs the NER's LOC or a preposition unless one of its readings has this many inhabitants.
    """
    mentions = gazetteer_mentions(doc, gazetteer, compounds=compounds)
    if use_ner and doc.has_annotation("ENT_IOB"):
        mentions = _merge_ner(doc, mentions, list(ner_mentions(doc, gazetteer)))
    located = _ner_locations(doc) if use_ner else set()
    mentions = [
        m for m in mentions if _accepted(doc, m, gazetteer, prepositions, located, weak_min_population)
    ]
    dateline_spans = [(s, e) for s, e, _ in datelines(doc, gazetteer)]
    for mention in mentions:
        mention.dateline = any(s <= mention.start_char < e for s, e in dateline_spans)
    focus = focus_countries(m.candidates for m in mentions if m.candidates)
    places = [_place_dict(doc, m, focus) for m in mentions]
    return [p for p in places if keep_unknown or p["id"] is not None]


def _merge_ner(doc: Doc, mentions: list[Mention], ner: list[Mention]) -> list[Mention]:
    """Drop gazetteer matches inside person/organisation names; add NER locations the
    gazetteer missed."""
    names = [_trim(ent) for ent in doc.ents if ent.label_ in BLOCKING_LABELS]
    kept = [m for m in mentions if _genitive_form(m) or not any(_inside_name(m, e) for e in names)]
    covered = {i for m in kept for i in range(m.start, m.end)}
    extra = [m for m in ner if not any(i in covered for i in range(m.start, m.end))]
    return sorted(kept + extra, key=lambda m: m.start_char)


def _trim(ent: Span) -> Span:
    """The entity without punctuation at its edges (``St. Petersburg.`` → ``St. Petersburg``)."""
    start, end = ent.start, ent.end
    while end - 1 > start and ent.doc[end - 1].is_punct:
        end -= 1
    return ent.doc[start:end]


def _genitive_form(mention: Mention) -> bool:
    """``Russlands``: a genitive is never part of a person's or firm's name."""
    return mention.end - mention.start == 1 and _genitive(mention.candidates)


def _inside_name(mention: Mention, ent: Span) -> bool:
    """A match is part of a name when the entity is longer and all its words are capitalised
    (``Paris Hilton``, ``Universität Wien``; not ``Moskau`` alone, which news NER often tags as
    ORG for the government, nor an over-long entity running into lowercase words).  A city
    name tagged as a person on its own (``Jackson``) is a person; countries, regions and waters
    are only given up to a person's name."""
    if not (ent.start <= mention.start and mention.end <= ent.end):
        return False
    cities = all(c.place.kind == "city" for c in mention.candidates)
    if (ent.start, ent.end) == (mention.start, mention.end):
        return ent.label_ in PERSON_LABELS and cities and len(ent) == 1
    if ent.label_ not in PERSON_LABELS and not cities:
        return False  # "Russlands Ölsektor" tagged ORG is still Russia
    return all(not token.is_alpha or token.text[:1].isupper() for token in ent)


def _ner_locations(doc: Doc) -> set[int]:
    if not doc.has_annotation("ENT_IOB"):
        return set()
    return {i for ent in doc.ents if ent.label_ in LOCATION_LABELS for i in range(ent.start, ent.end)}


def _accepted(
    doc: Doc, mention: Mention, gazetteer: Gazetteer, preps: Prepositions, located: set[int], weak_min: int
) -> bool:
    """NER locations always; name-like uses (``Paris Hilton``) only after a locative or
    directional preposition (``in Berlin Gespräche führen``); ambiguous names (``Essen``) and
    minor weak names only after a licensing preposition (``in Essen``)."""
    if mention.source == "ner" or mention.start in located:
        return True
    surface = mention.surface
    if _name_like(doc, mention, surface, gazetteer):
        return _after_preposition(doc, mention, preps.locative | preps.directional)
    if _needs_licence(mention, surface, gazetteer, weak_min):
        return _after_preposition(doc, mention, preps.licensing)
    return True


def _needs_licence(mention: Mention, surface: str, gazetteer: Gazetteer, weak_min_population: int) -> bool:
    if surface in gazetteer.ambiguous:
        return True
    if all(c.strength == WEAK for c in mention.candidates):
        return not any(c.place.population >= weak_min_population for c in mention.candidates)
    return False


def _name_like(doc: Doc, mention: Mention, surface: str, gazetteer: Gazetteer) -> bool:
    """A one-word city or region followed by a proper noun: a person's or firm's name
    (``Paris Hilton``; not a genitive: ``Moskaus Position``)."""
    if mention.end - mention.start != 1 or mention.compound or mention.end >= len(doc):
        return False
    if _genitive(mention.candidates):
        return False
    if all(c.place.kind in ("country", "continent") for c in mention.candidates):
        return False
    following = doc[mention.end]
    if following.pos_ in ("VERB", "AUX", "ADP", "DET", "PRON"):
        return False
    return following.is_alpha and following.text.istitle() and not following.is_sent_start


def _genitive(candidates: list[Candidate]) -> bool:
    """Read as the ``-s`` genitive of a strong name (``Moskaus``, ``Russlands``)."""
    return any(c.genitive for c in candidates)


def _after_preposition(doc: Doc, mention: Mention, words: frozenset[str]) -> bool:
    return mention.start > 0 and doc[mention.start - 1].lower_ in words


def _place_dict(doc: Doc, mention: Mention, focus: set[str]) -> dict[str, Any]:
    text = mention.surface
    best = choose(mention.candidates, focus=focus)
    data: dict[str, Any]
    if best is None:
        data = {"name": text, "id": None, "country": None, "lat": None, "lon": None, "kind": None}
    else:
        data = best.place.to_dict()
        if best.valid:
            data["valid"] = best.valid
        data["ambiguous"] = len(mention.candidates) > 1
    data.update(
        {
            "span": [mention.start_char, mention.end_char],
            "text": text,
            "source": mention.source,
            "tokens": [mention.start, mention.end],
        }
    )
    if mention.compound:
        data["compound"] = True
    if mention.dateline:
        data["dateline"] = True
    return data
