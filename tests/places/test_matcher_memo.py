"""Per-Doc memos of the place matcher: token tables, ``doc_text`` and ``datelines``."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from lagebild.places.gazetteer import get_gazetteer
from lagebild.places.matcher import _Tokens, datelines, doc_text


def _line_start(doc: Doc, i: int) -> bool:
    """The definition: the first word of the text or of a line."""
    return i == 0 or "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_ or doc[i - 1].is_space


def test_token_table_matches_the_doc() -> None:
    nlp = spacy.blank("de")
    doc = nlp("GRAZ – Erste Zeile.\nZweite  Zeile mit Linz\n\n  LINZ (apa) – Dritte Zeile.")
    tokens = _Tokens(doc)
    assert len(tokens) == len(doc)
    assert tokens.text == doc.text
    assert tokens.words == [t.text for t in doc]
    assert tokens.starts == [t.idx for t in doc]
    assert tokens.line_starts == [_line_start(doc, i) for i in range(len(doc))]
    assert sum(tokens.line_starts) >= 3


def test_doc_text_follows_the_doc_asked_for() -> None:
    nlp = spacy.blank("de")
    first, second = nlp("Ein erster Text."), nlp("Ein zweiter, anderer Text.")
    assert doc_text(first) == first.text
    assert doc_text(second) == second.text
    assert doc_text(first) == first.text


def test_datelines_are_per_doc_and_handed_out_fresh() -> None:
    nlp = spacy.blank("de")
    gazetteer = get_gazetteer()
    with_dateline = nlp("WIEN (apa) – Die Regierung tagte.\n\nGraz – Auch dort wurde beraten.")
    without = nlp("Die Regierung tagte in Wien. Auch in Graz wurde beraten.")
    found = datelines(with_dateline, gazetteer)
    assert [with_dateline.text[s:e] for s, e, _ in found] == ["WIEN", "Graz"]
    found.clear()  # the caller's list, not the memo
    assert len(datelines(with_dateline, gazetteer)) == 2
    assert datelines(without, gazetteer) == []
    again = nlp(with_dateline.text)  # same text, another Doc
    assert [c.place.id for _, _, c in datelines(again, gazetteer)] == [
        c.place.id for _, _, c in datelines(with_dateline, gazetteer)
    ]
    assert datelines(without, gazetteer) == []
