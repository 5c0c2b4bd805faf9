"""Export a corpus: JSONL records, CSV tables, Parquet (Hive-partitioned by month), graphs, GDELT TSV.

* ``jsonl``   — the stored ``lagebild.analysis/1`` records, one per line (``document.dup_of`` added).
* ``csv``     — one table (``events`` by default) as CSV.
* ``parquet`` — a folder with one dataset per table (``documents``, ``events``, ``quotes``,
  ``mentions``, and ``records`` — one row per document with the full record, the same columns as
  the Spark runner's output: ``<table>/month=YYYY-MM/*.parquet``, undated under ``month=unknown``)
  and ``actors.parquet``.  Reads with pyarrow, pandas, DuckDB, Spark.
* ``graphml`` / ``gexf`` — the actor network.
* ``gdelt``   — events in the 61 columns of the GDELT 2.0 event table, plus four ``lagebild_*``
  columns; see ``docs/corpus.md`` for what is filled.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .errors import E, LagebildError
from .store.sqlite import SQLiteStore

FORMATS = ("jsonl", "csv", "parquet", "graphml", "gexf", "gdelt")
PARQUET_TABLES = ("documents", "events", "quotes", "mentions")
CHUNK_ROWS = 50_000


def export(
    store: SQLiteStore, fmt: str, output: str | Path, *, force: bool = False, **options: Any
) -> dict[str, Any]:
    """Write the corpus in ``fmt`` to ``output``; returns ``{"format", "path", "rows"}``."""
    if fmt not in FORMATS:
        raise LagebildError(E.E904.format(format=fmt, formats=", ".join(FORMATS)), code="E904")
    target = Path(output)
    _check_target(target, force=force)
    writers: dict[str, Callable[..., int]] = {
        "jsonl": export_jsonl,
        "csv": export_csv,
        "parquet": export_parquet,
        "graphml": export_graph,
        "gexf": export_graph,
        "gdelt": export_gdelt,
    }
    writer = writers[fmt]
    if fmt in ("graphml", "gexf"):
        options["fmt"] = fmt
    rows = writer(store, target, **options)
    return {"format": fmt, "path": str(target), "rows": rows}


def _check_target(target: Path, *, force: bool) -> None:
    if not target.exists() or (target.is_dir() and not any(target.iterdir())):
        return
    if not force:
        raise LagebildError(E.E911.format(path=target), code="E911")
    if target.is_dir():
        shutil.rmtree(target)
    else:
        target.unlink()


def export_jsonl(store: SQLiteStore, target: Path, *, include_text: bool = True) -> int:
    count = 0
    with target.open("w", encoding="utf-8") as stream:
        for record in store.iter_records(include_text=include_text):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def export_csv(store: SQLiteStore, target: Path, *, table: str = "events") -> int:
    count = 0
    with target.open("w", encoding="utf-8", newline="") as stream:
        writer: csv.DictWriter[str] | None = None
        for row in store.iter_rows(table):
            if writer is None:
                writer = csv.DictWriter(stream, fieldnames=list(row))
                writer.writeheader()
            writer.writerow(
                {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for k, v in row.items()}
            )
            count += 1
    return count


# ---------------------------------------------------------------------------------------------
# Parquet
# ---------------------------------------------------------------------------------------------


def _schemas() -> dict[str, Any]:
    import pyarrow as pa

    s, i, f = pa.string(), pa.int64(), pa.float64()
    common = {"doc_id": s, "month": s}
    return {
        "documents": {
            **common,
            "source_id": s,
            "title": s,
            "source": s,
            "url": s,
            "language": s,
            "date_start": s,
            "date_end": s,
            "date_precision": s,
            "n_words": i,
            "pipeline_version": s,
            "dup_of": s,
            "similarity": f,
            "ingested_at": s,
            "text": s,
        },
        "events": {
            **common,
            "event_id": s,
            "type": s,
            "mode": s,
            "cameo": s,
            "goldstein": f,
            "source": s,
            "target": s,
            "source_country": s,
            "target_country": s,
            "date_start": s,
            "date_end": s,
            "date_precision": s,
            "place_name": s,
            "place_country": s,
            "lat": f,
            "lon": f,
            "status": s,
            "via": pa.list_(s),
            "trigger": s,
            "start": i,
            "end": i,
            "dup": i,
            "url": s,
        },
        "quotes": {
            **common,
            "quote_id": s,
            "kind": s,
            "text": s,
            "start": i,
            "end": i,
            "speaker": s,
            "speaker_text": s,
            "speaker_country": s,
            "cue": s,
            "via": pa.list_(s),
            "addressee": s,
            "date_start": s,
            "date_end": s,
            "dup": i,
        },
        "mentions": {**common, "actor_id": s, "start": i, "end": i},
        "actors": {"id": s, "name": s, "type": s, "country": s, "role": s},
    }


def _chunks(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def export_parquet(store: SQLiteStore, target: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    target.mkdir(parents=True, exist_ok=True)
    schemas = _schemas()
    total = 0
    for table in PARQUET_TABLES:
        schema = pa.schema(list(schemas[table].items()))
        for number, chunk in enumerate(_chunks(store.iter_rows(table), CHUNK_ROWS)):
            data = pa.Table.from_pylist(
                [{k: row.get(k) for k in schema.names} for row in chunk], schema=schema
            )
            pq.write_to_dataset(
                data,
                root_path=str(target / table),
                partition_cols=["month"],
                basename_template=f"part-{number:05d}-{{i}}.parquet",
            )
            total += len(chunk)
    total += _export_records(store, target / "records")
    actors = pa.schema(list(schemas["actors"].items()))
    rows = list(store.iter_rows("actors"))
    pq.write_table(pa.Table.from_pylist(rows, schema=actors), str(target / "actors.parquet"))
    return total + len(rows)


def record_schema() -> Any:
    """Arrow schema of the ``records`` table — the same columns the Spark runner writes."""
    import pyarrow as pa

    from .record import INTEGER_COLUMNS, RECORD_COLUMNS

    return pa.schema([(c, pa.int64() if c in INTEGER_COLUMNS else pa.string()) for c in RECORD_COLUMNS])


def _export_records(store: SQLiteStore, target: Path) -> int:
    """One row per document with the full ``lagebild.analysis/1`` JSON (see ``record_row``)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .record import record_row

    schema = record_schema()
    total = 0
    for number, chunk in enumerate(_chunks(store.iter_records(include_text=True), CHUNK_ROWS)):
        table = pa.Table.from_pylist([record_row(record) for record in chunk], schema=schema)
        pq.write_to_dataset(
            table,
            root_path=str(target),
            partition_cols=["month"],
            basename_template=f"part-{number:05d}-{{i}}.parquet",
        )
        total += len(chunk)
    return total


