"""The fixed splits of the shared development files, one definition for training and evaluation.

The German model is trained on parts of UD German-GSD dev and GermEval 2014 dev (their train
splits are not available); the rest of each file is held out.  ``training/`` trains on the
``train`` parts, stops early on the ``tune`` parts, and ``make eval`` reports the ``heldout``
parts only.  Parts are (start, end) sentence indices in file order; blocks are separated by a
blank line.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

Part = tuple[int, int | None]

GSD_TRAIN: Part = (0, 400)
GSD_TUNE: Part = (400, 500)
GSD_HELDOUT: Part = (500, None)

GERMEVAL_TRAIN: Part = (0, 1300)
GERMEVAL_TUNE: Part = (1300, 1500)
GERMEVAL_HELDOUT: Part = (1500, None)


def blocks(text: str) -> list[str]:
    """Sentence blocks of a CoNLL-U / GermEval TSV text (comment lines stay with their block)."""
    return [block for block in text.strip("\n").split("\n\n") if block.strip()]


def write_slice(src: Path, dst: Path, part: Part) -> int:
    """Write the blocks ``part`` of ``src`` to ``dst``; returns how many."""
    chosen = blocks(src.read_text(encoding="utf-8"))[slice(*part)]
    dst.write_text("\n\n".join(chosen) + "\n\n", encoding="utf-8")
    return len(chosen)


def slice_file(src: Path, part: Part) -> Path:
    """``part`` of ``src`` as a file in the temp folder (named by content, reused)."""
    digest = hashlib.sha1(f"{src.resolve()}:{src.stat().st_mtime_ns}:{part}".encode()).hexdigest()[:12]
    dst = Path(tempfile.gettempdir()) / f"lagebild-{src.stem}-{digest}{src.suffix}"
    if not dst.exists():
        tmp = dst.with_suffix(dst.suffix + ".part")
        write_slice(src, tmp, part)
        tmp.replace(dst)
    return dst
