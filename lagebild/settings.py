"""Tunables of lagebild, with their defaults, in one place.

Library code reads these dictionaries instead of holding magic numbers.  Change a value for a
run with ``lagebild.settings.READER["max_bytes"] = …`` before reading, or through CLI options.
"""

from __future__ import annotations

from typing import Any

READER: dict[str, Any] = {
    # a single document larger than this is refused (E109), never half-read
    "max_bytes": 20 * 1024 * 1024,
    # bytes looked at to decide text vs. binary and BOM-less UTF-16
    "sniff_bytes": 8192,
    # share of C0 control bytes (other than tab/newline/formfeed/CR) above which data is binary
    "max_control_ratio": 0.05,
    "text_suffixes": [".txt", ".text", ".md", ""],
    "jsonl_suffixes": [".jsonl", ".ndjson"],
    "json_suffixes": [".json"],
    "html_suffixes": [".html", ".htm", ".xhtml"],
}

LANGUAGE: dict[str, Any] = {
    # languages lagebild analyses; others are reported as unsupported (E112)
    "supported": ["de"],
    # characters of the text used for language identification
    "sample_chars": 4000,
    # texts with fewer letters than this are too short to identify; they count as supported
    "min_letters": 25,
}

PIPELINE: dict[str, Any] = {
    # documents per nlp.pipe batch
    "batch_size": 32,
    # texts longer than this (characters) are refused by the analyser (E109)
    "max_chars": 2_000_000,
}
