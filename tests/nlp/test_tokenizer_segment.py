"""Tokenizer customisation and line-based segmentation on own sentences (blank pipeline)."""

from __future__ import annotations

import spacy

from lagebild.nlp.segment import LineSegmenter
from lagebild.nlp.tokenizer import customize_tokenizer, read_abbreviations


def test_abbreviations_stay_whole() -> None:
    nlp = customize_tokenizer(spacy.blank("de"))
    words = [t.text for t in nlp("Die Abg. Meier und Dir. Huber kamen am 4. Juli nach St. Petersburg.")]
    assert "Abg." in words and "Dir." in words and "4." in words and "St." in words
    assert words[-1] == "."


def test_quotes_are_split() -> None:
    nlp = customize_tokenizer(spacy.blank("de"))
    for text in ("„Nein“, sagte sie.", "»Nein«, sagte sie.", "‚Nein‘, sagte sie.", '"Nein", sagte sie.'):
        assert [t.text for t in nlp(text)][1] == "Nein", text


def test_abbreviation_file_is_clean() -> None:
    forms = read_abbreviations()
    assert forms and all(f.endswith(".") and " " not in f for f in forms)


def test_customisation_survives_serialisation(tmp_path) -> None:
    nlp = customize_tokenizer(spacy.blank("de"))
    nlp.to_disk(tmp_path / "m")
    loaded = spacy.load(tmp_path / "m")
    assert "Kdt." in [t.text for t in loaded("Der Kdt. kam.")]


def test_heading_lines_are_sentences() -> None:
    nlp = spacy.blank("de")
    doc = nlp("Streit um Budget\nDie Regierung tagt. Alles gut\nund ruhig.\n\nwien bleibt")
    doc = LineSegmenter("seg", max_continuation_breaks=1, punct_split=False, decide_all=False)(doc)
    starts = {t.text for t in doc if t.is_sent_start}
    assert "Die" in starts  # after a heading line
    assert "und" not in starts  # wrapped line continues
    assert "wien" in starts  # paragraph break


def test_punctuation_rules() -> None:
    nlp = customize_tokenizer(spacy.blank("de"))
    doc = nlp("„Wir kommen.“ Dann ging er z.B. am 4. Mai heim. Ist das gut?“, fragte sie. 2016 war gut.")
    doc = LineSegmenter("seg", max_continuation_breaks=1, punct_split=True, decide_all=True)(doc)
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["„", "Dann", "Ist", "2016"]
