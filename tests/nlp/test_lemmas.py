"""lagebild_lemmas_v1: dictionary lemmas on hand-built Docs, and where load() puts it."""

from __future__ import annotations

import json
from pathlib import Path

import spacy
from spacy.tokens import Doc
from spacy.training import Example

import lagebild.nlp as lnlp
from lagebild.nlp.lemmas import LexiconLemmatizer, read_exceptions

NLP = spacy.blank("de")


def _doc(words: list[str], pos: list[str]) -> Doc:
    return Doc(NLP.vocab, words=words, pos=pos)


def test_dictionary_lemmas_with_case_and_contractions() -> None:
    doc = LexiconLemmatizer()(
        _doc(
            ["Rund", "500", "Häuser", "brannten", "im", "Hafen", ",", "sagte", "sie", "."],
            ["ADV", "NUM", "NOUN", "VERB", "ADP", "NOUN", "PUNCT", "VERB", "PRON", "PUNCT"],
        )
    )
    lemmas = [t.lemma_ for t in doc]
    assert lemmas[0] == "rund"  # capitalised, but no noun: looked up in lower case
    assert lemmas[1] == "500" and lemmas[6] == ","  # no letters: the text itself
    assert lemmas[2] == "Haus" and lemmas[3] == "brennen" and lemmas[7] == "sagen"
    assert lemmas[4] == "in"  # the exceptions file: preposition + article → preposition
    assert lemmas[5] == "Hafen"


def test_exception_needs_its_part_of_speech() -> None:
    assert read_exceptions()["im", "ADP"] == "in"
    doc = LexiconLemmatizer()(_doc(["im"], ["X"]))
    assert doc[0].lemma_ != "in"


def test_without_overwrite_existing_lemmas_stay() -> None:
    doc = _doc(["Häuser", "gingen"], ["NOUN", "VERB"])
    doc[0].lemma_ = "Hausen"
    LexiconLemmatizer(overwrite=False)(doc)
    assert doc[0].lemma_ == "Hausen" and doc[1].lemma_ == "gehen"


def _pipeline_with_trained_lemmatizer(path: Path, *, lexicon: bool) -> Path:
    nlp = spacy.blank("de")
    nlp.add_pipe("tagger")
    nlp.add_pipe("trainable_lemmatizer", config={"min_tree_freq": 1})
    words = ["Häuser", "gingen"]
    example = Example.from_dict(
        nlp.make_doc(" ".join(words)), {"tags": ["NN", "VVFIN"], "lemmas": ["Haus", "gehen"]}
    )
    nlp.initialize(lambda: [example])
    nlp.to_disk(path)
    if lexicon:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        meta["lagebild_lemmas"] = "lexicon"
        (path / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return path


def test_model_that_asks_for_dictionary_lemmas_gets_them(tmp_path: Path) -> None:
    nlp = lnlp.load(str(_pipeline_with_trained_lemmatizer(tmp_path / "p", lexicon=True)))
    assert "trainable_lemmatizer" not in nlp.pipe_names
    assert nlp.pipe_names == ["tagger", lnlp.LEMMAS, "lagebild_mood_v1"]
    # excluded by the caller: the model's own lemmatizer stays
    kept = lnlp.load(str(tmp_path / "p"), exclude=[lnlp.LEMMAS])
    assert "trainable_lemmatizer" in kept.pipe_names and lnlp.LEMMAS not in kept.pipe_names


def test_model_with_its_own_lemmatizer_keeps_it(tmp_path: Path) -> None:
    nlp = lnlp.load(str(_pipeline_with_trained_lemmatizer(tmp_path / "p", lexicon=False)))
    assert "trainable_lemmatizer" in nlp.pipe_names and lnlp.LEMMAS not in nlp.pipe_names


def test_pipeline_without_lemmatizer_gets_one_once(tagged_pipeline: str) -> None:
    loaded = lnlp.load(tagged_pipeline)
    assert loaded.pipe_names.index(lnlp.LEMMAS) == loaded.pipe_names.index("attribute_ruler") + 1
    assert lnlp.add_language_components(loaded).pipe_names.count(lnlp.LEMMAS) == 1
