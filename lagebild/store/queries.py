"""Read queries on the SQLite store.  Values always travel as parameters, never in SQL text."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..settings import STORE
from .base import EventFilter, QuoteFilter, parse_day
from .fts import fts_any, fts_query
from .names import name_key
from .rows import is_country_id, unpack

log = logging.getLogger(__name__)

_EVENT_COLUMNS = (
    "e.event_id, d.id AS doc_id, e.type, e.mode, e.cameo, e.goldstein, e.source, e.target, "
    "e.source_country, e.target_country, e.date_start, e.date_end, e.date_precision, e.place_name, "
    "e.place_country, e.lat, e.lon, e.status, e.via, e.trigger, e.start, e.end, e.dup"
)
_QUOTE_COLUMNS = (
    "q.quote_id, d.id AS doc_id, q.kind, q.text, q.start, q.end, q.speaker, q.speaker_text, "
    "q.speaker_country, q.cue, q.via, q.addressee, q.date_start, q.date_end, q.dup"
)


def marks(values: list[Any]) -> str:
    return ",".join("?" * len(values))


def _dicts(rows: Iterator[sqlite3.Row] | list[sqlite3.Row]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        item = dict(row)
        if isinstance(item.get("via"), str):
            item["via"] = json.loads(item["via"])
        out.append(item)
    return out


def _limit(limit: int | None) -> tuple[str, list[Any]]:
    return (" LIMIT ?", [limit]) if limit else ("", [])


# ---------------------------------------------------------------------------------------------
# actor names → ids
# ---------------------------------------------------------------------------------------------


def resolve_actor(conn: sqlite3.Connection, name: str) -> list[str]:
    """Actor ids that ``name`` stands for: an id, a canonical name, any alias or spelling.

    Tried in order: the id itself; exact spelling-insensitive key of a name or alias; a last
    name (``Peskov`` for ``Dmitry Peskov``); the best fuzzy match.  A bare ISO alpha-3 code
    is kept even when no stored actor has it (it still matches country columns).
    """
    name = name.strip()
    if not name:
        return []
    if conn.execute("SELECT 1 FROM actors WHERE id = ?", (name,)).fetchone():
        return [name]
    key = name_key(name)
    ids = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM actors WHERE key = ? UNION SELECT actor_id FROM actor_aliases WHERE key = ?",
            (key, key),
        )
    ]
    if not ids:
        ids = _kb_ids(name)
    if not ids and key:
        ids = [
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT actor_id FROM actor_aliases WHERE key LIKE '% ' || ? ESCAPE '\\'",
                (key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"),),
            )
        ]
    if not ids:
        best = actors(conn, name, limit=1)
        ids = [best[0]["id"]] if best else []
    if not ids and is_country_id(name.upper()) and len(name) == 3:
        ids = [name.upper()]
    return sorted(set(ids))


def _kb_ids(name: str) -> list[str]:
    """Ids the actor knowledge base (lagebild.actors) gives ``name``, when it is installed."""
    try:
        from ..actors.kb import load_kb
        from ..actors.normalize import fold

        kb = load_kb()
        found = {entry.actor_id for entry in kb.aliases(fold(name)) if not entry.ambiguous}
        return sorted(found or kb.by_key(name) or kb.by_surname(name))
    except Exception as err:  # the KB is optional here; the store's own registry still answers
        log.debug("actor KB not usable for %r: %s", name, err)
        return []


def _split_countries(ids: list[str]) -> tuple[list[str], list[str]]:
    countries = [i for i in ids if is_country_id(i)]
    return [i for i in ids if not is_country_id(i)], countries


def actor_clause(column: str, country_column: str, ids: list[str]) -> tuple[str, list[Any]]:
    """Match an actor column by id, or its country column for country ids (RUS → Putin too)."""
    if not ids:
        return "0", []
    actors_only, countries = _split_countries(ids)
    parts, params = [], []
    if actors_only:
        parts.append(f"{column} IN ({marks(actors_only)})")
        params += actors_only
    if countries:
        parts.append(f"{country_column} IN ({marks(countries)})")
        params += countries
    return "(" + " OR ".join(parts) + ")", params


def max_span_days(conn: sqlite3.Connection, table: str) -> int | None:
    """The longest date interval (days) stored in ``table``, kept up to date by the writer."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (f"max_span_days:{table}",)).fetchone()
    return int(row[0]) if row else None


