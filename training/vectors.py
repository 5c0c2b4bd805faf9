"""Static word vectors for the tok2vec layer, trained here on unannotated text.

No German vectors can be downloaded at run time, so the recipe trains its own: word2vec
(skip-gram, gensim) over every modern and 19th-century German text in ``../shared/data`` that is
not an evaluation part — news (german-news), speeches, SmartData and MobIE documents, Wikinews
train articles, PCC texts, all legal sentences and the Redewiedergabe corpus (normalised
tokens).  GermEval, GSD, KRAUTS and the other evaluation texts are never read.  Only the
annotation-free text is used; labels are ignored.

Tokens come from lagebild's own tokenizer, so the vector keys match what the pipeline sees.
The most frequent ``--rows`` words are kept (``spacy init vectors --prune``), which bounds the
model's size.

Usage: python vectors.py --data ../../shared/data --out corpus/vectors [--dims 96 --rows 40000]
Then: python -m spacy init vectors de corpus/vectors/vectors.txt corpus/vectors/model
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import time
from collections.abc import Iterator
from pathlib import Path

from convert.raw import legal_token_sentences, paragraphs

LOG = logging.getLogger("vectors")


def conll_sentences(path: Path, *, sep: str = "\t") -> Iterator[list[str]]:
    words: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            continue
        if line.strip():
            words.append(line.split(sep)[0])
        elif words:
            yield words
            words = []


def redewiedergabe_sentences(root: Path) -> Iterator[list[str]]:
    for path in sorted(root.glob("*/*.tsv")):
        if path.name == "metadata.tsv":
            continue
        with path.open(encoding="utf-8") as handle:
            reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = next(reader, None)
            if not header or "normtok" not in header:
                continue
            idx = {name: i for i, name in enumerate(header)}
            sent: list[str] = []
            for cols in reader:
                if len(cols) < len(header):
                    continue
                word = cols[idx["normtok"]] or cols[idx["tok"]]
                if cols[idx["sentstart"]] == "yes" and sent:
                    yield sent
                    sent = []
                if word and " " not in word:
                    sent.append(word)
            if sent:
                yield sent


def sentences(data: Path) -> Iterator[list[str]]:
    """Every training sentence as a token list (raw text through lagebild's tokenizer)."""
    import spacy

    from lagebild.nlp.tokenizer import customize_tokenizer

    nlp = customize_tokenizer(spacy.blank("de"))
    texts = (p for text in paragraphs(data) for p in text.split("\n") if p.strip())
    for doc in nlp.tokenizer.pipe(texts, batch_size=256):
        words = [t.text for t in doc if not t.is_space]
        if words:
            yield words
    yield from legal_token_sentences(data)
    yield from conll_sentences(data / "ner-mobie-de" / "conll" / "train.conll2003")
    yield from redewiedergabe_sentences(data / "redewiedergabe")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--dims", type=int, default=96)
    parser.add_argument("--rows", type=int, default=40_000)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    from gensim.models import Word2Vec

    started = time.time()
    sents = list(sentences(args.data))
    n_words = sum(len(s) for s in sents)
    LOG.info("%d sentences, %d tokens read in %.0f s", len(sents), n_words, time.time() - started)
    model = Word2Vec(
        sentences=sents,
        vector_size=args.dims,
        window=5,
        min_count=args.min_count,
        sg=1,
        negative=10,
        sample=1e-4,
        epochs=args.epochs,
        workers=args.workers,
        seed=11,
    )
    args.out.mkdir(parents=True, exist_ok=True)
    keys = [k for k in model.wv.index_to_key if not any(c.isspace() for c in k)][: args.rows]
    with (args.out / "vectors.txt").open("w", encoding="utf-8") as handle:
        handle.write(f"{len(keys)} {args.dims}\n")
        for key in keys:
            values = " ".join(f"{x:.5f}" for x in model.wv[key])
            handle.write(f"{key} {values}\n")
    stats = {"sentences": len(sents), "tokens": n_words, "vocab": len(model.wv), "rows": len(keys)}
    stats["seconds"] = round(time.time() - started)
    (args.out / "stats.json").write_text(json.dumps(stats, indent=1) + "\n", encoding="utf-8")
    LOG.info("%s", stats)


if __name__ == "__main__":
    main()
