"""The pre-aggregated dyad table ``dyad_months``: events between two countries per month.

Dyad timelines (``lagebild dyad A B --by month``) would otherwise aggregate every event of a
country pair on each call.  ``dyad_months`` holds, per (source country, target country, month,
type, duplicate flag), the event counts and Goldstein sums of each claim status.  The writer
keeps it in step with the ``events`` table inside the same transaction (a document's rows are
added when it is stored and subtracted before it is replaced), so it is consistent after any
crash, ``kill -9`` included.

Document counts stay exact for any choice of statuses: each row also carries ``statuses``, the
set of statuses a document has in its group, and ``documents`` counts the documents with exactly
that set; a reader counts each set's documents once (on the row of its first selected status).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

# (source_country, target_country, date_start, type, dup, status, goldstein) of one event
EventFacts = tuple[str | None, str | None, str | None, str, int, str, float | None]
# (source_country, target_country, month, type, dup, statuses, status)
RowKey = tuple[str, str, str, str, int, str, str]

KEY_COLUMNS = ("source_country", "target_country", "month", "type", "dup", "statuses", "status")

_UPSERT = f"""
INSERT INTO dyad_months ({", ".join(KEY_COLUMNS)}, events, goldstein_sum, goldstein_n, documents)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT ({", ".join(KEY_COLUMNS)}) DO UPDATE SET events = events + excluded.events,
    goldstein_sum = goldstein_sum + excluded.goldstein_sum,
    goldstein_n = goldstein_n + excluded.goldstein_n, documents = documents + excluded.documents
"""

_PRUNE = f"DELETE FROM dyad_months WHERE {' AND '.join(f'{c} = ?' for c in KEY_COLUMNS)} AND documents <= 0"

_FACTS = "SELECT source_country, target_country, date_start, type, dup, status, goldstein FROM events"


def contributions(events: Iterable[EventFacts]) -> dict[RowKey, tuple[int, float, int]]:
    """One document's rows of ``dyad_months``: (events, goldstein sum, goldstein count) per key.

    Events without both countries do not belong to a country dyad and are left out.  The month
    is the first seven characters of the start date (``""`` when the event has none).
    """
    groups: dict[tuple[str, str, str, str, int], dict[str, list[Any]]] = {}
    for source, target, day, event_type, dup, status, goldstein in events:
        if not source or not target:
            continue
        key = (source, target, (day or "")[:7], event_type, int(dup))
        counts = groups.setdefault(key, {}).setdefault(status, [0, 0.0, 0])
        counts[0] += 1
        if goldstein is not None:
            counts[1] += goldstein
            counts[2] += 1
    rows: dict[RowKey, tuple[int, float, int]] = {}
    for key, by_status in groups.items():
        statuses = ",".join(sorted(by_status))
        for status, (count, total, scored) in by_status.items():
            rows[(*key, statuses, status)] = (count, total, scored)
    return rows


def apply(conn: sqlite3.Connection, rows: dict[RowKey, tuple[int, float, int]], sign: int) -> None:
    """Add (``sign=1``) or subtract (``sign=-1``) one document's rows; empty rows are removed."""
    if not rows:
        return
    conn.executemany(
        _UPSERT,
        [
            (*key, sign * count, sign * total, sign * scored, sign)
            for key, (count, total, scored) in rows.items()
        ],
    )
    if sign < 0:
        conn.executemany(_PRUNE, list(rows))


def stored_facts(conn: sqlite3.Connection, doc: int) -> list[EventFacts]:
    """The facts of the events stored for document ``doc`` (its ``seq``)."""
    return [tuple(row) for row in conn.execute(f"{_FACTS} WHERE doc = ?", (doc,))]


