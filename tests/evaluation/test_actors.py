"""The actor evaluation: TSV reading and scoring (blank pipeline, shipped countries/orgs)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from lagebild.errors import InputError
from lagebild.evaluation.actors import evaluate_actors, read_rows

ROWS = (
    "# comment\n"
    "mention\tcontext\tdate\texpected\tcategory\n"
    "Kasachstan\tKasachstan liefert Öl.\t2022-07-01\tKazakhstan\tcountry\n"
    "Moskau@2\tIn Moskau sagt man, Moskau drohe.\t2022-07-01\tRussia\tmetonymy\n"
    "Bild\tDas Bild zeigt Häuser.\t2022\tNIL\tmedia\n"
    "Nato\tDie Nato warnt.\t\tUnited Nations\torg\n"
    "Russland\tRussland droht.\t2022-07-01T10:00\tRussian Federation\tcountry\n"
)


def test_read_rows(tmp_path: Path) -> None:
    path = tmp_path / "rows.tsv"
    path.write_text(ROWS, encoding="utf-8")
    rows = read_rows(path)
    assert [(row.mention, row.occurrence, row.category) for row in rows][:2] == [
        ("Kasachstan", 1, "country"),
        ("Moskau", 2, "metonymy"),
    ]


def test_scores(tmp_path: Path) -> None:
    path = tmp_path / "rows.tsv"
    path.write_text(ROWS, encoding="utf-8")
    scores = evaluate_actors(path, nlp=spacy.blank("de"))
    assert scores["rows"] == 5
    assert scores["accuracy"] == pytest.approx(0.8)  # another KB name of the actor counts
    assert scores["wrong_confident_rate"] == pytest.approx(0.2)  # NATO is not the United Nations
    assert scores["nil_accuracy"] == 1.0
    assert scores["per_category"]["org"] == {"rows": 1, "accuracy": 0.0}


@pytest.mark.parametrize(("text", "code"), [("a\tb\n", "E607"), ("# only a comment\n", "E502")])
def test_bad_files(tmp_path: Path, text: str, code: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_rows(path)
    assert info.value.code == code


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_rows(tmp_path / "missing.tsv")
    assert info.value.code == "E501"


def test_shipped_dev_and_test_sets_are_well_formed() -> None:
    from lagebild.paths import repo_root

    for name in ("dev.tsv", "test.tsv"):
        rows = read_rows(repo_root() / "eval" / "actors" / name)
        assert len(rows) >= 150
        for row in rows:
            assert row.mention in row.context, row.line
