"""Read files, folders, JSONL, HTML, gzip and stdin into :class:`Document` objects.

Batch reading never raises on a bad input: :func:`iter_documents` yields a
:class:`ReadFailure` for every file (or JSONL line) that cannot be read, names the file and
line, and goes on with the rest.  Single-document helpers raise :class:`InputError`.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import logging
import math
import re
import sys
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from .document import DocDate, Document
from .errors import E, InputError
from .language import detect_language
from .settings import READER

log = logging.getLogger(__name__)

# ` date 2022-07 Text…` — the founding-article format.  The header may be followed by text on the
# same line.  The date is parsed leniently (``2022-13`` is kept as a warning, not a crash).
_SEED_HEADER = re.compile(r"^\ufeff?[ \t]*date[ \t]+(\d{4}(?:-\d{1,2}){0,2})(?:\s+|$)")
_ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]")

TEXT_SUFFIXES = frozenset(READER["text_suffixes"])
JSONL_SUFFIXES = frozenset(READER["jsonl_suffixes"])
JSON_SUFFIXES = frozenset(READER["json_suffixes"])
HTML_SUFFIXES = frozenset(READER["html_suffixes"])


@dataclass(frozen=True)
class ReadFailure:
    """A file or record that could not be read; ``error.code`` says why."""

    path: str
    error: InputError
    line: int | None = None

    @property
    def reason(self) -> str:
        return str(self.error)


# --------------------------------------------------------------------------------------------
# bytes → text
# --------------------------------------------------------------------------------------------


def looks_binary(data: bytes) -> bool:
    """True for data that is not text in any encoding we read (NULs outside UTF-16, control bytes)."""
    sample = data[: READER["sniff_bytes"]]
    if not sample:
        return False
    if _utf16_without_bom(sample):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample) > READER["max_control_ratio"]


def _utf16_without_bom(sample: bytes) -> str | None:
    """Detect BOM-less UTF-16 by its zero-byte pattern; returns the codec name or None."""
    if len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_zeros = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd_zeros > 0.4 and even_zeros < 0.05:
        return "utf-16-le"
    if even_zeros > 0.4 and odd_zeros < 0.05:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, *, path: str = "<bytes>") -> tuple[str, str]:
    """Decode text bytes; returns ``(text, encoding)``.

    Order: a byte-order mark (UTF-8/UTF-16/UTF-32), BOM-less UTF-16, strict UTF-8, then
    Windows-1252 (a superset of Latin-1 for printable text) with Latin-1 as the last resort.
    Binary data raises :class:`InputError` E102.
    """
    boms = (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    )
    for bom, codec in boms:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as err:
                raise InputError(E.E103.format(path=path, encodings=codec), code="E103") from err
    codec16 = _utf16_without_bom(data[: READER["sniff_bytes"]])
    if codec16:
        try:
            return data.decode(codec16), codec16
        except UnicodeDecodeError:
            pass
    if looks_binary(data):
        raise InputError(E.E102.format(path=path), code="E102")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


# the control characters (Unicode category Cc: U+0000–U+001F, U+007F–U+009F) but line feed and tab
_CONTROLS = {code: None for code in (*range(0x20), *range(0x7F, 0xA0)) if chr(code) not in "\n\t"}


def clean_text(text: str) -> str:
    """Normalise what every reader produces: NFC, ``\\n`` line ends, no NULs or stray controls."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROLS)
    return unicodedata.normalize("NFC", text).strip()


# --------------------------------------------------------------------------------------------
# format parsers: text → Document(s)
# --------------------------------------------------------------------------------------------


