"""Text that is not valid UTF-8 in a SQLite file (written by another tool, such as the ``sqlite3`` shell).

Python's ``sqlite3`` fails a whole read on one such value ("Could not decode to UTF-8 column ..."), so a
single bad byte would stop every listing, export and search rebuild that touches the row. Every connection
of ours decodes text with ``decode``: valid UTF-8 as usual, anything else with U+FFFD in place of the bad
bytes, counted in ``replaced()``. A caller that must say where (``search --rebuild``, ``export``) compares
the count before and after its work and, if it grew, asks ``find_invalid_text`` for the records and fields.
The stored bytes are never changed here.

PostgreSQL checks encodings on input, so this concerns SQLite files only.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the plain reader (store/people_read.py) runs before SQLAlchemy is imported
    from sqlalchemy import Connection

_lock = threading.Lock()
_replaced = 0


def decode(raw: bytes) -> str:
    """A TEXT value as ``str`` (the ``text_factory`` of our connections): invalid UTF-8 gets U+FFFD."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        global _replaced
        with _lock:
            _replaced += 1
        return raw.decode("utf-8", "replace")


def replaced() -> int:
    """How many values this process has read with U+FFFD in place of invalid UTF-8 so far."""
    return _replaced


@dataclass(frozen=True, slots=True)
class InvalidText:
    """One stored value that is not valid UTF-8: its table, the row's id and the column."""

    table: str
    ident: Any
    column: str

    def __str__(self) -> str:
        return f"{self.table} {self.ident} {self.column}"


def find_invalid_text(conn: Connection, limit: int = 100) -> list[InvalidText]:
    """The values of our tables' text columns that are not valid UTF-8 (at most ``limit``), on SQLite.

    Reads every text column as bytes: as long as reading the tables once; callers run it only when
    ``replaced()`` says a bad value was seen."""
    from sqlalchemy import LargeBinary, String, Text, cast, select

    from organizer.store.schema import load_all

    if conn.dialect.name != "sqlite":
        return []
    found: list[InvalidText] = []
    for table in load_all().sorted_tables:
        columns = [c for c in table.columns if isinstance(c.type, String | Text)]
        keys = list(table.primary_key.columns)
        if not columns or not keys:
            continue
        for column in columns:
            query = select(*keys, cast(column, LargeBinary)).where(column.is_not(None))
            for row in conn.execute(query):
                raw = row[-1]
                if isinstance(raw, bytes):
                    try:
                        raw.decode("utf-8")
                    except UnicodeDecodeError:
                        ident = row[0] if len(keys) == 1 else tuple(row[:-1])
                        found.append(InvalidText(table.name, ident, column.name))
                        if len(found) >= limit:
                            return found
    return found


def describe(found: list[InvalidText], limit: int = 100) -> str:
    """``meeting 1 outcomes, person 4 given_name`` (and "and more" at ``limit``)."""
    text = ", ".join(str(f) for f in found)
    return text + (" and more" if len(found) >= limit else "")
