"""The engine-neutral row helpers (no Spark, no trained model)."""

from lagebild.record import RECORD_COLUMNS, record_row
from lagebild.record import record_month as month_of


def _record(date):
    return {
        "schema": "lagebild.analysis/1",
        "document": {
            "id": "0123456789abcdef",
            "source_id": "a",
            "title": None,
            "source": "x.txt",
            "language": "de",
            "date": date,
            "text_sha256": "0" * 64,
        },
        "actors": [{"id": "RUS"}],
        "quotes": [],
        "events": [{"id": "e1"}, {"id": "e2"}],
        "pipeline": {"version": "0.1.0", "model": "de_x", "components": []},
    }


def test_month_partition_key():
    assert month_of(_record({"start": "2022-07-01", "end": "2022-07-31", "precision": "month"})) == "2022-07"
    assert month_of(_record(None)) == "unknown"


def test_record_row_is_flat_and_complete():
    row = record_row(_record({"start": "2022-07-04", "end": "2022-07-04", "precision": "day"}))
    assert tuple(row) == RECORD_COLUMNS
    assert (row["n_actors"], row["n_quotes"], row["n_events"]) == (1, 0, 2)
    assert row["date_precision"] == "day"
    assert '"schema": "lagebild.analysis/1"' in row["record"]
