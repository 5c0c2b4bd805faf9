"""spaCy extension attributes that lagebild's components read and write."""

from __future__ import annotations

from spacy.tokens import Doc, Span

_DOC_LISTS = ("actors", "quotes", "events", "timexes", "places")


def register_extensions() -> None:
    """Register lagebild's Doc/Span extensions once (idempotent, safe to call from any component)."""
    if not Doc.has_extension("doc_date"):
        Doc.set_extension("doc_date", default=None)
    for name in _DOC_LISTS:
        if not Doc.has_extension(name):
            # a getter-free default list would be shared between docs; use setter-less property
            Doc.set_extension(name, default=None)
    if not Span.has_extension("actor_id"):
        Span.set_extension("actor_id", default=None)


_TEXT_KEY = "lagebild.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc.

    spaCy's ``Doc.text`` joins every token on each access; the components ask for it often (a
    quote's text, datelines, time expressions).  A Doc's text never changes (retokenising keeps
    it), so it is kept in ``doc.user_data`` after the first call and checked against the
    Doc's length on each use.
    """
    text = doc.user_data.get(_TEXT_KEY)
    if isinstance(text, str) and len(text) == _length(doc):
        return text
    text = doc.text
    doc.user_data[_TEXT_KEY] = text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Keep ``text``, the string ``doc`` was tokenized from, as its :func:`doc_text`: spaCy's
    tokenizer loses no character, so it equals ``doc.text`` and need not be joined again."""
    if len(text) == _length(doc):
        doc.user_data[_TEXT_KEY] = text


def _length(doc: Doc) -> int:
    """Characters of ``doc.text`` without joining it (a cached text copied into another Doc,
    e.g. by ``Span.as_doc``, has the wrong length and is not used)."""
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)
