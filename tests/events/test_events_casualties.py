"""Casualty figures on accident and attack events (``lagebild.events.casualties``)."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from lagebild.events import EventCoder
from lagebild.events.casualties import Words, attach_casualties, sentence_figures
from lagebild.events.lexicon import DATA_DIR, load_lexicon


@pytest.fixture(scope="module")
def words() -> Words:
    return Words.from_data(load_lexicon(DATA_DIR).casualties)


@pytest.fixture(scope="module")
def splitter() -> Language:
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    return nlp


def _figures(splitter: Language, words: Words, text: str) -> dict[str, Any] | None:
    doc = splitter(text)
    found = sentence_figures(next(iter(doc.sents)), words)
    return None if found is None else found.to_dict([])


@pytest.mark.parametrize(
    ("text", "killed", "injured", "at_least"),
    [
        ("Beim Einsturz der Brücke gab es vier Tote und 17 Verletzte.", 4, 17, False),
        ("Nach dem Beben meldeten die Behörden mindestens 1.250 Todesopfer.", 1250, None, True),
        ("In der Lagerhalle kamen zwei Arbeiter ums Leben.", 2, None, False),
        ("Elf Menschen wurden verletzt, als der Zug entgleiste.", None, 11, False),
        ("Der Sturm tötete drei Wanderer.", 3, None, False),
        ("Ein Fahrer wurde tödlich verletzt.", None, None, False),
        ("Bei dem Feuer kam niemand ums Leben.", 0, None, False),
        ("Sechs Menschen starben und neun wurden verletzt.", 6, 9, False),
    ],
)
def test_figures_from_nouns_and_verbs(
    splitter: Language, words: Words, text: str, killed: int | None, injured: int | None, at_least: bool
) -> None:
    found = _figures(splitter, words, text)
    assert found is not None
    assert (found["killed"], found["injured"], found["at_least"]) == (killed, injured, at_least)


def test_fatal_injury_counts_as_death(splitter: Language, words: Words) -> None:
    found = _figures(splitter, words, "Ein Fahrer wurde tödlich verletzt.")
    assert found is not None and found["vague"] == ["killed"]


def test_amount_without_number_is_vague(splitter: Language, words: Words) -> None:
    found = _figures(splitter, words, "Bei den Gefechten gab es Dutzende Tote.")
    assert found is not None
    assert found["killed"] is None and found["vague"] == ["killed"]


def test_time_and_measure_numbers_are_no_head_count(splitter: Language, words: Words) -> None:
    found = _figures(splitter, words, "Vor zwei Wochen starben Menschen bei einem Erdrutsch.")
    assert found is not None and found["killed"] is None and found["vague"] == ["killed"]


def test_sentence_without_casualties(splitter: Language, words: Words) -> None:
    assert _figures(splitter, words, "Die Regierung beschloss am Montag neue Zölle.") is None


def test_figures_of_next_sentence_go_to_the_last_accident(splitter: Language, words: Words) -> None:
    doc = splitter("In der Fabrik brach ein Feuer aus. Nach Angaben der Polizei starben drei Menschen.")
    sents = list(doc.sents)
    fire = {"type": "ACCIDENT", "trigger_span": [24, 29], "casualties": None}
    attach_casualties([(sents[0], [fire]), (sents[1], [])], words, lambda char: ["org:polizei"])
    assert fire["casualties"]["killed"] == 3
    assert fire["casualties"]["via"] == ["org:polizei"]


def test_figures_are_not_lent_to_other_event_types(splitter: Language, words: Words) -> None:
    doc = splitter("Die Regierung verhängte Zölle. Zwei Menschen wurden verletzt.")
    sents = list(doc.sents)
    tariff = {"type": "SANCTION", "trigger_span": [14, 23], "casualties": None}
    attach_casualties([(sents[0], [tariff]), (sents[1], [])], words, lambda char: [])
    assert tariff["casualties"] is None


def test_figures_are_not_lent_too_far_back(splitter: Language, words: Words) -> None:
    text = "Ein Tank explodierte. Die Börse schloss. Der Markt fiel. Die Lage blieb ruhig. Vier Tote."
    sents = list(splitter(text).sents)
    blast = {"type": "ACCIDENT", "trigger_span": [9, 20], "casualties": None}
    attach_casualties([(sents[0], [blast])] + [(s, []) for s in sents[1:]], words, lambda char: [])
    assert blast["casualties"] is None


def test_coder_fills_casualties_with_the_channel(nlp: Language) -> None:
    """Two sentences: the explosion, then "laut Agentur drei Tote" told through a medium."""
    text_words = [
        "Im", "Werk", "gab", "es", "eine", "Explosion", ".",
        "Laut", "Agentur", "gab", "es", "drei", "Tote", ".",
    ]  # fmt: skip
    pos = ["ADP", "NOUN", "VERB", "PRON", "DET", "NOUN", "PUNCT",
           "ADP", "PROPN", "VERB", "PRON", "NUM", "NOUN", "PUNCT"]  # fmt: skip
    heads = [2, 0, 2, 2, 5, 2, 2, 9, 7, 9, 9, 12, 9, 9]
    deps = ["mo", "nk", "ROOT", "ep", "nk", "oa", "punct", "mo", "nk", "ROOT", "ep", "nk", "oa", "punct"]
    lemmas = ["in", "Werk", "geben", "es", "ein", "Explosion", ".", "laut", "Agentur", "geben", "es",
              "drei", "Tote", "."]  # fmt: skip
    doc = Doc(
        nlp.vocab,
        words=text_words,
        pos=pos,
        heads=heads,
        deps=deps,
        lemmas=lemmas,
        sent_starts=[i in (0, 7) for i in range(len(text_words))],
    )
    second = doc[7:14]
    doc._.quotes = [
        {
            "kind": "indirect",
            "speaker": "media:agentur",
            "via": [],
            "span": [second.start_char, second.end_char],
        }
    ]
    EventCoder()(doc)
    blasts = [e for e in doc._.events if e["type"] == "ACCIDENT"]
    assert blasts, doc._.events
    assert blasts[0]["casualties"]["killed"] == 3
    assert blasts[0]["casualties"]["via"] == ["media:agentur"]
    assert blasts[0]["via"] == []


NIEMAND = """
Verletzt verletzen VERB oc 1 VerbForm=Part
wurde werden AUX ROOT 1 VerbForm=Fin
niemand niemand PRON sb 1
. . PUNCT punct 1
"""

ZWEI = """
Verletzt verletzen VERB oc 1 VerbForm=Part
wurden werden AUX ROOT 1 VerbForm=Fin
zwei zwei NUM nk 3
Wachleute Wachmann NOUN sb 1
. . PUNCT punct 1
"""


def test_nobody_hurt_is_no_event(parse, coder):
    assert [e["type"] for e in coder(parse(NIEMAND))._.events] == []


def test_casualty_verb_with_a_figure_stays_an_event(parse, coder):
    events = coder(parse(ZWEI))._.events
    assert [(e["type"], e["id"]) for e in events] == [("ASSAULT", "e1")]
    assert events[0]["casualties"]["injured"] == 2
