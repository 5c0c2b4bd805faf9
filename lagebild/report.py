"""A readable terminal report of one ``lagebild.analysis/1`` record (rich)."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

MAX_QUOTE_CHARS = 160


def _date_text(date: dict[str, Any] | None) -> str:
    if not date:
        return "unknown"
    start, end, precision = date.get("start"), date.get("end"), date.get("precision")
    if start == end:
        return f"{start} ({precision})"
    return f"{start or '…'} – {end or '…'} ({precision})"


def _names(record: dict[str, Any]) -> dict[str, str]:
    return {actor["id"]: actor["name"] for actor in record.get("actors", [])}


def _header(record: dict[str, Any]) -> Panel:
    document = record["document"]
    lines = Text()
    lines.append(document.get("title") or "(untitled)", style="bold")
    lines.append(f"\nid {document['id']}  ·  date {_date_text(document.get('date'))}")
    lines.append(f"  ·  language {document.get('language') or '?'}")
    if document.get("source"):
        lines.append(f"\nsource {document['source']}")
    for warning in document.get("warnings", []):
        lines.append(f"\n⚠ {warning}", style="yellow")
    counts = ", ".join(f"{len(record.get(key, []))} {key}" for key in ("actors", "quotes", "events"))
    lines.append(f"\n{counts}", style="dim")
    return Panel(lines, title="lagebild", title_align="left")


def _actors(record: dict[str, Any]) -> Table:
    table = Table(title="Actors", title_justify="left", expand=True)
    for column in ("name", "type", "country", "role", "mentions"):
        table.add_column(column)
    for actor in sorted(record.get("actors", []), key=lambda a: -len(a.get("mentions", []))):
        table.add_row(
            actor["name"],
            actor.get("type") or "",
            actor.get("country") or "",
            actor.get("role") or "",
            str(len(actor.get("mentions", []))),
        )
    return table


def _quotes(record: dict[str, Any], names: dict[str, str]) -> Table:
    table = Table(title="Quotations", title_justify="left", expand=True)
    for column in ("kind", "speaker", "cue", "via", "text"):
        table.add_column(column, overflow="fold")
    for quote in record.get("quotes", []):
        if quote.get("kind") in ("scare", "title"):
            continue
        speaker = names.get(quote.get("speaker") or "", quote.get("speaker_text") or "—")
        via = ", ".join(names.get(v, v) for v in quote.get("via", []))
        text = quote.get("text", "")
        if len(text) > MAX_QUOTE_CHARS:
            text = text[: MAX_QUOTE_CHARS - 1] + "…"
        table.add_row(quote["kind"], speaker, quote.get("cue") or "", via, text)
    return table


def _events(record: dict[str, Any], names: dict[str, str]) -> Table:
    table = Table(title="Events (timeline)", title_justify="left", expand=True)
    for column in ("date", "type", "source → target", "status", "trigger"):
        table.add_column(column, overflow="fold")
    events = sorted(record.get("events", []), key=lambda e: (e.get("date") or {}).get("start") or "9999")
    for event in events:
        source = names.get(event.get("source") or "", event.get("source") or "?")
        target = names.get(event.get("target") or "", event.get("target") or "?")
        kind = event["type"] + (f"/{event['mode']}" if event.get("mode") else "")
        trigger = event["trigger"] + _casualties_text(event.get("casualties"))
        table.add_row(_date_text(event.get("date")), kind, f"{source} → {target}", event["status"], trigger)
    return table


def _casualties_text(casualties: dict[str, Any] | None) -> str:
    """ " (killed ≥12, injured: some)": the casualty figures of an event, if any."""
    if not casualties:
        return ""
    bound = "≥" if casualties.get("at_least") else ""
    parts = []
    for kind in ("killed", "injured"):
        if casualties.get(kind) is not None:
            parts.append(f"{kind} {bound}{casualties[kind]}")
        elif kind in (casualties.get("vague") or ()):
            parts.append(f"{kind}: some")
    return f" ({', '.join(parts)})" if parts else ""


def render(record: dict[str, Any]) -> Group:
    """The report as a rich renderable."""
    names = _names(record)
    parts: list[Any] = [_header(record)]
    if record.get("actors"):
        parts.append(_actors(record))
    if any(q.get("kind") not in ("scare", "title") for q in record.get("quotes", [])):
        parts.append(_quotes(record, names))
    if record.get("events"):
        parts.append(_events(record, names))
    return Group(*parts)


def print_report(record: dict[str, Any], *, console: Console | None = None) -> None:
    (console or Console()).print(render(record))
