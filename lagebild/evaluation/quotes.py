"""Evaluate lagebild's quotation component on the Wikinews quotation-attribution corpus.

``evaluate_quotes(path)`` reads the per-article JSON files of Petersen-Frey & Biemann (2024)
(``originalText``, ``tokens`` with char offsets, ``annotations``), runs each ``originalText``
through the pipeline and scores ``doc._.quotes``.

What counts (decided for lagebild, documented here):

* **Scored gold**: top-level (``isNested: false``) annotations of type ``Direct`` (-> ``direct``)
  and ``Indirect`` / ``IndirectFreeIndirect`` (-> ``indirect``).
* **Ignored gold**: ``Reported`` (a speech act without content, "X kündigte Reformen an"),
  ``FreeIndirect`` (reportative *sollen* without any frame, "Er soll geflohen sein") and all
  nested annotations (partial quotes inside another quote).  They are not required for
  recall; a prediction that lies mostly (>= 50 % of its tokens) on one of them is neither a
  true nor a false positive.
* **Predictions**: quotes of kind ``direct`` (compatible with gold ``direct``), ``indirect``
  (gold ``indirect``) and ``mixed`` (either).  ``partial`` (nested), ``scare`` and ``title``
  are not quotations and are not scored.
* A ``mixed`` prediction is compatible with both types; in the per-type scores it is not a
  false positive of one type when it lies on a gold quote of the other type.
* **Match**: token overlap (gold tokens) of at least 50 % of *both* the gold and the predicted
  quote (``|p ∩ g| >= 0.5 * max(|p|, |g|)``), compatible types, one-to-one, largest overlap first.
  ``all`` matches regardless of type.
* **Speaker accuracy** (on ``all`` matches): the predicted speaker mention overlaps a gold
  speaker span, or the predicted speaker's (resolved) name occurs in the gold speaker text, or
  both have no speaker.

Split (fixed): a file is in ``dev`` when the SHA-1 of its file name, read as a number, is
divisible by 4 (~25 %), else in ``tune``.  Rules were tuned on ``tune``; numbers are reported
on ``dev``.  Seven sessions of rules left ``tune`` with few errors to learn from (direct F1
0.95), so ``dev`` is halved: ``dev-open`` (SHA-1 mod 8 = 4) was opened for error analysis in
the eighth session and ``dev-blind`` (mod 8 = 0) stays unseen — the honest number from then
on; ``dev`` is both halves, for comparison with earlier sessions.

Command line:
``python -m lagebild.evaluation.quotes [PATH] [--split dev|dev-open|dev-blind|tune] [--limit N]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import E, InputError
from ..paths import shared_dir

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)
SPLITS = ("dev", "dev-open", "dev-blind", "tune")
CORPUS = "data/quotes-de/wikinews-quotation-attribution-2024/train"
GOLD_GROUPS = {"Direct": "direct", "Indirect": "indirect", "IndirectFreeIndirect": "indirect"}
PRED_GROUPS = {"direct": {"direct"}, "indirect": {"indirect"}, "mixed": {"direct", "indirect"}}
Ranges = list[tuple[int, int]]


@dataclass
class Item:
    """A gold or predicted quote: its type group(s), tokens and speaker."""

    groups: set[str]
    tokens: frozenset[int]
    speaker_spans: Ranges = field(default_factory=list)
    speaker_text: str = ""


@dataclass
class GoldDoc:
    name: str
    text: str
    token_offsets: Ranges
    scored: list[Item]
    ignored: list[Item]


def split_of(name: str) -> str:
    """``dev`` or ``tune`` for a file name (fixed by hash)."""
    return "tune" if half_of(name) == "tune" else "dev"


def half_of(name: str) -> str:
    """``dev-open``, ``dev-blind`` (the halves of ``dev``) or ``tune`` for a file name: the SHA-1
    of the name, read as a number, mod 4 != 0 is tune; of the rest, mod 8 == 0 is blind."""
    value = int(hashlib.sha1(name.encode("utf-8")).hexdigest(), 16)
    if value % 4:
        return "tune"
    return "dev-blind" if value % 8 == 0 else "dev-open"


def in_split(name: str, split: str | None) -> bool:
    """Is the file ``name`` part of ``split`` (None: every file)?"""
    return split is None or split in (split_of(name), half_of(name))


def token_ids(offsets: Ranges, ranges: Ranges) -> frozenset[int]:
    return frozenset(i for i, (s, e) in enumerate(offsets) for rs, re_ in ranges if s < re_ and e > rs)


def _ranges(block: dict[str, Any]) -> Ranges:
    return [(span["charBegin"], span["charEnd"]) for span in block.get("spans", [])]


def read_gold(path: Path) -> GoldDoc:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        offsets = [(t["charBegin"], t["charEnd"]) for t in data["tokens"]]
        text = data["originalText"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise InputError(E.E501.format(path=path), code="E501") from err
    scored, ignored = [], []
    for ann in data.get("annotations", []):
        group = GOLD_GROUPS.get(ann.get("type", ""))
        speaker = ann.get("speaker") or {}
        item = Item(
            {group} if group else set(),
            token_ids(offsets, _ranges(ann["quote"])),
            _ranges(speaker),
            speaker.get("text", "") or "",
        )
        (scored if group and not ann.get("isNested") else ignored).append(item)
    return GoldDoc(path.name, text, offsets, scored, ignored)


def gold_files(path: Path, split: str | None) -> list[Path]:
    if split not in (None, *SPLITS):
        raise InputError(E.E704.format(split=split), code="E704")
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files or not files[0].exists():
        raise InputError(E.E501.format(path=path), code="E501")
    chosen = [f for f in files if in_split(f.name, split)]
    if not chosen:
        raise InputError(E.E703.format(path=path, split=split), code="E703")
    return chosen


def predicted(gold: GoldDoc, quotes: Iterable[dict[str, Any]]) -> list[Item]:
    items = []
    for quote in quotes:
        groups = PRED_GROUPS.get(quote.get("kind", ""))
        if not groups:
            continue
        parts = [tuple(p) for p in quote.get("parts") or [quote["span"]]]
        speaker = quote.get("speaker_span")
        items.append(
            Item(
                set(groups),
                token_ids(gold.token_offsets, parts),  # type: ignore[arg-type]
                [tuple(speaker)] if speaker else [],  # type: ignore[list-item]
                quote.get("speaker_resolved") or quote.get("speaker_text") or "",
            )
        )
    return items


def _matches(preds: list[Item], golds: list[Item], group: str | None) -> list[tuple[Item, Item]]:
    pairs = []
    for p in preds:
        for g in golds:
            if group is None or (group in p.groups and group in g.groups):
                overlap = len(p.tokens & g.tokens)
                if overlap and overlap >= 0.5 * max(len(p.tokens), len(g.tokens)):
                    pairs.append((overlap, id(p), id(g), p, g))
    pairs.sort(key=lambda pair: -pair[0])
    used_p: set[int] = set()
    used_g: set[int] = set()
    result = []
    for _, pid, gid, p, g in pairs:
        if pid not in used_p and gid not in used_g:
            used_p.add(pid)
            used_g.add(gid)
            result.append((p, g))
    return result


def _ignorable(pred: Item, ignored: list[Item]) -> bool:
    return any(len(pred.tokens & g.tokens) >= 0.5 * max(len(pred.tokens), 1) for g in ignored)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    gold: int = 0

    def scores(self) -> dict[str, float | int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "p": round(p, 4),
            "r": round(r, 4),
            "f1": round(f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "gold": self.gold,
        }


def score_doc(gold: GoldDoc, preds: list[Item], counts: dict[str, Counts]) -> list[tuple[Item, Item]]:
    """Add one document's counts; return its type-independent matches (for speakers)."""
    matched_all: list[tuple[Item, Item]] = []
    for name in ("direct", "indirect", "all"):
        group = None if name == "all" else name
        golds = [g for g in gold.scored if group is None or group in g.groups]
        candidates = [p for p in preds if group is None or group in p.groups]
        matches = _matches(candidates, golds, group)
        matched = {id(p) for p, _ in matches}
        unmatched = [p for p in candidates if id(p) not in matched]
        counts[name].tp += len(matches)
        counts[name].gold += len(golds)
        others = gold.ignored + ([g for g in gold.scored if not g.groups & {group}] if group else [])
        counts[name].fp += sum(
            not _ignorable(p, gold.ignored if len(p.groups) == 1 else others) for p in unmatched
        )
        if group is None:
            matched_all = matches
    return matched_all


