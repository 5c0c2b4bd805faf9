"""The corpus store: analysed documents, their actors, quotes and events, queryable.

``open_store(path)`` returns the embedded SQLite implementation of :class:`Store`.
"""

from __future__ import annotations

from pathlib import Path

from .base import ErrorEntry, EventFilter, QuoteFilter, Store, WriteResult
from .sqlite import SQLiteStore


def open_store(path: str | Path, *, readonly: bool = False, must_exist: bool = False) -> SQLiteStore:
    """Open (creating and migrating when needed) the corpus database at ``path``."""
    return SQLiteStore(path, readonly=readonly, must_exist=must_exist)


__all__ = ["ErrorEntry", "EventFilter", "QuoteFilter", "SQLiteStore", "Store", "WriteResult", "open_store"]
