"""The compact simplemma dictionary: same membership and lemmas as simplemma itself."""

from __future__ import annotations

import pytest
import simplemma
from simplemma.strategies import DictionaryLookupStrategy

from lagebild.nlp import wordlist
from lagebild.nlp.wordlist import WordList

ITEMS = [
    ("Haus", "Haus"),
    ("Häuser", "Haus"),
    ("gehen", "gehen"),
    ("ging", "gehen"),
    ("Bundesrat", "Bundesrat"),
]


def test_word_list_membership_and_lemmas() -> None:
    words = WordList.from_items(ITEMS)
    assert "Haus" in words and "ging" in words
    assert "Hausboot" not in words and "" not in words and 3 not in words
    assert len(words) == 5
    assert words.get("Häuser") == "Haus" and words.get("ging") == "gehen"
    assert words.get("Brücke") is None and words.get("Brücke", "-") == "-"
    assert len(words.offsets) == 4  # three distinct lemmas, stored once each


def test_first_lemma_of_a_repeated_form_wins() -> None:
    words = WordList.from_items([("Weise", "Weise"), ("Weise", "weise")])
    assert len(words) == 1 and words.get("Weise") == "Weise"


def test_simplemma_case_variants_apply() -> None:
    strategy = DictionaryLookupStrategy(WordList.from_items(ITEMS))  # type: ignore[arg-type]
    assert strategy.get_lemma("Ging", "de") == "gehen"  # a capitalised verb
    assert strategy.get_lemma("haus", "de") == "Haus"  # a lower-case noun
    assert strategy.get_lemma("Brücke", "de") is None


def test_other_languages_are_refused() -> None:
    with pytest.raises(ValueError):
        WordList.from_items(ITEMS).get_dictionary("fr")


def test_cache_file_round_trip(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LAGEBILD_CACHE", str(tmp_path))
    words = WordList.from_items(ITEMS)
    path = wordlist._cache_file()
    wordlist._write(path, words)
    again = wordlist._read(path)
    assert again is not None
    assert list(again.hashes) == list(words.hashes) and again.get("Häuser") == "Haus"
    assert wordlist._read(tmp_path / "missing.wordlist") is None


def test_truncated_or_foreign_cache_file_is_rebuilt_not_trusted(tmp_path) -> None:
    path = tmp_path / "w.wordlist"
    wordlist._write(path, WordList.from_items(ITEMS))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 3])  # cut short: the lemma text is incomplete
    assert wordlist._read(path) is None
    path.write_bytes(b"something else entirely, not a word list")
    assert wordlist._read(path) is None


WORDS = ["Haus", "haus", "Regierung", "Schmidtke", "Zeitungen", "Xylofonbauerin", "l'amour", "Mittwoch"]


@pytest.mark.parametrize("word", WORDS)
def test_answers_equal_simplemma(word: str) -> None:
    assert wordlist.is_known(word) == simplemma.is_known(word, lang="de")


@pytest.mark.parametrize("word", [*WORDS, "Häuser", "ging", "Bundesratsbeschlüsse", "Nord-Stream-Pipeline"])
def test_lemmas_equal_simplemma(word: str) -> None:
    assert wordlist.lemmatize(word) == simplemma.lemmatize(word, lang="de")


def test_empty_word_is_refused_like_simplemma() -> None:
    with pytest.raises(ValueError):
        wordlist.is_known("")
    with pytest.raises(ValueError):
        wordlist.lemmatize("")
