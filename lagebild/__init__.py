"""lagebild: who did what to whom, when and where — and according to whom.

The Python API, imported lazily so that ``import lagebild`` stays cheap::

    import lagebild
    record = lagebild.analyze("Kreml-Sprecher Dmitri Peskow sagte am Montag, …", date="2022-07")
    corpus = lagebild.Corpus("lagebild.db")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Analyzer", "Corpus", "Document", "__version__", "analyze"]

if TYPE_CHECKING:
    from .corpus import Corpus
    from .document import Document
    from .pipeline import Analyzer

_LAZY = {"Analyzer": "pipeline", "Corpus": "corpus", "Document": "document"}
_default_analyzer: Any = None


def analyze(
    text: str, *, date: str | None = None, title: str | None = None, model: str | None = None
) -> dict[str, Any]:
    """Analyse one German text into a ``lagebild.analysis/1`` record (the model loads once)."""
    global _default_analyzer
    from .document import DocDate, Document
    from .language import detect_language
    from .pipeline import Analyzer
    from .reader import clean_text

    if _default_analyzer is None or model is not None:
        _default_analyzer = Analyzer(model)
    text = clean_text(text)
    document = Document(
        text=text, title=title, date=DocDate.parse(date) if date else None, language=detect_language(text)
    )
    return dict(_default_analyzer.analyze(document))


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'lagebild' has no attribute {name!r}")
