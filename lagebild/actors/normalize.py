"""String keys for matching names across spellings, scripts and romanisations.

Three levels, each a pure function of the string:

* :func:`fold` — case, diacritics, dashes and spacing folded ("Qassym-Schomart" -> "qassym schomart").
* :func:`translit_key` — :func:`fold` of the Latin transliteration, then German/English/French
  romanisations of Russian, Ukrainian and Kazakh names collapsed to one form
  ("Peskow" = "Peskov" = "Песков", "Tokajew" = "Tokayev", "Mischustin" = "Mishustin").
* :func:`slugify` — ASCII slug for ids (``local:karl-muster``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..settings import MEMO_SIZE

# Scientific-ish transliteration; the romanisation rules below fold its variants anyway.
_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "є": "ye",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "і": "i",
    "ї": "yi",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    "ә": "a",
    "ғ": "g",
    "қ": "k",
    "ң": "n",
    "ө": "o",
    "ұ": "u",
    "ү": "u",
    "һ": "h",
}
_GERMAN = {"ä": "a", "ö": "o", "ü": "u", "ß": "ss"}
# the same maps as str.translate tables (one C call per string instead of a loop per character)
_CYRILLIC_TABLE = str.maketrans(_CYRILLIC)
_GERMAN_TABLE = str.maketrans(_GERMAN)
_DASHES = re.compile(r"[\-‐‑‒–—―_/]+")
_NON_WORD = re.compile(r"[^\w\s+]+")
_SPACES = re.compile(r"\s+")

# Applied in order to the folded Latin string.  Longest patterns first.
_ROMANISATION = (
    (r"tsch|tch", "X"),  # ч: Tschernow/Chernov
    (r"schX|shch|sch|zh|sh", "S"),  # ш щ ж: Schoigu/Shoigu, Schirinowski/Zhirinovsky
    (r"ch|kh", "X"),  # х (and English ч): Chodorkowski/Khodorkovsky
    (r"ck|q|c(?=[aou])", "k"),
    (r"tz|ts|z", "s"),  # z/s voicing and ц folded together
    (r"ff\b|w", "v"),  # Peskoff/Peskov/Peskow
    (r"ph", "f"),
    (r"ou", "u"),  # French: Poutine
    (r"[jy]", "i"),  # Tokajew/Tokayev, Dmitrij/Dmitriy
    (r"x", "ks"),
    (r"(\w)\1+", r"\1"),  # doubled letters
    (r"ie(?=v)", "e"),  # Sergejew/Sergeyev/Sergeev
    (r"\bi(?=[aeou])", ""),  # initial j/y before vowel: Jelzin/Yeltsin/Eltsine
    (r"e\b", ""),  # French final e: Poutine
    (r"h(?!\b)", ""),
)
_ROMANISATION_RE = tuple((re.compile(pattern), repl) for pattern, repl in _ROMANISATION)


def strip_accents(text: str) -> str:
    if text.isascii():
        return text  # NFKD leaves ASCII as it is, and it has no combining marks
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def transliterate(text: str) -> str:
    """Cyrillic letters to Latin (lower case); other characters unchanged."""
    return text.lower().translate(_CYRILLIC_TABLE)


def _prefold(text: str) -> str:
    """The character-local part of :func:`fold` (everything but joining the spaces)."""
    text = text.lower().replace("’", "'")
    text = strip_accents(text.translate(_GERMAN_TABLE))
    text = _DASHES.sub(" ", text)
    return _NON_WORD.sub("", text)


@lru_cache(maxsize=MEMO_SIZE)
def fold(text: str) -> str:
    """Lower case, German umlauts and accents folded, dashes/punctuation to spaces."""
    return " ".join(_prefold(text).split())


@lru_cache(maxsize=MEMO_SIZE)
def prefold(text: str) -> str:
    """:func:`fold` without the final space normalisation, for one token.

    Every step is character by character, so ``" ".join("".join(prefolds + whitespace).split())``
    equals ``fold`` of the joined text: n-grams of tokens fold without re-folding each n-gram.
    The one context-dependent lower-casing (Greek final sigma) is reported by
    :func:`prefold_exact`.
    """
    return _prefold(text)


def prefold_exact(text: str) -> bool:
    """Whether token-wise :func:`prefold` of ``text`` composes exactly (no capital sigma)."""
    return "Σ" not in text


@lru_cache(maxsize=MEMO_SIZE)
def translit_key(text: str) -> str:
    """A key under which de/en/fr romanisations and Cyrillic spellings of a name coincide."""
    key = fold(transliterate(text))
    for pattern, repl in _ROMANISATION_RE:
        key = pattern.sub(repl, key)
    return key.lower()


def slugify(text: str) -> str:
    """``"Karlygash Ezhenova"`` -> ``"karlygash-ezhenova"`` (ASCII, Cyrillic transliterated)."""
    slug = fold(transliterate(text)).encode("ascii", "ignore").decode("ascii")
    return "-".join(slug.split()) or "unnamed"
