"""Find German time expressions in a text and normalise them against the article date.

Honest intervals: every reading is computed for the earliest and for the latest day the article
may have been written (``anchor.start`` and ``anchor.end``); the result is the union of the two
intervals.  When the two readings differ, ``value`` keeps only the parts they share (``2022-XX-XX``)
while ``precision`` still names the granularity of the expression (``day`` for ``gestern``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

from ..document import DocDate
from ..errors import DataError, E
from . import calendar as cal
from .handlers import HANDLERS, Context, Parsed
from .lexicon import Lexicon, Rule, load_lexicon, load_rules
from .scan import Scanner

# an unknown article date: any day of these centuries
UNKNOWN_ANCHOR = DocDate(dt.date(1000, 1, 1), dt.date(2999, 12, 31), "unknown")
MODES = ("news", "narrative")
_CUE_WINDOW = 300
_CLAUSE_MARKS = (",", ";", ":", "(", ")", " – ", " - ")
_SENTENCE_END = re.compile(r"(?<=[^\d\s.][.!?])\s+(?=[\"„»«A-ZÄÖÜ])|\n\s*\n|(?<=[:;])\s*\n")


@dataclass
class Candidate:
    start: int
    end: int
    order: int
    rule: Rule
    parsed: Parsed
    match: re.Match[str]


def normalize(
    text: str,
    anchor: DocDate | None,
    *,
    sentences: list[tuple[int, int]] | None = None,
    mode: str = "news",
) -> list[dict[str, Any]]:
    """All time expressions of ``text`` as ``lagebild.analysis/1`` timex dicts.

    ``anchor`` is the article date (None: unknown).  ``sentences`` are character ranges used for
    tense cues and for attaching clock times to a day named earlier in the same sentence; by
    default a simple splitter is used.  ``mode``: ``news`` resolves relative expressions against
    the article date; ``narrative`` (histories, biographies) against the last date named before.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    lexicon = load_lexicon()
    candidates = select(detect(text, load_rules(), lexicon))
    ranges = sentences if sentences is not None else split_sentences(text)
    return resolve_all(text, candidates, ranges, anchor or UNKNOWN_ANCHOR, lexicon, mode=mode)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Rough sentence ranges (no abbreviation handling); good enough for tense cues."""
    ranges, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        ranges.append((start, match.start()))
        start = match.end()
    ranges.append((start, len(text)))
    return ranges


def detect(text: str, rules: tuple[Rule, ...], lexicon: Lexicon) -> list[Candidate]:
    """Every match of every rule that its handler accepts (overlaps included)."""
    candidates = []
    found = _scanner(tuple(rule.regex for rule in rules)).scan(text)  # each rule's finditer
    for order, rule in enumerate(rules):
        handler = HANDLERS.get(rule.handler)
        if handler is None:
            raise DataError(E.E853.format(handler=rule.handler, rule=rule.name), code="E853")
        for match in found[order]:
            for variant in _variants(rule, match):
                if variant.end() <= variant.start():
                    continue
                parsed = handler(variant, lexicon)
                if parsed is not None:
                    candidates.append(Candidate(variant.start(), variant.end(), order, rule, parsed, variant))
    return candidates


@functools.lru_cache(maxsize=8)
def _scanner(regexes: tuple[re.Pattern[str], ...]) -> Scanner:
    return Scanner(regexes)


def _variants(rule: Rule, match: re.Match[str]) -> list[re.Match[str]]:
    """The match, and the same rule tried again after its article (``der gegenwärtig`` -> ``gegenwärtig``)."""
    variants = [match]
    if match.groupdict().get("det"):
        again = rule.regex.match(match.string, _skip_space(match.string, match.end("det")))
        if again is not None:
            variants.append(again)
    return variants


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Longest matches first (earlier rule on ties), no overlaps; returned in text order."""
    chosen: list[Candidate] = []
    starts: list[int] = []  # sorted starts of the chosen spans
    ends: list[int] = []  # their ends, in the same order
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.order, c.start)):
        index = bisect.bisect_left(starts, cand.start)
        if index > 0 and ends[index - 1] > cand.start:
            continue
        if index < len(starts) and starts[index] < cand.end:
            continue
        starts.insert(index, cand.start)
        ends.insert(index, cand.end)
        chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


