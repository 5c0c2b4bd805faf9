"""The offline actor knowledge base: countries, organisations, media, persons, role vocabulary.

Data files live in ``lagebild/actors/data/`` (see ``docs/actors.md``).  Countries are generated
from pycountry + babel and completed by ``countries.yaml`` and ``country_adjectives.tsv``.
:func:`load_kb` compiles everything once per process into lookup tables.
"""

from __future__ import annotations

import datetime as dt
import logging
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataError, E
from .normalize import fold, translit_key

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
ACTOR_TYPES = ("person", "country", "organisation", "media", "group", "unknown")
ACTOR_FIELDS = {
    "id",
    "name",
    "type",
    "country",
    "cameo",
    "aliases",
    "roles",
    "gender",
    "wikidata",
    "prefixes",
    "metonyms",
    "head_role",
    "parent",
    "ambiguous",
    "extra",
    "alpha2",
    "description",
}
ROLE_FIELDS = {"role", "of", "start", "end", "cameo", "party"}
BABEL_LOCALES = ("de", "en", "fr", "ru")
ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")
CACHE_FORMAT = "2"  # bump when the compiled KB's structure changes
FUZZY_MIN_KEY = 6  # shorter names are too close to each other for typo matching
# sort key that prefers the role holder whose term started last
_FAR_PAST = dt.date(1, 1, 1)


@dataclass(frozen=True)
class Role:
    """A position held: ``role`` of ``of`` (ISO3 or org id) from ``start`` to ``end`` (None: open)."""

    role: str
    of: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    cameo: str | None = None

    def active(self, start: dt.date, end: dt.date | None = None) -> bool:
        """Whether the role was held at some time in ``start``–``end``."""
        end = end or start
        return (self.start is None or self.start <= end) and (self.end is None or self.end >= start)

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "of": self.of,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
        }


@dataclass
class Actor:
    """One KB entry.  ``id`` follows the conventions in ``docs/actors.md``."""

    id: str
    name: str
    type: str
    country: str | None = None
    cameo: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    gender: str | None = None
    wikidata: str | None = None
    prefixes: list[str] = field(default_factory=list)
    metonyms: list[str] = field(default_factory=list)
    head_role: str | None = None
    parent: str | None = None
    ambiguous: set[str] = field(default_factory=set)

    def all_names(self) -> list[str]:
        return _unique([self.name, *self.aliases])

    def merge(self, other: Actor) -> None:
        """Add another record's names and roles (used by importers and user files)."""
        self.aliases = _unique([*self.aliases, *other.all_names()])
        self.aliases = [alias for alias in self.aliases if alias != self.name]
        self.roles = list(dict.fromkeys([*self.roles, *other.roles]))
        self.prefixes = _unique([*self.prefixes, *other.prefixes])
        self.metonyms = _unique([*self.metonyms, *other.metonyms])
        self.ambiguous |= other.ambiguous
        for attr in ("country", "cameo", "gender", "wikidata", "head_role", "parent"):
            if getattr(self, attr) is None:
                setattr(self, attr, getattr(other, attr))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "country": self.country,
            "cameo": self.cameo,
            "aliases": list(self.aliases),
            "gender": self.gender,
            "roles": [role.to_dict() for role in self.roles],
        }


@dataclass(frozen=True)
class RoleNoun:
    """A role noun from ``roles.yaml``: what role keys it denotes and its default body."""

    noun: str
    roles: tuple[str, ...]
    of: str | None = None


@dataclass(frozen=True)
class Sector:
    """A part of a state ("Gericht", "Medien") as in ``roles.yaml`` ``sectors``."""

    key: str
    name: str
    type: str
    cameo: str
    spokesperson_role: str | None = None
    head_role: str | None = None


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


def _date(value: Any, path: Path, record: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if len(text) == 4:
            return dt.date(int(text), 1, 1)
        if len(text) == 7:
            return dt.date(int(text[:4]), int(text[5:7]), 1)
        return dt.date.fromisoformat(text[:10])
    except ValueError as err:
        raise DataError(E.E301.format(path=path, error=f"{record}: bad date {value!r}"), code="E301") from err


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_YAML_LOADER)
    except (OSError, ValueError, yaml.YAMLError) as err:  # ValueError: impossible dates
        raise DataError(E.E301.format(path=path, error=err), code="E301") from err


