"""Follow-ups (action items): what was agreed, who owns it, by when, where it came from."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from organizer.domain.changes import ChangeSet, Snapshot
from organizer.domain.enums import FollowUpStatus, RecordKind, parse_enum
from organizer.domain.records import FollowUpData, FollowUpDetail, FollowUpRow
from organizer.services._common import Checker, delete_record, edited, fetch, meta_of, new_record, require_exists
from organizer.services.positions import full_name_of
from organizer.store import models as m
from organizer.store.database import Database

KIND = "follow-up"


def _with_meeting_visit(session: Session, data: FollowUpData) -> FollowUpData:
    """A follow-up from a meeting of a visit belongs to that visit too (on create and on every edit)."""
    if data.visit_id is None and data.meeting_id is not None:
        meeting = session.get(m.Meeting, data.meeting_id)
        if meeting is not None and meeting.visit_id is not None:
            return replace(data, visit_id=meeting.visit_id)
    return data


def _apply(session: Session, obj: m.FollowUp, data: FollowUpData, checker: Checker) -> None:
    data = _with_meeting_visit(session, data)
    obj.description = checker.text("description", data.description, required=True, limit=10_000,
                                   single_line=False)
    obj.status = parse_enum(FollowUpStatus, data.status, "status").value
    obj.due_date = data.due_date
    require_exists(session, m.Person, data.owner_person_id, "owner_person_id", "person", checker)
    require_exists(session, m.Institution, data.owner_institution_id, "owner_institution_id", "institution",
                   checker)
    require_exists(session, m.Visit, data.visit_id, "visit_id", "visit", checker)
    require_exists(session, m.Meeting, data.meeting_id, "meeting_id", "meeting", checker)
    if data.meeting_id is not None and data.visit_id is not None:
        meeting = session.get(m.Meeting, data.meeting_id)
        if meeting is not None and meeting.visit_id not in (None, data.visit_id):
            checker.add("meeting_id", f"meeting {data.meeting_id} belongs to another visit ({meeting.visit_id})",
                        "meeting_of_other_visit", meeting=data.meeting_id, visit=meeting.visit_id)
    obj.owner_person_id = data.owner_person_id
    obj.owner_institution_id = data.owner_institution_id
    obj.visit_id = data.visit_id
    obj.meeting_id = data.meeting_id
    obj.notes = checker.long_text("notes", data.notes)
    checker.check()


def create_in(session: Session, data: FollowUpData, *, flush: bool = True, ident: int | None = None) -> m.FollowUp:
    return new_record(session, m.FollowUp, data.uid, "follow-up",
                      lambda obj, checker: _apply(session, obj, data, checker), flush=flush,
                      ident=ident)


def _row_of(session: Session, ident: int) -> FollowUpRow:
    return followup_rows(session, select(m.FollowUp).where(m.FollowUp.id == ident))[0]


def create_followup(db: Database, data: FollowUpData) -> FollowUpDetail:
    with db.unit_of_work() as session:
        ident = create_in(session, data).id
    detail = get_followup(db, ident)
    return replace(detail, changes=ChangeSet.of_create(RecordKind.FOLLOWUP, ident, visit=detail.data.visit_id))


def update_followup(db: Database, ident: int, data: FollowUpData,
                    expected_version: int | None = None) -> FollowUpDetail:
    with edited(db, m.FollowUp, KIND, ident, expected_version) as (session, obj, checker):
        _apply(session, obj, data, checker)
    detail = get_followup(db, ident)
    return replace(detail, changes=ChangeSet.of_update(RecordKind.FOLLOWUP, ident, visit=detail.data.visit_id))


def set_status(db: Database, ident: int, status: FollowUpStatus | str,
               expected_version: int | None = None) -> FollowUpDetail:
    with edited(db, m.FollowUp, KIND, ident, expected_version) as (_session, obj, _checker):
        obj.status = parse_enum(FollowUpStatus, status, "status").value
    detail = get_followup(db, ident)
    return replace(detail, changes=ChangeSet.of_update(RecordKind.FOLLOWUP, ident, visit=detail.data.visit_id))


def _snapshot(_session: Session, obj: m.FollowUp) -> Snapshot:
    return Snapshot(RecordKind.FOLLOWUP, obj.id, to_data(obj))


def delete_followup(db: Database, ident: int, expected_version: int | None = None) -> ChangeSet:
    changes = delete_record(db, m.FollowUp, KIND, ident, expected_version, snapshot=_snapshot)
    return replace(changes, also=changes.also | {RecordKind.VISIT, RecordKind.MEETING})


def to_data(obj: m.FollowUp) -> FollowUpData:
    return FollowUpData(
        description=obj.description, status=FollowUpStatus(obj.status), due_date=obj.due_date,
        owner_person_id=obj.owner_person_id, owner_institution_id=obj.owner_institution_id,
        visit_id=obj.visit_id, meeting_id=obj.meeting_id, notes=obj.notes, uid=obj.uid,
    )


def get_followup(db: Database, ident: int) -> FollowUpDetail:
    with db.reader() as session:
        obj = fetch(session, m.FollowUp, ident, KIND)
        return FollowUpDetail(meta=meta_of(obj), data=to_data(obj), row=_row_of(session, ident))


def followup_rows(session: Session, query: Select[Any]) -> list[FollowUpRow]:
    """Rows for a query over FollowUp, open ones first, then by due date (undated last)."""
    q = query.options(selectinload(m.FollowUp.owner_person), selectinload(m.FollowUp.owner_institution),
                      selectinload(m.FollowUp.visit), selectinload(m.FollowUp.meeting)) \
        .order_by(m.FollowUp.status != "open", m.FollowUp.due_date.is_(None), m.FollowUp.due_date, m.FollowUp.id)
    rows = []
    for f in session.scalars(q):
        owners = [full_name_of(f.owner_person) if f.owner_person else None,
                  f.owner_institution.name if f.owner_institution else None]
        owner = " / ".join(o for o in owners if o) or None
        rows.append(FollowUpRow(id=f.id, description=f.description, status=FollowUpStatus(f.status),
                                due_date=f.due_date, owner=owner, visit_id=f.visit_id, meeting_id=f.meeting_id,
                                visit_title=f.visit.title if f.visit else None,
                                meeting_title=f.meeting.title if f.meeting else None))
    return rows


def list_followups(db: Database, *, status: FollowUpStatus | str | None = None,
                   visit_id: int | None = None) -> list[FollowUpRow]:
    q = select(m.FollowUp)
    if status is not None:
        q = q.where(m.FollowUp.status == parse_enum(FollowUpStatus, status, "status").value)
    if visit_id is not None:
        q = q.where(m.FollowUp.visit_id == visit_id)
    with db.reader() as session:
        return followup_rows(session, q)
