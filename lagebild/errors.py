"""Error codes of lagebild, in one place.

The library raises :class:`LagebildError` subclasses carrying a stable code (``E001`` …);
only the CLI turns them into messages on the terminal.  Codes are never reused or renumbered.
"""

from __future__ import annotations


class LagebildError(Exception):
    """Base error.  ``code`` is stable and documented; ``message`` is for humans."""

    code = "E000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(LagebildError):
    """A document or file could not be read (encoding, format, size)."""


class ModelError(LagebildError):
    """The language pipeline could not be loaded."""


class DataError(LagebildError):
    """A shipped or user-supplied data file (lexicon, knowledge base) is broken."""


class E:
    """Message templates by code.  Use as ``InputError(E.E101.format(path=p), code="E101")``."""

    # --- reader / input (E1xx) ---
    E101 = "File not found: {path}"
    E102 = "Binary file refused (not text): {path}"
    E103 = "Could not decode {path} as text (tried {encodings})"
    E104 = "Empty document: {path}"
    E105 = "Malformed JSON on line {line} of {path}: {error}"
    E106 = "JSON record on line {line} of {path} has no usable 'text' field"
    E107 = "Invalid date {value!r} in {path}: expected YYYY, YYYY-MM or YYYY-MM-DD"
    E108 = "Corrupt or truncated gzip file: {path}: {error}"
    E109 = "Document too large: {path} has {size} bytes (limit {limit})"
    E110 = "Unsupported input type: {path}"
    E111 = "No text could be extracted from HTML: {path}"
    E112 = "Unsupported language {language!r} for {path}: lagebild analyses German"

    # --- model / pipeline (E2xx) ---
    E201 = "The German model is not installed at {path}. Build it with `make model`."
    E202 = "Could not load spaCy pipeline {name!r}: {error}"
    E203 = "Pipeline {name!r} has no {what}; lagebild needs it"
    E204 = "Analysis failed for {path} (internal error; details in the log)"

    # --- data files / knowledge base (E3xx) ---
    E301 = "Broken data file {path}: {error}"
    E302 = "Unknown field {field!r} in {path}, record {record}"

    # --- output / schema (E4xx) ---
    E401 = "Output does not match schema lagebild.analysis/1: {error}"

    # --- evaluation (E5xx) ---
    E501 = "Evaluation data not found or unreadable: {path}"
    E502 = "Evaluation data {path} has no usable records"

    # --- actors (E6xx): reserved for lagebild.actors ---
    E601 = "Actor record without id or name in {path}: {record}"
    E602 = "Actor {record} in {path}: invalid value {value!r} (type must be one of person, country, organisation, media, group, unknown; gender m, f or null)"
    E603 = "Actor {record} in {path}: role entry must be a mapping with 'role': {value!r}"
    E604 = "Unknown role key {value!r} in {path} (noun {record}); see role_keys in roles.yaml"
    E605 = "Unsupported knowledge-base file {path}: expected .yaml, .yml, .csv, .jsonl or .json"
    E606 = "Bad row {line} in {path}: {error}"
    E607 = "Actor evaluation file {path}, line {line}: expected 4 or 5 tab-separated columns, got {count}"
    # --- end actors ---
    # --- quotes (E7xx): reserved for lagebild.quotes ---
    # --- events, time, places (E8xx): reserved for lagebild.events / time / places ---

    # --- time (E85x): lagebild.time ---
    E851 = "Broken time data file {path}: {error}"
    E852 = "Unknown placeholder {{{name}}} in time rules {path}"
    E853 = "Unknown handler {handler!r} in time rule {rule!r}"

    # --- quotes (E7xx): lagebild.quotes ---------------------------------------------------
    E701 = "Broken quotes lexicon {path}: {error}"
    E702 = "Unknown quote kind {kind!r}; expected one of {kinds}"
    E703 = "Quotation evaluation data {path} has no file for split {split!r}"
    E704 = "Unknown evaluation split {split!r}; expected 'dev', 'tune' or None"
    # --- end quotes (E7xx) ---

    # --- store / corpus (E9xx): lagebild.store, ingest, queries, export -------------------
    E901 = "Cannot open the corpus database {path}: {error}"
    E902 = "The corpus database {path} was written by a newer lagebild (unknown migration {name!r})"
    E903 = "Empty search query: give at least one word"
    E904 = "Unknown export format {format!r}; expected one of {formats}"
    E905 = "Cannot load the analyser factory {spec!r}: {error}"
    E906 = "Unknown time bucket {by!r}; expected one of {choices}"
    E907 = "Invalid date {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD"
    E908 = "Broken corpus data file {path}: {error}"
    E909 = "A worker process failed: {error}"
    E910 = "The database {path} does not exist; run `lagebild ingest` first"
    E911 = "Export target {path} exists and is not empty; use --force to replace it"
    E912 = "Could not store the record of {path}: {error}"
    E913 = "Worker died while analysing this document ({path}): {reason}"
    # --- end store / corpus (E9xx) ---

    # --- events (E80x): lagebild.events ---------------------------------------------------
    E801 = "Broken events data file {path}: {error}"
    E802 = "Invalid entry {record} ({lemma!r}) in {path}: {value!r}"
    E803 = "Events evaluation data {path}, line {line}: {error}"
    # --- end events (E80x) ---

    # --- places (E87x): lagebild.places --------------------------------------------------
    E871 = "Broken places data file {path}: {error}"
    E872 = "Places evaluation data {path}, line {line}: {error}"
    # --- end places (E87x) ---

    # --- HTTP API (E95x): lagebild.api -----------------------------------------------------------
    E950 = "--allow-ingest needs a token: set LAGEBILD_TOKEN"
