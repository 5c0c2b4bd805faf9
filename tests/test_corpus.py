"""The Corpus API (pandas) and the corpus CLI commands, on a store filled with hand-made records."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import lagebild.cli_corpus  # noqa: F401  (registers the corpus commands on lagebild.cli.main)
from lagebild.cli import main
from lagebild.corpus import Corpus
from lagebild.store.synthetic import make_record

RUS = {"id": "RUS", "name": "Russia", "type": "country", "surface": ["Moskau"]}
KAZ = {"id": "KAZ", "name": "Kazakhstan", "type": "country", "surface": ["Kasachstan"]}
SPEAKER = {
    "id": "person:olga-beispiel",
    "name": "Olga Beispiel",
    "type": "person",
    "country": "RUS",
    "surface": ["Beispiel"],
}


def _records():
    quote = "„Wir reden weiter mit Kasachstan“"
    return [
        make_record(
            f"Moskau droht Kasachstan mit Zöllen. {quote}, sagte Beispiel.",
            date="2022-07-04",
            actors=[RUS, KAZ, SPEAKER],
            events=[{"type": "THREATEN", "source": "RUS", "target": "KAZ", "trigger": "droht"}],
            quotes=[{"text": quote, "speaker": SPEAKER["id"], "via": ["media:tass"], "cue": "sagen"}],
        ),
        make_record(
            "Kasachstan und Moskau unterzeichnen ein Abkommen über Weizen.",
            date="2022-09-12",
            actors=[RUS, KAZ],
            events=[{"type": "AGREE", "source": "KAZ", "target": "RUS", "trigger": "unterzeichnen"}],
        ),
    ]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "corpus.db"
    with Corpus(path) as corpus:
        assert corpus.add_records(_records()) == 2
    return str(path)


def _run(args):
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    return result


def test_python_api_returns_dataframes(db):
    with Corpus(db) as corpus:
        events = corpus.events(source="RUS")
        assert list(events["type"]) == ["THREATEN"]
        assert corpus.quotes(speaker="Olga Beispiel", about="KAZ")["speaker"].tolist() == [SPEAKER["id"]]
        assert corpus.actors(search="Kazachstan").iloc[0]["id"] == "KAZ"
        assert corpus.search("Weizen").iloc[0]["doc_id"] == _records()[1]["document"]["id"]
        dyad = corpus.dyad("RUS", "KAZ", by="quarter")
        assert sorted(dyad["period"]) == ["2022-Q3", "2022-Q3"]
        assert corpus.network().number_of_edges() == 3  # two events, one quote about KAZ
        assert corpus.quoted(by="channel")["key"].tolist() == ["media:tass"]
        assert corpus.stats()["documents"] == 2
        assert corpus.resolve("Russia") == ["RUS"]


def test_cli_queries(db):
    result = _run(["events", "--db", db, "--source", "KAZ", "--json"])
    assert [e["type"] for e in json.loads(result.stdout)] == ["AGREE"]
    result = _run(
        ["quotes", "--db", db, "--speaker", "Beispiel", "--from", "2022-07", "--to", "2022-07", "--csv"]
    )
    assert result.stdout.splitlines()[0].startswith("quote_id,") and "Kasachstan" in result.stdout
    result = _run(["actors", "--db", db, "--search", "beispil", "--json"])
    assert json.loads(result.stdout)[0]["id"] == SPEAKER["id"]
    result = _run(["search", "--db", db, 'Weizen" OR *', "--json"])
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 1
    result = _run(["stats", "--db", db, "--json"])
    assert json.loads(result.stdout)["events"] == 2
    assert _run(["errors", "--db", db, "--json"]).stdout.strip() == "[]"


def test_cli_aggregates_and_exports(db, tmp_path):
    chart = tmp_path / "dyad.png"
    result = _run(["dyad", "RUS", "KAZ", "--db", db, "--json", "--plot", str(chart)])
    periods = json.loads(result.stdout)
    assert [p["period"] for p in periods] == ["2022-07", "2022-09"]
    assert chart.read_bytes()[:4] == b"\x89PNG"
    graphml = tmp_path / "net.graphml"
    result = _run(["network", "--db", db, "--graphml", str(graphml), "--json"])
    assert {r["id"] for r in json.loads(result.stdout)} == {"RUS", "KAZ", SPEAKER["id"]}
    assert graphml.exists()
    result = _run(["quoted", "--db", db, "--by", "about", "--json"])
    assert json.loads(result.stdout)[0]["key"] == "KAZ"
    out = tmp_path / "gdelt.tsv"
    assert _run(["export", "--db", db, "--format", "gdelt", "--output", str(out)]).exit_code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3


def test_cli_missing_db_is_a_plain_error(tmp_path):
    result = CliRunner().invoke(main, ["stats", "--db", str(tmp_path / "nope.db")])
    assert result.exit_code == 1 and "E910" in result.output


def test_cli_ingest_blank_model(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(
        "date 2022-07-01 Die Regierung in Moskau hat am Montag über den Handel beraten.", encoding="utf-8"
    )
    db = str(tmp_path / "c.db")
    result = _run(["ingest", str(source), "--db", db, "--model", "blank", "--json"])
    assert json.loads(result.stdout)["stored"] == 1
    result = _run(["ingest", str(source), "--db", db, "--model", "blank", "--json"])
    assert json.loads(result.stdout)["skipped"] == 1


def test_single_items_and_network_json(db):
    first = _records()[0]["document"]["id"]
    with Corpus(db) as corpus:
        documents = corpus.documents(limit=1)
        assert [d["id"] for d in documents] == [first] and "text" not in documents[0]
        assert [d["id"] for d in corpus.documents(offset=1)] == [_records()[1]["document"]["id"]]
        record = corpus.record(first)
        assert record["document"]["text"].startswith("Moskau droht") and record["document"]["dup_of"] is None
        assert corpus.record("0000000000000000") is None
        assert corpus.actor("KAZ")["name"] == "Kazakhstan" and corpus.actor("nobody") is None
        network = corpus.network_json(limit=2)
        assert len(network["nodes"]) == 2
        kept = {n["id"] for n in network["nodes"]}
        assert all(e["source"] in kept and e["target"] in kept for e in network["edges"])
        assert corpus.events(has_place=True, as_frame=False) == []


def test_store_is_usable_from_several_threads(db):
    from concurrent.futures import ThreadPoolExecutor

    with Corpus(db) as corpus, ThreadPoolExecutor(4) as pool:
        counts = list(pool.map(lambda _: len(corpus.events(as_frame=False)), range(8)))
    assert counts == [2] * 8


def test_cli_errors_by_code(tmp_path, db):
    from lagebild.store.base import ErrorEntry

    with Corpus(db) as corpus:
        corpus.store.record_errors(
            [
                ErrorEntry("x.bin", "E102", "Binary file refused (not text): x.bin"),
                ErrorEntry("y.bin", "E102", "Binary file refused (not text): y.bin"),
                ErrorEntry("z.gz", "E108", "Corrupt or truncated gzip file: z.gz: kaputt"),
            ]
        )
    result = _run(["errors", "--db", db, "--by-code", "--json"])
    rows = json.loads(result.output)
    assert [(r["code"], r["inputs"], r["seen"]) for r in rows] == [("E102", 2, 2), ("E108", 1, 1)]
    assert rows[0]["reason"] == "Binary file refused (not text): …"
    table = _run(["errors", "--db", db, "--by-code"]).output
    assert "E108" in table and "Corrupt or truncated gzip file" in table
