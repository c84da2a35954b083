"""Stored text that is not valid UTF-8 (written by another tool, such as the ``sqlite3`` shell), named by
record and field for the commands that read everything (``search --rebuild``, ``export``).

Reads never fail on such text: every connection decodes it with U+FFFD in place of the bad bytes
(``store/decoding.py``). A ``Watch`` started before the work says afterwards whether any was read, and
where it is stored, so the command can say what it indexed or exported with U+FFFD.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from organizer.store import decoding

if TYPE_CHECKING:
    from organizer.store.database import Database

LIMIT = 20
"""Most records and fields named in one message."""


class Watch:
    """Started before a piece of work; ``found()`` afterwards: where invalid UTF-8 was read meanwhile."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.start = decoding.replaced()

    def found(self) -> list[decoding.InvalidText]:
        """The records and fields holding text that is not UTF-8 (at most ``LIMIT``), if the work read any
        (one read of the text columns, then); else [] at once."""
        if decoding.replaced() == self.start:
            return []
        with self.db.read_connection() as conn:
            return decoding.find_invalid_text(conn, LIMIT)

    def message(self, done: str) -> str | None:
        """"text that is not valid UTF-8 in meeting 1 outcomes: <done> with U+FFFD ...", or None."""
        found = self.found()
        if not found:
            return None
        return (f"text that is not valid UTF-8 in {decoding.describe(found, LIMIT)}: {done} with U+FFFD in place "
                "of the bytes that are not (the stored text is unchanged; edit the record to fix it)")
