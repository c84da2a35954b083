"""Reads on a SQLite file without SQLAlchemy (issue 20): the command line's ``list visits`` and ``show person``
(point 5), and what the window's people pane shows (point 3: its first detail pane without importing
SQLAlchemy), on a standard-library ``sqlite3`` connection (``Database.plain_reader``).

Each read gives the same domain values as its service (``services.visits.list_visits``,
``services.people.person_record``, ``services.related.open_followups_owned``,
``services.audit.record_history``, ``services.browse.record_ids`` of the people list in its usual order)
from the same rows: SQLite's values turned into the types SQLAlchemy's SQLite column types give (ISO text
-> ``date``/``datetime``, 0/1 -> ``bool``, JSON text decoded, enum text -> the enum), so ``cli.jsonout``
writes the same bytes from either road. Tests hold the roads equal (``tests/unit/test_plain_cli_reads.py``,
``tests/unit/test_plain_pane_reads.py``). Nothing here imports SQLAlchemy: a process that only reads pays
for neither its import nor its per-row objects. PostgreSQL keeps the services' road.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime
from functools import cache
from json import loads
from typing import TYPE_CHECKING, Any

from organizer.domain.enums import FollowUpStatus, ParticipantRole, RecordKind, Side, VisitDirection, VisitStatus
from organizer.domain.errors import NotFoundError
from organizer.domain.rows import VisitRow

if TYPE_CHECKING:
    from organizer.domain.audit import AuditEntryView
    from organizer.domain.person_records import FollowUpRow, PersonDetail, PersonHistory
    from organizer.store.people_read import PersonColumns

Lookup = Callable[[RecordKind, int | None, str | None], str | None]
"""``found(kind, ident, text)``: the record's name or title in the display language, else ``text``."""

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
    from organizer.domain.person_records import AttendanceView, ContactEntry, NameVariant, PersonHistory
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


def person_ids(con: sqlite3.Connection) -> list[int]:
    """Every person id in the people list's usual order (by sort name, then id): ``browse.record_ids``."""
    return [ident for (ident,) in con.execute("SELECT person.id FROM person ORDER BY person.sort_name, person.id")]


_OWNED = ("SELECT f.id, f.description, f.status, f.due_date, f.visit_id, f.meeting_id, p.id, p.given_name, "
          "p.middle_name, p.family_name, p.display_name, i.name, v.title, mt.title, f.done_on, f.done_note, "
          "f.variants, f.owner_institution_id FROM followup f LEFT OUTER JOIN person p ON p.id = f.owner_person_id "
          "LEFT OUTER JOIN institution i ON i.id = f.owner_institution_id LEFT OUTER JOIN visit v ON v.id = f.visit_id "
          "LEFT OUTER JOIN meeting mt ON mt.id = f.meeting_id WHERE f.owner_person_id = ? AND f.status = 'open' "
          "ORDER BY f.status != 'open', f.due_date IS NULL, f.due_date, f.id")
"""``services.followups.followup_rows`` for ``related.open_followups_owned``'s conditions."""


def titles(con: sqlite3.Connection, refs: Iterable[tuple[RecordKind, int | None]]) -> Lookup:
    """``services.shown.lookup`` of people, institutions, visits and meetings: their names and titles in the
    display language (``domain.variants``; none set: the texts as stored, nothing read)."""
    from organizer.domain.variants import display_language, institution_name_in, shown

    lang = display_language()
    found: dict[tuple[RecordKind, int], str] = {}
    by_kind: dict[RecordKind, list[int]] = {}
    for kind, ident in refs if lang is not None else ():
        if ident is not None:
            by_kind.setdefault(kind, []).append(ident)
    for kind, ids in by_kind.items():
        marks, ids = ",".join("?" * len(set(ids))), sorted(set(ids))
        if kind is RecordKind.PERSON:
            from organizer.domain.person_records import NameVariant
            from organizer.domain.personnames import shown_name

            names: dict[int, list[NameVariant]] = {}
            for pid, name, script, language in con.execute(
                    f"SELECT person_id, name, script, language FROM person_name WHERE person_id IN ({marks}) "
                    "ORDER BY id", ids):
                names.setdefault(pid, []).append(NameVariant(name, script, language))
            for pid, given, middle, family, display, texts in con.execute(
                    f"SELECT id, given_name, middle_name, family_name, display_name, variants FROM person "
                    f"WHERE id IN ({marks})", ids):
                found[(kind, pid)] = shown_name(given, middle, family, display, names.get(pid, ()), _json(texts))
        elif kind is RecordKind.INSTITUTION and lang is not None:
            variants: dict[int, list[tuple[str, str, str]]] = {}
            for iid, name, script, language in con.execute(
                    f"SELECT institution_id, name, script, language FROM institution_name "
                    f"WHERE institution_id IN ({marks}) ORDER BY id", ids):
                variants.setdefault(iid, []).append((name, script, language))
            for iid, name in con.execute(f"SELECT id, name FROM institution WHERE id IN ({marks})", ids):
                found[(kind, iid)] = institution_name_in(name, variants.get(iid, ()), lang)
        elif kind in (RecordKind.VISIT, RecordKind.MEETING):
            for ident, text, stored in con.execute(f"SELECT id, title, variants FROM {kind} WHERE id IN ({marks})",
                                                   ids):
                found[(kind, ident)] = shown(text, stored, "title")

    def get(kind: RecordKind, ident: int | None, text: str | None) -> str | None:
        return found.get((kind, ident), text) if ident is not None and text is not None else text

    return get


