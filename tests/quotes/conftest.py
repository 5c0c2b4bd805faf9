"""Fixtures for the quotation tests: a blank German pipeline with the quotes component."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import spacy
from spacy.language import Language

import lagebild.quotes  # noqa: F401  (registers lagebild_quotes_v1)


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("de")
    pipeline.add_pipe("lagebild_quotes_v1")
    return pipeline


@pytest.fixture(scope="module")
def quotes(nlp: Language) -> Callable[[str], list[dict[str, Any]]]:
    def run(text: str) -> list[dict[str, Any]]:
        return nlp(text)._.quotes

    return run
