"""Reads without SQLAlchemy on a SQLite file (issue 20): the command line's ``list`` and ``show``, and the
window's people pane (``person_pane``: the first detail pane shows before SQLAlchemy is imported).

On a SQLite file the rows come through ``store.plain_reads``, ``store.plain_lists`` and ``store.plain_shows``
on the database's ``plain_reader`` (sqlite3, SQLAlchemy never imported). ``list visits`` and ``show person``
give the services' domain values, and take the services' road on PostgreSQL (``services.visits``,
``services.people``; ``tests/unit/test_plain_cli_reads.py``), and so does ``list people``
(``people_listing``: the services' ``PersonListing`` rows, streamed). The other lists and records
(``list_items``, ``show_item``) give the objects the command line writes (``cli.jsonout``'s) without building
record objects at all; on PostgreSQL (``reads_plainly`` false) the command line takes the services' road
itself (``tests/unit/test_plain_lists.py`` holds both equal).

This module imports nothing but the domain and ``store.plain_reads`` at its top, so the CLI may import it
on its fast path; the services it falls back to are imported only when used.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from organizer.domain.enums import FollowUpStatus, RecordKind, parse_enum
from organizer.domain.errors import OrganizerError
from organizer.domain.rows import compose_full_name
from organizer.store import plain_reads

if TYPE_CHECKING:
    from organizer.domain.audit import AuditEntryView
    from organizer.domain.records import FollowUpRow, PersonDetail, PersonHistory, PersonListing
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


def people_listing(db: Database, batch: int = 500) -> Iterator[PersonListing]:
    """Every person as ``services.people.iter_people_listing`` streams them (name order, ``batch`` at a time, one
    read transaction): on a SQLite file with sqlite3 (``store.people_read.plain_listing``)."""
    if db.path is not None:
        from organizer.store import people_read

        with db.plain_reader() as con:
            yield from people_read.plain_listing(con, batch)
        return
    from organizer.services import people

    yield from people.iter_people_listing(db, batch)


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


@dataclass(frozen=True)
class PersonPane:
    """What the people tab's detail pane shows of a person."""

    detail: PersonDetail
    history: PersonHistory
    followups: list[FollowUpRow]
    """The open follow-ups the person owns (``services.related.open_followups_owned``)."""
    entries: list[AuditEntryView] | OrganizerError
    """The person's history of changes (``services.audit.record_history``), or why it could not be read
    (the pane shows the rest, and says so where the history would be)."""


def person_pane(db: Database, ident: int) -> PersonPane:
    """A person as the detail pane shows them: ``get_person`` (its topics by their names in the display
    language: ``shown.pane``), ``person_history``, ``open_followups_owned`` and ``record_history``; on a SQLite
    file in one plain ``sqlite3`` read transaction, with the same texts in the display language
    (NotFoundError if the person is gone)."""
    if db.path is not None:
        with db.plain_reader() as con:
            detail, history = plain_reads.person_record(con, ident)
            # as ``services.people.person_history`` has them: the name as stored, the texts in the display language
            full_name = compose_full_name(detail.data.given_name, detail.data.middle_name, detail.data.family_name,
                                          detail.data.display_name)
            history = plain_reads.shown_history(con, replace(history, full_name=full_name, positions=tuple(
                replace(p, person_name=full_name) for p in history.positions)))
            if detail.data.topics:  # ``services.shown.pane``
                detail = replace(detail, data=replace(detail.data, topics=plain_reads.topics_shown(
                    con, detail.data.topics)))
            followups = plain_reads.open_followups_owned(con, ident)
            entries: list[AuditEntryView] | OrganizerError
            try:
                entries = plain_reads.record_history(con, RecordKind.PERSON, ident)
            except OrganizerError as err:
                entries = err
            except sqlite3.Error as err:  # what the services' road would say of it
                from organizer.store.database import operational_error

                entries = operational_error(err, db.url)
        return PersonPane(detail, history, followups, entries)
    from organizer.services import audit, people, related, shown

    detail = shown.pane(db, people.get_person(db, ident))
    history = people.person_history(db, ident)
    followups = related.open_followups_owned(db, ident)
    try:
        entries = audit.record_history(db, RecordKind.PERSON, ident)
    except OrganizerError as err:
        entries = err
    return PersonPane(detail, history, followups, entries)
