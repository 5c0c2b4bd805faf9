"""Add the STTS→UPOS attribute_ruler (lagebild/lang/de/stts_upos.tsv) to a trained pipeline.

Usage: python add_rules.py MODEL_DIR [OUT_DIR]   (in place when OUT_DIR is omitted)
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from lagebild.paths import LANG_DE_DIR


def patterns(path: Path = LANG_DE_DIR / "stts_upos.tsv") -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return [{"patterns": [[{"TAG": row["tag"]}]], "attrs": {"POS": row["upos"]}} for row in rows]


def main() -> None:
    src = Path(sys.argv[1])
    dest = Path(sys.argv[2]) if len(sys.argv) > 2 else src
    nlp = spacy.load(src)
    if "attribute_ruler" in nlp.pipe_names:
        nlp.remove_pipe("attribute_ruler")
    anchor = "morphologizer" if "morphologizer" in nlp.pipe_names else "tagger"
    ruler = nlp.add_pipe("attribute_ruler", after=anchor)
    ruler.add_patterns(patterns())
    nlp.to_disk(dest)


if __name__ == "__main__":
    main()
