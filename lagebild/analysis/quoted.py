"""Who is quoted most, through which channels, about whom, with which verbs."""

from __future__ import annotations

from typing import Any

from ..store.aggregates import QUOTE_GROUPS
from ..store.base import QuoteFilter, Store

__all__ = ["QUOTE_GROUPS", "quoted"]


def quoted(store: Store, *, by: str = "speaker", **filters: Any) -> list[dict[str, Any]]:
    """Quotations counted per ``by`` (speaker, channel, about, cue, kind), most frequent first.

    ``filters`` are those of :class:`~lagebild.store.base.QuoteFilter` (speaker, about, date_from,
    date_to, include_duplicates, limit): e.g. ``by="channel", speaker="Peskov"``.
    """
    return store.quote_counts(QuoteFilter(**filters), by=by)
