"""Visits: delegations coming or going, with their institutions, members, logistics and gifts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import Row, func, select

from organizer.domain.changes import ChangeSet, Snapshot
from organizer.domain.enums import (
    GiftDirection,
    ParticipantRole,
    RecordKind,
    Side,
    VisitDirection,
    VisitStatus,
    parse_enum,
)
from organizer.domain.fields import GIFT, VISIT
from organizer.domain.records import (
    GiftData,
    Logistics,
    ParticipantData,
    VisitData,
    VisitDetail,
    VisitInstitutionData,
    VisitRow,
    VisitSide,
)
from organizer.domain.variants import from_mapping, shown
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
from organizer.services.agreements import agreement_rows
from organizer.services.followups import followup_rows
from organizer.services.meetings import check_participants, meeting_rows, participant_order, participant_views
from organizer.services.meetings import snapshot as meeting_snapshot
from organizer.services.programme import programme_rows
from organizer.services.programme import snapshot as programme_snapshot
from organizer.services.shown import lookup
from organizer.store import schema as s
from organizer.store.lazy import models as m

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from organizer.store.database import Database

KIND = RecordKind.VISIT
MAX_PRECEDENCE = 1_000_000
"""Highest rank in a delegation's order of precedence (the number is stored as a 32-bit integer)."""


def check_visit(session: Session, data: VisitData, checker: Checker) -> CheckedRecord:
    """Apply every rule for a visit to ``data``; problems go to ``checker`` (call ``checker.check()``)."""
    lg = data.logistics
    columns: dict[str, Any] = {
        "title": checker.text("title", data.title, required=True),
        "direction": parse_enum(VisitDirection, data.direction, "direction").value,
        "status": parse_enum(VisitStatus, data.status, "status").value,
        "start_date": data.start_date,
        "end_date": data.end_date,
        "place": checker.text("place", data.place),
        "purpose": checker.long_text("purpose", data.purpose),
        "summary": checker.long_text("summary", data.summary),
        "desired_outcomes": checker.long_text("desired_outcomes", data.desired_outcomes),
        "key_messages": checker.long_text("key_messages", data.key_messages),
        "sensitivities": checker.long_text("sensitivities", data.sensitivities),
        "arrival_at": lg.arrival_at,
        "departure_at": lg.departure_at,
        "arrival_details": checker.long_text("logistics.arrival_details", lg.arrival_details),
        "departure_details": checker.long_text("logistics.departure_details", lg.departure_details),
        "lodging": checker.long_text("logistics.lodging", lg.lodging),
        "transport": checker.long_text("logistics.transport", lg.transport),
        "interpreter_needs": checker.long_text("logistics.interpreter_needs", lg.interpreter_needs),
        "dietary_needs": checker.long_text("logistics.dietary_needs", lg.dietary_needs),
        **checker.variants(VISIT, data.variants),
    }
    checker.date_order("end_date", data.start_date, data.end_date)
    checker.date_order("logistics.departure_at", lg.arrival_at, lg.departure_at, what="arrival")

    institutions = []
    seen_inst: set[int] = set()
    for i, vi in enumerate(data.institutions):
        field = f"institutions[{i}]"
        require_exists(session, m.Institution, vi.institution_id, f"{field}.institution_id", RecordKind.INSTITUTION,
                       checker)
        if vi.institution_id in seen_inst:
            checker.add(f"{field}.institution_id", f"institution {vi.institution_id} is listed twice",
                        "listed_twice", kind="institution", id=vi.institution_id)
        seen_inst.add(vi.institution_id)
        institutions.append({"institution_id": vi.institution_id,
                             "side": parse_enum(Side, vi.side, f"{field}.side").value})
    participants = check_participants(session, data.participants, checker, ranks_up_to=MAX_PRECEDENCE)
    gifts = []
    for i, g in enumerate(data.gifts):
        field = f"gifts[{i}]"
        require_exists(session, m.Person, g.person_id, f"{field}.person_id", RecordKind.PERSON, checker)
        gifts.append({"direction": parse_enum(GiftDirection, g.direction, f"{field}.direction").value,
                      "description": checker.text(f"{field}.description", g.description, required=True,
                                                  limit=10_000, single_line=False),
                      "person_id": g.person_id, **checker.variants(GIFT, g.variants, f"{field}.")})
    topics = topics_by_name(session, data.topics, checker)
    return CheckedRecord(columns, {"visit_institution": institutions, "visit_participant": participants,
                                   "gift": gifts}, topics)


