"""Evaluate actor linking (``lagebild_actors_v1``) on a mention TSV.

File format (UTF-8, tab-separated, ``#`` comments and a header line allowed)::

    mention <TAB> context sentence <TAB> date <TAB> expected canonical name [<TAB> category]

``date`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (empty: no article date).  ``expected`` is
the actor's canonical ``name`` (or its id), or ``NIL`` when the mention must not be linked to
a KB actor (unknown persons: a ``local:`` actor counts as NIL).  ``mention`` is located as its
first occurrence in the context; write ``mention@N`` for the N-th occurrence.

Each context is run through the pipeline with the date as ``doc._.doc_date``; the prediction
is the actor of the mention span that overlaps the gold mention most.

Scores: ``accuracy`` (prediction = expected), ``wrong_confident_rate`` (share of rows linked to
a wrong KB actor: the links the threshold let through), ``nil_accuracy`` (accuracy on NIL rows),
``per_category``.  ``eval/actors/dev.tsv`` is for tuning, ``eval/actors/test.tsv`` for reporting.

Command line: ``python -m lagebild.evaluation.actors [PATH] [--threshold T] [--errors]``.
"""

from __future__ import annotations

import argparse
import json
import logging
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..document import DocDate
from ..errors import E, InputError
from ..paths import repo_root

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)
NIL = "NIL"
FACTORY = "lagebild_actors_v1"
DEFAULT_PATH = repo_root() / "eval" / "actors" / "dev.tsv"


@dataclass(frozen=True)
class Row:
    mention: str
    occurrence: int
    context: str
    date: str
    expected: str
    category: str
    line: int


def read_rows(path: Path) -> list[Row]:
    """Parse the TSV; raises :class:`InputError` (E501/E502/E607) on unusable files."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise InputError(E.E501.format(path=path), code="E501") from err
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#") or line.startswith("mention\t"):
            continue
        cells = line.split("\t")
        if len(cells) not in (4, 5):
            raise InputError(E.E607.format(path=path, line=number, count=len(cells)), code="E607")
        mention, occurrence = _occurrence(cells[0])
        category = cells[4].strip() if len(cells) == 5 else "all"
        rows.append(Row(mention, occurrence, cells[1], cells[2].strip(), cells[3].strip(), category, number))
    if not rows:
        raise InputError(E.E502.format(path=path), code="E502")
    return rows


def _occurrence(cell: str) -> tuple[str, int]:
    mention, sep, number = cell.rpartition("@")
    if sep and number.isdigit():
        return mention, int(number)
    return cell, 1


def default_nlp() -> Language:
    """The shipped model with the actor component, or a blank German pipeline without it."""
    import spacy

    from ..errors import ModelError

    try:
        from ..nlp import load

        nlp = load()
    except ModelError:
        log.warning("no trained model found; evaluating actors on a blank German pipeline")
        nlp = spacy.blank("de")
    return nlp


def ensure_actor_component(nlp: Language, *, threshold: float | None = None) -> Language:
    import lagebild.actors.component  # noqa: F401  (registers the factory)

    if FACTORY not in nlp.pipe_names:
        nlp.add_pipe(FACTORY, config={} if threshold is None else {"threshold": threshold})
    elif threshold is not None:
        component = nlp.get_pipe(FACTORY)
        component.settings.threshold = threshold  # type: ignore[attr-defined]
    return nlp


def evaluate_actors(
    path: str | Path | None = None,
    *,
    nlp: Language | None = None,
    threshold: float | None = None,
    limit: int | None = None,
    errors: bool = False,
) -> dict[str, Any]:
    """Score actor linking on the TSV at ``path`` (default: ``eval/actors/dev.tsv``)."""
    rows = read_rows(Path(path) if path else DEFAULT_PATH)[:limit]
    nlp = ensure_actor_component(nlp if nlp is not None else default_nlp(), threshold=threshold)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    correct = wrong_links = nil_rows = nil_correct = 0
    mistakes = []
    for row in rows:
        predicted, actor_id = predict(nlp, row)
        ok = _same(predicted, actor_id, row.expected, nlp)
        correct += ok
        wrong_links += (not ok) and predicted != NIL
        if row.expected == NIL:
            nil_rows += 1
            nil_correct += ok
        totals[row.category][0] += 1
        totals[row.category][1] += ok
        if not ok:
            mistakes.append(
                {"line": row.line, "mention": row.mention, "expected": row.expected, "got": predicted}
            )
    scores: dict[str, Any] = {
        "accuracy": correct / len(rows),
        "wrong_confident_rate": wrong_links / len(rows),
        "nil_accuracy": nil_correct / nil_rows if nil_rows else 1.0,
        "rows": len(rows),
        "per_category": {cat: {"rows": n, "accuracy": ok / n} for cat, (n, ok) in sorted(totals.items())},
    }
    if errors:
        scores["errors"] = mistakes
    return scores


def predict(nlp: Language, row: Row) -> tuple[str, str | None]:
    """The canonical name (or NIL) and actor id the pipeline links the row's mention to."""
    doc = nlp.make_doc(row.context)
    doc._.doc_date = _parse_date(row)
    doc = nlp(doc)
    start = _find(row.context, row.mention, row.occurrence)
    if start < 0:
        start = _find(row.context.casefold(), row.mention.casefold(), row.occurrence)
    if start < 0:
        log.warning("line %d: mention %r not in its context", row.line, row.mention)
        return NIL, None
    return _linked_name(doc, start, start + len(row.mention))


