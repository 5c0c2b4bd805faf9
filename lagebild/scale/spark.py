"""Run lagebild on Apache Spark.

The driver lists the input files and hands them to executors as an RDD of paths; each task reads
and analyses its files with :func:`lagebild.scale.rows.analyze_paths` (the same per-document
function as ``lagebild analyze``), with the model loaded once per Python worker process
(``spark.python.worker.reuse``, Spark's default).  Output under ``OUT_DIR``:

- ``records/month=YYYY-MM/*.parquet`` — one row per document (columns :data:`RECORD_COLUMNS`,
  the full ``lagebild.analysis/1`` record in ``record``), deduplicated by document id;
- ``errors/*.parquet`` — inputs that could not be read or analysed, with code and reason;
- ``_lagebild_summary.json`` — counts, wall time and peak memory per worker process.

Writes go through Spark's output committer and ``mode("overwrite")``: a retried task or a rerun
of the whole job leaves exactly one copy of every document.
"""

from __future__ import annotations

import glob
import json
import math
import os
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..reader import iter_files
from ..record import INTEGER_COLUMNS, RECORD_COLUMNS
from ..settings import SCALE
from .rows import ERROR_COLUMNS, WorkItem, analyze_paths, peak_rss_mb

SPARK_DEFAULTS = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "8",
    "spark.python.worker.reuse": "true",
    "spark.sql.sources.partitionOverwriteMode": "static",
    "spark.driver.memory": "2g",
}


def expand_inputs(inputs: Iterable[str]) -> list[WorkItem]:
    """Work items for all input files (files, folders, globs): ``(path, part, parts)``, where big
    JSONL files are split into interleaved parts so that several tasks share them."""
    return [
        (path, index, parts)
        for path in _input_files(inputs)
        for parts in [_parts(path)]
        for index in range(parts)
    ]


def _parts(path: str) -> int:
    if not path.lower().endswith((".jsonl", ".ndjson")):
        return 1
    try:
        size = os.path.getsize(path)
    except OSError:
        return 1
    return max(1, math.ceil(size / SCALE["jsonl_split_bytes"]))


def _input_files(inputs: Iterable[str]) -> list[str]:
    files: list[str] = []
    for item in inputs:
        matches = sorted(glob.glob(item, recursive=True)) if glob.has_magic(item) else [item]
        for match in matches:
            path = Path(match)
            if path.is_dir():
                files.extend(str(p.resolve()) for p in iter_files(path))
            else:
                files.append(str(path.resolve()))
    return list(dict.fromkeys(files))


def _partition_task(model: str | None) -> Any:
    def run(items: Iterator[WorkItem]) -> Iterator[tuple[str, dict[str, Any]]]:
        yield from analyze_paths(list(items), model=model)
        yield "metric", {"pid": os.getpid(), "peak_rss_mb": peak_rss_mb()}

    return run


def _schemas() -> tuple[Any, Any]:
    from pyspark.sql.types import IntegerType, LongType, StringType, StructField, StructType

    records = StructType(
        [StructField(c, LongType() if c in INTEGER_COLUMNS else StringType(), True) for c in RECORD_COLUMNS]
    )
    errors = StructType(
        [StructField(c, IntegerType() if c == "line" else StringType(), True) for c in ERROR_COLUMNS]
    )
    return records, errors


def session(master: str | None, *, app_name: str = "lagebild", config: dict[str, str] | None = None) -> Any:
    """A SparkSession whose Python workers run this interpreter (so lagebild is importable).

    ``master=None`` keeps what ``spark-submit`` configured."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    for key, value in {**SPARK_DEFAULTS, **(config or {})}.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def run_spark(
    inputs: Iterable[str],
    output: str | Path,
    *,
    master: str | None = "local[*]",
    model: str | None = None,
    partitions: int | None = None,
    spark: Any = None,
) -> dict[str, Any]:
    """Analyse ``inputs`` on Spark into ``output``; returns the run summary."""
    from pyspark import StorageLevel

    items = expand_inputs(inputs)
    output = Path(output)
    own_session = spark is None
    spark = spark or session(master)
    started = time.perf_counter()
    try:
        context = spark.sparkContext
        slices = max(1, min(len(items), partitions or context.defaultParallelism * 4))
        rows = context.parallelize(items, slices).mapPartitions(_partition_task(model))
        rows.persist(StorageLevel.MEMORY_AND_DISK)
        record_schema, error_schema = _schemas()
        records = spark.createDataFrame(
            rows.filter(lambda item: item[0] == "record").map(
                lambda item: tuple(item[1][c] for c in RECORD_COLUMNS)
            ),
            record_schema,
        ).dropDuplicates(["doc_id"])
        errors = spark.createDataFrame(
            rows.filter(lambda item: item[0] == "error").map(
                lambda item: tuple(item[1][c] for c in ERROR_COLUMNS)
            ),
            error_schema,
        )
        records.write.mode("overwrite").partitionBy("month").parquet(str(output / "records"))
        errors.coalesce(1).write.mode("overwrite").parquet(str(output / "errors"))
        metrics = [item[1] for item in rows.filter(lambda item: item[0] == "metric").collect()]
        summary = {
            "files": len({path for path, _, _ in items}),
            "work_items": len(items),
            "documents": spark.read.parquet(str(output / "records")).count(),
            "errors": spark.read.parquet(str(output / "errors")).count(),
            "seconds": round(time.perf_counter() - started, 3),
            "master": context.master,
            "worker_peak_rss_mb": _peak_per_process(metrics),
        }
        rows.unpersist()
    finally:
        if own_session:
            spark.stop()
    (output / "_lagebild_summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return summary


def _peak_per_process(metrics: list[dict[str, Any]]) -> dict[str, float]:
    peaks: dict[str, float] = {}
    for metric in metrics:
        key = str(metric["pid"])
        peaks[key] = round(max(peaks.get(key, 0.0), metric["peak_rss_mb"]), 1)
    return peaks


def main(argv: list[str] | None = None) -> None:
    """Entry point for ``spark-submit lagebild/scale/spark.py --input … --output …``."""
    import argparse

    parser = argparse.ArgumentParser(prog="lagebild-spark", description=__doc__)
    parser.add_argument("--input", action="append", required=True, help="file, folder or glob (repeatable)")
    parser.add_argument("--output", required=True)
    parser.add_argument("--master", help="Spark master; default: what spark-submit configured")
    parser.add_argument("--model")
    parser.add_argument("--partitions", type=int)
    args = parser.parse_args(argv)
    summary = run_spark(
        args.input, args.output, master=args.master, model=args.model, partitions=args.partitions
    )
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
