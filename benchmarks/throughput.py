"""End-to-end throughput against the parse floor, measured in one run on the same texts.

    python benchmarks/throughput.py [--data DIR_OR_JSONL] [--workers 1,2] [--limit N] [--json]

For each worker count it measures (a) the shipped spaCy pipeline alone (``nlp.pipe``), (b) the
full lagebild analysis (all components, JSON serialised), (c) full ingest into a fresh store —
each in fresh processes, so peak RSS is per measurement and per worker.  It also times the cold
start of ``lagebild analyze`` on one article.  Default data: ../shared/data/german-news.

--json prints one object per worker count:
{"words", "docs", "parse_only_wps", "end_to_end_wps", "ingest_wps", "ratio_end_to_end",
 "ratio_ingest", "peak_rss_mb", "workers", "cold_start_s"}
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from lagebild.paths import repo_root, shared_dir
from lagebild.reader import Document, iter_documents


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _parse_only(texts: list[str]) -> tuple[float, float]:
    from lagebild.nlp import load

    nlp = load()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - started, _peak_mb()


def _end_to_end(documents: list[Document]) -> tuple[float, float]:
    from lagebild.pipeline import Analyzer

    analyzer = Analyzer()
    started = time.perf_counter()
    for record in analyzer.analyze_stream(documents):
        json.dumps(record, ensure_ascii=False)
    return time.perf_counter() - started, _peak_mb()


def _in_workers(function: Any, items: list[Any], workers: int) -> tuple[float, float]:
    """Wall time of ``function`` over ``items`` split across fresh processes; max peak RSS.

    The wall time counts from when all workers have loaded their model (each reports its own
    processing time; the slowest one is the wall time), as with a pool that stays warm."""
    shares = [items[i::workers] for i in range(workers)]
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, maxtasksperchild=1) as pool:
        results = pool.map(function, shares)
    return max(seconds for seconds, _ in results), max(peak for _, peak in results)


def _ingest(data: Path, workers: int, limit: int | None) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        source = data
        if limit:
            source = Path(tmp) / "input.jsonl"
            lines = data.read_text(encoding="utf-8").splitlines()[:limit]
            source.write_text("\n".join(lines), encoding="utf-8")
        db = Path(tmp) / "bench.db"
        command = [sys.executable, "-m", "lagebild.cli", "ingest", str(source), "--db", str(db),
                   "--workers", str(workers), "--quiet"]
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        seconds = time.perf_counter() - started
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, children


def _cold_start() -> float:
    example = repo_root() / "examples" / "gasstreit.txt"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "lagebild.cli", "analyze", str(example), "--json"],
                   check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--limit", type=int, help="first N documents only")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    data = args.data
    if data is None:
        root = shared_dir()
        if root is None:
            sys.exit("no --data and no ../shared")
        data = root / "data" / "german-news" / "10kGNAD_test_shared.jsonl"
    documents = [d for d in iter_documents([data]) if isinstance(d, Document)][: args.limit]
    texts = [d.text for d in documents]
    words = sum(len(t.split()) for t in texts)
    cold = round(_cold_start(), 2)
    results = []
    for workers in (int(w) for w in args.workers.split(",")):
        parse_s, parse_rss = _in_workers(_parse_only, texts, workers)
        e2e_s, e2e_rss = _in_workers(_end_to_end, documents, workers)
        ingest_s, ingest_rss = _ingest(data, workers, args.limit)
        result = {
            "words": words,
            "docs": len(documents),
            "workers": workers,
            "parse_only_wps": round(words / parse_s, 1),
            "end_to_end_wps": round(words / e2e_s, 1),
            "ingest_wps": round(words / ingest_s, 1),
            "ratio_end_to_end": round(parse_s / e2e_s, 3),
            "ratio_ingest": round(parse_s / ingest_s, 3),
            "peak_rss_mb": round(max(parse_rss, e2e_rss), 1),
            "ingest_peak_rss_mb": round(ingest_rss, 1),
            "cold_start_s": cold,
            "cpus": os.cpu_count(),
        }
        results.append(result)
        print(json.dumps(result) if args.json else json.dumps(result, indent=2), flush=True)


if __name__ == "__main__":
    main()
