"""Property tests of the reader on arbitrary bytes, text, JSON lines, gzip and HTML.

The single-document API may only raise :class:`InputError`; the batch API never raises; every
document it yields has clean text (str, NFC, no NULs or stray controls, stripped) whose
character offsets stay valid through tokenisation.  Bounded so the module runs in seconds.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.document import DocDate, Document
from lagebild.errors import InputError
from lagebild.reader import (
    ReadFailure,
    clean_text,
    decode_bytes,
    iter_documents,
    parse_date,
    read_bytes,
    read_document,
)

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SUFFIXES = [".txt", ".jsonl", ".json", ".html", ".md", ""]
ALLOWED_CONTROLS = "\n\t"
NLP = spacy.blank("de")

# Text that mixes what scrapers bring: German letters, quotes, invisible and bidi marks,
# combining accents, controls and markup.  (Control characters directly before a combining mark
# are left out here: see test_clean_text_is_nfc_after_removing_controls.)
SPECIAL = "äöüßÄÖÜ„“”‚‘»«›‹\"'–—…\u200b\u200e\u200f\u202e\u2066\ufeff\u00ad\u0301\x00\x07\x1b\r\n\t <>&;{}[]"
texts = st.text(alphabet=st.one_of(st.characters(codec="utf-8"), st.sampled_from(SPECIAL)), max_size=300)
json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=False), texts
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["text", "date", "title", "id", "url", "x"]), inner, max_size=4)
    ),
    max_leaves=8,
)
records = st.fixed_dictionaries(
    {"text": st.one_of(texts, json_values)},
    optional={
        "date": st.one_of(json_scalars, st.sampled_from(["2022-07", "2021-13", "2022-02-30", "0000"])),
        "title": json_values,
        "id": json_values,
        "source": json_values,
    },
)
_CONTROL_BEFORE_MARK = re.compile(r"[\x00-\x1f\x7f-\x9f][\u0300-\u036f]")


def assert_clean_document(document: Document) -> None:
    text = document.text
    assert isinstance(text, str) and text
    assert text == text.strip()
    assert "\x00" not in text and "\r" not in text
    assert all(ch in ALLOWED_CONTROLS or unicodedata.category(ch) != "Cc" for ch in text)
    assert re.fullmatch(r"[0-9a-f]{16}", document.id)
    if document.date is not None:
        assert isinstance(document.date, DocDate) and document.date.start <= document.date.end
    doc = NLP.make_doc(text)
    assert doc.text == text
    assert all(token.idx >= 0 and token.idx + len(token.text) <= len(text) for token in doc)
    assert all(text[token.idx : token.idx + len(token.text)] == token.text for token in doc)


def assert_batch_items(items: list) -> None:
    for item in items:
        if isinstance(item, ReadFailure):
            assert isinstance(item.error, InputError)
            assert re.fullmatch(r"E1\d\d", item.error.code), item.error.code
        else:
            assert isinstance(item, Document)
            assert_clean_document(item)


# --- bytes -> text ------------------------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=2000))
def test_decode_bytes_returns_text_or_input_error(data):
    try:
        text, encoding = decode_bytes(data)
    except InputError as err:
        assert err.code in ("E102", "E103")
        return
    assert isinstance(text, str) and isinstance(encoding, str)


@FUZZ
@given(texts, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"]))
def test_decode_bytes_of_encoded_text_never_crashes(text, encoding):
    data = text.encode(encoding, errors="replace")
    try:
        decoded, _ = decode_bytes(data)
    except InputError as err:
        assert err.code in ("E102", "E103")
        return
    assert isinstance(decoded, str)


@FUZZ
@given(texts)
def test_clean_text_output_is_clean(text):
    cleaned = clean_text(text)
    assert cleaned == cleaned.strip()
    assert "\r" not in cleaned
    assert all(ch in ALLOWED_CONTROLS or unicodedata.category(ch) != "Cc" for ch in cleaned)
    if not _CONTROL_BEFORE_MARK.search(text.replace("\r", "")):
        assert unicodedata.is_normalized("NFC", cleaned)


def test_clean_text_is_nfc_after_removing_controls():
    cleaned = clean_text("Caf" + "e\x07\u0301")
    assert unicodedata.is_normalized("NFC", cleaned)


@FUZZ
@given(st.one_of(json_scalars, json_values))
def test_parse_date_returns_date_none_or_value_error(value):
    try:
        date = parse_date(value)
    except ValueError:
        return
    assert date is None or date.start <= date.end


@pytest.mark.parametrize("value", [float("inf"), float("-inf")])
def test_parse_date_of_infinity_is_a_value_error(value):
    with pytest.raises(ValueError):
        parse_date(value)


def test_jsonl_line_with_infinite_date_does_not_stop_the_batch():
    data = b'{"text": "Eins zwei drei.", "date": 1e400}\n{"text": "Vier."}\n'
    items = list(read_bytes(data, path="feed.jsonl", suffix=".jsonl"))
    assert len(items) == 2


# --- the batch API --------------------------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from(SUFFIXES))
def test_read_bytes_of_arbitrary_bytes_never_raises(data, suffix):
    if suffix in (".html",):
        return  # HTML goes through trafilatura: fewer, separate examples below
    assert_batch_items(list(read_bytes(data, path=f"fuzz{suffix}", suffix=suffix)))


@FUZZ
@given(
    texts,
    st.sampled_from([".txt", ".md", ""]),
    st.sampled_from(["", "date 2022-07 ", "date 2022-13 ", " date 1999 ", "\ufeffdate 2022-07-04\n"]),
)
def test_plain_text_yields_one_clean_document_or_a_failure(text, suffix, header):
    items = list(read_bytes((header + text).encode("utf-8"), path=f"fuzz{suffix}", suffix=suffix))
    assert len(items) <= 1
    assert_batch_items(items)


@FUZZ
@given(st.lists(st.one_of(records.map(json.dumps), json_values.map(json.dumps), texts), max_size=8))
def test_jsonl_lines_each_give_a_document_or_a_failure(lines):
    data = "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines).encode("utf-8")
    items = list(read_bytes(data, path="feed.jsonl", suffix=".jsonl"))
    assert_batch_items(items)
    if len(items) == 1 and isinstance(items[0], ReadFailure) and items[0].line is None:
        return  # the whole file was refused (binary-looking, empty)
    text, _ = decode_bytes(data)
    assert len(items) == sum(1 for line in text.split("\n") if line.strip())


@FEW
@given(
    st.lists(
        st.one_of(
            texts,
            st.sampled_from(
                [
                    "<p>",
                    "</p>",
                    "<script>",
                    "</script>",
                    "<article>",
                    "<!DOCTYPE html><html><body>",
                    "<!--",
                    "-->",
                    "<![CDATA[",
                    "&amp;",
                    "&#0;",
                    "&#xD800;",
                    "<meta charset=x>",
                ]
            ),
        ),
        max_size=12,
    )
)
def test_html_never_raises(parts):
    data = "".join(parts).encode("utf-8")
    items = list(read_bytes(data, path="page.html", suffix=".html"))
    assert len(items) <= 1
    assert_batch_items(items)


@FEW
@given(st.binary(max_size=2000), st.booleans(), st.integers(min_value=0, max_value=60))
def test_gzip_whole_or_truncated_never_raises(tmp_path_factory, payload, truncate, cut):
    folder = tmp_path_factory.mktemp("gz")
    data = gzip.compress(payload)
    if truncate:
        data = data[: max(0, len(data) - 1 - cut)]
    path = folder / "input.txt.gz"
    path.write_bytes(data)
    items = list(iter_documents([folder]))
    assert items, "every file is accounted for"
    assert_batch_items(items)


@FEW
@given(
    st.lists(
        st.tuples(st.binary(max_size=600), st.sampled_from([*SUFFIXES, ".jsonl.gz", ".bin"])),
        min_size=1,
        max_size=6,
    )
)
def test_iter_documents_accounts_for_every_file(tmp_path_factory, files):
    folder = tmp_path_factory.mktemp("files")
    names = []
    for number, (data, suffix) in enumerate(files):
        name = f"f{number}{suffix}"
        (folder / name).write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
        names.append(name)
    items = list(iter_documents([folder]))
    assert_batch_items(items)
    seen = {Path(item.path if isinstance(item, ReadFailure) else item.source or "").name for item in items}
    html_sources = any(isinstance(i, Document) and not str(i.source).startswith(str(folder)) for i in items)
    if not html_sources:
        assert set(names) <= seen


# --- the single-document API ---------------------------------------------------------------------


@FEW
@given(st.binary(max_size=1500), st.sampled_from([".txt", ".jsonl", ".json", ".gz", ""]))
def test_read_document_raises_only_input_error(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("one") / f"doc{suffix}"
    path.write_bytes(data)
    try:
        document = read_document(path)
    except InputError as err:
        assert re.fullmatch(r"E1\d\d", err.code)
        return
    assert_clean_document(document)
