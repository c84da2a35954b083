"""Follow-ups (action items): what was agreed, who owns it, by when, where it came from."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Connection, Row, select

from organizer.domain.changes import ChangeSet, Snapshot
from organizer.domain.enums import FollowUpStatus, RecordKind, parse_enum
from organizer.domain.fields import FOLLOWUP
from organizer.domain.records import FollowUpData, FollowUpDetail, FollowUpRow, compose_full_name
from organizer.domain.variants import from_mapping
from organizer.domain.variants import shown as shown_text
from organizer.services import shown
from organizer.services._checks import CheckedRecord, Checker
from organizer.services._records import Writes, meta_of, require_exists, stored_row
from organizer.store import schema as s
from organizer.store.lazy import models as m

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from organizer.store.database import Database

KIND = RecordKind.FOLLOWUP


def _with_meeting_visit(session: Session, data: FollowUpData) -> FollowUpData:
    """A follow-up from a meeting of a visit belongs to that visit too (on create and on every edit)."""
    if data.visit_id is None and data.meeting_id is not None:
        meeting = session.get(m.Meeting, data.meeting_id)
        if meeting is not None and meeting.visit_id is not None:
            return replace(data, visit_id=meeting.visit_id)
    return data


def check_followup(session: Session, data: FollowUpData, checker: Checker) -> CheckedRecord:
    """Apply every rule for a follow-up to ``data``; problems go to ``checker`` (call ``checker.check()``)."""
    data = _with_meeting_visit(session, data)
    columns: dict[str, Any] = {
        "description": checker.text("description", data.description, required=True, limit=10_000,
                                    single_line=False),
        "status": parse_enum(FollowUpStatus, data.status, "status").value,
        "due_date": data.due_date,
        "owner_person_id": data.owner_person_id,
        "owner_institution_id": data.owner_institution_id,
        "visit_id": data.visit_id,
        "meeting_id": data.meeting_id,
        "notes": checker.long_text("notes", data.notes),
        # the day it was done belongs to a done follow-up only (reopened: no longer done on that day);
        # the note stays, it is the user's words
        "done_on": data.done_on if FollowUpStatus(data.status) is FollowUpStatus.DONE else None,
        "done_note": checker.long_text("done_note", data.done_note),
        **checker.variants(FOLLOWUP, data.variants),
    }
    require_exists(session, m.Person, data.owner_person_id, "owner_person_id", RecordKind.PERSON, checker)
    require_exists(session, m.Institution, data.owner_institution_id, "owner_institution_id", RecordKind.INSTITUTION,
                   checker)
    require_exists(session, m.Visit, data.visit_id, "visit_id", RecordKind.VISIT, checker)
    require_exists(session, m.Meeting, data.meeting_id, "meeting_id", RecordKind.MEETING, checker)
    if data.meeting_id is not None and data.visit_id is not None:
        meeting = session.get(m.Meeting, data.meeting_id)
        if meeting is not None and meeting.visit_id not in (None, data.visit_id):
            checker.add("meeting_id", f"meeting {data.meeting_id} belongs to another visit ({meeting.visit_id})",
                        "meeting_of_other_visit", meeting=data.meeting_id, visit=meeting.visit_id)
    return CheckedRecord(columns, {}, [])


def _apply(session: Session, obj: m.FollowUp, data: FollowUpData, checker: Checker) -> None:
    checked = check_followup(session, data, checker)
    checker.check()
    for key, value in checked.columns.items():
        setattr(obj, key, value)


def _snapshot(_session: Session, obj: m.FollowUp) -> Snapshot:
    return Snapshot(RecordKind.FOLLOWUP, obj.id, to_data(obj))


WRITES: Writes[m.FollowUp, FollowUpData, FollowUpDetail] = Writes(
    KIND, lambda: m.FollowUp, lambda _data: KIND.word, _apply, lambda db, ident: get_followup(db, ident),
    visit_of=lambda detail: detail.data.visit_id, snapshot=_snapshot,
    also_deleted=frozenset({RecordKind.VISIT, RecordKind.MEETING}))
"""A follow-up's create, update and delete (``_records.Writes``); its visit's view shows each of them."""


def create_in(session: Session, data: FollowUpData, *, flush: bool = True, ident: int | None = None) -> m.FollowUp:
    return WRITES.create_in(session, data, flush=flush, ident=ident)


def create_followup(db: Database, data: FollowUpData) -> FollowUpDetail:
    return WRITES.create(db, data)


def update_followup(db: Database, ident: int, data: FollowUpData,
                    expected_version: int | None = None) -> FollowUpDetail:
    return WRITES.update(db, ident, data, expected_version)


def delete_followup(db: Database, ident: int, expected_version: int | None = None) -> ChangeSet:
    return WRITES.delete(db, ident, expected_version)


def set_status(db: Database, ident: int, status: FollowUpStatus | str,
               expected_version: int | None = None) -> FollowUpDetail:
    """Change the status; a follow-up marked done this way is done today (``mark_done`` takes a day and a note)."""
    if parse_enum(FollowUpStatus, status, "status") is FollowUpStatus.DONE:
        return mark_done(db, ident, expected_version=expected_version)

    def edit(_session: Session, obj: m.FollowUp, _checker: Checker) -> None:
        obj.status = parse_enum(FollowUpStatus, status, "status").value
        obj.done_on = None

    return WRITES.change(db, ident, expected_version, edit)


def done_data(data: FollowUpData, on: date | None = None, note: str | None = None) -> FollowUpData:
    """``data`` marked done on ``on`` (today by default) with ``note`` (None: the note it has)."""
    return replace(data, status=FollowUpStatus.DONE, done_on=on or date.today(),
                   done_note=data.done_note if note is None else note)


def mark_done(db: Database, ident: int, on: date | None = None, note: str | None = None,
              expected_version: int | None = None) -> FollowUpDetail:
    """Mark the follow-up done on ``on`` (today by default), with an optional ``note`` on how it was done."""
    def edit(session: Session, obj: m.FollowUp, checker: Checker) -> None:
        _apply(session, obj, done_data(to_data(obj), on, note), checker)

    return WRITES.change(db, ident, expected_version, edit)


def to_data(obj: m.FollowUp | Row[Any]) -> FollowUpData:
    """The follow-up's values: from the mapped object or from a row of ``s.followup``."""
    return FollowUpData(
        description=obj.description, status=FollowUpStatus(obj.status), due_date=obj.due_date,
        owner_person_id=obj.owner_person_id, owner_institution_id=obj.owner_institution_id,
        visit_id=obj.visit_id, meeting_id=obj.meeting_id, notes=obj.notes, uid=obj.uid,
        done_on=obj.done_on, done_note=obj.done_note or "", variants=from_mapping(obj.variants),
    )


