"""The Analyzer's plumbing, on a blank pipeline with a stand-in component (no trained model)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from lagebild.document import DocDate, Document
from lagebild.errors import InputError
from lagebild.extensions import register_extensions
from lagebild.pipeline import Analyzer
from lagebild.reader import ReadFailure
from lagebild.record import SCHEMA_ID, validate, validation_errors
from lagebild.settings import PIPELINE


@Language.component("test_fake_quotes")
def _fake_quotes(doc):
    """Marks the first token as a 'direct quote' and fails on documents containing BOOM."""
    if "BOOM" in doc.text:
        raise RuntimeError("component failure")
    token = doc[0]
    doc._.quotes = [
        {
            "id": "q1",
            "kind": "direct",
            "text": token.text,
            "span": [token.idx, token.idx + len(token.text)],
            "speaker": None,
            "speaker_text": None,
            "speaker_span": None,
            "cue": None,
            "via": [],
            "addressee": None,
            "date_seen": doc._.doc_date.start.isoformat() if doc._.doc_date else None,
        }
    ]
    return doc


@pytest.fixture
def analyzer():
    register_extensions()
    nlp = spacy.blank("de")
    nlp.add_pipe("test_fake_quotes")
    return Analyzer(nlp=nlp)


def _doc(text, **kwargs):
    return Document(text=text, language="de", **kwargs)


def test_record_is_schema_valid_and_carries_document(analyzer):
    document = _doc("Hallo Welt.", date=DocDate.parse("2022-07"), source_id="x1", title="T")
    record = analyzer.analyze(document)
    validate(record)
    assert record["schema"] == SCHEMA_ID
    assert record["document"]["id"] == document.id
    assert record["document"]["date"] == {"start": "2022-07-01", "end": "2022-07-31", "precision": "month"}
    assert record["document"]["source_id"] == "x1"
    assert record["document"]["text"] == "Hallo Welt."
    assert record["quotes"][0]["text"] == "Hallo"
    # the article date reaches the components before they run
    assert record["quotes"][0]["date_seen"] == "2022-07-01"
    assert record["pipeline"]["components"] == ["test_fake_quotes"]
    assert record["actors"] == [] and record["events"] == []


def test_offsets_refer_to_document_text(analyzer):
    text = "Erstens.\n\nZweitens."
    record = analyzer.analyze(_doc(text))
    start, end = record["quotes"][0]["span"]
    assert text[start:end] == record["quotes"][0]["text"]


def test_non_german_is_refused_not_misanalysed(analyzer):
    with pytest.raises(InputError) as info:
        analyzer.analyze(Document(text="This is English.", language="en"))
    assert info.value.code == "E112"


def test_stream_keeps_order_and_isolates_failures(analyzer):
    items = [
        _doc("Eins."),
        ReadFailure("broken.jsonl", InputError("kaputt", code="E105"), line=3),
        _doc("BOOM zwei."),
        Document(text="English text here.", language="en"),
        _doc("Drei."),
    ]
    results = list(analyzer.analyze_stream(items, batch_size=2))
    assert len(results) == 5
    assert results[0]["quotes"][0]["text"] == "Eins"
    assert isinstance(results[1], ReadFailure) and results[1].line == 3
    assert isinstance(results[2], ReadFailure) and results[2].error.code == "E204"
    assert isinstance(results[3], ReadFailure) and results[3].error.code == "E112"
    assert results[4]["quotes"][0]["text"] == "Drei"


def test_schema_rejects_wrong_records(analyzer):
    record = analyzer.analyze(_doc("Hallo."))
    record["quotes"][0]["kind"] = "shouted"
    record["document"]["date"] = {"start": "2022-07-01", "end": "2022-07-31", "precision": "fortnight"}
    record["events"] = [{"id": "e1"}]
    errors = validation_errors(record)
    assert any("quotes/0/kind" in e for e in errors)
    assert any("document/date" in e for e in errors)
    assert any("events/0" in e for e in errors)


@pytest.mark.parametrize("zone", [True, False])
def test_vocabulary_stays_flat_over_batches(analyzer, monkeypatch, zone):
    """the new words of every zone_documents documents leave the StringStore again (spaCy
    memory zone, across batches), records intact"""
    monkeypatch.setattr(analyzer, "memory_zone", zone)
    monkeypatch.setattr(analyzer, "zone_documents", 2)
    monkeypatch.setattr(analyzer, "exclusive", True)  # the zone stays open between calls
    monkeypatch.setitem(PIPELINE, "frequent_chunks", 0)  # the words of these documents only
    analyzer.analyze(_doc("Ein erster Satz zum Aufwärmen."))
    size = len(analyzer.nlp.vocab.strings)
    for n in range(4):
        record = analyzer.analyze(_doc(f"Quastel{n} und Wummer{n} trafen sich."))
        assert record["quotes"][0]["text"] == f"Quastel{n}"
    # the first zone (documents 0 and 1) closed when the third batch came
    assert ("Quastel0" in analyzer.nlp.vocab.strings) is not zone
    assert "Quastel3" in analyzer.nlp.vocab.strings
    analyzer.close_zone()
    grown = len(analyzer.nlp.vocab.strings) - size
    assert grown == 0 if zone else grown >= 8


def test_shared_analyzer_closes_its_zone_after_each_call(analyzer):
    """an Analyzer that shares its nlp leaves no zone open: a Doc made later is not freed"""
    analyzer.analyze(_doc("Ein erster Satz zum Aufwärmen."))
    record = analyzer.analyze(_doc("Quastel und Wummer trafen sich."))
    assert record["quotes"][0]["text"] == "Quastel"
    assert "Wummer" not in analyzer.nlp.vocab.strings
    later = analyzer.nlp("Zwirbel kam.")
    analyzer.analyze(_doc("Noch ein Satz."))
    assert later[0].text == "Zwirbel"


@pytest.mark.parametrize("exclusive", [True, False])
def test_only_the_process_analyser_freezes_what_it_loaded(analyzer, monkeypatch, exclusive):
    """an exclusive Analyzer moves the objects loaded by its warm batch out of the cyclic
    garbage collector's way (gc.freeze) when its first memory zone opens; a shared one does not"""
    import gc

    monkeypatch.setattr(analyzer, "exclusive", exclusive)
    gc.unfreeze()
    try:
        analyzer.analyze(_doc("Ein erster Satz zum Aufwärmen."))  # the warm batch, outside zones
        assert gc.get_freeze_count() == 0
        analyzer.analyze(_doc("Ein zweiter Satz."))
        assert (gc.get_freeze_count() > 0) is exclusive
    finally:
        gc.unfreeze()


