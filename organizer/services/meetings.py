"""Meetings: within a visit or standalone, with participants from both sides."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import ColumnElement, Connection, Row, Table, literal, select

from organizer.domain.changes import ChangeSet, Snapshot
from organizer.domain.enums import MeetingKind, ParticipantRole, RecordKind, Side, parse_enum
from organizer.domain.fields import MEETING
from organizer.domain.personnames import shown_name
from organizer.domain.records import (
    MeetingData,
    MeetingDetail,
    MeetingParticipantData,
    MeetingPerson,
    MeetingRow,
    NameVariant,
    ParticipantData,
    ParticipantView,
    TextVariant,
    compose_full_name,
    position_sort_key,
)
from organizer.domain.variants import display_language, from_mapping, shown
from organizer.services._checks import CheckedRecord, Checker
from organizer.services._records import (
    Writes,
    links_to,
    meta_of,
    replace_children,
    require_exists,
    stored_row,
    topics_by_name,
)
from organizer.services.followups import followup_rows
from organizer.services.shown import lookup
from organizer.store import schema as s
from organizer.store.lazy import models as m

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from organizer.store.database import Database

KIND = RecordKind.MEETING


class _Held(NamedTuple):
    """A participant's first position (``key``: its place in ``position_sort_key`` order)."""

    key: tuple[bool, int, int]
    title: str
    institution: str
    variants: tuple[TextVariant, ...] = ()
    institution_id: int | None = None


def participant_views(conn: Connection, link: Table, *owner: ColumnElement[bool]) -> list[ParticipantView]:
    """The people of a participant table (``s.visit_participant``, ``s.meeting_participant``) that
    ``owner`` selects (``link.c.visit_id == 3``), in the order they were entered (sort the views with
    ``participant_order`` to show them), each with the title and institution of their first position
    (current first, then the newest) and their names in other scripts and languages. Two statements,
    however many participants, positions and names."""
    lc, p, pos, i = link.c, s.person.c, s.position.c, s.institution.c
    precedence = lc.precedence if "precedence" in lc else literal(0)
    pn = s.person_name.c
    # Each participant with their names in other scripts and languages joined (a row per name, or one row
    # of NULLs): grouped back by the link row, so the names cost no statement of their own.
    people: dict[int, tuple[Any, ...]] = {}
    names: dict[int, list[NameVariant]] = {}
    for link_id, *columns, name, script, language in conn.execute(
        select(lc.id, lc.person_id, lc.side, lc.role, precedence, p.given_name, p.middle_name, p.family_name,
               p.display_name, p.variants, pn.name, pn.script, pn.language)
        .join(s.person, p.id == lc.person_id).outerjoin(s.person_name, pn.person_id == p.id)
        .where(*owner).order_by(lc.id, pn.id)
    ):
        people.setdefault(link_id, tuple(columns))
        found = names.setdefault(link_id, [])
        if name is not None:
            found.append(NameVariant(name, script, language))
    first: dict[int, _Held] = {}
    for person_id, position_id, title, start, current, institution, stored, institution_id in conn.execute(
        select(pos.person_id, pos.id, pos.title, pos.start_date, pos.is_current, i.name, pos.variants, i.id)
        .join(s.institution, i.id == pos.institution_id)
        .where(pos.person_id.in_(select(lc.person_id).where(*owner)))
    ):
        key = position_sort_key(current, start, position_id)
        if person_id not in first or key < first[person_id].key:
            first[person_id] = _Held(key, title, institution, from_mapping(stored), institution_id)
    institution_name = lookup(conn, [(RecordKind.INSTITUTION, held.institution_id) for held in first.values()])
    views = []
    for link_id, (person_id, side, role, rank, given, middle, family, display, texts) in people.items():
        held = first.get(person_id)
        variants = tuple(names[link_id])
        views.append(ParticipantView(
            person_id=person_id, full_name=shown_name(given, middle, family, display, variants, texts),
            title=shown(held.title, held.variants, "title") if held else None,
            institution=(institution_name(RecordKind.INSTITUTION, held.institution_id, held.institution)
                         if held else None),
            side=Side(side), role=ParticipantRole(role), precedence=rank, given_name=given, middle_name=middle,
            family_name=family, display_name=display, name_variants=variants,
            title_variants=held.variants if held else (),
        ))
    return views


def participant_order(view: ParticipantView) -> tuple[int, int]:
    """Guests before hosts; within a side by precedence (1 first, unranked 0 last).

    Use with a stable sort: ties keep the order the participants were entered in.
    """
    return (0 if view.side is Side.GUEST else 1, view.precedence or 10**6)


