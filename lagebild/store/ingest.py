"""Ingest: read inputs, analyse them in worker processes, store the records.

The main process reads the inputs, skips documents already stored, sends the rest to workers
in small batches, and is the single writer of the store.  Each worker builds its
:class:`~lagebild.pipeline.Analyzer` once (pool initializer).  Records are written in
transactions of a few dozen documents, so a run killed at any moment (``kill -9``) loses only
uncommitted documents, and the next run redoes exactly those.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document import DocDate, Document
from ..errors import E, LagebildError
from ..settings import INGEST, READER
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

    if factory:
        module_name, _, attr = factory.partition(":")
        try:
            build = getattr(importlib.import_module(module_name), attr or "make_analyzer")
        except (ImportError, AttributeError) as err:
            raise LagebildError(E.E905.format(spec=factory, error=err), code="E905") from err
        return build(model)
    if model == BLANK_MODEL:
        import spacy

        return Analyzer(nlp=spacy.blank("de"))
    return Analyzer(model)


@dataclass
class Outcome:
    """What a worker sends back for one document: a record or an error."""

    doc_id: str
    record: dict[str, Any] | None = None
    signature: bytes | None = None
    words: int = 0
    error: ErrorEntry | None = None


def analyze_batch(analyzer: Any, documents: list[Document]) -> list[Outcome]:
    """Analyse ``documents`` (failures isolated per document) into picklable outcomes."""
    from ..reader import ReadFailure

    outcomes = []
    results = analyzer.analyze_stream(documents, batch_size=len(documents))
    for document, result in zip(documents, results, strict=True):
        if isinstance(result, ReadFailure):
            error = ErrorEntry(
                result.path,
                result.error.code,
                result.error.message,
                result.line,
                document.id,
                document.source_id,
            )
            outcomes.append(Outcome(document.id, error=error))
            continue
        text = document.text
        outcomes.append(Outcome(document.id, result, signature(text), len(text.split())))
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


def _init_worker(model: str | None, factory: str | None, reader: dict[str, Any], parent: int | None = None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process handles Ctrl-C
    logging.basicConfig(level=logging.WARNING)
    READER.update(reader)
    if parent is not None:
        threading.Thread(target=_watch_parent, args=(parent, INGEST["orphan_check_seconds"]), daemon=True).start()
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


def _worker_check() -> dict[str, Any]:
    if "error" in _WORKER:
        raise _portable(_WORKER["error"])
    return dict(_WORKER["analyzer"].pipeline_info)


def _worker_batch(documents: list[Document]) -> list[Outcome]:
    if "error" in _WORKER:
        raise _portable(_WORKER["error"])
    try:
        return analyze_batch(_WORKER["analyzer"], documents)
    except Exception as err:
        raise _portable(err) from None


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
        self.records: list[tuple[dict[str, Any], bytes | None, int]] = []
        self.errors: list[ErrorEntry] = []
        self.last = time.monotonic()

    def error(self, entry: ErrorEntry) -> None:
        self.errors.append(entry)
        self.stats.errors += 1
        self._maybe_flush()

    def skipped(self) -> None:
        self.stats.skipped += 1
        self._tick()

    def add(self, outcomes: list[Outcome]) -> None:
        for outcome in outcomes:
            if outcome.error is not None:
                self.error(outcome.error)
            elif outcome.record is not None:
                self.stats.analysed += 1
                self.records.append((outcome.record, outcome.signature, outcome.words))
        self._maybe_flush()

    def _maybe_flush(self) -> None:
        due = time.monotonic() - self.last >= INGEST["commit_seconds"]
        if len(self.records) + len(self.errors) >= INGEST["commit_every"] or due:
            self.flush()

    def _tick(self) -> None:
        if self.progress is not None:
            self.progress(self.stats)

    def flush(self) -> None:
        if self.errors:
            self.store.record_errors(self.errors)
            self.errors = []
        if self.records:
            results = self.store.write_records([(record, sig) for record, sig, _ in self.records])
            for result, (_, _, words) in zip(results, self.records, strict=True):
                self.stats.stored += 1
                self.stats.words += words
                self.stats.replaced += int(result.replaced)
                self.stats.duplicates += int(result.dup_of is not None)
            self.records = []
        self.last = time.monotonic()
        self._tick()


# ---------------------------------------------------------------------------------------------
# reading and skipping
# ---------------------------------------------------------------------------------------------


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


def _todo(
    items: Iterable[Any], store: Store, writer: _Writer, *, version: str, reprocess: bool
) -> Iterator[Document]:
    """Documents that need analysis; read failures and already stored documents are handled here."""
    from ..reader import ReadFailure

    seen: set[str] = set()
    for item in items:
        writer.stats.read += 1
        if isinstance(item, ReadFailure):
            writer.error(ErrorEntry(item.path, item.error.code, item.error.message, item.line))
            continue
        stored = store.stored_versions([item.id]).get(item.id)
        if item.id in seen or (stored is not None and (stored == version or not reprocess)):
            writer.stats.stale += int(stored is not None and stored != version)
            writer.skipped()
            continue
        seen.add(item.id)
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
    from ..reader import iter_documents

    sources = list(sources)
    stats = IngestStats(total=estimate_total(sources) if count_total else None)
    writer = _Writer(store, stats, progress)
    items = iter_documents(sources, date=date)
    try:
        if workers <= 1:
            _run_inline(items, store, writer, model=model, factory=analyzer_factory, reprocess=reprocess)
        else:
            _run_pool(
                items, store, writer, workers, model=model, factory=analyzer_factory, reprocess=reprocess
            )
    finally:
        writer.flush()
        stats.finished = time.monotonic()
    return stats


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
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context(INGEST["start_method"])
    if INGEST["start_method"] == "forkserver":
        # import the heavy modules once in the fork server; workers fork from it ready-made
        context.set_forkserver_preload(["lagebild.store.ingest", "lagebild.store.warmup"])
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(model, factory, dict(READER), os.getpid())
    ) as pool:
        version = pipeline_version(_result(pool.submit(_worker_check)))
        log.info("%d workers ready (pipeline version %s)", workers, version)
        writer.stats.ready = time.monotonic()
        inflight: deque[Any] = deque()
        limit = workers * INGEST["inflight_per_worker"]
        todo = _todo(items, store, writer, version=version, reprocess=reprocess)
        try:
            for batch in _batches(todo, INGEST["batch_size"]):
                inflight.append(pool.submit(_worker_batch, batch))
                while len(inflight) >= limit:
                    writer.add(_result(inflight.popleft()))
            while inflight:
                writer.add(_result(inflight.popleft()))
        except BaseException:
            for future in inflight:
                future.cancel()
            raise


def _result(pending: Any) -> Any:
    """A worker's answer; a crashed worker (killed, out of memory) becomes E909, never a hang."""
    try:
        return pending.result()
    except LagebildError:
        raise
    except Exception as err:
        raise LagebildError(E.E909.format(error=f"{type(err).__name__}: {err}"), code="E909") from err
