"""Score a pipeline on the fixed held-out parts (never trained or tuned on).

Usage: python evaluate.py [MODEL_DIR] [--write-meta] [--bare]
  GSD held-out  = UD German-GSD dev sentences 500–798 (corpus/eval/gsd-heldout.conllu)
  GermEval held-out = GermEval 2014 dev sentences 1500–2199 (corpus/eval/germeval-heldout.tsv)
With --write-meta the scores are stored in MODEL_DIR/meta.json under "lagebild_heldout" (or
"lagebild_tune" with --split tune).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from lagebild.evaluation.ner import evaluate_ner  # noqa: E402
from lagebild.evaluation.parse import evaluate_parse  # noqa: E402
from lagebild.nlp import load  # noqa: E402
from lagebild.paths import DEFAULT_MODEL_DIR  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("model", nargs="?", default=str(DEFAULT_MODEL_DIR))
    parser.add_argument("--write-meta", action="store_true")
    parser.add_argument(
        "--bare",
        action="store_true",
        help="statistical model only: without lagebild_mood_v1 / _segment_v1 / _ner_gazetteer_v1",
    )
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus" / "eval")
    parser.add_argument(
        "--split",
        choices=("heldout", "tune"),
        default="heldout",
        help="tune = the parts used for early stopping (for decisions); heldout = reporting",
    )
    parser.add_argument("--extra", type=Path, action="append", default=[], help="more CoNLL-U files to score")
    args = parser.parse_args()
    exclude = ("lagebild_mood_v1", "lagebild_segment_v1", "lagebild_ner_gazetteer_v1") if args.bare else ()
    nlp = load(args.model, exclude=exclude)
    if args.bare:
        for name in exclude:
            if name in nlp.pipe_names:
                nlp.remove_pipe(name)
    split = args.split
    scores = {
        f"gsd_{split}": evaluate_parse(nlp, args.corpus / f"gsd-{split}.conllu"),
        f"germeval_{split}": evaluate_ner(nlp, args.corpus / f"germeval-{split}.tsv"),
        "pipeline": nlp.pipe_names,
    }
    for path in args.extra:
        scores[path.stem] = evaluate_parse(nlp, path)
    print(json.dumps(scores, indent=1))
    if args.write_meta:
        meta_path = Path(args.model) / "meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta[f"lagebild_{split}"] = {k: v for k, v in scores.items() if k != "pipeline"}
        meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