def iter_parquet_records(path: str | Path) -> Iterator[dict[str, Any]]:
    """Records from a ``records`` Parquet dataset (of ``export`` or of the Spark runner): ``path``
    is the dataset folder or a folder that holds ``records/``."""
    import json

    import pyarrow.dataset as ds

    root = Path(path)
    if (root / "records").is_dir():
        root = root / "records"
    dataset = ds.dataset(str(root), format="parquet", partitioning="hive")
    for batch in dataset.to_batches(columns=["record"]):
        for value in batch.column(0).to_pylist():
            yield json.loads(value)


# ---------------------------------------------------------------------------------------------
# graphs
# ---------------------------------------------------------------------------------------------


def export_graph(store: SQLiteStore, target: Path, *, fmt: str = "graphml", **filters: Any) -> int:
    import networkx as nx

    from .analysis.network import actor_network

    graph = actor_network(store, **filters)
    if fmt == "gexf":
        nx.write_gexf(graph, target)
    else:
        nx.write_graphml(graph, target)
    return int(graph.number_of_edges())


# ---------------------------------------------------------------------------------------------
# GDELT 2.0 event table
# ---------------------------------------------------------------------------------------------

_ACTOR_FIELDS = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{f}" for f in _ACTOR_FIELDS]
    + [f"Actor2{f}" for f in _ACTOR_FIELDS]
    + [
        "IsRootEvent",
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "AvgTone",
    ]
    + [f"Actor1Geo_{f}" for f in _GEO_FIELDS]
    + [f"Actor2Geo_{f}" for f in _GEO_FIELDS]
    + [f"ActionGeo_{f}" for f in _GEO_FIELDS]
    + ["DATEADDED", "SOURCEURL"]
)
LAGEBILD_COLUMNS = ["lagebild_type", "lagebild_status", "lagebild_doc_id", "lagebild_event_id"]


