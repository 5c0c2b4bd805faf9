"""A document that kills (or hangs) the worker analysing it costs a pool restart, never the run.

The analysers of ``crashing_analyzer`` (this folder) end their worker with ``os._exit(1)`` — no
exception, no clean-up, like a segfault or the OOM killer — or loop forever on a marker word.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from pathlib import Path

import pytest

from lagebild.errors import LagebildError
from lagebild.settings import INGEST
from lagebild.store import open_store
from lagebild.store.ingest import _death_reason, ingest

HERE = Path(__file__).resolve().parent
MARKER = "Giftwort"
CITIES = ["Ulm", "Jena", "Trier", "Passau", "Lübeck", "Gera", "Kassel", "Zwickau", "Siegen", "Hof", "Fulda"]


@pytest.fixture(autouse=True)
def _workers_find_the_test_analysers(monkeypatch):
    """Workers get the sys.path of the ingest process; small batches so that a run has several."""
    monkeypatch.syspath_prepend(str(HERE))
    monkeypatch.setitem(INGEST, "batch_size", 3)
    monkeypatch.setitem(INGEST, "commit_every", 4)


def _corpus(folder: Path, *, poison: set[int], count: int = 11) -> dict[int, Path]:
    folder.mkdir()
    files = {}
    for n in range(count):
        city = CITIES[n % len(CITIES)]
        text = (
            f"{city}: Der Stadtrat hat am Abend über den Haushalt für das Jahr {2030 + n} beraten. "
            f"Die Fraktionen wollen bis zum Frühjahr {n + 2} Vorschläge zur Sanierung der Schulen prüfen."
        )
        if n in poison:
            text += f" Im Protokoll steht das {MARKER} an dieser Stelle."
        files[n] = folder / f"meldung-{n:02d}.txt"
        files[n].write_text(text, encoding="utf-8")
    return files


def _rows(db: Path) -> dict:
    conn = sqlite3.connect(db)
    try:
        return {
            "integrity": conn.execute("PRAGMA integrity_check").fetchone()[0],
            "documents": conn.execute("SELECT count(*), count(DISTINCT id) FROM documents").fetchone(),
            "errors": [tuple(r) for r in conn.execute("SELECT path, code, message, count FROM errors")],
        }
    finally:
        conn.close()


def _inline_rerun(folder: str, db: str) -> None:
    with open_store(db) as store:
        stats = ingest([folder], store, workers=1, analyzer_factory="crashing_analyzer:make_analyzer")
    assert stats.stored == 0 and stats.quarantined == 1


def test_poison_document_is_recorded_and_every_other_document_stored_once(tmp_path, digest):
    files = _corpus(tmp_path / "in", poison={4})
    db = tmp_path / "c.db"
    with open_store(db) as store:
        stats = ingest(
            [tmp_path / "in"], store, workers=2, analyzer_factory="crashing_analyzer:make_analyzer"
        )
    assert stats.stored == 10 and stats.errors == 1 and stats.restarts >= 2
    rows = _rows(db)
    assert rows["integrity"] == "ok"
    assert rows["documents"] == (10, 10)
    [(path, code, message, count)] = rows["errors"]
    assert (path, code, count) == (str(files[4]), "E913", 1)
    assert "Worker died while analysing this document" in message and "exited with status 1" in message

    before = digest(db)
    with open_store(db) as store:  # rerun: the poison document is known, nothing to do
        again = ingest(
            [tmp_path / "in"], store, workers=2, analyzer_factory="crashing_analyzer:make_analyzer"
        )
    assert (again.stored, again.errors, again.skipped, again.quarantined, again.restarts) == (0, 0, 11, 1, 0)
    assert digest(db) == before

    # --workers 1 cannot survive the crash of its own process: it must not even try the document
    child = multiprocessing.get_context("fork").Process(
        target=_inline_rerun, args=(str(tmp_path / "in"), str(db))
    )
    child.start()
    child.join(60)
    assert child.exitcode == 0
    assert digest(db) == before

    with open_store(db) as store:  # --reprocess tries it again (and it kills a worker again)
        redo = ingest(
            [tmp_path / "in"],
            store,
            workers=2,
            reprocess=True,
            analyzer_factory="crashing_analyzer:make_analyzer",
        )
    assert (redo.stored, redo.errors, redo.skipped, redo.quarantined) == (0, 1, 10, 0)
    rows = _rows(db)
    assert rows["documents"] == (10, 10) and [(code, count) for _, code, _, count in rows["errors"]] == [
        ("E913", 2)
    ]


def test_workers_dying_at_start_fail_fast_with_E909(tmp_path, monkeypatch):
    monkeypatch.setitem(INGEST, "max_pool_restarts", 2)
    _corpus(tmp_path / "in", poison=set(), count=4)
    started = time.monotonic()
    with open_store(tmp_path / "c.db") as store, pytest.raises(LagebildError) as info:
        ingest([tmp_path / "in"], store, workers=2, analyzer_factory="crashing_analyzer:make_dying_analyzer")
    assert info.value.code == "E909"
    assert "3 worker pools in a row" in info.value.message and "status 3" in info.value.message
    assert time.monotonic() - started < 60
    rows = _rows(tmp_path / "c.db")
    assert rows["documents"] == (0, 0) and rows["errors"] == []


def test_a_hanging_document_is_stopped_by_the_time_limit(tmp_path, monkeypatch):
    monkeypatch.setitem(INGEST, "doc_timeout_s", 1.5)
    files = _corpus(tmp_path / "in", poison={5}, count=7)
    db = tmp_path / "c.db"
    with open_store(db) as store:
        stats = ingest(
            [tmp_path / "in"], store, workers=2, analyzer_factory="crashing_analyzer:make_hanging_analyzer"
        )
    assert stats.stored == 6 and stats.errors == 1
    rows = _rows(db)
    assert rows["integrity"] == "ok" and rows["documents"] == (6, 6)
    [(path, code, message, _)] = rows["errors"]
    assert (path, code) == (str(files[5]), "E913") and "no result after 2 s" in message


def test_death_reason_names_the_worker_that_did_not_exit_on_request():
    assert _death_reason([-15, 1, None]) == "the worker process exited with status 1"
    assert _death_reason([-11, -15]) == "the worker process was killed by SIGSEGV"
    assert _death_reason([-9]) == "the worker process was killed by SIGKILL"
    assert _death_reason([-15, -15, 0]) == "the worker process ended abruptly"


def test_a_task_sent_to_a_pool_that_just_broke_is_retried_not_raised(tmp_path):
    """A worker can die between two waits; sending the next batch must not end the run."""
    from concurrent.futures.process import BrokenProcessPool

    from lagebild.document import Document
    from lagebild.store.ingest import _Pool, _Work

    pool = _Pool(2, None, "crashing_analyzer:make_analyzer")
    pool.start()
    try:
        dying = _Work([Document(text=f"Ein Satz mit dem {MARKER} darin.")])
        pool.submit(dying)
        with pytest.raises(BrokenProcessPool):
            dying.future.result(timeout=60)
        later = _Work([Document(text="Ein ganz gewöhnlicher Satz über das Wetter.")])
        pool.submit(later)  # must not raise: the broken pool is noticed when the task is awaited
        assert isinstance(later.future.exception(timeout=1), BrokenProcessPool)
    finally:
        pool.stop(kill=True)
