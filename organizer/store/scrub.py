"""Leaving no copy of deleted text in a SQLite file: what an erase (``services.erase``) needs of the store.

SQLite keeps deleted text in three places unless told otherwise:

- the free space of the pages a row was deleted from, and whole pages on the free list: overwritten
  with zeros only when ``PRAGMA secure_delete`` is on. Debian's and most Linux distributions' SQLite
  are built with it on by default, Python's own builds for Windows and macOS are not; ``secure_delete``
  switches it on for the erase's connection whatever the build, and back off afterwards (every other
  write stays as fast as before: zeroing costs extra page writes where rows are deleted, see README
  "Erasing a person" for the measurement);
- space freed by earlier edits: before the erase, the person's name may have been edited, their rows
  moved by page splits, their index segments merged, on a build without secure delete or by another
  program; those old copies sit in free pages and in the unused space of pages still in use.
  ``rewrite_file`` runs ``VACUUM`` after the erase has committed, which rebuilds the file from the
  live rows only (about 1 s for a 92 MB database of 50,000 people here; README "Erasing a person");
- the write-ahead log (``-wal``): every committed page is appended there before it reaches the file,
  and the log is only reused, not cleared, after a checkpoint. ``rewrite_file`` then runs
  ``PRAGMA wal_checkpoint(TRUNCATE)``: the pages go into the file and the log is cut to zero bytes.
  Another program in the middle of a read can keep it from finishing (``BUSY_SECONDS``): the log is
  then reused from its start by later writes, and the caller says so;
- an FTS5 index's old segments (see ``store.search.base``: ``compact``).

On PostgreSQL these functions do nothing: the server manages its files (``search_pg``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy.orm import Session

BUSY_SECONDS = 10.0
"""How long ``empty_wal`` waits for other programs' reads to end."""


def _driver_connection(session: Session) -> Any:
    return session.connection().connection.driver_connection


@contextmanager
def secure_delete(session: Session) -> Iterator[None]:
    """``PRAGMA secure_delete=ON`` on the session's connection for the block (it begins the transaction if
    need be), then the connection's previous setting again. Nothing on other databases."""
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    raw = _driver_connection(session)
    before = int(raw.execute("PRAGMA secure_delete").fetchone()[0])
    raw.execute("PRAGMA secure_delete=ON")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA secure_delete={before}")


def rewrite_file(path: Path | None) -> str | None:
    """``VACUUM`` the SQLite database ``path``, then checkpoint it and truncate its write-ahead log to zero
    bytes (see the module docstring). None when done, else what could not be done, in a few words. ``path``
    None (a server database): nothing to do.

    A connection of its own, with SQLite's default temporary storage (a file, removed at the end), not the
    app's in-memory one: ``VACUUM`` builds the new file there, as large as the database."""
    if path is None:
        return None
    try:
        con = sqlite3.connect(f"file:{quote(str(path.absolute()))}?mode=rw", uri=True, timeout=BUSY_SECONDS,
                              isolation_level=None)
    except sqlite3.Error as err:
        return f"cannot open the database again to compact it ({err})"
    problem = None
    try:
        try:
            con.execute("VACUUM")
        except sqlite3.Error as err:
            problem = (f"the database file was not rewritten ({err}): its freed space may still hold text deleted "
                       "earlier; 'organizer backup --purge-erased' rewrites it later")
        try:
            busy = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        except sqlite3.Error:
            busy = 1
        if busy:
            problem = ("another program is reading the database, so its write-ahead log (-wal) could not be "
                       "emptied and may still hold erased text; later writes reuse it, and "
                       "'organizer backup --purge-erased' empties it when no other program has the database open"
                       + (f"; {problem}" if problem else ""))
    finally:
        con.close()
    return problem
