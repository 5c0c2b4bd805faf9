"""The SQLite store: writing records, duplicates, migrations, queries and full-text search."""

from __future__ import annotations

import sqlite3

import pytest

from lagebild.errors import LagebildError
from lagebild.store import EventFilter, QuoteFilter, open_store
from lagebild.store.base import ErrorEntry
from lagebild.store.dedup import signature
from lagebild.store.fts import fts_query
from lagebild.store.migrations import MIGRATIONS
from lagebild.store.synthetic import make_record


def test_pragmas_and_named_migrations(store):
    conn = store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    names = [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY rowid")]
    assert names == [name for name, _ in MIGRATIONS]
    # reopening applies nothing twice
    again = open_store(store.path)
    assert [r[0] for r in again.conn.execute("SELECT name FROM migrations")] == names
    again.close()


def test_unknown_migration_is_refused(store):
    store.conn.execute("INSERT INTO migrations(name, applied_at) VALUES ('9999_future', 'x')")
    with pytest.raises(LagebildError) as info:
        open_store(store.path)
    assert info.value.code == "E902"


def test_write_flattens_record(filled, records):
    stats = filled.stats()
    assert stats["documents"] == 4
    assert stats["events"] == 6
    assert stats["quotes"] == 1
    first = records[0]["document"]["id"]
    row = filled.conn.execute(
        "SELECT month, date_precision, n_words FROM documents WHERE id = ?", (first,)
    ).fetchone()
    assert row["month"] == "2022-07" and row["date_precision"] == "day" and row["n_words"] > 30
    # the canonical name stays; mention surface forms become aliases
    actor = filled.actors("Petrow")[0]
    assert actor["id"] == "person:ivan-petrow" and actor["name"] == "Ivan Petrov"
    assert "Petrow" in actor["aliases"] and "Iwan Petrow" in actor["aliases"]


def test_rewrite_replaces_rows_instead_of_duplicating(filled, records):
    result = filled.write_record(records[1], signature(records[1]["document"]["text"]))
    assert result.replaced
    assert filled.stats()["documents"] == 4 and filled.stats()["events"] == 6
    assert (
        filled.conn.execute(
            "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH 'Pipeline'"
        ).fetchone()[0]
        == 1
    )


def test_near_duplicate_is_linked_to_first_copy(filled, records):
    first, copy = records[0]["document"]["id"], records[3]["document"]["id"]
    rows = {r["doc_id"]: r for r in filled.iter_rows("documents")}
    assert rows[copy]["dup_of"] == first
    assert rows[first]["dup_of"] is None
    assert rows[copy]["similarity"] >= 0.8
    assert rows[records[1]["document"]["id"]]["dup_of"] is None
    # counts skip the copy unless asked
    assert len(filled.events(EventFilter(type="SANCTION"))) == 1
    assert len(filled.events(EventFilter(type="SANCTION", include_duplicates=True))) == 2


def test_short_texts_are_never_duplicates(store):
    one = make_record("Kurzer Text über Astana.")
    two = make_record("Kurzer Text über Astana!")
    results = store.write_records([(r, signature(r["document"]["text"])) for r in (one, two)])
    assert [r.dup_of for r in results] == [None, None]


def test_events_filters(filled):
    ids = lambda rows: sorted(r["type"] for r in rows)  # noqa: E731
    # a country matches its people too (the accusation comes from a Russian person)
    assert ids(filled.events(EventFilter(source="RUS", target="KAZ"))) == [
        "ACCUSE",
        "AGREE",
        "ASSAULT",
        "SANCTION",
    ]
    assert ids(filled.events(EventFilter(source="Russland", target="Kasachstan", type="accuse"))) == [
        "ACCUSE"
    ]
    assert ids(filled.events(EventFilter(source="KAZ"))) == ["CONSULT"]
    assert ids(filled.events(EventFilter(source="person:ivan-petrow"))) == ["ACCUSE"]
    assert ids(filled.events(EventFilter(status="alleged"))) == ["AGREE"]
    assert ids(filled.events(EventFilter(date_from="2022-08", date_to="2022-08"))) == [
        "AGREE",
        "ASSAULT",
        "CONSULT",
    ]
    assert filled.events(EventFilter(source="Nowhere Land")) == []
    rows = filled.events(EventFilter(type="SANCTION"))
    assert rows[0]["via"] == ["media:tass"] and rows[0]["cameo"] == "163"


def test_quote_filters(filled):
    assert len(filled.quotes(QuoteFilter(speaker="Petrow"))) == 1
    assert len(filled.quotes(QuoteFilter(speaker="Ivan Petrov", about="Kasachstan"))) == 1
    assert (
        len(
            filled.quotes(
                QuoteFilter(speaker="person:ivan-petrow", date_from="2022-07-01", date_to="2022-07-31")
            )
        )
        == 1
    )
    assert filled.quotes(QuoteFilter(speaker="Petrow", date_from="2022-08-01")) == []
    assert len(filled.quotes(QuoteFilter(speaker="RUS"))) == 1  # quotes by Russian actors
    assert filled.quotes(QuoteFilter(speaker="KAZ")) == []
    assert filled.quotes(QuoteFilter(about="Germany")) != []  # mentioned in the quote's article
    assert filled.quotes(QuoteFilter(text="erpressen"))[0]["speaker"] == "person:ivan-petrow"


def test_fuzzy_actor_search_any_spelling(filled):
    assert filled.actors("Petrov")[0]["id"] == "person:ivan-petrow"
    assert filled.actors("Iwan Petroff")[0]["id"] == "person:ivan-petrow"
    assert filled.actors("Kazakstan")[0]["id"] == "KAZ"
    assert filled.actors("Zzyzx Qwerty") == []


@pytest.mark.parametrize(
    "hostile",
    ['"', 'Pipe"line', "*", "Pipeline*", "NEAR(a b)", "a OR", "(-:^)", "'; DROP TABLE x; --", 'AND "'],
)
def test_fts_survives_hostile_queries(filled, hostile):
    try:
        rows = filled.search(hostile)
    except LagebildError as err:
        assert err.code == "E903"  # nothing searchable left: a clean error, never an SQL error
        return
    assert isinstance(rows, list)
    assert filled.stats()["documents"] == 4


def test_fts_query_is_quoted():
    assert fts_query('Gas "neue Pipeline" Sankt* OR Öl') == '"Gas" "neue Pipeline" "Sankt"* OR "Öl"'
    with pytest.raises(LagebildError):
        fts_query('" * "')


def test_search_ranks_and_highlights(filled):
    rows = filled.search("Pipeline")
    assert len(rows) == 1 and "[Pipeline]" in rows[0]["snippet"]
    assert filled.search("Sanktionen")[0]["title"] == "Sanktionen"
    assert len(filled.search("Sanktionen", include_duplicates=True)) == 2


def test_errors_are_upserted_not_duplicated(store):
    entry = ErrorEntry("a.jsonl", "E105", "Malformed JSON", line=3)
    other = ErrorEntry("a.jsonl", "E112", "Unsupported language", doc_id="00ff00ff00ff00ff")
    store.record_errors([entry, other])
    store.record_errors([entry])
    rows = {r["code"]: r for r in store.errors()}
    assert rows["E105"]["count"] == 2 and rows["E105"]["line"] == 3
    assert rows["E112"]["doc_id"] == "00ff00ff00ff00ff"
    assert len(rows) == 2


def test_error_summary_counts_inputs_per_code(store):
    store.record_errors(
        [
            ErrorEntry("a.bin", "E102", "Binary file refused (not text): a.bin"),
            ErrorEntry("b.bin", "E102", "Binary file refused (not text): b.bin"),
            ErrorEntry("c.txt", "E104", "Empty document: c.txt"),
        ]
    )
    store.record_errors([ErrorEntry("a.bin", "E102", "Binary file refused (not text): a.bin")])
    rows = store.error_summary()
    assert [(r["code"], r["inputs"], r["seen"]) for r in rows] == [("E102", 2, 3), ("E104", 1, 1)]
    assert rows[1]["example"] == "Empty document: c.txt"


def test_integrity_and_foreign_keys(filled):
    assert filled.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert filled.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    with pytest.raises(sqlite3.IntegrityError):
        filled.conn.execute(
            "INSERT INTO events(doc, type, status, via) VALUES (99999, 'X', 'asserted', '[]')"
        )


def test_date_overlap_with_long_intervals(store):
    """A year-precision item overlaps a month; the index lower bound must not cut it off."""
    year = make_record(
        "Bilanz des Jahres über Astana.",
        date="2021",
        events=[{"type": "AGREE", "source": "KAZ", "target": "RUS", "trigger": "Bilanz"}],
    )
    day = make_record(
        "Am Silvestertag in Astana.",
        date="2021-12-31",
        events=[{"type": "CONSULT", "source": "KAZ", "target": "RUS", "trigger": "Silvestertag"}],
    )
    after = make_record(
        "Im Sommer danach in Astana.",
        date="2022-07-02",
        events=[{"type": "AID", "source": "KAZ", "target": "RUS", "trigger": "Sommer"}],
    )
    store.write_records([(r, None) for r in (year, day, after)])
    found = lambda a, b: sorted(e["type"] for e in store.events(EventFilter(date_from=a, date_to=b)))  # noqa: E731
    assert found("2021-07", "2021-07") == ["AGREE"]
    assert found("2021-12-31", "2022-01-15") == ["AGREE", "CONSULT"]
    assert found("2022-01", "2022-12") == ["AID"]
    assert (
        store.conn.execute("SELECT value FROM meta WHERE key = 'max_span_days:events'").fetchone()[0] == "364"
    )
