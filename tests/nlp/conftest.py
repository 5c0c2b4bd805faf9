"""Fixtures of the language-core tests."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy


@pytest.fixture
def tagged_pipeline(tmp_path: Path) -> str:
    """A user's pipeline on disk: tagger and attribute ruler, no lemmatizer, no parser."""
    nlp = spacy.blank("de")
    nlp.add_pipe("tagger")
    nlp.add_pipe("attribute_ruler")
    nlp.to_disk(tmp_path / "p")
    return str(tmp_path / "p")
