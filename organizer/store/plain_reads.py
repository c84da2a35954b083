"""The command line's reads on a SQLite file without SQLAlchemy (issue 20, point 5): ``list visits`` and
``show person`` on a standard-library ``sqlite3`` connection (``Database.plain_reader``).

Each read gives the same domain values as its service (``services.visits.list_visits``,
``services.people.person_record``) from the same rows: SQLite's values turned into the types SQLAlchemy's
SQLite column types give (ISO text -> ``date``/``datetime``, 0/1 -> ``bool``, JSON text decoded, enum text ->
the enum), so ``cli.jsonout`` writes the same bytes from either road. Tests hold the roads equal
(``tests/unit/test_plain_reads.py``). Nothing here imports SQLAlchemy: a process that only reads pays for
neither its import nor its per-row objects. PostgreSQL keeps the services' road.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from functools import cache
from json import loads
from typing import TYPE_CHECKING, Any

from organizer.domain.enums import ParticipantRole, RecordKind, Side, VisitDirection, VisitStatus
from organizer.domain.errors import NotFoundError
from organizer.domain.rows import VisitRow

if TYPE_CHECKING:
    from organizer.domain.records import PersonDetail, PersonHistory
    from organizer.store.people_read import PersonColumns

_VISITS = (
    "SELECT v.id, v.title, v.direction, v.start_date, v.end_date, v.place, v.status, coalesce(c.n, 0) "
    "FROM visit v LEFT OUTER JOIN (SELECT meeting.visit_id AS visit_id, count(*) AS n FROM meeting "
    "GROUP BY meeting.visit_id) c ON c.visit_id = v.id "
    "ORDER BY v.start_date IS NULL, v.start_date DESC, v.id DESC"
)
"""The statement SQLAlchemy renders for ``services.visits.list_visits``."""


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _moment(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def _json(value: str | None) -> Any:
    return None if value is None else loads(value)


def list_visits(con: sqlite3.Connection) -> list[VisitRow]:
    """``services.visits.list_visits``: newest first, undated last, with each visit's meeting count."""
    return [VisitRow(id=ident, title=title, direction=VisitDirection(direction), start_date=_day(start),
                     end_date=_day(end), place=place, status=VisitStatus(status), meeting_count=n)
            for ident, title, direction, start, end, place, status, n in con.execute(_VISITS)]


@cache
def _person_sql() -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """The person's statement (``people_read.PersonColumns``, generic fields included) and where its
    timestamps and JSON columns are. Made on first use: ``list visits`` does not import the person reads."""
    from organizer.store.people_read import PersonColumns

    names = PersonColumns._fields
    return (f"SELECT {', '.join(f'person.{c}' for c in names)} FROM person WHERE person.id = ?",
            tuple(i for i, c in enumerate(names) if c in ("created_at", "updated_at")),
            tuple(i for i, c in enumerate(names) if c in ("languages", "variants")))


_POSITIONS = ("SELECT position.person_id, position.id, position.institution_id, institution.name, position.title, "
              "position.start_date, position.end_date, position.is_current, position.uid, position.variants "
              "FROM position JOIN institution ON institution.id = position.institution_id "
              "WHERE position.person_id = ?")
_VISITS_ATTENDED = ("SELECT visit.id, visit.title, visit.start_date, visit_participant.side, visit_participant.role "
                    "FROM visit JOIN visit_participant ON visit.id = visit_participant.visit_id "
                    "WHERE visit_participant.person_id = ?")
_MEETINGS_ATTENDED = ("SELECT meeting.id, meeting.title, meeting.starts_at, meeting_participant.side, "
                      "meeting_participant.role, meeting.visit_id FROM meeting "
                      "JOIN meeting_participant ON meeting.id = meeting_participant.meeting_id "
                      "WHERE meeting_participant.person_id = ?")


def _person_columns(row: tuple[Any, ...], days: tuple[int, ...], texts: tuple[int, ...]) -> PersonColumns:
    from organizer.store.people_read import PersonColumns

    values = list(row)
    for i in days:
        values[i] = _moment(values[i])
    for i in texts:
        values[i] = _json(values[i])
    return PersonColumns(*values)


def person_record(con: sqlite3.Connection, ident: int) -> tuple[PersonDetail, PersonHistory]:
    """``services.people.person_record``: the person's details and history (visits and meetings attended,
    oldest first), in the caller's read transaction."""
    from organizer.domain.records import AttendanceView, ContactEntry, NameVariant, PersonHistory
    from organizer.store import people_read
    from organizer.store.people_read import PositionColumns

    sql, days, texts = _person_sql()
    row = con.execute(sql, (ident,)).fetchone()
    if row is None:
        raise NotFoundError(RecordKind.PERSON, ident)
    person = _person_columns(row, days, texts)
    one = (ident,)
    names = {ident: [NameVariant(*r) for r in con.execute(
        "SELECT name, script, language FROM person_name WHERE person_id = ? ORDER BY id", one)]}
    emails = {ident: [ContactEntry(*r) for r in con.execute(
        "SELECT address, label FROM person_email WHERE person_id = ? ORDER BY id", one)]}
    phones = {ident: [ContactEntry(*r) for r in con.execute(
        "SELECT number, label FROM person_phone WHERE person_id = ? ORDER BY id", one)]}
    tags = {ident: [t for (t,) in con.execute("SELECT tag FROM person_tag WHERE person_id = ? ORDER BY tag", one)]}
    topics = {ident: [t for (t,) in con.execute(
        "SELECT topic.name FROM person_topic JOIN topic ON topic.id = person_topic.topic_id "
        "WHERE person_topic.person_id = ? ORDER BY topic.name", one)]}
    positions = {ident: [PositionColumns(pid, qid, inst, inst_name, title, _day(start), _day(end), bool(current),
                                         uid, _json(variants))
                         for pid, qid, inst, inst_name, title, start, end, current, uid, variants
                         in con.execute(_POSITIONS, one)]}
    (detail,) = people_read.assemble([person], names, emails, phones, tags, topics, positions)
    attended = [AttendanceView(RecordKind.VISIT, vid, title, _day(start), Side(side), ParticipantRole(role),
                               visit_id=vid)
                for vid, title, start, side, role in con.execute(_VISITS_ATTENDED, one)]
    attended += [AttendanceView(RecordKind.MEETING, mid, title, _day(starts[:10]) if starts else None,
                                Side(side), ParticipantRole(role), visit_id=vid)
                 for mid, title, starts, side, role, vid in con.execute(_MEETINGS_ATTENDED, one)]
    attended.sort(key=lambda a: (a.when or date.min, a.kind != RecordKind.VISIT, a.id))
    history = PersonHistory(person_id=ident, full_name=detail.full_name, positions=detail.positions,
                            attended=tuple(attended))
    return detail, history
