"""Language identification of documents (offline).

A fast first guess counts frequent function words (``lang/function_words.yaml``): a text whose
words are to a large share those of one listed language, with the runner-up far behind, gets
that language without the model.  Every other text goes to py3langid's bundled model, read
through a memory map that is released after each text (:mod:`lagebild.langid`): the first use
in a fresh cache folder unpacks it (about a second, once), every later one costs milliseconds
and leaves nothing in the process's memory.
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


def _model_language(sample: str) -> str:
    """py3langid's answer, from its model mapped into memory (:mod:`lagebild.langid`)."""
    from .langid import classify

    code, _score = classify(sample)
    return code


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language; ``"und"`` when there are too few letters or words."""
    sample = text[: LANGUAGE["sample_chars"]]
    if sum(ch.isalpha() for ch in sample) < LANGUAGE["min_letters"]:
        return "und"
    if len(WORD_RE.findall(sample)) < LANGUAGE["min_words"]:
        return "und"
    quick = guess_by_function_words(sample)
    if quick is not None:
        return quick
    return _model_language(sample)


def is_supported(language: str | None) -> bool:
    return language in LANGUAGE["supported"] or language in (None, "und")
