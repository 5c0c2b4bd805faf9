"""A real local[2] Spark job on the team's example articles must equal the local pipeline."""

from __future__ import annotations

import json
import shutil

import pytest

from lagebild.reader import iter_documents
from lagebild.record import record_month as month_of

pytestmark = [pytest.mark.model, pytest.mark.slow]


@pytest.fixture(scope="module")
def spark_run(tmp_path_factory, examples_dir, model_present):
    from lagebild.scale.spark import run_spark

    inputs = tmp_path_factory.mktemp("inputs")
    for path in examples_dir.iterdir():
        shutil.copy(path, inputs / path.name)
    (inputs / "broken.bin").write_bytes(b"\x00\x01\x02binary" * 50)
    out = tmp_path_factory.mktemp("spark") / "out"
    first = run_spark([str(inputs)], out, master="local[2]")
    second = run_spark([str(inputs)], out, master="local[2]")  # a rerun must not duplicate
    return inputs, out, first, second


def _read_records(out):
    import pyarrow.parquet as pq

    table = pq.read_table(out / "records")
    return {row["doc_id"]: row for row in table.to_pylist()}


def test_spark_equals_local_pipeline_record_for_record(spark_run, analyzer):
    inputs, out, _, _ = spark_run
    spark_records = _read_records(out)
    local = {}
    for result in analyzer.analyze_stream(iter_documents([str(inputs.resolve())])):
        if isinstance(result, dict):
            local[result["document"]["id"]] = result
    assert set(spark_records) == set(local)
    assert len(local) >= 5
    for doc_id, row in spark_records.items():
        assert json.loads(row["record"]) == json.loads(json.dumps(local[doc_id])), doc_id
        assert row["month"] == month_of(local[doc_id])


def test_spark_errors_and_idempotent_rerun(spark_run):
    _, out, first, second = spark_run
    assert first["errors"] == second["errors"] == 1
    assert first["documents"] == second["documents"] == len(_read_records(out))
    import pyarrow.parquet as pq

    errors = pq.read_table(out / "errors").to_pylist()
    assert errors[0]["code"] == "E102" and errors[0]["path"].endswith("broken.bin")
    summary = json.loads((out / "_lagebild_summary.json").read_text())
    assert summary["worker_peak_rss_mb"]


def test_spark_output_loads_into_the_store_and_matches_the_export_layout(spark_run, tmp_path):
    import pyarrow.parquet as pq
    from click.testing import CliRunner

    from lagebild.cli import main
    from lagebild.corpus import Corpus
    from lagebild.export import record_schema

    _, out, first, _ = spark_run
    db = tmp_path / "loaded.db"
    result = CliRunner().invoke(main, ["load", str(out), "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with Corpus(db) as corpus:
        assert corpus.stats()["documents"] == first["documents"]
        corpus.export("parquet", tmp_path / "export")
    spark_schema = pq.read_table(out / "records").schema
    export_schema = pq.read_table(tmp_path / "export" / "records").schema
    expected = [field.name for field in record_schema()]
    assert sorted(spark_schema.names) == sorted(export_schema.names) == sorted(expected)
    for name in expected:
        if name != "month":
            assert spark_schema.field(name).type == export_schema.field(name).type, name
