"""The pickled start-up cache: reused while nothing changes, rebuilt when anything does."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild import diskcache


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LAGEBILD_CACHE", str(tmp_path / "cache"))
    return tmp_path


def counting_builder(source: Path) -> tuple[list[int], object]:
    calls: list[int] = []

    def build() -> dict[str, str]:
        calls.append(1)
        return {"text": source.read_text(encoding="utf-8")}

    return calls, build


def test_second_call_reads_the_cache(folder: Path) -> None:
    source = folder / "data.txt"
    source.write_text("eins", encoding="utf-8")
    calls, build = counting_builder(source)
    first = diskcache.cached("demo", dict, build, sources=[source], stamp="a")
    second = diskcache.cached("demo", dict, build, sources=[source], stamp="a")
    assert first == second == {"text": "eins"}
    assert len(calls) == 1


def test_changed_source_or_code_rebuilds(folder: Path) -> None:
    source = folder / "data.txt"
    source.write_text("eins", encoding="utf-8")
    calls, build = counting_builder(source)
    diskcache.cached("demo", dict, build, sources=[source], stamp="a")
    source.write_text("zwei, länger", encoding="utf-8")
    assert diskcache.cached("demo", dict, build, sources=[source], stamp="a") == {"text": "zwei, länger"}
    diskcache.cached("demo", dict, build, sources=[source], stamp="b")
    assert len(calls) == 3


def test_broken_or_foreign_cache_file_is_rebuilt(folder: Path) -> None:
    source = folder / "data.txt"
    source.write_text("eins", encoding="utf-8")
    calls, build = counting_builder(source)
    path = diskcache.cache_path("demo", [source], stamp="a")
    assert path is not None
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a pickle")
    assert diskcache.cached("demo", dict, build, sources=[source], stamp="a") == {"text": "eins"}
    assert diskcache.read(path, list) is None  # a value of the wrong type is not returned
    assert len(calls) == 1


def test_unwritable_folder_still_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("LAGEBILD_CACHE", str(blocker / "sub"))
    source = tmp_path / "data.txt"
    source.write_text("eins", encoding="utf-8")
    calls, build = counting_builder(source)
    assert diskcache.cached("demo", dict, build, sources=[source], stamp="a") == {"text": "eins"}
    assert diskcache.cached("demo", dict, build, sources=[source], stamp="a") == {"text": "eins"}
    assert len(calls) == 2


def test_missing_source_is_never_cached(folder: Path) -> None:
    assert diskcache.cache_path("demo", [folder / "absent.txt"], stamp="a") is None


def test_old_files_are_pruned(folder: Path) -> None:
    source = folder / "data.txt"
    for i in range(diskcache.KEEP + 3):
        source.write_text("x" * (i + 1), encoding="utf-8")
        diskcache.cached("demo", dict, lambda: {}, sources=[source], stamp="a")
    assert len(list((folder / "cache").glob("demo-*.pickle"))) == diskcache.KEEP


def test_cached_start_up_tables_equal_freshly_built_ones(folder: Path) -> None:
    """The event lexicon and the time rules' prefixes read back from the cache are the values
    built from the data files."""
    import re

    from lagebild.events.lexicon import DATA_DIR, build_lexicon, load_lexicon
    from lagebild.time.scan import all_prefixes, prefixes

    load_lexicon.cache_clear()
    try:
        first, second = load_lexicon(), None
        load_lexicon.cache_clear()
        second = load_lexicon()  # from the pickle written by the first call
    finally:
        load_lexicon.cache_clear()
    fresh = build_lexicon(DATA_DIR)
    assert list(folder.joinpath("cache").glob("event-lexicon-*.pickle"))
    for lexicon in (first, second):
        assert lexicon is not None
        assert lexicon.verbs.keys() == fresh.verbs.keys()
        assert lexicon.things == fresh.things
        assert lexicon.state_nouns == fresh.state_nouns
    regexes = [re.compile(r"(?<!\w)(?:am|im) (?:Montag|Dienstag)\b"), re.compile(r"\d+ Uhr")]
    expected = [prefixes(regex) for regex in regexes]
    assert all_prefixes(regexes) == expected == all_prefixes(regexes)
    assert expected[0] and expected[1] is None
