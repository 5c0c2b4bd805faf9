"""Copy a trained pipeline into the package (lagebild/models/de_lagebild) and fix its meta.

Usage: python package.py SRC_MODEL_DIR DEST_DIR
Files in DEST_DIR that are not part of a spaCy pipeline (MODEL_CARD.md) are kept.
Then the STTS→UPOS attribute_ruler is added (add_rules.py) and the scores on the held-out parts
are written into meta.json (evaluate.py --write-meta).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

KEEP = {"MODEL_CARD.md"}
META = {
    "name": "lagebild",
    "version": "0.1.0",
    "description": "lagebild's German news pipeline (tok2vec CNN, STTS tagger, morphologizer, "
    "edit-tree lemmatizer, parser, NER PER/LOC/ORG/MISC). See MODEL_CARD.md.",
    "license": "CC BY-NC-SA 4.0 (trained on non-commercial corpora; see MODEL_CARD.md)",
    "author": "lagebild",
}


def main() -> None:
    src, dest = Path(sys.argv[1]), Path(sys.argv[2])
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
    subprocess.run([sys.executable, str(here / "evaluate.py"), str(dest), "--write-meta"], check=True)


if __name__ == "__main__":
    main()
