"""A smaller version of the hostile-input corpus (benchmarks/hostile_corpus.py) through the reader
and the Analyzer: no crash, every file accounted for, nothing half-read."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import spacy

from benchmarks.hostile_corpus import KINDS, generate
from lagebild.document import Document
from lagebild.extensions import register_extensions
from lagebild.pipeline import Analyzer
from lagebild.reader import ReadFailure, iter_documents


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("hostile")
    return out, generate(out, files=len(KINDS) * 8, seed=11, big=False)


def test_every_file_is_read_or_reported(hostile):
    out, manifest = hostile
    documents: Counter[str] = Counter()
    failed_files: set[str] = set()
    for result in iter_documents([out]):
        if isinstance(result, Document):
            documents[Path(result.source).name] += 1
            assert result.text and result.text == result.text.strip()
        else:
            assert isinstance(result, ReadFailure)
            assert result.error.code.startswith("E1")
            failed_files.add(Path(result.path).name)
    for name, entry in manifest.items():
        assert documents[name] == entry["documents"], (name, entry)
        if entry["documents"] == 0:
            assert name in failed_files, name


def test_analyzer_survives_hostile_documents(hostile):
    out, _ = hostile
    register_extensions()
    analyzer = Analyzer(nlp=spacy.blank("de"))
    items = list(iter_documents([out]))
    results = list(analyzer.analyze_stream(items, batch_size=16))
    assert len(results) == len(items)
    records = [r for r in results if isinstance(r, dict)]
    assert records, "some hostile documents are still analysable"
    assert all(r["document"]["text"] for r in records)