def parse_date(value: Any) -> DocDate | None:
    """Parse a date field from input metadata (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ISO
    datetime).  Returns None for empty values; raises ValueError for unparseable ones."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"not a date: {value!r}")
        value = str(int(value))
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    value = value.strip()
    match = _ISO_DATETIME.match(value)
    if match:
        value = match.group(1)
    return DocDate.parse(value)


def parse_plain_text(text: str, *, path: str, date: DocDate | None = None) -> Document:
    """A plain article, or one in the seed format (`` date YYYY-MM[-DD] text…``)."""
    text = clean_text(text)
    warnings: list[str] = []
    header = _SEED_HEADER.match(text)
    if header:
        raw_date = header.group(1)
        text = text[header.end() :].strip()
        try:
            date = DocDate.parse(raw_date)
        except ValueError:
            warnings.append(E.E107.format(value=raw_date, path=path))
            log.warning("%s", warnings[-1])
    if not text:
        raise InputError(E.E104.format(path=path), code="E104")
    document = Document(
        text=text, date=date, source=path, language=detect_language(text), title=heading_title(text)
    )
    if warnings:
        document.meta["warnings"] = warnings
    return document


def heading_title(text: str) -> str | None:
    """The first line as title when it is a heading: short, alone in its paragraph, and without
    final punctuation.  The line stays in the text (offsets refer to the full text)."""
    first, _, rest = text.partition("\n")
    first = first.strip()
    if not rest.strip() or not rest.startswith("\n"):
        return None
    if not first or len(first) > READER["max_title_chars"] or first[-1] in READER["sentence_final"]:
        return None
    return first


def parse_json_record(record: Any, *, path: str, line: int | None = None) -> Document:
    """One JSON object with ``text`` and optional ``date``, ``title``, ``source``, ``url``, ``id``."""
    where = line if line is not None else 1
    if not isinstance(record, dict):
        raise InputError(E.E106.format(line=where, path=path), code="E106")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(E.E106.format(line=where, path=path), code="E106")
    document = parse_plain_text(text, path=path)
    warnings = document.meta.setdefault("warnings", [])
    try:
        date = parse_date(record.get("date"))
        if date is not None:
            document.date = date
    except ValueError:
        warnings.append(E.E107.format(value=record.get("date"), path=f"{path}:{where}"))
    document.title = None
    for key in ("title", "source", "url"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            value = str(value)
        if value:
            setattr(document, key, value)
    if record.get("id") is not None:
        document.source_id = str(record["id"])
    if not warnings:
        document.meta.pop("warnings")
    return document


def parse_html(html: str, *, path: str) -> Document:
    """Main text and metadata of an HTML page (via trafilatura)."""
    import trafilatura  # imported lazily: it is slow to import and only HTML needs it

    result = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    data: dict[str, Any] = {}
    if result is not None:
        data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = data.get("text") or ""
    if not text.strip():
        raise InputError(E.E111.format(path=path), code="E111")
    document = parse_plain_text(text, path=path)
    document.title = data.get("title") or None
    document.url = data.get("url") or None
    document.source = data.get("sitename") or path
    with contextlib.suppress(ValueError):
        document.date = parse_date(data.get("date"))
    return document


# --------------------------------------------------------------------------------------------
# files and folders
# --------------------------------------------------------------------------------------------


def _read_bytes(stream: BinaryIO | gzip.GzipFile, *, path: str) -> bytes:
    limit = READER["max_bytes"]
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(E.E109.format(path=path, size=f"> {limit}", limit=limit), code="E109")
    return data


def _open_payload(path: Path) -> tuple[bytes, str]:
    """File bytes (gunzipped when ``.gz``) and the suffix that decides the format."""
    name = str(path)
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        inner = suffixes[-2] if len(suffixes) > 1 else ".txt"
        try:
            with gzip.open(path, "rb") as stream:
                return _read_bytes(stream, path=name), inner
        except (OSError, EOFError, zlib.error) as err:
            raise InputError(E.E108.format(path=name, error=err), code="E108") from err
    with path.open("rb") as stream:
        return _read_bytes(stream, path=name), (suffixes[-1] if suffixes else "")


def read_bytes(
    data: bytes, *, path: str, suffix: str, date: DocDate | None = None, part: tuple[int, int] = (0, 1)
) -> Iterator[Document | ReadFailure]:
    """Parse the bytes of one file whose format is given by ``suffix``.

    ``part=(i, n)`` reads only the i-th of n interleaved shares of a JSONL file (lines with
    ``(line - 1) % n == i``), so that workers can split one big file; other formats are read
    whole by part 0 and not at all by the others.
    """
    if part[0] and suffix not in JSONL_SUFFIXES:
        return
    try:
        text, _encoding = decode_bytes(data, path=path)
    except InputError as err:
        yield ReadFailure(path, err)
        return
    if suffix in JSONL_SUFFIXES:
        yield from _iter_jsonl(text, path=path, part=part)
        return
    try:
        if suffix in JSON_SUFFIXES:
            yield from _iter_json(text, path=path)
        elif suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_html(text)):
            yield parse_html(text, path=path)
        else:
            yield parse_plain_text(text, path=path, date=date)
    except InputError as err:
        yield ReadFailure(path, err)


def _looks_html(text: str) -> bool:
    head = text[:1024].lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))


def _iter_jsonl(text: str, *, path: str, part: tuple[int, int] = (0, 1)) -> Iterator[Document | ReadFailure]:
    index, parts = part
    if not text.strip():
        if index == 0:
            yield ReadFailure(path, InputError(E.E104.format(path=path), code="E104"))
        return
    for number, line in enumerate(io.StringIO(text), start=1):
        if (number - 1) % parts != index or not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            failure = InputError(E.E105.format(line=number, path=path, error=err.msg), code="E105")
            yield ReadFailure(path, failure, line=number)
            continue
        try:
            yield parse_json_record(record, path=path, line=number)
        except InputError as err:
            yield ReadFailure(path, err, line=number)


def _iter_json(text: str, *, path: str) -> Iterator[Document]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(E.E105.format(line=err.lineno, path=path, error=err.msg), code="E105") from err
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, start=1):
        yield parse_json_record(record, path=path, line=number)


def read_file(
    path: Path | str, *, date: DocDate | None = None, part: tuple[int, int] = (0, 1)
) -> Iterator[Document | ReadFailure]:
    """All documents of one file (a JSONL file holds many); ``part`` as in :func:`read_bytes`.

    Failures of the whole file are reported by part 0 only, so a split file's error is not
    counted once per part."""
    path = Path(path)
    if part[0] and not _is_jsonl(path):
        return
    for item in _read_file(path, date=date, part=part):
        if part[0] and isinstance(item, ReadFailure) and item.line is None:
            continue
        yield item


def _read_file(
    path: Path, *, date: DocDate | None, part: tuple[int, int]
) -> Iterator[Document | ReadFailure]:
    name = str(path)
    if not path.is_file():
        yield ReadFailure(name, InputError(E.E101.format(path=name), code="E101"))
        return
    try:
        data, suffix = _open_payload(path)
    except InputError as err:
        yield ReadFailure(name, err)
        return
    except OSError as err:
        yield ReadFailure(name, InputError(f"{E.E101.format(path=name)} ({err})", code="E101"))
        return
    if not data.strip():
        yield ReadFailure(name, InputError(E.E104.format(path=name), code="E104"))
        return
    yield from read_bytes(data, path=name, suffix=suffix, date=date, part=part)


def _is_jsonl(path: Path) -> bool:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return bool(suffixes) and suffixes[-1] in JSONL_SUFFIXES


def iter_files(root: Path) -> Iterator[Path]:
    """Files below ``root`` in a stable order, hidden files and folders skipped."""
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file():
            yield path


def iter_documents(
    sources: Iterable[str | Path],
    *,
    date: DocDate | None = None,
    stdin: BinaryIO | None = None,
    part: tuple[int, int] = (0, 1),
) -> Iterator[Document | ReadFailure]:
    """Documents from paths, folders (recursive) and ``-`` (stdin), in order.

    ``part=(i, n)`` restricts JSONL files to their i-th interleaved share (see :func:`read_bytes`)."""
    for source in sources:
        if str(source) == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            try:
                data = _read_bytes(stream, path="<stdin>")
            except InputError as err:
                yield ReadFailure("<stdin>", err)
                continue
            if not data.strip():
                yield ReadFailure("<stdin>", InputError(E.E104.format(path="<stdin>"), code="E104"))
                continue
            yield from read_bytes(data, path="<stdin>", suffix=_sniff_suffix(data), date=date)
            continue
        path = Path(source)
        if path.is_dir():
            for file in iter_files(path):
                yield from read_file(file, date=date, part=part)
        else:
            yield from read_file(path, date=date, part=part)


def _sniff_suffix(data: bytes) -> str:
    head = data[:64].lstrip()
    if head.startswith(b"{"):
        return ".jsonl"
    if head.startswith(b"["):
        return ".json"
    return ""


def read_document(source: str | Path, *, date: DocDate | None = None) -> Document:
    """Exactly one document from ``source``; raises :class:`InputError` on any failure."""
    results = list(iter_documents([source], date=date))
    for result in results:
        if isinstance(result, ReadFailure):
            raise result.error
    if len(results) != 1:
        raise InputError(f"{source} holds {len(results)} documents; expected one", code="E110")
    document = results[0]
    assert isinstance(document, Document)
    return document