def actor_from_record(record: dict[str, Any], *, path: Path, default_type: str | None = None) -> Actor:
    """Validate one YAML/dict record (persons/organisations/media schema) into an :class:`Actor`."""
    if not isinstance(record, dict):
        raise DataError(E.E301.format(path=path, error=f"record is not a mapping: {record!r}"), code="E301")
    unknown = set(record) - ACTOR_FIELDS
    if unknown:
        field_name = sorted(unknown)[0]
        raise DataError(E.E302.format(field=field_name, path=path, record=record.get("id")), code="E302")
    actor_id, name = record.get("id"), record.get("name")
    if not actor_id or not name:
        raise DataError(E.E601.format(path=path, record=record), code="E601")
    actor_type = record.get("type") or default_type
    if actor_type not in ACTOR_TYPES:
        raise DataError(E.E602.format(path=path, record=actor_id, value=actor_type), code="E602")
    gender = record.get("gender")
    if gender not in (None, "m", "f"):
        raise DataError(E.E602.format(path=path, record=actor_id, value=f"gender {gender!r}"), code="E602")
    aliases = [str(alias) for alias in record.get("aliases") or []]
    ambiguous = record.get("ambiguous") or []
    return Actor(
        id=str(actor_id),
        name=str(name),
        type=actor_type,
        country=record.get("country"),
        cameo=record.get("cameo"),
        aliases=[alias for alias in _unique(aliases) if alias != name],
        roles=[_role(item, path=path, record=str(actor_id)) for item in record.get("roles") or []],
        gender=gender,
        wikidata=record.get("wikidata"),
        prefixes=[str(p) for p in record.get("prefixes") or []],
        metonyms=[str(m) for m in record.get("metonyms") or []],
        head_role=record.get("head_role"),
        parent=record.get("parent"),
        ambiguous={fold(str(alias)) for alias in ambiguous} if isinstance(ambiguous, list) else set(),
    )


def _role(item: Any, *, path: Path, record: str) -> Role:
    if not isinstance(item, dict) or "role" not in item:
        raise DataError(E.E603.format(path=path, record=record, value=item), code="E603")
    unknown = set(item) - ROLE_FIELDS
    if unknown:
        raise DataError(E.E302.format(field=sorted(unknown)[0], path=path, record=record), code="E302")
    return Role(
        role=str(item["role"]),
        of=item.get("of"),
        start=_date(item.get("start"), path, record),
        end=_date(item.get("end"), path, record),
        cameo=item.get("cameo"),
    )


