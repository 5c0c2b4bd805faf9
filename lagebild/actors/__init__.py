"""Actors: the offline knowledge base and the ``lagebild_actors_v1`` resolver.

Other components look actors up through :func:`actor_at` and :func:`mentions_in`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .kb import Actor, KnowledgeBase, Role, load_kb


def actor_at(doc: Doc, token_index: int) -> str | None:
    """The actor id of the mention covering token ``token_index`` (None if there is none)."""
    for span in doc._.actor_mentions or []:
        if span.start <= token_index < span.end:
            return span._.actor_id
    return None


def mentions_in(span: Span) -> list[Span]:
    """Actor mention spans lying entirely inside ``span``, in document order."""
    mentions = span.doc._.actor_mentions if span.doc.has_extension("actor_mentions") else None
    return [m for m in mentions or [] if span.start <= m.start and m.end <= span.end]


__all__ = ["Actor", "KnowledgeBase", "Role", "actor_at", "load_kb", "mentions_in"]