def _parse_date(row: Row) -> DocDate | None:
    """``YYYY[-MM[-DD]]``, also with a time part (``2022-07-05T10:00``); None if empty/unreadable."""
    if not row.date:
        return None
    for candidate in (row.date, row.date[:10], row.date[:7], row.date[:4]):
        try:
            return DocDate.parse(candidate)
        except ValueError:
            continue
    log.warning("line %d: unreadable date %r, evaluating without a date", row.line, row.date)
    return None


def _find(text: str, mention: str, occurrence: int) -> int:
    start = -1
    for _ in range(occurrence):
        start = text.find(mention, start + 1)
        if start < 0:
            break
    return start


def _linked_name(doc: Doc, start: int, end: int) -> tuple[str, str | None]:
    best, best_overlap = None, 0
    for span in doc._.actor_mentions or []:
        overlap = min(end, span.end_char) - max(start, span.start_char)
        if overlap > best_overlap:
            best, best_overlap = span, overlap
    if best is None or not best._.actor_id or best._.actor_id.startswith("local:"):
        return NIL, None
    actor = next((a for a in doc._.actors or [] if a["id"] == best._.actor_id), None)
    return (actor["name"] if actor else best._.actor_id), best._.actor_id


def _same(predicted: str, actor_id: str | None, expected: str, nlp: Language) -> bool:
    """Expected is the linked actor's canonical name, its id, or another KB name of it."""
    wanted = expected.casefold()
    if predicted.casefold() == wanted or (actor_id or "").casefold() == wanted:
        return True
    if actor_id is None or wanted == NIL.casefold():
        return False
    kb = getattr(nlp.get_pipe(FACTORY), "kb", None)
    actor = kb.get(actor_id) if kb is not None else None
    return actor is not None and wanted in {name.casefold() for name in actor.all_names()}


def main(argv: list[str] | None = None) -> None:  # pragma: no cover - thin CLI wrapper
    parser = argparse.ArgumentParser(description="Evaluate actor linking on a mention TSV.")
    parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))
    parser.add_argument("--threshold", type=float)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--errors", action="store_true", help="list the wrong rows")
    args = parser.parse_args(argv)
    scores = evaluate_actors(args.path, threshold=args.threshold, limit=args.limit, errors=args.errors)
    print(json.dumps(scores, indent=2, ensure_ascii=False))


if __name__ == "__main__":  # pragma: no cover
    main()
