"""The per-Doc text cache (``lagebild.extensions.doc_text``)."""

from __future__ import annotations

import spacy

from lagebild.extensions import doc_text


def test_text_is_joined_once_and_kept() -> None:
    nlp = spacy.blank("de")
    doc = nlp("Die Ministerin reiste am Montag nach Riga.  Dort sprach sie.")
    first = doc_text(doc)
    assert first == doc.text
    assert doc_text(doc) is first  # the kept string, not a new join


def test_a_copied_cache_of_another_text_is_not_used() -> None:
    nlp = spacy.blank("de")
    doc = nlp("Erster Satz hier. Zweiter Satz dort.")
    doc_text(doc)
    part = doc[4:].as_doc()  # copies user_data, including the whole Doc's text
    assert doc_text(part) == part.text == "Zweiter Satz dort."


def test_empty_doc() -> None:
    assert doc_text(spacy.blank("de")("")) == ""


def test_the_tokenized_text_is_remembered_as_the_doc_text() -> None:
    from lagebild.extensions import remember_text

    nlp = spacy.blank("de")
    text = "Erster Satz.\n\nZweiter  Satz."
    doc = nlp(text)
    remember_text(doc, text)
    assert doc_text(doc) is text  # no join
    other = nlp("Ein anderer Text.")
    remember_text(other, "zu kurz")  # not the Doc's text: not kept
    assert doc_text(other) == other.text