def check_meeting(session: Session, data: MeetingData, checker: Checker) -> CheckedRecord:
    """Apply every rule for a meeting to ``data``; problems go to ``checker`` (call ``checker.check()``)."""
    columns: dict[str, Any] = {
        "title": checker.text("title", data.title, required=True),
        "kind": parse_enum(MeetingKind, data.kind, "kind").value,
        "visit_id": data.visit_id,
        "starts_at": data.starts_at,
        "ends_at": data.ends_at,
        "venue_institution_id": data.venue_institution_id,
        "room": checker.text("room", data.room),
        "objectives": checker.long_text("objectives", data.objectives),
        "talking_points": checker.long_text("talking_points", data.talking_points),
        "agenda": checker.long_text("agenda", data.agenda),
        "notes": checker.long_text("notes", data.notes),
        "outcomes": checker.long_text("outcomes", data.outcomes),
        **checker.variants(MEETING, data.variants),
    }
    require_exists(session, m.Visit, data.visit_id, "visit_id", RecordKind.VISIT, checker)
    checker.date_order("ends_at", data.starts_at, data.ends_at)
    require_exists(session, m.Institution, data.venue_institution_id, "venue_institution_id", RecordKind.INSTITUTION,
                   checker)
    participants = check_participants(session, data.participants, checker)
    topics = topics_by_name(session, data.topics, checker)
    return CheckedRecord(columns, {"meeting_participant": participants}, topics)


def _apply(session: Session, obj: m.Meeting, data: MeetingData, checker: Checker) -> None:
    checked = check_meeting(session, data, checker)
    checker.check()
    for key, value in checked.columns.items():
        setattr(obj, key, value)
    participants = [m.MeetingParticipant(**p) for p in checked.children["meeting_participant"]]
    replace_children(session, obj, "participants", participants, fields=("person_id", "side", "role"),
                     key=("person_id",), pair_leftovers=False)
    obj.topics = checked.topics


def check_participants(session: Session, items: Sequence[MeetingParticipantData | ParticipantData],
                       checker: Checker, *, ranks_up_to: int | None = None) -> list[dict[str, Any]]:
    """A meeting's or a visit's participants as stored (person_id, side, role); a person listed twice is a
    problem. ``ranks_up_to`` (a visit's delegation): each has a precedence too, 0 (unranked) or a rank up to it."""
    seen: set[int] = set()
    out = []
    for i, p in enumerate(items):
        field = f"participants[{i}]"
        require_exists(session, m.Person, p.person_id, f"{field}.person_id", RecordKind.PERSON, checker)
        if p.person_id in seen:
            checker.add(f"{field}.person_id", f"person {p.person_id} is listed twice", "listed_twice",
                        kind="person", id=p.person_id)
        seen.add(p.person_id)
        rank: dict[str, int] = {}
        if ranks_up_to is not None and isinstance(p, ParticipantData):
            if not 0 <= p.precedence <= ranks_up_to:
                checker.add(f"{field}.precedence", f"must be 0 (unranked) or a rank up to {ranks_up_to:,}",
                            "precedence", limit=ranks_up_to)
            rank["precedence"] = p.precedence
        out.append({"person_id": p.person_id, "side": parse_enum(Side, p.side, f"{field}.side").value,
                    "role": parse_enum(ParticipantRole, p.role, f"{field}.role").value, **rank})
    return out


def snapshot(session: Session, obj: m.Meeting) -> Snapshot:
    """What restoring a deleted meeting needs (also used when its visit is deleted with it)."""
    return Snapshot(RecordKind.MEETING, obj.id, to_data(obj),
                    links=links_to(session, obj.id, m.FollowUp.meeting_id, m.Agreement.meeting_id))


WRITES: Writes[m.Meeting, MeetingData, MeetingDetail] = Writes(
    KIND, lambda: m.Meeting, lambda data: f"meeting {data.title!r}", _apply,
    lambda db, ident: get_meeting(db, ident), visit_of=lambda detail: detail.data.visit_id, snapshot=snapshot,
    also_deleted=frozenset({RecordKind.VISIT}))
"""A meeting's create, update and delete (``_records.Writes``); its visit's view shows each of them."""


def create_in(session: Session, data: MeetingData, *, flush: bool = True, ident: int | None = None) -> m.Meeting:
    return WRITES.create_in(session, data, flush=flush, ident=ident)


def create_meeting(db: Database, data: MeetingData) -> MeetingDetail:
    return WRITES.create(db, data)


def update_meeting(db: Database, ident: int, data: MeetingData, expected_version: int | None = None) -> MeetingDetail:
    return WRITES.update(db, ident, data, expected_version)


