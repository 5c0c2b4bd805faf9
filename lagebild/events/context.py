"""What an event borrows from the other components: quotation (via), date, place, commodity.

Each lookup is defensive: when the component that provides it is not installed or did not run,
the event gets the article date, no place, and no ``via``.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc, Span, Token

from .detect import verb_key
from .lexicon import Lexicon
from .syntax import Grammar, is_participle, segment_of

log = logging.getLogger(__name__)
_PAST_AUXILIARIES = (
    "hat",
    "haben",
    "hatte",
    "hatten",
    "war",
    "waren",
    "wurde",
    "wurden",
    "worden",
    "ist",
    "sind",
)


def _optional(module: str, name: str) -> Callable[..., Any] | None:
    try:
        function = getattr(importlib.import_module(module), name, None)
    except Exception:
        log.debug("%s not importable", module)
        return None
    return function if callable(function) else None


class Context:
    """Per-Doc access to quotes, dates and places."""

    def __init__(self, doc: Doc, lexicon: Lexicon, grammar: Grammar) -> None:
        self.doc = doc
        self.quotes = [q for q in (_get(doc, "quotes") or []) if isinstance(q, dict) and q.get("span")]
        self._date_for_span = _optional("lagebild.time", "date_for_span")
        self._place_for_span = _optional("lagebild.places", "place_for_span")
        self._lexicon = lexicon
        self._grammar = grammar
        self._denials: dict[int, bool] = {}  # by id() of a quotation in ``quotes``

    def quote_at(self, char: int) -> dict[str, Any] | None:
        """The innermost quotation whose span contains character ``char``, with a denial flag."""
        inside = [q for q in self.quotes if q["span"][0] <= char < q["span"][1]]
        if not inside:
            return None
        innermost = min(inside, key=lambda q: q["span"][1] - q["span"][0])
        quote = dict(innermost)
        if not quote.get("denial"):
            # the cue is read once per quotation (every event told in it asks)
            denial = self._denials.get(id(innermost))
            if denial is None:
                denial = self._denials[id(innermost)] = self._denial_cue(quote)
            quote["denial"] = denial
        return quote

    def _denial_cue(self, quote: dict[str, Any]) -> bool:
        cues = self._lexicon.words("denied", "cues")
        span = quote.get("cue_span")
        tokens: list[Token] = []
        if isinstance(span, (list, tuple)) and len(span) == 2:
            found = self.doc.char_span(span[0], span[1], alignment_mode="expand")
            tokens = list(found) if found is not None else []
        elif quote.get("cue"):
            words = set(str(quote["cue"]).lower().split())
            tokens = [t for t in self.doc if t.lower_ in words]
        return any(verb_key(t, self._grammar, self._lexicon) in cues for t in tokens)

    @staticmethod
    def via(quote: dict[str, Any] | None) -> list[str]:
        if not quote:
            return []
        chain = [quote.get("speaker"), *(quote.get("via") or [])]
        return list(dict.fromkeys(str(actor) for actor in chain if actor))

    def date(self, span: Span) -> dict[str, str] | None:
        if self._date_for_span is not None:
            try:
                found = self._date_for_span(self.doc, span)
            except Exception:
                log.debug("date_for_span failed", exc_info=True)
                found = None
            if found:
                return dict(found)
        doc_date = _get(self.doc, "doc_date")
        return doc_date.to_dict() if doc_date is not None and hasattr(doc_date, "to_dict") else None

    def quote_date(self, quote: dict[str, Any] | None) -> dict[str, str] | None:
        """The date stated where a quotation is introduced ("sagte am 4. Juli: …"): what the
        speaker says there is dated by it when its own clause names no date."""
        if not quote or self._date_for_span is None:
            return None
        for key in ("cue_span", "speaker_span"):
            span = quote.get(key)
            if not isinstance(span, (list, tuple)) or len(span) != 2:
                continue
            found = self.doc.char_span(span[0], span[1], alignment_mode="expand")
            if found is None or len(found) == 0:
                continue
            try:
                date = self._date_for_span(self.doc, found)
            except Exception:
                log.debug("date_for_span failed", exc_info=True)
                return None
            if date and date.get("source") in ("clause", "sentence"):
                return {**dict(date), "source": "quote"}
            return None
        return None

    def is_future(self, date: dict[str, Any] | None, token: Token) -> bool:
        """Is the event dated by a time expression after the article date, and told in the
        present tense ("reist im März nach Delhi")?  Past-tense reports keep their status."""
        doc_date = _get(self.doc, "doc_date")
        if not date or doc_date is None or date.get("source") not in ("clause", "sentence"):
            return False
        start = date.get("start")
        return bool(start) and str(start) > doc_date.end.isoformat() and _present_tense(token)

    def place(self, span: Span) -> dict[str, Any] | None:
        if self._place_for_span is None:
            return None
        try:
            found = self._place_for_span(self.doc, span)
        except Exception:
            log.debug("place_for_span failed", exc_info=True)
            return None
        return dict(found) if found else None


def _present_tense(token: Token) -> bool:
    """No past tense in the predicate's clause segment (a weak tagger leaves Tense unset, so
    past forms and perfect/passive auxiliaries are looked for by their spelling too)."""
    segment = segment_of(token)
    for other in segment:
        if "Past" in other.morph.get("Tense", []) or other.lower_ in _PAST_AUXILIARIES:
            return False
        if other.pos_ in ("VERB", "AUX") and other.lower_.endswith(("te", "ten", "tet")):
            return False
    return not is_participle(token)


def _get(doc: Doc, name: str) -> Any:
    return getattr(doc._, name, None) if doc.has_extension(name) else None


# commodity words read from the last ``domains`` mapping (a new mapping is read anew)
_last_commodities: tuple[Any, dict[str, set[str]], dict[str, list[str]], tuple[str, ...]] | None = None


def _commodity_words(
    domains: dict[str, Any],
) -> tuple[dict[str, set[str]], dict[str, list[str]], tuple[str, ...]]:
    global _last_commodities
    last = _last_commodities
    if last is not None and last[0] is domains:
        return last[1], last[2], last[3]
    words = {str(k): {str(w).lower() for w in v} for k, v in (domains.get("commodities") or {}).items()}
    prefixes = {str(k): [str(w).lower() for w in v] for k, v in (domains.get("prefixes") or {}).items()}
    blocked = tuple(str(w).lower() for w in domains.get("not_prefixes") or ())
    _last_commodities = (domains, words, prefixes, blocked)
    return words, prefixes, blocked


def commodity(tokens: list[Token], lexicon: Lexicon) -> str | None:
    """The commodity named by the trigger or argument words (or a compound's first part)."""
    words, prefixes, blocked = _commodity_words(lexicon.domains)
    forms = [form for t in tokens for form in (t.lower_, t.lemma_.lower()) if not form.startswith(blocked)]
    for name, vocabulary in words.items():
        if any(form in vocabulary for form in forms):
            return name
    found = [
        (len(start), name)
        for name, starts in prefixes.items()
        for start in starts
        if any(form.startswith(start) and len(form) > len(start) + 2 for form in forms)
    ]
    return max(found)[1] if found else None
