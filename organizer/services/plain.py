"""The command line's fast reads (issue 20): ``list`` and ``show`` without SQLAlchemy.

On a SQLite file the rows come through ``store.plain_reads``, ``store.plain_lists`` and ``store.plain_shows``
on the database's ``plain_reader`` (sqlite3, SQLAlchemy never imported). ``list visits`` and ``show person``
give the services' domain values, and take the services' road on PostgreSQL (``services.visits``,
``services.people``; ``tests/unit/test_plain_cli_reads.py``). The other lists and records
(``list_items``, ``show_item``) give the objects the command line writes (``cli.jsonout``'s) without building
record objects at all; on PostgreSQL (``reads_plainly`` false) the command line takes the services' road
itself (``tests/unit/test_plain_lists.py`` holds both equal). ``list people`` streams through
``services.people`` on either.

This module imports nothing but the domain and ``store.plain_reads`` at its top, so the CLI may import it
on its fast path; the services it falls back to are imported only when used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from organizer.domain.enums import FollowUpStatus, RecordKind, parse_enum
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


def reads_plainly(db: Database) -> bool:
    """Whether ``db`` is a SQLite file, whose lists and records the functions below read with sqlite3 (on
    PostgreSQL the command line takes the services' road and writes their rows through ``cli.jsonout``)."""
    return db.path is not None


def list_items(db: Database, kind: RecordKind, *, visit_id: int | None = None,
               status: str | None = None) -> list[dict[str, Any]]:
    """``organizer list`` of institutions, meetings, follow-ups, agreements or programme items on a SQLite
    file (``reads_plainly``): the objects ``cli.jsonout`` writes of the service's rows
    (``store.plain_lists``). ``status`` (follow-ups) is checked as ``services.followups.list_followups``
    checks it."""
    from organizer.store import plain_lists

    with db.plain_reader() as con:
        if kind is RecordKind.INSTITUTION:
            return plain_lists.list_institutions(con)
        if kind is RecordKind.MEETING:
            return plain_lists.list_meetings(con, visit_id)
        if kind is RecordKind.FOLLOWUP:
            wanted = parse_enum(FollowUpStatus, status, "status").value if status is not None else None
            return plain_lists.list_followups(con, wanted, visit_id)
        if kind is RecordKind.AGREEMENT:
            return plain_lists.agreements(con)
        if kind is RecordKind.PROGRAMME_ITEM:
            return plain_lists.list_programme(con, visit_id)
    raise ValueError(f"no plain list of {kind}")


def show_item(db: Database, kind: RecordKind, ident: int) -> dict[str, Any]:
    """``organizer show`` of an institution, visit, meeting or programme item on a SQLite file
    (``reads_plainly``): the object ``cli.jsonout`` writes of the service's detail (``store.plain_shows``)."""
    from organizer.store import plain_shows

    with db.plain_reader() as con:
        if kind is RecordKind.INSTITUTION:
            return plain_shows.show_institution(con, ident)
        if kind is RecordKind.VISIT:
            return plain_shows.show_visit(con, ident)
        if kind is RecordKind.MEETING:
            return plain_shows.show_meeting(con, ident)
        if kind is RecordKind.PROGRAMME_ITEM:
            return plain_shows.show_programme_item(con, ident)
    raise ValueError(f"no plain record of {kind}")
