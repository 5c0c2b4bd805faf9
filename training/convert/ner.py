"""NER corpora → spaCy DocBins with the labels PER, LOC, ORG, MISC.

Sources and label maps (anything not listed becomes O; ``None`` means "annotation missing",
i.e. the tokens are neither entity nor O for training):
  GermEval 2014 dev (fixed split: see GERMEVAL_* below), SmartData v1 (news + RSS + tweets),
  German legal NER (LER; a sample of sentences that contain PER/LOC/ORG).
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.util import filter_spans

from lagebild.evaluation.splits import GERMEVAL_HELDOUT, GERMEVAL_TRAIN, GERMEVAL_TUNE, write_slice

# GermEval 2014 dev has 2,200 sentences (file order), see lagebild/evaluation/splits.py:
#   [0, 1300) train   [1300, 1500) tune   [1500, 2200) HELD OUT (report only)

SMARTDATA_MAP: dict[str, str | None] = {
    "person": "PER",
    "location": "LOC",
    "location-city": "LOC",
    "location-street": "LOC",
    "location-stop": None,
    "location-route": None,
    "organization": "ORG",
    "organization-company": "ORG",
}

LEGAL_MAP: dict[str, str | None] = {
    "PER": "PER",
    "RR": "PER",
    "AN": "PER",
    "LD": "LOC",
    "ST": "LOC",
    "STR": "LOC",
    "LDS": "LOC",
    "ORG": "ORG",
    "UN": "ORG",
    "INN": "ORG",
    "GRT": "ORG",
    "MRK": None,
    "GS": None,
    "VO": None,
    "EUN": None,
    "VS": None,
    "VT": None,
    "RS": None,
    "LIT": None,
}


# GermEval marks adjectives derived from names (deutsche, Berliner) as LOCderiv etc.; the other
# corpora leave them O.  In those corpora such adjectives are set to "missing" instead of O, so
# they do not teach the opposite of GermEval's convention.
DERIV_RE = re.compile(r"^[A-ZÄÖÜa-zäöü][a-zäöüß]+isch(e|en|er|es|em)?$")

# HIPE-2022 is NOT used by default: its spans include titles and functions ("Admirals X"),
# which contradicts GermEval's exact spans.  hipe_docs() is kept for experiments.
HIPE_MAP: dict[str, str | None] = {"pers": "PER", "loc": "LOC", "org": "ORG", "prod": None, "time": "O"}


def cap_tokens(docs: list[Doc], max_tokens: int | None) -> list[Doc]:
    """The first docs until ``max_tokens`` tokens are reached (None: all)."""
    if max_tokens is None:
        return docs
    kept, total = [], 0
    for doc in docs:
        if total >= max_tokens:
            break
        kept.append(doc)
        total += len(doc)
    return kept


def germeval_label(tag: str) -> str:
    """Map a GermEval outer label (``B-LOCderiv`` …) to PER/LOC/ORG/MISC; ``O`` stays."""
    if tag == "O":
        return "O"
    prefix, label = tag.split("-", 1)
    label = label.replace("deriv", "").replace("part", "")
    return f"{prefix}-{'MISC' if label == 'OTH' else label}"


def read_germeval(path: Path) -> list[tuple[list[str], list[str]]]:
    """Sentences of a GermEval TSV as (words, outer IOB tags) with mapped labels."""
    sents: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if not line.strip():
            if words:
                sents.append((words, tags))
            words, tags = [], []
            continue
        cols = line.split("\t")
        words.append(cols[1])
        tags.append(germeval_label(cols[2]))
    if words:
        sents.append((words, tags))
    return sents


def _iob_doc(
    nlp: Language,
    words: list[str],
    tags: list[str],
    *,
    spaces: list[bool] | None = None,
    deriv_missing: bool = False,
) -> Doc:
    doc = Doc(nlp.vocab, words=words, spaces=spaces or [True] * (len(words) - 1) + [False])
    spans: list[Span] = []
    missing: list[int] = []
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        inside = tag.startswith("I-") and label == tag[2:]
        if start is not None and not inside:
            if label is None:
                missing.extend(range(start, i))
            else:
                spans.append(Span(doc, start, i, label=label))
            start, label = None, None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, label = i, tag[2:]
            if label == "MISSING":
                label = None
    if deriv_missing:
        taken = {i for span in spans for i in range(span.start, span.end)}
        missing.extend(t.i for t in doc if t.i not in taken and DERIV_RE.match(t.text))
    doc.set_ents(spans, missing=[doc[i : i + 1] for i in sorted(set(missing))], default="outside")
    return doc


def germeval_docs(nlp: Language, path: Path, part: tuple[int, int | None]) -> list[Doc]:
    sents = read_germeval(path)[slice(*part)]
    return [_iob_doc(nlp, words, tags) for words, tags in sents]


write_germeval_slice = write_slice


def smartdata_docs(nlp: Language, path: Path, *, sources: set[str]) -> list[Doc]:
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["source"] not in sources:
            continue
        doc = nlp.make_doc(record["text"])
        spans, missing = [], []
        for ent in record["entities"]:
            if ent["label"] not in SMARTDATA_MAP:
                continue
            span = doc.char_span(ent["start"], ent["end"], alignment_mode="expand")
            if span is None or any(t.is_space for t in span) or span.text != span.text.strip():
                continue
            label = SMARTDATA_MAP[ent["label"]]
            (missing if label is None else spans).append(Span(doc, span.start, span.end, label=label or ""))
        spans = filter_spans(spans)
        taken = {i for s in spans for i in range(s.start, s.end)}
        missing = [s for s in missing if not any(i in taken for i in range(s.start, s.end))]
        missing += [doc[t.i : t.i + 1] for t in doc if t.i not in taken and DERIV_RE.match(t.text)]
        doc.set_ents(spans, missing=filter_spans(missing), default="outside")
        docs.append(doc)
    return docs


def read_legal(path: Path) -> list[tuple[list[str], list[str]]]:
    sents, words, tags = [], [], []
    for line in path.read_text(encoding="utf-8").replace("\r", "").splitlines():
        if not line.strip():
            if words:
                sents.append((words, tags))
            words, tags = [], []
            continue
        word, _, tag = line.rpartition(" ")
        if tag != "O":
            prefix, fine = tag.split("-", 1)
            mapped = LEGAL_MAP.get(fine)
            tag = f"{prefix}-{mapped or 'MISSING'}"
        words.append(word)
        tags.append(tag)
    if words:
        sents.append((words, tags))
    return sents


def legal_docs(nlp: Language, folder: Path, *, limit: int, seed: int = 1) -> list[Doc]:
    useful = []
    for path in sorted(folder.glob("*.conll")):
        for words, tags in read_legal(path):
            if any(t[2:] in {"PER", "LOC", "ORG"} for t in tags):
                useful.append((words, tags))
    random.Random(seed).shuffle(useful)
    return [_iob_doc(nlp, w, t, deriv_missing=True) for w, t in useful[:limit]]


def read_hipe(path: Path) -> list[tuple[list[str], list[str], list[bool]]]:
    """HIPE-2022 TSV → sentences (words, mapped IOB tags, spaces) from EndOfSentence marks."""
    sents, words, tags, spaces = [], [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("TOKEN\t"):
            continue
        cols = line.split("\t")
        if len(cols) < 10:
            continue
        tag = cols[1]
        if tag != "O":
            prefix, coarse = tag.split("-", 1)
            mapped = HIPE_MAP.get(coarse.lower())
            tag = "O" if mapped == "O" else f"{prefix}-{mapped or 'MISSING'}"
        words.append(cols[0])
        tags.append(tag)
        spaces.append("NoSpaceAfter" not in cols[9])
        if "EndOfSentence" in cols[9] or len(words) >= 120:
            sents.append((words, tags, spaces))
            words, tags, spaces = [], [], []
    if words:
        sents.append((words, tags, spaces))
    return sents


def hipe_docs(nlp: Language, folder: Path, names: tuple[str, ...], *, chunk: int = 8) -> list[Doc]:
    docs = []
    for name in names:
        sents = [s for s in read_hipe(folder / name) if len(s[0]) >= 3]
        for i in range(0, len(sents), chunk):
            group = sents[i : i + chunk]
            words = [w for s in group for w in s[0]]
            tags = [t for s in group for t in s[1]]
            spaces = [sp for s in group for sp in s[2]]
            docs.append(_iob_doc(nlp, words, tags, spaces=spaces, deriv_missing=True))
    return docs


def convert(
    data: Path,
    out: Path,
    nlp: Language,
    *,
    legal_limit: int = 4000,
    legal_tokens: int | None = 60_000,
    smartdata_tokens: int | None = 120_000,
    germeval_copies: int = 3,
    train_heldout: bool = False,
) -> dict[str, int]:
    germeval = data / "germeval2014" / "NER-de-dev.tsv"
    counts = {
        "germeval_heldout": write_germeval_slice(
            germeval, out / "eval" / "germeval-heldout.tsv", GERMEVAL_HELDOUT
        )
    }
    write_germeval_slice(germeval, out / "eval" / "germeval-tune.tsv", GERMEVAL_TUNE)
    parts = {
        # GermEval is the only corpus with the target conventions: upsampled (copies)
        "train/ner_germeval.spacy": (
            germeval_docs(nlp, germeval, GERMEVAL_TRAIN)
            + (germeval_docs(nlp, germeval, GERMEVAL_HELDOUT) if train_heldout else [])
        )
        * germeval_copies,
        "dev/ner_germeval_tune.spacy": germeval_docs(nlp, germeval, GERMEVAL_TUNE),
        # SmartData: news excerpts and tweets (traffic RSS reports left out: news should dominate)
        "train/ner_smartdata.spacy": cap_tokens(
            smartdata_docs(
                nlp, data / "ner-smartdata-de" / "smartdata_v1_train.jsonl", sources={"news", "tweet"}
            )
            + smartdata_docs(
                nlp, data / "ner-smartdata-de" / "smartdata_v1_test.jsonl", sources={"news", "tweet"}
            ),
            smartdata_tokens,
        ),
        "train/ner_legal.spacy": cap_tokens(
            legal_docs(nlp, data / "ner-legal-de" / "courts", limit=legal_limit), legal_tokens
        ),
    }
    for name, docs in parts.items():
        DocBin(docs=docs, store_user_data=False).to_disk(out / name)
        counts[name] = len(docs)
    return counts
