"""A small store of hand-made records for API tests (no trained model involved)."""

from __future__ import annotations

import pytest

from lagebild.store.synthetic import make_record

TEXT_A = "Moskau – Der Kreml hat Kasachstan gedroht. „Wir prüfen alle Schritte“, sagte Sprecher Iwan Beispiel am Montag."
TEXT_B = "Astana – Kasachstan und Russland unterzeichneten ein Abkommen über Öllieferungen nach Europa."


MOSCOW = {"name": "Moscow", "country": "RUS", "lat": 55.75, "lon": 37.62}


@pytest.fixture
def records():
    a = make_record(
        TEXT_A,
        date="2022-07-04",
        title="Moskau",
        source="test",
        actors=[
            {"id": "RUS", "name": "Russia", "type": "country", "country": "RUS", "surface": ["Kreml"]},
            {
                "id": "KAZ",
                "name": "Kazakhstan",
                "type": "country",
                "country": "KAZ",
                "surface": ["Kasachstan"],
            },
            {
                "id": "local:iwan-beispiel",
                "name": "Iwan Beispiel",
                "country": "RUS",
                "surface": ["Iwan Beispiel"],
            },
        ],
        quotes=[
            {
                "text": "„Wir prüfen alle Schritte“",
                "speaker": "local:iwan-beispiel",
                "speaker_text": "Iwan Beispiel",
                "cue": "sagte",
            }
        ],
        events=[
            {
                "type": "THREATEN",
                "source": "RUS",
                "target": "KAZ",
                "trigger": "gedroht",
                "date": "2022-07-04",
                "goldstein": -4.0,
                "place": MOSCOW,
            }
        ],
    )
    b = make_record(
        TEXT_B,
        date="2022-08",
        title="Astana",
        source="test",
        actors=[
            {
                "id": "KAZ",
                "name": "Kazakhstan",
                "type": "country",
                "country": "KAZ",
                "surface": ["Kasachstan"],
            },
            {"id": "RUS", "name": "Russia", "type": "country", "country": "RUS", "surface": ["Russland"]},
        ],
        events=[
            {
                "type": "AGREE",
                "source": "KAZ",
                "target": "RUS",
                "trigger": "unterzeichneten",
                "date": "2022-08-02",
                "goldstein": 5.0,
            }
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
