"""Ingest throughput (docs/s, words/s) and store size per 1,000 articles.

Runs ``lagebild ingest``'s library function on a JSONL corpus (default: the 10kGNAD test split
in ../shared) into a fresh temporary database, once per worker count, and prints JSON.

    nice -n 10 python benchmarks/ingest_bench.py --workers 1 2
    python benchmarks/ingest_bench.py --model blank --limit 200      # plumbing only, no NLP
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from lagebild.paths import shared_dir
from lagebild.store import open_store
from lagebild.store.ingest import ingest

DEFAULT_INPUT = "data/german-news/10kGNAD_test_shared.jsonl"


def _input(args: argparse.Namespace, folder: Path) -> Path:
    source = Path(args.input) if args.input else (shared_dir() or Path("../shared")) / DEFAULT_INPUT
    if not source.exists():
        sys.exit(f"input not found: {source}")
    if not args.limit:
        return source
    target = folder / "input.jsonl"
    with source.open(encoding="utf-8") as stream, target.open("w", encoding="utf-8") as out:
        for number, line in enumerate(stream):
            if number >= args.limit:
                break
            out.write(line)
    return target


def run(source: Path, folder: Path, *, workers: int, model: str | None) -> dict:
    db = folder / f"bench-{workers}.db"
    with open_store(db) as store:
        stats = ingest([source], store, workers=workers, model=model)
        store.optimize()
        size = store.stats()
    result = {"workers": workers, **stats.as_dict()}
    result["store_bytes"] = size["store_bytes"]
    result["store_mb_per_1000_docs"] = round(size["store_bytes"] / 1e6 * 1000 / max(size["documents"], 1), 2)
    result["events"], result["quotes"], result["actors"] = size["events"], size["quotes"], size["actors"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--input", help="JSONL file (default: 10kGNAD test split in ../shared)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--limit", type=int, default=0, help="only the first N lines")
    parser.add_argument("--model", help="spaCy model (default: the shipped one; 'blank' = no NLP)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = _input(args, folder)
        results = [run(source, folder, workers=n, model=args.model) for n in args.workers]
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
