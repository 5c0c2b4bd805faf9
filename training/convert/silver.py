"""SILVER tagger/lemmatizer data: modern news and speeches tagged by HanTa.

The texts of ``german-news`` (10kGNAD, derStandard) and ``raw-political-speeches-de`` are
tokenised with lagebild's tokenizer, split with spaCy's rule-based sentencizer and tagged
(STTS + lemma) by the HanoverTagger.  This is machine output, not gold: it sets TAG and LEMMA
only, never POS/morph/deps/entities.  Capped at ``max_tokens`` so gold data keeps its weight.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from convert.tagged import STTS

_PAREN = re.compile(r"[()]")


def hanta_tag(tag: str, word: str) -> str:
    """``VV(FIN)`` → ``VVFIN``, ``ADJ(A)`` → ``ADJA``; dashes etc. → ``$(``; non-STTS → missing."""
    tag = _PAREN.sub("", tag)
    if tag == "XY" and not any(ch.isalnum() for ch in word):
        return "$("
    return tag if tag in STTS else ""


def texts(data: Path) -> Iterator[str]:
    for line in (data / "german-news" / "10kGNAD_test_shared.jsonl").read_text(encoding="utf-8").splitlines():
        yield json.loads(line)["text"]
    for line in (
        (data / "raw-political-speeches-de" / "speeches.jsonl").read_text(encoding="utf-8").splitlines()
    ):
        yield json.loads(line)["text"]


def silver_docs(nlp: Language, data: Path, *, max_tokens: int, chunk: int = 10, seed: int = 3) -> list[Doc]:
    from HanTa import HanoverTagger as ht

    tagger = ht.HanoverTagger("morphmodel_ger.pgz")
    all_texts = list(texts(data))
    random.Random(seed).shuffle(all_texts)
    docs: list[Doc] = []
    total = 0
    for doc in nlp.pipe(all_texts):
        sents = [[t.text for t in sent if not t.is_space] for sent in doc.sents]
        sents = [s for s in sents if 3 <= len(s) <= 80]
        for i in range(0, len(sents), chunk):
            group = sents[i : i + chunk]
            words, tags, lemmas, starts = [], [], [], []
            for sent in group:
                for j, (word, lemma, tag) in enumerate(tagger.tag_sent(sent, casesensitive=True)):
                    words.append(word)
                    tags.append(hanta_tag(tag, word))
                    lemmas.append(lemma if lemma != "--" else "")
                    starts.append(j == 0)
            docs.append(Doc(nlp.vocab, words=words, tags=tags, lemmas=lemmas, sent_starts=starts))
            total += len(words)
            if total >= max_tokens:
                return docs
    return docs


def convert(data: Path, out: Path, nlp: Language, *, max_tokens: int) -> dict[str, int]:
    if "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    docs = silver_docs(nlp, data, max_tokens=max_tokens)
    DocBin(docs=docs, store_user_data=False).to_disk(out / "train" / "silver_news.spacy")
    return {"train/silver_news.spacy": sum(len(d) for d in docs)}
