"""Evaluate lagebild's event coder on a lagebild events gold file (JSON Lines).

One record per line::

    {"id": "dev-001", "date": "2024-03-12", "text": "…",
     "events": [{"trigger": "stoppte", "type": "SANCTION", "mode": "discontinue",
                 "source": "RUS", "target": "POL", "status": "asserted"}]}

What counts (decided for lagebild, documented here):

* **Match** (detection): a predicted event matches a gold event of the same record when one of
  the gold trigger's words (lower-cased) is one of the words of the predicted trigger (so "setzte"
  matches "setzte aus", "Gespräche" matches "führte Gespräche").  One-to-one, in text order, an
  equal type preferred.  Detection P/R/F1 count matches over all predicted / all gold events.
* **Type, source, target, status accuracy**: over matched pairs.  ``type_accuracy_all`` counts
  correctly typed matches over all gold events (detection errors included).
* **Actors**: a gold actor is an ISO 3166 alpha-3 code, a canonical (English Wikipedia) name, a
  lagebild actor id, or a common noun for an unnamed actor ("Polizei").  It matches the predicted
  actor id, the actor's name or aliases (``doc._.actors``), its country (``source_country``; not
  for persons), or — for common nouns — the slug of a ``local:`` id or of the predicted phrase.
  Gold ``null`` matches only a predicted ``null``.
* **per_type**: detection P/R/F1 per gold/predicted type (a match counts for a type when both
  sides have it).

Command line: ``python -m lagebild.evaluation.events [PATH] [--limit N] [--errors]``.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import E, InputError
from ..paths import repo_root

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)
DEFAULT_PATH = repo_root() / "eval" / "events" / "dev.jsonl"
EVENTS_FACTORY = "lagebild_events_v1"
_ISO3 = re.compile(r"^[A-Z]{3}$")
_WORD = re.compile(r"\w+")


@dataclass
class Record:
    id: str
    text: str
    date: str | None
    events: list[dict[str, Any]]
    line: int


@dataclass
class Tally:
    """Counts for one evaluation run."""

    gold: int = 0
    pred: int = 0
    matched: int = 0
    type_ok: int = 0
    source_ok: int = 0
    target_ok: int = 0
    status_ok: int = 0
    per_type: dict[str, Counter[str]] = field(default_factory=dict)
    status_confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    mistakes: list[dict[str, Any]] = field(default_factory=list)

    def count(self, etype: str, key: str) -> None:
        self.per_type.setdefault(etype, Counter())[key] += 1


def read_records(path: Path) -> list[Record]:
    """Read a gold file; raises :class:`InputError` (E501/E502/E803) on unusable data."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise InputError(E.E501.format(path=path), code="E501") from err
    records = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            records.append(
                Record(str(raw["id"]), str(raw["text"]), raw.get("date"), list(raw["events"]), number)
            )
        except (ValueError, KeyError, TypeError) as err:
            raise InputError(E.E803.format(path=path, line=number, error=err), code="E803") from err
    if not records:
        raise InputError(E.E502.format(path=path), code="E502")
    return records


def _words(text: str | None) -> set[str]:
    return {w.lower() for w in _WORD.findall(text or "")}


def slug(text: str) -> str:
    from ..events.roles import slugify

    return slugify(text)


def actor_names(doc: Doc) -> dict[str, dict[str, Any]]:
    actors = getattr(doc._, "actors", None) if doc.has_extension("actors") else None
    return {str(a["id"]): a for a in actors or [] if isinstance(a, dict) and a.get("id")}


def same_actor(gold: str | None, event: dict[str, Any], side: str, actors: dict[str, dict[str, Any]]) -> bool:
    """Does the gold actor (``gold``) match the event's ``side`` (``source``/``target``)?"""
    predicted = event.get(side)
    if gold is None or predicted is None:
        return gold is None and predicted is None
    record = actors.get(predicted, {})
    names = {predicted, str(record.get("name") or ""), *(str(a) for a in record.get("aliases") or [])}
    if gold in names or gold.lower() in {n.lower() for n in names if n}:
        return True
    country = event.get(f"{side}_country") or record.get("country")
    if _ISO3.match(gold) and country == gold and record.get("type") != "person":
        return True
    gold_slug = slug(gold)
    if gold_slug and gold_slug == predicted.split(":", 1)[-1]:
        return True
    if _ISO3.match(gold):
        return False
    return bool(gold_slug) and gold_slug in slug(event.get(f"{side}_text") or "")


def match(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) by trigger words; same type first."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for same_type in (True, False):
        for gi, g in enumerate(gold):
            if any(gi == a for a, _ in pairs):
                continue
            words = _words(g.get("trigger"))
            for pi, p in enumerate(pred):
                if pi in used or not words & _words(p.get("trigger")):
                    continue
                if same_type and p.get("type") != g.get("type"):
                    continue
                pairs.append((gi, pi))
                used.add(pi)
                break
    return sorted(pairs)


