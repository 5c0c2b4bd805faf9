"""Folding and transliteration keys."""

from __future__ import annotations

import pytest

from lagebild.actors.normalize import fold, slugify, translit_key, transliterate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Qassym-Schomart", "qassym schomart"),
        ("Außenministerium", "aussenministerium"),
        ("  Élysée ", "elysee"),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Peskow", "Peskov"),
        ("Peskoff", "Peskov"),
        ("Песков", "Peskov"),
        ("Tokajew", "Tokayev"),
        ("Mischustin", "Mishustin"),
        ("Мишустин", "Mishustin"),
        ("Nasarbajew", "Nazarbayev"),
        ("Dmitrij", "Dmitry"),
        ("Wladimir Putin", "Vladimir Poutine"),
        ("Selenskyj", "Zelensky"),
        ("Schoigu", "Shoigu"),
        ("Chodorkowski", "Khodorkovsky"),
        ("Tschernomyrdin", "Chernomyrdin"),
        ("Jelzin", "Yeltsin"),
        ("Sacharowa", "Zakharova"),
    ],
)
def test_romanisations_share_a_key(a: str, b: str) -> None:
    assert translit_key(a) == translit_key(b)


@pytest.mark.parametrize(("a", "b"), [("Peskow", "Petrow"), ("Putin", "Platon"), ("Lawrow", "Lawrenko")])
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert translit_key(a) != translit_key(b)


def test_transliterate_cyrillic() -> None:
    assert transliterate("Путин") == "putin"


def test_slugify() -> None:
    assert slugify("Karlygash Ezhenova") == "karlygash-ezhenova"
    assert slugify("Дмитрий Песков") == "dmitriy-peskov"
    assert slugify("!!!") == "unnamed"
