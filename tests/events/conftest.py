"""Hand-built parsed Docs for the event coder tests (no trained model)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from lagebild.document import DocDate
from lagebild.events import EventCoder
from lagebild.extensions import register_extensions


@pytest.fixture(scope="session")
def nlp() -> Language:
    register_extensions()
    return spacy.blank("de")


@pytest.fixture(scope="session")
def coder() -> EventCoder:
    return EventCoder()


def _parse(nlp: Language, rows: str) -> Doc:
    """One token per line: ``word lemma POS dep head [Morph|Feats]`` (head: 0-based index)."""
    words, lemmas, pos, deps, heads, morphs = [], [], [], [], [], []
    for line in rows.strip().splitlines():
        parts = line.split()
        words.append(parts[0])
        lemmas.append(parts[1])
        pos.append(parts[2])
        deps.append(parts[3])
        heads.append(int(parts[4]))
        morphs.append(parts[5] if len(parts) > 5 else "")
    sent_starts = [i == 0 for i in range(len(words))]
    return Doc(
        nlp.vocab,
        words=words,
        lemmas=lemmas,
        pos=pos,
        deps=deps,
        heads=heads,
        morphs=morphs,
        sent_starts=sent_starts,
    )


@pytest.fixture
def parse(nlp: Language) -> Callable[..., Doc]:
    def build(rows: str, *, date: str | None = "2024-03-12") -> Doc:
        doc = _parse(nlp, rows)
        doc._.doc_date = DocDate.parse(date) if date else None
        return doc

    return build


@pytest.fixture
def today() -> dt.date:
    return dt.date(2024, 3, 12)