def speaker_correct(pred: Item, gold: Item) -> bool:
    if not gold.speaker_spans:
        return not pred.speaker_spans
    if any(ps < ge and pe > gs for ps, pe in pred.speaker_spans for gs, ge in gold.speaker_spans):
        return True
    words = [w for w in pred.speaker_text.split() if len(w) > 2 and w[:1].isupper()]
    return bool(words) and words[-1] in gold.speaker_text


def _default_nlp() -> Language:
    from ..errors import ModelError
    from ..nlp import load

    try:
        nlp = load()
    except ModelError as err:
        import spacy

        log.warning("no trained model (%s); evaluating on a blank German pipeline", err)
        nlp = spacy.blank("de")
    return nlp


def _with_quotes(nlp: Language) -> Language:
    from .. import quotes  # noqa: F401  (registers the factory)

    if not any(name.startswith("lagebild_quotes") for name in nlp.pipe_names):
        nlp.add_pipe("lagebild_quotes_v1")
    return nlp


def evaluate_quotes(
    path: str | Path | None = None,
    *,
    nlp: Language | None = None,
    split: str | None = None,
    limit: int | None = None,
) -> dict[str, Any]:
    """Precision/recall/F1 per quote type and speaker accuracy (see module docstring)."""
    root = Path(path) if path is not None else _default_path()
    files = gold_files(root, split)[:limit] if limit else gold_files(root, split)
    nlp = _with_quotes(nlp if nlp is not None else _default_nlp())
    golds = [read_gold(f) for f in files]
    counts = {name: Counts() for name in ("direct", "indirect", "all")}
    right = total = 0
    for gold, doc in zip(golds, nlp.pipe(g.text for g in golds), strict=True):
        matches = score_doc(gold, predicted(gold, doc._.quotes or []), counts)
        right += sum(speaker_correct(p, g) for p, g in matches)
        total += len(matches)
    result: dict[str, Any] = {name: c.scores() for name, c in counts.items()}
    result.update(
        speaker_accuracy=round(right / total, 4) if total else 0.0,
        docs=len(golds),
        split=split,
        pipeline=list(nlp.pipe_names),
    )
    return result


def _default_path() -> Path:
    root = shared_dir()
    if root is None:
        raise InputError(E.E501.format(path=CORPUS), code="E501")
    return root / CORPUS


def main(argv: list[str] | None = None) -> None:  # pragma: no cover - command line
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?")
    parser.add_argument("--split", choices=SPLITS)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--model")
    args = parser.parse_args(argv)
    nlp = None
    if args.model:
        from ..nlp import load

        nlp = load(args.model)
    result = evaluate_quotes(args.path, nlp=nlp, split=args.split, limit=args.limit)
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":  # pragma: no cover
    main()
