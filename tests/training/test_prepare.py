"""The split the training recipe uses: the shipped model also trains on the held-out parts."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import spacy

TRAINING = Path(__file__).resolve().parents[2] / "training"
sys.path.insert(0, str(TRAINING))

from convert import ud  # noqa: E402


def _treebank(path: Path, sentences: int) -> None:
    blocks = []
    for k in range(sentences):
        blocks.append(
            f"# sent_id = s{k}\n# text = Er kam.\n"
            "1\tEr\ter\tPRON\tPPER\t_\t2\tnsubj\t_\t_\n"
            "2\tkam\tkommen\tVERB\tVVFIN\t_\t0\troot\t_\tSpaceAfter=No\n"
            "3\t.\t.\tPUNCT\t$.\t_\t2\tpunct\t_\t_\n"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(blocks) + "\n", encoding="utf-8")


@pytest.mark.parametrize(("train_heldout", "expected"), [(False, 400), (True, 420)])
def test_gsd_held_out_part_is_trained_on_only_when_asked(
    tmp_path: Path, train_heldout: bool, expected: int
) -> None:
    data, out = tmp_path / "data", tmp_path / "corpus"
    _treebank(data / "ud-german-gsd" / "de_gsd-ud-dev.conllu", 520)
    _treebank(data / "ud-german-pud" / "de_pud-ud-test.conllu", 3)
    _treebank(data / "ud-german-lit" / "de_lit-ud-test.conllu", 3)
    for sub in ("train", "dev", "eval"):
        (out / sub).mkdir(parents=True)
    counts = ud.convert(data, out, spacy.blank("de").vocab, train_heldout=train_heldout)
    assert counts["gsd_train"] == expected
    assert counts["gsd_heldout"] == 20  # the held-out file is written either way
