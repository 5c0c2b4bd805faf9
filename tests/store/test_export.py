"""Exports: JSONL records, CSV, Parquet by month, GraphML, GDELT-like TSV."""

from __future__ import annotations

import csv
import json

import pytest

from lagebild.errors import LagebildError
from lagebild.export import GDELT_COLUMNS, LAGEBILD_COLUMNS, export
from lagebild.record import validate
from lagebild.store.synthetic import make_record


def test_jsonl_is_the_stored_records(filled, records, tmp_path):
    result = export(filled, "jsonl", tmp_path / "out.jsonl")
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert result["rows"] == len(lines) == 4
    back = [json.loads(line) for line in lines]
    for record in back:
        validate(record)
    assert back[0]["document"]["text"] == records[0]["document"]["text"]
    assert back[3]["document"]["dup_of"] == records[0]["document"]["id"]
    assert back[0]["events"] == records[0]["events"]


def test_existing_output_needs_force(filled, tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(LagebildError) as info:
        export(filled, "jsonl", target)
    assert info.value.code == "E911"
    assert export(filled, "jsonl", target, force=True)["rows"] == 4


def test_csv_table(filled, tmp_path):
    export(filled, "csv", tmp_path / "q.csv", table="quotes")
    rows = list(csv.DictReader((tmp_path / "q.csv").open(encoding="utf-8")))
    assert len(rows) == 1 and rows[0]["speaker"] == "person:ivan-petrow"
    assert json.loads(rows[0]["via"]) == ["media:tass"]


def test_parquet_partitioned_by_month(filled, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    undated = make_record("Ein Text ohne Datum über Astana und die Pipeline.", actors=[])
    filled.write_record(undated)
    export(filled, "parquet", tmp_path / "pq")
    months = sorted(p.name for p in (tmp_path / "pq" / "documents").iterdir())
    assert months == ["month=2022-07", "month=2022-08", "month=unknown"]
    events = pq.read_table(tmp_path / "pq" / "events").to_pandas()
    assert len(events) == 6
    assert set(events["month"].astype(str)) == {"2022-07", "2022-08"}
    assert events.loc[events["type"] == "SANCTION", "via"].iloc[0].tolist() == ["media:tass"]
    documents = pq.read_table(tmp_path / "pq" / "documents")
    assert documents.num_rows == 5
    assert pq.read_table(tmp_path / "pq" / "actors.parquet").num_rows >= 5


def test_graphml(filled, tmp_path):
    import networkx as nx

    export(filled, "graphml", tmp_path / "g.graphml")
    graph = nx.read_graphml(tmp_path / "g.graphml")
    assert graph.has_edge("RUS", "KAZ") and graph.edges["RUS", "KAZ"]["events"] == 3


def test_gdelt_tsv_columns(filled, records, tmp_path):
    result = export(filled, "gdelt", tmp_path / "events.tsv")
    with (tmp_path / "events.tsv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    assert len(GDELT_COLUMNS) == 61
    assert list(rows[0]) == GDELT_COLUMNS + LAGEBILD_COLUMNS
    assert result["rows"] == len(rows) == 5  # the near-copy's event is folded into NumArticles
    sanction = next(r for r in rows if r["lagebild_type"] == "SANCTION")
    assert (sanction["SQLDATE"], sanction["MonthYear"], sanction["Year"]) == ("20220705", "202207", "2022")
    assert (sanction["Actor1Code"], sanction["Actor2Code"], sanction["Actor2CountryCode"]) == (
        "RUS",
        "KAZ",
        "KAZ",
    )
    assert (sanction["EventCode"], sanction["EventBaseCode"], sanction["EventRootCode"]) == (
        "163",
        "163",
        "16",
    )
    assert sanction["QuadClass"] == "4" and float(sanction["GoldsteinScale"]) < 0
    assert sanction["NumArticles"] == "2" and sanction["NumSources"] == "2"
    assert sanction["SOURCEURL"] == "https://a.example/1"
    consult = next(r for r in rows if r["lagebild_type"] == "CONSULT")
    assert float(consult["GoldsteinScale"]) == 2.0 and consult["EventRootCode"] == "04"


def test_unknown_format(filled, tmp_path):
    with pytest.raises(LagebildError) as info:
        export(filled, "xlsx", tmp_path / "x")
    assert info.value.code == "E904"
