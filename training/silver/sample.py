"""Draw news sentences for silver NER annotation (see README.md).

Usage (the two rounds of ``ner_news.tsv``):
    python silver/sample.py --data DATA --out DIR --first 14 --per-batch 330 --batches 8 \
        --prefix 0 --germeval-check 15
    python silver/sample.py --data DATA --out DIR2 --skip 222 --first 20 --per-batch 750 \
        --batches 8 --prefix 10

and of ``ner_other.tsv`` (every sentence of the WikiWarsDE and KRAUTS texts):
    python silver/sample.py --data DATA --out DIR3 --source other --first 100000 \
        --per-batch 340 --batches 12 --prefix 20 --germeval-check 10

Articles of ``german-news`` (file order) are shuffled with a fixed seed; a batch takes whole
articles until it has ``--per-batch`` sentences: of each article's first ``--first`` sentences,
those of 4-70 tokens on one line.  Writes ``DIR/batch_NN.txt`` (``ID<TAB>
sentence``, what the annotators read) and ``DIR/mapping.json`` (ID -> article id and character
range).  With ``--germeval-check K``, K sentences of the GermEval *tuning* part are mixed into
every batch, unmarked, to measure the annotation against gold; they are never trained on.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import spacy

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent.parent))

from convert.silver_ner import other_texts, shuffled_articles  # noqa: E402

from lagebild.evaluation.ner import read_germeval  # noqa: E402
from lagebild.nlp.tokenizer import customize_tokenizer  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--skip", type=int, default=0, help="articles already drawn")
    parser.add_argument("--first", type=int, default=14)
    parser.add_argument("--per-batch", type=int, default=330)
    parser.add_argument("--batches", type=int, default=8)
    parser.add_argument("--prefix", type=int, default=0, help="first batch number")
    parser.add_argument("--germeval-check", type=int, default=0)
    parser.add_argument("--source", choices=("news", "other"), default="news")
    args = parser.parse_args()
    nlp = customize_tokenizer(spacy.blank("de"))
    nlp.add_pipe("sentencizer")
    if args.source == "news":
        texts = shuffled_articles(args.data)
    else:
        texts = sorted(other_texts(args.data).items())
        random.Random(13).shuffle(texts)
    queue = iter(texts[args.skip :])
    checks: list[str] = []
    if args.germeval_check:
        tune = HERE.parent / "corpus" / "eval" / "germeval-tune.tsv"
        sents = read_germeval(tune)
        random.Random(5).shuffle(sents)
        checks = [" ".join(words) for words, _ in sents]
    args.out.mkdir(parents=True, exist_ok=True)
    mapping: dict[str, list[object]] = {}
    used = 0
    for b in range(args.batches):
        lines: list[tuple[str, list[object]]] = []
        for article, text in queue:
            used += 1
            for sent in list(nlp(text).sents)[: args.first]:
                clean = sent.text.strip()
                if 4 <= len(sent) <= 70 and "\n" not in clean and "\t" not in clean:
                    lines.append((clean, [article, sent.start_char, sent.end_char]))
            if len(lines) >= args.per_batch:
                break
        k = args.germeval_check
        if k:  # one check sentence after every len(lines) // k news sentences
            extra = checks[b * k : (b + 1) * k]
            step = len(lines) // k
            mixed = []
            for i, text in enumerate(extra):
                mixed.extend(lines[i * step : (i + 1) * step])
                mixed.append((text, ["germeval-tune", text]))
            lines = mixed + lines[k * step :]
        number = args.prefix + b
        with (args.out / f"batch_{number:02d}.txt").open("w", encoding="utf-8") as out:
            for j, (text, source) in enumerate(lines):
                sid = f"{number:02d}-{j:03d}"
                out.write(f"{sid}\t{text}\n")
                mapping[sid] = source
    (args.out / "mapping.json").write_text(json.dumps(mapping), encoding="utf-8")
    print(len(mapping), "sentences from", used, "articles")


if __name__ == "__main__":
    main()
