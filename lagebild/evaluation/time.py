"""Evaluate lagebild.time on TimeML (KRAUTS) and ACE TIMEX2 (WikiWarsDE) gold data.

``evaluate_time(path)`` reads every ``.tml`` file under ``path`` (a folder, searched
recursively, or one file).  The article date is the TIMEX3 with
``functionInDocument="CREATION_TIME"``; the text is the content of ``<TEXT>``; empty
(non-consuming) TIMEX3 elements are not scored.

Scores:

* ``extent``: precision/recall/F1 of expression extents, ``strict`` (same character span) and
  ``relaxed`` (overlapping spans, matched one-to-one, the largest overlap first);
* ``value_accuracy`` / ``type_accuracy``: share of relaxed matches whose TIMEX3 ``value`` /
  ``type`` equals the gold one;
* ``docs``, ``gold``, ``pred`` and the same block per subset (the folder above ``gold/``).

Convention: KRAUTS follows It-TimeML, which annotates ``vor drei Jahren`` as the DURATION
``drei Jahren`` (value ``P3Y``); lagebild reports the DATE it denotes (``2019``) and keeps the
It-TimeML reading in the extra key ``timeml``.  With ``convention="timeml"`` (default) that
reading is scored (likewise ``drei Tage vor dem 4. Juli``: one anchored DATE for lagebild, two
expressions in It-TimeML, kept in ``timeml_parts``); ``convention="native"`` scores lagebild's
own output.

Split of the shared KRAUTS documents (fixed, documented): within each subset the gold files are
sorted by name; every third file (index 2, 5, 8, …) is in ``report``, the others in ``tune``.
Rules were tuned on ``tune`` only.

Command line: ``python -m lagebild.evaluation.time [PATH] [--split tune|report] [--baseline]``.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..document import DocDate
from ..errors import E, InputError
from ..paths import shared_dir

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)
SPLITS = ("tune", "report")


@dataclass
class Mention:
    start: int
    end: int
    type: str
    value: str | None


@dataclass
class GoldDoc:
    name: str
    subset: str
    text: str
    dct: DocDate | None
    mentions: list[Mention] = field(default_factory=list)


# ------------------------------------------------------------------------------------------------
# reading


def read_timeml(path: Path) -> GoldDoc:
    """One TimeML file: the text of ``<TEXT>``, its TIMEX3 offsets and the creation date."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as error:
        raise InputError(E.E501.format(path=f"{path} ({error})"), code="E501") from error
    dct = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = _parse_dct(timex.get("value"))
            break
    text_el = root.find("TEXT")
    if text_el is None:
        raise InputError(E.E502.format(path=path), code="E502")
    pieces: list[str] = []
    mentions: list[Mention] = []
    _walk(text_el, pieces, mentions, tag="TIMEX3", type_attr="type", value_attr="value", top=True)
    return GoldDoc(path.stem, _subset(path), "".join(pieces), dct, mentions)


