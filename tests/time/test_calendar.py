"""Calendar arithmetic of lagebild.time."""

from __future__ import annotations

import datetime as dt

import pytest

from lagebild.time import calendar as cal


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2022, dt.date(2022, 4, 17)),
        (2023, dt.date(2023, 4, 9)),
        (2024, dt.date(2024, 3, 31)),
        (2038, dt.date(2038, 4, 25)),
    ],
)
def test_easter(year: int, easter: dt.date) -> None:
    assert cal.easter(year) == easter


def test_week_reading_uses_iso_weeks() -> None:
    reading = cal.unit_reading(dt.date(2022, 1, 2), "W")  # a Sunday in ISO week 2021-W52
    assert reading.value == "2021-W52"
    assert reading.start == dt.date(2021, 12, 27) and reading.end == dt.date(2022, 1, 2)


def test_month_shift_clips_to_month_end() -> None:
    assert cal.shift(dt.date(2022, 3, 31), "M", -1) == dt.date(2022, 2, 28)


def test_shift_out_of_range_saturates() -> None:
    assert cal.shift(dt.date(9999, 12, 1), "Y", 5) == cal.MAX_DATE
    assert cal.shift(dt.date(1, 1, 5), "D", -10) == cal.MIN_DATE


def test_winter_spans_the_turn_of_the_year() -> None:
    reading = cal.season_reading(2022, "WI", 12)
    assert reading.start == dt.date(2022, 12, 1) and reading.end == dt.date(2023, 2, 28)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("2022-07-04", "2022-07-04", "2022-07-04"),
        ("2022-06-27", "2022-07-25", "2022-XX-XX"),
        ("1999-07-04", "2000-07-04", "XXXX-07-04"),
        ("2022-W26", "2022-W30", "2022-WXX"),
        ("2021", "2022", "XXXX"),
    ],
)
def test_generalize(first: str, second: str, expected: str) -> None:
    assert cal.generalize(first, second) == expected


def test_narrow_keeps_value_and_stays_inside() -> None:
    month = cal.unit_reading(dt.date(2022, 2, 10), "M")
    for part in ((0.0, 0.34), (0.33, 0.67), (0.66, 1.0)):
        narrowed = cal.narrow(month, part)
        assert narrowed.value == "2022-02"
        assert month.start <= narrowed.start <= narrowed.end <= month.end
