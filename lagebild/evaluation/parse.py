"""Parse evaluation against a CoNLL-U treebank, from RAW text through the full pipeline.

Each document (``# newdoc`` group, or chunks of 10 sentences when there are no document
markers) is rebuilt from its ``# text`` lines and run through ``nlp``; predictions are aligned
to gold with spaCy's ``Example`` so tokenisation and sentence-splitting errors count.
UAS/LAS include punctuation (as in the CoNLL 2018 shared task); multi-word tokens are merged
as described in :mod:`lagebild.nlp.conllu`.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc, Token
from spacy.training import Example

from lagebild.errors import E, InputError
from lagebild.nlp.conllu import Sentence, group_documents, read_sentences, sentences_to_doc

CHUNK = 10


def _dep_getter(token: Token, attr: str) -> str:
    label = getattr(token, attr)
    return "ROOT" if label.lower() == "root" else label


def _morph_getter(token: Token, attr: str) -> str:
    return str(token.morph)


def _raw_text(group: list[Sentence], gold: Doc) -> str:
    texts = [sent.text for sent in group]
    if all(texts):
        return " ".join(t for t in texts if t)
    return gold.text


def _load(path: Path, limit: int | None) -> list[list[Sentence]]:
    try:
        sents = list(read_sentences(path))
    except (OSError, ValueError, IndexError, KeyError) as err:
        raise InputError(E.E501.format(path=path), code="E501") from err
    if limit is not None:
        sents = sents[:limit]
    if not sents:
        raise InputError(E.E502.format(path=path), code="E502")
    return group_documents(sents, chunk=CHUNK)


def mood_sub_counts(example: Example) -> tuple[int, int, int]:
    """(true positives, predicted, gold) for ``Mood=Sub`` over aligned tokens."""
    aligned = example.get_aligned("MORPH", as_string=True)
    predicted = tp = 0
    for token, gold in zip(example.predicted, aligned, strict=True):
        pred_sub = "Mood=Sub" in str(token.morph)
        predicted += pred_sub
        tp += pred_sub and gold is not None and "Mood=Sub" in gold
    gold_total = sum("Mood=Sub" in str(token.morph) for token in example.reference)
    return tp, predicted, gold_total


def _f1(tp: int, predicted: int, gold: int) -> float:
    if not predicted and not gold:
        return 1.0
    return 2 * tp / (predicted + gold) if predicted + gold else 0.0


def evaluate_parse(nlp: Language, path: str | Path, *, limit: int | None = None) -> dict[str, Any]:
    """Score ``nlp`` on a CoNLL-U file: UPOS, XPOS, morph, Mood=Sub F1, lemma, UAS, LAS, sents."""
    groups = _load(Path(path), limit)
    golds = [sentences_to_doc(nlp.vocab, group) for group in groups]
    texts = [_raw_text(group, gold) for group, gold in zip(groups, golds, strict=True)]
    start = time.perf_counter()
    preds = list(nlp.pipe(texts))
    seconds = time.perf_counter() - start
    examples = [Example(pred, gold) for pred, gold in zip(preds, golds, strict=True)]
    scores: dict[str, Any] = {}
    scores.update(Scorer.score_token_attr(examples, "pos"))
    scores.update(Scorer.score_token_attr(examples, "tag"))
    scores.update(Scorer.score_token_attr(examples, "morph", getter=_morph_getter))
    scores.update(Scorer.score_token_attr(examples, "lemma"))
    scores.update(Scorer.score_deps(examples, "dep_", getter=_dep_getter, ignore_labels=()))
    scores.update(
        Scorer.score_spans(examples, "sents", has_annotation=lambda doc: doc.has_annotation("SENT_START"))
    )
    counts = [mood_sub_counts(eg) for eg in examples]
    tokens = sum(len(gold) for gold in golds)
    return {
        "upos": scores.get("pos_acc"),
        "xpos": scores.get("tag_acc"),
        "morph": scores.get("morph_acc"),
        "mood_sub_f1": _f1(*(sum(c[i] for c in counts) for i in range(3))),
        "lemma": scores.get("lemma_acc"),
        "uas": scores.get("dep__uas", scores.get("dep_uas")),
        "las": scores.get("dep__las", scores.get("dep_las")),
        "sents_f": scores.get("sents_f"),
        "words_per_s": tokens / seconds if seconds else None,
        "sentences": sum(len(group) for group in groups),
        "tokens": tokens,
    }
