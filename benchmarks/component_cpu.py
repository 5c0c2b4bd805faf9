"""CPU seconds and share of every pipeline component over the shared news (one document at a time).

Usage: python benchmarks/component_cpu.py [--limit N] [--rounds R] [--profile COMPONENT,...] [--top K]
       python benchmarks/component_cpu.py --batched [--limit N]

Each document is run through the components one by one; the first ``rounds - 1`` rounds warm up
(lazily loaded tables), the last one is timed with ``time.process_time`` (CPU, so a busy machine
distorts it less than wall time).  ``--profile`` prints cProfile's top functions (by own time) of
the named components in the timed round.  Prints a table; ``--json`` one JSON object instead.

``--batched`` measures inside the analysis as it runs (an ``Analyzer`` over all texts in one
stream: batched parse, memory zones, records and their JSON): the CPU seconds of each of
lagebild's rule components and of the whole analysis.  Two runs side by side (one per core)
on two checkouts make a before/after comparison that this machine's drift hits alike.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import time
from pathlib import Path
from typing import Any

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
    parser.add_argument("--batched", action="store_true", help="inside the Analyzer's stream")
    args = parser.parse_args()
    if args.batched:
        batched(args.limit, as_json=args.json)
        return
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


# the parse's own components (in the parse-only floor as well); the others are timed
FLOOR = ("lagebild_lemmas_v1", "lagebild_mood_v1", "lagebild_segment_v1", "lagebild_ner_gazetteer_v1")


def batched(limit: int, *, as_json: bool) -> None:
    from lagebild import allocator
    from lagebild.document import Document
    from lagebild.pipeline import Analyzer

    allocator.prepare()  # as `lagebild analyze` and the ingest workers do
    documents = [Document(text, language="de") for text in news_articles(limit)]
    analyzer = Analyzer(exclusive=True)  # the analyser of the process, as in `lagebild analyze`
    analyzer.analyze(
        Document("Die Ministerin sagte am Montag in Berlin, man werde die Gespräche fortsetzen.")
    )
    totals: dict[str, float] = {}

    def timed(name: str, component: Any) -> Any:
        def call(doc: Any) -> Any:
            start = time.process_time()
            doc = component(doc)
            totals[name] = totals.get(name, 0.0) + time.process_time() - start
            return doc

        return call

    # benchmark only: swap each rule component for a timing wrapper under the same name
    components = analyzer.nlp._components
    for n, (name, component) in enumerate(components):
        if name.startswith("lagebild_") and name not in FLOOR:
            components[n] = (name, timed(name, component))
    start = time.process_time()
    for record in analyzer.analyze_stream(documents):
        json.dumps(record, ensure_ascii=False)
    total = time.process_time() - start
    rules = sum(totals.values())
    if as_json:
        print(json.dumps({"docs": len(documents), "cpu_s": {k: round(v, 3) for k, v in totals.items()},
                          "rules_cpu_s": round(rules, 3), "analysis_cpu_s": round(total, 3)}))  # fmt: skip
        return
    for name, seconds in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"{name:28s} {seconds:7.2f} s")
    print(f"{'rule components':28s} {rules:7.2f} s")
    print(f"{'whole analysis':28s} {total:7.2f} s  ({len(documents)} documents)")


if __name__ == "__main__":
    main()
