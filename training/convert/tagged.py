"""Tagger/lemmatizer-only corpora (no dependencies, no UD features) → spaCy DocBins.

EmpiriST 2015 (STTS-IBK: CMC-specific tags are left missing) and the periodical samples of
Redewiedergabe (normalised tokens ``normtok``).  Only TAG (STTS), LEMMA and sentence starts
are set, so the morphologizer and parser see missing annotation, not wrong annotation.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

STTS = set(
    [
        "ADJA",
        "ADJD",
        "ADV",
        "APPR",
        "APPRART",
        "APPO",
        "APZR",
        "ART",
        "CARD",
        "FM",
        "ITJ",
        "KOUI",
        "KOUS",
        "KON",
        "KOKOM",
        "NN",
        "NE",
        "PDS",
        "PDAT",
        "PIS",
        "PIAT",
        "PIDAT",
        "PPER",
        "PPOSS",
        "PPOSAT",
        "PRELS",
        "PRELAT",
        "PRF",
        "PWS",
        "PWAT",
        "PWAV",
        "PAV",
        "PTKZU",
        "PTKNEG",
        "PTKVZ",
        "PTKANT",
        "PTKA",
        "TRUNC",
        "VVFIN",
        "VVIMP",
        "VVINF",
        "VVIZU",
        "VVPP",
        "VAFIN",
        "VAIMP",
        "VAINF",
        "VAPP",
        "VMFIN",
        "VMINF",
        "VMPP",
        "XY",
        "$,",
        "$.",
        "$(",
    ]
)
# STTS 1.0 spellings used by some corpora
TAG_FIX = {"PIDAT": "PIAT", "PROAV": "PAV", "PROAV.": "PAV"}


def _doc(vocab: Vocab, sents: list[list[tuple[str, str, str]]]) -> Doc:
    words = [w for s in sents for w, _, _ in s]
    tags = [t for s in sents for _, t, _ in s]
    lemmas = [lem for s in sents for _, _, lem in s]
    starts = [i == 0 for s in sents for i in range(len(s))]
    return Doc(vocab, words=words, tags=tags, lemmas=lemmas, sent_starts=starts)


def _clean(tag: str) -> str:
    tag = TAG_FIX.get(tag, tag)
    return tag if tag in STTS else ""


def empirist_docs(vocab: Vocab, path: Path, *, chunk: int = 10) -> list[Doc]:
    docs, group, sent = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("<s"):
            sent = []
        elif line.startswith("</s"):
            if sent:
                group.append(sent)
            if len(group) >= chunk:
                docs.append(_doc(vocab, group))
                group = []
        elif line.startswith("<"):
            if line.startswith("</text") and group:
                docs.append(_doc(vocab, group))
                group = []
        elif line.strip():
            cols = line.split("\t")
            lemma = cols[5] if len(cols) > 5 else ""
            sent.append((cols[0], _clean(cols[1]), lemma))
    if group:
        docs.append(_doc(vocab, group))
    return docs


def redewiedergabe_docs(vocab: Vocab, root: Path, *, chunk: int = 10, max_tokens: int = 40_000) -> list[Doc]:
    """Periodical (grenz, mkhz) samples only (the fiction is too far from news), capped.

    The cap (a fixed random sample of 10-sentence docs) keeps 19th-century text from
    outweighing the modern treebanks.
    """
    docs = []
    for folder in ("main", "single_annotated_samples", "full_nonfict"):
        meta = root / folder / "metadata.tsv"
        if not meta.exists():
            continue
        with meta.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
        for row in rows:
            if row.get("source", "").startswith("digbib"):
                continue
            path = root / folder / row["file"]
            if path.exists():
                docs.extend(_rw_file(vocab, path, chunk=chunk))
    random.Random(7).shuffle(docs)
    kept, total = [], 0
    for doc in docs:
        if total >= max_tokens:
            break
        kept.append(doc)
        total += len(doc)
    return kept


def _rw_file(vocab: Vocab, path: Path, *, chunk: int) -> list[Doc]:
    sents: list[list[tuple[str, str, str]]] = []
    with path.open(encoding="utf-8") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        idx = {name: i for i, name in enumerate(header)}
        for cols in reader:
            if len(cols) < len(header):
                continue
            word = cols[idx["normtok"]] or cols[idx["tok"]]
            if not word or " " in word:
                continue
            if cols[idx["sentstart"]] == "yes" or not sents:
                sents.append([])
            lemma = cols[idx["lemma"]]
            sents[-1].append((word, _clean(cols[idx["pos"]]), "" if lemma in {"-", "_"} else lemma))
    sents = [s for s in sents if s]
    return [_doc(vocab, sents[i : i + chunk]) for i in range(0, len(sents), chunk)]


def convert(data: Path, out: Path, vocab: Vocab) -> dict[str, int]:
    parts = {
        "train/tag_empirist.spacy": empirist_docs(vocab, data / "pos-empirist-de" / "empirist.vrt"),
        "train/tag_redewiedergabe.spacy": redewiedergabe_docs(vocab, data / "redewiedergabe"),
    }
    counts = {}
    for name, docs in parts.items():
        DocBin(docs=docs, store_user_data=False).to_disk(out / name)
        counts[name] = sum(len(d) for d in docs)
    return counts