def get_followup(db: Database, ident: int) -> FollowUpDetail:
    with db.read_connection() as conn:
        obj = stored_row(conn, select(s.followup).where(s.followup.c.id == ident), ident, KIND)
        return FollowUpDetail(meta=meta_of(obj), data=to_data(obj),
                              row=followup_rows(conn, s.followup.c.id == ident)[0])


def followup_rows(conn: Connection, *where: ColumnElement[bool]) -> list[FollowUpRow]:
    """Rows of the follow-ups that ``where`` selects, open ones first, then by due date (undated last):
    one statement, owners, visit and meeting joined; with a display language (``domain.variants``) the
    description, owners, visit and meeting in it (a statement or two more)."""
    f, p, i, v, mt = s.followup.c, s.person.c, s.institution.c, s.visit.c, s.meeting.c
    q = (
        select(f.id, f.description, f.status, f.due_date, f.visit_id, f.meeting_id, p.id, p.given_name,
               p.middle_name, p.family_name, p.display_name, i.name, v.title, mt.title, f.done_on, f.done_note,
               f.variants, f.owner_institution_id)
        .select_from(s.followup)
        .outerjoin(s.person, p.id == f.owner_person_id)
        .outerjoin(s.institution, i.id == f.owner_institution_id)
        .outerjoin(s.visit, v.id == f.visit_id)
        .outerjoin(s.meeting, mt.id == f.meeting_id)
        .where(*where)
        .order_by(f.status != "open", f.due_date.is_(None), f.due_date, f.id)
    )
    found = conn.execute(q).all()
    name = shown.lookup(conn, [ref for r in found for ref in (
        (RecordKind.PERSON, r[6]), (RecordKind.INSTITUTION, r.owner_institution_id), (RecordKind.VISIT, r.visit_id),
        (RecordKind.MEETING, r.meeting_id))])
    rows = []
    for (ident, description, status, due, visit_id, meeting_id, person_id, given, middle, family, display,
         institution, visit_title, meeting_title, done_on, done_note, variants, institution_id) in found:
        owners = [name(RecordKind.PERSON, person_id, compose_full_name(given, middle, family, display))
                  if person_id is not None else None, name(RecordKind.INSTITUTION, institution_id, institution)]
        rows.append(FollowUpRow(id=ident, description=shown_text(description, variants, "description"),
                                status=FollowUpStatus(status), due_date=due,
                                owner=" / ".join(o for o in owners if o) or None, visit_id=visit_id,
                                meeting_id=meeting_id, visit_title=name(RecordKind.VISIT, visit_id, visit_title),
                                meeting_title=name(RecordKind.MEETING, meeting_id, meeting_title),
                                done_on=done_on, done_note=shown_text(done_note or "", variants, "done_note"),
                                variants=from_mapping(variants)))
    return rows


def list_followups(db: Database, *, status: FollowUpStatus | str | None = None,
                   visit_id: int | None = None) -> list[FollowUpRow]:
    where = []
    if status is not None:
        where.append(s.followup.c.status == parse_enum(FollowUpStatus, status, "status").value)
    if visit_id is not None:
        where.append(s.followup.c.visit_id == visit_id)
    with db.read_connection() as conn:
        return followup_rows(conn, *where)
