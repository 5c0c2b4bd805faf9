"""Language identification of documents (offline, via py3langid's bundled model)."""

from __future__ import annotations

from .settings import LANGUAGE


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language; ``"und"`` when there are too few letters."""
    sample = text[: LANGUAGE["sample_chars"]]
    if sum(ch.isalpha() for ch in sample) < LANGUAGE["min_letters"]:
        return "und"
    import py3langid  # lazy: loading the model costs ~0.2 s

    code, _score = py3langid.classify(sample)
    return str(code)


def is_supported(language: str | None) -> bool:
    return language in LANGUAGE["supported"] or language in (None, "und")
