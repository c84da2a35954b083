"""The command line's fast reads (issue 20): ``list visits`` and ``show person`` without SQLAlchemy.

On a SQLite file the rows come through ``store.plain_reads`` on the database's ``plain_reader`` (sqlite3,
SQLAlchemy never imported); on PostgreSQL the same calls take the services' road (``services.visits``,
``services.people``). Both give the same domain values (``tests/unit/test_plain_cli_reads.py``).

This module imports nothing but the domain and ``store.plain_reads`` at its top, so the CLI may import it
on its fast path; the services it falls back to are imported only when used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from organizer.store import plain_reads

if TYPE_CHECKING:
    from organizer.domain.records import PersonDetail, PersonHistory
    from organizer.domain.rows import VisitRow
    from organizer.store.database import Database


def list_visits(db: Database) -> list[VisitRow]:
    """The visits as ``services.visits.list_visits`` lists them (newest first, undated last)."""
    if db.path is not None:  # a SQLite file: read with sqlite3
        with db.plain_reader() as con:
            return plain_reads.list_visits(con)
    from organizer.services import visits

    return visits.list_visits(db)


def person_record(db: Database, ident: int) -> tuple[PersonDetail, PersonHistory]:
    """A person and their history, as ``services.people.person_record`` gives them."""
    if db.path is not None:  # a SQLite file: read with sqlite3
        with db.plain_reader() as con:
            return plain_reads.person_record(con, ident)
    from organizer.services import people

    return people.person_record(db, ident)