class TenseCues:
    """Positions of the past/future cue words of a text, found once; queried by range."""

    def __init__(self, text: str, lexicon: Lexicon) -> None:
        scanner = _scanner((_cue_regex(lexicon, "past_cues"), _cue_regex(lexicon, "future_cues")))
        past, future = scanner.scan(text)
        self.positions = {"past": [m.start() for m in past], "future": [m.start() for m in future]}

    def tense(self, low: int, high: int) -> str | None:
        """``past`` if a past cue starts in ``low``–``high``, else ``future`` if a future cue does."""
        for tense in ("past", "future"):
            positions = self.positions[tense]
            index = bisect.bisect_left(positions, low)
            if index < len(positions) and positions[index] < high:
                return tense
        return None


@functools.lru_cache(maxsize=8)
def _cue_regex(lexicon: Lexicon, table: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + lexicon.alternations[table] + r"(?!\w)", re.IGNORECASE)


def clause_tense(text: str, start: int, end: int, sentence: tuple[int, int], cues: TenseCues) -> str | None:
    """Tense cue of the clause around ``start``–``end`` (between , ; : or brackets), else of the
    sentence; both looked at no further than ``_CUE_WINDOW`` characters away."""
    low, high = max(sentence[0], start - _CUE_WINDOW), min(sentence[1], end + _CUE_WINDOW)
    left = max((text.rfind(mark, low, start) for mark in _CLAUSE_MARKS), default=-1)
    rights = [i for i in (text.find(mark, end, high) for mark in _CLAUSE_MARKS) if i >= 0]
    return cues.tense(max(left + 1, low), min(rights, default=high)) or cues.tense(low, high)


def resolve_all(
    text: str,
    candidates: list[Candidate],
    ranges: list[tuple[int, int]],
    anchor: DocDate,
    lexicon: Lexicon,
    *,
    mode: str = "news",
) -> list[dict[str, Any]]:
    """Resolve the candidates in text order for both ends of the anchor interval."""
    state = _State((anchor.start, anchor.end))
    starts = [s for s, _ in ranges]
    cues = TenseCues(text, lexicon)
    results: list[dict[str, Any]] = []
    for cand in candidates:
        index = max(bisect.bisect_right(starts, cand.start) - 1, 0)
        sentence = ranges[index] if ranges else (0, len(text))
        tense = None if mode == "narrative" else clause_tense(text, cand.start, cand.end, sentence, cues)
        readings = state.resolve(cand, index, tense, narrative=mode == "narrative")
        if readings is not None:
            results.append(_timex(text, cand, readings))
    return merge_anchored(text, results)


class _State:
    """What resolution remembers while walking through a text, per end of the anchor interval."""

    def __init__(self, days: tuple[dt.date, dt.date]) -> None:
        self.days = days
        self.sentence = -1
        self.last_day: list[dt.date | None] = [None, None]
        self.reference: list[dt.date | None] = [None, None]

    def resolve(
        self, cand: Candidate, sentence: int, tense: str | None, *, narrative: bool
    ) -> tuple[cal.Resolved, cal.Resolved] | None:
        if sentence != self.sentence:
            self.sentence, self.last_day = sentence, [None, None]
        readings = []
        for slot, day in enumerate(self.days):
            ctx = Context(tense=tense, last_day=self.last_day[slot], reference=self.reference[slot])
            base = (self.reference[slot] or day) if narrative and not cand.parsed.absolute else day
            try:
                reading = cand.parsed.resolve(base, ctx)
            except (OverflowError, ValueError):  # a date beyond year 1..9999
                return None
            if reading is None:
                return None
            readings.append(reading)
        for slot, reading in enumerate(readings):
            if cand.parsed.type == "DATE" and reading.start is not None:
                self.reference[slot] = reading.start
                if reading.start == reading.end:
                    self.last_day[slot] = reading.start
        return readings[0], readings[1]


