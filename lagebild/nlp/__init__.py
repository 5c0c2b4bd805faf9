"""The German language core: loading the shipped spaCy pipeline (or a user's).

``load()`` returns the pipeline with lagebild's language components added:
``lagebild_segment_v1`` (line-based sentence starts, before the parser),
``lagebild_lemmas_v1`` (dictionary lemmas, in place of a model's ``trainable_lemmatizer`` when the
model's ``meta.json`` asks for it, and in pipelines without a lemmatizer),
``lagebild_mood_v1`` (Konjunktiv → ``Mood=Sub``; after the last of parser, tagger,
morphologizer, attribute ruler and lemmatizer, because it reads subjects, POS and lemmas) and ``lagebild_ner_gazetteer_v1``
(known names from the place gazetteer and the actor KB correct the statistical NER; after ``ner``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from lagebild.errors import E, ModelError
from lagebild.nlp import gazetteer_ner as _gazetteer_ner  # registers the NER gazetteer (FACTORY used below)
from lagebild.nlp import lemmas as _lemmas  # registers lagebild_lemmas_v1 (FACTORY used below)
from lagebild.nlp import mood as _mood  # noqa: F401  (registers lagebild.mood.v1)
from lagebild.nlp import segment as _segment  # noqa: F401  (registers lagebild.segment.v1)
from lagebild.nlp import tokenizer as _tokenizer  # noqa: F401  (registers the tokenizer callback)
from lagebild.nlp.ops import model_ops
from lagebild.paths import DEFAULT_MODEL_DIR

MOOD = "lagebild_mood_v1"
SEGMENT = "lagebild_segment_v1"
NER_GAZETTEER = _gazetteer_ner.FACTORY
LEMMAS = _lemmas.FACTORY
LEMMATIZERS = ("lemmatizer", "trainable_lemmatizer")
_LEMMAS_AFTER = ("attribute_ruler", "morphologizer", "tagger")
# the mood layer reads subjects, POS, morphology and lemmas: it follows the last of these
_MOOD_AFTER = ("parser", "morphologizer", "tagger", "attribute_ruler", LEMMAS, *LEMMATIZERS)
SERIALIZED_TOKENIZER = "lagebild.serialized_tokenizer.v1"


def _resolve(model: str | None) -> str | Path:
    if model is None:
        if not (DEFAULT_MODEL_DIR / "config.cfg").exists():
            raise ModelError(E.E201.format(path=DEFAULT_MODEL_DIR), code="E201")
        return DEFAULT_MODEL_DIR
    return model


def load(model: str | None = None, *, exclude: Iterable[str] = ()) -> Language:
    """Load the shipped German pipeline (offline) or a spaCy pipeline name/path.

    Adds ``lagebild_segment_v1``, ``lagebild_mood_v1`` and ``lagebild_ner_gazetteer_v1`` unless
    present or excluded.
    Raises :class:`~lagebild.errors.ModelError` (E201/E202) when the model is missing.
    """
    exclude = list(exclude)
    target = _resolve(model)
    if LEMMAS not in exclude and _model_meta(target).get("lagebild_lemmas") == "lexicon":
        exclude.append("trainable_lemmatizer")  # the model declares: lemmas from the dictionary
    config = {}
    if (Path(target) / "tokenizer").is_file():  # rules come from disk: skip building the defaults
        config = {"nlp": {"tokenizer": {"@tokenizers": SERIALIZED_TOKENIZER}}}
    try:
        with model_ops():  # numpy's BLAS, one thread (ops.py): thinc keeps the ops a model is built with
            nlp = spacy.load(
                target, exclude=[name for name in exclude if not name.startswith("lagebild_")], config=config
            )
    except (OSError, ValueError, KeyError) as err:
        raise ModelError(E.E202.format(name=str(target), error=err), code="E202") from err
    add_language_components(nlp, exclude=exclude)
    return nlp


def _model_meta(target: str | Path) -> dict[str, object]:
    """The ``meta.json`` of a pipeline directory ({} for package names or unreadable files)."""
    try:
        meta = json.loads((Path(target) / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def add_language_components(nlp: Language, *, exclude: Iterable[str] = ()) -> Language:
    """Add lemma/segment/mood/NER-gazetteer components in their places (idempotent)."""
    exclude = set(exclude)
    if LEMMAS not in nlp.pipe_names and LEMMAS not in exclude and not set(LEMMATIZERS) & set(nlp.pipe_names):
        anchor = next((name for name in _LEMMAS_AFTER if name in nlp.pipe_names), None)
        if anchor is not None:
            nlp.add_pipe(LEMMAS, after=anchor)
        else:
            nlp.add_pipe(LEMMAS, first=True)
    if NER_GAZETTEER not in nlp.pipe_names and NER_GAZETTEER not in exclude and "ner" in nlp.pipe_names:
        nlp.add_pipe(NER_GAZETTEER, after="ner")
    if SEGMENT not in nlp.pipe_names and SEGMENT not in exclude and "parser" in nlp.pipe_names:
        nlp.add_pipe(SEGMENT, before="parser")
    if MOOD not in nlp.pipe_names and MOOD not in exclude:
        names = list(nlp.pipe_names)
        anchor = max((name for name in _MOOD_AFTER if name in names), key=names.index, default=None)
        if anchor is not None:
            nlp.add_pipe(MOOD, after=anchor)
        else:
            nlp.add_pipe(MOOD, last=True)
    return nlp


@lru_cache(maxsize=2)
def load_cached(model: str | None = None) -> Language:
    """``load()`` memoised per model name: the one explicit cache."""
    return load(model)
