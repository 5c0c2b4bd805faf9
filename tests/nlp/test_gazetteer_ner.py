"""The NER gazetteer layer on hand-made Docs (no trained model)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from lagebild.nlp import gazetteer_ner as gaz


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("de")
    nlp.add_pipe(gaz.FACTORY)
    return nlp


def _doc(nlp, words: list[str], ents: list[tuple[int, int, str]] = ()) -> Doc:
    doc = Doc(nlp.vocab, words=words)
    doc.set_ents([Span(doc, start, end, label=label) for start, end, label in ents])
    return doc


def _ents(doc: Doc) -> list[tuple[str, str]]:
    return [(ent.text, ent.label_) for ent in doc.ents]


def test_known_country_relabelled(nlp):
    doc = nlp(_doc(nlp, ["Deutschland", "liefert", "Gas", "."], [(0, 1, "PER")]))
    assert _ents(doc) == [("Deutschland", "LOC")]


def test_missed_city_added_but_ambiguous_word_is_not(nlp):
    doc = nlp(_doc(nlp, ["Sie", "fuhr", "von", "Prag", "zum", "Essen", "."]))
    assert ("Prag", "LOC") in _ents(doc)
    assert all(text != "Essen" for text, _ in _ents(doc))


def test_ambiguous_word_tagged_by_model_is_kept(nlp):
    doc = nlp(_doc(nlp, ["Er", "wohnt", "in", "Essen", "."], [(3, 4, "LOC")]))
    assert _ents(doc) == [("Essen", "LOC")]


def test_country_adjective_and_demonym_count_as_derived_locations(nlp):
    doc = nlp(_doc(nlp, ["Die", "russische", "Regierung", "kritisierte", "die", "Dänen", "."]))
    assert ("russische", "LOC") in _ents(doc)
    assert ("Dänen", "LOC") in _ents(doc)


def test_city_adjective(nlp):
    doc = nlp(_doc(nlp, ["Ein", "Moskauer", "Gericht", "entschied", "."]))
    assert _ents(doc) == [("Moskauer", "LOC")]


def test_hyphen_compound_led_by_known_organisation(nlp):
    doc = nlp(_doc(nlp, ["Der", "EU-Gipfel", "beginnt", "."]))
    assert _ents(doc) == [("EU-Gipfel", "ORG")]


def test_model_fragment_widened_to_known_full_name(nlp):
    doc = nlp(_doc(nlp, ["Gestern", "sprach", "Olaf", "Scholz", "."], [(2, 3, "PER")]))
    assert _ents(doc) == [("Olaf Scholz", "PER")]


def test_unknown_model_entity_untouched_and_inner_name_not_split_out(nlp):
    words = ["Die", "Staatsanwaltschaft", "Bayreuth", "und", "Kurt", "Blumenkohl", "ermitteln", "."]
    doc = nlp(_doc(nlp, words, [(1, 3, "ORG"), (4, 6, "PER")]))
    assert _ents(doc) == [("Staatsanwaltschaft Bayreuth", "ORG"), ("Kurt Blumenkohl", "PER")]


def test_empty_doc(nlp):
    assert _ents(nlp(Doc(nlp.vocab, words=[]))) == []


def test_name_table_keeps_one_label_per_name():
    tables = gaz.tables()
    assert tables.names.get(("Deutschland",)) == "LOC"
    assert tables.names.get(("EU",)) == "ORG"
    assert tables.max_len >= 2


def test_given_name_pattern_finds_missed_person(nlp):
    doc = nlp(_doc(nlp, ["Laut", "Birgit", "Seehaus", "von", "der", "Polizei", "."]))
    assert _ents(doc) == [("Birgit Seehaus", "PER")]


def test_given_name_pattern_with_particle_and_second_given_name(nlp):
    doc = nlp(_doc(nlp, ["Mit", "Jan", "Peter", "van", "Alm", "sprach", "sie", "."]))
    assert _ents(doc) == [("Jan Peter van Alm", "PER")]


def test_given_name_pattern_does_not_relabel_the_model(nlp):
    words = ["Das", "Klaus", "Wunder", "Institut", "forscht", "."]
    doc = nlp(_doc(nlp, words, [(1, 3, "ORG")]))
    assert _ents(doc) == [("Klaus Wunder", "ORG")]
    assert all(not ent.kb_id_ for ent in doc.ents)


def test_entity_of_function_words_only_is_dropped(nlp):
    doc = _doc(nlp, ["Unterdessen", "sprach", "Kurt", "Blumenkohl", "."], [(0, 1, "PER"), (2, 4, "PER")])
    for token, pos in zip(doc, ["ADV", "VERB", "PROPN", "PROPN", "PUNCT"], strict=True):
        token.pos_ = pos
    assert _ents(nlp(doc)) == [("Kurt Blumenkohl", "PER")]


def test_name_after_a_role_noun_is_a_person(nlp):
    doc = nlp(_doc(nlp, ["Der", "SPD-Politiker", "Wenzelmaier", "widersprach", "."]))
    assert _ents(doc) == [("Wenzelmaier", "PER")]
    doc = nlp(_doc(nlp, ["Ihr", "Vorgänger", "Olbertz", "schwieg", "."]))
    assert _ents(doc) == [("Olbertz", "PER")]


def test_role_noun_rule_skips_dictionary_words_and_other_names(nlp):
    # "Recht" is a dictionary word (not tagged as a proper noun); "Moskau" is a known place
    doc = nlp(_doc(nlp, ["Der", "Minister", "Recht", "sprach", "in", "Moskau", "."]))
    assert ("Recht", "PER") not in _ents(doc)
    doc = nlp(_doc(nlp, ["Der", "Botschafter", "Moskau", "."]))
    assert _ents(doc) == [("Moskau", "LOC")]


def test_role_noun_rule_does_not_relabel_the_model(nlp):
    doc = nlp(_doc(nlp, ["Der", "Mobilfunkbetreiber", "Zellnetz", "wächst", "."], [(2, 3, "ORG")]))
    assert _ents(doc) == [("Zellnetz", "ORG")]


def test_role_noun_forms():
    table = gaz.tables()
    assert gaz.role_noun("Politiker", table) and gaz.role_noun("CSU-Politikerin", table)
    assert gaz.role_noun("Familienministerin", table) and gaz.role_noun("Kollegen", table)
    assert not gaz.role_noun("politiker", table) and not gaz.role_noun("Haus", table)


def test_currency_names_are_misc_as_in_germeval(nlp):
    doc = nlp(_doc(nlp, ["Der", "Gewinn", "stieg", "auf", "12", "Millionen", "Euro", "."]))
    assert _ents(doc) == [("Euro", "MISC")]
