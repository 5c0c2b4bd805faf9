"""Spelling-insensitive keys for actor names (uses lagebild.actors' keys when installed)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from ..settings import MEMO_SIZE

_NON_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=1)
def _translit() -> Callable[[str], str] | None:
    """lagebild.actors' transliteration key (imported on first use: that package is heavy)."""
    try:
        from ..actors.normalize import translit_key
    except ImportError:  # pragma: no cover - depends on what is installed
        return None
    return translit_key


@lru_cache(maxsize=MEMO_SIZE)
def fold(text: str) -> str:
    """Lower case, accents and umlauts folded, punctuation to single spaces."""
    text = text.lower().replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", text).strip()


def name_key(text: str) -> str:
    """The key under which spellings of one name coincide (``Tokajew`` = ``Tokayev``)."""
    translit_key = _translit()
    if translit_key is not None:
        try:
            return str(translit_key(text))
        except Exception:  # a bug there must not stop ingest; plain folding still finds most names
            pass
    return fold(text)
