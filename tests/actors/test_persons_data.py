"""Properties of the persons knowledge base (``lagebild/actors/data/persons/*.yaml``).

These tests check the data file itself, not the loader: it parses, ids and aliases are
unique, role keys come from the agreed list, dates parse and are ordered, offices held by one
person at a time are never held by two at once, and the key offices have a holder for every
day from 2000 on.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from lagebild.paths import PACKAGE_DIR

PERSONS_DIR = PACKAGE_DIR / "actors" / "data" / "persons"

ROLE_KEYS = {
    "president",
    "vice_president",
    "prime_minister",
    "chancellor",
    "monarch",
    "foreign_minister",
    "defence_minister",
    "interior_minister",
    "finance_minister",
    "economy_minister",
    "energy_minister",
    "justice_minister",
    "spokesperson",
    "government_spokesperson",
    "foreign_ministry_spokesperson",
    "secretary_general",
    "commission_president",
    "council_president",
    "parliament_president",
    "high_representative",
    "central_bank_governor",
    "security_council_secretary",
    "military_chief",
    "intelligence_chief",
    "ceo",
    "party_leader",
    "opposition_leader",
    "mayor",
    "governor",
    "ambassador",
    "deputy_prime_minister",
}
# Offices one person holds at a time (per `of`); the others may be shared or held in parallel.
EXCLUSIVE_ROLES = ROLE_KEYS - {
    "vice_president",
    "foreign_ministry_spokesperson",
    "party_leader",
    "opposition_leader",
    "ambassador",
    "deputy_prime_minister",
    "mayor",
    "governor",
}
PERSON_KEYS = {"id", "name", "type", "country", "gender", "wikidata", "aliases", "roles"}
ROLE_FIELDS = {"role", "of", "start", "end", "party"}
ID_RE = re.compile(r"^person:[a-z0-9]+(?:-[a-z0-9]+)*$")
OF_RE = re.compile(r"^(?:[A-Z]{3}|org:[a-z0-9]+(?:-[a-z0-9]+)*)$")
WIKIDATA_RE = re.compile(r"^Q[1-9][0-9]*$")
EXTRA_COUNTRIES = {"XKX"}  # Kosovo: not in ISO 3166-1, the user-assigned code everyone uses
TRANSLIT = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "ı": "i",
        "ß": "ss",
        "æ": "ae",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "þ": "th",
    }
)
# Offices that must have a holder on (almost) every day since `since` (until an optional date
# when the office was abolished): role resolution by date relies on them.  Gaps of up to
# MAX_GAP days (acting holders, caretaker periods) are allowed.
COVERED = [
    ("president", "RUS", "2000-05-07"),
    ("prime_minister", "RUS", "2000-05-17"),
    ("president", "UKR", "2000-01-01"),
    ("prime_minister", "UKR", "2000-01-01"),
    ("president", "KAZ", "2000-01-01"),
    ("prime_minister", "KAZ", "2000-01-01"),
    ("president", "BLR", "2000-01-01"),
    ("president", "USA", "2000-01-01"),
    ("president", "CHN", "2000-01-01"),
    ("prime_minister", "CHN", "2000-01-01"),
    ("chancellor", "DEU", "2000-01-01"),
    ("president", "DEU", "2000-01-01"),
    ("president", "FRA", "2000-01-01"),
    ("prime_minister", "FRA", "2000-01-01"),
    ("prime_minister", "GBR", "2000-01-01"),
    ("president", "TUR", "2000-06-01"),
    ("chancellor", "AUT", "2000-02-04"),
    ("president", "AUT", "2017-01-26"),
    ("foreign_minister", "USA", "2000-01-01"),
    ("foreign_minister", "RUS", "2000-01-01"),
    ("foreign_minister", "DEU", "2000-01-01"),
    ("defence_minister", "DEU", "2000-01-01"),
    ("defence_minister", "RUS", "2000-01-01"),
    ("foreign_minister", "KAZ", "2012-09-28"),
    ("secretary_general", "org:un", "2000-01-01"),
    ("secretary_general", "org:nato", "2000-01-01"),
    ("commission_president", "org:european-commission", "2000-01-01"),
    ("council_president", "org:european-council", "2009-12-01"),
    ("high_representative", "org:eu", "2000-01-01"),
    ("central_bank_governor", "org:ecb", "2000-01-01"),
    ("central_bank_governor", "org:fed", "2000-01-01"),
    ("central_bank_governor", "org:cbr", "2002-03-20"),
    ("central_bank_governor", "org:bundesbank", "2004-04-30"),
    ("central_bank_governor", "org:bank-of-england", "2003-07-01"),
    ("secretary_general", "org:iaea", "2000-01-01"),
    ("secretary_general", "org:imf", "2000-05-01"),
    ("parliament_president", "org:european-parliament", "2002-01-15"),
    ("parliament_president", "org:duma", "2003-12-29"),
    ("parliament_president", "org:bundestag", "2005-10-18"),
    ("parliament_president", "org:us-house", "2007-01-04"),
    ("prime_minister", "BLR", "2000-02-18"),
    ("foreign_minister", "UKR", "2014-06-19"),
    ("defence_minister", "UKR", "2014-10-14"),
    ("spokesperson", "RUS", "2001-01-01"),
    ("security_council_secretary", "RUS", "2008-05-12"),
    ("spokesperson", "USA", "2017-01-20"),
    ("vice_president", "USA", "2001-01-20"),
    ("defence_minister", "USA", "2001-01-20"),
    ("finance_minister", "DEU", "2000-01-01"),
    ("economy_minister", "DEU", "2002-10-22"),
    ("interior_minister", "DEU", "2000-01-01"),
    ("government_spokesperson", "DEU", "2006-01-01"),
    ("foreign_minister", "AUT", "2000-02-04"),
    ("foreign_minister", "FRA", "2002-05-07"),
    ("foreign_minister", "GBR", "2001-06-08"),
    ("foreign_minister", "CHN", "2000-01-01"),
    ("foreign_minister", "TUR", "2003-03-14"),
    ("prime_minister", "TUR", "2000-01-01", "2018-07-09"),
    ("president", "POL", "2000-01-01"),
    ("prime_minister", "POL", "2007-11-16"),
    ("prime_minister", "ITA", "2001-06-11"),
    ("prime_minister", "ESP", "2000-01-01"),
    ("prime_minister", "JPN", "2001-04-26"),
    ("prime_minister", "IND", "2000-01-01"),
    ("prime_minister", "CAN", "2006-02-06"),
    ("prime_minister", "AUS", "2000-01-01"),
    ("president", "BRA", "2003-01-01"),
    ("president", "MEX", "2012-12-01"),
    ("president", "ARG", "2003-05-25"),
    ("prime_minister", "ISR", "2001-03-07"),
    ("president", "ISR", "2007-07-15"),
    ("president", "IRN", "2000-01-01"),
    ("monarch", "SAU", "2005-08-01"),
    ("monarch", "GBR", "2000-01-01"),
    ("prime_minister", "GEO", "2012-10-25"),
    ("prime_minister", "HUN", "1998-07-06"),
    ("prime_minister", "POL", "1997-10-31"),
    ("prime_minister", "SVK", "2006-07-04"),
    ("prime_minister", "ITA", "2000-04-25"),
    ("defence_minister", "ISR", "2007-06-18"),
]
MAX_GAP = 60
# Countries whose names do not start with a given name used as a first name: surname first
# (CHN, TWN, PRK, KOR, VNM) or personal names without a family name (IDN, MMR, ETH).
SURNAME_FIRST = {"CHN", "TWN", "PRK", "KOR", "VNM", "IDN", "MMR", "ETH"}
MAX_OVERLAP = 2


def _load() -> list[tuple[Path, dict[str, Any]]]:
    records = []
    for path in sorted(PERSONS_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf8"))
        assert isinstance(data, list), f"{path.name}: top level must be a list"
        records.extend((path, rec) for rec in data)
    return records


RECORDS = _load()
PERSONS = [rec for _, rec in RECORDS]


def slugify(name: str) -> str:
    text = name.translate(TRANSLIT)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"['’ʻʼ`]", "", text.lower())
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def date_bounds(value: Any) -> tuple[dt.date, dt.date]:
    """Earliest and latest day a start/end value can stand for (`2019`, `2019-03`, a date)."""
    if isinstance(value, dt.datetime):
        raise ValueError(f"datetime not allowed: {value!r}")
    if isinstance(value, dt.date):
        return value, value
    if isinstance(value, int) and not isinstance(value, bool):
        return dt.date(value, 1, 1), dt.date(value, 12, 31)
    if isinstance(value, str):
        if re.fullmatch(r"\d{4}", value):
            return date_bounds(int(value))
        match = re.fullmatch(r"(\d{4})-(\d{2})", value)
        if match:
            year, month = int(match[1]), int(match[2])
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last)
        day = dt.date.fromisoformat(value)
        return day, day
    raise ValueError(f"not a date: {value!r}")


def role_interval(role: dict[str, Any], *, definite: bool) -> tuple[dt.date, dt.date]:
    """The days a role surely (definite) or possibly covers; open end = today."""
    start_lo, start_hi = date_bounds(role["start"])
    if role.get("end") is None:
        end_lo = end_hi = dt.date.today()
    else:
        end_lo, end_hi = date_bounds(role["end"])
    return (start_hi, end_lo) if definite else (start_lo, end_hi)


def holders() -> dict[tuple[str, str], list[tuple[str, dict[str, Any]]]]:
    table = defaultdict(list)
    for person in PERSONS:
        for role in person.get("roles") or []:
            table[role["role"], role["of"]].append((person["id"], role))
    return table


def test_enough_persons() -> None:
    assert len(PERSONS) >= 350


def test_every_file_is_a_nonempty_list() -> None:
    files = sorted(PERSONS_DIR.glob("*.yaml"))
    assert files
    for path in files:
        assert any(p == path for p, _ in RECORDS), f"{path.name} is empty"


def person_errors(person: dict[str, Any]) -> list[str]:
    errors = []
    if not set(person) <= PERSON_KEYS:
        errors.append(f"unknown keys {set(person) - PERSON_KEYS}")
    if not {"id", "name", "type", "country", "aliases", "roles"} <= set(person):
        return [*errors, "missing keys"]
    if not ID_RE.match(person["id"]) or person["id"] != "person:" + slugify(person["name"]):
        errors.append("id is not person:<slug of name>")
    if person["type"] != "person" or person.get("gender") not in ("m", "f", None):
        errors.append("type/gender")
    if "wikidata" in person and not WIKIDATA_RE.match(str(person["wikidata"])):
        errors.append("wikidata")
    aliases = person["aliases"]
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a and a.strip() == a for a in aliases):
        return [*errors, "aliases must be a list of trimmed strings"]
    if len({a.casefold() for a in aliases}) != len(aliases):
        errors.append("duplicate alias")
    if not isinstance(person["roles"], list):
        errors.append("roles must be a list")
    return errors


def role_errors(role: dict[str, Any]) -> list[str]:
    errors = []
    if not set(role) <= ROLE_FIELDS:
        errors.append(f"unknown role fields {set(role) - ROLE_FIELDS}")
    if role.get("role") not in ROLE_KEYS:
        errors.append(f"unknown role key {role.get('role')}")
    if not OF_RE.match(str(role.get("of"))):
        errors.append(f"bad of {role.get('of')}")
    if ("party" in role) != (role.get("role") == "party_leader"):
        errors.append("party goes with party_leader (only)")
    try:
        start_lo, _ = date_bounds(role["start"])
        end_hi = date_bounds(role["end"])[1] if role.get("end") is not None else None
    except (KeyError, ValueError) as err:
        return [*errors, f"date: {err}"]
    if not dt.date(1940, 1, 1) <= start_lo <= dt.date.today():
        errors.append("start out of range")
    if end_hi is not None and end_hi < start_lo:
        errors.append("end before start")
    return errors


def test_person_fields() -> None:
    bad = {p.get("id"): errs for p in PERSONS if (errs := person_errors(p))}
    assert not bad


def test_roles_well_formed() -> None:
    bad = {(p["id"], r.get("role")): errs for p in PERSONS for r in p["roles"] if (errs := role_errors(r))}
    assert not bad


def test_countries_are_iso3() -> None:
    pycountry = pytest.importorskip("pycountry")
    known = {c.alpha_3 for c in pycountry.countries} | EXTRA_COUNTRIES
    bad = {p["id"]: p["country"] for p in PERSONS if p["country"] not in known}
    bad.update(
        {
            f"{p['id']} {r['role']}": r["of"]
            for p in PERSONS
            for r in p["roles"]
            if not r["of"].startswith("org:") and r["of"] not in known
        }
    )
    assert not bad


def test_ids_unique() -> None:
    seen: dict[str, Path] = {}
    for path, person in RECORDS:
        assert person["id"] not in seen, f"{person['id']} in {path.name} and {seen[person['id']]}"
        seen[person["id"]] = path


def test_alias_points_to_one_person() -> None:
    owner: dict[str, str] = {}
    clashes = []
    for person in PERSONS:
        for alias in [person["name"], *person["aliases"]]:
            key = alias.casefold()
            if owner.setdefault(key, person["id"]) != person["id"]:
                clashes.append((alias, owner[key], person["id"]))
    assert not clashes


def test_single_holder_offices_do_not_overlap() -> None:
    overlaps = []
    for (key, of), entries in holders().items():
        if key not in EXCLUSIVE_ROLES:
            continue
        for i, (pid_a, role_a) in enumerate(entries):
            a_start, a_end = role_interval(role_a, definite=True)
            for pid_b, role_b in entries[i + 1 :]:
                b_start, b_end = role_interval(role_b, definite=True)
                days = (min(a_end, b_end) - max(a_start, b_start)).days
                if pid_a != pid_b and days > MAX_OVERLAP:
                    overlaps.append((key, of, pid_a, pid_b, days))
    assert not overlaps


@pytest.mark.parametrize("office", COVERED, ids=lambda v: "-".join(v))
def test_key_offices_have_holders_since_2000(office: tuple[str, ...]) -> None:
    key, of, since, *until = office
    last = dt.date.fromisoformat(until[0]) if until else dt.date.today()
    spans = sorted(role_interval(role, definite=True) for _, role in holders()[key, of])
    day = dt.date.fromisoformat(since)
    gaps = []
    for start, end in spans:
        if start > day and (start - day).days > MAX_GAP:
            gaps.append((day, start))
        day = max(day, end)
    assert not gaps
    assert (last - day).days <= MAX_GAP, f"no holder since {day}"


def test_bare_surnames_are_not_first_names() -> None:
    """A one-word alias must not be the person's first name (too ambiguous); monarchs and
    surname-first names are exempt."""
    bad = []
    for person in PERSONS:
        words = person["name"].split()
        monarch = any(role["role"] == "monarch" for role in person["roles"])
        if len(words) < 2 or person["country"] in SURNAME_FIRST or monarch:
            continue
        first = words[0].casefold()
        bad.extend((person["id"], a) for a in person["aliases"] if a.casefold() == first)
    assert not bad


# Surnames that are also everyday German words or place names: never a bare alias (the full
# name stays an alias).  The matcher links them case-insensitively at sentence starts.
COMMON_WORDS = {
    "eichel",
    "frieden",
    "hagel",
    "herzog",
    "jung",
    "kern",
    "kurz",
    "raab",
    "saar",
    "schüssel",
    "sisi",
    "struck",
    "wüst",
    "bettel",
    "cassis",
    "glos",
    "stern",
    "lang",
    "weber",
    "fischer",
}


def test_no_common_word_aliases() -> None:
    bad = [(p["id"], a) for p in PERSONS for a in p["aliases"] if a.casefold() in COMMON_WORDS]
    assert not bad
