"""The unit of input: one article with its metadata."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

PRECISIONS = ("day", "month", "year", "unknown")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


@dataclass(frozen=True)
class DocDate:
    """A date with honest precision: an interval ``start``–``end`` (both inclusive)."""

    start: dt.date
    end: dt.date
    precision: str

    @classmethod
    def parse(cls, value: str) -> DocDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raises ValueError otherwise."""
        match = _DATE_RE.match(value.strip())
        if not match:
            raise ValueError(f"not a date: {value!r}")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if month is None:
            return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
        if day is None:
            last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
            if not last:
                raise ValueError(f"month out of range: {value!r}")
            return cls(dt.date(year, month, 1), dt.date(year, month, last), "month")
        day_date = dt.date(year, month, day)
        return cls(day_date, day_date, "day")

    def to_dict(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "precision": self.precision}


def content_id(text: str) -> str:
    """Stable document id: the first 16 hex digits of the SHA-256 of the text."""
    return sha256(text)[:16]


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Document:
    """One article.  Character offsets in all outputs refer to ``text``."""

    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    date: DocDate | None = None
    source_id: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return content_id(self.text)

    @property
    def text_sha256(self) -> str:
        return sha256(self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source_id": self.source_id,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "language": self.language,
            "date": self.date.to_dict() if self.date else None,
            "text_sha256": self.text_sha256,
        }
