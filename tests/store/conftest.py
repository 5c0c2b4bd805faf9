"""Fixtures for the corpus store tests: hand-made records (own sentences), no trained model."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.store import open_store
from lagebild.store.synthetic import make_record

PUTIN = {
    "id": "person:ivan-petrow",
    "name": "Ivan Petrov",
    "type": "person",
    "country": "RUS",
    "aliases": ["Iwan Petrow"],
    "surface": ["Petrow"],
}
RUS = {"id": "RUS", "name": "Russia", "type": "country", "surface": ["Moskau", "Russland"]}
KAZ = {"id": "KAZ", "name": "Kazakhstan", "type": "country", "surface": ["Kasachstan", "Astana"]}
DEU = {"id": "DEU", "name": "Germany", "type": "country", "surface": ["Berlin"]}
TASS = {"id": "media:tass", "name": "TASS", "type": "media", "country": "RUS", "surface": ["Tass"]}

FILLER = (
    "Die Verhandlungen über den Transit von Waren dauerten bis spät in die Nacht, und beide Seiten "
    "betonten anschließend, dass weitere Treffen auf Ebene der Fachleute folgen sollen, bevor im "
    "Herbst eine Einigung über die Gebühren und die Kontrollen an der Grenze möglich werde."
)


def article(number: int, lead: str) -> str:
    """A distinct German text of ~60 words built around ``lead`` (own sentences)."""
    return f"{lead} Meldung {number} aus der Redaktion, Folge {number * 7}.\n{FILLER} Stand {number}."


HERE = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def _standin_importable(monkeypatch):
    """``standin_analyzer`` (this folder) must be importable by name for ``--analyzer``."""
    monkeypatch.syspath_prepend(str(HERE))


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "corpus.db") as db:
        yield db


@pytest.fixture
def records():
    """Four documents: sanctions, a talk, a quote with a channel, and a near-copy of the first."""
    sanction = "Moskau verhängt Sanktionen gegen Kasachstan, meldet Tass."
    first = make_record(
        article(1, sanction),
        date="2022-07-05",
        title="Sanktionen",
        source="Zeitung A",
        url="https://a.example/1",
        actors=[RUS, KAZ, TASS],
        events=[
            {
                "type": "SANCTION",
                "source": "RUS",
                "target": "KAZ",
                "trigger": "verhängt",
                "cameo": "163",
                "status": "asserted",
                "via": ["media:tass"],
            }
        ],
    )
    talk = make_record(
        article(2, "Kasachstan und Russland vereinbaren in Astana neue Gespräche über die Pipeline."),
        date="2022-08-10",
        actors=[RUS, KAZ],
        events=[
            {"type": "CONSULT", "source": "KAZ", "target": "RUS", "trigger": "vereinbaren", "goldstein": 2.0},
            {"type": "AGREE", "source": "RUS", "target": "KAZ", "trigger": "neue", "status": "alleged"},
            {
                "type": "ASSAULT",
                "source": "RUS",
                "target": "KAZ",
                "trigger": "Gespräche",
                "status": "negated",
            },
        ],
    )
    quote_text = "„Wir lassen uns von Kasachstan nicht erpressen“"
    quote = make_record(
        article(3, f"{quote_text}, sagte Petrow in Berlin laut Tass."),
        date="2022-07-20",
        actors=[PUTIN, KAZ, DEU, TASS],
        quotes=[
            {
                "text": quote_text,
                "speaker": "person:ivan-petrow",
                "speaker_text": "Petrow",
                "cue": "sagen",
                "via": ["media:tass"],
            }
        ],
        events=[{"type": "ACCUSE", "source": "person:ivan-petrow", "target": "KAZ", "trigger": "erpressen"}],
    )
    copy = make_record(
        article(1, sanction).replace("Stand 1.", "Stand 1, ergänzt."),
        date="2022-07-06",
        source="Zeitung B",
        actors=[RUS, KAZ, TASS],
        events=[
            {"type": "SANCTION", "source": "RUS", "target": "KAZ", "trigger": "verhängt", "cameo": "163"}
        ],
    )
    return [first, talk, quote, copy]


@pytest.fixture
def filled(store, records):
    from lagebild.store.dedup import signature

    store.write_records([(r, signature(r["document"]["text"])) for r in records])
    return store
