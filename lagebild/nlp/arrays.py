"""Token attributes of a whole Doc at once: ``Doc.to_array`` columns, and one lookup per
distinct value when a column of ids becomes strings (a news text repeats most of its words).

The rule components ask the same questions about every token of a Doc in their loops; reading
the answers here is cheaper than making a ``Token`` object per question.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc

T = TypeVar("T")

__all__ = ["POS_NAMES", "columns", "read"]


def columns(doc: Doc, names: Sequence[str]) -> list[list[int]]:
    """One list per attribute name (``"LOWER"``, ``"POS"``, …), by token index."""
    if not len(doc):
        return [[] for _ in names]
    array = doc.to_array(list(names))
    if array.ndim == 1:  # spaCy gives one attribute as a flat array, even in a list
        return [array.tolist()]
    return array.T.tolist()


def read(values: list[int], name: Callable[[int], T]) -> list[T]:
    """``[name(v) for v in values]``, calling ``name`` once per distinct value."""
    found = {value: name(value) for value in set(values)}
    return [found[value] for value in values]
