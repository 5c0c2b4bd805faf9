"""Calendar arithmetic for lagebild.time: units as intervals, shifts, TimeML values, Easter."""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass

# TimeML unit letter -> precision name of an interval of that unit
UNIT_PRECISION = {
    "D": "day",
    "W": "week",
    "WE": "day",
    "M": "month",
    "Q": "quarter",
    "H": "month",
    "SE": "season",
    "Y": "year",
    "DE": "decade",
    "CE": "unknown",
}
MIN_DATE = dt.date(1, 1, 1)
MAX_DATE = dt.date(9999, 12, 31)


@dataclass(frozen=True)
class Resolved:
    """One reading of an expression: a TimeML value and an inclusive date interval."""

    value: str
    start: dt.date | None
    end: dt.date | None
    precision: str


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise OverflowError(f"year {year} out of range")
    last = _calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def shift(day: dt.date, unit: str, amount: int) -> dt.date:
    """Move ``day`` by ``amount`` units (D, W, WE, M, Q, H, Y, DE, CE)."""
    try:
        if unit == "D":
            return day + dt.timedelta(days=amount)
        if unit in ("W", "WE"):
            return day + dt.timedelta(weeks=amount)
        months = {"M": 1, "Q": 3, "H": 6, "Y": 12, "DE": 120, "CE": 1200}[unit]
        return add_months(day, months * amount)
    except (OverflowError, ValueError):
        return MAX_DATE if amount > 0 else MIN_DATE


def unit_reading(day: dt.date, unit: str) -> Resolved:
    """The unit (week, month, year, …) containing ``day``, as a TimeML value and interval."""
    if unit == "D":
        return Resolved(day.isoformat(), day, day, "day")
    if unit == "W":
        year, week, weekday = day.isocalendar()
        monday = day - dt.timedelta(days=weekday - 1)
        return Resolved(f"{year}-W{week:02d}", monday, monday + dt.timedelta(days=6), "week")
    if unit == "WE":
        year, week, weekday = day.isocalendar()
        saturday = day + dt.timedelta(days=6 - weekday)
        return Resolved(f"{year}-W{week:02d}-WE", saturday, saturday + dt.timedelta(days=1), "day")
    if unit == "M":
        return Resolved(
            f"{day.year:04d}-{day.month:02d}", day.replace(day=1), month_end(day.year, day.month), "month"
        )
    if unit == "Q":
        quarter = (day.month - 1) // 3 + 1
        first = dt.date(day.year, 3 * quarter - 2, 1)
        return Resolved(f"{day.year:04d}-Q{quarter}", first, month_end(day.year, 3 * quarter), "quarter")
    if unit == "H":
        half = 1 if day.month <= 6 else 2
        first = dt.date(day.year, 6 * half - 5, 1)
        return Resolved(f"{day.year:04d}-H{half}", first, month_end(day.year, 6 * half), "month")
    if unit == "Y":
        return year_reading(day.year)
    if unit == "DE":
        decade = day.year // 10
        return Resolved(
            f"{decade:03d}", dt.date(max(decade * 10, 1), 1, 1), dt.date(decade * 10 + 9, 12, 31), "decade"
        )
    if unit == "CE":
        century = (day.year - 1) // 100
        return century_reading(century)
    raise ValueError(f"unknown unit {unit!r}")


def year_reading(year: int) -> Resolved:
    return Resolved(f"{year:04d}", dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def century_reading(century: int) -> Resolved:
    """Century by TimeML value: ``19`` is the 20th century (1901–2000 ≈ 1900–1999)."""
    first = max(century * 100, 1)
    return Resolved(f"{century:02d}", dt.date(first, 1, 1), dt.date(century * 100 + 99, 12, 31), "unknown")


def season_reading(year: int, code: str, first_month: int) -> Resolved:
    """Meteorological season of ``year`` (winter YYYY = December YYYY to February YYYY+1)."""
    start = dt.date(year, first_month, 1)
    end = add_months(start, 2)
    return Resolved(f"{year:04d}-{code}", start, month_end(end.year, end.month), "season")


def easter(year: int) -> dt.date:
    """Easter Sunday (Gregorian calendar, anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def narrow(reading: Resolved, part: tuple[float, float]) -> Resolved:
    """Anfang/Mitte/Ende: keep the fraction ``part`` of the interval (value unchanged)."""
    if reading.start is None or reading.end is None:
        return reading
    days = (reading.end - reading.start).days + 1
    start = reading.start + dt.timedelta(days=int(days * part[0]))
    end = reading.start + dt.timedelta(days=max(int(days * part[1]) - 1, 0))
    return Resolved(reading.value, start, max(start, end), reading.precision)


def generalize(first: str, second: str) -> str:
    """A value covering two readings: parts that differ are written as X.

    When only the year differs the rest is kept (``1999-07-04`` / ``2000-07-04`` ->
    ``XXXX-07-04``); otherwise everything from the first difference on becomes X
    (``2022-06-30`` / ``2022-07-30`` -> ``2022-XX-XX``).
    """
    if first == second:
        return first
    left, right = first.split("-"), second.split("-")
    if len(left) != len(right):
        return "XXXX"
    differ = [a != b for a, b in zip(left, right, strict=True)]
    if differ.index(True) > 0 or any(differ[1:]):
        cut = differ.index(True)
        return "-".join(left[:cut] + [_blank(part) for part in left[cut:]])
    return "-".join([_blank(left[0]), *left[1:]])


def _blank(part: str) -> str:
    head, sep, tail = part.partition("T")
    blanked = "W" + "X" * (len(head) - 1) if head.startswith("W") else "X" * len(head)
    return blanked + sep + tail
