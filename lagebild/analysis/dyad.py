"""Dyad timelines: events between two actors per period and type, with a cooperation–conflict score."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..store.base import EventFilter, Store
from .periods import bucket
from .scale import load_scale

# statuses counted by default: reported as having happened (by the author or by a source)
DEFAULT_STATUSES = ("asserted", "alleged")


def dyad_timeline(
    store: Store,
    a: str,
    b: str,
    *,
    by: str = "month",
    date_from: str | None = None,
    date_to: str | None = None,
    types: Iterable[str] = (),
    statuses: Iterable[str] | None = DEFAULT_STATUSES,
    include_duplicates: bool = False,
) -> list[dict[str, Any]]:
    """Rows per (period, direction, type): events, documents, mean and summed score.

    ``a`` and ``b`` are actor ids, names or countries (a country includes its actors);
    direction ``a->b`` has ``a`` as source.  ``statuses=None`` counts every claim status.
    """
    bucket(None, by)  # validates ``by``
    scale = load_scale()
    defaults: dict[str, float | None] = {}  # the scale's score per type, looked up once
    groups: dict[tuple[str, str, str], dict[str, Any]] = {}
    for source, target, direction in ((a, b, "a->b"), (b, a, "b->a")):
        query = EventFilter(
            source=source,
            target=target,
            date_from=date_from,
            date_to=date_to,
            types=list(types),
            statuses=list(statuses or []),
            include_duplicates=include_duplicates,
        )
        for row in store.event_buckets(query, by=by):
            period = bucket(row["period"], "week") if by == "week" else (row["period"] or "unknown")
            group = groups.setdefault(
                (period, direction, row["type"]),
                {
                    "period": period,
                    "direction": direction,
                    "type": row["type"],
                    "events": 0,
                    "documents": 0,
                    "score_sum": 0.0,
                    "scored": 0,
                },
            )
            if row["type"] not in defaults:
                defaults[row["type"]] = scale.score(row["type"])
            default = defaults[row["type"]]
            group["events"] += row["events"]
            group["documents"] += row["documents"]
            group["score_sum"] += (row["goldstein_sum"] or 0.0) + (default or 0.0) * (
                row["events"] - row["goldstein_n"]
            )
            group["scored"] += row["events"] if default is not None else row["goldstein_n"]
    rows = []
    for key in sorted(groups):
        group = groups[key]
        scored = group.pop("scored")
        group["score_sum"] = round(group["score_sum"], 3)
        group["score_mean"] = round(group["score_sum"] / scored, 3) if scored else None
        rows.append(group)
    return rows


def dyad_periods(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per-period totals of :func:`dyad_timeline` rows: events each way, cooperation, conflict, score."""
    totals: dict[str, dict[str, Any]] = {}
    for row in rows:
        total = totals.setdefault(
            row["period"],
            {
                "period": row["period"],
                "events": 0,
                "a->b": 0,
                "b->a": 0,
                "cooperation": 0,
                "conflict": 0,
                "score_sum": 0.0,
            },
        )
        total["events"] += row["events"]
        total[row["direction"]] += row["events"]
        side = "cooperation" if (row["score_mean"] or 0.0) >= 0 else "conflict"
        total[side] += row["events"]
        total["score_sum"] += row["score_sum"]
    for total in totals.values():
        total["score_mean"] = round(total["score_sum"] / total["events"], 3) if total["events"] else None
        total["score_sum"] = round(total["score_sum"], 3)
    return [totals[key] for key in sorted(totals)]
