"""Copy a trained pipeline into the package (lagebild/models/de_lagebild) and fix its meta.

Usage: python package.py SRC_MODEL_DIR DEST_DIR [--measured-by MEASURE_MODEL_DIR]
Files in DEST_DIR that are not part of a spaCy pipeline (MODEL_CARD.md) are kept.
Then the STTS→UPOS attribute_ruler is added (add_rules.py) and the scores on the tuning and the
held-out parts are written into meta.json (evaluate.py --write-meta).

The shipped model is trained on the held-out parts too; its held-out scores would mean nothing.
With ``--measured-by`` the held-out scores are those of MEASURE_MODEL_DIR — the same recipe
trained without the held-out parts — packaged the same way in a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

KEEP = {"MODEL_CARD.md"}
META = {
    "name": "lagebild",
    "version": "0.1.0",
    "description": "lagebild's German news pipeline (tok2vec CNN, STTS tagger, morphologizer, "
    "edit-tree lemmatizer, parser, NER PER/LOC/ORG/MISC; lemmas from simplemma's dictionary "
    "through lagebild_lemmas_v1). See MODEL_CARD.md.",
    "license": "CC BY-NC-SA 4.0 (trained on non-commercial corpora; see MODEL_CARD.md)",
    "author": "lagebild",
    # lemmas from simplemma's dictionary (lagebild_lemmas_v1), not from the trained lemmatizer:
    # lagebild.nlp.load leaves trainable_lemmatizer out (it stays in the package for comparison)
    "lagebild_lemmas": "lexicon",
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("src", type=Path)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--measured-by", type=Path, help="the same recipe without the held-out parts")
    args = parser.parse_args()
    build(args.src, args.dest)
    here = Path(__file__).resolve().parent
    evaluate = [sys.executable, str(here / "evaluate.py")]
    subprocess.run([*evaluate, str(args.dest), "--split", "tune", "--write-meta"], check=True)
    if args.measured_by is None:
        subprocess.run([*evaluate, str(args.dest), "--write-meta"], check=True)
        return
    with tempfile.TemporaryDirectory() as tmp:
        measure = Path(tmp) / "measure"
        build(args.measured_by, measure)
        subprocess.run([*evaluate, str(measure), "--write-meta"], check=True)
        measured = json.loads((measure / "meta.json").read_text(encoding="utf-8"))["lagebild_heldout"]
    meta_path = args.dest / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["lagebild_heldout"] = measured
    meta["lagebild_heldout_measured_by"] = (
        "the same recipe trained without the held-out parts (training/output/measure); "
        "this model was trained on them"
    )
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def build(src: Path, dest: Path) -> None:
    """Copy the trained pipeline ``src`` to ``dest``, fix its meta and add the STTS→UPOS rules."""
    dest.mkdir(parents=True, exist_ok=True)
    for item in dest.iterdir():
        if item.name in KEEP:
            continue
        shutil.rmtree(item) if item.is_dir() else item.unlink()
    for item in src.iterdir():
        target = dest / item.name
        shutil.copytree(item, target) if item.is_dir() else shutil.copy2(item, target)
    meta_path = dest / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(META)
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    here = Path(__file__).resolve().parent
    # STTS -> UPOS attribute_ruler (lagebild/lang/de/stts_upos.tsv): +1 UPOS point on the tune part
    subprocess.run([sys.executable, str(here / "add_rules.py"), str(dest)], check=True)
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(META)
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
