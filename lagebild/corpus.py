"""Python access to a lagebild corpus: the same queries as the CLI, as pandas DataFrames.

>>> from lagebild import Corpus                                  # doctest: +SKIP
>>> corpus = Corpus("lagebild.db")                               # doctest: +SKIP
>>> corpus.events(source="RUS", target="KAZ", type="SANCTION")   # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .store import EventFilter, QuoteFilter, open_store
from .store.sqlite import SQLiteStore


def _frame(rows: list[dict[str, Any]], as_frame: bool) -> Any:
    if not as_frame:
        return rows
    import pandas as pd

    return pd.DataFrame(rows)


class Corpus:
    """A corpus database.  Query methods return DataFrames (``as_frame=False``: lists of dicts)."""

    def __init__(
        self, path: str | Path = "lagebild.db", *, must_exist: bool = False, readonly: bool = False
    ) -> None:
        self.path = str(path)
        self.store: SQLiteStore = open_store(path, must_exist=must_exist, readonly=readonly)

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def __repr__(self) -> str:
        return f"Corpus({self.path!r})"

    # --- ingest ---------------------------------------------------------------------------------

    def ingest(self, paths: Iterable[str | Path], **options: Any) -> dict[str, Any]:
        """Analyse and store ``paths`` (see :func:`lagebild.store.ingest.ingest` for options)."""
        from .store.ingest import ingest

        stats = ingest(paths, self.store, **options)
        self.store.optimize()
        return stats.as_dict()

    def add_records(self, records: Iterable[dict[str, Any]]) -> int:
        """Store ready-made ``lagebild.analysis/1`` records (e.g. from ``analyze --jsonl``)."""
        from .store.dedup import signature

        items = [(record, signature(record["document"].get("text") or "")) for record in records]
        return len(self.store.write_records(items))

    # --- queries --------------------------------------------------------------------------------

    def quotes(self, *, as_frame: bool = True, **filters: Any) -> Any:
        """Quotations; filters: speaker, about, kind, text, date_from, date_to, include_duplicates, limit."""
        return _frame(self.store.quotes(QuoteFilter(**filters)), as_frame)

    def events(self, *, as_frame: bool = True, **filters: Any) -> Any:
        """Events; filters: source, target, type, types, status, date_from, date_to, include_duplicates, limit."""
        return _frame(self.store.events(EventFilter(**filters)), as_frame)

    def actors(self, search: str | None = None, *, limit: int | None = None, as_frame: bool = True) -> Any:
        return _frame(self.store.actors(search, limit=limit), as_frame)

    def search(
        self, query: str, *, limit: int | None = None, include_duplicates: bool = False, as_frame: bool = True
    ) -> Any:
        return _frame(self.store.search(query, limit=limit, include_duplicates=include_duplicates), as_frame)

    def errors(self, *, as_frame: bool = True) -> Any:
        return _frame(self.store.errors(), as_frame)

    def error_summary(self, *, as_frame: bool = True) -> Any:
        """Unreadable or refused inputs counted by error code (with the code's reason)."""
        return _frame(self.store.error_summary(), as_frame)

    def stats(self) -> dict[str, Any]:
        return self.store.stats()

    def documents(self, *, limit: int | None = None, offset: int = 0, as_frame: bool = False) -> Any:
        """Document metadata (no text) in ingest order."""
        return _frame(self.store.documents(limit=limit, offset=offset), as_frame)

    def record(self, doc_id: str) -> dict[str, Any] | None:
        """The stored ``lagebild.analysis/1`` record of one document (None if unknown)."""
        return self.store.record(doc_id)

    def actor(self, actor_id: str) -> dict[str, Any] | None:
        """One actor of the registry with aliases and mention counts (None if unknown)."""
        return self.store.actor(actor_id)

    def resolve(self, name: str) -> list[str]:
        """Actor ids that ``name`` stands for (id, canonical name, alias or spelling)."""
        return self.store.resolve_actor(name)

    def records(self, *, include_text: bool = True) -> Iterator[dict[str, Any]]:
        return self.store.iter_records(include_text=include_text)

    # --- aggregates -----------------------------------------------------------------------------

    def dyad(self, a: str, b: str, *, by: str = "month", as_frame: bool = True, **filters: Any) -> Any:
        """Events between ``a`` and ``b`` per period and type, with a Goldstein-style score."""
        from .analysis.dyad import dyad_timeline

        return _frame(dyad_timeline(self.store, a, b, by=by, **filters), as_frame)

    def network(self, **filters: Any) -> Any:
        """The weighted directed actor graph (networkx ``DiGraph``)."""
        from .analysis.network import actor_network

        return actor_network(self.store, **filters)

    def network_json(
        self, *, limit: int | None = 300, type: str | None = None, **filters: Any
    ) -> dict[str, Any]:
        """The network as ``{"nodes": [...], "edges": [...]}`` (top ``limit`` actors by PageRank)."""
        from .analysis.network import edge_rows, rank_actors

        graph = self.network(types=[type] if type else [], **filters)
        nodes = rank_actors(graph, limit=limit)
        keep = {node["id"] for node in nodes}
        for node in nodes:
            node.update(
                type=graph.nodes[node["id"]].get("type"), country=graph.nodes[node["id"]].get("country")
            )
        edges = [e for e in edge_rows(graph) if e["source"] in keep and e["target"] in keep]
        return {"nodes": nodes, "edges": edges}

    def quoted(self, *, by: str = "speaker", as_frame: bool = True, **filters: Any) -> Any:
        """Who is quoted most (``by="speaker"``), through which channels, about whom."""
        from .analysis.quoted import quoted

        return _frame(quoted(self.store, by=by, **filters), as_frame)

    # --- export ---------------------------------------------------------------------------------

    def export(self, fmt: str, output: str | Path, **options: Any) -> dict[str, Any]:
        from .export import export

        return export(self.store, fmt, output, **options)
