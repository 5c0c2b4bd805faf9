"""The embedded SQLite implementation of :class:`~lagebild.store.base.Store`.

One file, WAL mode, foreign keys on.  The ingest process is the single writer; any number of
readers (queries, export) may work at the same time.  Every statement takes user values as
parameters; full-text queries are sanitised by :mod:`lagebild.store.fts` first.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import E, LagebildError
from ..settings import STORE
from . import aggregates, dyads, queries
from .base import ErrorEntry, EventFilter, QuoteFilter, WriteResult
from .dedup import DuplicateIndex
from .migrations import migrate
from .names import name_key
from .rows import (
    actor_aliases,
    event_row,
    is_country_id,
    iter_passages,
    mention_rows,
    month_of,
    pack,
    pipeline_version,
    quote_row,
    record_countries,
    strip_text,
    unpack,
)

log = logging.getLogger(__name__)

_DOCUMENT_UPSERT = """
INSERT INTO documents (id, source_id, title, source, url, language, date_start, date_end,
    date_precision, month, text_sha256, n_words, pipeline_version, dup_of, similarity, ingested_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(id) DO UPDATE SET source_id = excluded.source_id, title = excluded.title,
    source = excluded.source, url = excluded.url, language = excluded.language,
    date_start = excluded.date_start, date_end = excluded.date_end,
    date_precision = excluded.date_precision, month = excluded.month,
    text_sha256 = excluded.text_sha256, n_words = excluded.n_words,
    pipeline_version = excluded.pipeline_version, ingested_at = excluded.ingested_at
RETURNING seq, dup_of
"""

_ACTOR_UPSERT = """
INSERT INTO actors (id, name, type, country, role, key) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT(id) DO UPDATE SET name = excluded.name,
    type = coalesce(nullif(excluded.type, 'unknown'), actors.type),
    country = coalesce(excluded.country, actors.country),
    role = coalesce(excluded.role, actors.role), key = excluded.key
"""

_QUOTE_INSERT = """
INSERT INTO quotes (doc, quote_id, kind, text, start, end, speaker, speaker_text, speaker_country,
    cue, via, addressee, date_start, date_end, dup)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""

_EVENT_INSERT = """
INSERT INTO events (doc, event_id, type, mode, cameo, goldstein, source, target, source_country,
    target_country, date_start, date_end, date_precision, place_name, place_country, lat, lon,
    status, via, trigger, start, end, dup)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""

_ERROR_UPSERT = """
INSERT INTO errors (path, line, code, message, doc_id, source_id, first_seen, last_seen)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(path, line, doc_id, code) DO UPDATE SET message = excluded.message,
    source_id = coalesce(excluded.source_id, errors.source_id), last_seen = excluded.last_seen,
    count = errors.count + 1
"""

_CHILD_TABLES = ("mentions", "quotes", "events", "passages")


def _days(start: str | None, end: str | None) -> int:
    if not start or not end:
        return -1
    try:
        return (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days
    except ValueError:
        return -1


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) with lagebild's pragmas."""
    try:
        if readonly:
            conn = sqlite3.connect(
                f"file:{Path(path)}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
            )
        else:
            # each thread gets its own connection (SQLiteStore.conn); the flag only lets close() run anywhere
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {int(STORE['busy_timeout_s'] * 1000)}")
        conn.execute(f"PRAGMA cache_size = {-int(STORE['cache_kib'])}")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute(f"PRAGMA synchronous = {STORE['synchronous']}")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as err:
        raise LagebildError(E.E901.format(path=path, error=err), code="E901") from err
    conn.row_factory = sqlite3.Row
    return conn


class SQLiteStore:
    """A corpus in one SQLite file (created and migrated on first open)."""

    def __init__(self, path: str | Path, *, readonly: bool = False, must_exist: bool = False) -> None:
        self.path = str(path)
        if (readonly or must_exist) and not Path(path).exists():
            raise LagebildError(E.E910.format(path=path), code="E910")
        self.readonly = readonly
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._conn_lock = threading.Lock()
        self._write_lock = threading.Lock()
        if not readonly:
            migrate(self.conn, path=self.path)
        self._dups: DuplicateIndex | None = None
        self._spans: dict[str, int] = {}

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection (sqlite3 connections must not cross threads)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect(self.path, readonly=self.readonly)
            self._local.conn = conn
            with self._conn_lock:
                self._connections.append(conn)
        return conn

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._conn_lock:
            for conn in self._connections:
                conn.close()
            self._connections = []
        self._local = threading.local()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``; rolls back (and forgets cached state) on any error."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            self._dups = None
            self._spans = {}
            raise

    # ------------------------------------------------------------------------------------------
    # ingest
    # ------------------------------------------------------------------------------------------

    def stored_versions(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """Pipeline version of each of ``doc_ids`` that is stored."""
        ids = list(doc_ids)
        found: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT id, pipeline_version FROM documents WHERE id IN ({marks})"
            found.update((row[0], row[1]) for row in self.conn.execute(sql, chunk))
        return found

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        sql = "SELECT d.id, m.signature FROM minhash m JOIN documents d ON d.seq = m.doc ORDER BY m.doc"
        for row in self.conn.execute(sql):
            yield row[0], row[1]

    def _duplicate_index(self) -> DuplicateIndex:
        if self._dups is None:
            self._dups = DuplicateIndex(self.conn)
        return self._dups

    def write_records(self, items: Iterable[tuple[dict[str, Any], bytes | None]]) -> list[WriteResult]:
        """Store records (with their MinHash signatures) in ONE transaction."""
        with self._write_lock:  # one writer at a time (the HTTP API may call from several threads)
            index = self._duplicate_index()
            results: list[WriteResult] = []
            with self.transaction():
                index.ensure_shape()
                for record, signature in items:
                    results.append(self._write(record, signature, index))
        return results

    def write_record(self, record: dict[str, Any], signature: bytes | None = None) -> WriteResult:
        return self.write_records([(record, signature)])[0]

    def _write(self, record: dict[str, Any], signature: bytes | None, index: DuplicateIndex) -> WriteResult:
        document = record["document"]
        existing = self.conn.execute("SELECT seq FROM documents WHERE id = ?", (document["id"],)).fetchone()
        if existing:
            dyads.apply(self.conn, dyads.contributions(dyads.stored_facts(self.conn, existing[0])), -1)
            for table in _CHILD_TABLES:
                self.conn.execute(f"DELETE FROM {table} WHERE doc = ?", (existing[0],))
            match = None
        else:
            match = index.find(signature)
        seq, dup_seq = self._upsert_document(record, match)
        self._write_children(seq, record, dup=dup_seq is not None)
        if signature is not None:
            self.conn.execute(
                "INSERT OR REPLACE INTO minhash(doc, signature) VALUES (?, ?)", (seq, signature)
            )
            index.add(seq, signature)
        self.conn.execute("DELETE FROM errors WHERE doc_id = ?", (document["id"],))
        dup_of = None
        if dup_seq is not None:
            row = self.conn.execute("SELECT id FROM documents WHERE seq = ?", (dup_seq,)).fetchone()
            dup_of = row[0] if row else None
        return WriteResult(doc_id=document["id"], replaced=existing is not None, dup_of=dup_of)

    def _upsert_document(
        self, record: dict[str, Any], match: tuple[int, float] | None
    ) -> tuple[int, int | None]:
        document = record["document"]
        text = document.get("text") or ""
        date = document.get("date") or {}
        row = self.conn.execute(
            _DOCUMENT_UPSERT,
            (
                document["id"],
                document.get("source_id"),
                document.get("title"),
                document.get("source"),
                document.get("url"),
                document.get("language"),
                date.get("start"),
                date.get("end"),
                date.get("precision"),
                month_of(date),
                document.get("text_sha256") or "",
                len(text.split()),
                pipeline_version(record.get("pipeline") or {}),
                match[0] if match else None,
                match[1] if match else None,
                _now(),
            ),
        ).fetchone()
        seq = int(row[0])
        self.conn.execute(
            "INSERT OR REPLACE INTO document_content(doc, text, record) VALUES (?, ?, ?)",
            (seq, pack(text), pack(json.dumps(strip_text(record), ensure_ascii=False))),
        )
        return seq, row[1]

    def _write_children(self, seq: int, record: dict[str, Any], *, dup: bool) -> None:
        text = record["document"].get("text") or ""
        date = record["document"].get("date")
        self._upsert_actors(record, text)
        countries = record_countries(record)

        def country_of(actor_id: str | None) -> str | None:
            if actor_id is None:
                return None
            if actor_id in countries:
                return countries[actor_id]
            if is_country_id(actor_id):
                return actor_id
            row = self.conn.execute("SELECT country FROM actors WHERE id = ?", (actor_id,)).fetchone()
            countries[actor_id] = row[0] if row else None
            return countries[actor_id]

        self.conn.executemany(
            "INSERT INTO mentions(doc, actor_id, start, end) VALUES (?, ?, ?, ?)",
            [(seq, *row) for row in mention_rows(record)],
        )
        quotes = [quote_row(q, country_of, date) for q in record.get("quotes") or []]
        events = [event_row(e, country_of, date) for e in record.get("events") or []]
        self.conn.executemany(_QUOTE_INSERT, [(seq, *row, int(dup)) for row in quotes])
        self.conn.executemany(_EVENT_INSERT, [(seq, *row, int(dup)) for row in events])
        facts = [(row[7], row[8], row[9], row[1], int(dup), row[16], row[4]) for row in events]
        dyads.apply(self.conn, dyads.contributions(facts), 1)
        self._note_spans("quotes", [(row[11], row[12]) for row in quotes])
        self._note_spans("events", [(row[9], row[10]) for row in events])
        self.conn.executemany(
            "INSERT INTO passages(doc, start, end, text) VALUES (?, ?, ?, ?)",
            [(seq, *passage) for passage in iter_passages(text)],
        )

    def _note_spans(self, table: str, intervals: list[tuple[str | None, str | None]]) -> None:
        """Keep ``meta.max_span_days:<table>`` (the longest date interval) for date range queries."""
        longest = max((_days(start, end) for start, end in intervals), default=-1)
        key = f"max_span_days:{table}"
        if key not in self._spans:
            row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            self._spans[key] = int(row[0]) if row else -1
        if longest > self._spans[key]:
            self._spans[key] = longest
            self.conn.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, str(longest)),
            )

    def _upsert_actors(self, record: dict[str, Any], text: str) -> None:
        referenced = {
            actor_id
            for item in [*(record.get("quotes") or []), *(record.get("events") or [])]
            for actor_id in (
                item.get("speaker"),
                item.get("source"),
                item.get("target"),
                *(item.get("via") or []),
            )
            if actor_id
        }
        for actor in record.get("actors") or []:
            if not actor.get("id"):
                continue
            referenced.discard(actor["id"])
            name = actor.get("name") or actor["id"]
            country = actor["id"] if is_country_id(actor["id"]) else actor.get("country")
            self.conn.execute(
                _ACTOR_UPSERT,
                (actor["id"], name, actor.get("type"), country, actor.get("role"), name_key(name)),
            )
            self.conn.executemany(
                "INSERT OR IGNORE INTO actor_aliases(actor_id, alias, key) VALUES (?, ?, ?)",
                [(actor["id"], alias, name_key(alias)) for alias in actor_aliases(actor, text)],
            )
        for actor_id in referenced:  # ids used by quotes/events without an entry in `actors`
            self.conn.execute(
                "INSERT OR IGNORE INTO actors(id, name, type, country, key) VALUES (?, ?, ?, ?, ?)",
                (
                    actor_id,
                    actor_id,
                    "unknown",
                    actor_id if is_country_id(actor_id) else None,
                    name_key(actor_id),
                ),
            )

    def record_errors(self, errors: Iterable[ErrorEntry]) -> None:
        """Remember inputs that failed (a repeated failure bumps ``count``)."""
        now = _now()
        rows = [
            (e.path, e.line or 0, e.code, e.message, e.doc_id or "", e.source_id, now, now) for e in errors
        ]
        if rows:
            with self._write_lock, self.transaction():
                self.conn.executemany(_ERROR_UPSERT, rows)

    def optimize(self) -> None:
        """Refresh the planner's statistics and fold the WAL into the database (after an ingest)."""
        self.conn.execute("PRAGMA optimize")
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # ------------------------------------------------------------------------------------------
    # queries
    # ------------------------------------------------------------------------------------------

    def resolve_actor(self, name: str) -> list[str]:
        return queries.resolve_actor(self.conn, name)

    def quotes(self, query: QuoteFilter) -> list[dict[str, Any]]:
        return queries.quotes(self.conn, query)

    def events(self, query: EventFilter) -> list[dict[str, Any]]:
        return queries.events(self.conn, query)

    def actors(self, search: str | None = None, *, limit: int | None = None) -> list[dict[str, Any]]:
        return queries.actors(self.conn, search, limit=limit)

    def search(
        self, query: str, *, limit: int | None = None, include_duplicates: bool = False
    ) -> list[dict[str, Any]]:
        return queries.search(self.conn, query, limit=limit, include_duplicates=include_duplicates)

    def errors(self) -> list[dict[str, Any]]:
        return queries.errors(self.conn)

    def error_summary(self) -> list[dict[str, Any]]:
        return queries.error_summary(self.conn)

    def documents(self, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        return queries.documents(self.conn, limit=limit, offset=offset)

    def record(self, doc_id: str) -> dict[str, Any] | None:
        return queries.record(self.conn, doc_id)

    def actor(self, actor_id: str) -> dict[str, Any] | None:
        return queries.actor(self.conn, actor_id)

    def event_pairs(self, query: EventFilter) -> list[dict[str, Any]]:
        return aggregates.event_pairs(self.conn, query)

    def event_buckets(self, query: EventFilter, *, by: str) -> list[dict[str, Any]]:
        return aggregates.event_buckets(self.conn, query, by=by)

    def quote_references(self, query: QuoteFilter) -> list[dict[str, Any]]:
        return aggregates.quote_references(self.conn, query)

    def quote_counts(self, query: QuoteFilter, *, by: str) -> list[dict[str, Any]]:
        return aggregates.quote_counts(self.conn, query, by=by)

    def actor_info(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        return aggregates.actor_info(self.conn, ids)

    def stats(self) -> dict[str, Any]:
        return queries.stats(self.conn, self.path)

    # ------------------------------------------------------------------------------------------
    # export
    # ------------------------------------------------------------------------------------------

    def iter_records(self, *, include_text: bool = True) -> Iterator[dict[str, Any]]:
        """The stored ``lagebild.analysis/1`` records in ingest order (``document.dup_of`` added)."""
        sql = (
            "SELECT c.record, c.text, o.id AS dup_of FROM documents d JOIN document_content c ON c.doc = d.seq "
            "LEFT JOIN documents o ON o.seq = d.dup_of ORDER BY d.seq"
        )
        for row in self.conn.execute(sql):
            record = json.loads(unpack(row["record"]))
            if include_text:
                record["document"]["text"] = unpack(row["text"])
            record["document"]["dup_of"] = row["dup_of"]
            yield record

    def iter_rows(self, table: str) -> Iterator[dict[str, Any]]:
        return queries.iter_rows(self.conn, table)
