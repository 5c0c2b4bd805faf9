"""lagebild.nlp.load with a missing model and with a user pipeline path (no trained model)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

import lagebild.nlp as lnlp
from lagebild.errors import ModelError


def test_missing_shipped_model_raises(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(lnlp, "DEFAULT_MODEL_DIR", tmp_path / "nothing")
    with pytest.raises(ModelError) as info:
        lnlp.load()
    assert info.value.code == "E201"


def test_unknown_model_name_raises() -> None:
    with pytest.raises(ModelError) as info:
        lnlp.load("no_such_pipeline_xyz")
    assert info.value.code == "E202"


def test_user_pipeline_gets_mood_after_tagger(tmp_path: Path) -> None:
    nlp = spacy.blank("de")
    nlp.add_pipe("tagger")
    nlp.add_pipe("attribute_ruler")
    nlp.to_disk(tmp_path / "p")
    loaded = lnlp.load(str(tmp_path / "p"))
    names = loaded.pipe_names
    assert names.index("lagebild_mood_v1") == names.index("tagger") + 1
    again = lnlp.add_language_components(loaded)
    assert again.pipe_names.count("lagebild_mood_v1") == 1
