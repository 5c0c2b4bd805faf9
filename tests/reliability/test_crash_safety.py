"""kill -9 during ingest, then rerun: the store stays sound and holds every document exactly once.

A short version of ``benchmarks/crash_trials.py``: 3 trials with the blank model.  To stay fast
the ingest runs in a forked child process (no interpreter start-up) that is SIGKILLed as soon as
the store holds a random number of documents; the rerun runs in the test process."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from benchmarks.crash_trials import check_complete, check_store, expected_ids, write_corpus

pytestmark = pytest.mark.slow


def _ingest(corpus: Path, db: Path) -> None:
    from lagebild.store import open_store
    from lagebild.store.ingest import ingest

    with open_store(db) as store:
        ingest([corpus], store, model="blank")


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.5) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0


def _kill_when(process, db: Path, documents: int, *, timeout: float = 60.0) -> bool:
    """SIGKILL ``process`` once the store holds ``documents``; False if it finished first."""
    deadline = time.monotonic() + timeout
    while process.is_alive() and _count(db) < documents and time.monotonic() < deadline:
        time.sleep(0.02)
    if not process.is_alive():
        return False
    os.kill(process.pid, signal.SIGKILL)
    process.join()
    return True


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash") / "corpus"
    spec = write_corpus(folder, documents=150, seed=3)
    return folder, expected_ids(folder), spec["errors"]


@pytest.mark.parametrize("trial", range(3))
def test_kill_nine_then_rerun_keeps_exactly_one_copy(tmp_path, corpus, trial, monkeypatch):
    from lagebild.settings import INGEST

    monkeypatch.setitem(INGEST, "commit_every", 16)  # several transactions even in a small corpus
    folder, expected, errors = corpus
    db = tmp_path / "store.db"
    at = random.Random(trial).randint(1, len(expected) - 1)
    process = multiprocessing.get_context("fork").Process(target=_ingest, args=(folder, db))
    process.start()
    killed = _kill_when(process, db, at)
    after_kill = check_store(db)
    print(f"trial {trial}: kill at >= {at} documents: killed={killed}, stored={after_kill['documents']}")
    assert after_kill["integrity"] == "ok" and not after_kill.get("foreign_key_errors")
    _ingest(folder, db)
    assert check_complete(db, expected, errors) == []


def test_completeness_check_notices_missing_documents_and_errors(tmp_path, corpus):
    """The checker itself must be able to fail (otherwise the trials prove nothing)."""
    folder, expected, errors = corpus
    db = tmp_path / "store.db"
    _ingest(folder, db)
    assert check_complete(db, expected, errors) == []
    assert check_complete(db, expected | {"0" * 16}, errors)
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM errors WHERE code = 'E102'")
    assert check_complete(db, expected, errors)
