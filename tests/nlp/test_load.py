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


def test_user_pipeline_gets_mood_after_what_it_reads(tagged_pipeline: str) -> None:
    loaded = lnlp.load(tagged_pipeline)
    names = loaded.pipe_names
    # POS from the attribute ruler and lemmas from lagebild_lemmas_v1 come first
    assert names == ["tagger", "attribute_ruler", lnlp.LEMMAS, "lagebild_mood_v1"]
    again = lnlp.add_language_components(loaded)
    assert again.pipe_names.count("lagebild_mood_v1") == 1


TRICKY = (
    "St. Petersburg, 4. Juli – „Das ist“, sagte Dr. Weber (SPD) u. a. über 12.000 Euro, "
    "»nicht« ‚so‘ (3,5 %) z. B. https://example.org/a?b=1 und die 1990er-Jahre usw. Nr. 5."
)


def test_saved_pipeline_loads_with_its_own_tokenizer_rules(tmp_path: Path) -> None:
    """The rule-less start-up tokenizer is replaced by the saved rules: same tokens, including
    lagebild's abbreviation special cases."""
    from lagebild.nlp.tokenizer import customize_tokenizer

    nlp = customize_tokenizer(spacy.blank("de"))
    nlp.to_disk(tmp_path / "p")
    loaded = lnlp.load(str(tmp_path / "p"))
    assert loaded.config["nlp"]["tokenizer"]["@tokenizers"] == lnlp.SERIALIZED_TOKENIZER
    expected = [token.text for token in nlp(TRICKY)]
    assert [token.text for token in loaded.make_doc(TRICKY)] == expected
    assert "Dr." in expected and "St." in expected and "Nr." in expected  # abbreviations kept whole
