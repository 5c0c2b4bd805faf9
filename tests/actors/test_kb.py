"""The knowledge base: shipped data files, validation, lookups, role holders by date."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pycountry
import pytest

from lagebild.actors.kb import (
    DATA_DIR,
    KnowledgeBase,
    demonym_forms,
    load_kb,
    load_lexicon,
    read_actor_file,
)
from lagebild.errors import DataError

ORG_ID = re.compile(r"^(org|media):[a-z0-9]+(-[a-z0-9]+)*$")


def test_every_iso_country_is_an_actor(kb: KnowledgeBase) -> None:
    for country in pycountry.countries:
        actor = kb.get(country.alpha_3)
        assert actor is not None and actor.type == "country"


@pytest.mark.parametrize(
    ("text", "iso3"),
    [("Kasachstan", "KAZ"), ("Russland", "RUS"), ("Россия", "RUS"), ("Weißrussland", "BLR"), ("USA", "USA")],
)
def test_country_names_in_several_languages(kb: KnowledgeBase, text: str, iso3: str) -> None:
    assert iso3 in {entry.actor_id for entry in kb.aliases(text.lower())} | {
        entry.actor_id for entry in kb.aliases(_fold(text))
    }


def _fold(text: str) -> str:
    from lagebild.actors.normalize import fold

    return fold(text)


@pytest.mark.parametrize(
    "form", ["russisch", "russische", "russischen", "russischer", "russisches", "russischem"]
)
def test_adjective_inflections(kb: KnowledgeBase, form: str) -> None:
    assert kb.adjectives[form] == "RUS"


@pytest.mark.parametrize(
    ("form", "iso3"),
    [
        ("kasachischen", "KAZ"),
        ("ukrainische", "UKR"),
        ("us-amerikanischen", "USA"),
        ("österreichische", "AUT"),
    ],
)
def test_adjectives_of_key_states(kb: KnowledgeBase, form: str, iso3: str) -> None:
    assert kb.adjectives[form] == iso3


def test_g20_eu_and_post_soviet_states_have_adjectives(kb: KnowledgeBase) -> None:
    required = [
        "ARG",
        "AUS",
        "BRA",
        "CAN",
        "CHN",
        "FRA",
        "DEU",
        "IND",
        "IDN",
        "ITA",
        "JPN",
        "KOR",
        "MEX",
        "RUS",
        "SAU",
        "ZAF",
        "TUR",
        "GBR",
        "USA",
        "AUT",
        "BEL",
        "BGR",
        "HRV",
        "CYP",
        "CZE",
        "DNK",
        "EST",
        "FIN",
        "GRC",
        "HUN",
        "IRL",
        "LVA",
        "LTU",
        "LUX",
        "MLT",
        "NLD",
        "POL",
        "PRT",
        "ROU",
        "SVK",
        "SVN",
        "ESP",
        "SWE",
        "ARM",
        "AZE",
        "BLR",
        "GEO",
        "KAZ",
        "KGZ",
        "MDA",
        "TJK",
        "TKM",
        "UKR",
        "UZB",
        "IRN",
        "IRQ",
        "ISR",
        "JOR",
        "LBN",
        "SYR",
        "YEM",
        "ARE",
        "QAT",
        "KWT",
        "OMN",
        "BHR",
        "EGY",
        "NGA",
        "ETH",
        "KEN",
        "DZA",
        "MAR",
        "PAK",
        "AFG",
        "BGD",
        "VNM",
        "THA",
        "PHL",
        "MYS",
    ]
    have = set(kb.adjectives.values())
    assert [iso3 for iso3 in required if iso3 not in have] == []


def test_demonym_forms() -> None:
    assert demonym_forms("Russe") == ["Russe", "Russen", "Russin", "Russinnen"]
    assert "Kanadierinnen" in demonym_forms("Kanadier")
    assert "Deutschen" in demonym_forms("~Deutsch")
    assert demonym_forms("=Sowjets") == ["Sowjets"]


def test_metonyms_point_to_the_country(kb: KnowledgeBase) -> None:
    assert [e.actor_id for e in kb.aliases("kreml")] == ["RUS"]
    assert [e.actor_id for e in kb.aliases("weissen haus")] == ["USA"]


def test_compound_prefixes(kb: KnowledgeBase) -> None:
    assert kb.prefix("US") == "USA"
    assert kb.prefix("Kreml") == "RUS"
    assert kb.prefix("Nato") == "org:nato"
    assert kb.prefix("EU-Kommissions") == "org:european-commission"


def test_shipped_organisations_and_media_are_valid() -> None:
    ids = []
    for name, actor_type in (("organisations.yaml", "organisation"), ("media.yaml", "media")):
        for actor in read_actor_file(DATA_DIR / name, default_type=actor_type):
            assert ORG_ID.match(actor.id), actor.id
            assert actor.country is None or len(actor.country) == 3
            ids.append(actor.id)
    assert len(ids) == len(set(ids))


def test_roles_vocabulary_uses_known_keys() -> None:
    lexicon = load_lexicon(DATA_DIR / "roles.yaml")
    for entry in lexicon.role_nouns.values():
        assert all(role == "head" or role in lexicon.role_keys for role in entry.roles)
    assert lexicon.role_nouns["präsidentin"].noun == "präsident"
    assert lexicon.descriptors["expertin"] == "expert"


def test_role_holders_by_date(kb: KnowledgeBase) -> None:
    assert kb.role_holders("president", "RUS", dt.date(2022, 7, 1)) == ["person:vladimir-putin"]
    assert kb.role_holders("president", "RUS", dt.date(2009, 7, 1)) == ["person:dmitry-medvedev"]
    both = kb.role_holders("president", "KAZ", dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    assert both == ["person:kassym-jomart-tokayev", "person:nursultan-nazarbayev"]
    assert kb.previous_holders("president", "KAZ", dt.date(2022, 1, 1)) == ["person:nursultan-nazarbayev"]


def test_load_kb_is_cached() -> None:
    assert load_kb() is load_kb()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("- {id: person:x, name: X, type: person, colour: red}\n", "E302"),
        ("- {name: X, type: person}\n", "E601"),
        ("- {id: person:x, name: X, type: robot}\n", "E602"),
        ("- {id: person:x, name: X, type: person, gender: x}\n", "E602"),
        ("- {id: person:x, name: X, type: person, roles: [president]}\n", "E603"),
        ("- {id: person:x, name: X, type: person, roles: [{role: president, start: 2020-13-01}]}\n", "E301"),
        ("{id: person:x}\n", "E301"),
        ("- [unclosed\n", "E301"),
    ],
)
def test_broken_records_raise_coded_errors(tmp_path: Path, text: str, code: str) -> None:
    path = tmp_path / "persons.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_actor_file(path)
    assert info.value.code == code


def test_merge_keeps_aliases_and_roles(kb: KnowledgeBase) -> None:
    from lagebild.actors.kb import Actor, Role

    fresh = KnowledgeBase(list(kb), kb.lexicon)
    fresh.adjectives, fresh.demonyms = kb.adjectives, kb.demonyms
    fresh.add(Actor("person:dmitry-peskov", "Dmitry Peskov", "person", aliases=["Dmitri Peskoff"]))
    fresh.add(Actor("person:dmitry-peskov", "Dmitry Peskov", "person", roles=[Role("ambassador", "TUR")]))
    fresh.compile()
    actor = fresh.get("person:dmitry-peskov")
    assert actor is not None and "Dmitri Peskoff" in actor.aliases and "Peskow" in actor.aliases
    assert {role.role for role in actor.roles} == {"spokesperson", "ambassador"}


def test_disk_cache_roundtrip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAGEBILD_CACHE", str(tmp_path))
    load_kb.cache_clear()
    try:
        first = load_kb()
        assert list(tmp_path.glob("actors-kb-*.pickle"))
        load_kb.cache_clear()
        second = load_kb()
        assert second is not first and len(second) == len(first)
        assert second.prefix("Kreml") == "RUS"
    finally:
        load_kb.cache_clear()


def test_may_head_key_only_for_first_words_of_keys(kb: KnowledgeBase) -> None:
    heads = [key.split(" ")[0] for key in kb.key_index if " " in key]
    assert heads and all(kb.may_head_key(head) for head in heads[:50])
    assert not kb.may_head_key("Donnerstagabend")
    # a spelling whose key is the same as a head's counts too (Dmitrij / Dmitry)
    assert kb.may_head_key("Dmitrij") and kb.may_head_key("Dmitry")


def test_may_start_alias_answers_for_string_prefixes_of_aliases(kb: KnowledgeBase) -> None:
    aliases = sorted(kb.alias_index)
    for alias in aliases[:: max(1, len(aliases) // 200)]:
        assert kb.may_start_alias(alias)
        assert kb.may_start_alias(alias[: max(1, len(alias) // 2)])
    assert not kb.may_start_alias("zzzqxv donnerstagabend")
    assert not kb.may_start_alias(aliases[-1] + "zzz")
