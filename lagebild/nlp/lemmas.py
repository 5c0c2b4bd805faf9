"""``lagebild_lemmas_v1``: lemmas from simplemma's German dictionary.

The shipped model's statistical lemmatizer learned from some 100,000 tokens; simplemma's
dictionary (1.1 million forms, with compound decomposition for the rest) is right more often:
on the UD German-GSD parts lagebild evaluates on, 0.979 against 0.955 (held-out part) and 0.959
against 0.940 (tuning part), see ``training/README.md``.  A model declares in its ``meta.json``
(``"lagebild_lemmas": "lexicon"``) that its lemmas come from here; :func:`lagebild.nlp.load` then
leaves its ``trainable_lemmatizer`` out and adds this component in its place.  A user's pipeline
without any lemmatizer gets it too.

Two things are added to the dictionary lookup: a capitalised word that the tagger calls neither
noun nor name is looked up in lower case (``Rund`` at a sentence start is ``rund``), and the
exceptions in ``lagebild/lang/de/lemma_exceptions.tsv`` come first (a contraction of preposition
and article has the preposition as its lemma: ``im`` → ``in``).
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import numpy
from spacy.attrs import LEMMA, ORTH, POS
from spacy.language import Language
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc

from lagebild.errors import DataError, E
from lagebild.paths import LANG_DE_DIR
from lagebild.settings import MEMO_SIZE

from .wordlist import lemmatize

EXCEPTIONS = LANG_DE_DIR / "lemma_exceptions.tsv"

FACTORY = "lagebild_lemmas_v1"
NAMES = frozenset({"NOUN", "PROPN"})
KEEP = frozenset({"PUNCT", "SPACE", "SYM"})


@lru_cache(maxsize=4)
def read_exceptions(path: Path = EXCEPTIONS) -> dict[tuple[str, str], str]:
    """``(lower-cased form, UPOS or "*") → lemma`` from the exceptions file."""
    try:
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))
    except OSError as err:
        raise DataError(E.E301.format(path=path, error=err), code="E301") from err
    table: dict[tuple[str, str], str] = {}
    for row in rows:
        if not (row.get("form") and row.get("pos") and row.get("lemma")):
            raise DataError(E.E301.format(path=path, error=f"bad row {row}"), code="E301")
        table[row["form"].lower(), row["pos"]] = row["lemma"]
    return table


@lru_cache(maxsize=MEMO_SIZE)
def lemma_for(text: str, pos: str) -> str:
    """The dictionary lemma of a word with part of speech ``pos`` ("" when untagged)."""
    exceptions = read_exceptions()
    lower = text.lower()
    found = exceptions.get((lower, pos)) or exceptions.get((lower, "*"))
    if found is not None:
        return found
    if pos in KEEP or not any(char.isalpha() for char in text):
        return text
    if text[:1].isupper() and not text.isupper() and pos and pos not in NAMES:
        return lemmatize(text.lower())
    return lemmatize(text)


class LexiconLemmatizer:
    """Sets ``token.lemma_`` for every token (``overwrite=False``: only where none is set)."""

    def __init__(self, name: str = FACTORY, *, overwrite: bool = True) -> None:
        self.name = name
        self.overwrite = overwrite

    def __call__(self, doc: Doc) -> Doc:
        # one pass over the Doc's arrays, no Token objects: this runs on every word of a batch
        strings = doc.vocab.strings
        table = doc.to_array([ORTH, POS, LEMMA])
        lemmas = [
            strings.add(lemma_for(strings[orth], POS_NAMES.get(pos, "")))
            if self.overwrite or not lemma
            else lemma
            for orth, pos, lemma in table.tolist()
        ]
        doc.from_array([LEMMA], numpy.array(lemmas, dtype=numpy.uint64).reshape(-1, 1))  # type: ignore[arg-type]
        return doc


@Language.factory(FACTORY, default_config={"overwrite": True})
def make_lexicon_lemmatizer(nlp: Language, name: str, overwrite: bool) -> LexiconLemmatizer:
    return LexiconLemmatizer(name, overwrite=overwrite)