def date_clause(
    alias: str, date_from: str | None, date_to: str | None, *, max_span: int | None = None
) -> tuple[list[str], list[Any]]:
    """Items whose date interval overlaps [from, to].

    ``max_span`` (the longest interval in the table) adds a lower bound on the start date, so
    that the (…, date_start) indexes scan only the rows that can overlap.
    """
    where, params = [], []
    start, end = parse_day(date_from), parse_day(date_to, end=True)
    if end:
        where.append(f"{alias}.date_start <= ?")
        params.append(end)
    if start:
        where.append(f"{alias}.date_end >= ?")
        params.append(start)
        if max_span is not None:
            earliest = dt.date.fromisoformat(start) - dt.timedelta(days=max_span)
            where.append(f"{alias}.date_start >= ?")
            params.append(earliest.isoformat())
    return where, params


# ---------------------------------------------------------------------------------------------
# events and quotes
# ---------------------------------------------------------------------------------------------


def event_where(
    conn: sqlite3.Connection, query: EventFilter, alias: str = "e"
) -> tuple[list[str], list[Any]]:
    """WHERE conditions (and their parameters) for an event filter; shared by aggregations."""
    where, params = date_clause(alias, query.date_from, query.date_to, max_span=max_span_days(conn, "events"))
    for value, column in ((query.source, "source"), (query.target, "target")):
        if value:
            clause, args = actor_clause(
                f"{alias}.{column}", f"{alias}.{column}_country", resolve_actor(conn, value)
            )
            where.append(clause)
            params += args
    types = [t.upper() for t in ([query.type] if query.type else []) + list(query.types)]
    if types:
        where.append(f"{alias}.type IN ({marks(types)})")
        params += types
    statuses = ([query.status] if query.status else []) + list(query.statuses)
    if statuses:
        where.append(f"{alias}.status IN ({marks(statuses)})")
        params += statuses
    if query.has_place:
        where.append(f"({alias}.place_name IS NOT NULL OR {alias}.lat IS NOT NULL)")
    if not query.include_duplicates:
        where.append(f"{alias}.dup = 0")
    return where, params


def _newest(
    conn: sqlite3.Connection, source: str, alias: str, where: list[str], params: list[Any], limit: int | None
) -> list[dict[str, Any]]:
    """Rows of ``source`` (``"<columns> FROM <table> <alias>"``) joined to their documents, newest
    first.  ``source`` is one of this module's constants, never user input."""
    limit_sql, limit_args = _limit(limit)
    sql = (
        f"SELECT {source} JOIN documents d ON d.seq = {alias}.doc "
        f"WHERE {' AND '.join(where) or '1'} ORDER BY {alias}.date_start DESC, {alias}.rowid DESC{limit_sql}"
    )
    return _dicts(conn.execute(sql, params + limit_args))


def events(conn: sqlite3.Connection, query: EventFilter) -> list[dict[str, Any]]:
    where, params = event_where(conn, query)
    return _newest(conn, f"{_EVENT_COLUMNS} FROM events e", "e", where, params, query.limit)


# An `--about` whose actors are mentioned in at least this share of the documents is "dense":
# its quotes are found by walking the candidate quotes (newest first) and probing the mentions
# index per quote, instead of collecting every mentioning document first.
_DENSE_ABOUT_SHARE = 0.02


def _about_dense(conn: sqlite3.Connection, ids: list[str], countries: list[str]) -> bool:
    """Whether the documents mentioning ``ids`` (or actors of ``countries``) are many.

    Counts mention rows up to the threshold only, so the check costs at most that many index steps.
    """
    documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    threshold = max(1, int(documents * _DENSE_ABOUT_SHARE))
    sql = f"SELECT count(*) FROM (SELECT 1 FROM mentions WHERE actor_id IN ({marks(ids)}) LIMIT ?)"
    found = conn.execute(sql, [*ids, threshold]).fetchone()[0]
    if countries and found < threshold:
        sql = (
            "SELECT count(*) FROM (SELECT 1 FROM mentions m JOIN actors a ON a.id = m.actor_id "
            f"WHERE a.country IN ({marks(countries)}) LIMIT ?)"
        )
        found += conn.execute(sql, [*countries, threshold - found]).fetchone()[0]
    return bool(found >= threshold)