def read_actor_file(path: Path, *, default_type: str | None = None) -> list[Actor]:
    """Read a YAML list of actor records (persons.yaml, organisations.yaml, media.yaml)."""
    data = read_yaml(path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise DataError(E.E301.format(path=path, error="expected a list of records"), code="E301")
    return [actor_from_record(record, path=path, default_type=default_type) for record in data]


# --- countries --------------------------------------------------------------------------------


def _babel_names(alpha2: str) -> list[str]:
    from babel import Locale

    names = []
    for code in BABEL_LOCALES:
        name = Locale(code).territories.get(alpha2)
        if name:
            names.append(name)
    return names


def read_adjectives(path: Path) -> dict[str, tuple[list[str], list[str]]]:
    """``country_adjectives.tsv`` -> {iso3: (adjective stems, demonym base forms)}."""
    table: dict[str, tuple[list[str], list[str]]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 2:
                raise DataError(E.E301.format(path=path, error=f"bad line {line!r}"), code="E301")
            stems = [s for s in cells[1].split("|") if s]
            demonyms = [d for d in (cells[2] if len(cells) > 2 else "").split("|") if d]
            table[cells[0]] = (stems, demonyms)
    return table


def demonym_forms(base: str) -> list[str]:
    """``Russe`` -> Russe, Russen, Russin, Russinnen; ``~Deutsch`` -> Deutscher, Deutsche ..."""
    if base.startswith("="):
        return [base[1:]]
    if base.startswith("~"):
        return [base[1:] + ending for ending in ADJ_ENDINGS[1:]]
    if base.endswith("e"):
        return [base, base + "n", base[:-1] + "in", base[:-1] + "innen"]
    if base.endswith("i"):
        return [base, base + "s"]
    return [base, base + "n", base + "in", base + "innen", base + "s"]


def load_countries(data_dir: Path = DATA_DIR) -> tuple[list[Actor], dict[str, str], dict[str, str]]:
    """All countries as actors, plus {adjective form: iso3} and {demonym form: iso3}."""
    import pycountry

    extra = read_yaml(data_dir / "countries.yaml") or {}
    adjectives = read_adjectives(data_dir / "country_adjectives.tsv")
    actors = []
    for country in pycountry.countries:
        info = extra.get(country.alpha_3) or {}
        actors.append(_country_actor(country.alpha_3, country.alpha_2, info, pycountry_name=country.name))
    for iso3, info in extra.items():
        if info and info.get("extra"):
            actors.append(_country_actor(iso3, info.get("alpha2", ""), info, pycountry_name=info["name"]))
    adj_index: dict[str, str] = {}
    demonym_index: dict[str, str] = {}
    for iso3, (stems, demonyms) in adjectives.items():
        for stem in stems:
            for ending in ADJ_ENDINGS:
                adj_index.setdefault(stem.lower() + ending, iso3)
        for base in demonyms:
            for form in demonym_forms(base):
                demonym_index.setdefault(fold(form), iso3)
    return actors, adj_index, demonym_index


def _country_actor(iso3: str, alpha2: str, info: dict[str, Any], *, pycountry_name: str) -> Actor:
    names = _babel_names(alpha2) if alpha2 else []
    name = info.get("name") or (names[1] if len(names) > 1 else pycountry_name)
    aliases = _unique([*names, pycountry_name, *(info.get("aliases") or [])])
    return Actor(
        id=iso3,
        name=name,
        type="country",
        country=iso3,
        cameo=info.get("cameo") or iso3,
        aliases=[alias for alias in aliases if alias != name],
        prefixes=[str(p) for p in info.get("prefixes") or []],
        metonyms=[str(m) for m in info.get("metonyms") or []],
        head_role="president",
    )


# --- role vocabulary --------------------------------------------------------------------------

NOUN_ENDINGS = ("", "in", "innen", "en", "n", "s", "es", "e", "er", "em", "r")


def noun_forms(noun: str) -> list[str]:
    """Inflected and feminine forms of a lower-case masculine noun (over-generating is harmless)."""
    forms = [noun + ending for ending in NOUN_ENDINGS]
    if noun.endswith("e"):  # experte -> expertin, expertinnen
        forms += [noun[:-1] + "in", noun[:-1] + "innen"]
    if noun.endswith("er") and noun[-3:] in ("ter", "ner", "der"):  # abgeordneter -> abgeordnete
        forms += [noun[:-1], noun[:-1] + "n", noun[:-1] + "m"]
    return forms


@dataclass
class Lexicon:
    """The compiled ``roles.yaml``."""

    role_keys: set[str]
    role_nouns: dict[str, RoleNoun]
    sectors: dict[str, Sector]
    sector_nouns: dict[str, str]
    descriptors: dict[str, str]
    head_by_type: dict[str, str]
    role_modifiers: set[str]
    past_modifiers: set[str]
    articles: set[str]
    indefinite_articles: set[str]
    determiners: set[str]
    future_modifiers: set[str]
    office_markers: set[str]
    unique_roles: set[str]
    genitive_links: set[str]
    place_prepositions: set[str]
    media_cues: set[str]
    cue_after: set[str]
    given_names: set[str]


def load_lexicon(path: Path) -> Lexicon:
    data = read_yaml(path) or {}
    role_keys = set(data.get("role_keys") or [])
    role_nouns: dict[str, RoleNoun] = {}
    for noun, spec in (data.get("role_nouns") or {}).items():
        roles = tuple(spec.get("roles") or [])
        bad = [role for role in roles if role != "head" and role not in role_keys]
        if bad:
            raise DataError(E.E604.format(path=path, value=bad[0], record=noun), code="E604")
        entry = RoleNoun(noun=noun, roles=roles, of=spec.get("of"))
        for form in noun_forms(noun):
            role_nouns.setdefault(form, entry)
    sectors: dict[str, Sector] = {}
    sector_nouns: dict[str, str] = {}
    for key, spec in (data.get("sectors") or {}).items():
        sectors[key] = Sector(
            key=key,
            name=spec.get("name", "{country}"),
            type=spec.get("type", "country"),
            cameo=spec.get("cameo", ""),
            spokesperson_role=spec.get("spokesperson_role"),
            head_role=spec.get("head_role"),
        )
        for noun in spec.get("nouns") or []:
            for form in noun_forms(noun):
                sector_nouns.setdefault(form, key)
    descriptors: dict[str, str] = {}
    for noun, label in (data.get("descriptors") or {}).items():
        for form in noun_forms(noun):
            descriptors.setdefault(form, label)

    def words(name: str) -> set[str]:
        return {str(word).lower() for word in data.get(name) or []}

    return Lexicon(
        role_keys=role_keys,
        role_nouns=role_nouns,
        sectors=sectors,
        sector_nouns=sector_nouns,
        descriptors=descriptors,
        head_by_type=dict(data.get("head_by_type") or {}),
        role_modifiers=words("role_modifiers"),
        past_modifiers=words("past_modifiers"),
        articles=words("articles"),
        indefinite_articles=words("indefinite_articles"),
        determiners=words("determiners"),
        future_modifiers=words("future_modifiers"),
        office_markers=words("office_markers"),
        unique_roles=words("unique_roles"),
        genitive_links=words("genitive_links"),
        place_prepositions=words("place_prepositions"),
        media_cues=words("media_cues"),
        cue_after=words("cue_after"),
        given_names={fold(name) for name in data.get("given_names") or []},
    )


# --- the knowledge base -----------------------------------------------------------------------


@dataclass(frozen=True)
class AliasEntry:
    """What a folded alias points to.  ``cased``: the original spelling must match exactly."""

    actor_id: str
    kind: str  # name | metonym | demonym | surname
    cased: tuple[str, ...] | None = None
    ambiguous: bool = False
    lower_ok: bool = False
    genitive: bool = False


class KnowledgeBase:
    """Actors by id plus the lookup tables the resolver needs.  Build with :func:`load_kb`."""

    def __init__(self, actors: Iterable[Actor], lexicon: Lexicon) -> None:
        self.actors: dict[str, Actor] = {}
        self.lexicon = lexicon
        self.adjectives: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}
        for actor in actors:
            self.add(actor)
        self._compiled = False

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self.actors

    def __len__(self) -> int:
        return len(self.actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors.values())

    def get(self, actor_id: str | None) -> Actor | None:
        return self.actors.get(actor_id) if actor_id else None

    def add(self, actor: Actor) -> None:
        """Add an actor or merge it into the one with the same id."""
        if actor.id in self.actors:
            self.actors[actor.id].merge(actor)
        else:
            self.actors[actor.id] = actor
        self._compiled = False

    # -- compiled tables --

    def compile(self) -> KnowledgeBase:
        """(Re)build the lookup tables; called lazily by the lookups."""
        self.alias_index: dict[str, list[AliasEntry]] = {}
        self.key_index: dict[str, set[str]] = {}
        self.surname_index: dict[str, set[str]] = {}
        self.prefix_index: dict[str, str] = {}
        self.holders: dict[tuple[str, str | None], list[tuple[str, Role]]] = {}
        self.bodies_by_country: dict[str, list[str]] = {}
        self.first_names: set[str] = set(self.lexicon.given_names)
        for actor in self.actors.values():
            self._index_actor(actor)
        for form, iso3 in self.demonyms.items():
            self._add_alias(form, AliasEntry(iso3, "demonym"))
        self.max_alias_tokens = max((alias.count(" ") + 1 for alias in self.alias_index), default=1)
        self.first_words = {alias.split(" ", 1)[0] for alias in self.alias_index}
        self.alias_keys = sorted(self.alias_index)  # for "does any alias start with …?"
        # the first word of every key of several words: a key is word by word (no rule of
        # translit_key reaches over a space), so a phrase can only have a key of the index when
        # its first word's key starts one
        self.key_heads = {key.split(" ", 1)[0] for key in self.key_index if " " in key}
        self.fuzzy_keys: dict[str, list[str]] = {}
        for key in sorted(self.key_index):
            if len(key) >= FUZZY_MIN_KEY:
                self.fuzzy_keys.setdefault(key[0], []).append(key)
        self._compiled = True
        return self

    def ensure_compiled(self) -> None:
        if not self._compiled:
            self.compile()

    def _add_alias(self, folded: str, entry: AliasEntry) -> None:
        if not folded:
            return
        entries = self.alias_index.setdefault(folded, [])
        for n, old in enumerate(entries):
            if old.actor_id == entry.actor_id:
                entries[n] = _merge_entries(old, entry)
                return
        entries.append(entry)

    def _index_actor(self, actor: Actor) -> None:
        for alias in actor.all_names():
            folded = fold(alias)
            for variant in self._variants(actor, alias):
                self._index_alias(actor, variant)
            if actor.type == "person" and len(folded) >= 4:
                self.key_index.setdefault(translit_key(alias), set()).add(actor.id)
                self._index_surname(actor, alias)
        for metonym in actor.metonyms:
            self._add_alias(fold(metonym), AliasEntry(actor.id, "metonym"))
            self._add_alias(fold(metonym) + "s", AliasEntry(actor.id, "metonym"))
        names = [a for a in actor.all_names() if actor.type != "person" and not _needs_case(a)]
        for prefix in [*actor.prefixes, *names]:
            self.prefix_index.setdefault(fold(prefix), actor.id)
        for role in actor.roles:
            self.holders.setdefault((role.role, role.of), []).append((actor.id, role))
        if actor.type != "country" and actor.country and actor.head_role:
            self.bodies_by_country.setdefault(actor.country, []).append(actor.id)

    @staticmethod
    def _variants(actor: Actor, alias: str) -> list[str]:
        """The alias plus adjective inflections of a leading adjective for organisations
        ("Europäischer Rat" -> "Europäische Rat", "Europäischen Rat")."""
        words = alias.split(" ")
        if actor.type == "person" or len(words) < 2 or not words[0].endswith(ADJ_ENDINGS[1:]):
            return [alias]
        stem = words[0]
        for ending in ("en", "er", "es", "em", "e"):
            if stem.endswith(ending):
                stem = stem[: -len(ending)]
                break
        if not stem[-1:].isalpha() or len(stem) < 4:
            return [alias]
        return _unique([alias, *(" ".join([stem + e, *words[1:]]) for e in ADJ_ENDINGS[1:])])

    def _index_alias(self, actor: Actor, alias: str) -> None:
        folded = fold(alias)
        cased = (alias,) if _needs_case(alias) else None
        ambiguous = folded in actor.ambiguous
        lower_ok = alias[:1].islower()
        self._add_alias(folded, AliasEntry(actor.id, "name", cased, ambiguous, lower_ok))
        if not folded.endswith(("s", "x", "z")):
            genitive = None if cased is None else (alias + "s",)
            self._add_alias(folded + "s", AliasEntry(actor.id, "name", genitive, ambiguous, lower_ok, True))

    def _index_surname(self, actor: Actor, alias: str) -> None:
        words = alias.split()
        if len(words) < 2 or not words[-1][:1].isupper():
            return
        self.first_names.add(fold(words[0]))
        surname = fold(words[-1])
        if len(surname) >= 3:
            self.surname_index.setdefault(surname, set()).add(actor.id)
            self.key_index.setdefault(translit_key(words[-1]), set()).add(actor.id)

    def aliases(self, folded: str) -> list[AliasEntry]:
        self.ensure_compiled()
        return self.alias_index.get(folded, [])

    def may_start_alias(self, folded: str) -> bool:
        """Does some alias (folded) begin with the string ``folded``?"""
        self.ensure_compiled()
        keys = self.alias_keys
        i = bisect_left(keys, folded)
        return i < len(keys) and keys[i].startswith(folded)

    def by_key(self, text: str) -> set[str]:
        self.ensure_compiled()
        return self.key_index.get(translit_key(text), set())

    def may_head_key(self, word: str) -> bool:
        """Can a phrase that begins with the word ``word`` (followed by a space) have a key of
        the index?  False spares :meth:`by_key` on every longer phrase starting there."""
        self.ensure_compiled()
        key = translit_key(word)
        return not key or key.split(" ", 1)[0] in self.key_heads

    def by_surname(self, text: str) -> set[str]:
        self.ensure_compiled()
        return self.surname_index.get(fold(text), set())

    def prefix(self, text: str) -> str | None:
        """The actor a compound prefix stands for ("US" -> USA, "Kreml" -> RUS, "Nato" -> org:nato)."""
        self.ensure_compiled()
        folded = fold(text)
        if folded in self.prefix_index:
            return self.prefix_index[folded]
        for entry in self.alias_index.get(folded, []):
            if entry.kind not in ("name", "metonym") or entry.ambiguous or entry.genitive:
                continue
            if entry.cased is None or text.strip("-") in entry.cased:
                return entry.actor_id
        return None

    def role_holders(
        self, role: str, of: str | None, start: dt.date, end: dt.date | None = None
    ) -> list[str]:
        """Persons holding ``role`` of ``of`` during ``start``–``end``, latest start first."""
        self.ensure_compiled()
        found = [
            (held.start or _FAR_PAST, actor_id)
            for actor_id, held in self.holders.get((role, of), [])
            if held.active(start, end)
        ]
        return [actor_id for _, actor_id in sorted(found, reverse=True)]

    def previous_holders(self, role: str, of: str | None, before: dt.date) -> list[str]:
        """Persons whose ``role`` of ``of`` ended before ``before``, most recent first."""
        self.ensure_compiled()
        found = [
            (held.end, actor_id)
            for actor_id, held in self.holders.get((role, of), [])
            if held.end is not None and held.end <= before
        ]
        return [actor_id for _, actor_id in sorted(found, reverse=True)]

    def head_role(self, actor_id: str) -> str | None:
        actor = self.get(actor_id)
        if actor is None:
            return None
        return actor.head_role or self.lexicon.head_by_type.get(actor.type)


def _merge_entries(old: AliasEntry, new: AliasEntry) -> AliasEntry:
    """Two spellings of one actor fold alike ("NATO", "Nato"): accept either casing."""
    cased = None if old.cased is None or new.cased is None else (*old.cased, *new.cased)
    return AliasEntry(
        old.actor_id,
        old.kind,
        cased,
        old.ambiguous and new.ambiguous,
        old.lower_ok or new.lower_ok,
        old.genitive and new.genitive,
    )


def _needs_case(alias: str) -> bool:
    """Acronyms and short names must match with their case ("AP", "IS", "EU"), not "ap"/"is"."""
    letters = [ch for ch in alias if ch.isalpha()]
    return len(alias) <= 3 or (len(letters) > 1 and all(ch.isupper() for ch in letters))


# --- loading ----------------------------------------------------------------------------------


def builtin_files(data_dir: Path = DATA_DIR, *, persons: bool = True) -> list[tuple[Path, str]]:
    """The shipped actor files: organisations, media and (unless ``persons=False``) persons."""
    files = [(data_dir / "organisations.yaml", "organisation"), (data_dir / "media.yaml", "media")]
    if persons:
        found = [data_dir / "persons.yaml", *sorted((data_dir / "persons").glob("*.yaml"))]
        files.extend((path, "person") for path in found if path.exists())
    return files


def build_kb(
    extra_paths: Iterable[str | Path] = (), *, data_dir: Path = DATA_DIR, persons: bool = True
) -> KnowledgeBase:
    """Build a fresh KB from the shipped files plus user files (YAML records, CSV, Wikidata JSONL)."""
    from .importers import import_file

    countries, adjectives, demonyms = load_countries(data_dir)
    actors = list(countries)
    for path, default_type in builtin_files(data_dir, persons=persons):
        actors.extend(read_actor_file(path, default_type=default_type))
    kb = KnowledgeBase(actors, load_lexicon(data_dir / "roles.yaml"))
    kb.adjectives, kb.demonyms = adjectives, demonyms
    for extra in extra_paths:
        import_file(kb, Path(extra))
    return kb.compile()


@lru_cache(maxsize=8)
def load_kb(extra_paths: tuple[str, ...] = (), data_dir: str | None = None) -> KnowledgeBase:
    """The compiled KB, cached per process (per set of extra files) and on disk.

    The disk cache (:mod:`lagebild.diskcache`) holds the compiled KB keyed by the names, sizes
    and modification times of all source files; it is rebuilt when one changes and skipped
    silently where the folder is not writable.
    """
    import babel
    import pycountry

    from .. import diskcache

    folder = Path(data_dir) if data_dir else DATA_DIR
    here = Path(__file__).resolve().parent
    return diskcache.cached(
        "actors-kb",
        KnowledgeBase,
        lambda: build_kb(extra_paths, data_dir=folder),
        sources=source_files(folder, extra_paths),
        stamp=diskcache.code_stamp(*(here / name for name in ("kb.py", "normalize.py", "importers.py"))),
        extra=(CACHE_FORMAT, babel.__version__, getattr(pycountry, "__version__", "")),
    )


def source_files(data_dir: Path, extra_paths: Iterable[str]) -> list[Path]:
    files = [data_dir / "countries.yaml", data_dir / "country_adjectives.tsv", data_dir / "roles.yaml"]
    files += [path for path, _ in builtin_files(data_dir)]
    return files + [Path(path) for path in extra_paths]
