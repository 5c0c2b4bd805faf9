"""Slogans after ``Parole``/``Aufschrift``, fragment frames after an apposition, inverted subjects."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from lagebild.quotes import find_quotes


def test_slogan_after_aufschrift_is_direct_speech(quotes) -> None:
    found = quotes("Einige Schüler trugen Schilder mit der Aufschrift „Bildung statt Beton“.")
    assert [q["kind"] for q in found] == ["direct"]


def test_coordinated_slogans_are_all_direct(quotes) -> None:
    found = quotes("Die Menge skandierte Parolen wie „Weg mit dem Zaun“ oder „Schluss jetzt“.")
    assert [q["kind"] for q in found] == ["direct", "direct"]


def test_a_title_noun_still_makes_a_title(quotes) -> None:
    found = quotes("Sie las die Zeitung „Morgenpost“ und ging.")
    assert [q["kind"] for q in found] == ["title"]


def _parsed(text_words: list[tuple[str, str, str, str, int, bool]]) -> Doc:
    words = [w for w, *_ in text_words]
    return Doc(
        spacy.blank("de").vocab,
        words=words,
        spaces=[space for *_, space in text_words],
        pos=[p for _, p, *_ in text_words],
        tags=[t for _, _, t, *_ in text_words],
        deps=[d for _, _, _, d, _, _ in text_words],
        heads=[h for _, _, _, _, h, _ in text_words],
    )


def test_fragment_after_an_apposition_takes_the_subject_before_it() -> None:
    # ``sprach`` opens its own comma-delimited clause; its subject stands before the apposition
    doc = _parsed(
        [
            ("Udo", "PROPN", "NE", "nsubj", 8, True),
            ("Kranz", "PROPN", "NE", "flat", 0, False),
            (",", "PUNCT", "$,", "punct", 3, True),
            ("Dezernent", "NOUN", "NN", "appos", 0, True),
            ("der", "DET", "ART", "det", 5, True),
            ("Stadt", "NOUN", "NN", "nmod", 3, False),
            (",", "PUNCT", "$,", "punct", 3, True),
            ("sprach", "VERB", "VVFIN", "ROOT", 7, True),
            ("von", "ADP", "APPR", "case", 11, True),
            ("einer", "DET", "ART", "det", 11, True),
            ("„", "PUNCT", "$(", "punct", 11, False),
            ("Gefahr", "NOUN", "NN", "obl", 7, True),
            ("für", "ADP", "APPR", "case", 13, True),
            ("Haus", "NOUN", "NN", "nmod", 11, True),
            ("und", "CCONJ", "KON", "cc", 15, True),
            ("Hof", "NOUN", "NN", "conj", 13, False),
            ("“", "PUNCT", "$(", "punct", 11, False),
            (".", "PUNCT", "$.", "punct", 7, False),
        ]
    )
    doc[0].head = doc[7]  # heads above are indices; make the subject hang on the verb
    found = [q for q in find_quotes(doc) if q["kind"] == "direct"]
    assert len(found) == 1
    assert "Kranz" in (found[0]["speaker_text"] or "")


def test_fronted_object_labelled_subject_gives_way_to_the_person_after_the_verb() -> None:
    doc = _parsed(
        [
            ("Bedenken", "NOUN", "NN", "nsubj", 1, True),
            ("äußerte", "VERB", "VVFIN", "ROOT", 1, True),
            ("die", "DET", "ART", "det", 3, True),
            ("Ärztin", "NOUN", "NN", "obj", 1, True),
            ("Lea", "PROPN", "NE", "appos", 3, True),
            ("Sommer", "PROPN", "NE", "flat", 4, False),
            (":", "PUNCT", "$.", "punct", 1, True),
            ("„", "PUNCT", "$(", "punct", 9, False),
            ("Das", "PRON", "PDS", "nsubj", 9, True),
            ("reicht", "VERB", "VVFIN", "parataxis", 1, True),
            ("nicht", "PART", "PTKNEG", "advmod", 9, False),
            (".", "PUNCT", "$.", "punct", 9, False),
            ("“", "PUNCT", "$(", "punct", 9, False),
        ]
    )
    found = [q for q in find_quotes(doc) if q["kind"] == "direct"]
    assert len(found) == 1
    assert found[0]["speaker_text"] == "die Ärztin Lea Sommer"


def test_agentless_passive_cue_names_no_speaker() -> None:
    # ``Der Trainer wird beschuldigt, dass …``: the passive subject is the one accused, not a speaker
    doc = _parsed(
        [
            ("Der", "DET", "ART", "det", 1, True),
            ("Trainer", "NOUN", "NN", "nsubj:pass", 3, True),
            ("wird", "AUX", "VAFIN", "aux:pass", 3, True),
            ("beschuldigt", "VERB", "VVPP", "ROOT", 3, False),
            (",", "PUNCT", "$,", "punct", 8, True),
            ("dass", "SCONJ", "KOUS", "mark", 8, True),
            ("er", "PRON", "PPER", "nsubj", 8, True),
            ("Geld", "NOUN", "NN", "obj", 8, True),
            ("genommen", "VERB", "VVPP", "ccomp", 3, True),
            ("habe", "AUX", "VAFIN", "aux", 8, False),
            (".", "PUNCT", "$.", "punct", 3, False),
        ]
    )
    doc[9].set_morph("Mood=Sub")
    found = [q for q in find_quotes(doc) if q["kind"] == "indirect"]
    assert found and found[0]["speaker_text"] is None
    assert found[0]["cue"] == "beschuldigt"


def test_active_cue_keeps_its_subject() -> None:
    doc = _parsed(
        [
            ("Der", "DET", "ART", "det", 1, True),
            ("Trainer", "NOUN", "NN", "nsubj", 2, True),
            ("warf", "VERB", "VVFIN", "ROOT", 2, True),
            ("ihm", "PRON", "PPER", "iobj", 2, True),
            ("vor", "ADP", "PTKVZ", "compound:prt", 2, False),
            (",", "PUNCT", "$,", "punct", 8, True),
            ("er", "PRON", "PPER", "nsubj", 8, True),
            ("habe", "AUX", "VAFIN", "aux", 8, True),
            ("geschummelt", "VERB", "VVPP", "ccomp", 2, False),
            (".", "PUNCT", "$.", "punct", 2, False),
        ]
    )
    doc[7].set_morph("Mood=Sub")
    found = [q for q in find_quotes(doc) if q["kind"] == "indirect"]
    assert found and found[0]["speaker_text"] == "Der Trainer"


def test_short_quote_in_the_first_person_is_speech(quotes) -> None:
    found = quotes("Seit jenem Abend kennt ihn jeder. „Ich bin müde“ wurde sein Markenzeichen.")
    assert [q["kind"] for q in found] == ["direct"]
    scare = quotes("Seit jenem Abend kennt ihn jeder. „Müde Helden“ wurde sein Markenzeichen.")
    assert [q["kind"] for q in scare] in (["scare"], ["title"])
