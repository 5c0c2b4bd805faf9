"""The pre-aggregated dyad table gives exactly what aggregating the events gives."""

from __future__ import annotations

import random
import sqlite3

import pytest

from lagebild.store import EventFilter, open_store
from lagebild.store.aggregates import event_buckets
from lagebild.store.dedup import signature
from lagebild.store.dyads import contributions, expected_rows, stored_rows
from lagebild.store.migrations import MIGRATIONS, migrate
from lagebild.store.synthetic import make_record

from .conftest import DEU, KAZ, RUS, article

STATUSES = ["asserted", "alleged", "denied", "intended"]
TYPES = ["SANCTION", "CONSULT", "ACCUSE"]


def _record(rng: random.Random, number: int, *, month: str | None = None) -> dict:
    """A document with a few random events between three countries, mixed statuses and dates."""
    events = []
    for _ in range(rng.randrange(0, 6)):
        source, target = rng.sample(["RUS", "KAZ", "DEU"], 2)
        event = {
            "type": rng.choice(TYPES),
            "source": source,
            "target": target,
            "status": rng.choice(STATUSES),
        }
        if rng.random() < 0.4:
            event["goldstein"] = rng.choice([-5.0, -2.5, 1.0, 3.5])
        if rng.random() < 0.3:
            event["date"] = f"2023-{rng.randrange(1, 4):02d}-{rng.randrange(1, 28):02d}"
        events.append(event)
    date = month or rng.choice([None, "2023-01-10", "2023-02", "2023-03-03"])
    return make_record(
        article(number, "Moskau, Astana und Berlin streiten über Zölle."),
        date=date,
        actors=[RUS, KAZ, DEU],
        events=events,
    )


def _both(store, source: str, target: str, **options) -> tuple[list, list]:
    query = EventFilter(source=source, target=target, **options)
    key = lambda r: (r["period"] or "", r["type"])  # noqa: E731
    fast = sorted(event_buckets(store.conn, query, by="month"), key=key)
    slow = sorted(event_buckets(store.conn, query, by="month", precomputed=False), key=key)
    for rows in (fast, slow):
        for row in rows:
            if row["goldstein_sum"] is not None:
                row["goldstein_sum"] = round(row["goldstein_sum"], 6)
    return fast, slow


def _check_all(store) -> None:
    for source, target in (("RUS", "KAZ"), ("KAZ", "RUS"), ("DEU", "RUS")):
        for options in (
            {},
            {"statuses": ["asserted", "alleged"]},
            {"status": "denied"},
            {"types": ["SANCTION", "ACCUSE"]},
            {"include_duplicates": True},
        ):
            fast, slow = _both(store, source, target, **options)
            assert fast == slow, (source, target, options)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_precomputed_month_buckets_equal_the_events(tmp_path, seed):
    rng = random.Random(seed)
    with open_store(tmp_path / "d.db") as store:
        records = [_record(rng, n) for n in range(40)]
        store.write_records([(r, signature(r["document"]["text"])) for r in records])
        # near-copies (dup=1) and replaced documents (same id, new events) keep it in step
        copy = make_record(
            records[0]["document"]["text"] + " Nachtrag.",
            date="2023-01-05",
            actors=[RUS, KAZ],
            events=[{"type": "SANCTION", "source": "RUS", "target": "KAZ"}],
        )
        store.write_record(copy, signature(copy["document"]["text"]))
        for record in rng.sample(records, 10):
            again = _record(rng, 0)
            again["document"] = record["document"]
            store.write_record(again)
        _check_all(store)
        assert store.conn.execute("SELECT count(*) FROM dyad_months WHERE documents <= 0").fetchone()[0] == 0
        expected, stored = expected_rows(store.conn), stored_rows(store.conn)
        assert set(expected) == set(stored)
        for key, (events, total, scored, documents) in expected.items():
            assert stored[key] == [events, pytest.approx(total), scored, documents]
        # the month timeline really is read from the table
        store.conn.execute("UPDATE dyad_months SET events = events + 1")
        fast, slow = _both(store, "RUS", "KAZ", statuses=[])
        assert sum(r["events"] for r in fast) > sum(r["events"] for r in slow)


def test_a_document_with_two_statuses_is_counted_once(store):
    events = [
        {"type": "ACCUSE", "source": "RUS", "target": "KAZ", "status": "asserted", "date": "2023-02-01"},
        {"type": "ACCUSE", "source": "RUS", "target": "KAZ", "status": "alleged", "date": "2023-02-20"},
    ]
    store.write_record(
        make_record(article(1, "Moskau beschuldigt Astana."), actors=[RUS, KAZ], events=events)
    )
    rows = event_buckets(
        store.conn, EventFilter(source="RUS", target="KAZ", statuses=["asserted", "alleged"]), by="month"
    )
    assert [(r["period"], r["events"], r["documents"]) for r in rows] == [("2023-02", 2, 1)]
    only = event_buckets(store.conn, EventFilter(source="RUS", target="KAZ", status="alleged"), by="month")
    assert [(r["events"], r["documents"]) for r in only] == [(1, 1)]


def test_contributions_skip_events_without_both_countries():
    rows = contributions(
        [
            ("RUS", None, "2023-01-01", "SANCTION", 0, "asserted", None),
            ("RUS", "KAZ", None, "CONSULT", 0, "asserted", 2.0),
            ("RUS", "KAZ", "2023-01-09", "CONSULT", 0, "denied", None),
            ("RUS", "KAZ", "2023-01-30", "CONSULT", 0, "denied", -1.0),
        ]
    )
    assert rows == {
        ("RUS", "KAZ", "", "CONSULT", 0, "asserted", "asserted"): (1, 2.0, 1),
        ("RUS", "KAZ", "2023-01", "CONSULT", 0, "denied", "denied"): (2, -1.0, 1),
    }


def test_migration_fills_the_table_from_stored_events(tmp_path):
    rng = random.Random(5)
    path = tmp_path / "old.db"
    with open_store(path) as store:
        store.write_records([(_record(rng, n), None) for n in range(25)])
        expected = store.conn.execute("SELECT * FROM dyad_months ORDER BY 1, 2, 3, 4, 5, 6, 7").fetchall()
        assert expected
    # as a store written before the table existed: drop it, forget the migration, migrate again
    conn = sqlite3.connect(path, isolation_level=None)
    name = "0004_dyad_months"
    assert name in [step for step, _ in MIGRATIONS]
    conn.execute("DROP TABLE dyad_months")
    conn.execute("DELETE FROM migrations WHERE name = ?", (name,))
    assert migrate(conn) == [name]
    rebuilt = conn.execute("SELECT * FROM dyad_months ORDER BY 1, 2, 3, 4, 5, 6, 7").fetchall()
    conn.close()
    assert [tuple(r) for r in rebuilt] == [tuple(r) for r in expected]
