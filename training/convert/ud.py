"""Universal Dependencies treebanks → spaCy DocBins (with the fixed GSD-dev split)."""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import DocBin
from spacy.vocab import Vocab

from lagebild.evaluation.splits import GSD_HELDOUT, GSD_TRAIN, GSD_TUNE, write_slice
from lagebild.nlp.conllu import Sentence, group_documents, read_sentences, sentences_to_doc

# Fixed split of UD German-GSD dev (799 sentences, in file order), see lagebild/evaluation/splits.py:
#   [0, 400)   train        [400, 500)  tune (early stopping)     [500, 799)  HELD OUT (report only)


def docbin_from_sentences(vocab: Vocab, sents: list[Sentence], **flags: bool) -> DocBin:
    docbin = DocBin(store_user_data=False)
    for group in group_documents(sents, chunk=10):
        docbin.add(sentences_to_doc(vocab, group, **flags))
    return docbin


def convert(
    data: Path, out: Path, vocab: Vocab, *, gsd_copies: int = 2, train_heldout: bool = False
) -> dict[str, int]:
    """GSD train part is upsampled (``gsd_copies``): it is the only data in the target style.

    ``train_heldout`` adds the held-out part to the training data (the shipped model; its
    held-out scores then come from the same recipe run without it, see ``training/README.md``).
    """
    gsd_path = data / "ud-german-gsd" / "de_gsd-ud-dev.conllu"
    gsd = list(read_sentences(gsd_path))
    counts: dict[str, int] = {}
    (out / "eval").mkdir(parents=True, exist_ok=True)
    counts["gsd_heldout"] = write_slice(gsd_path, out / "eval" / "gsd-heldout.conllu", GSD_HELDOUT)
    write_slice(gsd_path, out / "eval" / "gsd-tune.conllu", GSD_TUNE)
    train = gsd[slice(*GSD_TRAIN)] + (gsd[slice(*GSD_HELDOUT)] if train_heldout else [])
    docbin_from_sentences(vocab, train * gsd_copies).to_disk(out / "train" / "ud_gsd.spacy")
    docbin_from_sentences(vocab, gsd[slice(*GSD_TUNE)]).to_disk(out / "dev" / "ud_gsd_tune.spacy")
    counts["gsd_train"] = len(train)
    pud = list(read_sentences(data / "ud-german-pud" / "de_pud-ud-test.conllu"))
    # PUD: XPOS is not STTS -> no tags
    docbin_from_sentences(vocab, pud, use_tags=False).to_disk(out / "train" / "ud_pud.spacy")
    counts["pud"] = len(pud)
    lit = list(read_sentences(data / "ud-german-lit" / "de_lit-ud-test.conllu"))
    # LIT: sparse FEATS -> no POS/morph (the morphologizer learns from full FEATS only)
    docbin_from_sentences(vocab, lit, use_morph=False).to_disk(out / "train" / "ud_lit.spacy")
    counts["lit"] = len(lit)
    return counts
