"""Tunables of the quotation component (the factory exposes each one as a config argument)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    scare_max_tokens: int = 4
    colon_max_tokens: int = 8
    cue_window: int = 3
    fragment_window: int = 9
    frame_max_tokens: int = 14
    min_content_tokens: int = 3
    continuation: bool = True
    continuation_gap: int = 1
    context_units: int = 3
    conf_direct: float = 0.9
    conf_colon: float = 0.75
    conf_unframed: float = 0.5
    conf_scare: float = 0.6
    conf_indirect: float = 0.8
    conf_attribution: float = 0.75
    conf_continuation: float = 0.6
