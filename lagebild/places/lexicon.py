"""Word lists of lagebild.places (``data/prepositions.yaml``), read once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .. import yamlio
from ..errors import DataError, E

PREPOSITIONS_PATH = Path(__file__).resolve().parent / "data" / "prepositions.yaml"


@dataclass(frozen=True)
class Prepositions:
    locative: frozenset[str]
    direction: frozenset[str]
    licensing: frozenset[str]
    dative_only: frozenset[str]
    dative_articles: frozenset[str]
    directional: frozenset[str]
    place_nouns: frozenset[str]
    bridges: frozenset[str]
    max_gap: int


@lru_cache(maxsize=1)
def load_prepositions(path: Path = PREPOSITIONS_PATH) -> Prepositions:
    try:
        data = yamlio.safe_load(path.read_text(encoding="utf-8"))
        return Prepositions(
            locative=frozenset(w.lower() for w in data["locative"]),
            direction=frozenset(w.lower() for w in data["direction"]),
            licensing=frozenset(w.lower() for w in data["licensing"]),
            dative_only=frozenset(w.lower() for w in data["dative_only"]),
            dative_articles=frozenset(w.lower() for w in data["dative_articles"]),
            directional=frozenset(w.lower() for w in data["directional"]),
            place_nouns=frozenset(data["place_nouns"]),
            bridges=frozenset(w.lower() for w in data["bridges"]),
            max_gap=int(data["max_gap"]),
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as err:
        raise DataError(E.E871.format(path=path, error=err), code="E871") from err
