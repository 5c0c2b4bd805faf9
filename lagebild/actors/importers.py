"""Merge bigger knowledge bases a user has into the actor KB.

* YAML lists in the persons/organisations schema (``.yaml``/``.yml``),
* a simple CSV: ``name, aliases, type, country, role, start, end`` (aliases ``|``-separated;
  one row per role; rows with the same name and type are merged),
* Wikidata entity dumps as JSON lines (``.jsonl``; one entity per line as in
  ``wbgetentities``/dump format): labels and aliases in de/en/ru/fr, P31 -> type,
  P27/P17 -> country (via ``wikidata_countries.yaml``), P39 positions held with P580/P582
  qualifiers (mapped to role keys via ``wikidata_positions.yaml``).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import DataError, E
from .kb import DATA_DIR, Actor, KnowledgeBase, Role, _date, read_actor_file, read_yaml
from .normalize import slugify

WIKIDATA_LANGS = ("en", "de", "ru", "fr")
TYPE_PREFIX = {"person": "person", "organisation": "org", "media": "media", "group": "group"}


def import_file(kb: KnowledgeBase, path: Path) -> int:
    """Merge the actors in ``path`` into ``kb``; returns how many records were read."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        actors = read_actor_file(path)
    elif suffix == ".csv":
        actors = list(read_csv(path))
    elif suffix in (".jsonl", ".json"):
        actors = list(read_wikidata(path))
    else:
        raise DataError(E.E605.format(path=path), code="E605")
    for actor in actors:
        kb.add(actor)
    kb.compile()
    return len(actors)


def actor_id(name: str, actor_type: str) -> str:
    return f"{TYPE_PREFIX.get(actor_type, 'local')}:{slugify(name)}"


# --- CSV --------------------------------------------------------------------------------------


def read_csv(path: Path) -> Iterator[Actor]:
    """Rows ``name, aliases, type, country, role, start, end``; one actor per (name, type)."""
    actors: dict[str, Actor] = {}
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                actor = _csv_actor(row, path=path, line=line)
                if actor.id in actors:
                    actors[actor.id].merge(actor)
                else:
                    actors[actor.id] = actor
    except OSError as err:
        raise DataError(E.E301.format(path=path, error=err), code="E301") from err
    yield from actors.values()


def _csv_actor(row: dict[str, str | None], *, path: Path, line: int) -> Actor:
    def cell(key: str) -> str:
        return (row.get(key) or "").strip()

    name, actor_type = cell("name"), cell("type") or "person"
    if not name:
        raise DataError(E.E606.format(line=line, path=path, error="empty name"), code="E606")
    if actor_type not in TYPE_PREFIX:
        raise DataError(E.E606.format(line=line, path=path, error=f"type {actor_type!r}"), code="E606")
    roles = []
    if cell("role"):
        role_of = cell("country") or None
        start = _date(cell("start"), path, f"line {line}")
        roles.append(Role(cell("role"), role_of, start, _date(cell("end"), path, f"line {line}")))
    return Actor(
        id=actor_id(name, actor_type),
        name=name,
        type=actor_type,
        country=cell("country") or None,
        aliases=[alias.strip() for alias in cell("aliases").split("|") if alias.strip()],
        roles=roles,
    )


# --- Wikidata ---------------------------------------------------------------------------------


def read_wikidata(
    path: Path, *, countries: dict[str, str] | None = None, positions: dict[str, Any] | None = None
) -> Iterator[Actor]:
    """Actors from Wikidata entities, one JSON object per line."""
    countries = countries if countries is not None else _wikidata_table("countries")
    positions = positions if positions is not None else _wikidata_table("positions")
    types = _wikidata_table("types")
    try:
        with path.open(encoding="utf-8") as handle:
            for line_no, line in enumerate(handle, start=1):
                line = line.strip().rstrip(",")
                if not line or line in ("[", "]"):
                    continue
                try:
                    entity = json.loads(line)
                except json.JSONDecodeError as err:
                    raise DataError(E.E606.format(line=line_no, path=path, error=err), code="E606") from err
                actor = wikidata_actor(entity, countries=countries, positions=positions, types=types)
                if actor is not None:
                    yield actor
    except OSError as err:
        raise DataError(E.E301.format(path=path, error=err), code="E301") from err


def _wikidata_table(name: str) -> dict[str, Any]:
    return read_yaml(DATA_DIR / f"wikidata_{name}.yaml") or {}


def wikidata_actor(
    entity: dict[str, Any], *, countries: dict[str, str], positions: dict[str, Any], types: dict[str, str]
) -> Actor | None:
    """One Wikidata entity -> Actor (None if it has no usable label or type)."""
    labels = {lang: value.get("value") for lang, value in (entity.get("labels") or {}).items()}
    name = next((labels[lang] for lang in WIKIDATA_LANGS if labels.get(lang)), None)
    claims = entity.get("claims") or {}
    actor_type = next((types[q] for q in _claim_ids(claims, "P31") if q in types), None)
    if not name or actor_type is None:
        return None
    aliases = [labels[lang] for lang in WIKIDATA_LANGS if labels.get(lang)]
    for lang in WIKIDATA_LANGS:
        aliases += [item.get("value") for item in (entity.get("aliases") or {}).get(lang, [])]
    country = next(
        (countries[q] for prop in ("P27", "P17") for q in _claim_ids(claims, prop) if q in countries), None
    )
    qid = entity.get("id")
    return Actor(
        id=actor_id(name, actor_type),
        name=name,
        type=actor_type,
        country=country,
        aliases=[alias for alias in dict.fromkeys(aliases) if alias and alias != name],
        roles=list(_positions(claims, positions)),
        gender={"Q6581097": "m", "Q6581072": "f"}.get(next(iter(_claim_ids(claims, "P21")), "")),
        wikidata=qid,
    )


def _claim_ids(claims: dict[str, Any], prop: str) -> list[str]:
    return [qid for qid, _ in _claims(claims, prop)]


def _claims(claims: dict[str, Any], prop: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for claim in claims.get(prop) or []:
        value = ((claim.get("mainsnak") or {}).get("datavalue") or {}).get("value")
        if isinstance(value, dict) and value.get("id"):
            yield value["id"], claim.get("qualifiers") or {}


def _positions(claims: dict[str, Any], positions: dict[str, Any]) -> Iterator[Role]:
    for qid, qualifiers in _claims(claims, "P39"):
        spec = positions.get(qid)
        if not spec:
            continue
        yield Role(
            role=spec["role"],
            of=spec.get("of"),
            start=_qualifier_date(qualifiers, "P580"),
            end=_qualifier_date(qualifiers, "P582"),
        )


def _qualifier_date(qualifiers: dict[str, Any], prop: str) -> Any:
    for snak in qualifiers.get(prop) or []:
        value = (snak.get("datavalue") or {}).get("value") or {}
        time = str(value.get("time", "")).lstrip("+")
        if len(time) >= 10:
            return _date(time[:10].replace("-00", "-01"), Path("wikidata"), prop)
    return None
