"""Event places: the locative place of an event's clause, else the dateline, else nothing.

``place_for_span(doc, span)`` returns ``{"name", "country", "lat", "lon"}`` (plus ``id``,
``kind``, ``text``, ``span`` and ``source``) or None:

1. a place mention in the span's sentence introduced by a locative preposition
   (``in/im/bei/nahe/vor/auf/an`` …, also ``nördlich von``), with at most a few articles,
   adjectives and place nouns between (``in der ukrainischen Hafenstadt Odessa``); among
   these, one inside the span or attached to the span's clause verb (dependency parse) wins —
   ``source: "clause"`` — else the nearest one — ``source: "sentence"``;
2. else the dateline of the article or of the span's paragraph (``Wien –``,
   ``MOSKAU (dpa) –``) — ``source: "dateline"``;
3. else None: a place named without a locative preposition (``Moskau erklärte``) is not the
   event's place, and nothing is invented.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span, Token

from ..extensions import register_extensions
from .gazetteer import get_gazetteer
from .lexicon import Prepositions, load_prepositions
from .matcher import datelines, doc_text, find_places

_VERB_POS = frozenset({"VERB", "AUX"})
_FINAL = frozenset(".!?")
_KEYS = ("name", "country", "lat", "lon", "id", "kind", "text", "span")


def place_for_span(doc: Doc, span: Span) -> dict[str, Any] | None:
    """The place of the event expressed by ``span`` (see module docstring)."""
    register_extensions()
    preps = load_prepositions()
    places = doc._.places
    if places is None:
        places = find_places(doc, get_gazetteer(), preps)
    start, end = _sentence_bounds(doc, span)
    locative = [
        p
        for p in places
        if p.get("id")
        and not p.get("compound")
        and not p.get("dateline")
        and start <= p["tokens"][0] < end
        and _is_locative(doc, p["tokens"][0], preps)
    ]
    if locative:
        clause = [p for p in locative if _inside(span, p) or _same_clause(doc, span, p)]
        if clause:
            return _result(_nearest(clause, span), "clause")
        return _result(_nearest(locative, span), "sentence")
    return _dateline_before(doc, span.start_char)


def dateline(doc: Doc) -> dict[str, Any] | None:
    """The place of the article's first dateline (``MOSKAU (dpa) –``), or None."""
    found = datelines(doc, get_gazetteer())
    if not found:
        return None
    start, end, candidate = found[0]
    return _from_candidate(doc, start, end, candidate)


def _dateline_before(doc: Doc, char: int) -> dict[str, Any] | None:
    before = [d for d in datelines(doc, get_gazetteer()) if d[0] <= char]
    if not before:
        return None
    start, end, candidate = before[-1]
    return _from_candidate(doc, start, end, candidate)


def _from_candidate(doc: Doc, start: int, end: int, candidate: Any) -> dict[str, Any]:
    data = candidate.place.to_dict()
    data.update({"text": doc_text(doc)[start:end], "span": [start, end], "source": "dateline"})
    return data


def _result(place: dict[str, Any], source: str) -> dict[str, Any]:
    data = {key: place.get(key) for key in _KEYS}
    data["source"] = source
    return data


def _sentence_bounds(doc: Doc, span: Span) -> tuple[int, int]:
    """Token range of the span's sentence (pipeline sentences, else final punctuation/lines)."""
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        sent = span.sent
        return sent.start, sent.end
    start = span.start
    while start > 0 and not _ends_sentence(doc[start - 1]):
        start -= 1
    end = span.end
    while end < len(doc) and not _ends_sentence(doc[end - 1]):
        end += 1
    return start, end


def _ends_sentence(token: Token) -> bool:
    return token.text in _FINAL or "\n" in token.text


def _is_locative(doc: Doc, index: int, preps: Prepositions) -> bool:
    """A locative preposition before the mention, with only modifiers/place nouns between."""
    for gap, i in enumerate(range(index - 1, max(-1, index - 2 - preps.max_gap), -1)):
        token = doc[i]
        word = token.lower_
        if word in preps.locative:
            return word not in preps.dative_only or _dative_article_after(doc, i, index, preps)
        if word == "von" and i > 0 and doc[i - 1].lower_ in preps.direction:
            return True
        if word in preps.direction:
            return True
        if gap >= preps.max_gap or not _modifier(token, preps):
            return False
    return False


def _dative_article_after(doc: Doc, i: int, index: int, preps: Prepositions) -> bool:
    return i + 1 < index and doc[i + 1].lower_ in preps.dative_articles


def _modifier(token: Token, preps: Prepositions) -> bool:
    if token.lower_ in preps.bridges and token.i > 0 and token.nbor(-1).text in preps.place_nouns:
        return True  # "im Hafen von Noworossijsk", "in der Nähe von Kiew"
    if token.lower_ in preps.licensing or token.lower_ in preps.locative:
        return False
    if token.text in preps.place_nouns:
        return True
    if token.pos_ in ("DET", "ADJ", "NUM"):
        return True
    return not token.pos_ and token.text[:1].islower() and token.is_alpha


def _inside(span: Span, place: dict[str, Any]) -> bool:
    return span.start <= place["tokens"][0] < span.end


def _clause_verb(token: Token) -> Token | None:
    """The nearest verb at or above ``token`` in the dependency tree."""
    current = token
    for _ in range(50):
        if current.pos_ in _VERB_POS:
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _same_clause(doc: Doc, span: Span, place: dict[str, Any]) -> bool:
    if not doc.has_annotation("DEP"):
        return False
    verb = _clause_verb(span.root)
    return verb is not None and _clause_verb(doc[place["tokens"][0]]) == verb


def _nearest(places: list[dict[str, Any]], span: Span) -> dict[str, Any]:
    def distance(place: dict[str, Any]) -> int:
        first = place["tokens"][0]
        return 0 if span.start <= first < span.end else min(abs(first - span.start), abs(first - span.end))

    return min(places, key=distance)