def read_timex2(path: Path) -> GoldDoc:
    """One ACE TIMEX2 inline file (WikiWarsDE ``keyinline/``); DCT from ``DATE_TIME`` if any."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    raw = re.sub(r"<\?xml[^>]*>|<!DOCTYPE[^>]*>", "", raw)
    raw = raw.replace("&", "&amp;")
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as error:
        raise InputError(E.E501.format(path=f"{path} ({error})"), code="E501") from error
    dct = None
    date_el = root.find(".//DATETIME")
    if date_el is None:
        date_el = root.find(".//DATE_TIME")
    if date_el is not None:
        dct = _parse_dct(re.sub(r"\D", "", "".join(date_el.itertext()))[:8])
    text_el = root.find(".//TEXT")
    if text_el is None:
        text_el = root
    pieces: list[str] = []
    mentions: list[Mention] = []
    _walk(text_el, pieces, mentions, tag="TIMEX2", type_attr=None, value_attr="VAL", top=True)
    return GoldDoc(path.name.split(".")[0], "wikiwarsde", "".join(pieces), dct, mentions)


def _walk(
    el: ET.Element,
    pieces: list[str],
    mentions: list[Mention],
    *,
    tag: str,
    type_attr: str | None,
    value_attr: str,
    top: bool,
) -> None:
    start = sum(len(p) for p in pieces)
    if el.text:
        pieces.append(el.text)
    for child in el:
        _walk(child, pieces, mentions, tag=tag, type_attr=type_attr, value_attr=value_attr, top=False)
        if child.tail:
            pieces.append(child.tail)
    end = sum(len(p) for p in pieces)
    if not top and el.tag == tag and end > start:
        kind = el.get(type_attr) if type_attr else "DATE"
        value = el.get(value_attr) or el.get(value_attr.lower())
        mentions.append(Mention(start, end, kind or "DATE", value))


def _parse_dct(value: str | None) -> DocDate | None:
    if not value:
        return None
    digits = re.sub(r"\D", "", value)
    try:
        if len(digits) >= 8:
            return DocDate.parse(f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}")
        if len(digits) >= 6:
            return DocDate.parse(f"{digits[:4]}-{digits[4:6]}")
        if len(digits) == 4:
            return DocDate.parse(digits)
    except ValueError:
        return None
    return None


def _subset(path: Path) -> str:
    parts = path.parts
    if "gold" in parts:
        index = len(parts) - 1 - parts[::-1].index("gold")
        if index > 0:
            return parts[index - 1]
    return path.parent.name


def gold_files(path: Path, *, pattern: str = "*.tml") -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise InputError(E.E501.format(path=path), code="E501")
    return sorted(
        p for p in path.rglob(pattern) if "heideltime-output" not in p.parts and "raw-text" not in p.parts
    )


def in_split(files: list[Path], split: str | None) -> list[Path]:
    """The documented tune/report split: per subset, every third file (sorted by name) is report."""
    if split is None:
        return files
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    by_subset: dict[str, list[Path]] = {}
    for path in files:
        by_subset.setdefault(_subset(path), []).append(path)
    chosen = []
    for paths in by_subset.values():
        for index, path in enumerate(sorted(paths, key=lambda p: p.name)):
            if (index % 3 == 2) == (split == "report"):
                chosen.append(path)
    return sorted(chosen)


# ------------------------------------------------------------------------------------------------
# predicting


def predictor(
    nlp: Language | None, *, convention: str = "timeml", mode: str = "news"
) -> Callable[[GoldDoc], list[Mention]]:
    """A function gold document -> predicted mentions, via ``nlp`` or the plain normaliser."""
    from ..time import normalize

    def to_mentions(timexes: list[dict[str, Any]]) -> list[Mention]:
        mentions = []
        for tx in timexes:
            views = [tx]
            if convention == "timeml":
                views = tx.get("timeml_parts") or [tx.get("timeml", tx)]
            for view in views:
                mentions.append(Mention(view["span"][0], view["span"][1], view["type"], view["value"]))
        return mentions

    if nlp is None:
        return lambda doc: to_mentions(normalize(doc.text, doc.dct, mode=mode))

    from ..time.component import FACTORY_NAME

    if not any(proc.__class__.__name__ == "TimeTagger" for _, proc in nlp.pipeline):
        nlp.add_pipe(FACTORY_NAME, config={"mode": mode})

    def run(doc: GoldDoc) -> list[Mention]:
        spacy_doc = nlp.make_doc(doc.text)
        spacy_doc._.doc_date = doc.dct
        for _, proc in nlp.pipeline:
            spacy_doc = proc(spacy_doc)
        return to_mentions(spacy_doc._.timexes or [])

    return run


# ------------------------------------------------------------------------------------------------
# scoring


@dataclass
class Tally:
    docs: int = 0
    gold: int = 0
    pred: int = 0
    strict: int = 0
    relaxed: int = 0
    value_ok: int = 0
    type_ok: int = 0

    def add(self, gold: list[Mention], pred: list[Mention]) -> None:
        self.docs += 1
        self.gold += len(gold)
        self.pred += len(pred)
        self.strict += len({(m.start, m.end) for m in gold} & {(m.start, m.end) for m in pred})
        for g, p in match_relaxed(gold, pred):
            self.relaxed += 1
            self.value_ok += g.value == p.value
            self.type_ok += g.type == p.type

    def scores(self) -> dict[str, Any]:
        return {
            "extent": {
                "strict": _prf(self.strict, self.gold, self.pred),
                "relaxed": _prf(self.relaxed, self.gold, self.pred),
            },
            "value_accuracy": round(self.value_ok / self.relaxed, 4) if self.relaxed else 0.0,
            "type_accuracy": round(self.type_ok / self.relaxed, 4) if self.relaxed else 0.0,
            "docs": self.docs,
            "gold": self.gold,
            "pred": self.pred,
        }


def _prf(hits: int, gold: int, pred: int) -> dict[str, float]:
    p = hits / pred if pred else 0.0
    r = hits / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def match_relaxed(gold: list[Mention], pred: list[Mention]) -> Iterator[tuple[Mention, Mention]]:
    """One-to-one pairs of overlapping mentions, the largest overlap first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                pairs.append((-overlap, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in sorted(pairs):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        yield gold[gi], pred[pi]


def evaluate_time(
    path: Path | str,
    *,
    nlp: Language | None = None,
    limit: int | None = None,
    split: str | None = None,
    convention: str = "timeml",
    mode: str | None = None,
) -> dict[str, Any]:
    """Scores of lagebild.time on the TimeML (or ``*.key.xml`` TIMEX2) files under ``path``.

    ``mode`` None: ``news`` for TimeML (KRAUTS), ``narrative`` for TIMEX2 (WikiWarsDE).
    With ``nlp`` given and no time component in it, one is added with that mode.
    """
    path = Path(path)
    files = gold_files(path)
    reader = read_timeml
    if not files:
        files, reader = gold_files(path, pattern="*.key.xml"), read_timex2
    files = in_split(files, split)[:limit] if limit else in_split(files, split)
    if not files:
        raise InputError(E.E502.format(path=path), code="E502")
    mode = mode or ("news" if reader is read_timeml else "narrative")
    predict = predictor(nlp, convention=convention, mode=mode)
    return score_documents((reader(f) for f in files), predict)


def score_documents(docs: Iterator[GoldDoc], predict: Callable[[GoldDoc], list[Mention]]) -> dict[str, Any]:
    total = Tally()
    subsets: dict[str, Tally] = {}
    for doc in docs:
        pred = predict(doc)
        total.add(doc.mentions, pred)
        subsets.setdefault(doc.subset, Tally()).add(doc.mentions, pred)
    scores = total.scores()
    scores["per_subset"] = {name: tally.scores() for name, tally in sorted(subsets.items())}
    return scores


def evaluate_system_output(
    gold_path: Path | str, *, system_dir: str = "heideltime-output", split: str | None = None
) -> dict[str, Any]:
    """Score another tagger's TimeML output stored next to ``gold/`` (the HeidelTime baseline).

    Offsets are taken from the system file's own ``<TEXT>``; when its text differs from the gold
    text the system mentions are mapped by locating each mention's text near its offset.
    """
    files = in_split(gold_files(Path(gold_path)), split)

    def docs_and_preds() -> Iterator[tuple[GoldDoc, list[Mention]]]:
        for path in files:
            other = path.parent.parent / system_dir / path.name
            if not other.is_file():
                continue
            gold, system = read_timeml(path), read_timeml(other)
            yield gold, _realign(system, gold.text)

    pairs = list(docs_and_preds())
    lookup = {id(g): p for g, p in pairs}
    return score_documents(iter(g for g, _ in pairs), lambda doc: lookup[id(doc)])


def _realign(system: GoldDoc, text: str) -> list[Mention]:
    if system.text == text:
        return system.mentions
    out = []
    for m in system.mentions:
        needle = system.text[m.start : m.end]
        index = text.find(needle, max(m.start - 200, 0))
        if index >= 0:
            out.append(Mention(index, index + len(needle), m.type, m.value))
    return out


def _main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Evaluate lagebild.time on KRAUTS/WikiWarsDE.")
    default = shared_dir()
    parser.add_argument(
        "path", nargs="?", default=str(default / "data/temporal-de/krauts") if default else None
    )
    parser.add_argument("--split", choices=SPLITS)
    parser.add_argument("--convention", choices=("timeml", "native"), default="timeml")
    parser.add_argument("--mode", choices=("news", "narrative"))
    parser.add_argument("--baseline", action="store_true", help="score heideltime-output/ instead")
    args = parser.parse_args(argv)
    if args.path is None:
        parser.error("no path given and no shared folder found")
    if args.baseline:
        scores = evaluate_system_output(args.path, split=args.split)
    else:
        scores = evaluate_time(args.path, split=args.split, convention=args.convention, mode=args.mode)
    print(json.dumps(scores, indent=1))


if __name__ == "__main__":
    _main()
