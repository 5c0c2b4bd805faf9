"""A small CoNLL-U reader that builds spaCy ``Doc`` objects.

Multi-word tokens (``im`` = ``in dem``) are kept as ONE token with the surface form, as
spaCy's German tokenizer does: the merged token takes the head, relation, lemma and UPOS of
the syntactic word that attaches outside the group, the tag ``APPRART`` for preposition +
article, and the union of the words' features.  Training and evaluation use the same reader,
so both see the same tokens.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc
from spacy.vocab import Vocab


@dataclass
class Word:
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int  # 0 = root, else 1-based word id
    deprel: str
    space_after: bool = True


@dataclass
class Sentence:
    words: list[Word] = field(default_factory=list)
    text: str | None = None
    newdoc: bool = False


def _feats_union(parts: list[str]) -> str:
    feats: dict[str, str] = {}
    for part in parts:
        if part and part != "_":
            for pair in part.split("|"):
                key, _, value = pair.partition("=")
                feats.setdefault(key, value)
    return "|".join(f"{k}={v}" for k, v in sorted(feats.items(), key=lambda kv: kv[0].lower()))


def _merge(rows: list[list[str]], surface: str, misc: str, first_id: int) -> tuple[Word, list[int]]:
    """Merge the syntactic words of one multi-word token into one token."""
    ids = [int(r[0]) for r in rows]
    outside = [r for r in rows if int(r[6]) not in ids] or rows[:1]
    main = outside[0]
    xpos = main[4]
    if main[3] == "ADP" and any(r[3] == "DET" for r in rows):
        xpos = "APPRART"
    word = Word(
        form=surface,
        lemma=main[2],
        upos=main[3],
        xpos=xpos,
        feats=_feats_union([r[5] for r in rows]),
        head=int(main[6]),
        deprel=main[7],
        space_after="SpaceAfter=No" not in misc,
    )
    return word, ids


def read_sentences(path: str | Path) -> Iterator[Sentence]:
    """Yield sentences of a CoNLL-U file with multi-word tokens merged."""
    sent = Sentence()
    rows: list[list[str]] = []
    newdoc = False
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n").rstrip("\r")
            if not line:
                if rows:
                    sent = _build(rows, sent)
                    sent.newdoc = newdoc
                    yield sent
                sent, rows, newdoc = Sentence(), [], False
            elif line.startswith("#"):
                if line.startswith("# newdoc"):
                    newdoc = True
                elif line.startswith("# text ="):
                    sent.text = line.split("=", 1)[1].strip()
            else:
                rows.append(line.split("\t"))
        if rows:
            sent = _build(rows, sent)
            sent.newdoc = newdoc
            yield sent


def _build(rows: list[list[str]], sent: Sentence) -> Sentence:
    """Turn raw rows into words, merging multi-word tokens and remapping heads."""
    words: list[Word] = []
    id_map: dict[int, int] = {}  # syntactic word id -> token index (0-based)
    i = 0
    plain = [r for r in rows if "." not in r[0]]  # drop empty nodes
    by_id = {int(r[0]): r for r in plain if "-" not in r[0]}
    while i < len(plain):
        row = plain[i]
        if "-" in row[0]:
            start, end = (int(x) for x in row[0].split("-"))
            group = [by_id[k] for k in range(start, end + 1)]
            word, ids = _merge(group, row[1], row[9], start)
            for k in ids:
                id_map[k] = len(words)
            words.append(word)
            i += 1 + len(group)
            continue
        id_map[int(row[0])] = len(words)
        words.append(
            Word(row[1], row[2], row[3], row[4], row[5], int(row[6]), row[7], "SpaceAfter=No" not in row[9])
        )
        i += 1
    for word in words:
        word.head = id_map[word.head] + 1 if word.head else 0
    sent.words = words
    return sent


def sentences_to_doc(
    vocab: Vocab,
    sents: list[Sentence],
    *,
    use_tags: bool = True,
    use_morph: bool = True,
    use_lemma: bool = True,
    use_deps: bool = True,
) -> Doc:
    """Build one gold ``Doc`` from consecutive sentences (sentence starts always set)."""
    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []
    pos: list[str] = []
    morphs: list[str] = []
    lemmas: list[str] = []
    heads: list[int] = []
    deps: list[str] = []
    sent_starts: list[bool] = []
    for sent in sents:
        offset = len(words)
        for j, word in enumerate(sent.words):
            words.append(word.form)
            last = j == len(sent.words) - 1
            spaces.append(True if last else word.space_after)
            tags.append(word.xpos if word.xpos != "_" else "")
            pos.append(word.upos if word.upos != "_" else "")
            morphs.append(word.feats if word.feats != "_" else "")
            lemmas.append(word.lemma if word.lemma != "_" else "")
            heads.append(offset + word.head - 1 if word.head else offset + j)
            deps.append("ROOT" if word.deprel == "root" else word.deprel)
            sent_starts.append(j == 0)
    if spaces:
        spaces[-1] = False
    kwargs: dict = {"spaces": spaces, "sent_starts": sent_starts}
    if use_tags:
        kwargs["tags"] = tags
    if use_morph:
        kwargs["pos"] = pos
        kwargs["morphs"] = morphs
    if use_lemma:
        kwargs["lemmas"] = lemmas
    if use_deps:
        kwargs["heads"] = heads
        kwargs["deps"] = deps
        del kwargs["sent_starts"]
    return Doc(vocab, words=words, **kwargs)


def group_documents(sents: list[Sentence], *, chunk: int = 10) -> list[list[Sentence]]:
    """Group by ``# newdoc`` markers; without markers (or for long docs) in chunks of ``chunk``."""
    groups: list[list[Sentence]] = []
    current: list[Sentence] = []
    has_docs = any(s.newdoc for s in sents)
    for sent in sents:
        boundary = (sent.newdoc if has_docs else False) or len(current) >= chunk
        if boundary and current:
            groups.append(current)
            current = []
        current.append(sent)
    if current:
        groups.append(current)
    return groups
