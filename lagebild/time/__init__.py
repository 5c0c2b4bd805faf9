"""Time expressions: detection and normalisation of German TIMEX, relative to the article date.

``normalize(text, anchor)`` works without a spaCy pipeline; importing this package registers
the spaCy component ``lagebild.time.v1`` (writes ``doc._.timexes``); ``date_for_span(doc,
span)`` gives an event its date.
"""

from __future__ import annotations

from .anchor import date_for_span
from .component import TimeTagger
from .normalize import normalize

__all__ = ["TimeTagger", "date_for_span", "normalize"]
