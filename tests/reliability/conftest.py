"""A small corpus store of hand-made records (own sentences) for the API reliability tests."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

TEXT_A = "Wien – Die Regierung hat am Dienstag neue Regeln beschlossen. „Das ist ein guter Tag“, sagte Ministerin Anna Muster."
TEXT_B = "Bern – Der Verband kritisierte die Pläne scharf und drohte mit Klagen vor Gericht."


def make_record(text: str, *, date: dict, actors=(), quotes=(), events=()) -> dict:
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


def _actor(actor_id: str, name: str, kind: str, country: str, start: int, end: int) -> dict:
    return {
        "id": actor_id,
        "name": name,
        "type": kind,
        "country": country,
        "role": None,
        "aliases": [name],
        "mentions": [[start, end]],
    }


def _event(kind: str, source: str, target: str, trigger: str, text: str) -> dict:
    start = text.index(trigger)
    return {
        "id": "e1",
        "type": kind,
        "mode": None,
        "cameo": None,
        "source": source,
        "target": target,
        "date": {"start": "2023-03-07", "end": "2023-03-07", "precision": "day"},
        "place": {"name": "Vienna", "country": "AUT", "lat": 48.21, "lon": 16.37},
        "status": "asserted",
        "via": [],
        "trigger": trigger,
        "span": [start, start + len(trigger)],
    }


@pytest.fixture
def api_records() -> list[dict]:
    speaker = TEXT_A.index("Anna Muster")
    quote_start, quote_end = TEXT_A.index("„"), TEXT_A.index("“") + 1
    first = make_record(
        TEXT_A,
        date={"start": "2023-03-07", "end": "2023-03-07", "precision": "day"},
        actors=[
            _actor("AUT", "Austria", "country", "AUT", 0, 4),
            _actor("local:anna-muster", "Anna Muster", "person", "AUT", speaker, speaker + 11),
        ],
        quotes=[
            {
                "id": "q1",
                "kind": "direct",
                "text": TEXT_A[quote_start:quote_end],
                "span": [quote_start, quote_end],
                "speaker": "local:anna-muster",
                "speaker_text": "Anna Muster",
                "speaker_span": [speaker, speaker + 11],
                "cue": "sagte",
                "via": [],
                "addressee": None,
            }
        ],
        events=[_event("AGREE", "AUT", "AUT", "beschlossen", TEXT_A)],
    )
    second = make_record(
        TEXT_B,
        date={"start": "2023-04-01", "end": "2023-04-30", "precision": "month"},
        actors=[_actor("CHE", "Switzerland", "country", "CHE", 0, 4)],
        events=[_event("THREATEN", "CHE", "AUT", "drohte", TEXT_B)],
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
