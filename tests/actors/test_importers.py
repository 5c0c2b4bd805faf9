"""Importing user knowledge bases: YAML records, simple CSV, Wikidata JSON lines."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from lagebild.actors.importers import import_file, read_csv, read_wikidata
from lagebild.actors.kb import KnowledgeBase
from lagebild.errors import DataError


@pytest.fixture()
def fresh_kb(kb: KnowledgeBase) -> KnowledgeBase:
    copy = KnowledgeBase(list(kb), kb.lexicon)
    copy.adjectives, copy.demonyms = kb.adjectives, kb.demonyms
    return copy.compile()


def test_csv_rows_become_actors_with_roles(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "name,aliases,type,country,role,start,end\n"
        "Erika Musterfrau,Erika Mustermann|E. Musterfrau,person,DEU,mayor,2019-05-01,\n"
        "Erika Musterfrau,,person,DEU,party_leader,2015,2018\n"
        "Beispiel AG,,organisation,AUT,,,\n",
        encoding="utf-8",
    )
    actors = {actor.id: actor for actor in read_csv(path)}
    erika = actors["person:erika-musterfrau"]
    assert erika.country == "DEU" and "E. Musterfrau" in erika.aliases
    assert {(role.role, role.start) for role in erika.roles} == {
        ("mayor", dt.date(2019, 5, 1)),
        ("party_leader", dt.date(2015, 1, 1)),
    }
    assert actors["org:beispiel-ag"].type == "organisation"


def test_csv_import_merges_into_the_kb(fresh_kb: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "extra.csv"
    path.write_text("name,aliases,type,country,role,start,end\nDmitry Peskov,Dima Peskow,person,RUS,,,\n")
    assert import_file(fresh_kb, path) == 1
    assert [entry.actor_id for entry in fresh_kb.aliases("dima peskow")] == ["person:dmitry-peskov"]


def test_csv_bad_type_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("name,aliases,type,country,role,start,end\nX,,robot,,,,\n")
    with pytest.raises(DataError) as info:
        list(read_csv(path))
    assert info.value.code == "E606"


def _entity(qid: str, label: str, **claims: list) -> dict:
    return {
        "id": qid,
        "labels": {"en": {"language": "en", "value": label}},
        "aliases": {"ru": [{"language": "ru", "value": label.upper()}]},
        "claims": {prop: values for prop, values in claims.items()},
    }


def _item(qid: str, qualifiers: dict | None = None) -> dict:
    claim = {"mainsnak": {"datavalue": {"value": {"id": qid}}}}
    if qualifiers:
        claim["qualifiers"] = qualifiers
    return claim


def _time(value: str) -> list[dict]:
    return [{"datavalue": {"value": {"time": value}}}]


def test_wikidata_entities(tmp_path: Path) -> None:
    person = _entity(
        "Q1",
        "Test Person",
        P31=[_item("Q5")],
        P27=[_item("Q232")],
        P21=[_item("Q6581072")],
        P39=[_item("QPOS", {"P580": _time("+2019-03-20T00:00:00Z"), "P582": _time("+2020-00-00T00:00:00Z")})],
    )
    thing = _entity("Q2", "A Mountain", P31=[_item("Q8502")])
    path = tmp_path / "entities.jsonl"
    path.write_text("\n".join(json.dumps(e) for e in (person, thing)) + "\n", encoding="utf-8")
    actors = list(
        read_wikidata(path, countries={"Q232": "KAZ"}, positions={"QPOS": {"role": "president", "of": "KAZ"}})
    )
    assert len(actors) == 1
    found = actors[0]
    assert (found.id, found.country, found.gender, found.wikidata) == ("person:test-person", "KAZ", "f", "Q1")
    assert "TEST PERSON" in found.aliases
    assert [(r.role, r.of, r.start, r.end) for r in found.roles] == [
        ("president", "KAZ", dt.date(2019, 3, 20), dt.date(2020, 1, 1))
    ]


def test_wikidata_malformed_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_text("{not json\n")
    with pytest.raises(DataError) as info:
        list(read_wikidata(path))
    assert info.value.code == "E606"


def test_unsupported_file_type(fresh_kb: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "kb.xml"
    path.write_text("<kb/>")
    with pytest.raises(DataError) as info:
        import_file(fresh_kb, path)
    assert info.value.code == "E605"


def test_yaml_import_adds_persons(fresh_kb: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "- id: person:erika-musterfrau\n  name: Erika Musterfrau\n  type: person\n  country: DEU\n"
        "  roles: [{role: mayor, of: DEU, start: 2020-01-01, end: null}]\n",
        encoding="utf-8",
    )
    import_file(fresh_kb, path)
    assert fresh_kb.role_holders("mayor", "DEU", dt.date(2022, 1, 1)) == ["person:erika-musterfrau"]
