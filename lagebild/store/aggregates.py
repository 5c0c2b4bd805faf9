"""Grouped counts on the SQLite store (the building blocks of lagebild.analysis)."""

from __future__ import annotations

import sqlite3
from typing import Any

from ..errors import E, LagebildError
from . import dyads
from .base import EventFilter, QuoteFilter
from .queries import event_where, quote_where, resolve_actor
from .rows import is_country_id

QUOTE_GROUPS = ("speaker", "channel", "about", "cue", "kind")

_GROUP_SQL = {
    "speaker": ("q.speaker", "", "q.speaker IS NOT NULL"),
    "cue": ("q.cue", "", "q.cue IS NOT NULL"),
    "kind": ("q.kind", "", "1"),
    "channel": ("j.value", ", json_each(q.via) j", "1"),
    "about": (
        "m.actor_id",
        " JOIN mentions m ON m.doc = q.doc AND m.start >= q.start AND m.end <= q.end",
        "(q.speaker IS NULL OR m.actor_id != q.speaker)",
    ),
}


def event_pairs(conn: sqlite3.Connection, query: EventFilter) -> list[dict[str, Any]]:
    """Events grouped by (source, target, type): counts, documents and summed own Goldstein values."""
    where, params = event_where(conn, query)
    sql = (
        "SELECT e.source, e.target, e.type, count(*) AS events, count(DISTINCT e.doc) AS documents, "
        "sum(e.goldstein) AS goldstein_sum, count(e.goldstein) AS goldstein_n "
        f"FROM events e WHERE e.source IS NOT NULL AND e.target IS NOT NULL AND {' AND '.join(where) or '1'} "
        "GROUP BY e.source, e.target, e.type"
    )
    return [dict(row) for row in conn.execute(sql, params)]


# period expressions for event_buckets (fixed SQL, chosen by name; weeks are grouped by day and
# folded to ISO weeks by the caller)
_BUCKET_SQL = {
    "day": "e.date_start",
    "week": "e.date_start",
    "month": "substr(e.date_start, 1, 7)",
    "quarter": "substr(e.date_start, 1, 4) || '-Q' || ((CAST(substr(e.date_start, 6, 2) AS INTEGER) + 2) / 3)",
    "year": "substr(e.date_start, 1, 4)",
}


def _country_pair(conn: sqlite3.Connection, query: EventFilter) -> tuple[str, str] | None:
    """(source, target) when both sides of ``query`` stand for exactly one country each."""
    if not query.source or not query.target:
        return None
    sources, targets = resolve_actor(conn, query.source), resolve_actor(conn, query.target)
    if len(sources) == 1 and len(targets) == 1 and is_country_id(sources[0]) and is_country_id(targets[0]):
        return sources[0], targets[0]
    return None


def event_buckets(
    conn: sqlite3.Connection, query: EventFilter, *, by: str, precomputed: bool = True
) -> list[dict[str, Any]]:
    """Events grouped by (period, type): counts, documents, summed own Goldstein values.

    A month timeline between two countries without a date range or place filter is read
    from the pre-aggregated ``dyad_months`` table (``precomputed=False`` forces the events).
    """
    if by not in _BUCKET_SQL:
        raise LagebildError(E.E906.format(by=by, choices=", ".join(_BUCKET_SQL)), code="E906")
    pair = _country_pair(conn, query) if precomputed and by == "month" else None
    if pair and not (query.date_from or query.date_to or query.has_place):
        return dyads.month_buckets(
            conn,
            *pair,
            types=[t.upper() for t in ([query.type] if query.type else []) + list(query.types)],
            statuses=([query.status] if query.status else []) + list(query.statuses),
            include_duplicates=query.include_duplicates,
        )
    where, params = event_where(conn, query)
    period = _BUCKET_SQL[by]
    sql = (
        f"SELECT {period} AS period, e.type, count(*) AS events, count(DISTINCT e.doc) AS documents, "
        "sum(e.goldstein) AS goldstein_sum, count(e.goldstein) AS goldstein_n "
        f"FROM events e WHERE {' AND '.join(where) or '1'} GROUP BY period, e.type"
    )
    return [dict(row) for row in conn.execute(sql, params)]


def quote_references(conn: sqlite3.Connection, query: QuoteFilter) -> list[dict[str, Any]]:
    """(speaker, actor mentioned inside the quotation) pairs with their counts."""
    where, params = quote_where(conn, query)
    sql = (
        "SELECT q.speaker AS source, m.actor_id AS target, count(*) AS quotes, count(DISTINCT q.doc) AS documents "
        "FROM quotes q JOIN mentions m ON m.doc = q.doc AND m.start >= q.start AND m.end <= q.end "
        f"WHERE q.speaker IS NOT NULL AND m.actor_id != q.speaker AND {' AND '.join(where) or '1'} "
        "GROUP BY q.speaker, m.actor_id"
    )
    return [dict(row) for row in conn.execute(sql, params)]


def quote_counts(conn: sqlite3.Connection, query: QuoteFilter, *, by: str) -> list[dict[str, Any]]:
    """Quotations counted per speaker, channel (``via``), actor talked about, cue verb or kind."""
    if by not in _GROUP_SQL:
        raise LagebildError(E.E906.format(by=by, choices=", ".join(QUOTE_GROUPS)), code="E906")
    key, join, condition = _GROUP_SQL[by]
    where, params = quote_where(conn, query)
    sql = (
        f"SELECT {key} AS key, count(*) AS quotes, count(DISTINCT q.doc) AS documents, "
        f"count(DISTINCT q.speaker) AS speakers FROM quotes q{join} "
        f"WHERE {condition} AND {' AND '.join(where) or '1'} GROUP BY {key} ORDER BY quotes DESC, key"
    )
    limit = query.limit
    rows = [
        dict(row)
        for row in conn.execute(sql + (" LIMIT ?" if limit else ""), params + ([limit] if limit else []))
    ]
    names = _names(conn, [row["key"] for row in rows]) if by in ("speaker", "channel", "about") else {}
    for row in rows:
        row["name"] = names.get(row["key"])
    return rows


def _names(conn: sqlite3.Connection, ids: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            (r[0], r[1]) for r in conn.execute(f"SELECT id, name FROM actors WHERE id IN ({marks})", chunk)
        )
    return found


def actor_info(conn: sqlite3.Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Registry rows (name, type, country) of ``ids``."""
    info: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(f"SELECT id, name, type, country FROM actors WHERE id IN ({marks})", chunk):
            info[row[0]] = dict(row)
    return info