def test_exclusive_analyser_keeps_the_frequent_chunks_across_zones(analyzer, monkeypatch, tmp_path):
    """the frequent chunks are tokenized outside any zone: their strings outlive every zone"""
    from lagebild.nlp import frequent

    chunks = tmp_path / "chunks.txt"
    chunks.write_text("Zwirbelmarkt\nQuorksteuer\n\nunbekanntes\n", encoding="utf-8")
    monkeypatch.setattr(frequent, "CHUNKS", chunks)
    monkeypatch.setattr(analyzer, "exclusive", True)
    monkeypatch.setattr(analyzer, "zone_documents", 1)
    strings = analyzer.nlp.vocab.strings
    assert "Zwirbelmarkt" not in strings
    analyzer.analyze(_doc("Ein erster Satz zum Aufwärmen."))
    analyzer.analyze(_doc("Der Zwirbelmarkt und Flunsch trafen sich."))
    analyzer.analyze(_doc("Noch ein Satz."))  # the second zone: the first one is freed
    analyzer.close_zone()
    assert "Zwirbelmarkt" in strings and "Quorksteuer" in strings and "unbekanntes" in strings
    assert "Flunsch" not in strings


def test_frequent_chunks_are_read_in_order_and_cut(tmp_path):
    from lagebild.nlp.frequent import frequent_chunks

    path = tmp_path / "chunks.txt"
    path.write_text("der\ndie\n\n  \nund\n", encoding="utf-8")
    assert frequent_chunks(2, path) == ["der", "die"]
    assert frequent_chunks(10, path) == ["der", "die", "und"]
    assert frequent_chunks(10, tmp_path / "missing.txt") == []


def test_the_shipped_frequent_chunks_are_whitespace_free_words():
    from lagebild.nlp.frequent import frequent_chunks

    chunks = frequent_chunks(100_000)
    assert len(chunks) >= 10_000 and len(set(chunks)) == len(chunks)
    assert not any(any(ch.isspace() for ch in chunk) for chunk in chunks)


def test_parse_groups_bound_documents_and_characters() -> None:
    from lagebild.document import Document
    from lagebild.pipeline import PARSE_BATCH, PARSE_CHARS, parse_groups

    short = [
        (i, Document(text="Kurzer Satz über Riga.", date=None, language="de")) for i in range(PARSE_BATCH + 3)
    ]
    groups = list(parse_groups(short))
    assert [len(g) for g in groups] == [PARSE_BATCH, 3]
    assert [i for g in groups for i, _ in g] == list(range(PARSE_BATCH + 3))  # order kept
    long_text = "Wort " * (PARSE_CHARS // 5 + 10)
    mixed = [short[0], (99, Document(text=long_text, date=None, language="de")), short[1], short[2]]
    groups = list(parse_groups(mixed))
    assert [[i for i, _ in g] for g in groups] == [[0], [99], [1, 2]]  # the long one alone
    assert list(parse_groups([])) == []
