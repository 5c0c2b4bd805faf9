"""Ingest: read inputs, analyse them in worker processes, store the records.

The main process reads the inputs, skips documents already stored, sends the rest to workers
in small batches, and is the single writer of the store.  Each worker builds its
:class:`~lagebild.pipeline.Analyzer` once (pool initializer).  Records are written in
transactions of a few dozen documents, so a run killed at any moment (``kill -9``) loses only
uncommitted documents, and the next run redoes exactly those.  A worker that dies (or a task
past its time limit) costs a pool restart, not the run: see :func:`_run_pool`.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import multiprocessing
import os
import signal
import sqlite3
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import allocator
from ..document import DocDate, Document
from ..errors import E, LagebildError
from ..settings import INGEST, READER, STORE
from .base import ErrorEntry, Store
from .dedup import signature
from .rows import pipeline_version

log = logging.getLogger(__name__)

BLANK_MODEL = "blank"


@dataclass
class IngestStats:
    """Counts of one ingest run (``total`` is an estimate of the documents in the input)."""

    total: int | None = None
    read: int = 0
    skipped: int = 0
    stale: int = 0
    analysed: int = 0
    stored: int = 0
    replaced: int = 0
    duplicates: int = 0
    errors: int = 0
    # skipped because an earlier run recorded that they kill their worker (E913)
    quarantined: int = 0
    # worker pools restarted after a worker died or a task ran past its time limit
    restarts: int = 0
    words: int = 0
    started: float = field(default_factory=time.monotonic)
    # when the analysers were loaded (throughput after start-up is measured from there)
    ready: float | None = None

    @property
    def done(self) -> int:
        return self.skipped + self.stored + self.errors

    finished: float | None = None

    @property
    def elapsed(self) -> float:
        return (self.finished or time.monotonic()) - self.started

    def rate(self, count: float, *, after_startup: bool = False) -> float:
        """``count`` per second of the run (or of the part after the analysers were ready)."""
        start = (self.ready or self.started) if after_startup else self.started
        return count / max((self.finished or time.monotonic()) - start, 1e-9)

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "skipped": self.skipped,
            "stale": self.stale,
            "analysed": self.analysed,
            "stored": self.stored,
            "replaced": self.replaced,
            "duplicates": self.duplicates,
            "errors": self.errors,
            "quarantined": self.quarantined,
            "restarts": self.restarts,
            "words": self.words,
            "seconds": round(self.elapsed, 2),
            "docs_per_s": round(self.rate(self.analysed), 2),
            "words_per_s": round(self.rate(self.words), 1),
            "startup_s": round(self.ready - self.started, 2) if self.ready else None,
            "docs_per_s_after_startup": round(self.rate(self.analysed, after_startup=True), 2),
            "words_per_s_after_startup": round(self.rate(self.words, after_startup=True), 1),
        }


# ---------------------------------------------------------------------------------------------
# analysers (built once per worker)
# ---------------------------------------------------------------------------------------------


def make_analyzer(model: str | None = None, factory: str | None = None) -> Any:
    """The Analyzer for ``model``; ``factory`` (``module:callable``) builds a custom one.

    ``model="blank"`` gives a blank German tokenizer without components: records with text
    and metadata only (fast; useful for full-text search and for tests).
    """
    from ..pipeline import Analyzer

    allocator.prepare()  # before the model's arrays are allocated
    if factory:
        module_name, _, attr = factory.partition(":")
        try:
            build = getattr(importlib.import_module(module_name), attr or "make_analyzer")
        except (ImportError, AttributeError) as err:
            raise LagebildError(E.E905.format(spec=factory, error=err), code="E905") from err
        return build(model)
    if model == BLANK_MODEL:
        import spacy

        return Analyzer(nlp=spacy.blank("de"), exclusive=True)
    return Analyzer(model, exclusive=True)


@dataclass
class Outcome:
    """What a worker sends back for one document: a record or an error."""

    doc_id: str
    record: dict[str, Any] | None = None
    signature: bytes | None = None
    words: int = 0
    error: ErrorEntry | None = None
    origin: str = ""
    source_id: str | None = None


def origin(document: Document) -> str:
    """The input a document came from (its file, else its source or id), for error entries."""
    return str(document.meta.get("origin") or document.source or document.id)


def release_memory() -> None:
    """Give the heap pages freed by the last batch back to the system (glibc ``malloc_trim``).

    glibc keeps freed memory in its heaps; after the parse of a batch (large temporary arrays)
    the resident size of a long run kept creeping up.  With a trim after every batch the ingest
    of 2,000 legal-text documents stayed about 100 MB lower (``benchmarks/memory_flat.py``).
    """
    if INGEST["trim_after_batch"]:
        allocator.trim()


def analyze_batch(analyzer: Any, documents: list[Document]) -> list[Outcome]:
    """Analyse ``documents`` (failures isolated per document) into picklable outcomes.

    The analyser isolates failures inside its pipeline; anything that still escapes a batch
    is retried document by document, so one bad document becomes one E204 entry and never
    takes the other documents of its batch (or the whole run) down with it.
    """
    from ..reader import ReadFailure

    try:
        results = list(analyzer.analyze_stream(documents, batch_size=len(documents)))
    except Exception as err:
        if len(documents) > 1:
            return [outcome for document in documents for outcome in analyze_batch(analyzer, [document])]
        log.error("analysis failed for %s: %s: %s", origin(documents[0]), type(err).__name__, err)
        document = documents[0]
        error = ErrorEntry(
            origin(document),
            "E204",
            E.E204.format(path=origin(document)),
            None,
            document.id,
            document.source_id,
        )
        return [Outcome(document.id, error=error)]
    outcomes = []
    for document, result in zip(documents, results, strict=True):
        if isinstance(result, ReadFailure):
            error = ErrorEntry(
                origin(document),
                result.error.code,
                result.error.message,
                result.line,
                document.id,
                document.source_id,
            )
            outcomes.append(Outcome(document.id, error=error))
            continue
        text = document.text
        outcomes.append(
            Outcome(
                document.id,
                result,
                signature(text),
                len(text.split()),
                origin=origin(document),
                source_id=document.source_id,
            )
        )
    return outcomes


_WORKER: dict[str, Any] = {}


def _watch_parent(parent: int, interval: float) -> None:
    """Exit this worker when the ingest process is gone (``kill -9`` leaves no orphans)."""
    while True:
        time.sleep(interval)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:  # the pid exists (under another user): keep running
            continue


def _init_worker(
    model: str | None,
    factory: str | None,
    reader: dict[str, Any],
    parent: int | None = None,
    path: list[str] | None = None,
    ready: Any = None,
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process handles Ctrl-C
    logging.basicConfig(level=logging.WARNING)
    READER.update(reader)
    # a fork server keeps the sys.path of its own start: find factories as the ingest process does
    sys.path[:0] = [entry for entry in path or [] if entry not in sys.path]
    _WORKER["ready"] = ready
    if parent is not None:
        threading.Thread(
            target=_watch_parent, args=(parent, INGEST["orphan_check_seconds"]), daemon=True
        ).start()
    try:
        _WORKER["analyzer"] = make_analyzer(model, factory)
    except Exception as err:  # reported to the main process by the first task
        _WORKER["error"] = err


def _portable(err: BaseException) -> LagebildError:
    """An error that survives pickling with its code (exceptions lose keyword arguments)."""
    if isinstance(err, LagebildError):
        return _RemoteError(err.message, err.code)
    return _RemoteError(E.E909.format(error=f"{type(err).__name__}: {err}"), "E909")


class _RemoteError(LagebildError):
    def __init__(self, message: str, code: str) -> None:
        super().__init__(message, code=code)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_RemoteError, (self.message, self.code))


class _NotReady(_RemoteError):
    """A worker gave up waiting for the others (another one failed, or start-up took too long)."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (_NotReady, (self.message, self.code))