def _per_document(conn: sqlite3.Connection) -> Iterator[list[EventFacts]]:
    sql = (
        f"{_FACTS.replace('SELECT ', 'SELECT doc, ', 1)} "
        "WHERE source_country IS NOT NULL AND target_country IS NOT NULL ORDER BY doc"
    )
    current: int | None = None
    facts: list[EventFacts] = []
    for row in conn.execute(sql):
        if row[0] != current:
            if facts:
                yield facts
            current, facts = row[0], []
        facts.append(tuple(row[1:]))
    if facts:
        yield facts


def expected_rows(conn: sqlite3.Connection) -> dict[RowKey, list[Any]]:
    """What ``dyad_months`` must hold for the stored events: [events, goldstein sum, goldstein
    count, documents] per key (for the migration, and to check a store after a crash)."""
    totals: dict[RowKey, list[Any]] = {}
    for facts in _per_document(conn):
        for key, (count, total, scored) in contributions(facts).items():
            sums = totals.setdefault(key, [0, 0.0, 0, 0])
            sums[0] += count
            sums[1] += total
            sums[2] += scored
            sums[3] += 1
    return totals


def backfill(conn: sqlite3.Connection) -> None:
    """Fill ``dyad_months`` from the stored events (a migration step; one pass, one insert)."""
    conn.executemany(_UPSERT, [(*key, *sums) for key, sums in expected_rows(conn).items()])


def stored_rows(conn: sqlite3.Connection) -> dict[RowKey, list[Any]]:
    """The rows of ``dyad_months``, keyed like :func:`expected_rows`."""
    sql = f"SELECT {', '.join(KEY_COLUMNS)}, events, goldstein_sum, goldstein_n, documents FROM dyad_months"
    return {tuple(row[:7]): list(row[7:]) for row in conn.execute(sql)}


def _documents_sql(selected: list[str]) -> tuple[str, list[Any]]:
    """SQL for a row's share of the document count: its ``documents`` when ``status`` is the
    first (in sorted order) of the row's ``statuses`` that is selected, else 0."""
    if not selected:
        first = "statuses = status OR substr(statuses, 1, length(status) + 1) = status || ','"
        return f"CASE WHEN {first} THEN documents ELSE 0 END", []
    parts, params = [], []
    for index, status in enumerate(selected):
        earlier = selected[:index]
        condition = " AND ".join("instr(',' || statuses || ',', ?) = 0" for _ in earlier) or "1"
        parts.append(f"WHEN ? THEN (CASE WHEN {condition} THEN documents ELSE 0 END)")
        params += [status, *[f",{e}," for e in earlier]]
    return "CASE status " + " ".join(parts) + " ELSE 0 END", params


def month_buckets(
    conn: sqlite3.Connection,
    source: str,
    target: str,
    *,
    types: list[str],
    statuses: list[str],
    include_duplicates: bool,
) -> list[dict[str, Any]]:
    """Events from country ``source`` to country ``target`` per (month, type), like
    :func:`lagebild.store.aggregates.event_buckets` with ``by="month"`` and no date range.

    ``statuses`` empty means every status.
    """
    selected = sorted(set(statuses))
    documents, documents_params = _documents_sql(selected)
    where = ["source_country = ?", "target_country = ?"]
    params: list[Any] = [source, target]
    if not include_duplicates:
        where.append("dup = 0")
    if types:
        where.append(f"type IN ({','.join('?' * len(types))})")
        params += types
    if selected:
        where.append(f"status IN ({','.join('?' * len(selected))})")
        params += selected
    sql = (
        f"SELECT nullif(month, '') AS period, type, sum(events) AS events, sum({documents}) AS documents, "
        "CASE WHEN sum(goldstein_n) > 0 THEN sum(goldstein_sum) END AS goldstein_sum, "
        "sum(goldstein_n) AS goldstein_n "
        f"FROM dyad_months WHERE {' AND '.join(where)} GROUP BY month, type HAVING sum(events) > 0"
    )
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: a third faster than sqlite3.Row for these many rows
    cursor.execute(sql, documents_params + params)
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor]
