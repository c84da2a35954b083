"""Plain-text formatting shared by the item models and the detail panes: dates, periods, enum labels.

Month names are fixed English abbreviations rather than ``strftime("%b")``: Qt sets the C locale from
the environment at start-up, and a list that switches language with the user's locale would be mixed.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DASH = "–"


def enum_label(value: StrEnum) -> str:
    """``head_of_delegation`` -> ``Head of delegation``."""
    text = str(value.value).replace("_", " ")
    return text[:1].upper() + text[1:]


def fmt_date(value: date | None) -> str:
    """``11 Mar 2025``, or an empty string for no date."""
    if value is None:
        return ""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def sort_date(value: date | None) -> str:
    """A key that sorts dates in order and missing dates last."""
    return value.isoformat() if value is not None else "9999"


def fmt_date_range(start: date | None, end: date | None) -> str:
    """``11–12 Mar 2025``, ``30 Mar – 2 Apr 2025``, ``since 11 Mar 2025``, ``until ...`` or ``""``."""
    if start is None and end is None:
        return ""
    if start is None:
        return f"until {fmt_date(end)}"
    if end is None or end == start:
        return fmt_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}{DASH}{fmt_date(end)}"
    if start.year == end.year:
        return f"{start.day} {_MONTHS[start.month - 1]} {DASH} {fmt_date(end)}"
    return f"{fmt_date(start)} {DASH} {fmt_date(end)}"


def fmt_period(start: date | None, end: date | None) -> str:
    """The period a position was held (``since 1 Sep 2019``), or ``""`` when undated."""
    if end is None:
        return f"since {fmt_date(start)}" if start is not None else ""
    return fmt_date_range(start, end)


def fmt_time_span(start: datetime | None, end: datetime | None) -> str:
    """``Tue 11 Mar 2025, 10:00–11:15``; the end date is repeated only if it differs."""
    if start is None:
        return "(time not set)"
    text = f"{_WEEKDAYS[start.weekday()]} {fmt_date(start.date())}, {start:%H:%M}"
    if end is None:
        return text
    if end.date() == start.date():
        return f"{text}{DASH}{end:%H:%M}"
    return f"{text} {DASH} {fmt_date(end.date())}, {end:%H:%M}"


def plural(count: int, one: str, many: str | None = None) -> str:
    """``1 visit``, ``3 visits``, ``2 people`` (with ``many`` given)."""
    return f"{count:,} {one if count == 1 else (many or one + 's')}"
