"""Memory over a long ingest: does the resident size stay flat, document after document?

    python benchmarks/memory_flat.py [--docs 10000] [--every 250] [--json]

Builds a stream of distinct German documents from the shared corpora (german-news articles,
SmartData documents, Wikinews articles, political speeches, PCC commentaries, then chunks of
the legal NER corpus's court decisions until ``--docs`` is reached; every text different, so
vocabulary and caches keep meeting new words), ingests it with one worker into a fresh store in
this process (the same code path as ``lagebild ingest --workers 1``) and samples the resident
set size (``VmRSS``) every ``--every`` stored documents.

Reported: RSS after start-up, at each sample, the peak, the last RSS while the analysis runs
(``final_rss_mb``) and after it (``after_run_rss_mb``: the last sample, taken at the final
flush when the analyser and its model are already freed, so it is left out of the slope), and
the growth rate (least-squares slope, MB per 1,000 documents) over the second half of the run,
when bounded caches have filled.  A flat run has a
slope near 0; a leak shows as a steady positive slope.  ``python_blocks`` counts Python's live
memory blocks at each sample: when RSS grows and they do not, the growth is heap the allocator
keeps (fragmentation) or memory outside Python's objects, not objects kept alive.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
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
        next_sample = [args.every]
        startup: dict[str, float] = {}

        def progress(stats: object) -> None:
            stored = getattr(stats, "stored", 0) + getattr(stats, "errors", 0)
            if getattr(stats, "ready", None) and not startup:
                startup["rss_mb"] = _rss_mb()[0]
            if stored >= next_sample[0]:
                samples.append((stored, round(_rss_mb()[0], 1)))
                blocks.append((stored, sys.getallocatedblocks()))
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
    # the last sample comes from the final flush, after the analyser (and its model) is freed
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
        "final_rss_mb": running[-1][1] if running else None,
        "after_run_rss_mb": samples[-1][1] if samples else None,
        "slope_second_half_mb_per_1000_docs": round(_slope(half), 2),
        "samples": samples,
        "python_blocks": blocks,
    }
    print(json.dumps(result) if args.json else json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
