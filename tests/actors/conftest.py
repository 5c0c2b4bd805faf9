"""Fixtures for the actor tests: a KB with the shipped countries/organisations/media and a small
persons fixture (not the shipped persons files), and a blank German pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from lagebild.actors.component import ActorLinker, default_settings
from lagebild.actors.kb import KnowledgeBase, build_kb
from lagebild.document import DocDate

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return build_kb([DATA / "persons_fixture.yaml"], persons=False)


@pytest.fixture(scope="session")
def nlp() -> Language:
    return spacy.blank("de")


@pytest.fixture(scope="session")
def linker(nlp: Language, kb: KnowledgeBase) -> ActorLinker:
    return ActorLinker(nlp, settings=default_settings(), kb=kb)


@pytest.fixture()
def analyse(nlp: Language, linker: ActorLinker):
    """Run the linker on a text (tokenised by the blank German tokenizer) with an article date."""

    def run(text: str, date: str | None = "2022-07-05", *, component: ActorLinker | None = None):
        doc = nlp.make_doc(text)
        doc._.doc_date = DocDate.parse(date) if date else None
        return (component or linker)(doc)

    return run