def _worker_check() -> dict[str, Any]:
    """The pipeline info, once every worker of the pool has built its analyser.

    Each worker takes one of these tasks and waits for the others at a barrier, so that the
    time limit of later tasks never counts a worker's start-up.
    """
    ready = _WORKER.get("ready")
    if "error" in _WORKER:
        if ready is not None:
            ready.abort()  # the others stop waiting; this error is the one to report
        raise _portable(_WORKER["error"])
    if ready is not None:
        try:
            ready.wait(INGEST["start_timeout_s"])
        except threading.BrokenBarrierError as err:
            message = f"the workers were not ready after {INGEST['start_timeout_s']} s"
            raise _NotReady(E.E909.format(error=message), "E909") from err
    return dict(_WORKER["analyzer"].pipeline_info)


def _worker_batch(documents: list[Document]) -> list[Outcome]:
    if "error" in _WORKER:
        raise _portable(_WORKER["error"])
    try:
        outcomes = analyze_batch(_WORKER["analyzer"], documents)
    except Exception as err:
        raise _portable(err) from None
    release_memory()
    return outcomes


# ---------------------------------------------------------------------------------------------
# the single writer
# ---------------------------------------------------------------------------------------------


class _Writer:
    """Buffers outcomes and writes them in transactions of ``commit_every`` documents."""

    def __init__(
        self, store: Store, stats: IngestStats, progress: Callable[[IngestStats], None] | None
    ) -> None:
        self.store = store
        self.stats = stats
        self.progress = progress
        self.records: list[Outcome] = []
        self.errors: list[ErrorEntry] = []
        self.last = time.monotonic()
        # documents sent for analysis whose outcome is not back yet
        self.pending: set[str] = set()
        # later copies (same text, hence same id) of a pending document: (origin, source id)
        self.copies: dict[str, list[tuple[str, str | None]]] = {}
        # why a document was refused in this run, for copies that come after the refusal
        self.failed: dict[str, ErrorEntry] = {}

    def error(self, entry: ErrorEntry) -> None:
        self.errors.append(entry)
        self.stats.errors += 1
        self._maybe_flush()

    def skipped(self) -> None:
        self.stats.skipped += 1
        self._tick()

    def sent(self, document: Document) -> None:
        self.pending.add(document.id)

    def copy(self, document: Document) -> None:
        """A document whose text came earlier in this run: stored with it, or refused with it.

        Each copy is accounted for on its own: skipped when the first one is stored, an error
        entry of its own (same code, its own path) when the first one was refused.
        """
        failure = self.failed.get(document.id)
        if failure is not None:
            self.error(_copy_error(failure, origin(document), document.source_id))
        elif document.id in self.pending:
            self.copies.setdefault(document.id, []).append((origin(document), document.source_id))
        else:
            self.skipped()

    def add(self, outcomes: list[Outcome]) -> None:
        for outcome in outcomes:
            self.pending.discard(outcome.doc_id)
            copies = self.copies.pop(outcome.doc_id, [])
            if outcome.error is not None:
                self.failed[outcome.doc_id] = outcome.error
                self.error(outcome.error)
                for path, source_id in copies:
                    self.error(_copy_error(outcome.error, path, source_id))
            elif outcome.record is not None:
                self.stats.analysed += 1
                self.records.append(outcome)
                for _ in copies:
                    self.skipped()
        self._maybe_flush()

    def _maybe_flush(self) -> None:
        due = time.monotonic() - self.last >= INGEST["commit_seconds"]
        if len(self.records) + len(self.errors) >= INGEST["commit_every"] or due:
            self.flush()

    def _tick(self) -> None:
        if self.progress is not None:
            self.progress(self.stats)

    def flush(self) -> None:
        if self.records:
            batch, self.records = self.records, []
            try:
                self._stored(batch, self.store.write_records([_item(o) for o in batch]))
            except _RECORD_FAILURES:
                for outcome in batch:  # find the record(s) the store refuses; store the others
                    self._write_one(outcome)
        if self.errors:
            self.store.record_errors(self.errors)
            self.errors = []
        self.last = time.monotonic()
        self._tick()

    def _stored(self, outcomes: list[Outcome], results: list[Any]) -> None:
        for result, outcome in zip(results, outcomes, strict=True):
            self.stats.stored += 1
            self.stats.words += outcome.words
            self.stats.replaced += int(result.replaced)
            self.stats.duplicates += int(result.dup_of is not None)

    def _write_one(self, outcome: Outcome) -> None:
        """Store one record; a record the store cannot take becomes an E912 entry."""
        try:
            self._stored([outcome], self.store.write_records([_item(outcome)]))
        except _RECORD_FAILURES as err:
            log.error("could not store %s: %s: %s", outcome.origin or outcome.doc_id, type(err).__name__, err)
            path = outcome.origin or outcome.doc_id
            message = E.E912.format(path=path, error=f"{type(err).__name__}: {err}")
            self.errors.append(ErrorEntry(path, "E912", message, None, outcome.doc_id, outcome.source_id))
            self.stats.errors += 1


