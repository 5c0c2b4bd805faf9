"""The cooperation–conflict scale of PLOVER event types (data file ``data/plover.tsv``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import DataError, E

DATA_FILE = Path(__file__).resolve().parent / "data" / "plover.tsv"


@dataclass(frozen=True)
class TypeInfo:
    goldstein: float
    cameo_root: str
    quad_class: int


@dataclass(frozen=True)
class EventScale:
    """Per-type defaults; :meth:`score` prefers an event's own Goldstein value."""

    types: dict[str, TypeInfo]

    def score(self, event_type: str | None, goldstein: float | None = None) -> float | None:
        if goldstein is not None:
            return float(goldstein)
        info = self.types.get((event_type or "").upper())
        return info.goldstein if info else None

    def cameo_root(self, event_type: str | None, cameo: str | None = None) -> str | None:
        if cameo:
            return cameo[:2]
        info = self.types.get((event_type or "").upper())
        return info.cameo_root if info else None

    def quad_class(self, event_type: str | None, cameo: str | None = None) -> int | None:
        root = self.cameo_root(event_type, cameo)
        if root and root.isdigit():
            number = int(root)
            return 1 if number <= 5 else 2 if number <= 8 else 3 if number <= 13 else 4
        info = self.types.get((event_type or "").upper())
        return info.quad_class if info else None


@lru_cache(maxsize=2)
def load_scale(path: str | None = None) -> EventScale:
    """Read the scale file (default: the shipped ``plover.tsv``); raises E908 when broken."""
    target = Path(path) if path else DATA_FILE
    try:
        with target.open(encoding="utf-8") as stream:
            lines = [line for line in stream if line.strip() and not line.startswith("#")]
        types = {
            row["type"].upper(): TypeInfo(float(row["goldstein"]), row["cameo_root"], int(row["quad_class"]))
            for row in csv.DictReader(lines, delimiter="\t")
        }
    except (OSError, KeyError, ValueError, TypeError) as err:
        raise DataError(E.E908.format(path=target, error=err), code="E908") from err
    return EventScale(types)
