"""Quotations: who said what, through which channel (spaCy component ``lagebild_quotes_v1``)."""

from __future__ import annotations

from .component import QuoteAttributor, find_quotes, make_quotes
from .settings import Settings

__all__ = ["QuoteAttributor", "Settings", "find_quotes", "make_quotes"]
