"""Convert the shared corpora into spaCy DocBins under ``training/corpus/``.

Usage: python training/prepare.py [--data ../shared/data] [--out training/corpus]
                                  [--only ud,ner,tagged] [--train-heldout]

Writes ``corpus/train/*.spacy`` (everything that is trained on), ``corpus/dev/*.spacy``
(tuning parts used for early stopping) and ``corpus/eval/`` (held-out GSD / GermEval parts as
CoNLL-U / TSV).  Without ``--train-heldout`` (the *measuring* recipe) the held-out parts are
never trained or tuned on; with it (the *shipped* model) they are added to the training data, and
the shipped model's held-out scores are those of the measuring run (``training/README.md``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from convert import ner, raw, silver, silver_ner, silver_ud, tagged, tiger, ud

from lagebild.nlp.tokenizer import customize_tokenizer


def main() -> None:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=here.parent.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=here / "corpus")
    parser.add_argument("--only", default="ud,tiger,ner,silverner,silverud,tagged,silver,raw")
    parser.add_argument("--legal-limit", type=int, default=4000)
    parser.add_argument("--silver-tokens", type=int, default=60_000)
    parser.add_argument(
        "--train-heldout",
        action="store_true",
        help="also train on the held-out GSD / GermEval parts (for the shipped model only)",
    )
    args = parser.parse_args()
    for sub in ("train", "dev", "eval"):
        (args.out / sub).mkdir(parents=True, exist_ok=True)
    nlp = customize_tokenizer(spacy.blank("de"))
    counts: dict[str, object] = {}
    steps = args.only.split(",")
    start = time.time()
    if "ud" in steps:
        counts["ud"] = ud.convert(args.data, args.out, nlp.vocab, train_heldout=args.train_heldout)
    if "tiger" in steps:
        counts["tiger"] = tiger.convert(args.data, args.out, nlp.vocab)
    if "ner" in steps:
        counts["ner"] = ner.convert(
            args.data, args.out, nlp, legal_limit=args.legal_limit, train_heldout=args.train_heldout
        )
    if "silverner" in steps:
        counts["silverner"] = silver_ner.convert(args.data, args.out, nlp)
    if "silverud" in steps:
        counts["silverud"] = silver_ud.convert(args.data, args.out, nlp)
    if "tagged" in steps:
        counts["tagged"] = tagged.convert(args.data, args.out, nlp.vocab)
    if "silver" in steps:
        counts["silver"] = silver.convert(args.data, args.out, nlp, max_tokens=args.silver_tokens)
    if "raw" in steps:
        counts["raw"] = raw.convert(args.data, args.out)
    counts["seconds"] = round(time.time() - start, 1)
    print(json.dumps(counts, indent=1))


if __name__ == "__main__":
    main()
