"""Whether simplemma knows a German word, without holding simplemma's dictionary.

:func:`~lagebild.actors.matcher.is_common_word` only asks whether a word is in simplemma's
German dictionary.  simplemma decodes that whole dictionary on first use (about 3 s per process;
about 100 MB in its default backend).  :class:`KnownWords` keeps a sorted array of 64-bit hashes
of the dictionary's keys instead (about 9 MB), cached on disk next to the compiled actor KB
(``$LAGEBILD_CACHE`` or ``~/.cache/lagebild``, keyed by the simplemma version), and answers
through simplemma's own lookup strategy (Unicode normalisation, case variants, apostrophes), so
the answers are those of ``simplemma.is_known(word, lang="de")``; a hash collision (odds about
1e-13 per unknown word) is the only possible difference.
"""

from __future__ import annotations

import hashlib
import logging
import os
from array import array
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

import simplemma
from simplemma.strategies import DictionaryLookupStrategy
from simplemma.strategies.dictionaries import StreamDictionaryFactory
from simplemma.utils import normalize_token

logger = logging.getLogger(__name__)

LANG = "de"
FORMAT = "1"  # bump when the file layout or the hash changes


def key_hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


class KnownWords:
    """The key set of one simplemma dictionary as sorted 64-bit hashes.

    ``get`` makes it usable as the dictionary of simplemma's ``DictionaryLookupStrategy``
    (which only needs ``get``); the value says nothing but "known"."""

    def __init__(self, hashes: array[int]) -> None:
        self.hashes = hashes

    @classmethod
    def from_keys(cls, keys: object) -> KnownWords:
        return cls(array("Q", sorted({key_hash(key) for key in keys})))  # type: ignore[attr-defined]

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        value = key_hash(key)
        i = bisect_left(self.hashes, value)
        return i < len(self.hashes) and self.hashes[i] == value

    def __len__(self) -> int:
        return len(self.hashes)

    def get(self, key: str, default: str | None = None) -> str | None:
        return "" if key in self else default

    def get_dictionary(self, lang: str) -> KnownWords:
        """The ``DictionaryFactory`` protocol: this object is the one dictionary."""
        if lang != LANG:
            raise ValueError(f"only {LANG!r}")
        return self


def _cache_file() -> Path:
    root = Path(os.environ.get("LAGEBILD_CACHE") or Path.home() / ".cache" / "lagebild")
    return root / f"simplemma-{LANG}-{simplemma.__version__}-{FORMAT}.hashes"


def _read(path: Path) -> KnownWords | None:
    try:
        size = path.stat().st_size
        hashes: array[int] = array("Q")
        with path.open("rb") as handle:
            hashes.fromfile(handle, size // hashes.itemsize)
    except (OSError, EOFError):
        return None
    return KnownWords(hashes) if len(hashes) else None


def _write(path: Path, words: KnownWords) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with tmp.open("wb") as handle:
            words.hashes.tofile(handle)
        tmp.replace(path)
    except OSError:
        logger.debug("word list cache not writable: %s", path)


@lru_cache(maxsize=1)
def known_words() -> KnownWords:
    """simplemma's German key set, from the disk cache or built from simplemma (once)."""
    path = _cache_file()
    words = _read(path)
    if words is None:
        # a private factory: simplemma's own cache of the decoded stream is dropped afterwards
        words = KnownWords.from_keys(StreamDictionaryFactory().get_dictionary(LANG))
        _write(path, words)
    return words


@lru_cache(maxsize=1)
def _strategy() -> DictionaryLookupStrategy:
    return DictionaryLookupStrategy(known_words())  # type: ignore[arg-type]


def is_known(word: str) -> bool:
    """``simplemma.is_known(word, lang="de")``."""
    if not isinstance(word, str) or not word:
        raise ValueError(f"not a word: {word!r}")
    return _strategy().get_lemma(normalize_token(word), LANG) is not None
