"""Words per second on ONE core and peak RSS of the German pipeline over the shared news.

Usage: python benchmarks/parse_speed.py [--model PATH_OR_NAME] [--limit N] [--batch-size B]
Prints one JSON object.  Threads are pinned to 1 before numpy/thinc are imported.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.news import news_articles  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=None)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--bare", action="store_true", help="without lagebild's segment/mood components")
    args = parser.parse_args()
    import spacy

    from lagebild.nlp import load
    from lagebild.paths import DEFAULT_MODEL_DIR

    texts = news_articles(args.limit)
    nlp = spacy.load(args.model or DEFAULT_MODEL_DIR) if args.bare else load(args.model)
    list(nlp.pipe(texts[:5]))  # warm up
    start, cpu_start = time.perf_counter(), time.process_time()
    words = sum(sum(not t.is_space for t in doc) for doc in nlp.pipe(texts, batch_size=args.batch_size))
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "model": str(args.model or DEFAULT_MODEL_DIR),
                "pipeline": nlp.pipe_names,
                "articles": len(texts),
                "words": words,
                "seconds": round(seconds, 2),
                "words_per_s": round(words / seconds),
                "cpu_seconds": round(cpu_seconds, 2),
                "words_per_cpu_s": round(words / cpu_seconds),  # robust when the machine is shared
                "load_avg_1min": round(os.getloadavg()[0], 2),
                "peak_rss_mb": round(peak_kb / 1024, 1),
                "threads": 1,
            }
        )
    )


if __name__ == "__main__":
    main()
