"""Raw modern German text for ``spacy pretrain`` (JSONL ``{"text": ...}``, one paragraph a line).

Sources: german-news (10kGNAD), raw-political-speeches-de, Wikinews quotation train articles,
SmartData documents, PCC primary texts and a sample of legal sentences.  No annotation is used.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path


def _jsonl_texts(path: Path, key: str) -> Iterator[str]:
    for line in path.read_text(encoding="utf-8").splitlines():
        yield json.loads(line)[key]


def paragraphs(data: Path) -> Iterator[str]:
    yield from _jsonl_texts(data / "german-news" / "10kGNAD_test_shared.jsonl", "text")
    yield from _jsonl_texts(data / "raw-political-speeches-de" / "speeches.jsonl", "text")
    for name in ("smartdata_v1_train.jsonl", "smartdata_v1_test.jsonl"):
        yield from _jsonl_texts(data / "ner-smartdata-de" / name, "text")
    for path in sorted((data / "quotes-de" / "wikinews-quotation-attribution-2024" / "train").glob("*.json")):
        yield json.loads(path.read_text(encoding="utf-8")).get("originalText", "")
    for path in sorted((data / "pcc-2.2" / "primary-data").glob("*.txt")):
        yield path.read_text(encoding="utf-8")


def legal_token_sentences(data: Path) -> Iterator[list[str]]:
    """The tokens of every sentence of the legal NER corpus (court decisions), in file order."""
    words: list[str] = []
    for path in sorted((data / "ner-legal-de" / "courts").glob("*.conll")):
        for line in path.read_text(encoding="utf-8").replace("\r", "").splitlines():
            if line.strip():
                words.append(line.rpartition(" ")[0])
            elif words:
                yield words
                words = []


def legal_sentences(data: Path, *, limit: int, seed: int = 5) -> list[str]:
    sents = [" ".join(words) for words in legal_token_sentences(data)]
    random.Random(seed).shuffle(sents)
    return sents[:limit]


def convert(data: Path, out: Path, *, legal_limit: int = 10_000) -> dict[str, int]:
    count = words = 0
    with (out / "raw.jsonl").open("w", encoding="utf-8") as handle:
        texts = [p for text in paragraphs(data) for p in text.split("\n") if len(p.split()) >= 4]
        texts += legal_sentences(data, limit=legal_limit)
        for text in texts:
            handle.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
            count += 1
            words += len(text.split())
    return {"raw_paragraphs": count, "raw_words": words}