# what a malformed record makes the store raise (the transaction is rolled back); environmental
# failures (sqlite3.OperationalError: disk full, I/O, locks) still end the run
_RECORD_FAILURES = (
    sqlite3.IntegrityError,
    sqlite3.InterfaceError,
    sqlite3.DataError,
    ValueError,
    TypeError,
    KeyError,
    AttributeError,
    OverflowError,
)


def _item(outcome: Outcome) -> tuple[dict[str, Any], bytes | None]:
    assert outcome.record is not None  # only analysed outcomes are buffered as records
    return outcome.record, outcome.signature


def _copy_error(failure: ErrorEntry, path: str, source_id: str | None) -> ErrorEntry:
    """The error entry of a copy of a refused document: the same reason, under its own path."""
    message = failure.message
    if path != failure.path:
        where = f"{failure.path}:{failure.line}" if failure.line else failure.path
        message = f"{message} (same text as {where})"
    return ErrorEntry(path, failure.code, message, None, failure.doc_id, source_id)


# ---------------------------------------------------------------------------------------------
# reading and skipping
# ---------------------------------------------------------------------------------------------


def read_inputs(sources: Iterable[str | Path], *, date: DocDate | None = None) -> Iterator[Any]:
    """:func:`lagebild.reader.iter_documents`, file by file, noting each document's file.

    ``document.meta["origin"]`` names the input file, so that error entries of documents
    name the file they came from (not the ``source`` field of a JSONL record).
    """
    from ..reader import ReadFailure, iter_documents, iter_files

    for source in sources:
        path = Path(source)
        files: Iterable[str | Path] = (
            [source] if str(source) == "-" or not path.is_dir() else iter_files(path)
        )
        for file in files:
            name = "<stdin>" if str(file) == "-" else str(file)
            for item in iter_documents([file], date=date):
                if not isinstance(item, ReadFailure):
                    item.meta.setdefault("origin", name)
                yield item


