"""Named schema migrations of the SQLite corpus store.

Each migration is a name and a list of steps (SQL statements, or functions of the connection).
:func:`migrate` applies the ones a database has not seen, each in its own transaction, and
records them in ``migrations``.  Append new migrations at the end; never edit or reorder
applied ones.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Callable, Sequence

from ..errors import E, LagebildError

log = logging.getLogger(__name__)

_INITIAL = [
    """CREATE TABLE documents (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source_id TEXT, title TEXT, source TEXT, url TEXT, language TEXT,
        date_start TEXT, date_end TEXT, date_precision TEXT,
        month TEXT NOT NULL,
        text_sha256 TEXT NOT NULL,
        n_words INTEGER NOT NULL,
        pipeline_version TEXT NOT NULL,
        dup_of INTEGER REFERENCES documents(seq) ON DELETE SET NULL,
        similarity REAL,
        ingested_at TEXT NOT NULL
    )""",
    # the bulky part of a document apart, so that scans of `documents` stay small;
    # text and record JSON are zlib-compressed UTF-8 (lagebild.store.rows.pack/unpack)
    """CREATE TABLE document_content (
        doc INTEGER PRIMARY KEY REFERENCES documents(seq) ON DELETE CASCADE,
        text BLOB NOT NULL,
        record BLOB NOT NULL
    )""",
    """CREATE TABLE actors (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT,
        country TEXT,
        role TEXT,
        key TEXT NOT NULL
    )""",
    """CREATE TABLE actor_aliases (
        actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
        alias TEXT NOT NULL,
        key TEXT NOT NULL,
        PRIMARY KEY (actor_id, alias)
    ) WITHOUT ROWID""",
    """CREATE TABLE mentions (
        doc INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
        actor_id TEXT NOT NULL REFERENCES actors(id),
        start INTEGER NOT NULL,
        end INTEGER NOT NULL
    )""",
    """CREATE TABLE quotes (
        rowid INTEGER PRIMARY KEY,
        doc INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
        quote_id TEXT,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        start INTEGER, end INTEGER,
        speaker TEXT, speaker_text TEXT, speaker_country TEXT,
        cue TEXT, via TEXT NOT NULL, addressee TEXT,
        date_start TEXT, date_end TEXT,
        dup INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE events (
        rowid INTEGER PRIMARY KEY,
        doc INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
        event_id TEXT,
        type TEXT NOT NULL,
        mode TEXT, cameo TEXT, goldstein REAL,
        source TEXT, target TEXT, source_country TEXT, target_country TEXT,
        date_start TEXT, date_end TEXT, date_precision TEXT,
        place_name TEXT, place_country TEXT, lat REAL, lon REAL,
        status TEXT NOT NULL,
        via TEXT NOT NULL,
        trigger TEXT,
        start INTEGER, end INTEGER,
        dup INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE passages (
        rowid INTEGER PRIMARY KEY,
        doc INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL
    )""",
    """CREATE VIRTUAL TABLE passages_fts USING fts5(
        text, content='passages', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE VIRTUAL TABLE quotes_fts USING fts5(
        text, content='quotes', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER passages_ai AFTER INSERT ON passages BEGIN
        INSERT INTO passages_fts(rowid, text) VALUES (new.rowid, new.text);
    END""",
    """CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
        INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    END""",
    """CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts(rowid, text) VALUES (new.rowid, new.text);
    END""",
    """CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    END""",
    """CREATE TABLE minhash (
        doc INTEGER PRIMARY KEY REFERENCES documents(seq) ON DELETE CASCADE,
        signature BLOB NOT NULL
    )""",
    """CREATE TABLE errors (
        rowid INTEGER PRIMARY KEY,
        path TEXT NOT NULL,
        line INTEGER NOT NULL DEFAULT 0,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        doc_id TEXT NOT NULL DEFAULT '',
        source_id TEXT,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        count INTEGER NOT NULL DEFAULT 1,
        UNIQUE (path, line, doc_id, code)
    )""",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID",
]

_INDEXES = [
    "CREATE INDEX documents_month ON documents(month)",
    "CREATE INDEX documents_date ON documents(date_start, date_end)",
    "CREATE INDEX documents_dup ON documents(dup_of)",
    "CREATE INDEX documents_version ON documents(pipeline_version)",
    "CREATE INDEX actors_key ON actors(key)",
    "CREATE INDEX actors_country ON actors(country)",
    "CREATE INDEX actor_aliases_key ON actor_aliases(key)",
    "CREATE INDEX mentions_actor ON mentions(actor_id, doc)",
    "CREATE INDEX mentions_doc ON mentions(doc, start)",
    "CREATE INDEX quotes_doc ON quotes(doc)",
    "CREATE INDEX quotes_speaker ON quotes(speaker, date_start)",
    "CREATE INDEX quotes_speaker_country ON quotes(speaker_country, date_start)",
    "CREATE INDEX quotes_date ON quotes(date_start)",
    "CREATE INDEX events_doc ON events(doc)",
    "CREATE INDEX events_source ON events(source, date_start)",
    "CREATE INDEX events_target ON events(target, date_start)",
    "CREATE INDEX events_source_country ON events(source_country, date_start)",
    "CREATE INDEX events_countries ON events(source_country, target_country, date_start)",
    "CREATE INDEX events_countries_type ON events(source_country, target_country, type, date_start)",
    "CREATE INDEX events_target_country ON events(target_country, date_start)",
    "CREATE INDEX events_type ON events(type, status, date_start)",
    "CREATE INDEX events_date ON events(date_start)",
    "CREATE INDEX passages_doc ON passages(doc)",
    "CREATE INDEX errors_doc ON errors(doc_id)",
]

# covering indexes: the queries they serve read every column they need from the index alone
_COVERING_INDEXES = [
    # dyad timelines (lagebild.analysis.dyad, event_buckets) between countries: the country pair,
    # the status and duplicate filters are seek keys, then the date (range filters); type, doc
    # and goldstein are what the aggregation reads
    "CREATE INDEX events_dyad_countries ON events(source_country, target_country, status, dup, "
    "date_start, date_end, type, doc, goldstein)",
    # `stats`: max(date_end) by one seek, sum(n_words) over a small index instead of the table
    "CREATE INDEX documents_end_words ON documents(date_end, n_words)",
]


def _analyze_new_indexes(names: list[str]) -> Callable[[sqlite3.Connection], None]:
    """A migration step: planner statistics for new indexes, in stores that keep statistics.

    In a store whose other indexes have statistics (``ANALYZE`` ran, e.g. ``PRAGMA optimize``
    after an ingest), an index without them looks far more selective than it is, and the
    planner would pick it for queries it does not serve (newest events of one country).
    """

    def step(conn: sqlite3.Connection) -> None:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
            for name in names:
                conn.execute(f"ANALYZE {name}")

    return step


Step = str | Callable[[sqlite3.Connection], None]

_DYAD_MONTHS = [
    # lagebild.store.dyads: events between two countries per month, kept by the writer; the key
    # order lets a (pair, dup) range scan stream its groups in (month, type) order
    """CREATE TABLE dyad_months (
        source_country TEXT NOT NULL,
        target_country TEXT NOT NULL,
        month TEXT NOT NULL,
        type TEXT NOT NULL,
        dup INTEGER NOT NULL,
        statuses TEXT NOT NULL,
        status TEXT NOT NULL,
        events INTEGER NOT NULL,
        goldstein_sum REAL NOT NULL,
        goldstein_n INTEGER NOT NULL,
        documents INTEGER NOT NULL,
        PRIMARY KEY (source_country, target_country, dup, month, type, status, statuses)
    ) WITHOUT ROWID""",
]


def _backfill_dyads(conn: sqlite3.Connection) -> None:
    from .dyads import backfill

    backfill(conn)


# LSH band keys of the MinHash signatures, so near-duplicate lookups run in SQL and the
# index is neither loaded into memory nor grows there (see dedup.DuplicateIndex)
_MINHASH_BANDS = [
    """CREATE TABLE minhash_bands (
        key INTEGER NOT NULL,
        doc INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
        PRIMARY KEY (key, doc)
    ) WITHOUT ROWID""",
    "CREATE INDEX minhash_bands_doc ON minhash_bands(doc)",
]


def _backfill_bands(conn: sqlite3.Connection) -> None:
    from .dedup import DuplicateIndex

    DuplicateIndex(conn).ensure_shape()


# (name, statements) in order of application.
MIGRATIONS: list[tuple[str, Sequence[Step]]] = [
    ("0001_initial", _INITIAL),
    ("0002_query_indexes", _INDEXES),
    (
        "0003_covering_indexes",
        [*_COVERING_INDEXES, _analyze_new_indexes(["events_dyad_countries", "documents_end_words"])],
    ),
    ("0004_dyad_months", [*_DYAD_MONTHS, _backfill_dyads]),
    ("0005_minhash_bands", [*_MINHASH_BANDS, _backfill_bands]),
]


def applied(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations recorded in ``conn``'s database, in order of application."""
    conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    return [row[0] for row in conn.execute("SELECT name FROM migrations ORDER BY rowid")]


def migrate(conn: sqlite3.Connection, *, path: str = "<db>") -> list[str]:
    """Apply pending migrations (``conn`` must be in autocommit mode); returns their names."""
    done = applied(conn)
    known = {name for name, _ in MIGRATIONS}
    unknown = [name for name in done if name not in known]
    if unknown:
        raise LagebildError(E.E902.format(path=path, name=unknown[0]), code="E902")
    new: list[str] = []
    for name, statements in MIGRATIONS:
        if name in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            # another process may have applied it while we waited for the lock
            if conn.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                conn.execute("COMMIT")
                continue
            for statement in statements:
                if callable(statement):
                    statement(conn)
                else:
                    conn.execute(statement)
            now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            conn.execute("INSERT INTO migrations(name, applied_at) VALUES (?, ?)", (name, now))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        log.info("applied migration %s to %s", name, path)
        new.append(name)
    return new
