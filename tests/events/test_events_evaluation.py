"""The events evaluation: reading gold files, matching, actor comparison, scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from lagebild.errors import InputError
from lagebild.evaluation.events import evaluate_events, match, read_records, same_actor
from lagebild.paths import repo_root


def _write(tmp_path: Path, records: list[dict]) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    return path


def test_bad_gold_files_raise_coded_errors(tmp_path: Path):
    with pytest.raises(InputError) as info:
        read_records(tmp_path / "missing.jsonl")
    assert info.value.code == "E501"
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_records(path)
    assert info.value.code == "E803"


def test_match_by_trigger_words_one_to_one():
    gold = [{"trigger": "Gespräche", "type": "CONSULT"}, {"trigger": "setzte", "type": "SANCTION"}]
    pred = [
        {"trigger": "setzte aus", "type": "SANCTION"},
        {"trigger": "führte Gespräche", "type": "CONSULT"},
        {"trigger": "Gespräche", "type": "CONSULT"},
    ]
    assert match(gold, pred) == [(0, 1), (1, 0)]


@pytest.mark.parametrize(
    ("gold", "event", "expected"),
    [
        ("RUS", {"source": "RUS"}, True),
        ("RUS", {"source": "org:duma", "source_country": "RUS"}, True),
        ("RUS", {"source": "local:russland", "source_text": "Russland"}, False),
        ("Vladimir Putin", {"source": "person:vladimir-putin"}, True),
        ("Polizei", {"source": "local:polizei", "source_text": "Die Polizei"}, True),
        ("Polizei", {"source": "KAZ", "source_text": "kasachische Polizei"}, True),
        (None, {"source": None}, True),
        (None, {"source": "RUS"}, False),
        ("European Union", {"source": "org:eu"}, False),
    ],
)
def test_same_actor(gold, event, expected):
    assert same_actor(gold, event, "source", {}) is expected


def test_same_actor_uses_actor_names():
    actors = {"org:eu": {"id": "org:eu", "name": "European Union", "type": "organisation"}}
    assert same_actor("European Union", {"source": "org:eu"}, "source", actors)


def test_person_does_not_match_its_country():
    actors = {"person:x": {"id": "person:x", "name": "X", "type": "person", "country": "RUS"}}
    assert not same_actor("RUS", {"source": "person:x", "source_country": "RUS"}, "source", actors)


def test_evaluate_on_a_blank_pipeline_scores_zero_detection(tmp_path: Path):
    path = _write(
        tmp_path,
        [
            {
                "id": "a",
                "date": "2024-01-02",
                "text": "Kiew protestierte.",
                "events": [
                    {
                        "trigger": "protestierte",
                        "type": "PROTEST",
                        "source": "UKR",
                        "target": None,
                        "status": "asserted",
                    }
                ],
            }
        ],
    )
    scores = evaluate_events(path, nlp=spacy.blank("de"))
    assert scores["events"] == 1 and scores["matched"] == 0
    assert scores["detection"]["r"] == 0.0
    for key in ("type_accuracy", "source_accuracy", "target_accuracy", "status_accuracy", "per_type"):
        assert key in scores


def test_shipped_gold_files_cover_every_type_and_status():
    records = [
        *read_records(repo_root() / "eval/events/dev.jsonl"),
        *read_records(repo_root() / "eval/events/test.jsonl"),
    ]
    events = [e for r in records for e in r.events]
    from lagebild.events.lexicon import PLOVER_TYPES

    assert len(events) >= 300
    assert set(PLOVER_TYPES) <= {e["type"] for e in events}
    assert {e["status"] for e in events} == {
        "asserted",
        "alleged",
        "denied",
        "intended",
        "negated",
        "hypothetical",
    }
