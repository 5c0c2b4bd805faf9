"""Draw news sentences for silver dependency annotation (see README.md).

Usage (the two rounds of ``ud_news.tsv``):
    python silver/sample_ud.py --data DATA --out DIR --first 8 --per-batch 150 --prefix 20 \\
        --gsd-check 10
    python silver/sample_ud.py --data DATA --out DIR2 --first 10 --prefix 30 --exclude DIR
    python silver/sample_ud.py --data DATA --out DIR3 --first 3 --prefix 40 --articles 0:620
        (a third round, 1,741 sentences: tried, not in ud_news.tsv; see ../README.md)

Articles of ``german-news`` (file order) are shuffled with the seed of ``sample.py``; the first
620 (drawn for NER) are skipped unless ``--articles`` names another range (round three: the
NER articles, whose sentences get a second, syntactic annotation).  Of each article, the first ``--first`` sentences of 5-35
tokens (lagebild's tokenizer) are taken.  Round one fills batches of ``--per-batch`` sentences
and mixes ``--gsd-check`` sentences of the GSD *tuning* part into each (scored by
``collect_ud.py``, never trained on); round two splits the articles not yet drawn evenly over
the batches.  Writes ``DIR/batch_NN.txt`` (blocks of ``# sid``, ``# text``, ``ID<TAB>FORM``)
and ``DIR/mapping.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import spacy

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent.parent))

from convert.silver_ner import shuffled_articles  # noqa: E402

from lagebild.nlp.tokenizer import customize_tokenizer  # noqa: E402

SKIP = 620  # articles drawn for the silver NER data
GSD_TUNE = (400, 500)  # the GSD dev sentences used for tuning (lagebild/evaluation/splits.py)


def sentences(nlp: spacy.language.Language, article: str, text: str, first: int) -> list[list]:
    out = []
    for sent in list(nlp(text).sents)[:first]:
        tokens = [t.text for t in sent if not t.is_space]
        if 5 <= len(tokens) <= 35 and "\n" not in sent.text.strip():
            out.append([article, sent.start_char, sent.end_char, tokens, sent.text.strip()])
    return out


def gsd_checks(data: Path, count: int) -> list[list]:
    """Tuning sentences of GSD as syntactic words (multi-word tokens split, as in the file):
    FORM, LEMMA, UPOS, XPOS, HEAD, DEPREL each."""
    path = next((data / "ud-german-gsd").glob("*dev*.conllu"))
    blocks = path.read_text(encoding="utf-8").strip().split("\n\n")[GSD_TUNE[0] : GSD_TUNE[1]]
    checks = []
    for block in blocks[:count]:
        rows = [line.split("\t") for line in block.splitlines() if not line.startswith("#")]
        words = [[r[1], r[2], r[3], r[4], r[6], r[7]] for r in rows if "-" not in r[0] and "." not in r[0]]
        checks.append(["gsd-tune", words])
    return checks


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--first", type=int, default=8)
    parser.add_argument("--per-batch", type=int, default=0, help="0: split the articles evenly")
    parser.add_argument("--batches", type=int, default=8)
    parser.add_argument("--prefix", type=int, default=20)
    parser.add_argument("--gsd-check", type=int, default=0)
    parser.add_argument("--exclude", type=Path, action="append", default=[], help="earlier rounds")
    parser.add_argument("--articles", default=f"{SKIP}:", help="range of the shuffled articles")
    args = parser.parse_args()
    nlp = customize_tokenizer(spacy.blank("de"))
    nlp.add_pipe("sentencizer")
    texts = shuffled_articles(args.data)
    used = set()
    for folder in args.exclude:
        done = json.loads((folder / "mapping.json").read_text(encoding="utf-8"))
        used |= {source[0] for source in done.values() if source[0] != "gsd-tune"}
    first, _, last = args.articles.partition(":")
    chosen = texts[int(first or 0) : int(last) if last else None]
    queue = [item for item in chosen if item[0] not in used]
    checks = gsd_checks(args.data, args.gsd_check * args.batches) if args.gsd_check else []
    per = -(-len(queue) // args.batches)
    stream = iter(queue)
    mapping: dict[str, list] = {}
    for b in range(args.batches):
        blocks: list[list] = []
        if args.per_batch:
            for article, text in stream:
                blocks.extend(sentences(nlp, article, text, args.first))
                if len(blocks) >= args.per_batch:
                    break
        else:
            for article, text in queue[b * per : (b + 1) * per]:
                blocks.extend(sentences(nlp, article, text, args.first))
        if args.gsd_check:  # one check sentence after every len(blocks) // k news sentences
            k, extra = args.gsd_check, checks[b * args.gsd_check : (b + 1) * args.gsd_check]
            step, mixed = len(blocks) // k, []
            for i, block in enumerate(blocks):
                mixed.append(block)
                if (i + 1) % step == 0 and (i + 1) // step <= k:
                    check = extra[(i + 1) // step - 1]
                    forms = [w[0] for w in check[1]]
                    mixed.append([*check, forms, " ".join(forms)])
            blocks = mixed
        number = args.prefix + b
        with (args.out / f"batch_{number}.txt").open("w", encoding="utf-8") as out:
            for j, block in enumerate(blocks):
                sid = f"{number}-{j:03d}"
                forms, text = block[-2], block[-1]
                out.write(f"# sid = {sid}\n# text = {text}\n")
                out.writelines(f"{i}\t{form}\n" for i, form in enumerate(forms, 1))
                out.write("\n")
                mapping[sid] = block[:2] if block[0] == "gsd-tune" else block[:4]
    (args.out / "mapping.json").write_text(json.dumps(mapping), encoding="utf-8")
    print(len(mapping), "sentences")


if __name__ == "__main__":
    main()
