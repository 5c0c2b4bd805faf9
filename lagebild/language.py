"""Language identification of documents (offline).

A fast first guess counts frequent function words (``lang/function_words.yaml``): a text whose
words are to a large share those of one listed language, with the runner-up far behind, gets
that language without loading a model.  Every other text goes to py3langid's bundled model
(loading it costs ~0.5 s and ~100 MB, which the first guess saves on a cold start and in every
worker of a German collection).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .settings import LANGUAGE

FUNCTION_WORDS_PATH = Path(__file__).resolve().parent / "lang" / "function_words.yaml"
WORD_RE = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def function_words() -> dict[str, frozenset[str]]:
    from .yamlio import safe_load

    data = safe_load(FUNCTION_WORDS_PATH.read_text(encoding="utf-8")) or {}
    return {str(lang): frozenset(str(word) for word in words) for lang, words in data.items()}


def guess_by_function_words(sample: str) -> str | None:
    """The language whose function words clearly dominate ``sample``; ``None`` when unsure.

    At least ``quick_min_types`` different function words of one language must occur (a few
    words shared with an unlisted language, "der" is Danish too, do not decide), make up
    ``quick_min_share`` of the words (``quick_short_share`` in a text of fewer than
    ``quick_min_words`` words) and outnumber those of the runner-up ``quick_margin`` times
    (``quick_short_margin`` in a short text): a German article quoting a few English sentences
    is German.
    """
    words = WORD_RE.findall(sample.lower())
    hits = []
    for lang, lexicon in function_words().items():
        found = [word for word in words if word in lexicon]
        hits.append((len(found), len(set(found)), lang))
    hits.sort(reverse=True)
    if not hits or not words:
        return None
    best, types, lang = hits[0]
    runner_up = hits[1][0] if len(hits) > 1 else 0
    short = len(words) < LANGUAGE["quick_min_words"]
    share = LANGUAGE["quick_short_share"] if short else LANGUAGE["quick_min_share"]
    margin = LANGUAGE["quick_short_margin"] if short else LANGUAGE["quick_margin"]
    if (
        types >= LANGUAGE["quick_min_types"]
        and best >= share * len(words)
        and best >= margin * max(runner_up, 1)
    ):
        return lang
    return None


# texts this process identified, and how many of them the first guess left open
_seen = {"texts": 0, "open": 0, "kept": 0}


def _model_language(sample: str) -> str:
    """py3langid's answer.  Its model takes ~0.5 s to load and ~100 MB of memory: it is loaded
    and dropped again while the first guess leaves few texts open (a German news collection:
    about 0.5 %), and kept loaded once more than ``LANGUAGE["keep_model_share"]`` of at least
    ``LANGUAGE["keep_model_after"]`` texts needed it (short texts, other languages)."""
    _seen["open"] += 1
    if (
        _seen["open"] > LANGUAGE["keep_model_after"]
        and _seen["open"] > LANGUAGE["keep_model_share"] * _seen["texts"]
    ):
        _seen["kept"] = 1  # once kept, kept for the rest of the process
    if _seen["kept"]:
        import py3langid

        code, _score = py3langid.classify(sample)
        return str(code)
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    code, _score = LanguageIdentifier.from_model_file(MODEL_FILE).classify(sample)
    return str(code)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language; ``"und"`` when there are too few letters or words."""
    sample = text[: LANGUAGE["sample_chars"]]
    if sum(ch.isalpha() for ch in sample) < LANGUAGE["min_letters"]:
        return "und"
    if len(WORD_RE.findall(sample)) < LANGUAGE["min_words"]:
        return "und"
    _seen["texts"] += 1
    quick = guess_by_function_words(sample)
    if quick is not None:
        return quick
    return _model_language(sample)


def is_supported(language: str | None) -> bool:
    return language in LANGUAGE["supported"] or language in (None, "und")
