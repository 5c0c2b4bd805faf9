"""lagebild.evaluation.places on a small own TSV (blank pipeline)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.errors import InputError
from lagebild.evaluation.places import DEFAULT_PATH, blank_nlp, evaluate_places, read_rows

HEADER = "sentence\tmention\tname\tcountry\tlat\tlon\n"


@pytest.fixture(scope="module")
def nlp():
    return blank_nlp()


def _write(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "p.tsv"
    path.write_text("# own test rows\n" + HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def test_scores(tmp_path, nlp):
    path = _write(
        tmp_path,
        [
            "Sie flog nach Moskau.\tMoskau\tMoscow\tRUS\t55.7558\t37.6173",
            "Er blieb in Peking.\tPeking\tBeijing\tCHN\t39.9\t116.4",
            "Sie flog nach Peking.\tPeking\tShanghai\tCHN\t31.2\t121.5",
            "Nach dem Essen ging er.\tEssen\t-\t\t0\t0",
        ],
    )
    scores = evaluate_places(path, nlp=nlp)
    assert scores["rows"] == 4 and scores["negatives"] == 1
    assert scores["accuracy"] == pytest.approx(0.75)
    assert scores["found"] == 1.0
    assert scores["false_positives"] == 0
    assert 0 <= scores["coord_error_km"]["mean"] < 20
    assert [e["mention"] for e in scores["errors"]] == ["Peking"]


def test_limit(tmp_path, nlp):
    path = _write(tmp_path, ["Sie flog nach Moskau.\tMoskau\tMoscow\tRUS\t55.7\t37.6"] * 3)
    assert evaluate_places(path, nlp=nlp, limit=2)["rows"] == 2


def test_bad_rows_raise_coded_errors(tmp_path):
    with pytest.raises(InputError) as info:
        read_rows(_write(tmp_path, ["Sie flog nach Moskau.\tKiew\tKyiv\tUKR\t50\t30"]))
    assert info.value.code == "E872"
    with pytest.raises(InputError) as info:
        read_rows(tmp_path / "missing.tsv")
    assert info.value.code == "E501"
    with pytest.raises(InputError) as info:
        read_rows(_write(tmp_path, []))
    assert info.value.code == "E502"


def test_shipped_dev_set_is_large_enough():
    rows = read_rows(DEFAULT_PATH)
    assert len(rows) >= 150
    assert any(not row.positive for row in rows)


def test_gazetteer_against_ner_gold(tmp_path):
    from lagebild.evaluation.places import evaluate_gazetteer_on_ner

    path = tmp_path / "ner.tsv"
    rows = [
        ("Sie", "O"),
        ("flog", "O"),
        ("nach", "O"),
        ("Moskau", "B-LOC"),
        ("und", "O"),
        ("Hintertupfingen", "B-LOC"),
        (".", "O"),
    ]
    path.write_text(
        "#\tsource\n" + "".join(f"{i}\t{w}\t{t}\tO\n" for i, (w, t) in enumerate(rows, 1)) + "\n",
        encoding="utf-8",
    )
    scores = evaluate_gazetteer_on_ner(path)
    assert scores == {"tagged": 1, "gold_loc": 2, "precision": 1.0, "recall": 0.5}
