"""The ``lagebild.analysis/1`` record: one JSON object per analysed document.

The same record is printed by ``lagebild analyze --json``, stored by ``ingest``, served by the
API and exported.  :func:`validate` checks a record against the JSON Schema shipped in
``lagebild/schema/``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .errors import E, LagebildError
from .paths import SCHEMA_DIR

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .document import Document

SCHEMA_ID = "lagebild.analysis/1"
SCHEMA_FILE = SCHEMA_DIR / "analysis-1.schema.json"
_LAYERS = ("actors", "quotes", "events", "timexes")


def build_record(
    doc: Doc, document: Document, *, pipeline: dict[str, Any], include_text: bool = True
) -> dict[str, Any]:
    """Collect what the components wrote onto ``doc`` into one plain, JSON-ready record."""
    header = document.to_dict()
    if include_text:
        header["text"] = document.text
    if document.meta.get("warnings"):
        header["warnings"] = list(document.meta["warnings"])
    record: dict[str, Any] = {"schema": SCHEMA_ID, "document": header}
    for layer in _LAYERS:
        record[layer] = list(getattr(doc._, layer, None) or [])
    record["pipeline"] = pipeline
    return record


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    with SCHEMA_FILE.open(encoding="utf-8") as stream:
        data: dict[str, Any] = json.load(stream)
    return data


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    cls = jsonschema.validators.validator_for(schema())
    return cls(schema(), format_checker=cls.FORMAT_CHECKER)


def validation_errors(record: dict[str, Any]) -> list[str]:
    """Human-readable schema violations of ``record`` (empty when valid)."""
    errors = sorted(_validator().iter_errors(record), key=lambda err: list(err.path))
    return [f"{'/'.join(str(p) for p in err.path) or '<root>'}: {err.message}" for err in errors]


def validate(record: dict[str, Any]) -> None:
    """Raise :class:`LagebildError` E401 if ``record`` does not match the schema."""
    errors = validation_errors(record)
    if errors:
        raise LagebildError(E.E401.format(error="; ".join(errors[:5])), code="E401")


# The flat, one-row-per-document form of a record: the ``records`` table of the Parquet export
# and of the Spark runner's output.  ``record`` holds the full JSON; the rest are query columns.
RECORD_COLUMNS = (
    "doc_id",
    "source_id",
    "title",
    "source",
    "language",
    "date_start",
    "date_end",
    "date_precision",
    "month",
    "n_actors",
    "n_quotes",
    "n_events",
    "pipeline_version",
    "record",
)
INTEGER_COLUMNS = frozenset({"n_actors", "n_quotes", "n_events"})


def month_key(date: dict[str, Any] | None) -> str:
    """Partition key of a date interval: ``YYYY-MM`` of its start, or ``unknown``."""
    start = (date or {}).get("start")
    return start[:7] if isinstance(start, str) and len(start) >= 7 else "unknown"


def record_month(record: dict[str, Any]) -> str:
    """Partition key of a record: the month of its document date."""
    return month_key(record["document"].get("date"))


def record_row(record: dict[str, Any]) -> dict[str, Any]:
    """A record as one flat row (columns :data:`RECORD_COLUMNS`)."""
    document = record["document"]
    date = document.get("date") or {}
    return {
        "doc_id": document["id"],
        "source_id": document.get("source_id"),
        "title": document.get("title"),
        "source": document.get("source"),
        "language": document.get("language"),
        "date_start": date.get("start"),
        "date_end": date.get("end"),
        "date_precision": date.get("precision"),
        "month": record_month(record),
        "n_actors": len(record.get("actors", [])),
        "n_quotes": len(record.get("quotes", [])),
        "n_events": len(record.get("events", [])),
        "pipeline_version": record["pipeline"]["version"],
        "record": json.dumps(record, ensure_ascii=False, sort_keys=True),
    }
