"""The gazetteer: loading, lookup, disambiguation (no spaCy model needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.errors import DataError
from lagebild.places import get_gazetteer, lookup
from lagebild.places.gazetteer import (
    STRONG,
    WEAK,
    Candidate,
    Place,
    choose,
    distance_km,
    focus_countries,
    lead,
    read_gazetteer,
)

HEADER = "id\tkind\tname\tcountry\tlat\tlon\tpopulation\tflags\tnames\talt\n"


def _place(
    place_id: str, country: str, population: int, *, kind: str = "city", capital: bool = False
) -> Place:
    return Place(place_id, kind, place_id, country, 0.0, 0.0, population, capital)


def test_loaded_once_per_process():
    assert get_gazetteer() is get_gazetteer()


@pytest.mark.parametrize(
    ("surface", "name", "country"),
    [
        ("Moskau", "Moscow", "RUS"),
        ("Peking", "Beijing", "CHN"),
        ("Aschgabat", "Ashgabat", "TKM"),
        ("St. Petersburg", "Saint Petersburg", "RUS"),
        ("Kyjiw", "Kyiv", "UKR"),
        ("Alma-Ata", "Almaty", "KAZ"),
        ("Kasachstans", "Kazakhstan", "KAZ"),
        ("Donbass", "Donbas", "UKR"),
        ("Straße von Hormus", "Strait of Hormuz", None),
        ("Kaspisches Pipeline-Konsortium", "Caspian Pipeline Consortium", "KAZ"),
        ("Tengis", "Tengiz Field", "KAZ"),
    ],
)
def test_lookup_german_names(surface, name, country):
    best = lookup(surface)[0]
    assert (best["name"], best["country"]) == (name, country)
    assert best["lat"] is not None and best["lon"] is not None


def test_renamed_city_carries_its_period():
    best = lookup("Nur-Sultan")[0]
    assert best["name"] == "Astana"
    assert best["valid"].startswith("2019")
    assert "valid" not in lookup("Astana")[0]


def test_all_caps_dateline_form():
    assert lookup("MOSKAU")[0]["name"] == "Moscow"


def test_strong_name_beats_weak_name():
    # "Georgia" is the US state's own name; for the country it is only an English alternate
    readings = lookup("Georgia")
    assert readings[0]["country"] == "USA"
    assert any(r["country"] == "GEO" and r["strength"] == "weak" for r in readings)


def test_unknown_name():
    assert lookup("Hintertupfingen an der Wupper") == []


def test_gazetteer_has_what_the_brief_asks_for():
    gazetteer = get_gazetteer()
    kinds = [p.kind for p in gazetteer.places]
    assert kinds.count("city") >= 1000
    assert kinds.count("country") >= 240
    assert sum(p.capital for p in gazetteer.places) >= 190
    for kind in ("region", "sea", "strait", "field", "pipeline", "terminal"):
        assert kind in kinds


def test_choose_prefers_focus_then_capital_then_population():
    big = Candidate(_place("big", "AAA", 1_000_000), STRONG)
    small = Candidate(_place("small", "BBB", 50_000), STRONG)
    assert choose([big, small]).place.id == "big"
    assert choose([big, small], focus={"BBB"}).place.id == "small"
    capital = Candidate(_place("cap", "AAA", 10_000, capital=True), STRONG)
    assert choose([big, capital]).place.id == "cap"
    weak_big = Candidate(_place("weakbig", "AAA", 9_000_000), WEAK)
    assert choose([weak_big, small]).place.id == "small"


def test_focus_counts_only_unambiguous_mentions():
    a = Candidate(_place("a", "AAA", 1), STRONG)
    b = Candidate(_place("b", "BBB", 1), STRONG)
    assert focus_countries([[a], [a], [b]]) == {"AAA"}
    assert focus_countries([[a, b], [b]]) == {"BBB"}
    assert focus_countries([]) == set()


def test_distance_km():
    assert distance_km(50.0, 10.0, 50.0, 10.0) == 0.0
    one_degree = distance_km(50.0, 10.0, 51.0, 10.0)
    assert 110 < one_degree < 112
    assert distance_km(10.0, 20.0, -30.0, 40.0) == pytest.approx(distance_km(-30.0, 40.0, 10.0, 20.0))


def test_read_own_file_with_genitive_and_weak_names(tmp_path: Path):
    path = tmp_path / "g.tsv"
    path.write_text(
        "# test\n"
        + HEADER
        + "x:1\tcity\tNordstadt\tAAA\t1.0\t2.0\t5000\t\tNordstadt|Alt-Nord@1900-01-01/1950-01-01\tNorth Town\n",
        encoding="utf-8",
    )
    ambiguous = tmp_path / "a.txt"
    ambiguous.write_text("Nordstadt\n", encoding="utf-8")
    gazetteer = read_gazetteer(path, ambiguous_path=ambiguous)
    assert gazetteer.candidates("Nordstadts")[0].strength == STRONG
    assert gazetteer.candidates("North Town")[0].strength == WEAK
    assert gazetteer.candidates("Alt-Nord")[0].valid == "1900-01-01/1950-01-01"
    assert "Nordstadt" in gazetteer.ambiguous
    assert gazetteer.max_words == 2


def test_broken_file_raises_coded_error(tmp_path: Path):
    path = tmp_path / "g.tsv"
    path.write_text(HEADER + "only\tthree\tcolumns\n", encoding="utf-8")
    ambiguous = tmp_path / "a.txt"
    ambiguous.write_text("", encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_gazetteer(path, ambiguous_path=ambiguous)
    assert info.value.code == "E871"
    assert "10 columns" in str(info.value)


def test_missing_file_raises_coded_error(tmp_path: Path):
    with pytest.raises(DataError) as info:
        read_gazetteer(tmp_path / "nope.tsv")
    assert info.value.code == "E871"


def test_place_by_id():
    from lagebild.places import place_by_id

    kaz = place_by_id("KAZ")
    assert kaz["kind"] == "country" and 40 < kaz["lat"] < 56
    assert place_by_id("place:tengiz")["country"] == "KAZ"
    assert place_by_id("nowhere") is None


@pytest.mark.parametrize(
    ("surface", "expected"),
    [("St. Petersburg", "St"), ("Halle (Saale)", "Halle"), ("Moskau", "Moskau"), ("", "")],
)
def test_lead_is_the_first_run_of_letters_and_digits(surface: str, expected: str):
    assert lead(surface) == expected


def test_may_start_accepts_every_name_start_and_refuses_others():
    gazetteer = get_gazetteer()
    for word in ("St.", "Moskau", "Bosnien", "Halle"):
        assert gazetteer.may_start(word), word
    assert gazetteer.may_start("MOSKAU") and not gazetteer.may_start("MOSKAU", caps=False)
    assert not gazetteer.may_start("Ministerin") and not gazetteer.may_start("Xqzv")
