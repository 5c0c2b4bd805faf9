"""Memory over a long ingest: does the resident size stay flat, document after document?

    python benchmarks/memory_flat.py [--docs 10000] [--every 250] [--json]

Builds a stream of distinct German documents from the shared corpora (german-news articles,
SmartData documents, Wikinews articles, political speeches, PCC commentaries, then chunks of
the legal NER corpus's court decisions until ``--docs`` is reached; every text different, so
vocabulary and caches keep meeting new words), ingests it with one worker into a fresh store in
this process (the same code path as ``lagebild ingest --workers 1``) and samples the resident
set size (``VmRSS``) every ``--every`` stored documents.

Reported: RSS after start-up, at each sample, the peak, the last sample (``final_rss_mb``,
taken when the last document is stored, which may be at the final flush, after the analyser is
freed: it is left out of the slope), the RSS once the ingest has returned
(``after_run_rss_mb``), and the growth rate (least-squares slope, MB per 1,000 documents) over the second half of the run,
when bounded caches have filled.  A flat run has a
slope near 0; a leak shows as a steady positive slope.  ``python_blocks`` counts Python's live
memory blocks at each sample: when RSS grows and they do not, the growth is heap the allocator
keeps (fragmentation) or memory outside Python's objects, not objects kept alive.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from lagebild.paths import shared_dir

LEGAL_CHUNK = 8  # sentences per legal "document" (enough of them for a 10,000-document run)


def _rss_mb() -> tuple[float, float]:
    """(current, peak) resident set size of this process in MB."""
    values = {}
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(("VmRSS", "VmHWM")):
                key, value = line.split(":")
                values[key] = int(value.split()[0]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in [
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        ]
    ]


def _heap_mb() -> dict[str, float]:
    """glibc's view of the heap (``mallinfo2``): bytes handed out (``used``), freed but kept
    (``free``; after a ``malloc_trim`` mostly not resident) and in separate mappings (``mmap``),
    plus the MB of Python's small-object arenas.  Empty where glibc or the call is missing."""
    heap: dict[str, float] = {}
    try:
        call = ctypes.CDLL("libc.so.6").mallinfo2
    except (OSError, AttributeError):
        return heap
    call.restype = _MallInfo2
    info = call()
    heap.update(
        used=round(info.uordblks / 2**20, 1),
        free=round(info.fordblks / 2**20, 1),
        mmap=round(info.hblkhd / 2**20, 1),
    )
    read, write = os.pipe()
    saved = os.dup(2)
    try:
        os.dup2(write, 2)
        sys._debugmallocstats()
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(write)
    with os.fdopen(read, encoding="ascii", errors="replace") as handle:
        for line in handle:
            if line.startswith(("# bytes in allocated blocks", "# arenas allocated current")):
                key, _, value = line.partition("=")
                number = int(value.strip().replace(",", ""))
                if "arenas" in key:
                    heap["pymalloc_arenas"] = number
                else:
                    heap["pymalloc_used"] = round(number / 2**20, 1)
    return heap


def _jsonl(path: Path, key: str) -> Iterator[str]:
    if path.exists():
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                yield json.loads(line).get(key) or ""


def texts(data: Path) -> Iterator[str]:
    """Distinct German texts from the shared corpora, in a fixed order."""
    yield from _jsonl(data / "german-news" / "10kGNAD_test_shared.jsonl", "text")
    for name in ("smartdata_v1_train.jsonl", "smartdata_v1_test.jsonl"):
        yield from _jsonl(data / "ner-smartdata-de" / name, "text")
    for path in sorted((data / "quotes-de" / "wikinews-quotation-attribution-2024" / "train").glob("*.json")):
        yield json.loads(path.read_text(encoding="utf-8")).get("originalText") or ""
    yield from _jsonl(data / "raw-political-speeches-de" / "speeches.jsonl", "text")
    for path in sorted((data / "pcc-2.2" / "primary-data").glob("*.txt")):
        yield path.read_text(encoding="utf-8")
    sents: list[str] = []
    words: list[str] = []
    for path in sorted((data / "ner-legal-de" / "courts").glob("*.conll")):
        for line in path.read_text(encoding="utf-8").replace("\r", "").splitlines():
            if line.strip():
                words.append(line.rpartition(" ")[0])
                continue
            if words:
                sents.append(" ".join(words))
                words = []
            if len(sents) == LEGAL_CHUNK:
                yield " ".join(sents)
                sents = []


