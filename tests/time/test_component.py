"""The spaCy component lagebild.time.v1 and date_for_span, on hand-built Docs (no trained model)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from lagebild.document import DocDate
from lagebild.extensions import register_extensions
from lagebild.time import date_for_span
from lagebild.time.component import FACTORY_NAME


def blank_nlp() -> spacy.language.Language:
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(FACTORY_NAME)
    return nlp


def run(nlp: spacy.language.Language, text: str, date: str | None) -> Doc:
    register_extensions()
    doc = nlp.make_doc(text)
    doc._.doc_date = DocDate.parse(date) if date else None
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def test_component_writes_timexes_on_blank_pipeline() -> None:
    nlp = blank_nlp()
    doc = run(nlp, "Gestern traf der Minister den Botschafter. Am 4. Juli reist er ab.", "2022-07-06")
    assert [t["value"] for t in doc._.timexes] == ["2022-07-05", "2022-07-04"]
    for timex in doc._.timexes:
        assert doc.text[timex["span"][0] : timex["span"][1]] == timex["text"]


def test_component_gives_fresh_lists_per_doc() -> None:
    nlp = blank_nlp()
    first = run(nlp, "Gestern war Wahl.", "2022-07-06")
    second = run(nlp, "Keine Zeitangabe hier.", "2022-07-06")
    assert first._.timexes and second._.timexes == []
    assert first._.timexes is not second._.timexes


def test_component_without_article_date() -> None:
    doc = run(blank_nlp(), "Gestern war Wahl, am 4. Juli 2022.", None)
    values = [t["value"] for t in doc._.timexes]
    assert values[1] == "2022-07-04" and "X" in values[0]


def test_component_config_is_declared() -> None:
    nlp = spacy.blank("de")
    nlp.add_pipe(FACTORY_NAME, config={"use_doc_sents": False})
    assert nlp.get_pipe_meta(FACTORY_NAME).assigns == ["doc._.timexes"]
    assert nlp.get_pipe_config(FACTORY_NAME)["use_doc_sents"] is False


def parsed_doc() -> Doc:
    """Two clauses: "Am Montag traf er sie, und gestern reiste er ab." with a hand-made parse."""
    nlp = spacy.blank("de")
    words = ["Am", "Montag", "traf", "er", "sie", ",", "und", "gestern", "reiste", "er", "ab", "."]
    heads = [1, 2, 2, 2, 2, 2, 8, 8, 2, 8, 8, 2]
    deps = ["mo", "nk", "ROOT", "sb", "oa", "punct", "cd", "mo", "cj", "sb", "svp", "punct"]
    pos = ["ADP", "NOUN", "VERB", "PRON", "PRON", "PUNCT", "CCONJ", "ADV", "VERB", "PRON", "ADP", "PUNCT"]
    doc = Doc(
        nlp.vocab,
        words=words,
        heads=heads,
        deps=deps,
        pos=pos,
        spaces=[True, True, True, True, False, True, True, True, True, True, False, False],
    )
    register_extensions()
    doc._.doc_date = DocDate.parse("2022-07-06")
    from lagebild.time import normalize

    doc._.timexes = normalize(doc.text, doc._.doc_date)
    return doc


def test_date_for_span_prefers_timex_of_same_clause() -> None:
    doc = parsed_doc()
    reiste = doc[8:9]
    traf = doc[2:3]
    assert date_for_span(doc, reiste)["start"] == "2022-07-05"
    assert date_for_span(doc, reiste)["source"] == "clause"
    # "traf" is nearer to "Montag" in its own clause; Montag resolves into the past (tense cue "traf")
    assert date_for_span(doc, traf)["start"] == "2022-07-04"


def test_date_for_span_falls_back_to_nearest_in_sentence_without_parse() -> None:
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(FACTORY_NAME)
    doc = run(nlp, "Er reiste gestern ab. Sie blieb.", "2022-07-06")
    result = date_for_span(doc, doc[1:2])
    assert (result["start"], result["source"]) == ("2022-07-05", "sentence")


def test_date_for_span_uses_article_date_honestly() -> None:
    doc = run(blank_nlp(), "Er reiste ab. Sie blieb.", "2022-07")
    result = date_for_span(doc, doc[1:2])
    assert result == {
        "start": None,
        "end": "2022-07-31",
        "precision": "unknown",
        "value": None,
        "source": "article",
        "timex": None,
    }


def test_date_for_span_without_any_date() -> None:
    doc = run(blank_nlp(), "Er reiste ab.", None)
    result = date_for_span(doc, doc[1:2])
    assert result["start"] is None and result["end"] is None and result["source"] == "none"


def test_date_for_span_ignores_durations() -> None:
    doc = run(blank_nlp(), "Er blieb zwei Wochen.", "2022-07-06")
    assert date_for_span(doc, doc[1:2])["source"] == "article"
