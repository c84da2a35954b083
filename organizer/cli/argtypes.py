"""argparse types shared by every command for the numbers a user types: record ids, limits, merge tokens.

Each one accepts a whole number within the database's integer range (ids are 32-bit integers on
PostgreSQL: 1 to 2,147,483,647) and refuses anything else with one short line that quotes at most the
start of what was typed: a 5,000-digit id is neither converted (Python refuses int() on such strings)
nor echoed back whole. Light: imported when the parser is built, before any command runs.
"""

from __future__ import annotations

import argparse

from organizer.cli import safety

MAX_ID = 2**31 - 1
"""The largest record id (a 32-bit integer column on PostgreSQL)."""
_QUOTED = 24


def _quoted(value: str) -> str:
    """The start of ``value`` for an error line, escaped, with its length when it was cut."""
    if len(value) <= _QUOTED:
        return safety.terminal_text(repr(value))
    return safety.terminal_text(repr(value[:_QUOTED])) + f"... ({len(value):,} characters)"


def _whole_number(value: str, what: str, low: int, high: int) -> int:
    text = value.strip()
    digits = text[1:] if text[:1] in "+-" else text
    if not (digits.isascii() and digits.isdigit()):
        raise argparse.ArgumentTypeError(f"not {what}: {_quoted(value)} (a whole number is expected)")
    significant = digits.lstrip("0") or "0"  # int() refuses strings over 4,300 digits: compare lengths first
    number = None if len(significant) > len(str(high)) else int(significant) * (-1 if text[:1] == "-" else 1)
    if number is None or not low <= number <= high:
        raise argparse.ArgumentTypeError(f"not {what}: {_quoted(value)} (from {low:,} to {high:,})")
    return number


def record_id(value: str) -> int:
    """A record id: a whole number from 1 to 2,147,483,647."""
    return _whole_number(value, "a record id", 1, MAX_ID)


def limit(value: str) -> int:
    """A count limit (``--limit N``): a whole number from 1 to 2,147,483,647; the command may allow fewer."""
    return _whole_number(value, "a limit", 1, MAX_ID)


def merge_token(value: str) -> str:
    """A merge token as ``organizer merge`` prints it (a whole number), kept as text for the service."""
    return str(_whole_number(value, "a merge token", 1, MAX_ID))
