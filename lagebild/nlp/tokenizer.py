"""News-oriented tuning of spaCy's German tokenizer.

The changes are made on the tokenizer object itself (special cases), so they are serialised
with the pipeline by ``nlp.to_disk`` and the trained model loads them back without this
module.  Training applies them through the ``lagebild.tokenizer_setup.v1`` callback in
``[initialize.before_init]``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from lagebild.errors import DataError, E
from lagebild.paths import LANG_DE_DIR

ABBREVIATIONS_PATH = LANG_DE_DIR / "abbreviations.txt"


def read_abbreviations(path: Path = ABBREVIATIONS_PATH) -> list[str]:
    """Read one abbreviation per line; blank lines and ``#`` comments are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise DataError(E.E301.format(path=path, error=err), code="E301") from err
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def customize_tokenizer(nlp: Language, *, abbreviations: list[str] | None = None) -> Language:
    """Add lagebild's abbreviation special cases to ``nlp.tokenizer`` (idempotent)."""
    forms = read_abbreviations() if abbreviations is None else abbreviations
    for form in forms:
        nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    return nlp


@spacy.registry.callbacks("lagebild.tokenizer_setup.v1")
def make_tokenizer_setup() -> Callable[[Language], Language]:
    """Callback for ``[initialize.before_init]`` in the training config."""
    return customize_tokenizer


@spacy.registry.tokenizers("lagebild.serialized_tokenizer.v1")
def make_serialized_tokenizer() -> Callable[[Language], Tokenizer]:
    """A rule-less tokenizer for pipelines whose tokenizer is loaded from disk right after.

    ``spacy.load`` first builds the language's default tokenizer (compiling its affix regexes
    and about 900 special cases) and then replaces every rule with the serialised ones; building
    an empty one instead saves a third of a second on each start.  Only for a pipeline directory
    that has a serialised tokenizer (see :func:`lagebild.nlp.load`).
    """

    def create(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab)

    return create
