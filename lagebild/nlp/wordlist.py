"""simplemma's German dictionary in a compact form: which words it knows, and their lemmas.

simplemma decodes its whole German dictionary on first use (about 1.2 s and 100 MB per
process).  :class:`WordList` holds the same 1.1 million entries as a sorted array of 64-bit
hashes of the word forms, a parallel array of lemma numbers and the 334,000 distinct lemmas as
one UTF-8 block: about 19 MB, read in milliseconds from a cache file next to the compiled actor
KB (``$LAGEBILD_CACHE`` or ``~/.cache/lagebild``, keyed by the simplemma version) and built from
simplemma once when the file is missing.

It serves as the dictionary of simplemma's own strategies (they only call ``get``), so the
answers are simplemma's: :func:`is_known` is ``simplemma.is_known(word, lang="de")`` and
:func:`lemmatize` is ``simplemma.lemmatize(word, lang="de")``, Unicode normalisation, case
variants, hyphen removal and compound decomposition included.  A hash collision (odds about
1e-13 per unknown word) is the only possible difference.
"""

from __future__ import annotations

import hashlib
import logging
import os
import struct
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import simplemma
from simplemma import Lemmatizer
from simplemma.strategies import DefaultStrategy, DictionaryLookupStrategy
from simplemma.strategies.dictionaries import DefaultDictionaryFactory
from simplemma.utils import normalize_token

logger = logging.getLogger(__name__)

LANG = "de"
FORMAT = "2"  # bump when the file layout or the hash changes (1: hashes only)
_MAGIC = b"LBWL" + FORMAT.encode("ascii").rjust(4, b"0")
_HEADER = struct.Struct("<8sQQQ")  # magic, entries, lemmas, bytes of lemma text


def key_hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


class WordList:
    """Word forms (as sorted hashes) → lemmas: the ``get`` of a simplemma dictionary."""

    def __init__(self, hashes: array[int], lemma_ids: array[int], offsets: array[int], text: bytes) -> None:
        if not (len(hashes) == len(lemma_ids) and len(offsets) >= 1 and offsets[-1] == len(text)):
            raise ValueError("inconsistent word list")
        self.hashes = hashes
        self.lemma_ids = lemma_ids
        self.offsets = offsets
        self.text = text

    @classmethod
    def from_items(cls, items: Iterable[tuple[str, str]]) -> WordList:
        """Build from ``(form, lemma)`` pairs (a form seen twice keeps its first lemma)."""
        numbers: dict[str, int] = {}
        pairs: dict[int, int] = {}
        for form, lemma in items:
            pairs.setdefault(key_hash(form), numbers.setdefault(lemma, len(numbers)))
        ordered = sorted(pairs.items())
        offsets, position = array("I", [0]), 0
        encoded = [lemma.encode("utf-8") for lemma in numbers]  # dicts keep insertion order
        for chunk in encoded:
            position += len(chunk)
            offsets.append(position)
        return cls(
            array("Q", (h for h, _ in ordered)),
            array("I", (n for _, n in ordered)),
            offsets,
            b"".join(encoded),
        )

    def _find(self, key: object) -> int:
        if not isinstance(key, str):
            return -1
        value = key_hash(key)
        i = bisect_left(self.hashes, value)
        return i if i < len(self.hashes) and self.hashes[i] == value else -1

    def __contains__(self, key: object) -> bool:
        return self._find(key) >= 0

    def __len__(self) -> int:
        return len(self.hashes)

    def get(self, key: str, default: str | None = None) -> str | None:
        i = self._find(key)
        if i < 0:
            return default
        n = self.lemma_ids[i]
        return self.text[self.offsets[n] : self.offsets[n + 1]].decode("utf-8")

    def get_dictionary(self, lang: str) -> WordList:
        """The ``DictionaryFactory`` protocol: this object is the one dictionary."""
        if lang != LANG:
            raise ValueError(f"only {LANG!r}")
        return self


def _cache_file() -> Path:
    root = Path(os.environ.get("LAGEBILD_CACHE") or Path.home() / ".cache" / "lagebild")
    return root / f"simplemma-{LANG}-{simplemma.__version__}-{FORMAT}.wordlist"


def _read(path: Path) -> WordList | None:
    try:
        with path.open("rb") as handle:
            magic, entries, lemmas, size = _HEADER.unpack(handle.read(_HEADER.size))
            if magic != _MAGIC or not entries:
                return None
            hashes, lemma_ids, offsets = array("Q"), array("I"), array("I")
            hashes.fromfile(handle, entries)
            lemma_ids.fromfile(handle, entries)
            offsets.fromfile(handle, lemmas + 1)
            text = handle.read(size)
        return WordList(hashes, lemma_ids, offsets, text)
    except (OSError, EOFError, ValueError, struct.error):
        return None


def _write(path: Path, words: WordList) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with tmp.open("wb") as handle:
            handle.write(_HEADER.pack(_MAGIC, len(words.hashes), len(words.offsets) - 1, len(words.text)))
            words.hashes.tofile(handle)
            words.lemma_ids.tofile(handle)
            words.offsets.tofile(handle)
            handle.write(words.text)
        tmp.replace(path)  # atomic: a reader sees the old file or the whole new one
    except OSError:
        logger.debug("word list cache not writable: %s", path)


@lru_cache(maxsize=1)
def word_list() -> WordList:
    """simplemma's German dictionary, from the disk cache or built from simplemma (once)."""
    path = _cache_file()
    words = _read(path)
    if words is None:
        # a private factory: its decoded dictionary is dropped once the word list is built
        words = WordList.from_items(DefaultDictionaryFactory().get_dictionary(LANG).items())
        _write(path, words)
    return words


@lru_cache(maxsize=1)
def _lookup() -> DictionaryLookupStrategy:
    return DictionaryLookupStrategy(word_list())  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def _lemmatizer() -> Lemmatizer:
    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=word_list()))  # type: ignore[arg-type]


def _check(word: object) -> None:
    if not isinstance(word, str) or not word:
        raise ValueError(f"not a word: {word!r}")


def is_known(word: str) -> bool:
    """``simplemma.is_known(word, lang="de")``."""
    _check(word)
    return _lookup().get_lemma(normalize_token(word), LANG) is not None


@lru_cache(maxsize=65536)
def lemmatize(word: str) -> str:
    """``simplemma.lemmatize(word, lang="de")`` (memoised: news repeats its words)."""
    _check(word)
    return _lemmatizer().lemmatize(word, LANG)
