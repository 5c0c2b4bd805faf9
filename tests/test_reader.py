import gzip
import io
import json

import pytest

from lagebild.document import DocDate, Document
from lagebild.errors import InputError
from lagebild.reader import (
    ReadFailure,
    clean_text,
    decode_bytes,
    iter_documents,
    looks_binary,
    read_document,
)
from lagebild.settings import READER

GERMAN = "Der Außenminister äußerte sich am Montag in Düsseldorf zur Lage. Er sagte, es gebe Grüße."


def _only(results):
    assert len(results) == 1, results
    return results[0]


# --- encodings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("cp1252", b""),
        ("latin-1", b""),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-16-le", b""),
    ],
)
def test_decode_bytes_roundtrips_german(encoding, prefix):
    data = prefix + GERMAN.encode(encoding)
    text, _ = decode_bytes(data)
    assert text == GERMAN


def test_cp1252_specific_characters_are_decoded():
    text, codec = decode_bytes("„Zitat“ – 5 €".encode("cp1252"))
    assert text == "„Zitat“ – 5 €"
    assert codec == "cp1252"


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 4, b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02" * 100, b"\x00" * 50],
)
def test_binary_is_refused(data):
    assert looks_binary(data)
    with pytest.raises(InputError) as info:
        decode_bytes(data, path="x.bin")
    assert info.value.code == "E102"
    assert "x.bin" in str(info.value)


def test_clean_text_normalises_line_ends_and_controls():
    assert clean_text("a\r\nb\rc\x00d\x07e\u0301") == "a\nb\ncdé"


