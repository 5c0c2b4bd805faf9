"""Aggregations over a corpus store: dyad timelines, the actor network, who is quoted."""

from __future__ import annotations

from .scale import EventScale, load_scale

__all__ = ["EventScale", "load_scale"]
