"""place_for_span and dateline on hand-built Docs (no trained model)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from lagebild.places import FACTORY_NAME, dateline, place_for_span


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("de")
    nlp.add_pipe(FACTORY_NAME)
    return nlp


def _token(doc: Doc, text: str):
    return next(token for token in doc if token.text == text)


def _span(doc: Doc, text: str):
    token = _token(doc, text)
    return doc[token.i : token.i + 1]


def test_locative_place_in_the_sentence(nlp):
    doc = nlp("Der Tanker explodierte im Hafen von Noworossijsk.")
    place = place_for_span(doc, _span(doc, "explodierte"))
    assert (place["name"], place["country"], place["source"]) == ("Novorossiysk", "RUS", "sentence")
    assert place["lat"] == pytest.approx(44.72, abs=0.1)


def test_modifiers_between_preposition_and_name(nlp):
    doc = nlp("Die Raffinerie brannte in der ukrainischen Hafenstadt Odessa.")
    assert place_for_span(doc, _span(doc, "brannte"))["name"] == "Odesa"


def test_subject_place_is_not_the_event_place(nlp):
    doc = nlp("Moskau kündigte Gegenmaßnahmen an.")
    assert place_for_span(doc, _span(doc, "kündigte")) is None


def test_dateline_is_the_fallback(nlp):
    doc = nlp("ASTANA (dpa) – Die Regierung kündigte höhere Gaspreise an.")
    place = place_for_span(doc, _span(doc, "kündigte"))
    assert (place["name"], place["source"]) == ("Astana", "dateline")
    assert dateline(doc)["country"] == "KAZ"


def test_the_paragraphs_own_dateline_wins(nlp):
    doc = nlp("Wien – Die Minister berieten.\n\nBaku – Die Förderung stieg.")
    assert place_for_span(doc, _span(doc, "stieg"))["name"] == "Baku"
    assert place_for_span(doc, _span(doc, "berieten"))["name"] == "Vienna"
    assert dateline(doc)["name"] == "Vienna"


def test_no_dateline_no_place(nlp):
    doc = nlp("Die Regierung erhöhte die Steuern.")
    assert dateline(doc) is None
    assert place_for_span(doc, _span(doc, "erhöhte")) is None


def test_other_sentence_is_not_used(nlp):
    doc = nlp("In Kiew fiel der Strom aus. Die Regierung erhöhte die Steuern.")
    assert place_for_span(doc, _span(doc, "erhöhte")) is None


def test_clause_attachment_beats_distance(nlp):
    # "In Kiew explodierte, während in Wien verhandelt wurde, eine Bombe."
    words = [
        "In",
        "Kiew",
        "explodierte",
        ",",
        "während",
        "in",
        "Wien",
        "verhandelt",
        "wurde",
        ",",
        "eine",
        "Bombe",
        ".",
    ]
    heads = [1, 2, 2, 7, 7, 6, 7, 2, 7, 7, 11, 2, 2]
    deps = [
        "case",
        "obl",
        "ROOT",
        "punct",
        "mark",
        "case",
        "obl",
        "advcl",
        "aux:pass",
        "punct",
        "det",
        "nsubj",
        "punct",
    ]
    pos = [
        "ADP",
        "PROPN",
        "VERB",
        "PUNCT",
        "SCONJ",
        "ADP",
        "PROPN",
        "VERB",
        "AUX",
        "PUNCT",
        "DET",
        "NOUN",
        "PUNCT",
    ]
    doc = nlp(Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos))
    bomb = place_for_span(doc, _span(doc, "Bombe"))
    assert (bomb["name"], bomb["source"]) == ("Kyiv", "clause")
    talks = place_for_span(doc, _span(doc, "verhandelt"))
    assert talks["name"] == "Vienna"


def test_works_without_the_component_having_run():
    nlp = spacy.blank("de")
    doc = nlp("Die Gespräche fanden in Genf statt.")
    assert doc._.places is None
    assert place_for_span(doc, _span(doc, "fanden"))["name"] == "Geneva"


def test_bare_auf_and_an_mark_targets_not_places(nlp):
    doc = nlp("Die Regierung erhöhte den Druck auf Peking.")
    assert place_for_span(doc, _span(doc, "erhöhte")) is None
    doc = nlp("Die Explosion ereignete sich auf der Krim.")
    assert place_for_span(doc, _span(doc, "ereignete"))["name"] == "Crimea"


def test_headline_with_a_country_is_no_dateline(nlp):
    doc = nlp("Kasachstan – ein schwieriger Partner\n\nDie Regierung erhöhte die Steuern.")
    assert dateline(doc) is None
    assert place_for_span(doc, _span(doc, "erhöhte")) is None
