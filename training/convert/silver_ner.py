"""SILVER NER data: modern news sentences annotated by careful reading (``silver/ner_news.tsv``).

The annotation is stand-off: the texts stay in ``../shared/data/german-news`` and the file
holds, per sentence, the article id, the sentence's character range and the entities as
``start:end:LABEL`` character ranges of the article text (labels PER, LOC, ORG, MISC; GermEval
2014 conventions, outer level, ``*deriv``/``*part`` merged into their base type).  How it was
made and how well it agrees with gold: ``silver/README.md``.

Every sentence is fully annotated, so tokens outside entities are O.  An entity whose edges
fall inside a token (our tokenizer splits differently) makes its tokens *missing*, not O.
"""

from __future__ import annotations

import html
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin

LABELS = ("PER", "LOC", "ORG", "MISC")
SILVER = Path(__file__).resolve().parent.parent / "silver"
STANDOFF = SILVER / "ner_news.tsv"
#: stand-off file -> training file it becomes
STANDOFFS = {"ner_news.tsv": "ner_silver_news.spacy", "ner_other.tsv": "ner_silver_other.spacy"}

Entity = tuple[int, int, str]


def read_standoff(path: Path) -> Iterator[tuple[str, int, int, list[Entity]]]:
    """(article id, sentence start, sentence end, entities) per line of the stand-off file."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        article, start, end, ents = line.split("\t")
        entities: list[Entity] = []
        if ents != "-":
            for item in ents.split(","):
                left, right, label = item.split(":")
                if label not in LABELS:
                    raise ValueError(f"unknown label {label!r} in {path}")
                entities.append((int(left), int(right), label))
        yield article, int(start), int(end), entities


def articles(data: Path) -> dict[str, str]:
    """Texts the stand-off files point into: german-news by its ids, plus :func:`other_texts`."""
    path = data / "german-news" / "10kGNAD_test_shared.jsonl"
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {**{row["id"]: row["text"] for row in rows}, **other_texts(data)}


def other_texts(data: Path) -> dict[str, str]:
    """Encyclopedic and newspaper texts beside german-news, as ``folder/name`` -> text.

    WikiWarsDE (German Wikipedia history articles, CC BY-SA 3.0) and the KRAUTS news documents
    (Die Zeit, Dolomiten; CC BY-NC 4.0), both shipped in ``temporal-de`` with their time
    annotation stripped: the body between ``<TEXT>`` and ``</TEXT>``, entities unescaped.
    """
    root = data / "temporal-de"
    files = [("wikiwarsde", path) for path in sorted((root / "wikiwarsde" / "in").glob("*.sgm"))]
    files += [
        (f"krauts/{path.parent.parent.name}", path)
        for path in sorted((root / "krauts").glob("*/raw-text/*.tml"))
    ]
    texts = {}
    for folder, path in files:
        raw = path.read_text(encoding="utf-8")
        match = re.search(r"<TEXT>(.*?)</TEXT>", raw, flags=re.S)
        if match:
            body = re.sub(r"<[^>]+>", "", match.group(1))
            texts[f"{folder}/{path.stem}"] = html.unescape(body).strip()
    return texts


def shuffled_articles(data: Path, seed: int = 11) -> list[tuple[str, str]]:
    """(id, text) of every german-news article, in the fixed order the silver samples draw from."""
    items = list(articles(data).items())
    random.Random(seed).shuffle(items)
    return items


def sentence_doc(nlp: Language, text: str, offset: int, entities: list[Entity]) -> Doc:
    """The sentence ``text`` (starting at ``offset`` in its article) with its entities set."""
    doc = nlp.make_doc(text)
    spans, missing = [], []
    for start, end, label in entities:
        span = doc.char_span(start - offset, end - offset, label=label)
        if span is not None:
            spans.append(span)
        else:
            loose = doc.char_span(start - offset, end - offset, alignment_mode="expand")
            if loose is not None:
                missing.append(loose)
    taken = {i for span in spans for i in range(span.start, span.end)}
    missing = [span for span in missing if not any(i in taken for i in range(span.start, span.end))]
    doc.set_ents(spans, missing=missing, default="outside")
    return doc


def silver_ner_docs(nlp: Language, data: Path, path: Path = STANDOFF) -> list[Doc]:
    texts = articles(data)
    docs = []
    for article, start, end, entities in read_standoff(path):
        text = texts.get(article)
        if text is None:
            continue
        docs.append(sentence_doc(nlp, text[start:end], start, entities))
    return docs


def convert(data: Path, out: Path, nlp: Language) -> dict[str, int]:
    counts = {}
    for name, target in STANDOFFS.items():
        if (SILVER / name).exists():
            docs = silver_ner_docs(nlp, data, SILVER / name)
            DocBin(docs=docs, store_user_data=False).to_disk(out / "train" / target)
            counts[f"train/{target}"] = len(docs)
    return counts
