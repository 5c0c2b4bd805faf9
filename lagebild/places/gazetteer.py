"""The offline gazetteer: loading ``data/gazetteer.tsv`` and looking names up.

Each surface form maps to candidate places with a *strength*: 2 for strong names (GeoNames'
main name, German exonyms, curated names) and their genitive ``-s`` form, 1 for weak names
(other GeoNames alternate names).  :func:`choose` picks one candidate (strength, country in
focus, capital, kind, population).  Loaded once per process (:func:`get_gazetteer`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import DataError, E

DATA_DIR = Path(__file__).resolve().parent / "data"
GAZETTEER_PATH = DATA_DIR / "gazetteer.tsv"
AMBIGUOUS_PATH = DATA_DIR / "ambiguous.txt"
STRONG, WEAK = 2, 1
# lower rank wins among equally good candidates: a country before a region before a city
KIND_RANK = {"country": 0, "region": 1, "peninsula": 1, "city": 2}
_NO_GENITIVE = ("s", "x", "z", "ß", ".")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    id: str
    kind: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    population: int
    capital: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "id": self.id,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "kind": self.kind,
        }


@dataclass(frozen=True, slots=True)
class Candidate:
    place: Place
    strength: int
    valid: str | None = None  # "FROM/TO" when the name was used only in that period
    genitive: bool = False  # read through the genitive "-s" of a strong name ("Russlands")


# an index entry: (place number, strength, valid period or None, genitive reading)
Entry = tuple[int, int, str | None, bool]


@dataclass
class Gazetteer:
    places: list[Place]
    index: dict[str, list[Entry]]
    ambiguous: frozenset[str] = frozenset()
    max_words: int = 1
    by_id: dict[str, Place] = field(init=False)
    leads: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        self.by_id = {place.id: place for place in self.places}
        self.leads = frozenset(lead(surface) for surface in self.index)

    def may_start(self, word: str, *, caps: bool = True) -> bool:
        """Whether a surface that begins with ``word`` (and continues after a non-alphanumeric
        character) can have candidates: a cheap test before trying every length."""
        first = lead(word)
        return first in self.leads or (caps and first.capitalize() in self.leads)

    def candidates(self, surface: str, *, caps: bool = True) -> list[Candidate]:
        """Candidates for an exact surface form; with ``caps``, an ALL-CAPS form (a dateline:
        ``MOSKAU``) is also read in Title Case, strong names only."""
        entries = self.index.get(surface)
        if entries is None and caps and len(surface) >= 3 and surface.isupper():
            entries = [e for e in self.index.get(_title(surface), ()) if e[1] == STRONG]
        return [Candidate(self.places[e[0]], e[1], e[2], e[3]) for e in entries or ()]


def lead(surface: str) -> str:
    """The leading run of letters and digits (``St. Petersburg`` → ``St``)."""
    for i, char in enumerate(surface):
        if not char.isalnum():
            return surface[:i]
    return surface


def _title(surface: str) -> str:
    return "-".join(" ".join(w.capitalize() for w in part.split(" ")) for part in surface.split("-"))


def _float(value: str) -> float | None:
    return float(value) if value else None


def _genitive(name: str) -> str | None:
    last = name.rsplit(" ", 1)[-1]
    if not last[-1:].isalpha() or name.endswith(_NO_GENITIVE) or last.isupper():
        return None
    return name + "s"


def read_gazetteer(path: Path = GAZETTEER_PATH, *, ambiguous_path: Path = AMBIGUOUS_PATH) -> Gazetteer:
    """Read the generated TSV (see :mod:`lagebild.places.build_gazetteer`)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        ambiguous = _read_list(ambiguous_path)
    except OSError as err:
        raise DataError(E.E871.format(path=path, error=err), code="E871") from err
    places: list[Place] = []
    index: dict[str, list[Entry]] = {}
    seen: set[tuple[str, int]] = set()
    weak: list[tuple[str, int]] = []

    def add(surface: str, entry: Entry) -> None:
        if (surface, entry[0]) not in seen:
            seen.add((surface, entry[0]))
            index.setdefault(surface, []).append(entry)

    rows = [line.split("\t") for line in lines if line and not line.startswith("#")][1:]
    for number, fields in enumerate(rows):
        if len(fields) != 10:
            raise DataError(E.E871.format(path=path, error=f"row {number + 1}: 10 columns"), code="E871")
        places.append(_place(fields))
        for raw in filter(None, fields[8].split("|")):
            name, _, valid = raw.partition("@")
            add(name, (number, STRONG, valid or None, False))
            genitive = _genitive(name)
            if genitive:
                add(genitive, (number, STRONG, valid or None, True))
        weak.extend((name, number) for name in filter(None, fields[9].split("|")))
    for name, number in weak:  # after all strong names, so a strong reading is listed first
        add(name, (number, WEAK, None, False))
    max_words = max((surface.count(" ") + 1 for surface in index), default=1)
    return Gazetteer(places, index, frozenset(ambiguous), max_words)


