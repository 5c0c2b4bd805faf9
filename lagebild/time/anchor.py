"""Dates for events: the governing time expression of a span, else the article date.

``date_for_span(doc, span)`` returns a date interval dict ``{"start", "end", "precision",
"value", "source", "timex"}``:

1. a DATE/TIME timex of ``doc._.timexes`` in the same sentence whose clause verb is the span's
   clause verb (via the dependency parse, when the doc has one) — ``source: "clause"``;
2. else the timex nearest to the span in the same sentence — ``source: "sentence"``;
3. else the article date, widened honestly: a reported event happened on or before the end
   of the article date, but we cannot say how long before, so ``start`` is None, ``end`` is the
   last possible article day and ``precision`` is ``unknown`` — ``source: "article"``.
   (An announced future event is the caller's business: it sees ``source`` and can drop ``end``.)
4. no article date either: everything None — ``source: "none"``.

Only timexes with an interval count (``damals``, ``zwei Wochen`` have none).
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span, Token

from ..extensions import register_extensions

_VERB_POS = {"VERB", "AUX"}


def date_for_span(doc: Doc, span: Span) -> dict[str, Any]:
    """The date interval of the event expressed by ``span`` (see module docstring)."""
    register_extensions()
    sent = _sentence(doc, span)
    timexes = [
        tx
        for tx in (doc._.timexes or [])
        if tx.get("type") in ("DATE", "TIME")
        and tx.get("start")
        and tx.get("end")
        and sent.start_char <= tx["span"][0] < sent.end_char
    ]
    if timexes:
        clause = [tx for tx in timexes if _same_clause(doc, span, tx)]
        if clause:
            return _from_timex(_nearest(clause, span), "clause")
        return _from_timex(_nearest(timexes, span), "sentence")
    return _from_article(doc)


def _sentence(doc: Doc, span: Span) -> Span:
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return span.sent
    return doc[:]


def _nearest(timexes: list[dict[str, Any]], span: Span) -> dict[str, Any]:
    def distance(tx: dict[str, Any]) -> int:
        start, end = tx["span"]
        return max(start - span.end_char, span.start_char - end, 0)

    return min(timexes, key=distance)


def _clause_verb(token: Token) -> Token | None:
    """The closest verb at or above ``token`` in the parse; None without a parse."""
    seen = 0
    while seen < 50:
        if token.pos_ in _VERB_POS:
            return token
        if token.head.i == token.i:
            return None
        token = token.head
        seen += 1
    return None


def _same_clause(doc: Doc, span: Span, tx: dict[str, Any]) -> bool:
    if not doc.has_annotation("DEP"):
        return False
    tx_span = doc.char_span(tx["span"][0], tx["span"][1], alignment_mode="expand")
    if tx_span is None or len(tx_span) == 0:
        return False
    event_verb = _clause_verb(span.root)
    return event_verb is not None and _clause_verb(tx_span.root) == event_verb


def _from_timex(tx: dict[str, Any], source: str) -> dict[str, Any]:
    return {
        "start": tx["start"],
        "end": tx["end"],
        "precision": tx.get("precision", "unknown"),
        "value": tx.get("value"),
        "source": source,
        "timex": list(tx["span"]),
    }


def _from_article(doc: Doc) -> dict[str, Any]:
    date = doc._.doc_date
    if date is None:
        return {
            "start": None,
            "end": None,
            "precision": "unknown",
            "value": None,
            "source": "none",
            "timex": None,
        }
    return {
        "start": None,
        "end": date.end.isoformat(),
        "precision": "unknown",
        "value": None,
        "source": "article",
        "timex": None,
    }