def _copies(store: SQLiteStore) -> dict[str, tuple[int, int]]:
    """Per original document id: (number of near-duplicate copies, distinct sources of them)."""
    sql = (
        "SELECT o.id, count(*), count(DISTINCT d.source) FROM documents d "
        "JOIN documents o ON o.seq = d.dup_of GROUP BY o.id"
    )
    return {row[0]: (row[1], row[2]) for row in store.conn.execute(sql)}


def _actor_cells(actor_id: str | None, actors: dict[str, dict[str, Any]]) -> list[Any]:
    cells: list[Any] = [""] * len(_ACTOR_FIELDS)
    if not actor_id:
        return cells
    actor = actors.get(actor_id, {})
    country = actor_id if len(actor_id) == 3 and actor_id.isupper() else actor.get("country")
    cells[0] = actor.get("cameo") or country or ""
    cells[1] = (actor.get("name") or actor_id).upper()
    cells[2] = country or ""
    return cells


def _date_cells(day: str | None) -> list[Any]:
    if not day:
        return ["", "", "", ""]
    date = dt.date.fromisoformat(day)
    fraction = date.year + (date.timetuple().tm_yday - 1) / 365.0
    return [date.strftime("%Y%m%d"), date.strftime("%Y%m"), date.year, f"{fraction:.4f}"]


def _geo_cells(place: dict[str, Any] | None) -> list[Any]:
    cells: list[Any] = [""] * len(_GEO_FIELDS)
    if not place or not (place.get("name") or place.get("country")):
        return cells
    has_point = place.get("lat") is not None and place.get("lon") is not None
    cells[0] = 4 if has_point and place.get("name") else 1  # 1 country, 4 city/landmark (GDELT codes)
    cells[1] = place.get("name") or place.get("country") or ""
    cells[2] = place.get("country") or ""
    cells[5] = place.get("lat") if place.get("lat") is not None else ""
    cells[6] = place.get("lon") if place.get("lon") is not None else ""
    return cells


def _blank(value: Any) -> Any:
    return "" if value is None else value


def gdelt_rows(store: SQLiteStore, *, include_duplicates: bool = False) -> Iterator[list[Any]]:
    """GDELT-like rows (61 GDELT columns + 4 lagebild columns) for the stored events."""
    from .analysis.scale import load_scale

    scale = load_scale()
    copies = _copies(store)
    added = {row[0]: row[1] for row in store.conn.execute("SELECT id, ingested_at FROM documents")}
    number = 0
    for record in store.iter_records(include_text=True):
        document = record["document"]
        if document.get("dup_of") and not include_duplicates:
            continue
        actors = {a["id"]: a for a in record.get("actors") or []}
        lead_end = (document.get("text") or "").find("\n")
        n_copies, n_sources = copies.get(document["id"], (0, 0))
        for event in record.get("events") or []:
            number += 1
            day = (event.get("date") or {}).get("start") or (document.get("date") or {}).get("start")
            cameo = event.get("cameo") or ((scale.cameo_root(event["type"]) or "") + "0")
            span = event.get("span") or [0, 0]
            url = document.get("url") or document.get("source") or document["id"]
            stamp = (added.get(document["id"]) or "").replace("-", "").replace(":", "").replace("T", "")[:14]
            yield [
                number,
                *_date_cells(day),
                *_actor_cells(event.get("source"), actors),
                *_actor_cells(event.get("target"), actors),
                int(lead_end < 0 or span[0] < lead_end),
                cameo,
                cameo[:3],
                cameo[:2],
                scale.quad_class(event["type"], event.get("cameo")) or "",
                _blank(scale.score(event["type"], event.get("goldstein"))),
                1 + n_copies,
                1 + n_sources,
                1 + n_copies,
                "",
                *([""] * len(_GEO_FIELDS)),
                *([""] * len(_GEO_FIELDS)),
                *_geo_cells(event.get("place")),
                stamp,
                url,
                event["type"],
                event.get("status") or "",
                document["id"],
                event.get("id") or "",
            ]


def export_gdelt(
    store: SQLiteStore, target: Path, *, include_duplicates: bool = False, header: bool = True
) -> int:
    count = 0
    with target.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        if header:
            writer.writerow(GDELT_COLUMNS + LAGEBILD_COLUMNS)
        for row in gdelt_rows(store, include_duplicates=include_duplicates):
            writer.writerow(row)
            count += 1
    return count
