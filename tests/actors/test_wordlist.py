"""The hashed key set that answers is_common_word (same answers as simplemma.is_known)."""

from __future__ import annotations

import pytest
import simplemma
from simplemma.strategies import DictionaryLookupStrategy

from lagebild.actors import wordlist
from lagebild.actors.wordlist import KnownWords


def test_known_words_membership_and_lookup_variants() -> None:
    words = KnownWords.from_keys(["Haus", "gehen", "Bundesrat"])
    assert "Haus" in words and "gehen" in words
    assert "Hausboot" not in words and "" not in words and 3 not in words
    assert len(words) == 3
    strategy = DictionaryLookupStrategy(words)  # type: ignore[arg-type]
    # simplemma's own case variants apply: a capitalised verb, a lower-case noun
    assert strategy.get_lemma("Gehen", "de") is not None
    assert strategy.get_lemma("haus", "de") is not None
    assert strategy.get_lemma("Brücke", "de") is None


def test_cache_file_round_trip(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LAGEBILD_CACHE", str(tmp_path))
    words = KnownWords.from_keys(["eins", "zwei"])
    path = wordlist._cache_file()
    wordlist._write(path, words)
    again = wordlist._read(path)
    assert again is not None and list(again.hashes) == list(words.hashes)
    assert wordlist._read(tmp_path / "missing.hashes") is None


@pytest.mark.parametrize(
    "word",
    ["Haus", "haus", "Regierung", "Schmidtke", "Zeitungen", "Xylofonbauerin", "l'amour", "Mittwoch"],
)
def test_answers_equal_simplemma(word: str) -> None:
    assert wordlist.is_known(word) == simplemma.is_known(word, lang="de")


def test_empty_word_is_refused_like_simplemma() -> None:
    with pytest.raises(ValueError):
        wordlist.is_known("")
