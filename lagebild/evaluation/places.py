"""Evaluate lagebild.places on a TSV of sentences with one marked place mention each.

Format (``eval/places/dev.tsv``; ``#`` lines are comments, the first other line a header)::

    sentence <TAB> mention <TAB> expected name <TAB> ISO3 <TAB> lat <TAB> lon

The mention is found by its first occurrence in the sentence.  ``expected name`` ``-`` means
the mention is *not* a place there (``Nach dem Essen …``).  Scores:

* ``accuracy``: share of rows where the place tagged at the mention has the expected name and
  country (for ``-`` rows: no place tagged there);
* ``accuracy_located``: the same, but a place in the expected country within
  ``SAME_PLACE_KM`` of the expected point also counts (the name differs only in spelling:
  ``Vinnytsya`` for ``Vinnytsia``);
* ``found``: share of positive rows where a place was tagged at the mention;
* ``false_positives``: ``-`` rows where a place was tagged anyway;
* ``coord_error_km``: mean and median great-circle distance between the expected point and
  the tagged place, over positive rows with a correct name and country;
* ``errors``: up to 20 misses, for inspection.

Command line: ``python -m lagebild.evaluation.places [PATH] [--limit N]``; without a trained
model (or with ``--blank``), a blank German pipeline is used (no NER).
``python -m lagebild.evaluation.places --germeval ../shared/data/germeval2014/NER-de-dev.tsv``
checks the gazetteer's names against gold LOC entities of real text
(:func:`evaluate_gazetteer_on_ner`).
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import E, InputError, LagebildError
from ..paths import repo_root
from ..places.gazetteer import distance_km

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)
DEFAULT_PATH = repo_root() / "eval" / "places" / "dev.tsv"
NEGATIVE = "-"
MAX_ERRORS = 20
SAME_PLACE_KM = 25.0  # a differently spelt name this close, in the same country, is the same place


@dataclass
class Row:
    sentence: str
    mention: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None

    @property
    def positive(self) -> bool:
        return self.name != NEGATIVE


def read_rows(path: Path, *, limit: int | None = None) -> list[Row]:
    """Parse the TSV; raises :class:`InputError` (E501, E502, E872)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise InputError(E.E501.format(path=path), code="E501") from err
    rows = []
    body = [(n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]
    for number, line in body[1:]:
        rows.append(_parse(path, number, line))
        if limit is not None and len(rows) >= limit:
            break
    if not rows:
        raise InputError(E.E502.format(path=path), code="E502")
    return rows


def _parse(path: Path, number: int, line: str) -> Row:
    fields = line.split("\t")
    if len(fields) != 6:
        raise InputError(E.E872.format(path=path, line=number, error="expected 6 columns"), code="E872")
    sentence, mention, name, country, lat, lon = fields
    if mention not in sentence:
        raise InputError(E.E872.format(path=path, line=number, error="mention not in sentence"), code="E872")
    try:
        point = (float(lat), float(lon)) if name != NEGATIVE else (None, None)
    except ValueError as err:
        raise InputError(E.E872.format(path=path, line=number, error=err), code="E872") from err
    return Row(sentence, mention, name, country or None, *point)


def default_nlp() -> Language:
    """The full pipeline on the shipped model; a blank German one with the places component
    where the model is missing."""
    from ..pipeline import build

    try:
        return build(components=["lagebild_places_v1"])
    except LagebildError as err:
        log.warning("no trained model (%s); evaluating on a blank German pipeline", err)
        return blank_nlp()


def blank_nlp() -> Language:
    import spacy

    from ..nlp.tokenizer import customize_tokenizer
    from ..places import FACTORY_NAME

    nlp = spacy.blank("de")
    customize_tokenizer(nlp)
    nlp.add_pipe(FACTORY_NAME)
    return nlp


def evaluate_places(
    path: Path | str = DEFAULT_PATH, *, nlp: Language | None = None, limit: int | None = None
) -> dict[str, Any]:
    """Scores of the places component on ``path`` (see module docstring)."""
    from ..places import FACTORY_NAME

    rows = read_rows(Path(path), limit=limit)
    if nlp is None:
        nlp = default_nlp()
    if FACTORY_NAME not in nlp.pipe_names:
        nlp.add_pipe(FACTORY_NAME)
    outcomes = [
        _score(row, _tagged(doc, row))
        for row, doc in zip(rows, nlp.pipe(r.sentence for r in rows), strict=True)
    ]
    return _summary(rows, outcomes)


def _mention_span(row: Row) -> tuple[int, int]:
    """The first occurrence of the mention as whole words (``Hamburg`` not in ``Hamburger``)."""
    match = re.search(rf"(?<!\w){re.escape(row.mention)}(?!\w)", row.sentence)
    if match:
        return match.span()
    start = row.sentence.index(row.mention)
    return start, start + len(row.mention)


def _tagged(doc: Any, row: Row) -> dict[str, Any] | None:
    start, end = _mention_span(row)
    for place in doc._.places or []:
        s, e = place["span"]
        if s < end and start < e:
            return place
    return None


def _score(row: Row, place: dict[str, Any] | None) -> dict[str, Any]:
    if not row.positive:
        empty = place is None or place.get("id") is None
        return {
            "correct": empty,
            "located": empty,
            "found": place is not None,
            "km": None,
            "got": _label(place),
        }
    found = place is not None and place.get("id") is not None
    correct = found and place is not None and _same(place, row)
    km = None
    if found and place is not None and place.get("lat") is not None and row.lat is not None:
        km = distance_km(row.lat, row.lon or 0.0, place["lat"], place["lon"])
    located = (
        found
        and place is not None
        and (place.get("country") or None) == row.country
        and (correct or (km is not None and km <= SAME_PLACE_KM))
    )
    return {
        "correct": correct,
        "located": located,
        "found": found,
        "km": km if correct else None,
        "got": _label(place),
    }


def _same(place: dict[str, Any], row: Row) -> bool:
    return place["name"].casefold() == row.name.casefold() and (place.get("country") or None) == row.country


def _label(place: dict[str, Any] | None) -> str | None:
    return None if place is None else f"{place.get('name')} ({place.get('country')})"


def _summary(rows: list[Row], outcomes: list[dict[str, Any]]) -> dict[str, Any]:
    positives = [o for r, o in zip(rows, outcomes, strict=True) if r.positive]
    negatives = [o for r, o in zip(rows, outcomes, strict=True) if not r.positive]
    kms = [o["km"] for o in positives if o["km"] is not None]
    errors = [
        {"sentence": r.sentence, "mention": r.mention, "expected": f"{r.name} ({r.country})", "got": o["got"]}
        for r, o in zip(rows, outcomes, strict=True)
        if not o["correct"]
    ]
    return {
        "rows": len(rows),
        "positives": len(positives),
        "negatives": len(negatives),
        "accuracy": sum(o["correct"] for o in outcomes) / len(outcomes),
        "accuracy_located": sum(o["located"] for o in outcomes) / len(outcomes),
        "found": sum(o["found"] for o in positives) / len(positives) if positives else 0.0,
        "false_positives": sum(not o["correct"] for o in negatives),
        "coord_error_km": {
            "mean": statistics.fmean(kms) if kms else 0.0,
            "median": statistics.median(kms) if kms else 0.0,
            "max": max(kms) if kms else 0.0,
        },
        "errors": errors[:MAX_ERRORS],
    }


def read_germeval(path: Path, *, limit: int | None = None) -> list[tuple[list[str], list[str]]]:
    """Sentences of a GermEval 2014 NER file: (words, outer-level tags)."""
    sentences: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    tags: list[str] = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise InputError(E.E501.format(path=path), code="E501") from err
    for line in [*lines, ""]:
        if line.startswith("#"):
            continue
        if not line.strip():
            if words:
                sentences.append((words, tags))
                words, tags = [], []
            if limit is not None and len(sentences) >= limit:
                break
            continue
        fields = line.split("\t")
        if len(fields) >= 3:
            words.append(fields[1])
            tags.append(fields[2])
    if not sentences:
        raise InputError(E.E502.format(path=path), code="E502")
    return sentences


def evaluate_gazetteer_on_ner(path: Path | str, *, limit: int | None = None) -> dict[str, Any]:
    """The gazetteer matcher alone (no NER) against gold LOC entities of a GermEval 2014 file.

    ``precision``: share of tagged places on a gold LOC* token (LOC, LOCderiv, LOCpart);
    ``recall``: share of outer B-LOC/I-LOC entities touched by a tagged place.  Gold LOC also
    covers streets, buildings and villages, and GermEval tags a city's football club as ORG, so
    both numbers are lower bounds; they show how noisy the names are on real German text.
    """
    import spacy
    from spacy.tokens import Doc

    from ..extensions import register_extensions
    from ..places.gazetteer import get_gazetteer
    from ..places.lexicon import load_prepositions
    from ..places.matcher import find_places

    register_extensions()
    vocab = spacy.blank("de").vocab
    gazetteer, preps = get_gazetteer(), load_prepositions()
    tagged = on_loc = gold = touched = 0
    for words, tags in read_germeval(Path(path), limit=limit):
        places = [p for p in find_places(Doc(vocab, words=words), gazetteer, preps) if p["id"]]
        loc = {i for i, tag in enumerate(tags) if "LOC" in tag}
        tagged += len(places)
        on_loc += sum(any(i in loc for i in range(*p["tokens"])) for p in places)
        for start, end in _entities(tags, "LOC"):
            gold += 1
            touched += any(p["tokens"][0] < end and start < p["tokens"][1] for p in places)
    return {
        "tagged": tagged,
        "gold_loc": gold,
        "precision": on_loc / tagged if tagged else 0.0,
        "recall": touched / gold if gold else 0.0,
    }


def _entities(tags: list[str], label: str) -> list[tuple[int, int]]:
    spans = []
    start = None
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and tag != f"I-{label}":
            spans.append((start, i))
            start = None
        if tag == f"B-{label}":
            start = i
    return spans


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Evaluate lagebild.places")
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--blank", action="store_true", help="blank German pipeline (no NER)")
    parser.add_argument("--germeval", action="store_true", help="PATH is a GermEval 2014 NER file")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.germeval:
        print(json.dumps(evaluate_gazetteer_on_ner(args.path, limit=args.limit), indent=2))
        return
    nlp = blank_nlp() if args.blank else None
    scores = evaluate_places(args.path, nlp=nlp, limit=args.limit)
    print(json.dumps(scores, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
