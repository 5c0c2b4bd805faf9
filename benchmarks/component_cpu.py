"""CPU seconds and share of every pipeline component over the shared news (one document at a time).

Usage: python benchmarks/component_cpu.py [--limit N] [--rounds R] [--profile COMPONENT,...] [--top K]

Each document is run through the components one by one; the first ``rounds - 1`` rounds warm up
(lazily loaded tables), the last one is timed with ``time.process_time`` (CPU, so a busy machine
distorts it less than wall time).  ``--profile`` prints cProfile's top functions (by own time) of
the named components in the timed round.  Prints a table; ``--json`` one JSON object instead.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.news import news_articles


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--profile", default="", help="comma-separated component names")
    parser.add_argument("--sort", default="tottime", choices=("tottime", "cumulative"), help="profile order")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from lagebild.pipeline import build

    nlp = build()
    texts = news_articles(args.limit)
    profiled = {name for name in args.profile.split(",") if name}
    profiler = cProfile.Profile()
    totals = {name: 0.0 for name, _ in nlp.pipeline}
    for round_ in range(max(1, args.rounds)):
        timed = round_ == max(1, args.rounds) - 1
        for text in texts:
            doc = nlp.make_doc(text)
            for name, component in nlp.pipeline:
                start = time.process_time()
                if timed and name in profiled:
                    profiler.enable()
                    doc = component(doc)
                    profiler.disable()
                else:
                    doc = component(doc)
                if timed:
                    totals[name] += time.process_time() - start
    total = sum(totals.values())
    if args.json:
        print(json.dumps({"docs": len(texts), "cpu_s": {k: round(v, 3) for k, v in totals.items()}}))
    else:
        for name, seconds in sorted(totals.items(), key=lambda item: -item[1]):
            print(f"{name:28s} {seconds:7.2f} s {100 * seconds / total:5.1f} %")
        print(f"{'total':28s} {total:7.2f} s  ({len(texts)} documents)")
    if profiled:
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