def delete_meeting(db: Database, ident: int, expected_version: int | None = None) -> ChangeSet:
    """Delete a meeting; its follow-ups and agreements stay, unlinked. The change set can restore it."""
    return WRITES.delete(db, ident, expected_version)


def get_meeting(db: Database, ident: int) -> MeetingDetail:
    """The meeting with its participants, topics and follow-ups: five statements, whatever its size."""
    mt, v, i = s.meeting.c, s.visit.c, s.institution.c
    with db.read_connection() as conn:
        row = stored_row(conn, select(s.meeting, v.title.label("visit_title"), i.name.label("venue_name"))
                         .outerjoin(s.visit, v.id == mt.visit_id)
                         .outerjoin(s.institution, i.id == mt.venue_institution_id).where(mt.id == ident), ident, KIND)
        views = participant_views(conn, s.meeting_participant, s.meeting_participant.c.meeting_id == ident)
        topics = conn.scalars(select(s.topic.c.name).join(s.meeting_topic)
                              .where(s.meeting_topic.c.meeting_id == ident).order_by(s.topic.c.name))
        name = lookup(conn, [(RecordKind.VISIT, row.visit_id), (RecordKind.INSTITUTION, row.venue_institution_id)])
        return MeetingDetail(
            meta=meta_of(row),
            data=_data(row, views, topics),
            visit_title=name(RecordKind.VISIT, row.visit_id, row.visit_title),
            venue=name(RecordKind.INSTITUTION, row.venue_institution_id, row.venue_name),
            participants=tuple(sorted(views, key=participant_order)),
            followups=tuple(followup_rows(conn, s.followup.c.meeting_id == ident)),
        )


def meeting_rows(conn: Connection, visit_id: int | None = None) -> list[MeetingRow]:
    """Meetings in time order (undated last) with participant names, guests first in entered order.

    Built from plain column queries: a list needs names, not whole people with their positions.
    """
    mt, i, mp, p = s.meeting.c, s.institution.c, s.meeting_participant.c, s.person.c
    q = (
        select(mt.id, mt.title, mt.kind, mt.visit_id, mt.starts_at, mt.ends_at, i.name, mt.room, mt.variants,
               mt.venue_institution_id)
        .outerjoin(s.institution, i.id == mt.venue_institution_id)
        .order_by(mt.starts_at.is_(None), mt.starts_at, mt.id)
    )
    if visit_id is not None:
        q = q.where(mt.visit_id == visit_id)
    meetings = conn.execute(q).all()
    people: dict[int, list[MeetingPerson]] = {}
    ids = [r.id for r in meetings]
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
    name = lookup(conn, [*((RecordKind.PERSON, mp.person_id) for named in people.values() for mp in named),
                               *((RecordKind.INSTITUTION, r.venue_institution_id) for r in meetings)])
    if display_language() is not None:  # names in the window's language
        people = {k: [mp._replace(full_name=name(RecordKind.PERSON, mp.person_id, mp.full_name) or "") for mp in named]
                  for k, named in people.items()}
    return [
        MeetingRow(id=ident, title=shown(title, stored, "title"), kind=MeetingKind(kind), visit_id=vid,
                   starts_at=starts, ends_at=ends, venue=name(RecordKind.INSTITUTION, venue_id, venue), room=room,
                   participants=tuple(p.full_name for p in people.get(ident, ())),
                   people=tuple(people.get(ident, ())), variants=from_mapping(stored))
        for ident, title, kind, vid, starts, ends, venue, room, stored, venue_id in meetings
    ]


def list_meetings(db: Database, visit_id: int | None = None) -> list[MeetingRow]:
    with db.read_connection() as conn:
        return meeting_rows(conn, visit_id)


def to_data(obj: m.Meeting) -> MeetingData:
    return _data(obj, obj.participants, (topic.name for topic in obj.topics))


def _data(obj: m.Meeting | Row[Any], participants: Iterable[Any], topics: Iterable[str]) -> MeetingData:
    """The meeting's values from its object or row, its participants (anything with ``person_id``, ``side``
    and ``role``: participant objects, ``ParticipantView``) and its topic names."""
    return MeetingData(
        title=obj.title, kind=MeetingKind(obj.kind), visit_id=obj.visit_id, starts_at=obj.starts_at,
        ends_at=obj.ends_at, venue_institution_id=obj.venue_institution_id, room=obj.room,
        participants=tuple(MeetingParticipantData(p.person_id, Side(p.side), ParticipantRole(p.role))
                           for p in participants),
        objectives=obj.objectives, talking_points=obj.talking_points, agenda=obj.agenda, notes=obj.notes,
        outcomes=obj.outcomes, topics=tuple(topics), uid=obj.uid, variants=from_mapping(obj.variants),
    )
