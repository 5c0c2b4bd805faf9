"""End-to-end CLI tests on the shipped model (the team's example articles, and the seed)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from lagebild.cli import main
from lagebild.record import validate

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def _run(runner, args, **kwargs):
    return runner.invoke(main, args, catch_exceptions=False, **kwargs)


def test_analyze_json_on_example(runner, examples_dir, model_present):
    result = _run(runner, ["analyze", str(examples_dir / "gasstreit.txt"), "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    validate(record)
    assert record["document"]["date"]["precision"] == "day"
    assert record["document"]["language"] == "de"
    text = record["document"]["text"]
    assert text.startswith("Streit um Gastransit")
    for quote in record["quotes"]:
        start, end = quote["span"]
        assert 0 <= start < end <= len(text)


def test_analyze_jsonl_streams_one_record_per_document(runner, examples_dir, model_present):
    result = _run(runner, ["analyze", str(examples_dir / "articles.jsonl"), "--jsonl", "--no-text"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["document"]["source_id"] for r in records] == ["demo-1", "demo-2", "demo-3"]
    assert records[2]["document"]["date"] is None
    for record in records:
        validate(record)
        assert "text" not in record["document"]


def test_analyze_stdin_and_report(runner, examples_dir, model_present):
    data = (examples_dir / "gasstreit.txt").read_bytes()
    result = _run(runner, ["analyze", "-"], input=data)
    assert result.exit_code == 0, result.output
    assert "Streit um Gastransit" in result.stdout
    assert "2024-03-14" in result.stdout


def test_analyze_folder_reports_bad_files_and_exits_1(runner, tmp_path, model_present):
    (tmp_path / "ok.txt").write_text("date 2022-07 Die Regierung in Berlin hat am Montag beraten.")
    (tmp_path / "bad.bin").write_bytes(b"\x00\xff\x00binary" * 30)
    (tmp_path / "en.txt").write_text(
        "The government in Berlin met on Monday to discuss the budget for next year."
    )
    result = _run(runner, ["analyze", str(tmp_path), "--jsonl"])
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 1
    assert "E102" in result.stderr and "E112" in result.stderr


def test_missing_file_is_a_plain_error(runner, tmp_path, model_present):
    result = _run(runner, ["analyze", str(tmp_path / "nope.txt"), "--json"])
    assert result.exit_code == 1
    assert "E101" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.shared
def test_seed_article_analyses_cleanly(runner, seed_file, model_present):
    result = _run(runner, ["analyze", str(seed_file), "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    validate(record)
    assert record["document"]["date"] == {"start": "2022-07-01", "end": "2022-07-31", "precision": "month"}
    assert record["document"]["language"] == "de"


def test_schema_command_prints_the_schema(runner):
    result = _run(runner, ["schema"])
    assert json.loads(result.stdout)["$id"] == "lagebild.analysis/1"
