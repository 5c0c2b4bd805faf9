"""Loading the time data files: compiled once, broken files raise coded errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.errors import DataError
from lagebild.time.lexicon import LEXICON_PATH, load_lexicon, load_rules


def test_lexicon_is_loaded_once() -> None:
    assert load_lexicon() is load_lexicon()
    assert load_rules() is load_rules()


def test_lexicon_lookup_is_case_and_space_insensitive() -> None:
    lex = load_lexicon()
    assert lex.lookup("months", "JÄNNER") == 1
    assert lex.lookup("months", "Sept.") == 9
    assert lex.lookup("numbers", "einem  halben") == 0.5
    assert lex.lookup("months", "Montag") is None


def test_every_rule_names_a_known_handler() -> None:
    from lagebild.time.handlers import HANDLERS

    assert {rule.handler for rule in load_rules()} <= set(HANDLERS)


def test_broken_yaml_raises_e851(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("months: [unclosed", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_lexicon(path)
    assert info.value.code == "E851"


def test_unknown_placeholder_raises_e852(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        'rules:\n  - {name: x, type: DATE, handler: calendar, pattern: "{nope}"}\n', encoding="utf-8"
    )
    with pytest.raises(DataError) as info:
        load_rules(rules, LEXICON_PATH)
    assert info.value.code == "E852"


def test_default_and_explicit_path_share_one_lexicon() -> None:
    assert load_lexicon() is load_lexicon(LEXICON_PATH)
