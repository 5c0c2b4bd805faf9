"""The silver stand-off files and their converters (training/convert/silver_*.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import spacy

TRAINING = Path(__file__).resolve().parents[2] / "training"
sys.path.insert(0, str(TRAINING))

from convert.silver_ner import LABELS, other_texts, read_standoff, sentence_doc  # noqa: E402
from convert.silver_ud import apply_rule, lemma_rule  # noqa: E402
from convert.silver_ud import read_standoff as read_ud  # noqa: E402


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("sagte", "sagen"),
        ("ist", "sein"),
        ("Die", "der"),
        ("Studien", "Studie"),
        ("im", "in"),
        ("Wien", "Wien"),
        ("Einer", "ein"),
        ("Häuser", "Haus"),
    ],
)
def test_lemma_rule_round_trip(form: str, lemma: str) -> None:
    rule = lemma_rule(form, lemma)
    assert apply_rule(form, rule) == lemma
    assert form not in rule or form == lemma  # the word form itself is never stored


def test_bad_lemma_rule_is_an_error() -> None:
    with pytest.raises(ValueError):
        apply_rule("Haus", "*3")


def test_sentence_doc_sets_entities_and_missing_tokens() -> None:
    nlp = spacy.blank("de")
    text = "Die Wienerin Anna Berg traf in Graz den ORF-Chef."
    offset = 100  # the sentence starts at character 100 of its article
    ents = [
        (offset + text.index("Anna"), offset + text.index("Berg") + 4, "PER"),
        (offset + text.index("Graz"), offset + text.index("Graz") + 4, "LOC"),
        (offset + text.index("ORF"), offset + text.index("ORF") + 3, "ORG"),  # inside a token
    ]
    doc = sentence_doc(nlp, text, offset, ents)
    assert [(e.text, e.label_) for e in doc.ents] == [("Anna Berg", "PER"), ("Graz", "LOC")]
    orf = next(t for t in doc if t.text.startswith("ORF"))
    assert orf.ent_iob_ == ""  # not O: the annotation is unknown there
    assert doc[0].ent_iob_ == "O"


@pytest.mark.parametrize("name", ["ner_news.tsv", "ner_other.tsv"])
def test_committed_ner_standoff_files_are_well_formed(name: str) -> None:
    ner = list(read_standoff(TRAINING / "silver" / name))
    assert len(ner) > 1000
    for _article, start, end, entities in ner:
        assert 0 <= start < end
        for left, right, label in entities:
            assert start <= left < right <= end and label in LABELS


def test_other_texts_are_bodies_without_markup(tmp_path: Path) -> None:
    wiki = tmp_path / "temporal-de" / "wikiwarsde" / "in"
    wiki.mkdir(parents=True)
    (wiki / "01_Test.sgm").write_text(
        "<DOC><DOCID>01_Test</DOCID>\n<TEXT>\nDer Krieg &amp; <TIMEX2>1914</TIMEX2> begann.\n</TEXT></DOC>",
        encoding="utf-8",
    )
    news = tmp_path / "temporal-de" / "krauts" / "KRAUTS_X" / "raw-text"
    news.mkdir(parents=True)
    (news / "a.tml").write_text(
        "<TimeML><DCT>2000</DCT><TEXT>\nBozen . Ein Text.\n</TEXT></TimeML>", encoding="utf-8"
    )
    texts = other_texts(tmp_path)
    assert texts == {
        "wikiwarsde/01_Test": "Der Krieg & 1914 begann.",
        "krauts/KRAUTS_X/a": "Bozen . Ein Text.",
    }


def test_committed_ud_standoff_file_is_well_formed() -> None:
    ud_path = TRAINING / "silver" / "ud_news.tsv"
    if not ud_path.exists():
        pytest.skip("no silver treebank file")
    for _article, start, end, count, items in read_ud(ud_path):
        assert start < end and len(items) == count
        heads = [int(item[2]) for item in items]
        assert heads.count(0) == 1 and all(0 <= h <= count for h in heads)