def _apply(session: Session, obj: m.Visit, data: VisitData, checker: Checker) -> None:
    checked = check_visit(session, data, checker)
    checker.check()
    for key, value in checked.columns.items():
        setattr(obj, key, value)
    children = checked.children
    replace_children(session, obj, "institutions", [m.VisitInstitution(**v) for v in children["visit_institution"]],
                     fields=("institution_id", "side"), key=("institution_id",), pair_leftovers=False)
    replace_children(session, obj, "participants", [m.VisitParticipant(**v) for v in children["visit_participant"]],
                     fields=("person_id", "side", "role", "precedence"), key=("person_id",), pair_leftovers=False)
    replace_children(session, obj, "gifts", [m.Gift(**v) for v in children["gift"]],
                     fields=("direction", "description", "person_id"), carried=("variants",))
    obj.topics = checked.topics


def _snapshot(session: Session, obj: m.Visit) -> Snapshot:
    meetings = session.scalars(select(m.Meeting).where(m.Meeting.visit_id == obj.id).order_by(m.Meeting.id))
    items = session.scalars(select(m.ProgrammeItem).where(m.ProgrammeItem.visit_id == obj.id)
                            .order_by(m.ProgrammeItem.id))
    return Snapshot(RecordKind.VISIT, obj.id, to_data(obj),
                    dependents=(*(meeting_snapshot(session, meeting) for meeting in meetings),
                                *(programme_snapshot(session, item) for item in items)),
                    links=links_to(session, obj.id, m.FollowUp.visit_id, m.Agreement.visit_id))


WRITES: Writes[m.Visit, VisitData, VisitDetail] = Writes(
    KIND, lambda: m.Visit, lambda data: f"visit {data.title!r}", _apply, lambda db, ident: get_visit(db, ident),
    snapshot=_snapshot)
"""A visit's create, update and delete (``_records.Writes``)."""


def create_in(session: Session, data: VisitData, *, flush: bool = True, ident: int | None = None) -> m.Visit:
    return WRITES.create_in(session, data, flush=flush, ident=ident)


def create_visit(db: Database, data: VisitData) -> VisitDetail:
    return WRITES.create(db, data)


def update_visit(db: Database, ident: int, data: VisitData, expected_version: int | None = None) -> VisitDetail:
    return WRITES.update(db, ident, data, expected_version)


def delete_visit(db: Database, ident: int, expected_version: int | None = None) -> ChangeSet:
    """Delete a visit with its meetings and programme items; its follow-ups and agreements stay, unlinked.

    The change set's snapshot restores the visit, its meetings, its programme items and those links.
    """
    return WRITES.delete(db, ident, expected_version)


