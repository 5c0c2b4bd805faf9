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
