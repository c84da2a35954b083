"""Dates and times as people type them, read without Qt (the editors' date fields use these).

Accepted dates: ISO ``2025-03-11``; ``11.03.2025`` / ``11.03.25``; ``11/03/2025`` and ``11-03-2025``
(always DAY first: our users are in Russia, Uzbekistan and Europe, where 11/03 is the 11th of March);
month names in English or Russian, any case, full, short or genitive: ``11 мар 2025``,
``11 марта 2025 г.``, ``11 Mar 2025``, ``March 11, 2025``. Two-digit years are 2000 + YY.
Times: ``10:00`` or ``10.00`` (hours 0-23, always two-digit minutes: ``9:5`` is refused as a
probable typo). A date-time is a date, a space (or ``T``) and a time: ``11.03.2025 10:00``;
a date alone is that day at 00:00.

``parse_date`` / ``parse_datetime`` return None for empty text and raise ``ValueError`` for text
that is not a value (``31.02.2025``, ``2025-13-01``, ``завтра``).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

_MONTH_WORDS = {
    # every accepted spelling, full and short, so that "марсель" or "mayday" are not months
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    "янв": 1, "январь": 1, "января": 1, "фев": 2, "февр": 2, "февраль": 2, "февраля": 2,
    "мар": 3, "март": 3, "марта": 3, "апр": 4, "апрель": 4, "апреля": 4, "май": 5, "мая": 5,
    "июн": 6, "июнь": 6, "июня": 6, "июл": 7, "июль": 7, "июля": 7, "авг": 8, "август": 8, "августа": 8,
    "сен": 9, "сент": 9, "сентябрь": 9, "сентября": 9, "окт": 10, "октябрь": 10, "октября": 10,
    "ноя": 11, "нояб": 11, "ноябрь": 11, "ноября": 11, "дек": 12, "декабрь": 12, "декабря": 12,
}

_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_NUMERIC = re.compile(r"([0-9]{1,2})([./-])([0-9]{1,2})\2([0-9]{4}|[0-9]{2})")
_DAY_MONTH = re.compile(r"([0-9]{1,2})\.?\s+([^\W\d_]+)\.?,?\s+([0-9]{4})")
_MONTH_DAY = re.compile(r"([^\W\d_]+)\.?\s+([0-9]{1,2}),?\s+([0-9]{4})")
_YEAR_WORD = re.compile(r"(?<=[0-9])\s*г\.?$")
"""The Russian "year" after a date: ``11.03.2025 г.``"""
_TIME = re.compile(r"([0-9]{1,2})[:.]([0-9]{2})(?::([0-9]{2}))?")


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def _month(word: str) -> int:
    try:
        return _MONTH_WORDS[word.casefold().replace("ё", "е")]
    except KeyError:
        raise ValueError(word) from None


def _date(text: str) -> date:
    text = _YEAR_WORD.sub("", text)
    if m := _ISO.fullmatch(text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := _NUMERIC.fullmatch(text):
        return date(_year(m[4]), int(m[3]), int(m[1]))
    if m := _DAY_MONTH.fullmatch(text):
        return date(int(m[3]), _month(m[2]), int(m[1]))
    if m := _MONTH_DAY.fullmatch(text):
        return date(int(m[3]), _month(m[1]), int(m[2]))
    raise ValueError(text)


def parse_date(text: str) -> date | None:
    """The date ``text`` names (forms in the module's docstring); None if empty; ValueError if none."""
    text = " ".join(text.split())
    if not text:
        return None
    return _date(text)


def parse_time(text: str) -> time:
    """``10:00`` or ``10.00`` (two-digit minutes); ValueError otherwise."""
    m = _TIME.fullmatch(text.strip())
    if m is None:
        raise ValueError(text)
    return time(int(m[1]), int(m[2]), int(m[3] or 0))


def parse_datetime(text: str) -> datetime | None:
    """A date and an optional time (``11.03.2025 10:00``, ``2025-03-11T10:00``); None if empty."""
    text = " ".join(text.split())
    if not text:
        return None
    if m := re.fullmatch(r"([0-9]{4}-[0-9]{1,2}-[0-9]{1,2})T(.+)", text):
        return datetime.combine(_date(m[1]), parse_time(m[2]))
    head, _, tail = text.rpartition(" ")
    if head and _TIME.fullmatch(tail):
        return datetime.combine(_date(head), parse_time(tail))
    return datetime.combine(_date(text), time())
