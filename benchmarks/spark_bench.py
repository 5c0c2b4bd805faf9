"""Spark throughput: local[1] vs local[2] on the same input, and the scaling efficiency.

    python benchmarks/spark_bench.py [--data FILE_OR_DIR] [--limit N] [--json]

Default input: ../shared/data/german-news/10kGNAD_test_shared.jsonl (988 articles).  Each run
starts a fresh SparkSession (JVM start-up included, as a user would see it).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from lagebild.paths import shared_dir
from lagebild.reader import Document, iter_documents
from lagebild.scale.spark import run_spark


def _default_data() -> Path:
    root = shared_dir()
    if root is None:
        sys.exit("no --data given and ../shared is absent")
    return root / "data" / "german-news" / "10kGNAD_test_shared.jsonl"


def _words(path: Path) -> tuple[int, int]:
    documents = [d for d in iter_documents([path]) if isinstance(d, Document)]
    return len(documents), sum(len(d.text.split()) for d in documents)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path)
    parser.add_argument("--limit", type=int, help="use only the first N JSONL lines")
    parser.add_argument("--masters", default="local[1],local[2]")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    data = args.data or _default_data()
    with tempfile.TemporaryDirectory() as tmp:
        if args.limit:
            lines = data.read_text(encoding="utf-8").splitlines()[: args.limit]
            data = Path(tmp) / "input.jsonl"
            data.write_text("\n".join(lines), encoding="utf-8")
        documents, words = _words(data)
        runs: dict[str, dict[str, Any]] = {}
        for master in args.masters.split(","):
            started = time.perf_counter()
            summary = run_spark(
                [str(data)], Path(tmp) / master.replace("[", "_").replace("]", ""), master=master
            )
            seconds = time.perf_counter() - started
            runs[master] = {
                "seconds": round(seconds, 2),
                "docs_per_s": round(documents / seconds, 2),
                "words_per_s": round(words / seconds, 1),
                "worker_peak_rss_mb": summary["worker_peak_rss_mb"],
                "documents": summary["documents"],
                "errors": summary["errors"],
            }
    result: dict[str, Any] = {"documents": documents, "words": words, "runs": runs}
    rates = [float(run["words_per_s"]) for run in runs.values()]
    if len(rates) == 2:
        result["speedup"] = round(rates[1] / rates[0], 3)
        result["scaling_efficiency"] = round(rates[1] / rates[0] / 2, 3)
    print(json.dumps(result, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