def get_visit(db: Database, ident: int) -> VisitDetail:
    """The visit with its institutions, participants, topics, gifts, meetings, programme items, follow-ups and
    agreements: twelve statements, whatever its size."""
    v, vi, i, g = s.visit.c, s.visit_institution.c, s.institution.c, s.gift.c
    with db.read_connection() as conn:
        row = stored_row(conn, select(s.visit).where(v.id == ident), ident, KIND)
        institutions = conn.execute(select(vi.institution_id, vi.side, i.name)
                                    .join(s.institution, i.id == vi.institution_id)
                                    .where(vi.visit_id == ident).order_by(vi.id)).all()
        views = participant_views(conn, s.visit_participant, s.visit_participant.c.visit_id == ident)
        topics = conn.scalars(select(s.topic.c.name).join(s.visit_topic).where(s.visit_topic.c.visit_id == ident)
                              .order_by(s.topic.c.name))
        gifts = conn.execute(select(g.direction, g.description, g.person_id, g.variants).where(g.visit_id == ident)
                             .order_by(g.id)).all()
        side_order = {Side.GUEST: 0, Side.HOST: 1}
        name = lookup(conn, [(RecordKind.INSTITUTION, r.institution_id) for r in institutions])
        return VisitDetail(
            meta=meta_of(row),
            data=_data(row, institutions, views, topics, gifts),
            institutions=tuple(sorted((VisitSide(r.institution_id,
                                                 name(RecordKind.INSTITUTION, r.institution_id, r.name) or r.name,
                                                 Side(r.side)) for r in institutions),
                                      key=lambda t: (side_order[t.side], t.name.casefold()))),
            participants=tuple(sorted(views, key=participant_order)),
            meetings=tuple(meeting_rows(conn, ident)),
            followups=tuple(followup_rows(conn, s.followup.c.visit_id == ident)),
            agreements=tuple(agreement_rows(conn, s.agreement.c.visit_id == ident)),
            programme=tuple(programme_rows(conn, s.programme_item.c.visit_id == ident)),
        )


def list_visits(db: Database) -> list[VisitRow]:
    """Newest first; undated visits last."""
    v, mt = s.visit.c, s.meeting.c
    counts = select(mt.visit_id, func.count().label("n")).group_by(mt.visit_id).subquery()
    q = (
        select(v.id, v.title, v.direction, v.start_date, v.end_date, v.place, v.status, func.coalesce(counts.c.n, 0),
               v.variants)
        .outerjoin(counts, counts.c.visit_id == v.id)
        .order_by(v.start_date.is_(None), v.start_date.desc(), v.id.desc())
    )
    with db.read_connection() as conn:  # title and place in the display language (domain.variants), if set
        return [
            VisitRow(id=ident, title=shown(title, stored, "title"), direction=VisitDirection(direction),
                     start_date=start, end_date=end, place=shown(place, stored, "place"), status=VisitStatus(status),
                     meeting_count=n)
            for ident, title, direction, start, end, place, status, n, stored in conn.execute(q)
        ]


def to_data(obj: m.Visit) -> VisitData:
    return _data(obj, obj.institutions, obj.participants, (topic.name for topic in obj.topics), obj.gifts)


def _data(obj: m.Visit | Row[Any], institutions: Iterable[Any], participants: Iterable[Any], topics: Iterable[str],
          gifts: Iterable[Any]) -> VisitData:
    """The visit's values from its object or row and its child rows or objects (institutions with
    ``institution_id`` and ``side``; participants with ``person_id``, ``side``, ``role``, ``precedence``;
    gifts with ``direction``, ``description``, ``person_id``)."""
    return VisitData(
        title=obj.title, direction=VisitDirection(obj.direction), start_date=obj.start_date,
        end_date=obj.end_date, place=obj.place, purpose=obj.purpose, status=VisitStatus(obj.status),
        institutions=tuple(VisitInstitutionData(vi.institution_id, Side(vi.side)) for vi in institutions),
        participants=tuple(ParticipantData(p.person_id, Side(p.side), ParticipantRole(p.role), p.precedence)
                           for p in participants),
        topics=tuple(topics),
        logistics=Logistics(
            arrival_at=obj.arrival_at, arrival_details=obj.arrival_details, departure_at=obj.departure_at,
            departure_details=obj.departure_details, lodging=obj.lodging, transport=obj.transport,
            interpreter_needs=obj.interpreter_needs, dietary_needs=obj.dietary_needs,
        ),
        gifts=tuple(GiftData(GiftDirection(g.direction), g.description, g.person_id, from_mapping(g.variants))
                    for g in gifts),
        summary=obj.summary, uid=obj.uid, variants=from_mapping(obj.variants),
        desired_outcomes=obj.desired_outcomes, key_messages=obj.key_messages, sensitivities=obj.sensitivities,
    )
