"""Run every evaluation on its development data and compare with the pinned floors.

    python -m lagebild.evaluation.run_all [--json] [--only parse,ner] [--update-floors [--allow-lower]]

Parse and NER run on the held-out parts of GSD dev / GermEval dev (the model was trained on the
rest; see :mod:`lagebild.evaluation.splits`) — or on their tuning parts when the shipped model
was trained on the held-out parts as well (its ``meta.json`` says so; its held-out scores then
come from the training recipe's measuring run, see ``training/README.md``).  Floors live in ``eval/floors.json`` (metric → lowest accepted value).  A run fails (exit 1)
when a metric falls below its floor.  ``--update-floors`` raises floors to the measured values;
it refuses to lower one unless ``--allow-lower`` is given, so baselines never drop quietly.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..paths import repo_root, shared_dir
from .splits import GERMEVAL_HELDOUT, GERMEVAL_TUNE, GSD_HELDOUT, GSD_TUNE, Part, slice_file

FLOORS_FILE = repo_root() / "eval" / "floors.json"


@dataclass(frozen=True)
class Task:
    """One evaluation: where its data is and which metrics have floors."""

    name: str
    data: Callable[[], Path | None]
    metrics: tuple[str, ...]
    run: Callable[[Path], dict[str, Any]]


def _shared(relative: str) -> Callable[[], Path | None]:
    def find() -> Path | None:
        root = shared_dir()
        path = root / relative if root else None
        return path if path is not None and path.exists() else None

    return find


def trained_on_heldout(model_dir: Path | None = None) -> bool:
    """The shipped model saw the held-out parts (its held-out scores come from a measuring run)."""
    from ..paths import DEFAULT_MODEL_DIR

    meta = (model_dir or DEFAULT_MODEL_DIR) / "meta.json"
    try:
        return "lagebild_heldout_measured_by" in json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False


def _heldout(relative: str, part: Part, tune: Part) -> Callable[[], Path | None]:
    """The held-out part of a shared file the model was partly trained on (see ``splits``) —
    or its tuning part, when the shipped model was trained on the held-out part as well."""

    def find() -> Path | None:
        path = _shared(relative)()
        if path is None:
            return None
        return slice_file(path, tune if trained_on_heldout() else part)

    return find


def _repo(relative: str) -> Callable[[], Path | None]:
    def find() -> Path | None:
        path = repo_root() / relative
        return path if path.exists() else None

    return find


def _base_nlp() -> Any:
    from ..pipeline import build

    return build(components=[])


def _full_nlp() -> Any:
    from ..pipeline import build

    return build()


def _runner(module: str, function: str, *, full: bool, **options: Any) -> Callable[[Path], dict[str, Any]]:
    def run(path: Path) -> dict[str, Any]:
        import importlib

        evaluate = getattr(importlib.import_module(f"lagebild.evaluation.{module}"), function)
        nlp = _full_nlp() if full else _base_nlp()
        if full:
            return dict(evaluate(path, nlp=nlp, **options))
        return dict(evaluate(nlp, path, **options))

    return run


TASKS: tuple[Task, ...] = (
    Task(
        "parse",
        _heldout("data/ud-german-gsd/de_gsd-ud-dev.conllu", GSD_HELDOUT, GSD_TUNE),
        ("upos", "las", "lemma", "sents_f", "mood_sub_f1"),
        _runner("parse", "evaluate_parse", full=False),
    ),
    Task(
        "ner",
        _heldout("data/germeval2014/NER-de-dev.tsv", GERMEVAL_HELDOUT, GERMEVAL_TUNE),
        ("f1",),
        _runner("ner", "evaluate_ner", full=False),
    ),
    Task(
        "actors",
        _repo("eval/actors/test.tsv"),
        ("accuracy",),
        _runner("actors", "evaluate_actors", full=True),
    ),
    Task(
        "quotes",
        _shared("data/quotes-de/wikinews-quotation-attribution-2024/train"),
        ("direct.f1", "indirect.f1", "speaker_accuracy"),
        _runner("quotes", "evaluate_quotes", full=True, split="dev"),
    ),
    Task(
        "time",
        _shared("data/temporal-de/krauts"),
        ("value_accuracy",),
        _runner("time", "evaluate_time", full=True),
    ),
    Task(
        "places",
        _repo("eval/places/test.tsv"),
        ("accuracy", "found"),
        _runner("places", "evaluate_places", full=True),
    ),
    Task(
        "events",
        _repo("eval/events/test.jsonl"),
        ("type_accuracy", "source_accuracy"),
        _runner("events", "evaluate_events", full=True),
    ),
)


def metric(scores: dict[str, Any], dotted: str) -> float | None:
    value: Any = scores
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return float(value) if isinstance(value, (int, float)) else None


def load_floors() -> dict[str, float]:
    if not FLOORS_FILE.exists():
        return {}
    data: dict[str, float] = json.loads(FLOORS_FILE.read_text(encoding="utf-8"))
    return data


def check(results: dict[str, dict[str, Any]], floors: dict[str, float]) -> list[str]:
    """Metrics below their floor, as messages."""
    failures = []
    for task in TASKS:
        if task.name not in results:
            continue
        for name in task.metrics:
            key = f"{task.name}.{name}"
            value = metric(results[task.name], name)
            if key in floors and (value is None or value < floors[key]):
                failures.append(f"{key} = {value} is below its floor {floors[key]}")
    return failures


def updated_floors(
    results: dict[str, dict[str, Any]], floors: dict[str, float], *, allow_lower: bool
) -> tuple[dict[str, float], list[str]]:
    """New floors from measured values; refuses (and reports) lowering unless allowed."""
    new = dict(floors)
    refused = []
    for task in TASKS:
        for name in task.metrics:
            key = f"{task.name}.{name}"
            value = metric(results.get(task.name, {}), name)
            if value is None:
                continue
            value = math.floor(value * 10_000) / 10_000  # rounded down: the measured value passes
            if key in floors and value < floors[key] and not allow_lower:
                refused.append(f"{key}: {value} < {floors[key]} (use --allow-lower)")
                continue
            new[key] = value
    return new, refused


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--only", help="comma-separated task names")
    parser.add_argument("--update-floors", action="store_true")
    parser.add_argument("--allow-lower", action="store_true")
    args = parser.parse_args(argv)
    wanted = set(args.only.split(",")) if args.only else {task.name for task in TASKS}
    results: dict[str, dict[str, Any]] = {}
    for task in TASKS:
        if task.name not in wanted:
            continue
        path = task.data()
        if path is None:
            print(f"skip {task.name}: no data", file=sys.stderr)
            continue
        results[task.name] = task.run(path)
    floors = load_floors()
    if args.update_floors:
        floors, refused = updated_floors(results, floors, allow_lower=args.allow_lower)
        FLOORS_FILE.parent.mkdir(parents=True, exist_ok=True)
        FLOORS_FILE.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        for line in refused:
            print(f"refused to lower {line}", file=sys.stderr)
    failures = check(results, floors)
    if args.json:
        print(json.dumps({"results": results, "below_floor": failures}, indent=2, ensure_ascii=False))
    else:
        for name, scores in results.items():
            print(name, json.dumps(scores, ensure_ascii=False))
        for line in failures:
            print(f"BELOW FLOOR: {line}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
