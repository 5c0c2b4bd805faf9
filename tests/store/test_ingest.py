"""Ingest with a stand-in analyser: idempotence, --reprocess, errors, workers, crash safety."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lagebild.store import open_store
from lagebild.store.ingest import estimate_total, ingest

HERE = Path(__file__).resolve().parent
FACTORY = "standin_analyzer:make_analyzer"


def _texts(count: int) -> list[dict]:
    lines = []
    for n in range(count):
        text = (
            f"Bericht {n}: Moskau verhängt neue Sanktionen gegen Astana, sagte Petrow am Montag. "
            f"Die Regierung in Berlin will darüber in der kommenden Woche beraten, hieß es am Abend. "
            f"Nach Angaben der Behörden wurden bisher {n} Anträge gestellt und {n * 3} Verträge geprüft."
        )
        lines.append({"id": f"doc-{n}", "date": f"2022-{1 + n % 12:02d}-15", "text": text})
    return lines


def _write_jsonl(path: Path, rows: list[dict], *, broken: bool = False) -> Path:
    with path.open("w", encoding="utf-8") as stream:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        if broken:
            stream.write("{kein json\n")
            stream.write(
                json.dumps(
                    {"id": "boom", "text": "BOOM: Dieser Text bringt die Analyse zum Absturz, sagte er."}
                )
                + "\n"
            )
    return path


@pytest.fixture
def inputs(tmp_path):
    return _write_jsonl(tmp_path / "in.jsonl", _texts(20), broken=True)


def test_ingest_stores_and_records_errors(tmp_path, inputs):
    with open_store(tmp_path / "c.db") as store:
        stats = ingest([inputs], store, analyzer_factory=FACTORY)
        assert stats.stored == 20 and stats.errors == 2 and stats.total == 22
        codes = sorted(e["code"] for e in store.errors())
        assert codes == ["E105", "E204"]
        boom = next(e for e in store.errors() if e["code"] == "E204")
        assert boom["source_id"] == "boom" and boom["doc_id"]
        assert store.stats()["events"] == 20
        assert {e["source_country"] for e in store.events(store_filter())} == {"RUS"}


def store_filter():
    from lagebild.store import EventFilter

    return EventFilter()


def test_reingest_is_idempotent(tmp_path, inputs):
    with open_store(tmp_path / "c.db") as store:
        ingest([inputs], store, analyzer_factory=FACTORY)
        before = store.stats()
        again = ingest([inputs], store, analyzer_factory=FACTORY)
        assert again.skipped == 20 and again.stored == 0
        after = store.stats()
        assert (after["documents"], after["events"], after["mentions"]) == (
            before["documents"],
            before["events"],
            before["mentions"],
        )
        assert after["errors"] == before["errors"]  # same failures, counted, not duplicated


def test_reprocess_reruns_other_pipeline_versions(tmp_path, inputs, monkeypatch):
    monkeypatch.setenv("LAGEBILD_TEST_VERSION", "1.0.0")
    with open_store(tmp_path / "c.db") as store:
        ingest([inputs], store, analyzer_factory=FACTORY)
        monkeypatch.setenv("LAGEBILD_TEST_VERSION", "2.0.0")
        lazy = ingest([inputs], store, analyzer_factory=FACTORY)
        assert lazy.stored == 0 and lazy.stale == 20
        redo = ingest([inputs], store, analyzer_factory=FACTORY, reprocess=True)
        assert redo.stored == 20 and redo.replaced == 20
        assert store.stats()["pipeline_versions"] == 1 and store.stats()["events"] == 20
        done = ingest([inputs], store, analyzer_factory=FACTORY, reprocess=True)
        assert done.stored == 0 and done.skipped == 20


def test_same_text_twice_in_one_run_is_stored_once(tmp_path):
    rows = _texts(3)
    path = _write_jsonl(tmp_path / "twice.jsonl", [*rows, dict(rows[0], id="copy")])
    with open_store(tmp_path / "c.db") as store:
        stats = ingest([path], store, analyzer_factory=FACTORY)
        assert stats.stored == 3 and stats.skipped == 1


def test_estimate_total_counts_jsonl_lines_and_files(tmp_path, inputs):
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.txt").write_text("Ein Text.", encoding="utf-8")
    (folder / "b.txt").write_text("Noch ein Text.", encoding="utf-8")
    assert estimate_total([inputs, folder]) == 24
    assert estimate_total(["-"]) is None


def test_worker_processes(tmp_path, inputs, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]))
    with open_store(tmp_path / "c.db") as store:
        stats = ingest([inputs], store, workers=2, analyzer_factory=FACTORY)
        assert stats.stored == 20 and stats.errors == 2
        assert store.stats()["documents"] == 20


def test_worker_start_failure_is_reported(tmp_path, inputs):
    from lagebild.errors import LagebildError

    with open_store(tmp_path / "c.db") as store, pytest.raises(LagebildError) as info:
        ingest([inputs], store, analyzer_factory="no_such_module:make")
    assert info.value.code == "E905"


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(db, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def test_killed_ingest_resumes_without_loss_or_duplicates(tmp_path):
    total = 150
    path = _write_jsonl(tmp_path / "big.jsonl", _texts(total))
    db = tmp_path / "crash.db"
    env = dict(
        os.environ,
        LAGEBILD_TEST_DELAY="0.03",
        PYTHONPATH=os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]),
    )
    command = [
        sys.executable,
        "-m",
        "lagebild.cli_corpus",
        "ingest",
        str(path),
        "--db",
        str(db),
        "--analyzer",
        FACTORY,
        "--no-progress",
    ]
    process = subprocess.Popen(
        command, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while _count(db) == 0 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.1)
        time.sleep(0.3)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    stored_before = _count(db)
    assert 0 < stored_before < total, "the run should have been killed mid-way"
    with open_store(db) as store:
        stats = ingest([path], store, analyzer_factory=FACTORY)
        assert stats.skipped == stored_before
        conn = store.conn
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*), count(DISTINCT id) FROM documents").fetchone()[:] == (
            total,
            total,
        )
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == total
        assert conn.execute("SELECT count(DISTINCT doc) FROM events").fetchone()[0] == total
        assert conn.execute("SELECT count(*) FROM minhash").fetchone()[0] <= total


# --- every input accounted for: copies of a refused text, batch failures -----------------------

_REFUSED = "BOOM: Der Bericht über die Sitzung des Ausschusses wurde am Mittwoch veröffentlicht."


def _refused_copies(folder: Path) -> dict[str, Path]:
    """A refused text in three inputs (two files, one JSONL line with a `source`), one good file."""
    folder.mkdir()
    files = {
        "first": folder / "a.txt",
        "copy": folder / "b.txt",
        "jsonl": folder / "c.jsonl",
        "good": folder / "d.txt",
    }
    files["first"].write_text(_REFUSED, encoding="utf-8")
    files["copy"].write_text(_REFUSED, encoding="utf-8")
    files["jsonl"].write_text(
        json.dumps({"id": "x1", "source": "Agentur", "text": _REFUSED}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    files["good"].write_text(_texts(1)[0]["text"], encoding="utf-8")
    return files


@pytest.mark.parametrize("batch_size", [1, 16])
def test_copies_of_a_refused_text_each_get_an_error_entry(tmp_path, monkeypatch, batch_size):
    from lagebild.settings import INGEST

    # batch 1: the refusal is known before a copy is read; batch 16: copies wait for the outcome
    monkeypatch.setitem(INGEST, "batch_size", batch_size)
    files = _refused_copies(tmp_path / "in")
    with open_store(tmp_path / "c.db") as store:
        stats = ingest([tmp_path / "in"], store, analyzer_factory=FACTORY)
        assert (stats.stored, stats.errors, stats.skipped) == (1, 3, 0)
        errors = store.errors()
        assert sorted(e["path"] for e in errors) == sorted(str(files[k]) for k in ("first", "copy", "jsonl"))
        assert {e["code"] for e in errors} == {"E204"}
        assert len({e["doc_id"] for e in errors}) == 1
        by_path = {e["path"]: e for e in errors}
        assert "same text as" in by_path[str(files["copy"])]["message"]
        assert by_path[str(files["jsonl"])]["source_id"] == "x1"
        # a rerun refuses them again: the same entries, counted twice, none added
        again = ingest([tmp_path / "in"], store, analyzer_factory=FACTORY)
        assert (again.errors, again.skipped) == (3, 1)
        assert sorted((e["path"], e["count"]) for e in store.errors()) == sorted(
            (str(files[k]), 2) for k in ("first", "copy", "jsonl")
        )


def test_copies_of_a_stored_text_are_skipped_not_errors(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = _texts(2)[1]["text"]
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(text, encoding="utf-8")
    with open_store(tmp_path / "c.db") as store:
        stats = ingest([folder], store, analyzer_factory=FACTORY)
        assert (stats.stored, stats.skipped, stats.errors) == (1, 2, 0)
        assert store.errors() == []


def test_worker_processes_record_copies_of_a_refused_text(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]))
    files = _refused_copies(tmp_path / "in")
    with open_store(tmp_path / "c.db") as store:
        stats = ingest([tmp_path / "in"], store, workers=2, analyzer_factory=FACTORY)
        assert (stats.stored, stats.errors) == (1, 3)
        assert sorted(e["path"] for e in store.errors()) == sorted(
            str(files[k]) for k in ("first", "copy", "jsonl")
        )


class _BrittleAnalyzer:
    """Raises out of analyze_stream for any batch that holds a text with ``KRACH``."""

    def __init__(self) -> None:
        self.pipeline_info = {"version": "0", "model": "none", "components": []}

    def analyze_stream(self, documents, batch_size=1):
        if any("KRACH" in d.text for d in documents):
            raise ValueError("kaputt")
        return [{"document": d.to_dict(), "pipeline": self.pipeline_info} for d in documents]


def test_a_failing_batch_is_split_so_only_the_culprit_is_refused():
    from lagebild.document import Document
    from lagebild.store.ingest import analyze_batch

    documents = [
        Document(text="Der Hafen bleibt bis Freitag geschlossen."),
        Document(text="KRACH im Parlament über den Haushalt.", source="Agentur"),
        Document(text="Die Brücke wird im Sommer erneuert."),
    ]
    documents[1].meta["origin"] = "feeds/tag.jsonl"
    outcomes = analyze_batch(_BrittleAnalyzer(), documents)
    assert [o.doc_id for o in outcomes] == [d.id for d in documents]
    assert [o.record is not None for o in outcomes] == [True, False, True]
    error = outcomes[1].error
    assert error is not None and error.code == "E204"
    assert error.path == "feeds/tag.jsonl" and error.doc_id == documents[1].id


class _PickyStore:
    """A real store that refuses (like a malformed record would) any record whose text has KAPUTT."""

    def __init__(self, store):
        self.store = store

    def __getattr__(self, name):
        return getattr(self.store, name)

    def write_records(self, items):
        items = list(items)
        if any("KAPUTT" in record["document"]["text"] for record, _ in items):
            raise ValueError("record cannot be stored")
        return self.store.write_records(items)


def test_a_record_the_store_refuses_is_listed_and_the_others_are_stored(tmp_path):
    rows = _texts(5)
    rows[2]["text"] = "KAPUTT: " + rows[2]["text"]
    path = _write_jsonl(tmp_path / "in.jsonl", rows)
    with open_store(tmp_path / "c.db") as real:
        stats = ingest([path], _PickyStore(real), analyzer_factory=FACTORY)
        assert (stats.stored, stats.errors) == (4, 1)
        assert real.stats()["documents"] == 4
        (error,) = real.errors()
        assert error["code"] == "E912" and error["path"] == str(path)
        assert error["source_id"] == "doc-2" and "ValueError" in error["message"]


def test_release_memory_is_safe_to_call_and_can_be_switched_off(monkeypatch) -> None:
    from lagebild.settings import INGEST
    from lagebild.store import ingest as ingest_module

    ingest_module.release_memory()  # the real one: a no-op where the C library lacks it
    calls: list[int] = []
    monkeypatch.setattr(ingest_module.allocator, "trim", lambda: calls.append(0) or True)
    ingest_module.release_memory()
    assert calls == [0]
    monkeypatch.setitem(INGEST, "trim_after_batch", False)
    ingest_module.release_memory()
    assert calls == [0]


def test_ingest_runs_with_its_own_page_cache_and_restores_the_store_one(tmp_path, inputs):
    from lagebild.settings import INGEST, STORE

    def cache_kib(store) -> int:
        return -store.conn.execute("PRAGMA cache_size").fetchone()[0]

    seen: list[int] = []
    with open_store(tmp_path / "c.db") as store:
        assert cache_kib(store) == STORE["cache_kib"]
        ingest(
            [inputs], store, analyzer_factory=FACTORY, progress=lambda stats: seen.append(cache_kib(store))
        )
        assert seen and set(seen) == {INGEST["cache_kib"]} != {STORE["cache_kib"]}
        assert cache_kib(store) == STORE["cache_kib"]
