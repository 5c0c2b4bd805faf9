"""Query latency (p50/p99) on a synthetic store of N events (default 1,000,000).

The store is generated once (``--db``, reused when it exists) from
:func:`lagebild.store.synthetic.synthetic_records`: 20 events and 3 quotes per document, so
1M events = 50,000 documents.  Every query of the CLI runs ``--runs`` times with varying
arguments; the script prints JSON with p50/p99 in milliseconds.

    nice -n 10 python benchmarks/query_bench.py --db /tmp/bench-1m.db --events 1000000
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lagebild.analysis.dyad import dyad_timeline
from lagebild.store import EventFilter, QuoteFilter, open_store
from lagebild.store.dedup import signature
from lagebild.store.sqlite import SQLiteStore
from lagebild.store.synthetic import _COUNTRIES, _TYPES, _WORDS, synthetic_records

EVENTS_PER_DOC = 20
BATCH = 500


def build(db: Path, events: int) -> float:
    """Fill ``db`` with synthetic records; returns the seconds it took."""
    started = time.monotonic()
    documents = events // EVENTS_PER_DOC
    with open_store(db) as store:
        batch: list[tuple[dict[str, Any], bytes | None]] = []
        for record in synthetic_records(documents, events_per_doc=EVENTS_PER_DOC):
            batch.append((record, signature(record["document"]["text"])))
            if len(batch) >= BATCH:
                store.write_records(batch)
                batch = []
        if batch:
            store.write_records(batch)
        store.conn.execute("ANALYZE")
    return time.monotonic() - started


def _names(store: SQLiteStore) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT name FROM actors WHERE type = 'person' LIMIT 200")]


def queries(store: SQLiteStore, rng: random.Random) -> dict[str, Callable[[], Any]]:
    countries = [c[0] for c in _COUNTRIES]
    german = [c[2] for c in _COUNTRIES]
    people = _names(store)

    def month() -> str:
        return f"{2019 + rng.randrange(6)}-{1 + rng.randrange(12):02d}"

    def in_month(**filters: Any) -> list[dict[str, Any]]:
        chosen = month()
        return store.events(EventFilter(date_from=chosen, date_to=chosen, limit=100, **filters))

    def misspell(name: str) -> str:
        return name.replace("w", "v").replace("ow", "off").lower()

    return {
        "events --source C --target C --type T --status S": lambda: store.events(
            EventFilter(
                source=rng.choice(countries),
                target=rng.choice(countries),
                type=rng.choice(_TYPES),
                status=rng.choice(["asserted", "alleged"]),
                limit=100,
            )
        ),
        "events --source C (newest 100)": lambda: store.events(
            EventFilter(source=rng.choice(countries), limit=100)
        ),
        "events --source <person> --from --to": lambda: store.events(
            EventFilter(source=rng.choice(people), date_from="2019", date_to="2024", limit=100)
        ),
        "events --target <German country name> --from M --to M": lambda: in_month(target=rng.choice(german)),
        "quotes --speaker <name> --about <country> --from --to": lambda: store.quotes(
            QuoteFilter(
                speaker=rng.choice(people),
                about=rng.choice(german),
                date_from="2019",
                date_to="2024",
                limit=100,
            )
        ),
        "quotes --speaker <country> (newest 100)": lambda: store.quotes(
            QuoteFilter(speaker=rng.choice(countries), limit=100)
        ),
        "actors --search <misspelled>": lambda: store.actors(misspell(rng.choice(people)), limit=10),
        "search '<word> <word>'": lambda: store.search(
            f"{rng.choice(_WORDS[:12])} {rng.choice(_WORDS[6:])}",
            limit=20,
        ),
        "stats": store.stats,
        "dyad C C --by month (aggregate)": lambda: dyad_timeline(
            store, rng.choice(countries), rng.choice(countries)
        ),
    }


def measure(function: Callable[[], Any], runs: int) -> dict[str, float]:
    function()  # warm the page cache
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p99_ms": round(times[min(len(times) - 1, int(0.99 * len(times)))], 2),
        "runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", default="bench-events.db")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    db = Path(args.db)
    report: dict[str, Any] = {}
    if not db.exists():
        report["build_seconds"] = round(build(db, args.events), 1)
    with open_store(db) as store:
        report["store"] = store.stats()
        rng = random.Random(1)
        report["latency"] = {name: measure(fn, args.runs) for name, fn in queries(store, rng).items()}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
