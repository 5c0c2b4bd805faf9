"""SILVER treebank data: modern news sentences parsed by careful reading (``silver/ud_news.tsv``).

Stand-off like ``silver_ner``: the texts stay in ``../shared/data/german-news``.  A line holds
the article id, the sentence's character range, its token count under lagebild's tokenizer
(spaces dropped) and one item per token, ``UPOS/XPOS/HEAD/DEPREL/LEMMA-RULE`` (HEAD 0 = root,
else the 1-based token number).  The lemma is stored as an edit of the word form, not as text:
``=`` same form; otherwise an optional ``~`` (first letter lower-cased), ``-N`` (drop N final
characters) and ``+ending`` (``sagte`` → ``-2+en``; ``ist`` → ``-3+sein``).  Sentences whose
tokenisation no longer matches are skipped.  Only TAG (STTS), lemma, head and relation are set:
POS and FEATS stay *missing*, because spaCy's morphologizer would read a POS without features
as "no features" (and unlearn ``Mood=Sub``); UPOS comes from STTS through the attribute ruler.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from convert.silver_ner import articles

STANDOFF = Path(__file__).resolve().parent.parent / "silver" / "ud_news.tsv"
_RULE = re.compile(r"^(~?)(?:-(\d+))?(?:\+(.*))?$")


def lemma_rule(form: str, lemma: str) -> str:
    """The shortest edit rule turning ``form`` into ``lemma`` (see the module docstring)."""
    if lemma == form:
        return "="
    best = ""
    for lower in (False, True):
        base = form[:1].lower() + form[1:] if lower else form
        if lower and base == form:
            continue
        common = 0
        while common < min(len(base), len(lemma)) and base[common] == lemma[common]:
            common += 1
        rule = ("~" if lower else "") + (f"-{len(base) - common}" if len(base) > common else "")
        rule += f"+{lemma[common:]}" if lemma[common:] else ""
        if not best or len(rule) < len(best):
            best = rule or "="
    return best


def apply_rule(form: str, rule: str) -> str:
    if rule == "=":
        return form
    match = _RULE.match(rule)
    if match is None:
        raise ValueError(f"bad lemma rule {rule!r}")
    lower, strip, ending = match.groups()
    base = form[:1].lower() + form[1:] if lower else form
    if strip:
        base = base[: len(base) - int(strip)]
    return base + (ending or "")


def read_standoff(path: Path) -> Iterator[tuple[str, int, int, int, list[list[str]]]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        article, start, end, count, items = line.split("\t")
        yield article, int(start), int(end), int(count), [item.split("/", 4) for item in items.split(" ")]


def silver_ud_docs(nlp: Language, data: Path, path: Path = STANDOFF) -> tuple[list[Doc], int]:
    """The silver sentences as Docs, and the number skipped (tokenisation changed)."""
    texts = articles(data)
    docs, skipped = [], 0
    for article, start, end, count, items in read_standoff(path):
        text = texts.get(article)
        tokens = [t for t in nlp.make_doc(text[start:end]) if not t.is_space] if text else []
        if len(tokens) != count or len(items) != count:
            skipped += 1
            continue
        words = [t.text for t in tokens]
        spaces = [bool(t.whitespace_) for t in tokens]
        heads = [int(item[2]) - 1 if item[2] != "0" else i for i, item in enumerate(items)]
        docs.append(
            Doc(
                nlp.vocab,
                words=words,
                spaces=spaces,
                tags=[item[1] for item in items],
                heads=heads,
                deps=["ROOT" if item[3] == "root" else item[3] for item in items],
                lemmas=[apply_rule(word, item[4]) for word, item in zip(words, items, strict=True)],
            )
        )
    return docs, skipped


def convert(data: Path, out: Path, nlp: Language) -> dict[str, int]:
    docs, skipped = silver_ud_docs(nlp, data)
    DocBin(docs=docs, store_user_data=False).to_disk(out / "train" / "silver_ud_news.spacy")
    return {"train/silver_ud_news.spacy": len(docs), "skipped": skipped}
