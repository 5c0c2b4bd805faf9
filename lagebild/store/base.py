"""The corpus store interface.

:class:`Store` is what ingest, queries, aggregation and export talk to.  The shipped
implementation is :class:`~lagebild.store.sqlite.SQLiteStore` (one embedded file); a server
database can follow by implementing the same protocol.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from ..errors import E, LagebildError


def parse_day(value: str | dt.date | None, *, end: bool = False) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` → ISO day (first day, or last with ``end``)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    from ..document import DocDate

    try:
        interval = DocDate.parse(str(value))
    except ValueError as err:
        raise LagebildError(E.E907.format(value=value), code="E907") from err
    return (interval.end if end else interval.start).isoformat()


@dataclass
class QuoteFilter:
    """Which quotations to return.  Names are resolved to actor ids by the store."""

    speaker: str | None = None
    about: str | None = None
    kind: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    text: str | None = None
    include_duplicates: bool = False
    limit: int | None = None


@dataclass
class EventFilter:
    """Which events to return.  ``source``/``target`` match an actor id, name or country."""

    source: str | None = None
    target: str | None = None
    type: str | None = None
    status: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    include_duplicates: bool = False
    limit: int | None = None
    types: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    has_place: bool = False


@dataclass(frozen=True)
class WriteResult:
    """What :meth:`Store.write_record` did with one record."""

    doc_id: str
    replaced: bool
    dup_of: str | None


@dataclass(frozen=True)
class ErrorEntry:
    """One input that could not be read or analysed."""

    path: str
    code: str
    message: str
    line: int | None = None
    doc_id: str | None = None
    source_id: str | None = None


@runtime_checkable
class Store(Protocol):
    """Storage of analysed documents and the queries on them."""

    path: str

    # --- ingest ---
    def stored_versions(self, doc_ids: Iterable[str]) -> dict[str, str]: ...
    def write_records(self, items: Iterable[tuple[dict[str, Any], bytes | None]]) -> list[WriteResult]: ...
    def record_errors(self, errors: Iterable[ErrorEntry]) -> None: ...
    def signatures(self) -> Iterator[tuple[str, bytes]]: ...

    # --- queries ---
    def quotes(self, query: QuoteFilter) -> list[dict[str, Any]]: ...
    def events(self, query: EventFilter) -> list[dict[str, Any]]: ...
    def actors(self, search: str | None = None, *, limit: int | None = None) -> list[dict[str, Any]]: ...
    def search(
        self, query: str, *, limit: int | None = None, include_duplicates: bool = False
    ) -> list[dict[str, Any]]: ...
    def errors(self) -> list[dict[str, Any]]: ...
    def error_summary(self) -> list[dict[str, Any]]: ...
    def stats(self) -> dict[str, Any]: ...
    def resolve_actor(self, name: str) -> list[str]: ...

    # --- aggregation building blocks ---
    def event_pairs(self, query: EventFilter) -> list[dict[str, Any]]: ...
    def event_buckets(self, query: EventFilter, *, by: str) -> list[dict[str, Any]]: ...
    def quote_references(self, query: QuoteFilter) -> list[dict[str, Any]]: ...
    def quote_counts(self, query: QuoteFilter, *, by: str) -> list[dict[str, Any]]: ...
    def actor_info(self, ids: list[str]) -> dict[str, dict[str, Any]]: ...

    # --- single items ---
    def documents(self, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]: ...
    def record(self, doc_id: str) -> dict[str, Any] | None: ...
    def actor(self, actor_id: str) -> dict[str, Any] | None: ...

    # --- export ---
    def iter_records(self, *, include_text: bool = True) -> Iterator[dict[str, Any]]: ...
    def iter_rows(self, table: str) -> Iterator[dict[str, Any]]: ...

    def close(self) -> None: ...
