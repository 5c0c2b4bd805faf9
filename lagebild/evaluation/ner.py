"""NER evaluation on GermEval 2014 TSV (outer level, exact span match).

Gold labels: PER, LOC, ORG, OTH (reported as MISC); ``*deriv`` and ``*part`` count as their
base type.  Each sentence's tokens are joined with spaces and run through ``nlp``; spans are
compared by character offsets and label, so tokenisation errors count as misses.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from spacy.language import Language

from lagebild.errors import E, InputError

TYPES = ("PER", "LOC", "ORG", "MISC")
LABEL_MAP = {
    "OTH": "MISC",
    "MISC": "MISC",
    "PER": "PER",
    "LOC": "LOC",
    "ORG": "ORG",
    "PERSON": "PER",
    "GPE": "LOC",
}

Span = tuple[int, int, str]


def base_label(label: str) -> str:
    """``LOCderiv`` → ``LOC``, ``OTH`` → ``MISC``; unknown labels are returned unchanged."""
    for suffix in ("deriv", "part"):
        if label.endswith(suffix):
            label = label[: -len(suffix)]
    return LABEL_MAP.get(label, label)


def read_germeval(path: Path) -> list[tuple[list[str], list[str]]]:
    """(tokens, outer IOB tags) per sentence; ``#`` lines are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(E.E501.format(path=path), code="E501") from err
    sents: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    tags: list[str] = []
    for line in [*lines, ""]:
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 3:
            if words:
                sents.append((words, tags))
            words, tags = [], []
            continue
        words.append(cols[1])
        tags.append(cols[2])
    return sents


def gold_spans(words: list[str], tags: list[str]) -> tuple[str, set[Span]]:
    """The sentence text (tokens joined by spaces) and its gold character spans."""
    offsets, pos = [], 0
    for word in words:
        offsets.append((pos, pos + len(word)))
        pos += len(word) + 1
    spans: set[Span] = set()
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        kind, _, name = tag.partition("-")
        continues = kind == "I" and label == base_label(name)
        if start is not None and not continues:
            spans.add((offsets[start][0], offsets[i - 1][1], label))
            start, label = None, None
        if kind == "B" or (kind == "I" and start is None):
            start, label = i, base_label(name)
    return " ".join(words), spans


def _prf(tp: int, pred: int, gold: int) -> dict[str, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def evaluate_ner(nlp: Language, path: str | Path) -> dict[str, Any]:
    """Exact-match P/R/F1 overall and per type (PER, LOC, ORG, MISC)."""
    sents = read_germeval(Path(path))
    if not sents:
        raise InputError(E.E502.format(path=path), code="E502")
    golds = [gold_spans(words, tags) for words, tags in sents]
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for (_, gold), doc in zip(golds, nlp.pipe(text for text, _ in golds), strict=True):
        pred = {(ent.start_char, ent.end_char, base_label(ent.label_)) for ent in doc.ents}
        pred = {span for span in pred if span[2] in TYPES}
        for label in TYPES:
            g = {s for s in gold if s[2] == label}
            p = {s for s in pred if s[2] == label}
            tp[label] += len(g & p)
            n_pred[label] += len(p)
            n_gold[label] += len(g)
    result: dict[str, Any] = _prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    result["per_type"] = {label: _prf(tp[label], n_pred[label], n_gold[label]) for label in TYPES}
    result["sentences"] = len(sents)
    return result
