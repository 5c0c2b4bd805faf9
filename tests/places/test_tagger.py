"""The component lagebild_places_v1 on blank pipelines and hand-built Docs (no trained model)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from lagebild.places import FACTORY_NAME, PlaceTagger


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("de")
    nlp.add_pipe(FACTORY_NAME)
    return nlp


def _names(doc: Doc) -> list[tuple[str, str | None]]:
    return [(p["text"], p["name"]) for p in doc._.places]


def test_finds_places_with_offsets(nlp):
    text = "Die Ministerin reiste von Berlin über Warschau nach Kasachstan."
    doc = nlp(text)
    places = doc._.places
    assert [p["name"] for p in places] == ["Berlin", "Warsaw", "Kazakhstan"]
    for place in places:
        start, end = place["span"]
        assert text[start:end] == place["text"]
        assert set(place) >= {"name", "id", "country", "lat", "lon", "kind", "span", "text"}
    assert places[2]["id"] == "KAZ" and places[2]["kind"] == "country"


def test_inflected_and_multiword_forms(nlp):
    doc = nlp("Russlands Tanker liegen im Schwarzen Meer vor Sankt Petersburg.")
    assert _names(doc) == [
        ("Russlands", "Russia"),
        ("Schwarzen Meer", "Black Sea"),
        ("Sankt Petersburg", "Saint Petersburg"),
    ]


def test_common_words_need_a_preposition(nlp):
    assert _names(nlp("Nach dem Essen sprachen sie über Preise.")) == []
    assert _names(nlp("Der Konzern hat seinen Sitz in Essen.")) == [("Essen", "Essen")]
    assert _names(nlp("Weil die Preise stiegen, sparten alle.")) == []


def test_person_like_use_is_not_a_place(nlp):
    assert _names(nlp("Gestern sprach Paris Hilton vor Fans.")) == []
    assert _names(nlp("Gestern sprach man in Paris über Zölle.")) == [("Paris", "Paris")]


def test_compound_and_dateline(nlp):
    doc = nlp("WIEN (dpa) – Nach ihrer Moskau-Reise schwieg die Ministerin.")
    places = doc._.places
    assert [(p["text"], p["name"]) for p in places] == [("WIEN", "Vienna"), ("Moskau", "Moscow")]
    assert places[0].get("dateline") is True
    assert places[1].get("compound") is True


def test_all_caps_only_read_at_line_start(nlp):
    assert _names(nlp("Das Wort WIEN steht hier mitten im Satz.")) == []


def test_focus_country_decides_ambiguous_name(nlp):
    # Frankfurt am Main is far bigger; the explicit Oder form names the other one
    doc = nlp("Die Universität in Frankfurt an der Oder liegt an der Grenze zu Polen.")
    assert doc._.places[0]["name"] == "Frankfurt (Oder)"


def _ner_doc(nlp, words, ents):
    doc = Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return doc


def test_ner_blocks_persons_and_adds_unknown_locations(nlp):
    tagger = PlaceTagger()
    words = ["Jackson", "besuchte", "Hintertupfingen", "und", "Moskau", "."]
    doc = tagger(_ner_doc(nlp, words, [(0, 1, "PER"), (2, 3, "LOC"), (4, 5, "LOC")]))
    places = doc._.places
    assert [(p["text"], p["id"] is None) for p in places] == [("Hintertupfingen", True), ("Moskau", False)]
    assert places[0]["source"] == "ner"


def test_keep_unknown_false_drops_unresolved_ner_locations(nlp):
    tagger = PlaceTagger(keep_unknown=False)
    doc = tagger(_ner_doc(nlp, ["Sie", "kam", "aus", "Hintertupfingen", "."], [(3, 4, "LOC")]))
    assert doc._.places == []


def test_ner_licenses_ambiguous_name(nlp):
    tagger = PlaceTagger()
    doc = tagger(_ner_doc(nlp, ["Halle", "wächst", "."], [(0, 1, "LOC")]))
    assert [p["name"] for p in doc._.places] == ["Halle"]
    assert PlaceTagger()(Doc(nlp.vocab, words=["Halle", "wächst", "."]))._.places == []


def test_each_doc_gets_a_fresh_list(nlp):
    first, second = nlp("In Moskau."), nlp("In Kiew.")
    assert first._.places is not second._.places
    assert [p["name"] for p in second._.places] == ["Kyiv"]


def test_factory_config_reaches_the_component():
    nlp = spacy.blank("de")
    component = nlp.add_pipe(FACTORY_NAME, config={"compounds": False})
    assert component.compounds is False
    assert _names(nlp("Ihre Moskau-Reise war kurz.")) == []
