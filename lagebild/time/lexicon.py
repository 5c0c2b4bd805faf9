"""The German time lexicon and rules, loaded from ``lagebild/time/data`` once per process."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .. import yamlio
from ..errors import DataError, E

DATA_DIR = Path(__file__).resolve().parent / "data"
LEXICON_PATH = DATA_DIR / "de.yaml"
RULES_PATH = DATA_DIR / "rules.yaml"
_PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")


@dataclass(frozen=True)
class Rule:
    name: str
    type: str
    handler: str
    regex: re.Pattern[str]


class Lexicon:
    """Word tables (regex key -> value) with case-insensitive whole-string lookup."""

    def __init__(self, data: dict[str, Any], *, path: Path = LEXICON_PATH) -> None:
        self.path = path
        self.tables: dict[str, list[tuple[re.Pattern[str], Any]]] = {}
        self.alternations: dict[str, str] = {}
        for name, table in data.items():
            items = _items(table, name=name, path=path)
            self.tables[name] = [(re.compile(key, re.IGNORECASE), value) for key, value in items]
            # longest first (a regex alternation takes the first that matches); ties in file order,
            # so that the alternation, and with it the output, is the same in every process
            ordered = dict.fromkeys(alt for key, _ in items for alt in _split(key))
            alternatives = sorted(ordered, key=len, reverse=True)
            self.alternations[name] = "(?:" + "|".join(alternatives) + ")"

    def lookup(self, name: str, word: str | None) -> Any:
        """The value of the first entry of table ``name`` whose key matches all of ``word``."""
        if word is None:
            return None
        text = " ".join(word.split())
        for regex, value in self.tables.get(name, ()):
            if regex.fullmatch(text):
                return value
        return None

    def matches(self, name: str, word: str | None) -> bool:
        return word is not None and any(
            regex.fullmatch(" ".join(word.split())) for regex, _ in self.tables[name]
        )


def _split(key: str) -> list[str]:
    """Top-level alternatives of a key (keys use ``|`` only at the top level)."""
    return [alt.replace(" ", r"\s+") for alt in key.split("|") if alt]


def _items(table: Any, *, name: str, path: Path) -> list[tuple[str, Any]]:
    if isinstance(table, dict):
        return [(str(key), value) for key, value in table.items()]
    if isinstance(table, list):
        return [(str(key), True) for key in table]
    raise DataError(
        E.E851.format(path=path, error=f"table {name!r} is neither a mapping nor a list"), code="E851"
    )


def _expand(pattern: str, lexicon: Lexicon, macros: dict[str, str], *, path: Path, depth: int = 0) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in macros:
            return _expand(macros[name], lexicon, macros, path=path, depth=depth + 1)
        if name in lexicon.alternations:
            return lexicon.alternations[name]
        raise DataError(E.E852.format(path=path, name=name), code="E852")

    if depth > 5:
        raise DataError(E.E851.format(path=path, error="macros nest too deeply"), code="E851")
    return _PLACEHOLDER.sub(replace, pattern)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yamlio.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise DataError(E.E851.format(path=path, error=error), code="E851") from error
    if not isinstance(data, dict):
        raise DataError(E.E851.format(path=path, error="top level is not a mapping"), code="E851")
    return data


def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """The lexicon, parsed once per process and path."""
    return _load_lexicon(path)


@functools.lru_cache(maxsize=4)
def _load_lexicon(path: Path) -> Lexicon:
    # one cache key per path: ``load_lexicon()`` and ``load_lexicon(LEXICON_PATH)`` share it
    return Lexicon(_read_yaml(path), path=path)


@functools.lru_cache(maxsize=4)
def load_rules(path: Path = RULES_PATH, lexicon_path: Path = LEXICON_PATH) -> tuple[Rule, ...]:
    """The detection rules with their word tables expanded, compiled once per process."""
    data = _read_yaml(path)
    lexicon = load_lexicon(lexicon_path)
    macros = {str(k): str(v) for k, v in (data.get("macros") or {}).items()}
    rules = []
    for record in data.get("rules") or []:
        try:
            pattern = _expand(str(record["pattern"]), lexicon, macros, path=path)
            regex = re.compile(r"(?<!\w)(?<![^\W\d_]-)(?:" + pattern + r")(?!\w|-[^\W\d_])", re.IGNORECASE)
            rules.append(Rule(str(record["name"]), str(record["type"]), str(record["handler"]), regex))
        except (KeyError, re.error) as error:
            raise DataError(
                E.E851.format(path=path, error=f"rule {record!r}: {error}"), code="E851"
            ) from error
    return tuple(rules)
