"""The actor network: who acts on whom (events) and who talks about whom (quotations)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..store.base import EventFilter, QuoteFilter, Store
from .scale import load_scale


def actor_network(
    store: Store,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    types: Iterable[str] = (),
    include_quotes: bool = True,
    include_duplicates: bool = False,
) -> Any:
    """A weighted ``networkx.DiGraph``: edge weight = events + quotations that refer to the target.

    Edge attributes: ``weight``, ``events``, ``quotes``, ``documents``, ``score`` (summed
    cooperation–conflict score of the events).  Node attributes: ``name``, ``type``, ``country``.
    """
    import networkx as nx

    scale = load_scale()
    graph = nx.DiGraph()
    query = EventFilter(
        date_from=date_from, date_to=date_to, types=list(types), include_duplicates=include_duplicates
    )
    for row in store.event_pairs(query):
        if row["source"] == row["target"]:
            continue
        own = row["goldstein_sum"] or 0.0
        default = scale.score(row["type"]) or 0.0
        score = own + default * (row["events"] - row["goldstein_n"])
        _add(
            graph, row["source"], row["target"], events=row["events"], documents=row["documents"], score=score
        )
    if include_quotes and not list(types):
        quotes = QuoteFilter(date_from=date_from, date_to=date_to, include_duplicates=include_duplicates)
        for row in store.quote_references(quotes):
            _add(graph, row["source"], row["target"], quotes=row["quotes"], documents=row["documents"])
    info = store.actor_info(list(graph.nodes))
    for node in graph.nodes:
        actor = info.get(node, {})
        graph.nodes[node].update(
            name=actor.get("name") or node, type=actor.get("type") or "", country=actor.get("country") or ""
        )
    return graph


def _add(
    graph: Any,
    source: str,
    target: str,
    *,
    events: int = 0,
    quotes: int = 0,
    documents: int = 0,
    score: float = 0.0,
) -> None:
    if graph.has_edge(source, target):
        edge = graph.edges[source, target]
    else:
        graph.add_edge(source, target, weight=0, events=0, quotes=0, documents=0, score=0.0)
        edge = graph.edges[source, target]
    edge["events"] += events
    edge["quotes"] += quotes
    edge["documents"] += documents
    edge["weight"] += events + quotes
    edge["score"] = round(edge["score"] + score, 3)


def rank_actors(graph: Any, *, limit: int | None = None, seed: int = 0) -> list[dict[str, Any]]:
    """Actors by PageRank with weighted in/out degree and a community number (Louvain)."""
    import networkx as nx

    if graph.number_of_nodes() == 0:
        return []
    pagerank = nx.pagerank(graph, weight="weight")
    communities = nx.community.louvain_communities(graph.to_undirected(), weight="weight", seed=seed)
    community_of = {
        node: number
        for number, members in enumerate(sorted(communities, key=lambda c: (-len(c), min(c))))
        for node in members
    }
    rows = [
        {
            "id": node,
            "name": graph.nodes[node].get("name", node),
            "pagerank": round(pagerank[node], 5),
            "in_weight": graph.in_degree(node, weight="weight"),
            "out_weight": graph.out_degree(node, weight="weight"),
            "community": community_of[node],
        }
        for node in graph.nodes
    ]
    rows.sort(key=lambda r: (-r["pagerank"], r["id"]))
    return rows[:limit] if limit else rows


def edge_rows(graph: Any) -> list[dict[str, Any]]:
    """The edges as rows, heaviest first."""
    rows = [{"source": s, "target": t, **data} for s, t, data in graph.edges(data=True)]
    rows.sort(key=lambda r: (-r["weight"], r["source"], r["target"]))
    return rows
