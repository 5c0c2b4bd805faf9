"""lagebild_mood_v1 on hand-built Docs (no trained model)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from lagebild.nlp.mood import read_lexicon, regular_konjunktiv_i


def _doc(words, heads, deps, pos, tags, lemmas, morphs):
    nlp = spacy.blank("de")
    return nlp, Doc(
        nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas, morphs=morphs
    )


def _run(nlp, doc):
    return nlp.add_pipe("lagebild_mood_v1")(doc)


def test_konjunktiv_i_with_third_person_subject() -> None:
    nlp, doc = _doc(
        ["Sie", "sagte", ",", "er", "habe", "Zeit"],
        [1, 1, 4, 4, 1, 4],
        ["nsubj", "ROOT", "punct", "nsubj", "ccomp", "obj"],
        ["PRON", "VERB", "PUNCT", "PRON", "VERB", "NOUN"],
        ["PPER", "VVFIN", "$,", "PPER", "VAFIN", "NN"],
        ["sie", "sagen", ",", "er", "haben", "Zeit"],
        ["", "Mood=Ind|Tense=Past|VerbForm=Fin", "", "", "Mood=Ind|Person=3|VerbForm=Fin", ""],
    )
    doc = _run(nlp, doc)
    assert doc[4].morph.get("Mood") == ["Sub"]
    assert doc[4].morph.get("Person") == ["3"]  # other features are kept
    assert doc[1].morph.get("Mood") == ["Ind"]  # past indicative left alone


def test_first_person_habe_is_indicative() -> None:
    nlp, doc = _doc(
        ["Ich", "habe", "Zeit"],
        [1, 1, 1],
        ["nsubj", "ROOT", "obj"],
        ["PRON", "VERB", "NOUN"],
        ["PPER", "VAFIN", "NN"],
        ["ich", "haben", "Zeit"],
        ["Person=1", "Mood=Sub|VerbForm=Fin", ""],
    )
    assert _run(nlp, doc)[1].morph.get("Mood") == ["Ind"]


def test_unambiguous_forms_without_parse() -> None:
    nlp = spacy.blank("de")
    doc = Doc(
        nlp.vocab,
        words=["Das", "sei", "falsch", "und", "ist", "alt"],
        pos=["PRON", "AUX", "ADJ", "CCONJ", "AUX", "ADJ"],
        morphs=["", "Mood=Ind|VerbForm=Fin", "", "", "Mood=Sub|VerbForm=Fin", ""],
    )
    doc = nlp.add_pipe("lagebild_mood_v1")(doc)
    assert doc[1].morph.get("Mood") == ["Sub"]
    assert doc[4].morph.get("Mood") == ["Ind"]


def test_regular_konjunktiv_i_needs_matching_lemma() -> None:
    nlp, doc = _doc(
        ["Die", "Firma", "gehe", "zurück"],
        [1, 2, 2, 2],
        ["det", "nsubj", "ROOT", "compound:prt"],
        ["DET", "NOUN", "VERB", "ADP"],
        ["ART", "NN", "VVFIN", "PTKVZ"],
        ["der", "Firma", "zurückgehen", "zurück"],
        ["", "Number=Sing", "Mood=Ind|VerbForm=Fin", ""],
    )
    assert _run(nlp, doc)[2].morph.get("Mood") == ["Sub"]
    assert regular_konjunktiv_i(doc[2])
    _, past = _doc(
        ["Er", "sagte"],
        [1, 1],
        ["nsubj", "ROOT"],
        ["PRON", "VERB"],
        ["PPER", "VVFIN"],
        ["er", "sagen"],
        ["", "Mood=Ind|VerbForm=Fin"],
    )
    assert not regular_konjunktiv_i(past[1])


def test_lexicon_has_core_forms() -> None:
    lexicon = read_lexicon()
    for form in (
        "sei",
        "seien",
        "habe",
        "werde",
        "könne",
        "müsse",
        "wolle",
        "solle",
        "dürfe",
        "möge",
        "gebe",
    ):
        assert lexicon[form].kind == "I", form
    assert lexicon["wäre"].kind == "II"
    assert lexicon["ist"].kind == "Ind"


def test_person_three_form_without_parse_uses_nearby_pronoun() -> None:
    nlp = spacy.blank("de")
    doc = Doc(
        nlp.vocab,
        words=["Gestern", "habe", "ich", "gelacht", ",", "heute", "habe", "sie", "Zeit"],
        pos=["ADV", "AUX", "PRON", "VERB", "PUNCT", "ADV", "VERB", "PRON", "NOUN"],
        morphs=["", "Mood=Sub|VerbForm=Fin", "", "", "", "", "Mood=Ind|VerbForm=Fin", "", ""],
    )
    doc = nlp.add_pipe("lagebild_mood_v1")(doc)
    assert doc[1].morph.get("Mood") == ["Ind"]
    assert doc[6].morph.get("Mood") == ["Sub"]