def topics_shown(con: sqlite3.Connection, names: Sequence[str]) -> tuple[str, ...]:
    """``services.shown.topics_in``: topics named as stored, each by its name in the display language, in the
    order of what is shown; as they are with none set."""
    from organizer.domain.variants import display_language, shown

    if display_language() is None or not names:
        return tuple(names)
    marks = ",".join("?" * len(names))
    found = {name: shown(name, stored, "name")
             for name, stored in con.execute(f"SELECT name, variants FROM topic WHERE name IN ({marks})", list(names))}
    return tuple(sorted((found.get(n, n) for n in names), key=str.casefold))


def shown_history(con: sqlite3.Connection, history: PersonHistory) -> PersonHistory:
    """``services.people._shown_history``: the institutions' names and the visits' and meetings' titles of a
    person's history in the display language."""
    from organizer.domain.variants import display_language

    if display_language() is None:
        return history
    name = titles(con, [*((RecordKind.INSTITUTION, p.institution_id) for p in history.positions),
                        *((a.kind, a.id) for a in history.attended)])
    return replace(history, positions=tuple(
        replace(p, institution_name=name(RecordKind.INSTITUTION, p.institution_id, p.institution_name) or "")
        for p in history.positions), attended=tuple(replace(a, title=name(a.kind, a.id, a.title) or "")
                                                    for a in history.attended))


def open_followups_owned(con: sqlite3.Connection, person_id: int) -> list[FollowUpRow]:
    """``services.related.open_followups_owned``: the open follow-ups a person owns, by due date, their
    description, owners, visit and meeting in the display language."""
    from organizer.domain.person_records import FollowUpRow
    from organizer.domain.rows import compose_full_name
    from organizer.domain.variants import from_mapping
    from organizer.domain.variants import shown as shown_text

    found = con.execute(_OWNED, (person_id,)).fetchall()
    name = titles(con, [ref for r in found for ref in (
        (RecordKind.PERSON, r[6]), (RecordKind.INSTITUTION, r[17]), (RecordKind.VISIT, r[4]),
        (RecordKind.MEETING, r[5]))])
    rows = []
    for (ident, description, status, due, visit_id, meeting_id, owner_id, given, middle, family, display,
         institution, visit_title, meeting_title, done_on, done_note, stored, institution_id) in found:
        variants = _json(stored)
        owners = [name(RecordKind.PERSON, owner_id, compose_full_name(given, middle, family, display))
                  if owner_id is not None else None, name(RecordKind.INSTITUTION, institution_id, institution)]
        rows.append(FollowUpRow(id=ident, description=shown_text(description, variants, "description"),
                                status=FollowUpStatus(status), due_date=_day(due),
                                owner=" / ".join(o for o in owners if o) or None, visit_id=visit_id,
                                meeting_id=meeting_id, visit_title=name(RecordKind.VISIT, visit_id, visit_title),
                                meeting_title=name(RecordKind.MEETING, meeting_id, meeting_title),
                                done_on=_day(done_on), done_note=shown_text(done_note or "", variants, "done_note"),
                                variants=from_mapping(variants)))
    return rows


def record_history(con: sqlite3.Connection, kind: RecordKind, ident: int) -> list[AuditEntryView]:
    """``services.audit.record_history`` of a record of a kind that has one (its own entries and those of the
    records merged into it, oldest first); NotFoundError if it does not exist and never had an entry."""
    from organizer.domain.audit import AuditEntryView

    found, frontier = [ident], [ident]
    while frontier:  # ``services.audit.absorbed_ids``: the records merged into it by merges not undone
        marks = ",".join("?" * len(frontier))
        merged = [i for (i,) in con.execute(
            f"SELECT merged_id FROM merge_record WHERE kind = ? AND kept_id IN ({marks}) AND undone_at IS NULL",
            (str(kind), *frontier))]
        frontier = [i for i in merged if i not in found]
        found.extend(frontier)
    marks = ",".join("?" * len(found))
    rows = con.execute(f"SELECT id, at, user_name, action, kind, record_id, fields, detail FROM audit_entry "
                       f"WHERE kind = ? AND record_id IN ({marks}) ORDER BY at, id", (str(kind), *found)).fetchall()
    table = str(kind)  # each kind's table is named by its value (``store.schema.table``)
    if not rows and con.execute(f"SELECT id FROM {table} WHERE id = ?", (ident,)).fetchone() is None:
        raise NotFoundError(kind, ident)
    entries = [AuditEntryView(i, datetime.fromisoformat(at), user, action, k, record, tuple(_json(fields) or ()),
                              dict(_json(detail) or {}))
               for i, at, user, action, k, record, fields, detail in rows]
    return [e for e in entries if not (e.record_id != ident and e.action == "merge" and "into_id" in e.detail)]