def write_stream(data: Path, path: Path, limit: int) -> None:
    """The first ``limit`` distinct texts of at least 20 words as JSONL documents."""
    seen: set[str] = set()
    with path.open("w", encoding="utf-8") as handle:
        for text in texts(data):
            text = text.strip()
            if len(text.split()) < 20 or text in seen:
                continue
            seen.add(text)
            handle.write(json.dumps({"text": text, "date": "2024-01-01"}, ensure_ascii=False) + "\n")
            if len(seen) >= limit:
                break


def _slope(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of RSS (MB) per 1,000 documents."""
    if len(points) < 2:
        return 0.0
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    var = sum((x - mean_x) ** 2 for x, _ in points)
    cov = sum((x - mean_x) * (y - mean_y) for x, y in points)
    return 1000 * cov / var if var else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--every", type=int, default=250)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--heap", action="store_true", help="also sample glibc's and Python's allocator statistics"
    )
    args = parser.parse_args()
    data = shared_dir() / "data"
    if not data.exists():
        sys.exit(f"the shared corpora are needed: {data}")

    from lagebild.store import open_store
    from lagebild.store.ingest import ingest

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "stream.jsonl"
        # written by a child process, so that reading the corpora leaves no trace in this one
        writer = multiprocessing.get_context("fork").Process(
            target=write_stream, args=(data, source, args.docs)
        )
        writer.start()
        writer.join()
        with source.open(encoding="utf-8") as handle:
            count = sum(1 for _ in handle)
        samples: list[tuple[int, float]] = []
        blocks: list[tuple[int, int]] = []  # Python's live memory blocks (objects) at each sample
        heaps: list[tuple[int, dict[str, float]]] = []  # the allocators' view at each sample
        next_sample = [args.every]
        startup: dict[str, float] = {}

        def progress(stats: object) -> None:
            stored = getattr(stats, "stored", 0) + getattr(stats, "errors", 0)
            if getattr(stats, "ready", None) and not startup:
                startup["rss_mb"] = _rss_mb()[0]
            if stored >= next_sample[0]:
                samples.append((stored, round(_rss_mb()[0], 1)))
                blocks.append((stored, sys.getallocatedblocks()))
                if args.heap:
                    heaps.append((stored, _heap_mb()))
                next_sample[0] += args.every
                if not args.json:
                    print(f"{stored:6d} docs  RSS {samples[-1][1]:7.1f} MB", flush=True)

        started = time.monotonic()
        store = open_store(Path(tmp) / "memory.db")
        try:
            stats = ingest([source], store, workers=1, progress=progress, count_total=False)
        finally:
            store.close()
        seconds = time.monotonic() - started
        after_run = _rss_mb()[0]
    # the last sample may come from the final flush, after the analyser (and its model) is freed
    running = samples[:-1] if len(samples) > 1 else samples
    half = [point for point in running if point[0] > count / 2]
    result = {
        "docs": count,
        "stored": stats.stored,
        "errors": stats.errors,
        "words": stats.words,
        "seconds": round(seconds, 1),
        "startup_rss_mb": round(startup.get("rss_mb", 0.0), 1),
        "peak_rss_mb": round(_rss_mb()[1], 1),
        "final_rss_mb": samples[-1][1] if samples else None,
        "after_run_rss_mb": round(after_run, 1),
        "slope_second_half_mb_per_1000_docs": round(_slope(half), 2),
        "samples": samples,
        "python_blocks": blocks,
    }
    if args.heap:
        result["heap_mb"] = heaps
    print(json.dumps(result) if args.json else json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