def test_clean_text_drops_exactly_the_control_characters():
    """every character of Unicode category Cc goes except line feed and tab; nothing else does"""
    import unicodedata

    text = "x" + "".join(chr(code) for code in range(0x300) if chr(code) != "\r") + "x"
    kept = clean_text(text)
    assert all(unicodedata.category(ch) != "Cc" or ch in "\n\t" for ch in kept)
    expected = [ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc"]
    assert kept == unicodedata.normalize("NFC", "".join(expected))


# --- plain text and the seed format -----------------------------------------------------------


def test_seed_format_header_sets_month_date_and_strips_header(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(" date 2022-07 Erster Satz des Artikels.\n\nZweiter Absatz.", encoding="utf-8")
    document = read_document(path)
    assert document.text == "Erster Satz des Artikels.\n\nZweiter Absatz."
    assert document.date == DocDate.parse("2022-07")
    assert document.date.precision == "month"


def test_seed_header_without_leading_space_and_with_day(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("date 2023-01-05\nText folgt hier.", encoding="utf-8")
    document = read_document(path)
    assert document.text == "Text folgt hier."
    assert document.date.precision == "day"


def test_invalid_header_date_keeps_document_with_warning(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("date 2022-13 Der Text bleibt erhalten.", encoding="utf-8")
    document = read_document(path)
    assert document.date is None
    assert document.text == "Der Text bleibt erhalten."
    assert any("2022-13" in w for w in document.meta["warnings"])


def test_plain_text_date_from_option(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text(GERMAN, encoding="utf-8")
    document = read_document(path, date=DocDate.parse("2021-03"))
    assert document.date.start.isoformat() == "2021-03-01"
    assert document.language == "de"


def test_plain_text_without_date_has_unknown_date(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text(GERMAN, encoding="utf-8")
    assert read_document(path).date is None


def test_english_text_is_identified(tmp_path):
    path = tmp_path / "en.txt"
    path.write_text("The foreign minister said on Monday that the talks would continue next week.")
    assert read_document(path).language == "en"


@pytest.mark.parametrize("content", [b"", b"   \n\n  ", b"date 2022-07 "])
def test_empty_file_is_a_clear_error(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.code == "E104"


def test_missing_file(tmp_path):
    with pytest.raises(InputError) as info:
        read_document(tmp_path / "nope.txt")
    assert info.value.code == "E101"


def test_too_large_file_is_refused_not_truncated(tmp_path, monkeypatch):
    monkeypatch.setitem(READER, "max_bytes", 100)
    path = tmp_path / "big.txt"
    path.write_text("Wort " * 100)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.code == "E109"


# --- JSONL / JSON -----------------------------------------------------------------------------


def test_jsonl_broken_line_is_reported_and_other_lines_read(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps(
            {"text": "Erster Artikel über die Lage.", "date": "2022-07-04", "id": "a1", "title": "T1"}
        ),
        '{"text": "kaputt',
        json.dumps({"text": 42}),
        json.dumps(["keine", "Map"]),
        "",
        json.dumps({"text": "Dritter Artikel.", "date": "2022-07-05T10:00:00Z", "url": "http://x"}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    results = list(iter_documents([path]))
    documents = [r for r in results if isinstance(r, Document)]
    failures = [r for r in results if isinstance(r, ReadFailure)]
    assert [d.source_id for d in documents] == ["a1", None]
    assert documents[0].title == "T1"
    assert documents[0].date.precision == "day"
    assert documents[1].date.start.isoformat() == "2022-07-05"
    assert documents[1].url == "http://x"
    assert [(f.line, f.error.code) for f in failures] == [(2, "E105"), (3, "E106"), (4, "E106")]
    assert all(str(path) in f.reason for f in failures)


def test_jsonl_bad_date_keeps_document_with_warning(tmp_path):
    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps({"text": "Ein Artikel.", "date": "2022-13-45"}) + "\n")
    document = _only(list(iter_documents([path])))
    assert isinstance(document, Document)
    assert document.date is None
    assert document.meta["warnings"]


def test_json_file_with_list(tmp_path):
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"text": "Eins."}, {"text": "Zwei."}]))
    texts = [d.text for d in iter_documents([path])]
    assert texts == ["Eins.", "Zwei."]


# --- HTML, gzip, folders, stdin ---------------------------------------------------------------


HTML = """<!DOCTYPE html><html><head><title>Eine Meldung</title>
<script>var junk = "Skriptinhalt";</script></head><body>
<nav>Menü Startseite Impressum</nav><article><h1>Eine Meldung</h1>
<p>Berlin – Die Bundesregierung hat am Dienstag ein neues Gesetz beschlossen, das die
Versorgung mit Energie sichern soll. Der Minister sprach von einem wichtigen Schritt.</p>
<p>Die Opposition kritisierte das Vorhaben scharf und kündigte Widerstand im Parlament an.</p>
</article></body></html>"""


def test_html_main_text_is_extracted(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    document = read_document(path)
    assert "neues Gesetz beschlossen" in document.text
    assert "Skriptinhalt" not in document.text
    assert document.title == "Eine Meldung"


def test_html_without_text_is_an_error(tmp_path):
    path = tmp_path / "junk.html"
    path.write_text("<html><body><script>x()</script></body></html>")
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.code == "E111"


def test_gzip_of_text_and_jsonl(tmp_path):
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(b"date 2022-07 Gepackter Text."))
    (tmp_path / "b.jsonl.gz").write_bytes(
        gzip.compress(b'{"text": "Zeile eins."}\n{"text": "Zeile zwei."}\n')
    )
    texts = sorted(d.text for d in iter_documents([tmp_path]))
    assert texts == ["Gepackter Text.", "Zeile eins.", "Zeile zwei."]


def test_truncated_gzip_is_reported(tmp_path):
    data = gzip.compress(("Wort " * 2000).encode())
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(data[: len(data) // 2])
    failure = _only(list(iter_documents([path])))
    assert isinstance(failure, ReadFailure)
    assert failure.error.code == "E108"


def test_folder_is_read_recursively_and_bad_files_do_not_stop_it(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "one.txt").write_text("Erster Text.")
    (tmp_path / "sub" / "two.txt").write_text("Zweiter Text.", encoding="cp1252")
    (tmp_path / "sub" / "deeper" / "three.txt").write_bytes(b"\x00\x01binary\x00" * 20)
    (tmp_path / "sub" / "empty.txt").write_bytes(b"")
    (tmp_path / ".hidden.txt").write_text("Versteckt.")
    results = list(iter_documents([tmp_path]))
    texts = sorted(r.text for r in results if isinstance(r, Document))
    codes = sorted(r.error.code for r in results if isinstance(r, ReadFailure))
    assert texts == ["Erster Text.", "Zweiter Text."]
    assert codes == ["E102", "E104"]


def test_stdin_text_and_jsonl():
    text_results = list(iter_documents(["-"], stdin=io.BytesIO(b"date 2022-07-04 Von der Eingabe.")))
    assert _only(text_results).date.precision == "day"
    jsonl = b'{"text": "A."}\n{"text": "B."}\n'
    assert [d.text for d in iter_documents(["-"], stdin=io.BytesIO(jsonl))] == ["A.", "B."]


def test_read_document_refuses_many(tmp_path):
    path = tmp_path / "two.jsonl"
    path.write_text('{"text": "A."}\n{"text": "B."}\n')
    with pytest.raises(InputError):
        read_document(path)


def test_jsonl_parts_partition_the_lines_without_duplicate_file_errors(tmp_path):
    path = tmp_path / "many.jsonl"
    lines = [json.dumps({"text": f"Artikel Nummer {i}."}) for i in range(10)]
    lines[4] = "{kaputt"
    path.write_text("\n".join(lines))
    seen = []
    for index in range(3):
        for result in iter_documents([path], part=(index, 3)):
            seen.append(result.text if isinstance(result, Document) else ("error", result.line))
    assert sorted(map(str, seen)) == sorted(
        map(str, [f"Artikel Nummer {i}." for i in range(10) if i != 4] + [("error", 5)])
    )
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    failures = [r for index in range(3) for r in iter_documents([empty], part=(index, 3))]
    assert len(failures) == 1


def test_parts_of_plain_files_read_once(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Ein Text.")
    assert [len(list(iter_documents([path], part=(i, 2)))) for i in range(2)] == [1, 0]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Gipfel in Wien endet ohne Einigung\n\nWien – Die Gespräche sind gescheitert.",
            "Gipfel in Wien endet ohne Einigung",
        ),
        ("Wien – Die Gespräche sind gescheitert.\n\nMehr folgt.", None),
        ("Kurzer Satz mit Punkt.\n\nText.", None),
        ("Nur eine Zeile ohne Punkt", None),
    ],
)
def test_heading_on_first_line_becomes_title(tmp_path, text, title):
    path = tmp_path / "a.txt"
    path.write_text(text)
    document = read_document(path)
    assert document.title == title
    assert document.text == text
