"""evaluate_ner on a tiny hand-written GermEval TSV with a blank pipeline + entity ruler."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from lagebild.evaluation.ner import base_label, evaluate_ner, gold_spans

TSV = """# own example
1	Anna	B-PER	O
2	Berger	I-PER	O
3	fliegt	O	O
4	nach	O	O
5	Graz	B-LOC	O
6	.	O	O

1	Die	O	O
2	österreichische	B-LOCderiv	O
3	Firma	O	O
4	Kleinbau	B-ORG	O
5	liest	O	O
6	Faust	B-OTH	O
7	.	O	O
"""


@pytest.fixture()
def tsv_path(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.tsv"
    path.write_text(TSV, encoding="utf-8")
    return path


def test_labels_are_normalised() -> None:
    assert base_label("LOCderiv") == "LOC"
    assert base_label("ORGpart") == "ORG"
    assert base_label("OTH") == "MISC"


def test_gold_spans_use_character_offsets() -> None:
    text, spans = gold_spans(["Anna", "Berger", "lacht"], ["B-PER", "I-PER", "O"])
    assert text == "Anna Berger lacht"
    assert spans == {(0, 11, "PER")}


def test_scores_with_entity_ruler(tsv_path: Path) -> None:
    nlp = spacy.blank("de")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PER", "pattern": "Anna Berger"},
            {"label": "LOC", "pattern": "Graz"},
            {"label": "ORG", "pattern": "Faust"},  # wrong type: MISC in gold
            {"label": "ORG", "pattern": "Kleinbau"},
        ]
    )
    scores = evaluate_ner(nlp, tsv_path)
    assert scores["sentences"] == 2
    # gold: PER, LOC, LOC(deriv), ORG, MISC = 5; predicted 4, of which 3 correct
    assert scores["p"] == pytest.approx(3 / 4)
    assert scores["r"] == pytest.approx(3 / 5)
    assert scores["per_type"]["LOC"]["r"] == pytest.approx(0.5)
    assert scores["per_type"]["MISC"]["f1"] == 0.0
    assert scores["per_type"]["ORG"]["p"] == pytest.approx(0.5)
