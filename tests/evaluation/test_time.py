"""lagebild.evaluation.time on tiny self-written TimeML / TIMEX2 files."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.errors import InputError
from lagebild.evaluation.time import Mention, evaluate_time, in_split, match_relaxed, read_timeml, read_timex2

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>probe</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="2022-07-06">06.07.2022</TIMEX3></DCT>
<TEXT>
Der Rat tagte <TIMEX3 tid="t1" type="DATE" value="2022-07-05">gestern</TIMEX3> in Bern. Vor <TIMEX3 tid="t2" type="DURATION" value="P3Y">drei Jahren</TIMEX3> war das anders. <TIMEX3 tid="t3" type="DATE" value="2022-07-04" />Die Sitzung am <TIMEX3 tid="t4" type="DATE" value="2022-07-10">10. Juli</TIMEX3> dauert <TIMEX3 tid="t5" type="DURATION" value="P2D">zwei Tage</TIMEX3>.
</TEXT>
</TimeML>
"""

TIMEX2 = """<DOC><DOCID>probe</DOCID>
<DATETIME> <TIMEX2 val="2011-02-16">2011-02-16</TIMEX2> </DATETIME>
<TEXT>Im <TIMEX2 val="1939-09">September 1939</TIMEX2> begann der Krieg.</TEXT></DOC>
"""


@pytest.fixture()
def tml_dir(tmp_path: Path) -> Path:
    gold = tmp_path / "KRAUTS_Probe" / "gold"
    gold.mkdir(parents=True)
    for index in range(3):
        (gold / f"doc{index}.tml").write_text(TML, encoding="utf-8")
    return tmp_path


def test_read_timeml_offsets_and_dct(tml_dir: Path) -> None:
    doc = read_timeml(tml_dir / "KRAUTS_Probe" / "gold" / "doc0.tml")
    assert doc.dct is not None and doc.dct.start.isoformat() == "2022-07-06"
    assert doc.subset == "KRAUTS_Probe"
    assert [doc.text[m.start : m.end] for m in doc.mentions] == [
        "gestern",
        "drei Jahren",
        "10. Juli",
        "zwei Tage",
    ]
    assert all(m.value for m in doc.mentions)


def test_evaluate_time_scores(tml_dir: Path) -> None:
    scores = evaluate_time(tml_dir)
    assert scores["docs"] == 3 and scores["gold"] == 12
    assert 0.0 <= scores["extent"]["strict"]["f1"] <= scores["extent"]["relaxed"]["f1"] <= 1.0
    assert 0.0 <= scores["value_accuracy"] <= 1.0
    assert set(scores["per_subset"]) == {"KRAUTS_Probe"}


def test_timeml_convention_scores_the_duration_reading(tml_dir: Path) -> None:
    timeml = evaluate_time(tml_dir / "KRAUTS_Probe" / "gold" / "doc0.tml")
    native = evaluate_time(tml_dir / "KRAUTS_Probe" / "gold" / "doc0.tml", convention="native")
    assert timeml["extent"]["strict"]["f1"] > native["extent"]["strict"]["f1"]


def test_split_is_fixed_and_disjoint(tml_dir: Path) -> None:
    files = sorted((tml_dir / "KRAUTS_Probe" / "gold").glob("*.tml"))
    tune, report = in_split(files, "tune"), in_split(files, "report")
    assert [p.name for p in report] == ["doc2.tml"]
    assert set(tune).isdisjoint(report) and len(tune) + len(report) == len(files)


def test_single_file_and_missing_path(tml_dir: Path) -> None:
    assert evaluate_time(tml_dir / "KRAUTS_Probe" / "gold" / "doc1.tml")["docs"] == 1
    with pytest.raises(InputError):
        evaluate_time(tml_dir / "missing")


def test_read_timex2(tmp_path: Path) -> None:
    path = tmp_path / "probe.key.xml"
    path.write_text(TIMEX2, encoding="utf-8")
    doc = read_timex2(path)
    assert [(doc.text[m.start : m.end], m.value) for m in doc.mentions] == [("September 1939", "1939-09")]
    assert doc.dct is not None and doc.dct.start.isoformat() == "2011-02-16"


def test_relaxed_matching_is_one_to_one() -> None:
    gold = [Mention(0, 10, "DATE", "a"), Mention(12, 20, "DATE", "b")]
    pred = [Mention(0, 20, "DATE", "a")]
    assert len(list(match_relaxed(gold, pred))) == 1


def test_krauts_files_read_consistently(shared: Path) -> None:
    folder = shared / "data" / "temporal-de" / "krauts"
    if not folder.is_dir():
        pytest.skip("KRAUTS not present")
    path = sorted(folder.glob("*/gold/*.tml"))[0]
    doc = read_timeml(path)
    assert doc.dct is not None and doc.mentions
    assert all(0 <= m.start < m.end <= len(doc.text) for m in doc.mentions)