def _prepare(nlp: Language | None) -> Language:
    if nlp is None:
        from ..pipeline import build

        nlp = build()
    if EVENTS_FACTORY not in nlp.pipe_names and not any(
        n.startswith("lagebild.events") for n in nlp.pipe_names
    ):
        import lagebild.events  # noqa: F401 - registers the factory

        nlp.add_pipe(EVENTS_FACTORY)
    return nlp


def analyse(nlp: Language, record: Record) -> Doc:
    from ..document import DocDate
    from ..extensions import register_extensions

    register_extensions()
    doc = nlp.make_doc(record.text)
    doc._.doc_date = DocDate.parse(record.date) if record.date else None
    return nlp(doc)


def score_record(tally: Tally, record: Record, doc: Doc, *, errors: bool = False) -> None:
    gold, pred = record.events, list(getattr(doc._, "events", None) or [])
    tally.gold += len(gold)
    tally.pred += len(pred)
    for g in gold:
        tally.count(g["type"], "gold")
    for p in pred:
        tally.count(p["type"], "pred")
    pairs = match(gold, pred)
    actors = actor_names(doc)
    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi for _, pi in pairs}
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        checks = {
            "type": g["type"] == p["type"],
            "source": same_actor(g.get("source"), p, "source", actors),
            "target": same_actor(g.get("target"), p, "target", actors),
            "status": g.get("status", "asserted") == p["status"],
        }
        tally.matched += 1
        tally.type_ok += checks["type"]
        tally.source_ok += checks["source"]
        tally.target_ok += checks["target"]
        tally.status_ok += checks["status"]
        tally.status_confusion[(g.get("status", "asserted"), p["status"])] += 1
        if checks["type"]:
            tally.count(g["type"], "matched")
        if errors and not all(checks.values()):
            tally.mistakes.append(
                {
                    "id": record.id,
                    "gold": g,
                    "pred": _short(p),
                    "wrong": [k for k, ok in checks.items() if not ok],
                }
            )
    if errors:
        tally.mistakes += [
            {"id": record.id, "missed": g} for i, g in enumerate(gold) if i not in matched_gold
        ]
        tally.mistakes += [
            {"id": record.id, "spurious": _short(p)} for i, p in enumerate(pred) if i not in matched_pred
        ]


def _short(event: dict[str, Any]) -> dict[str, Any]:
    keys = ("type", "mode", "trigger", "source", "target", "status", "source_text", "target_text")
    return {k: event.get(k) for k in keys}


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _prf(matched: int, pred: int, gold: int) -> dict[str, float]:
    p, r = _ratio(matched, pred), _ratio(matched, gold)
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def summarise(tally: Tally, *, errors: bool = False) -> dict[str, Any]:
    scores: dict[str, Any] = {
        "type_accuracy": _ratio(tally.type_ok, tally.matched),
        "source_accuracy": _ratio(tally.source_ok, tally.matched),
        "target_accuracy": _ratio(tally.target_ok, tally.matched),
        "status_accuracy": _ratio(tally.status_ok, tally.matched),
        "type_accuracy_all": _ratio(tally.type_ok, tally.gold),
        "detection": _prf(tally.matched, tally.pred, tally.gold),
        "per_type": {
            etype: {**_prf(c["matched"], c["pred"], c["gold"]), "gold": c["gold"], "pred": c["pred"]}
            for etype, c in sorted(tally.per_type.items())
        },
        "status_confusion": {f"{g}->{p}": n for (g, p), n in sorted(tally.status_confusion.items())},
        "events": tally.gold,
        "predicted": tally.pred,
        "matched": tally.matched,
    }
    if errors:
        scores["mistakes"] = tally.mistakes
    return scores


def evaluate_events(
    path: str | Path | None = None,
    *,
    nlp: Language | None = None,
    limit: int | None = None,
    errors: bool = False,
) -> dict[str, Any]:
    """Score the event coder on the gold file at ``path`` (default ``eval/events/dev.jsonl``)."""
    records = read_records(Path(path) if path else DEFAULT_PATH)[:limit]
    nlp = _prepare(nlp)
    tally = Tally()
    for record in records:
        score_record(tally, record, analyse(nlp, record), errors=errors)
    return summarise(tally, errors=errors)


def main(argv: Iterable[str] | None = None) -> None:  # pragma: no cover - thin CLI wrapper
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))
    parser.add_argument("--limit", type=int)
    parser.add_argument("--model")
    parser.add_argument("--errors", action="store_true", help="Also list the mistakes.")
    args = parser.parse_args(list(argv) if argv is not None else None)
    from ..pipeline import build

    scores = evaluate_events(args.path, nlp=build(args.model), limit=args.limit, errors=args.errors)
    print(json.dumps(scores, ensure_ascii=False, indent=2))


if __name__ == "__main__":  # pragma: no cover
    main()
