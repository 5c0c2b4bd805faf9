"""Mentions found in a document and the settings the resolver runs with."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Settings:
    """Tunables of ``lagebild_actors_v1`` (defaults live next to the factory)."""

    threshold: float
    fuzzy_min_score: float
    fuzzy_min_length: int
    confidences: dict[str, float]
    use_ner: bool = True
    coreference: bool = True
    max_name_tokens: int = 4


@dataclass
class Mention:
    """One mention: tokens ``start``–``end`` refer to ``actor_id`` (or to a new local actor).

    ``local`` holds name/type/country/role for actors that are not in the KB (local persons,
    sector actors like ``RUS:court``).
    """

    start: int
    end: int
    actor_id: str | None
    confidence: float
    how: str
    role: str | None = None
    cameo: str | None = None
    local: dict[str, str | None] = field(default_factory=dict)
    candidates: tuple[str, ...] = ()
    genitive: bool = False  # matched as "<alias>s" ("Kasachstans", "Putins")

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end

    @property
    def length(self) -> int:
        return self.end - self.start
