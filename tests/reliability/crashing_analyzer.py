"""Analysers for the worker-death tests: a blank German pipeline plus one hostile component.

``make_analyzer`` ends its whole process with ``os._exit(1)`` (no exception, no cleanup: like a
segfault or the OOM killer) on a text containing the marker word; ``make_hanging_analyzer``
loops forever on it instead.  ``make_dying_analyzer`` dies while it is being built.
"""

from __future__ import annotations

import os
import time

import spacy
from spacy.language import Language

from lagebild.extensions import register_extensions
from lagebild.pipeline import Analyzer

MARKER = "Giftwort"


@Language.component("test_worker_killer")
def worker_killer(doc):
    if MARKER in doc.text:
        os._exit(1)
    return doc


@Language.component("test_worker_hang")
def worker_hang(doc):
    while MARKER in doc.text:
        time.sleep(0.05)
    return doc


def _build(component: str) -> Analyzer:
    register_extensions()
    nlp = spacy.blank("de")
    nlp.add_pipe(component)
    return Analyzer(nlp=nlp)


def make_analyzer(model=None):
    return _build("test_worker_killer")


def make_hanging_analyzer(model=None):
    return _build("test_worker_hang")


def make_dying_analyzer(model=None):
    os._exit(3)