def estimate_total(sources: Iterable[str | Path]) -> int | None:
    """Documents in ``sources``, counted cheaply (JSONL lines, files); None for stdin."""
    import gzip

    from ..reader import JSONL_SUFFIXES, iter_files

    total = 0
    for source in sources:
        if str(source) == "-":
            return None
        path = Path(source)
        for file in iter_files(path) if path.is_dir() else [path]:
            suffixes = [s.lower() for s in file.suffixes]
            if suffixes[-1:] == [".gz"]:
                suffixes = suffixes[:-1]
            if suffixes and suffixes[-1] in JSONL_SUFFIXES and file.is_file():
                opener = gzip.open if file.suffix.lower() == ".gz" else open
                try:
                    with opener(file, "rb") as stream:
                        total += sum(1 for line in stream if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total


# error codes of documents that killed (or hung) the worker analysing them: a later run skips
# them (retrying one costs a pool restart, or the whole run with --workers 1) unless --reprocess
QUARANTINE_CODES = frozenset({"E913"})


def quarantined(store: Store) -> set[str]:
    """Ids of documents an earlier run recorded as killing their worker (E913)."""
    return {e["doc_id"] for e in store.errors() if e["code"] in QUARANTINE_CODES and e["doc_id"]}


def _todo(
    items: Iterable[Any], store: Store, writer: _Writer, *, version: str, reprocess: bool
) -> Iterator[Document]:
    """Documents that need analysis; read failures and already stored documents are handled here.

    Documents recorded by an earlier run as killing their worker (E913) are skipped, unless
    ``reprocess``; other refused documents are tried again.
    """
    from ..reader import ReadFailure

    seen: set[str] = set()
    held = set() if reprocess else quarantined(store)
    for item in items:
        writer.stats.read += 1
        if isinstance(item, ReadFailure):
            writer.error(ErrorEntry(item.path, item.error.code, item.error.message, item.line))
            continue
        if item.id in held:
            writer.stats.quarantined += 1
            writer.skipped()
            continue
        if item.id in seen:
            writer.copy(item)
            continue
        stored = store.stored_versions([item.id]).get(item.id)
        if stored is not None and (stored == version or not reprocess):
            writer.stats.stale += int(stored != version)
            writer.skipped()
            continue
        seen.add(item.id)
        writer.sent(item)
        yield item


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# ---------------------------------------------------------------------------------------------
# the run
# ---------------------------------------------------------------------------------------------


def ingest(
    sources: Iterable[str | Path],
    store: Store,
    *,
    workers: int = 1,
    reprocess: bool = False,
    model: str | None = None,
    analyzer_factory: str | None = None,
    date: DocDate | None = None,
    progress: Callable[[IngestStats], None] | None = None,
    count_total: bool = True,
) -> IngestStats:
    """Analyse and store every document of ``sources``; returns the counts of the run."""
    sources = list(sources)
    stats = IngestStats(total=estimate_total(sources) if count_total else None)
    writer = _Writer(store, stats, progress)
    items = read_inputs(sources, date=date)
    try:
        _page_cache(store, INGEST["cache_kib"])
        if workers <= 1:
            _run_inline(items, store, writer, model=model, factory=analyzer_factory, reprocess=reprocess)
        else:
            _run_pool(
                items, store, writer, workers, model=model, factory=analyzer_factory, reprocess=reprocess
            )
    finally:
        writer.flush()
        _page_cache(store, STORE["cache_kib"])
        stats.finished = time.monotonic()
    return stats


def _page_cache(store: Store, kib: int) -> None:
    """Set the page cache of the store's connection in this thread (SQLite stores only)."""
    conn = getattr(store, "conn", None)
    if isinstance(conn, sqlite3.Connection):
        conn.execute(f"PRAGMA cache_size = {-int(kib)}")


def _run_inline(
    items: Iterable[Any],
    store: Store,
    writer: _Writer,
    *,
    model: str | None,
    factory: str | None,
    reprocess: bool,
) -> None:
    analyzer = make_analyzer(model, factory)
    writer.stats.ready = time.monotonic()
    version = pipeline_version(analyzer.pipeline_info)
    for batch in _batches(
        _todo(items, store, writer, version=version, reprocess=reprocess), INGEST["batch_size"]
    ):
        writer.add(analyze_batch(analyzer, batch))
        release_memory()


@dataclass
class _Work:
    """Documents sent to a worker as one task.

    ``level`` says how isolated the task is: 0 a batch, 1 one document (other one-document
    tasks may run at the same time), 2 one document running alone, so that a worker death
    during it can only be its doing.
    """

    documents: list[Document]
    level: int = 0
    future: Any = None
    # when the main process began waiting for this task (all earlier tasks were done then)
    since: float | None = None

    def timeout(self) -> float | None:
        limit = float(INGEST["doc_timeout_s"] or 0)
        return limit * len(self.documents) if limit > 0 else None


class _PoolDied(Exception):
    """The worker pool broke (a worker died) or was killed (a task ran past its time limit)."""

    def __init__(self, reason: str, *, timed_out: _Work | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.timed_out = timed_out


class _Pool:
    """A ``ProcessPoolExecutor`` that can be killed and started again."""

    def __init__(self, workers: int, model: str | None, factory: str | None) -> None:
        self.workers = workers
        self.model = model
        self.factory = factory
        self.executor: Any = None

    def start(self) -> str:
        """Start the workers; the pipeline version, once every worker has built its analyser."""
        from concurrent.futures import ProcessPoolExecutor, wait
        from concurrent.futures.process import BrokenProcessPool

        context = multiprocessing.get_context(INGEST["start_method"])
        if INGEST["start_method"] == "forkserver":
            # import the heavy modules once in the fork server; workers fork from it ready-made
            context.set_forkserver_preload(["lagebild.store.ingest", "lagebild.store.warmup"])
        self.executor = ProcessPoolExecutor(
            self.workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(
                self.model,
                self.factory,
                dict(READER),
                os.getpid(),
                list(sys.path),
                context.Barrier(self.workers),
            ),
        )
        checks = [self.executor.submit(_worker_check) for _ in range(self.workers)]
        if wait(checks, timeout=INGEST["start_timeout_s"] + 10).not_done:  # stuck in start-up
            self.stop(kill=True)
            message = f"the workers were not ready after {INGEST['start_timeout_s']} s"
            raise LagebildError(E.E909.format(error=message), code="E909")
        failures = [check.exception() for check in checks if check.exception() is not None]
        if any(isinstance(failure, BrokenProcessPool) for failure in failures):
            raise _PoolDied(self.stop()) from failures[0]
        failures.sort(key=lambda failure: isinstance(failure, _NotReady))  # the cause first
        for failure in failures:
            if isinstance(failure, LagebildError):
                raise failure
            raise LagebildError(E.E909.format(error=f"{type(failure).__name__}: {failure}"), code="E909")
        return {pipeline_version(check.result()) for check in checks}.pop()

    def submit(self, work: _Work) -> None:
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        try:
            work.future = self.executor.submit(_worker_batch, work.documents)
        except BrokenProcessPool as err:  # a worker died since the last wait: noticed there
            work.future = Future()
            work.future.set_exception(err)
        work.since = None

    def wait(self, work: _Work) -> list[Outcome]:
        """The outcomes of ``work``; :class:`_PoolDied` when the pool breaks or it times out."""
        from concurrent.futures import TimeoutError as FutureTimeout
        from concurrent.futures.process import BrokenProcessPool

        if work.since is None:
            work.since = time.monotonic()
        limit = work.timeout()
        remaining = None if limit is None else max(limit - (time.monotonic() - work.since), 0.0)
        try:
            outcomes: list[Outcome] = work.future.result(timeout=remaining)
            return outcomes
        except BrokenProcessPool as err:
            raise _PoolDied(self.stop()) from err
        except FutureTimeout as err:
            self.stop(kill=True)
            reason = (
                f"no result after {limit:.0f} s (limit: INGEST['doc_timeout_s'] per document); worker stopped"
            )
            raise _PoolDied(reason, timed_out=work) from err
        except LagebildError:
            raise
        except Exception as err:
            raise LagebildError(E.E909.format(error=f"{type(err).__name__}: {err}"), code="E909") from err

    def stop(self, *, kill: bool = False) -> str:
        """Shut the pool down (``kill``: SIGKILL its workers first); why a worker died, if one did."""
        executor, self.executor = self.executor, None
        if executor is None:
            return "no worker pool"
        processes = list((getattr(executor, "_processes", None) or {}).values())
        if kill:
            for process in processes:
                with contextlib.suppress(OSError, ValueError, AssertionError):
                    process.kill()
        executor.shutdown(wait=True, cancel_futures=True)
        for process in processes:
            with contextlib.suppress(OSError, ValueError, AssertionError):
                process.join(timeout=5)
        return _death_reason([process.exitcode for process in processes])


def _death_reason(exitcodes: list[int | None]) -> str:
    """Why a worker died, from the exit codes of the pool's workers.

    The executor stops the surviving workers with SIGTERM once one has died, so the culprit is
    the worker with another exit code.
    """
    for code in exitcodes:
        if code is None or code == 0 or code == -signal.SIGTERM:
            continue
        if code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            return f"the worker process was killed by {name}"
        return f"the worker process exited with status {code}"
    return "the worker process ended abruptly"


def _poison(document: Document, reason: str) -> Outcome:
    path = origin(document)
    log.error("worker died while analysing %s: %s", path, reason)
    message = E.E913.format(path=path, reason=reason)
    return Outcome(
        document.id, error=ErrorEntry(path, "E913", message, None, document.id, document.source_id)
    )


def _run_pool(
    items: Iterable[Any],
    store: Store,
    writer: _Writer,
    workers: int,
    *,
    model: str | None,
    factory: str | None,
    reprocess: bool,
) -> None:
    """Analyse in worker processes; a worker that dies costs a pool restart, never the run.

    When the pool breaks (a worker was killed, crashed, or exited) or a task runs past its time
    limit, the pool is restarted and the documents of every unfinished task are retried: those
    of a batch one document per task, those of a one-document task alone.  A document whose
    task breaks the pool while running alone (or runs past its limit on its own) is recorded as
    E913 and the run goes on.  After ``INGEST["max_pool_restarts"]`` deaths in a row without a
    finished task the run stops with E909 (a broken environment, not a bad document).
    """
    pool = _Pool(workers, model, factory)
    redo: list[deque[_Work]] = [deque(), deque(), deque()]  # by isolation level
    inflight: deque[_Work] = deque()
    try:
        version, deaths = _start(pool, writer, 0)
        log.info("%d workers ready (pipeline version %s)", workers, version)
        writer.stats.ready = time.monotonic()
        limit = workers * INGEST["inflight_per_worker"]
        batches = _batches(
            _todo(items, store, writer, version=version, reprocess=reprocess), INGEST["batch_size"]
        )
        exhausted = False
        while True:
            exhausted = _fill(pool, inflight, redo, batches, exhausted, workers=workers, limit=limit)
            if not inflight:
                break
            work = inflight[0]
            try:
                outcomes = pool.wait(work)
            except _PoolDied as died:
                deaths = _count_death(writer, deaths, died.reason)
                _recover(writer, inflight, redo, died)
                again, deaths = _start(pool, writer, deaths)
                if again != version:
                    message = "the restarted workers report another pipeline version"
                    raise LagebildError(E.E909.format(error=message), code="E909") from None
                continue
            inflight.popleft()
            writer.add(outcomes)
            deaths = 0
    except BaseException:
        for work in inflight:
            if work.future is not None:
                work.future.cancel()
        pool.stop(kill=True)  # a hung or busy worker must not keep an interrupted run alive
        raise
    pool.stop()


def _fill(
    pool: _Pool,
    inflight: deque[_Work],
    redo: list[deque[_Work]],
    batches: Iterator[list[Document]],
    exhausted: bool,
    *,
    workers: int,
    limit: int,
) -> bool:
    """Submit tasks: documents under suspicion first, alone or one per task; then new batches."""
    while True:
        if redo[2]:
            if not inflight:
                _submit(pool, inflight, redo[2].popleft())
            return exhausted
        if redo[1]:
            if len(inflight) >= workers:
                return exhausted
            _submit(pool, inflight, redo[1].popleft())
            continue
        if len(inflight) >= limit:
            return exhausted
        if redo[0]:
            _submit(pool, inflight, redo[0].popleft())
            continue
        batch = None if exhausted else next(batches, None)
        if batch is None:
            return True
        _submit(pool, inflight, _Work(batch))


def _submit(pool: _Pool, inflight: deque[_Work], work: _Work) -> None:
    pool.submit(work)
    inflight.append(work)


def _start(pool: _Pool, writer: _Writer, deaths: int) -> tuple[str, int]:
    """Start the pool (again); a start that dies counts as a pool death."""
    while True:
        try:
            return pool.start(), deaths
        except _PoolDied as died:
            deaths = _count_death(writer, deaths, died.reason)


def _count_death(writer: _Writer, deaths: int, reason: str) -> int:
    deaths += 1
    writer.stats.restarts += 1
    log.warning("worker pool died (%s); restarting it (%d in a row)", reason, deaths)
    if deaths > INGEST["max_pool_restarts"]:
        message = (
            f"{deaths} worker pools in a row died without finishing a task (last: {reason}); "
            "giving up (INGEST['max_pool_restarts'])"
        )
        raise LagebildError(E.E909.format(error=message), code="E909")
    return deaths


def _recover(writer: _Writer, inflight: deque[_Work], redo: list[deque[_Work]], died: _PoolDied) -> None:
    """After a pool death: keep finished results, retry the rest more isolated, record a culprit."""
    for work in inflight:
        future = work.future
        if future is not None and future.done() and not future.cancelled() and future.exception() is None:
            writer.add(future.result())  # finished before the pool died: nothing to redo
            continue
        if future is not None and future.done() and not future.cancelled():
            error = future.exception()
            if isinstance(error, LagebildError):
                raise error
        if died.timed_out is not None and work is not died.timed_out:
            redo[work.level].append(_Work(work.documents, work.level))  # not a suspect
            continue
        alone = work.level == 2 or (died.timed_out is not None and work.level >= 1)
        if alone:
            writer.add([_poison(document, died.reason) for document in work.documents])
            continue
        for document in work.documents:
            redo[work.level + 1].append(_Work([document], work.level + 1))
    inflight.clear()
