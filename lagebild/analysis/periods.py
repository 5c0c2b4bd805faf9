"""Time buckets for aggregation: day, week (ISO), month, quarter, year."""

from __future__ import annotations

import datetime as dt

from ..errors import E, LagebildError

BUCKETS = ("day", "week", "month", "quarter", "year")


def bucket(day: str | None, by: str) -> str:
    """The period label of an ISO day (``2022-07-14`` → ``2022-07`` by month); ``unknown`` without one."""
    if by not in BUCKETS:
        raise LagebildError(E.E906.format(by=by, choices=", ".join(BUCKETS)), code="E906")
    if not day:
        return "unknown"
    if by == "day":
        return day[:10]
    if by == "month":
        return day[:7]
    if by == "year":
        return day[:4]
    date = dt.date.fromisoformat(day[:10])
    if by == "quarter":
        return f"{date.year}-Q{(date.month - 1) // 3 + 1}"
    year, week, _ = date.isocalendar()
    return f"{year}-W{week:02d}"
