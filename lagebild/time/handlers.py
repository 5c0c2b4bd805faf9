"""Handlers: turn the named groups of a rule match into a resolvable reading.

A handler parses a match once (no article date needed) and returns a :class:`Parsed`, or None to
reject the match.  ``Parsed.resolve(day, ctx)`` gives the reading for one possible article day;
the engine resolves for the earliest and the latest possible day and takes the union.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from . import calendar as cal
from .calendar import Resolved
from .lexicon import Lexicon


@dataclass
class Context:
    """What a reading may depend on besides the article day."""

    tense: str | None = None  # "past", "future" or None
    last_day: dt.date | None = None  # the last single day named before in the same sentence
    reference: dt.date | None = None  # start of the last dated expression before, anywhere in the text


Resolver = Callable[[dt.date, Context], "Resolved | None"]


@dataclass
class Parsed:
    type: str
    resolve: Resolver
    mod: str | None = None
    absolute: bool = False  # the reading does not depend on the article date
    # It-TimeML annotates some expressions differently (``vor drei Jahren`` = DURATION ``drei Jahren``)
    timeml: dict[str, str] | None = None


def _group(match: re.Match[str], name: str) -> str | None:
    return match.groupdict().get(name)


def _before(match: re.Match[str], width: int = 40) -> str:
    return match.string[max(match.start() - width, 0) : match.start()]


def _after(match: re.Match[str], width: int = 40) -> str:
    return match.string[match.end() : match.end() + width]


def _ends_with(lex: Lexicon, table: str, text: str) -> bool:
    return re.search(r"(?<!\w)" + lex.alternations[table] + r"\s*$", text, re.IGNORECASE) is not None


def _starts_with(lex: Lexicon, table: str, text: str) -> bool:
    return re.match(r"\s*" + lex.alternations[table] + r"(?!\w)", text, re.IGNORECASE) is not None


def at_sentence_start(match: re.Match[str], start: int | None = None) -> bool:
    before = match.string[: match.start() if start is None else start].rstrip(" \t\"„»«'(")
    return not before or before[-1] in ".!?:\n"


def _number(lex: Lexicon, text: str | None) -> float | None:
    if text is None:
        return None
    text = " ".join(text.split())
    if re.fullmatch(r"\d+(?:,\d+)?", text):
        return float(text.replace(",", "."))
    value = lex.lookup("numbers", text)
    return float(value) if value is not None else None


def _year(match: re.Match[str]) -> int | None:
    if _group(match, "year"):
        return int(re.sub(r"\D", "", match.group("year")))
    if _group(match, "year2"):
        short = int(match.group("year2"))
        return 2000 + short if short < 50 else 1900 + short
    return None


def _with_mod(reading: Resolved | None, lex: Lexicon, mod: str | None) -> Resolved | None:
    entry = lex.lookup("modifiers", mod)
    if reading is None or not entry:
        return reading
    return cal.narrow(reading, tuple(entry["part"]))


def _mod_code(lex: Lexicon, mod: str | None) -> str | None:
    entry = lex.lookup("modifiers", mod)
    return entry["mod"] if entry else None


def _pick_year(day: dt.date, month: int, dom: int | None, tense: str | None) -> int:
    """Year of a day/month given without a year: the article year, moved by the sentence tense."""
    target, here = (month, dom or 0), (day.month, day.day if dom else 0)
    if tense == "past" and target > here and (month - day.month) % 12 >= 2:
        return day.year - 1
    if tense == "future" and day.month - month >= 2:
        return day.year + 1
    return day.year


def _plausible_year(match: re.Match[str], lex: Lexicon) -> bool:
    """A bare four-digit number is a year unless its context says it counts something."""
    before, after = _before(match), _after(match)
    if _ends_with(lex, "not_year_before", before):
        return False
    year = int(match.group("year"))
    if re.match(r"\s+[A-ZÄÖÜ]", after) and not 1900 <= year <= 2050:
        return _ends_with(lex, "year_prepositions", before)
    return True


def calendar(match: re.Match[str], lex: Lexicon) -> Parsed | None:
    """Explicit dates: ``4. Juli 2022``, ``04.07.22``, ``Juli``, ``2021``, ``Anfang Juli``."""
    month = (
        int(match.group("monthnum"))
        if _group(match, "monthnum")
        else lex.lookup("months", _group(match, "month"))
    )
    dom = int(match.group("day")) if _group(match, "day") else None
    year = _year(match)
    mod = _group(match, "mod")
    if month is None and year is None:
        return None
    month_text = _group(match, "month") or ""
    if (
        year is None
        and len(month_text) <= 4
        and not month_text.endswith(".")
        and not lex.matches("short_month_names", month_text)
    ):
        return None  # an abbreviation without dot or year ("Jan") is more likely a name
    bare = (
        month is None
        and dom is None
        and not re.search(r"(?i)jahr|" + lex.alternations["modifiers"], match.group(0))
    )
    if bare and (_group(match, "det") or not _plausible_year(match, lex)):
        return None  # "der 1960 gebauten …": an article before a bare number is no year
    if dom is not None and month is not None:
        try:
            dt.date(2000, month, dom)
        except ValueError:
            return None

    since = _ends_with(lex, "since_words", _before(match, 12))

    def resolve(day: dt.date, ctx: Context) -> Resolved | None:
        y = year if year is not None else _pick_year(day, month or 1, dom, "past" if since else ctx.tense)
        try:
            if month is None:
                reading = cal.year_reading(y)
            elif dom is None:
                reading = cal.unit_reading(dt.date(y, month, 1), "M")
            else:
                reading = cal.unit_reading(dt.date(y, month, dom), "D")
        except ValueError:
            return None
        return _with_mod(reading, lex, mod)

    return Parsed("DATE", resolve, mod=_mod_code(lex, mod), absolute=year is not None)


def era_year(match: re.Match[str], lex: Lexicon) -> Parsed | None:
    """``260 v. Chr.`` (TimeML ``BC0260``, no ISO interval), ``800 n. Chr.``."""
    year, era = int(match.group("eyear")), lex.lookup("eras", match.group("era"))
    if era is None or year == 0:
        return None
    if era < 0:
        return Parsed("DATE", lambda day, ctx: Resolved(f"BC{year:04d}", None, None, "year"), absolute=True)
    return Parsed("DATE", lambda day, ctx: cal.year_reading(year), absolute=True)


def decade(match: re.Match[str], lex: Lexicon) -> Parsed | None:
    """``den 60er Jahren``, ``der 1990er Jahre``, ``den neunziger Jahren`` (century from the article)."""
    digits = _group(match, "decade")
    word = lex.lookup("decade_words", _group(match, "decadeword"))
    mod = _group(match, "mod")

    def resolve(day: dt.date, ctx: Context) -> Resolved | None:
        if digits and len(digits) == 4:
            first = int(digits)
        else:
            tens = int(digits) // 10 if digits else int(word)
            century = day.year // 100 * 100
            first = century + tens * 10
            if first > day.year:
                first -= 100
        return _with_mod(cal.unit_reading(dt.date(max(first, 1), 1, 1), "DE"), lex, mod)

    return Parsed("DATE", resolve, mod=_mod_code(lex, mod), absolute=bool(digits and len(digits) == 4))


def century(match: re.Match[str], lex: Lexicon) -> Parsed | None:
    """``dem 20. Jahrhundert`` -> ``19``."""
    number = int(match.group("century"))
    mod = _group(match, "mod")
    if not 1 <= number <= 22:
        return None
    return Parsed(
        "DATE",
        lambda day, ctx: _with_mod(cal.century_reading(number - 1), lex, mod),
        mod=_mod_code(lex, mod),
        absolute=True,
    )


def relative_unit(match: re.Match[str], lex: Lexicon) -> Parsed | None:
    """``vergangene Woche``, ``nächstes Jahr``, ``Ende des Jahres``; plural = vague duration."""
    unit_entry = lex.lookup("units", match.group("unit"))
    if not unit_entry:
        return None
    unit = unit_entry["unit"]
    offset = lex.lookup("directions", _group(match, "dir")) if _group(match, "dir") else 0
    mod = _group(match, "mod")
    if unit_entry.get("plural") or unit_entry.get("clock"):
        value = "PT" if unit_entry.get("clock") else "P"
        return Parsed("DURATION", lambda day, ctx: Resolved(f"{value}X{unit}", None, None, "unknown"))
    if offset is None:
        return None

    def resolve(day: dt.date, ctx: Context) -> Resolved | None:
        return _with_mod(cal.unit_reading(cal.shift(day, unit, offset), unit), lex, mod)

    return Parsed("DATE", resolve, mod=_mod_code(lex, mod))


def _weekday_date(day: dt.date, weekday: int, offset: int | None, tense: str | None) -> dt.date:
    """The weekday meant relative to ``day``: by direction word, else by the sentence tense."""
    ahead = (weekday - day.isoweekday()) % 7
    back = (day.isoweekday() - weekday) % 7
    if offset == 0:
        return day + dt.timedelta(days=weekday - day.isoweekday())
    if offset is not None and offset < 0:
        return day - dt.timedelta(days=(back or 7) + 7 * (-offset - 1))
    if offset is not None and offset > 0:
        return day + dt.timedelta(days=(ahead or 7) + 7 * (offset - 1))
    if tense == "past":
        return day - dt.timedelta(days=back)
    if tense == "future":
        return day + dt.timedelta(days=ahead)
    return day + dt.timedelta(days=ahead) if ahead <= 3 else day - dt.timedelta(days=back)


def _with_part(reading: Resolved | None, part: str | None) -> Resolved | None:
    if reading is None or part is None:
        return reading
    return Resolved(f"{reading.value}T{part}", reading.start, reading.end, reading.precision)


def weekday(match: re.Match[str], lex: Lexicon) -> Parsed | None:
    """``Montag``, ``am vergangenen Montag``, ``Mittwochabend``."""
    number = lex.lookup("weekdays", match.group("weekday"))
    if number is None:
        return None
    offset = lex.lookup("directions", _group(match, "dir")) if _group(match, "dir") else None
    part = lex.lookup("day_parts", _group(match, "part") or _group(match, "part2"))

    def resolve(day: dt.date, ctx: Context) -> Resolved | None:
        target = _weekday_date(day, number, offset, ctx.tense)
        return _with_part(cal.unit_reading(target, "D"), part)

    return Parsed("TIME" if part else "DATE", resolve)


def reference(match: re.Match[str], lex: Lexicon) -> Parsed | None:
    """``gestern``, ``heute Abend``, ``morgen`` (lower case only), ``damals``, ``Vorjahr``."""
    text = match.group("ref")
    entry = lex.lookup("reference_words", text)
    if not entry:
        return None
    if (
        entry.get("lowercase_only")
        and not text[0].islower()
        and not at_sentence_start(match, match.start("ref"))
    ):
        return None
    if _group(match, "det") and text[0].islower() and " " not in text:
        return None  # "der gegenwärtig …": an adverb takes no article
    part = lex.lookup("day_parts", _group(match, "part"))
    if "value" in entry:
        value = str(entry["value"])
        return Parsed("DATE", lambda day, ctx: Resolved(value, None, None, "unknown"))
    unit, offset, from_last = entry["unit"], int(entry["offset"]), entry.get("anchor") == "last"

    def resolve(day: dt.date, ctx: Context) -> Resolved | None:
        base = (ctx.last_day or ctx.reference or day) if from_last else day
        return _with_part(cal.unit_reading(cal.shift(base, unit, offset), unit), part)

    return Parsed("TIME" if part else "DATE", resolve)


def _duration_value(amount: float | None, unit_entry: dict[str, object]) -> str:
    unit = str(unit_entry["unit"])
    prefix = "PT" if unit_entry.get("clock") else "P"
    if amount is None:
        return f"{prefix}X{unit}"
    return f"{prefix}{amount:g}{unit}"


def duration(match: re.Match[str], lex: Lexicon) -> Parsed | None:
    """``zwei Wochen``, ``seit Jahren``, ``den letzten zehn Jahren``."""
    unit_entry = lex.lookup("units", match.group("unit"))
    if not unit_entry:
        return None
    amount = _number(lex, _group(match, "num"))
    if _group(match, "num") and amount is None:
        return None
    if amount is not None and amount > 1000:
        return None
    if unit_entry["unit"] == "Y" and (
        _starts_with(lex, "age_after", _after(match)) or _ends_with(lex, "age_before", _before(match))
    ):
        return None  # an age ("22 Jahre alt", "ab 16 Jahren")
    value = _duration_value(amount, unit_entry)
    return Parsed("DURATION", lambda day, ctx: Resolved(value, None, None, "unknown"))


def ago(match: re.Match[str], lex: Lexicon) -> Parsed | None:
    """``vor drei Jahren``, ``in zwei Tagen``: a date relative to the article date."""
    unit_entry = lex.lookup("units", match.group("unit"))
    if not unit_entry:
        return None
    amount = _number(lex, _group(match, "num"))
    timeml = {"type": "DURATION", "value": _duration_value(amount, unit_entry), "group": "dur"}
    unit = str(unit_entry["unit"])
    if unit_entry.get("clock") or amount is None or amount != int(amount) or unit == "WE":
        value = "PAST_REF" if match.group("ago").lower() == "vor" else "FUTURE_REF"
        return Parsed("DATE", lambda day, ctx: Resolved(value, None, None, "unknown"), timeml=timeml)
    sign = -1 if match.group("ago").lower() == "vor" else 1
    steps = int(amount) * sign

    def resolve(day: dt.date, ctx: Context) -> Resolved | None:
        return cal.unit_reading(cal.shift(day, unit, steps), unit)

    return Parsed("DATE", resolve, timeml=timeml)


def shifted(match: re.Match[str], lex: Lexicon) -> Parsed | None:
    """``zwei Jahre später``, ``drei Tage zuvor``: relative to the last date named in the text."""
    unit_entry = lex.lookup("units", match.group("unit"))
    amount = _number(lex, _group(match, "num"))
    direction = lex.lookup("shift_words", match.group("later"))
    if (
        not unit_entry
        or unit_entry.get("clock")
        or amount is None
        or amount != int(amount)
        or direction is None
    ):
        return None
    unit, steps = str(unit_entry["unit"]), int(amount) * int(direction)
    if unit == "WE":
        return None

    def resolve(day: dt.date, ctx: Context) -> Resolved | None:
        base = ctx.reference or day
        return cal.unit_reading(cal.shift(base, unit, steps), unit)

    return Parsed("DATE", resolve)


def lookup_value(match: re.Match[str], lex: Lexicon) -> Parsed | None:
    """Single words with a fixed value: ``jährlich`` (SET), ``jahrelang`` (DURATION)."""
    if _group(match, "vdur"):
        value, kind = lex.lookup("vague_durations", match.group("vdur")), "DURATION"
    else:
        value, kind = lex.lookup("sets", match.group("setword")), "SET"
    if value is None:
        return None
    return Parsed(kind, lambda day, ctx: Resolved(str(value), None, None, "unknown"))


def set_unit(match: re.Match[str], lex: Lexicon) -> Parsed | None:
    """``jeden Tag``, ``alle vier Jahre``, ``Jahr für Jahr``."""
    unit_entry = lex.lookup("units", match.group("unit"))
    if not unit_entry:
        return None
    amount = _number(lex, _group(match, "num")) if _group(match, "num") else 1.0
    value = _duration_value(amount, unit_entry)
    return Parsed("SET", lambda day, ctx: Resolved(value, None, None, "unknown"))


def set_part(match: re.Match[str], lex: Lexicon) -> Parsed | None:
    """``morgens``, ``nachts``: every morning/night."""
    part = lex.lookup("day_part_sets", match.group("pset"))
    if part is None:
        return None
    return Parsed("SET", lambda day, ctx: Resolved(f"XXXX-XX-XXT{part}", None, None, "unknown"))


def set_weekday(match: re.Match[str], lex: Lexicon) -> Parsed | None:
    """``montags``, ``jeden Montag``, ``jeden zweiten Donnerstag``: a weekly SET."""
    number = lex.lookup("weekdays", _group(match, "weekday") or _group(match, "weekday2"))
    if number is None:
        return None
    part = lex.lookup("day_parts", _group(match, "part"))
    value = f"XXXX-WXX-{number}" + (f"T{part}" if part else "")
    return Parsed("SET", lambda day, ctx: Resolved(value, None, None, "unknown"))


def season(match: re.Match[str], lex: Lexicon) -> Parsed | None:
    """``im Sommer``, ``diesen Winter``, ``Frühjahr 2021``."""
    entry = lex.lookup("seasons", match.group("season"))
    if not entry:
        return None
    year = _year(match)
    offset = lex.lookup("directions", _group(match, "dir")) if _group(match, "dir") else 0
    mod = _group(match, "mod")

    def resolve(day: dt.date, ctx: Context) -> Resolved | None:
        y = year if year is not None else day.year + (offset or 0)
        return _with_mod(cal.season_reading(y, entry["code"], int(entry["month"])), lex, mod)

    return Parsed("DATE", resolve, mod=_mod_code(lex, mod), absolute=year is not None)


def part_of_year(match: re.Match[str], lex: Lexicon) -> Parsed | None:
    """``im ersten Quartal``, ``der zweiten Jahreshälfte 2021``."""
    number = lex.lookup("ordinals", match.group("ord"))
    unit = lex.lookup("units", match.group("unit"))
    if number is None or not unit:
        return None
    size = 3 if unit["unit"] == "Q" else 6
    if number * size > 12:
        return None
    year = _year(match)
    offset = lex.lookup("directions", _group(match, "dir")) if _group(match, "dir") else 0

    def resolve(day: dt.date, ctx: Context) -> Resolved | None:
        y = year if year is not None else day.year + (offset or 0)
        return cal.unit_reading(dt.date(y, number * size, 1), unit["unit"])

    return Parsed("DATE", resolve, absolute=year is not None)


def holiday(match: re.Match[str], lex: Lexicon) -> Parsed | None:
    """``Weihnachten``, ``Ostern 2023`` (computed), ``Silvester``."""
    rule = lex.lookup("holidays", match.group("holiday"))
    if not rule:
        return None
    year = _year(match)

    def resolve(day: dt.date, ctx: Context) -> Resolved | None:
        y = year if year is not None else day.year
        if str(rule).startswith("easter"):
            target = cal.easter(y) + dt.timedelta(days=int(str(rule)[6:] or 0))
        else:
            month, dom = (int(part) for part in str(rule).split("-"))
            target = dt.date(y, month, dom)
        return cal.unit_reading(target, "D")

    return Parsed("DATE", resolve, absolute=year is not None)


def clock(match: re.Match[str], lex: Lexicon) -> Parsed | None:
    """``20 Uhr``, ``17.30 Uhr``: the day is the last day named in the sentence, else the article day."""
    hour, minute = int(match.group("hour")), int(_group(match, "minute") or 0)
    if hour > 24:
        return None

    def resolve(day: dt.date, ctx: Context) -> Resolved | None:
        base = ctx.last_day or day
        return Resolved(f"{base.isoformat()}T{hour:02d}:{minute:02d}", base, base, "day")

    return Parsed("TIME", resolve)


def day_part(match: re.Match[str], lex: Lexicon) -> Parsed | None:
    """``am Abend``, ``den frühen Morgenstunden``: on the last day named in the sentence."""
    text = match.group("part")
    if text[0].islower() and not _group(match, "det"):
        return None  # "morgen" without article is "tomorrow"
    part = lex.lookup("day_parts", text)
    if part is None:
        return None

    def resolve(day: dt.date, ctx: Context) -> Resolved | None:
        base = ctx.last_day or day
        return Resolved(f"{base.isoformat()}T{part}", base, base, "day")

    return Parsed("TIME", resolve)


HANDLERS: dict[str, Callable[[re.Match[str], Lexicon], Parsed | None]] = {
    "calendar": calendar,
    "era_year": era_year,
    "decade": decade,
    "century": century,
    "relative_unit": relative_unit,
    "weekday": weekday,
    "reference": reference,
    "duration": duration,
    "ago": ago,
    "lookup_value": lookup_value,
    "shifted": shifted,
    "set_unit": set_unit,
    "set_part": set_part,
    "set_weekday": set_weekday,
    "season": season,
    "part_of_year": part_of_year,
    "holiday": holiday,
    "clock": clock,
    "day_part": day_part,
}