def _timex(text: str, cand: Candidate, readings: tuple[cal.Resolved, cal.Resolved]) -> dict[str, Any]:
    first, last = readings
    timex: dict[str, Any] = {
        "text": text[cand.start : cand.end],
        "span": [cand.start, cand.end],
        "type": cand.parsed.type,
        "value": cal.generalize(first.value, last.value),
        "start": _iso(min(first.start, last.start) if first.start and last.start else None),
        "end": _iso(max(first.end, last.end) if first.end and last.end else None),
        "precision": first.precision,
        "rule": cand.rule.name,
    }
    if cand.parsed.mod:
        timex["mod"] = cand.parsed.mod
    if cand.parsed.timeml:
        group = cand.parsed.timeml["group"]
        timex["timeml"] = {
            "type": cand.parsed.timeml["type"],
            "value": cand.parsed.timeml["value"],
            "span": [cand.match.start(group), cand.match.end(group)],
        }
    return timex


_ANCHOR_LINK = re.compile(r"\s+(nach|vor)\s+(?:(?:dem|der|den)\s+)?", re.IGNORECASE)
_DURATION_VALUE = re.compile(r"^P(\d+(?:\.\d+)?)(Y|M|W|D)$")
_UNIT_ORDER = ("D", "W", "M", "Y")


def merge_anchored(text: str, timexes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``ein halbes Jahr nach dem 4. Juli``: a duration, ``nach``/``vor`` and a dated expression
    become one DATE (the anchor moved by the duration).  Without a dated anchor (``ein halbes Jahr
    nach der Wahl``) the duration stays a DURATION: it cannot be resolved honestly."""
    out: list[dict[str, Any]] = []
    index = 0
    while index < len(timexes):
        following = timexes[index + 1] if index + 1 < len(timexes) else None
        merged = _merge(text, timexes[index], following) if following else None
        out.append(merged or timexes[index])
        index += 2 if merged else 1
    return out


def _merge(text: str, duration: dict[str, Any], anchor: dict[str, Any]) -> dict[str, Any] | None:
    found = _DURATION_VALUE.match(str(duration["value"]))
    if duration["type"] != "DURATION" or anchor["type"] != "DATE" or not found or not anchor["start"]:
        return None
    link = _ANCHOR_LINK.match(text, duration["span"][1], anchor["span"][0])
    if link is None or link.end() != anchor["span"][0]:
        return None
    amount, unit = float(found.group(1)), found.group(2)
    if amount != int(amount):
        if unit != "Y" or amount * 12 != int(amount * 12):
            return None
        amount, unit = amount * 12, "M"
    steps = int(amount) * (1 if link.group(1).lower() == "nach" else -1)
    anchor_unit = {"day": "D", "week": "W", "month": "M"}.get(str(anchor["precision"]), "Y")
    out_unit = max(unit, anchor_unit, key=_UNIT_ORDER.index)
    first = cal.unit_reading(cal.shift(dt.date.fromisoformat(anchor["start"]), unit, steps), out_unit)
    last = cal.unit_reading(cal.shift(dt.date.fromisoformat(anchor["end"]), unit, steps), out_unit)
    start, end = duration["span"][0], anchor["span"][1]
    return {
        "text": text[start:end],
        "span": [start, end],
        "type": "DATE",
        "value": cal.generalize(first.value, last.value),
        "start": _iso(first.start),
        "end": _iso(last.end),
        "precision": first.precision,
        "rule": "anchored",
        "anchor": list(anchor["span"]),
        # It-TimeML annotates the two expressions separately
        "timeml_parts": [_timeml_view(duration), _timeml_view(anchor)],
    }


def _timeml_view(timex: dict[str, Any]) -> dict[str, Any]:
    view = timex.get("timeml") or timex
    return {"type": view["type"], "value": view["value"], "span": list(view["span"])}


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
