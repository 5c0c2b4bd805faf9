"""Engine-neutral work unit for scale-out runners: input paths → output rows.

A Spark (or Ray) task calls :func:`analyze_paths` on its share of the input files.  It reads them
with :mod:`lagebild.reader` and analyses them with :meth:`Analyzer.analyze_stream` — exactly what
``lagebild analyze`` and ``lagebild ingest`` do — and flattens each record into one row.  The
Analyzer (and so the spaCy model) is built once per worker process and reused by every task.
"""

from __future__ import annotations

import resource
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from .. import allocator
from ..document import Document
from ..pipeline import Analyzer
from ..reader import ReadFailure, iter_documents
from ..record import RECORD_COLUMNS, record_month, record_row

ERROR_COLUMNS = ("path", "line", "code", "reason")


@lru_cache(maxsize=2)
def process_analyzer(model: str | None = None) -> Analyzer:
    """One Analyzer per worker process and model (loaded on first use)."""
    allocator.prepare()  # a long-lived worker: keep large temporary arrays out of the heap
    return Analyzer(model, exclusive=True)


def error_row(failure: ReadFailure) -> dict[str, Any]:
    return {"path": failure.path, "line": failure.line, "code": failure.error.code, "reason": failure.reason}


WorkItem = tuple[str, int, int]  # (path, part index, number of parts) — see reader.read_file


def _documents(items: Iterable[WorkItem]) -> Iterator[Document | ReadFailure]:
    for path, index, parts in items:
        yield from iter_documents([path], part=(index, parts))


def analyze_paths(
    items: Iterable[WorkItem], *, model: str | None = None
) -> Iterator[tuple[str, dict[str, Any]]]:
    """``("record", row)`` or ``("error", row)`` for every document of the work items."""
    analyzer = process_analyzer(model)
    for result in analyzer.analyze_stream(_documents(items)):
        if isinstance(result, ReadFailure):
            yield "error", error_row(result)
        else:
            yield "record", record_row(result)


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


__all__ = [
    "ERROR_COLUMNS",
    "RECORD_COLUMNS",
    "WorkItem",
    "analyze_paths",
    "error_row",
    "peak_rss_mb",
    "process_analyzer",
    "record_month",
    "record_row",
]
