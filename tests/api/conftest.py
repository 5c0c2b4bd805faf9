"""A small store of hand-made records for API tests (no trained model involved)."""

from __future__ import annotations

import hashlib

import pytest

TEXT_A = "Moskau – Der Kreml hat Kasachstan gedroht. „Wir prüfen alle Schritte“, sagte Sprecher Iwan Beispiel am Montag."
TEXT_B = "Astana – Kasachstan und Russland unterzeichneten ein Abkommen über Öllieferungen nach Europa."


def make_record(text, *, date, quotes=(), events=(), actors=()):
    sha = hashlib.sha256(text.encode()).hexdigest()
    return {
        "schema": "lagebild.analysis/1",
        "document": {
            "id": sha[:16],
            "source_id": None,
            "title": text.split("–")[0].strip(),
            "source": "test",
            "url": None,
            "language": "de",
            "date": date,
            "text_sha256": sha,
            "text": text,
        },
        "actors": list(actors),
        "quotes": list(quotes),
        "events": list(events),
        "timexes": [],
        "pipeline": {"version": "0.1.0", "model": "de_test-0", "components": []},
    }


def _actor(actor_id, name, kind, country, spans):
    return {
        "id": actor_id,
        "name": name,
        "type": kind,
        "country": country,
        "role": None,
        "aliases": [name],
        "mentions": [list(s) for s in spans],
    }


def _event(
    event_id,
    kind,
    source,
    target,
    span,
    trigger,
    *,
    status="asserted",
    goldstein=-4.0,
    place=None,
    day="2022-07-04",
):
    return {
        "id": event_id,
        "type": kind,
        "mode": None,
        "cameo": None,
        "goldstein": goldstein,
        "source": source,
        "target": target,
        "date": {"start": day, "end": day, "precision": "day"},
        "place": place,
        "status": status,
        "via": [],
        "trigger": trigger,
        "trigger_span": list(span),
        "span": list(span),
    }


@pytest.fixture
def records():
    quote_start = TEXT_A.index("„")
    quote_end = TEXT_A.index("“") + 1
    speaker = TEXT_A.index("Iwan Beispiel")
    a = make_record(
        TEXT_A,
        date={"start": "2022-07-04", "end": "2022-07-04", "precision": "day"},
        actors=[
            _actor("RUS", "Russia", "country", "RUS", [(9, 14)]),
            _actor("KAZ", "Kazakhstan", "country", "KAZ", [(23, 33)]),
            _actor("local:iwan-beispiel", "Iwan Beispiel", "person", "RUS", [(speaker, speaker + 13)]),
        ],
        quotes=[
            {
                "id": "q1",
                "kind": "direct",
                "text": TEXT_A[quote_start:quote_end],
                "span": [quote_start, quote_end],
                "speaker": "local:iwan-beispiel",
                "speaker_text": "Iwan Beispiel",
                "speaker_span": [speaker, speaker + 13],
                "cue": "sagte",
                "via": [],
                "addressee": None,
            }
        ],
        events=[
            _event(
                "e1",
                "THREATEN",
                "RUS",
                "KAZ",
                (38, 44),
                "gedroht",
                place={"name": "Moscow", "country": "RUS", "lat": 55.75, "lon": 37.62},
            )
        ],
    )
    b = make_record(
        TEXT_B,
        date={"start": "2022-08-01", "end": "2022-08-31", "precision": "month"},
        actors=[
            _actor("KAZ", "Kazakhstan", "country", "KAZ", [(9, 19)]),
            _actor("RUS", "Russia", "country", "RUS", [(24, 33)]),
        ],
        events=[
            _event("e1", "AGREE", "KAZ", "RUS", (34, 47), "unterzeichneten", goldstein=5.0, day="2022-08-02")
        ],
    )
    return [a, b]


@pytest.fixture
def db_path(tmp_path, records):
    from lagebild.corpus import Corpus

    path = tmp_path / "api.db"
    with Corpus(path) as corpus:
        corpus.add_records(records)
    return path


@pytest.fixture
def client(db_path):
    from fastapi.testclient import TestClient

    from lagebild.api import create_app

    return TestClient(create_app(db_path))
