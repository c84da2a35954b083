"""Meetings: within a visit or standalone, with participants from both sides."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, select

from organizer.domain.changes import ChangeSet, Link, Snapshot
from organizer.domain.enums import MeetingKind, ParticipantRole, RecordKind, Side, parse_enum
from organizer.domain.errors import NotFoundError
from organizer.domain.records import (
    MeetingData,
    MeetingDetail,
    MeetingParticipantData,
    MeetingPerson,
    MeetingRow,
    ParticipantView,
    compose_full_name,
)
from organizer.services._common import (
    Checker,
    delete_record,
    edited,
    meta_of,
    new_record,
    replace_children,
    require_exists,
    topics_by_name,
)
from organizer.services.followups import followup_rows
from organizer.services.positions import full_name_of, sorted_positions
from organizer.store import schema as s
from organizer.store.lazy import models as m

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from organizer.store.database import Database

KIND = "meeting"


def participant_view(person: m.Person, side: str, role: str, precedence: int = 0) -> ParticipantView:
    current = next(iter(sorted_positions(person.positions)), None)
    return ParticipantView(
        person_id=person.id,
        full_name=full_name_of(person),
        title=current.title if current else None,
        institution=current.institution.name if current else None,
        side=Side(side),
        role=ParticipantRole(role),
        precedence=precedence,
    )


def participant_order(view: ParticipantView) -> tuple[int, int]:
    """Guests before hosts; within a side by precedence (1 first, unranked 0 last).

    Use with a stable sort: ties keep the order the participants were entered in.
    """
    return (0 if view.side is Side.GUEST else 1, view.precedence or 10**6)


def _apply(session: Session, obj: m.Meeting, data: MeetingData, checker: Checker) -> None:
    obj.title = checker.text("title", data.title, required=True)
    obj.kind = parse_enum(MeetingKind, data.kind, "kind").value
    require_exists(session, m.Visit, data.visit_id, "visit_id", "visit", checker)
    obj.visit_id = data.visit_id
    checker.date_order("ends_at", data.starts_at, data.ends_at)
    obj.starts_at = data.starts_at
    obj.ends_at = data.ends_at
    require_exists(session, m.Institution, data.venue_institution_id, "venue_institution_id", "institution",
                   checker)
    obj.venue_institution_id = data.venue_institution_id
    obj.room = checker.text("room", data.room)
    obj.objectives = checker.long_text("objectives", data.objectives)
    obj.talking_points = checker.long_text("talking_points", data.talking_points)
    obj.agenda = checker.long_text("agenda", data.agenda)
    obj.notes = checker.long_text("notes", data.notes)
    obj.outcomes = checker.long_text("outcomes", data.outcomes)
    participants = build_participants(session, data.participants, checker)
    topics = topics_by_name(session, data.topics, checker)
    checker.check()
    replace_children(session, obj, "participants", participants, fields=("person_id", "side", "role"),
                     key=("person_id",), pair_leftovers=False)
    obj.topics = topics


def build_participants(session: Session, items: Sequence[MeetingParticipantData],
                       checker: Checker) -> list[m.MeetingParticipant]:
    seen: set[int] = set()
    out = []
    for i, p in enumerate(items):
        field = f"participants[{i}]"
        require_exists(session, m.Person, p.person_id, f"{field}.person_id", "person", checker)
        if p.person_id in seen:
            checker.add(f"{field}.person_id", f"person {p.person_id} is listed twice", "listed_twice",
                        kind="person", id=p.person_id)
        seen.add(p.person_id)
        out.append(m.MeetingParticipant(
            person_id=p.person_id,
            side=parse_enum(Side, p.side, f"{field}.side").value,
            role=parse_enum(ParticipantRole, p.role, f"{field}.role").value,
        ))
    return out


def create_in(session: Session, data: MeetingData, *, flush: bool = True, ident: int | None = None) -> m.Meeting:
    return new_record(session, m.Meeting, data.uid, f"meeting {data.title!r}",
                      lambda obj, checker: _apply(session, obj, data, checker), flush=flush,
                      ident=ident)


def create_meeting(db: Database, data: MeetingData) -> MeetingDetail:
    with db.unit_of_work() as session:
        ident = create_in(session, data).id
    # read back as stored (collections in their stored order)
    return replace(get_meeting(db, ident), changes=ChangeSet.of_create(RecordKind.MEETING, ident, visit=data.visit_id))


def update_meeting(db: Database, ident: int, data: MeetingData, expected_version: int | None = None) -> MeetingDetail:
    with edited(db, m.Meeting, KIND, ident, expected_version) as (session, obj, checker):
        _apply(session, obj, data, checker)
    return replace(get_meeting(db, ident), changes=ChangeSet.of_update(RecordKind.MEETING, ident, visit=data.visit_id))


def snapshot(session: Session, obj: m.Meeting) -> Snapshot:
    """What restoring a deleted meeting needs (also used when its visit is deleted with it)."""
    followups = session.scalars(select(m.FollowUp.id).where(m.FollowUp.meeting_id == obj.id))
    agreements = session.scalars(select(m.Agreement.id).where(m.Agreement.meeting_id == obj.id))
    return Snapshot(RecordKind.MEETING, obj.id, to_data(obj),
                    links=(*(Link(RecordKind.FOLLOWUP, f, "meeting_id") for f in followups),
                           *(Link(RecordKind.AGREEMENT, a, "meeting_id") for a in agreements)))


def delete_meeting(db: Database, ident: int, expected_version: int | None = None) -> ChangeSet:
    """Delete a meeting; its follow-ups and agreements stay, unlinked. The change set can restore it."""
    changes = delete_record(db, m.Meeting, KIND, ident, expected_version, snapshot=snapshot)
    return replace(changes, also=changes.also | {RecordKind.VISIT})


def _detail_loads() -> tuple[Any, ...]:
    from sqlalchemy.orm import selectinload

    # Participants with their people, positions and institutions in one statement per level, however
    # many participants there are (lazy loads here cost a query per participant and per position).
    return (
        selectinload(m.Meeting.participants).selectinload(m.MeetingParticipant.person)
        .selectinload(m.Person.positions).selectinload(m.Position.institution),
        selectinload(m.Meeting.topics),
    )


def get_meeting(db: Database, ident: int) -> MeetingDetail:
    with db.reader() as session:
        obj = session.scalars(select(m.Meeting).where(m.Meeting.id == ident).options(*_detail_loads())).first()
        if obj is None:
            raise NotFoundError(KIND, ident)
        return _detail(session, obj)


def meeting_rows(conn: Connection, visit_id: int | None = None) -> list[MeetingRow]:
    """Meetings in time order (undated last) with participant names, guests first in entered order.

    Built from plain column queries: a list needs names, not whole people with their positions.
    """
    mt, i, mp, p = s.meeting.c, s.institution.c, s.meeting_participant.c, s.person.c
    q = (
        select(mt.id, mt.title, mt.kind, mt.visit_id, mt.starts_at, mt.ends_at, i.name, mt.room)
        .outerjoin(s.institution, i.id == mt.venue_institution_id)
        .order_by(mt.starts_at.is_(None), mt.starts_at, mt.id)
    )
    if visit_id is not None:
        q = q.where(mt.visit_id == visit_id)
    meetings = conn.execute(q).all()
    people: dict[int, list[MeetingPerson]] = {}
    ids = [r[0] for r in meetings]
    for start in range(0, len(ids), 500):
        parts = conn.execute(
            select(mp.meeting_id, p.id, p.given_name, p.middle_name, p.family_name, p.display_name, mp.side, mp.role)
            .join(s.person, p.id == mp.person_id)
            .where(mp.meeting_id.in_(ids[start:start + 500]))
            .order_by(mp.side != Side.GUEST.value, mp.id)
        )
        for meeting_id, pid, given, middle, family, display, side, role in parts:
            people.setdefault(meeting_id, []).append(MeetingPerson(
                pid, compose_full_name(given, middle, family, display), Side(side), ParticipantRole(role)))
    return [
        MeetingRow(id=ident, title=title, kind=MeetingKind(kind), visit_id=vid, starts_at=starts, ends_at=ends,
                   venue=venue, room=room, participants=tuple(p.full_name for p in people.get(ident, ())),
                   people=tuple(people.get(ident, ())))
        for ident, title, kind, vid, starts, ends, venue, room in meetings
    ]


def list_meetings(db: Database, visit_id: int | None = None) -> list[MeetingRow]:
    with db.read_connection() as conn:
        return meeting_rows(conn, visit_id)


def to_data(obj: m.Meeting) -> MeetingData:
    return MeetingData(
        title=obj.title, kind=MeetingKind(obj.kind), visit_id=obj.visit_id, starts_at=obj.starts_at,
        ends_at=obj.ends_at, venue_institution_id=obj.venue_institution_id, room=obj.room,
        participants=tuple(MeetingParticipantData(p.person_id, Side(p.side), ParticipantRole(p.role))
                           for p in obj.participants),
        objectives=obj.objectives, talking_points=obj.talking_points, agenda=obj.agenda, notes=obj.notes,
        outcomes=obj.outcomes, topics=tuple(t.name for t in obj.topics), uid=obj.uid,
    )


def _detail(session: Session, obj: m.Meeting) -> MeetingDetail:
    views = sorted((participant_view(p.person, p.side, p.role) for p in obj.participants), key=participant_order)
    followups = followup_rows(session.connection(), s.followup.c.meeting_id == obj.id)
    return MeetingDetail(
        meta=meta_of(obj),
        data=to_data(obj),
        visit_title=obj.visit.title if obj.visit else None,
        venue=obj.venue.name if obj.venue else None,
        participants=tuple(views),
        followups=tuple(followups),
    )