def _about_clause(
    conn: sqlite3.Connection, about: str, *, alias: str = "q", selective: bool = False
) -> tuple[str, list[Any]]:
    """The quote, or its document, is about ``about`` (an actor, a country, or plain words).

    Two equivalent forms: per-quote ``EXISTS`` probes of the mentions index when the other
    filters are ``selective`` (a speaker) or the mentioning documents are many, else ``IN``
    lists of the mentioning documents (fast when they are few).  The full-text part is always
    one list (the quotations whose text names ``about``), tried last.
    """
    ids = resolve_actor(conn, about)
    countries = _split_countries(ids)[1]
    names = (
        [about, *[r[0] for r in conn.execute(f"SELECT name FROM actors WHERE id IN ({marks(ids)})", ids)]]
        if ids
        else [about]
    )
    parts: list[str] = []
    params: list[Any] = []
    probe = bool(ids) and (selective or _about_dense(conn, ids, countries))
    if ids:
        if probe:
            parts.append(
                f"EXISTS (SELECT 1 FROM mentions m WHERE m.actor_id IN ({marks(ids)}) AND m.doc = {alias}.doc)"
            )
        else:
            parts.append(f"{alias}.doc IN (SELECT doc FROM mentions WHERE actor_id IN ({marks(ids)}))")
        params += ids
    if countries:
        if probe:
            parts.append(
                "EXISTS (SELECT 1 FROM mentions m JOIN actors a ON a.id = m.actor_id "
                f"WHERE m.doc = {alias}.doc AND a.country IN ({marks(countries)}))"
            )
        else:
            parts.append(
                f"{alias}.doc IN (SELECT m.doc FROM mentions m JOIN actors a ON a.id = m.actor_id "
                f"WHERE a.country IN ({marks(countries)}))"
            )
        params += countries
    parts.append(f"{alias}.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
    params.append(fts_any(names) or fts_query(about))
    return "(" + " OR ".join(parts) + ")", params


def quote_where(
    conn: sqlite3.Connection, query: QuoteFilter, alias: str = "q"
) -> tuple[list[str], list[Any]]:
    """WHERE conditions (and parameters) for a quote filter; the quotes table must be aliased ``q``."""
    where, params = date_clause(alias, query.date_from, query.date_to, max_span=max_span_days(conn, "quotes"))
    if query.speaker:
        clause, args = actor_clause(
            f"{alias}.speaker", f"{alias}.speaker_country", resolve_actor(conn, query.speaker)
        )
        where.append(clause)
        params += args
    if query.about:
        clause, args = _about_clause(conn, query.about, alias=alias, selective=bool(query.speaker))
        where.append(clause)
        params += args
    if query.text:
        where.append(f"{alias}.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        params.append(fts_query(query.text))
    if query.kind:
        where.append(f"{alias}.kind = ?")
        params.append(query.kind)
    if not query.include_duplicates:
        where.append(f"{alias}.dup = 0")
    return where, params


def quotes(conn: sqlite3.Connection, query: QuoteFilter) -> list[dict[str, Any]]:
    where, params = quote_where(conn, query)
    return _newest(conn, f"{_QUOTE_COLUMNS} FROM quotes q", "q", where, params, query.limit)


# ---------------------------------------------------------------------------------------------
# actors, full text, errors, stats
# ---------------------------------------------------------------------------------------------


def _actor_counts(conn: sqlite3.Connection, ids: list[str]) -> dict[str, tuple[int, int]]:
    if not ids:
        return {}
    sql = (
        f"SELECT actor_id, count(*), count(DISTINCT doc) FROM mentions "
        f"WHERE actor_id IN ({marks(ids)}) GROUP BY actor_id"
    )
    return {r[0]: (r[1], r[2]) for r in conn.execute(sql, ids)}


def _fuzzy_scores(conn: sqlite3.Connection, search: str) -> dict[str, float]:
    """Best similarity (0–100) of ``search`` to any name or alias key, per actor id."""
    key = name_key(search)
    rows = conn.execute(
        "SELECT id, key FROM actors UNION ALL SELECT actor_id, key FROM actor_aliases"
    ).fetchall()
    scores: dict[str, float] = {}
    try:
        from rapidfuzz import fuzz, process

        keys = [r[1] for r in rows]
        hits = process.extract(key, keys, scorer=fuzz.WRatio, limit=STORE["fuzzy_candidates"] * 5)
        pairs = [(rows[index][0], score) for _key, score, index in hits]
    except ImportError:  # pragma: no cover - difflib is the slower stand-in
        import difflib

        pairs = [(r[0], 100 * difflib.SequenceMatcher(None, key, r[1]).ratio()) for r in rows]
    for actor_id, score in pairs:
        if score >= STORE["fuzzy_min_score"]:
            scores[actor_id] = max(score, scores.get(actor_id, 0.0))
    exact = conn.execute(
        "SELECT id FROM actors WHERE key = ? UNION SELECT actor_id FROM actor_aliases WHERE key = ?",
        (key, key),
    )
    for row in exact:
        scores[row[0]] = 101.0  # exact spelling-insensitive matches first
    return scores


def actors(
    conn: sqlite3.Connection, search: str | None = None, *, limit: int | None = None
) -> list[dict[str, Any]]:
    """Registry entries, best matches of ``search`` first (any spelling), else most mentioned."""
    limit = limit or STORE["default_limit"]
    if search:
        scores = _fuzzy_scores(conn, search)
        ids = sorted(scores, key=lambda i: (-scores[i], i))[:limit]
    else:
        ids = [
            r[0]
            for r in conn.execute(
                "SELECT actor_id FROM mentions GROUP BY actor_id ORDER BY count(DISTINCT doc) DESC, actor_id LIMIT ?",
                (limit,),
            )
        ]
        scores = {}
    if not ids:
        return []
    rows = {
        r["id"]: dict(r)
        for r in conn.execute(
            f"SELECT id, name, type, country, role FROM actors WHERE id IN ({marks(ids)})", ids
        )
    }
    counts = _actor_counts(conn, ids)
    out = []
    for actor_id in ids:
        row = rows[actor_id]
        row["aliases"] = [
            r[0]
            for r in conn.execute(
                "SELECT alias FROM actor_aliases WHERE actor_id = ? ORDER BY alias", (actor_id,)
            )
        ]
        row["mentions"], row["documents"] = counts.get(actor_id, (0, 0))
        if search:
            row["score"] = min(100.0, round(scores[actor_id], 1))
        out.append(row)
    return out


def search(
    conn: sqlite3.Connection,
    text: str,
    *,
    limit: int | None = None,
    include_duplicates: bool = False,
    marks: tuple[str, str] = ("[", "]"),
) -> list[dict[str, Any]]:
    """Passages matching ``text`` (FTS5, bm25-ranked) with highlighted snippets."""
    dup_sql = "" if include_duplicates else " AND d.dup_of IS NULL"
    sql = (
        "SELECT d.id AS doc_id, d.title, d.date_start, p.start, p.end, "
        "snippet(passages_fts, 0, ?, ?, '…', ?) AS snippet, bm25(passages_fts) AS score "
        "FROM passages_fts JOIN passages p ON p.rowid = passages_fts.rowid "
        "JOIN documents d ON d.seq = p.doc "
        f"WHERE passages_fts MATCH ?{dup_sql} ORDER BY bm25(passages_fts) LIMIT ?"
    )
    params = [marks[0], marks[1], STORE["snippet_tokens"], fts_query(text), limit or STORE["default_limit"]]
    return [dict(r) for r in conn.execute(sql, params)]


_DOCUMENT_COLUMNS = (
    "d.id, d.source_id, d.title, d.source, d.url, d.language, d.date_start, d.date_end, d.date_precision, "
    "d.n_words, d.pipeline_version, o.id AS dup_of, d.similarity, d.ingested_at"
)


def documents(conn: sqlite3.Connection, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Document metadata (no text), in ingest order."""
    sql = (
        f"SELECT {_DOCUMENT_COLUMNS} FROM documents d LEFT JOIN documents o ON o.seq = d.dup_of "
        "ORDER BY d.seq LIMIT ? OFFSET ?"
    )
    return [dict(r) for r in conn.execute(sql, (limit if limit else -1, offset))]


def record(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any] | None:
    """The stored record of one document, with its text and ``document.dup_of``."""
    sql = (
        "SELECT c.record, c.text, o.id AS dup_of FROM documents d JOIN document_content c ON c.doc = d.seq "
        "LEFT JOIN documents o ON o.seq = d.dup_of WHERE d.id = ?"
    )
    row = conn.execute(sql, (doc_id,)).fetchone()
    if row is None:
        return None
    data: dict[str, Any] = json.loads(unpack(row["record"]))
    data["document"]["text"] = unpack(row["text"])
    data["document"]["dup_of"] = row["dup_of"]
    return data


def actor(conn: sqlite3.Connection, actor_id: str) -> dict[str, Any] | None:
    """One registry entry with its aliases and mention counts."""
    row = conn.execute(
        "SELECT id, name, type, country, role FROM actors WHERE id = ?", (actor_id,)
    ).fetchone()
    if row is None:
        return None
    item = dict(row)
    item["aliases"] = [
        r[0]
        for r in conn.execute(
            "SELECT alias FROM actor_aliases WHERE actor_id = ? ORDER BY alias", (actor_id,)
        )
    ]
    item["mentions"], item["documents"] = _actor_counts(conn, [actor_id]).get(actor_id, (0, 0))
    return item


def errors(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    sql = (
        "SELECT path, nullif(line, 0) AS line, code, message, nullif(doc_id, '') AS doc_id, source_id, "
        "first_seen, last_seen, count "
        "FROM errors ORDER BY last_seen DESC, rowid DESC"
    )
    return [dict(r) for r in conn.execute(sql)]


def error_summary(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Error entries counted by code: inputs (entries), times seen, and the latest message."""
    sql = (
        "SELECT code, count(*) AS inputs, sum(count) AS seen, "
        "(SELECT message FROM errors l WHERE l.code = e.code ORDER BY last_seen DESC, rowid DESC LIMIT 1) "
        "AS example FROM errors e GROUP BY code ORDER BY inputs DESC, code"
    )
    return [dict(r) for r in conn.execute(sql)]


def _store_bytes(path: str) -> int:
    return sum(
        Path(path + suffix).stat().st_size for suffix in ("", "-wal", "-shm") if Path(path + suffix).exists()
    )


def stats(conn: sqlite3.Connection, path: str) -> dict[str, Any]:
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    documents = one("SELECT count(*) FROM documents")
    return {
        "documents": documents,
        "duplicates": one("SELECT count(*) FROM documents WHERE dup_of IS NOT NULL"),
        "words": one("SELECT coalesce(sum(n_words), 0) FROM documents"),
        "quotes": one("SELECT count(*) FROM quotes"),
        "events": one("SELECT count(*) FROM events"),
        "actors": one("SELECT count(*) FROM actors"),
        "mentions": one("SELECT count(*) FROM mentions"),
        "errors": one("SELECT count(*) FROM errors"),
        "date_from": one("SELECT min(date_start) FROM documents"),
        "date_to": one("SELECT max(date_end) FROM documents"),
        "pipeline_versions": one("SELECT count(DISTINCT pipeline_version) FROM documents"),
        "store_bytes": _store_bytes(path),
        "bytes_per_1000_documents": round(_store_bytes(path) * 1000 / documents) if documents else None,
    }


# ---------------------------------------------------------------------------------------------
# export rows
# ---------------------------------------------------------------------------------------------

_EXPORT_SQL = {
    "events": f"SELECT {_EVENT_COLUMNS}, d.month, d.url, d.source AS doc_source, d.title AS doc_title "
    "FROM events e JOIN documents d ON d.seq = e.doc ORDER BY e.rowid",
    "quotes": f"SELECT {_QUOTE_COLUMNS}, d.month FROM quotes q JOIN documents d ON d.seq = q.doc ORDER BY q.rowid",
    "documents": "SELECT d.id AS doc_id, d.source_id, d.title, d.source, d.url, d.language, d.date_start, "
    "d.date_end, d.date_precision, d.month, d.n_words, d.pipeline_version, o.id AS dup_of, d.similarity, "
    "d.ingested_at, c.text FROM documents d JOIN document_content c ON c.doc = d.seq "
    "LEFT JOIN documents o ON o.seq = d.dup_of ORDER BY d.seq",
    "mentions": "SELECT d.id AS doc_id, m.actor_id, m.start, m.end, d.month "
    "FROM mentions m JOIN documents d ON d.seq = m.doc ORDER BY m.rowid",
    "actors": "SELECT id, name, type, country, role FROM actors ORDER BY id",
}

EXPORT_TABLES = tuple(_EXPORT_SQL)


def iter_rows(conn: sqlite3.Connection, table: str) -> Iterator[dict[str, Any]]:
    """All rows of one export table (``events``, ``quotes``, ``documents``, ``mentions``, ``actors``)."""
    sql = _EXPORT_SQL[table]
    for row in conn.execute(sql):
        item = dict(row)
        if isinstance(item.get("via"), str):
            item["via"] = json.loads(item["via"])
        if table == "documents":
            item["text"] = unpack(item["text"])
        yield item
