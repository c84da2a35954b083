"""Dates and times as people type them (organizer.domain.dates), one test per accepted form."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from organizer.domain.dates import parse_date, parse_datetime, parse_time

MARCH_11 = date(2025, 3, 11)


@pytest.mark.parametrize("text", [
    "2025-03-11",                     # ISO
    "11.03.2025", "11.3.2025",        # dotted, day first
    "11.03.25",                       # two-digit year: 2000 + YY
    "11/03/2025",                     # slash: DAY first (Russia, Uzbekistan, Europe), never US order
    "11-03-2025",
    "11 мар 2025", "11 МАР 2025",     # Russian short, any case
    "11 марта 2025",                  # Russian genitive
    "11 март 2025",                   # Russian nominative
    "11 марта 2025 г.", "11.03.2025 г.", "11.03.2025г.", "11 мар. 2025",  # as the Russian UI shows it
    "11 Mar 2025", "11 mar. 2025", "11 MARCH 2025",
    "March 11, 2025", "march 11 2025", "Mar 11, 2025",
    "  11.03.2025  ",
])
def test_date_forms_are_read_day_first(text: str) -> None:
    assert parse_date(text) == MARCH_11


@pytest.mark.parametrize(("text", "expected"), [
    ("1 мая 2025", date(2025, 5, 1)), ("1 май 2025", date(2025, 5, 1)), ("May 1, 2025", date(2025, 5, 1)),
    ("3 сентября 2024", date(2024, 9, 3)), ("3 Sept 2024", date(2024, 9, 3)),
    ("31 декабря 2025", date(2025, 12, 31)), ("01/12/2025", date(2025, 12, 1)),
    ("5 ёянв 2025", None),
])
def test_month_names(text: str, expected: date | None) -> None:
    if expected is None:
        with pytest.raises(ValueError):
            parse_date(text)
    else:
        assert parse_date(text) == expected


def test_empty_is_no_date() -> None:
    assert parse_date("") is None
    assert parse_date("   ") is None
    assert parse_datetime(" ") is None


@pytest.mark.parametrize("text", [
    "31.02.2025", "2025-13-01", "2025-02-30", "32.01.2025", "11.13.2025", "завтра", "tomorrow",
    "11 марсель 2025", "11 xyz 2025", "11.03", "2025", "11..03.2025", "11.03/2025", "11.03.202",
    "03/11/2025 extra", "١١.٠٣.٢٠٢٥", "г.", "2025 г.", "11.03 г.",
])
def test_text_that_is_no_date_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("11.03.2025 10:00", datetime(2025, 3, 11, 10, 0)),
    ("11.03.2025 10.00", datetime(2025, 3, 11, 10, 0)),
    ("11.03.2025 9:05", datetime(2025, 3, 11, 9, 5)),
    ("2025-03-11 10:00", datetime(2025, 3, 11, 10, 0)),
    ("2025-03-11T10:00", datetime(2025, 3, 11, 10, 0)),
    ("2025-03-11 10:00:30", datetime(2025, 3, 11, 10, 0, 30)),
    ("11/03/2025 23:59", datetime(2025, 3, 11, 23, 59)),
    ("11 марта 2025 10:00", datetime(2025, 3, 11, 10, 0)),
    ("11.03.2025 г. 10:00", datetime(2025, 3, 11, 10, 0)),
    ("March 11, 2025 10:00", datetime(2025, 3, 11, 10, 0)),
    ("11.03.2025", datetime(2025, 3, 11, 0, 0)),   # a date alone: that day at 00:00
])
def test_datetime_forms(text: str, expected: datetime) -> None:
    assert parse_datetime(text) == expected


@pytest.mark.parametrize("text", [
    "11.03.2025 9:5",      # one-digit minutes: refused as a probable typo
    "11.03.2025 24:00", "11.03.2025 10:60", "11.03.2025 10", "31.02.2025 10:00", "11.03.2025 завтра",
    "завтра 10:00",
])
def test_bad_datetimes_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_datetime(text)


def test_time_alone() -> None:
    assert parse_time("10:00").hour == 10
    with pytest.raises(ValueError):
        parse_time("10:0")
