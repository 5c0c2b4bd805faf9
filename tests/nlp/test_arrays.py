"""Whole-Doc attribute columns (lagebild.nlp.arrays)."""

from __future__ import annotations

import spacy

from lagebild.nlp.arrays import columns, read


def test_columns_by_token_index_for_one_and_several_attributes() -> None:
    nlp = spacy.blank("de")
    doc = nlp("Die Lage sei ernst.")
    strings = doc.vocab.strings
    (orth,) = columns(doc, ("ORTH",))  # spaCy returns one attribute as a flat array
    assert read(orth, strings.__getitem__) == [token.text for token in doc]
    lower, punct = columns(doc, ("LOWER", "IS_PUNCT"))
    assert [strings[key] for key in lower] == ["die", "lage", "sei", "ernst", "."]
    assert punct == [0, 0, 0, 0, 1]


def test_columns_of_an_empty_doc_are_empty() -> None:
    doc = spacy.blank("de")("")
    assert columns(doc, ("ORTH",)) == [[]]
    assert columns(doc, ("ORTH", "LOWER")) == [[], []]


def test_read_names_each_distinct_value_once() -> None:
    calls: list[int] = []

    def name(value: int) -> str:
        calls.append(value)
        return str(value)

    assert read([3, 1, 3, 3], name) == ["3", "1", "3", "3"]
    assert sorted(calls) == [1, 3]
