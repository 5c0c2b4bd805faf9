"""Flatten a ``lagebild.analysis/1`` record into table rows (pure functions, no database)."""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from collections.abc import Callable, Iterator
from typing import Any

from ..record import month_key
from ..settings import STORE

_ISO3 = re.compile(r"^[A-Z]{3}$")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_PARAGRAPH = re.compile(r"[^\n]+")

CountryOf = Callable[[str | None], str | None]


def pipeline_version(pipeline: dict[str, Any]) -> str:
    """A short fingerprint of the pipeline that produced a record (version, model, components)."""
    key = json.dumps(
        [pipeline.get("version"), pipeline.get("model"), list(pipeline.get("components") or [])],
        ensure_ascii=True,
    )
    return hashlib.sha1(key.encode("ascii")).hexdigest()[:12]


def is_country_id(actor_id: str | None) -> bool:
    return bool(actor_id and _ISO3.match(actor_id))


def record_countries(record: dict[str, Any]) -> dict[str, str | None]:
    """Actor id → ISO alpha-3 country, from the record's own actor list."""
    countries: dict[str, str | None] = {}
    for actor in record.get("actors") or []:
        actor_id = actor.get("id")
        if actor_id:
            countries[actor_id] = actor_id if is_country_id(actor_id) else actor.get("country")
    return countries


month_of = month_key  # the store partitions by the same key as the Parquet records


def strip_text(record: dict[str, Any]) -> dict[str, Any]:
    """The record without ``document.text`` (the store keeps the text in its own column)."""
    document = {k: v for k, v in record["document"].items() if k != "text"}
    return {**record, "document": document}


def pack(text: str) -> bytes:
    """Compressed UTF-8 (document texts and record JSON are stored this way: ~5x smaller)."""
    return zlib.compress(text.encode("utf-8"), STORE["compress_level"])


def unpack(data: bytes | str) -> str:
    return data if isinstance(data, str) else zlib.decompress(data).decode("utf-8")


def iter_passages(text: str, *, max_chars: int | None = None) -> Iterator[tuple[int, int, str]]:
    """``(start, end, text)`` of the lines of ``text``; long lines are cut at sentence ends."""
    limit = max_chars or STORE["passage_chars"]
    for line in _PARAGRAPH.finditer(text):
        if not line.group().strip():
            continue
        yield from _chunks(line.group(), line.start(), limit)


def _chunks(line: str, offset: int, limit: int) -> Iterator[tuple[int, int, str]]:
    start = 0
    cut = start
    for boundary in _SENTENCE_END.finditer(line):
        if boundary.start() - start > limit and cut > start:
            yield offset + start, offset + cut, line[start:cut].rstrip()
            start = cut
        cut = boundary.end()
    if len(line) - start > limit and cut > start:
        yield offset + start, offset + cut, line[start:cut].rstrip()
        start = cut
    yield offset + start, offset + len(line), line[start:]


def quote_row(quote: dict[str, Any], country_of: CountryOf, date: dict[str, Any] | None) -> tuple[Any, ...]:
    span = quote.get("span") or [None, None]
    speaker = quote.get("speaker")
    return (
        quote.get("id"),
        quote.get("kind") or "direct",
        quote.get("text") or "",
        span[0],
        span[1],
        speaker,
        quote.get("speaker_text"),
        country_of(speaker),
        quote.get("cue"),
        json.dumps(list(quote.get("via") or []), ensure_ascii=False),
        quote.get("addressee"),
        (date or {}).get("start"),
        (date or {}).get("end"),
    )


def event_row(
    event: dict[str, Any], country_of: CountryOf, doc_date: dict[str, Any] | None
) -> tuple[Any, ...]:
    span = event.get("span") or [None, None]
    date = event.get("date") or doc_date or {}
    if not date.get("start"):
        date = doc_date or {}
    place = event.get("place") or {}
    goldstein = event.get("goldstein")
    return (
        event.get("id"),
        event.get("type") or "UNKNOWN",
        event.get("mode"),
        event.get("cameo"),
        float(goldstein) if isinstance(goldstein, (int, float)) else None,
        event.get("source"),
        event.get("target"),
        event.get("source_country") or country_of(event.get("source")),
        event.get("target_country") or country_of(event.get("target")),
        date.get("start"),
        date.get("end"),
        date.get("precision"),
        place.get("name"),
        place.get("country"),
        place.get("lat"),
        place.get("lon"),
        event.get("status") or "asserted",
        json.dumps(list(event.get("via") or []), ensure_ascii=False),
        event.get("trigger"),
        span[0],
        span[1],
    )


def mention_rows(record: dict[str, Any]) -> Iterator[tuple[str, int, int]]:
    for actor in record.get("actors") or []:
        for mention in actor.get("mentions") or []:
            if actor.get("id") and len(mention) == 2:
                yield actor["id"], int(mention[0]), int(mention[1])


def actor_aliases(actor: dict[str, Any], text: str) -> list[str]:
    """The actor's aliases plus the surface forms of its mentions in ``text``."""
    names = [actor.get("name") or "", *(actor.get("aliases") or [])]
    for start, end in actor.get("mentions") or []:
        if 0 <= start < end <= len(text) and end - start <= 120:
            names.append(text[start:end])
    seen: dict[str, None] = {}
    for name in names:
        name = " ".join(name.split())
        if name:
            seen.setdefault(name, None)
    return list(seen)
