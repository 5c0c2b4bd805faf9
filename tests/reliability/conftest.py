"""A small corpus store of hand-made records (own sentences) for the API reliability tests."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from lagebild.store.synthetic import make_record

TEXT_A = "Wien – Die Regierung hat am Dienstag neue Regeln beschlossen. „Das ist ein guter Tag“, sagte Ministerin Anna Muster."
TEXT_B = "Bern – Der Verband kritisierte die Pläne scharf und drohte mit Klagen vor Gericht."


VIENNA = {"name": "Vienna", "country": "AUT", "lat": 48.21, "lon": 16.37}


@pytest.fixture
def api_records() -> list[dict]:
    first = make_record(
        TEXT_A,
        date="2023-03-07",
        title="Wien",
        source="test",
        actors=[
            {"id": "AUT", "name": "Austria", "type": "country", "country": "AUT", "surface": ["Wien"]},
            {"id": "local:anna-muster", "name": "Anna Muster", "country": "AUT", "surface": ["Anna Muster"]},
        ],
        quotes=[
            {
                "text": "„Das ist ein guter Tag“",
                "speaker": "local:anna-muster",
                "speaker_text": "Anna Muster",
                "cue": "sagte",
            }
        ],
        events=[
            {
                "type": "AGREE",
                "source": "AUT",
                "target": "AUT",
                "trigger": "beschlossen",
                "date": "2023-03-07",
                "place": VIENNA,
            }
        ],
    )
    second = make_record(
        TEXT_B,
        date="2023-04",
        title="Bern",
        source="test",
        actors=[
            {"id": "CHE", "name": "Switzerland", "type": "country", "country": "CHE", "surface": ["Bern"]}
        ],
        events=[
            {
                "type": "THREATEN",
                "source": "CHE",
                "target": "AUT",
                "trigger": "drohte",
                "date": "2023-03-07",
                "place": VIENNA,
            }
        ],
    )
    return [first, second]


@pytest.fixture
def api_db(tmp_path, api_records) -> Path:
    from lagebild.corpus import Corpus

    path = tmp_path / "api.db"
    with Corpus(path) as corpus:
        corpus.add_records(api_records)
    return path


@pytest.fixture
def digest():
    """``digest(path)``: a hash of every row of every table of a store."""
    return store_digest


def store_digest(path: Path) -> str:
    """A hash of every row of every table: equal digests mean an unchanged store."""
    digest = hashlib.sha256()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' ORDER BY name"
            )
        ]
        for table in tables:
            for row in conn.execute(f"SELECT * FROM {table}"):
                digest.update(repr((table, row)).encode())
    return digest.hexdigest()