def _place(fields: list[str]) -> Place:
    return Place(
        fields[0],
        fields[1],
        fields[2],
        fields[3] or None,
        _float(fields[4]),
        _float(fields[5]),
        int(fields[6] or 0),
        "capital" in fields[7],
    )


def _read_list(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The shipped gazetteer, read once per process (and cached on disk between processes)."""
    from .. import diskcache

    return diskcache.cached(
        "places-gazetteer",
        Gazetteer,
        read_gazetteer,
        sources=(GAZETTEER_PATH, AMBIGUOUS_PATH),
        stamp=diskcache.code_stamp(Path(__file__)),
    )


def choose(candidates: Iterable[Candidate], *, focus: Collection[str] = ()) -> Candidate | None:
    """The best candidate: strongest name, then in a focus country, capital, kind, population."""

    def key(candidate: Candidate) -> tuple[int, int, int, int, int]:
        place = candidate.place
        return (
            candidate.strength,
            int(place.country in focus),
            int(place.capital),
            -KIND_RANK.get(place.kind, 3),
            place.population,
        )

    return max(candidates, key=key, default=None)


def focus_countries(mentions: Iterable[list[Candidate]]) -> set[str]:
    """Countries most mentioned by unambiguous mentions (one strongest candidate)."""
    counts: Counter[str] = Counter()
    for candidates in mentions:
        best = max((c.strength for c in candidates), default=0)
        top = [c for c in candidates if c.strength == best]
        if len(top) == 1 and top[0].place.country:
            counts[top[0].place.country] += 1
    if not counts:
        return set()
    most = max(counts.values())
    return {country for country, count in counts.items() if count == most}


def lookup(name: str) -> list[dict[str, Any]]:
    """Places a name can denote, best reading first: ``[{"name","id","country","lat","lon",
    "kind","population","strength"}]`` (``valid`` for historic names).  Exact, case-sensitive
    surface forms; genitive ``-s`` forms and ALL-CAPS forms are understood."""
    gazetteer = get_gazetteer()
    candidates = list(gazetteer.candidates(" ".join(name.split())))
    ordered: list[Candidate] = []
    while candidates:
        best = choose(candidates)
        assert best is not None
        ordered.append(best)
        candidates.remove(best)
    return [_candidate_dict(c) for c in ordered]


def place_by_id(place_id: str) -> dict[str, Any] | None:
    """The gazetteer entry with this id (``RUS``, ``gn:524901``, ``place:tengiz``), or None."""
    place = get_gazetteer().by_id.get(place_id)
    return None if place is None else place.to_dict() | {"population": place.population}


def _candidate_dict(candidate: Candidate) -> dict[str, Any]:
    data = candidate.place.to_dict()
    data["population"] = candidate.place.population
    data["strength"] = "strong" if candidate.strength == STRONG else "weak"
    if candidate.valid:
        data["valid"] = candidate.valid
    return data


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
