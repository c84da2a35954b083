"""Duplicate a visit (issue 17, bulk entry): next year's visit of the same delegation, or the return visit.

``duplicate_visit(db, ident, start=..., swap_sides=..., title=...)`` creates, in one unit of work, a new
*planned* visit with what a repeat of the visit keeps, and nothing that belongs to the visit as it happened:

Copied
  the title (or the one given), the direction, the place, the purpose and the topics; both delegations'
  institutions and participants with their sides, roles and order of precedence; the logistics texts
  (lodging, transport, interpreting and dietary needs, arrival and departure details); the programme
  skeleton: each meeting's title, kind, venue, room, participants (sides, roles) and topics, and each
  programme item's kind (arrival, transfer, meal...), title, place, transport and escort; with the language
  variants of exactly these texts (``domain.variants``).
Not copied
  the status (the copy is planned), the summary, the desired outcomes, the key messages and the
  sensitivities (written for one visit's preparation and record), meetings' objectives, talking points,
  agenda, notes and outcomes, programme items' notes, follow-ups, agreements, gifts, attachments.

Dates: with ``start`` the copy starts that day and everything dated keeps its offset from the visit's start
in days and its time of day (an arrival the evening before stays the evening before; a two-day visit stays
two days). The offsets are counted from the visit's start date, or, for a visit without one, from its
earliest dated meeting, programme item or arrival. Without ``start`` the copy has no dates: meetings are
kept undated (a time without a date cannot be stored), and programme items, which need a start
(``services.programme``), are not copied: ``DuplicateResult.skipped_items`` says how many, so the caller can
tell the user to give a date.

The title: the original's, with its variants, unless the caller gives another. A marker such as "(copy)"
was weighed and left out: it would be in one language inside a title kept in several (and go into
briefings when nobody edits it), and the copy is told apart in every list by its dates and status. The
window's dialog shows the title in an editable field, prefilled, so the marker the user edits is the title
itself.

A return visit (``swap_sides``): guests become hosts and hosts guests (participants, institutions and
meeting participants), the direction flips (incoming/outgoing), the side-bound roles change with their side
(head of delegation <-> host lead, member <-> host; interpreters, presenters and escorts keep theirs), and
what belongs to the other journey is left out: the place, the logistics and the programme items' escorts
(the escort was one of our hosts, who is now a guest). Arrival, transfers and meals stay: the guests still
come, stay and eat.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from organizer.domain.changes import ChangeSet
from organizer.domain.enums import ParticipantRole, RecordKind, Side, VisitDirection, VisitStatus
from organizer.domain.records import (
    Logistics,
    MeetingData,
    MeetingParticipantData,
    ParticipantData,
    ProgrammeItemData,
    TextVariant,
    VisitData,
    VisitDetail,
    VisitInstitutionData,
)
from organizer.services import meetings, programme, visits
from organizer.services._records import fetch
from organizer.store.lazy import models as m

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from organizer.store.database import Database

VISIT_TEXTS = ("title", "place", "purpose", "logistics.arrival_details", "logistics.departure_details",
               "logistics.lodging", "logistics.transport", "logistics.interpreter_needs", "logistics.dietary_needs")
"""The visit's texts a copy keeps, with their language variants (a return visit keeps only the first three
but ``place``)."""
MEETING_TEXTS = ("title", "room")
ITEM_TEXTS = ("title", "place", "transport")

SWAPPED_SIDE = {Side.GUEST: Side.HOST, Side.HOST: Side.GUEST}
SWAPPED_ROLE = {ParticipantRole.HEAD_OF_DELEGATION: ParticipantRole.HOST_LEAD,
                ParticipantRole.HOST_LEAD: ParticipantRole.HEAD_OF_DELEGATION,
                ParticipantRole.MEMBER: ParticipantRole.HOST, ParticipantRole.HOST: ParticipantRole.MEMBER}
"""A role bound to a side changes with it; interpreters, presenters and escorts keep theirs."""
SWAPPED_DIRECTION = {VisitDirection.INCOMING: VisitDirection.OUTGOING,
                     VisitDirection.OUTGOING: VisitDirection.INCOMING}


@dataclass(frozen=True, slots=True)
class DuplicateResult:
    """The new visit as stored (with its change set) and what could not be copied."""

    visit: VisitDetail
    skipped_items: int = 0
    """Programme items not copied because the copy has no dates (an item needs a start)."""


@dataclass(frozen=True, slots=True)
class _Shift:
    """Moves a date or a moment to the new visit's calendar: the same offset in days from the start, the same
    time of day; everything undated when there is no new start."""

    anchor: date | None
    start: date | None

    @property
    def dated(self) -> bool:
        return self.start is not None

    def day(self, value: date | None) -> date | None:
        if value is None or self.start is None:
            return None
        if self.anchor is None:
            return self.start
        return self.start + (value - self.anchor)

    def moment(self, value: datetime | None) -> datetime | None:
        if value is None or self.start is None or self.anchor is None:
            return None
        return datetime.combine(self.start + (value.date() - self.anchor), value.timetz())


def _kept(variants: Iterable[TextVariant] | None, fields: Iterable[str]) -> tuple[TextVariant, ...]:
    wanted = set(fields)
    return tuple(v for v in variants or () if v.field in wanted)


def _anchor(source: VisitData, meeting_starts: Iterable[datetime | None],
            item_starts: Iterable[datetime | None]) -> date | None:
    """The day the offsets are counted from: the visit's start, else its earliest dated part."""
    if source.start_date is not None:
        return source.start_date
    days = [d.date() for d in (*meeting_starts, *item_starts, source.logistics.arrival_at) if d is not None]
    return min(days) if days else source.end_date


def _side(side: Side, swap: bool) -> Side:
    return SWAPPED_SIDE[side] if swap else side


def _role(role: ParticipantRole, swap: bool) -> ParticipantRole:
    return SWAPPED_ROLE.get(role, role) if swap else role


def _visit_copy(source: VisitData, shift: _Shift, swap: bool, title: str | None) -> VisitData:
    texts = [f for f in VISIT_TEXTS if not (swap and (f == "place" or f.startswith("logistics.")))]
    variants = _kept(source.variants, texts)
    new_title = source.title
    if title is not None and title.strip() != source.title.strip():
        new_title = title
        variants = tuple(v for v in variants if v.field != "title")  # they said the old title in other languages
    lg = source.logistics
    logistics = Logistics() if swap else replace(lg, arrival_at=shift.moment(lg.arrival_at),
                                                 departure_at=shift.moment(lg.departure_at))
    return VisitData(
        title=new_title,
        direction=SWAPPED_DIRECTION[source.direction] if swap else source.direction,
        start_date=shift.day(source.start_date) if source.start_date is not None else shift.start,
        end_date=shift.day(source.end_date),
        place="" if swap else source.place,
        purpose=source.purpose,
        status=VisitStatus.PLANNED,
        institutions=tuple(VisitInstitutionData(i.institution_id, _side(i.side, swap)) for i in source.institutions),
        participants=tuple(ParticipantData(p.person_id, _side(p.side, swap), _role(p.role, swap), p.precedence)
                           for p in source.participants),
        topics=source.topics,
        logistics=logistics,
        variants=variants,
    )


def _meeting_copy(source: MeetingData, visit_id: int, shift: _Shift, swap: bool) -> MeetingData:
    return MeetingData(
        title=source.title, kind=source.kind, visit_id=visit_id, starts_at=shift.moment(source.starts_at),
        ends_at=shift.moment(source.ends_at), venue_institution_id=source.venue_institution_id, room=source.room,
        participants=tuple(MeetingParticipantData(p.person_id, _side(p.side, swap), _role(p.role, swap))
                           for p in source.participants),
        topics=source.topics, variants=_kept(source.variants, MEETING_TEXTS),
    )


def _item_copy(source: ProgrammeItemData, visit_id: int, shift: _Shift, swap: bool) -> ProgrammeItemData:
    return ProgrammeItemData(
        visit_id=visit_id, kind=source.kind, starts_at=shift.moment(source.starts_at),
        ends_at=shift.moment(source.ends_at), title=source.title, place=source.place,
        escort_person_id=None if swap else source.escort_person_id, transport=source.transport,
        variants=_kept(source.variants, ITEM_TEXTS),
    )


def duplicate_in(session: Session, ident: int, *, start: date | None = None, swap_sides: bool = False,
                 title: str | None = None) -> tuple[int, int]:
    """The copy made in the caller's unit of work: (the new visit's id, programme items not copied)."""
    source_obj = fetch(session, m.Visit, ident, RecordKind.VISIT)
    source = visits.to_data(source_obj)
    source_meetings = [meetings.to_data(obj) for obj in session.scalars(
        select(m.Meeting).where(m.Meeting.visit_id == ident)
        .order_by(m.Meeting.starts_at.is_(None), m.Meeting.starts_at, m.Meeting.id))]
    source_items = [programme.to_data(obj) for obj in session.scalars(
        select(m.ProgrammeItem).where(m.ProgrammeItem.visit_id == ident)
        .order_by(m.ProgrammeItem.starts_at, m.ProgrammeItem.id))]
    shift = _Shift(_anchor(source, (x.starts_at for x in source_meetings), (x.starts_at for x in source_items)),
                   start)
    new_id = visits.create_in(session, _visit_copy(source, shift, swap_sides, title)).id
    for meeting in source_meetings:
        meetings.create_in(session, _meeting_copy(meeting, new_id, shift, swap_sides))
    skipped = 0
    for item in source_items:
        copy = _item_copy(item, new_id, shift, swap_sides)
        if copy.starts_at is None:
            skipped += 1
            continue
        programme.create_in(session, copy)
    return new_id, skipped


def duplicate_visit(db: Database, ident: int, *, start: date | None = None, swap_sides: bool = False,
                    title: str | None = None) -> DuplicateResult:
    """A new planned visit copied from visit ``ident`` (see the module docstring for what is copied), in one
    transaction: all of it or, on any error, nothing. ``start``: the copy's first day (None: undated);
    ``swap_sides``: the return visit; ``title``: the copy's title (None: the original's).

    The change set names the new visit and its meetings' and programme items' lists; deleting the new visit
    (``visits.delete_visit``) removes all of it, which is how the window undoes it."""
    with db.unit_of_work() as session:
        new_id, skipped = duplicate_in(session, ident, start=start, swap_sides=swap_sides, title=title)
    detail = visits.get_visit(db, new_id)
    changes = ChangeSet(RecordKind.VISIT, created=(new_id,),
                        also=frozenset({RecordKind.MEETING, RecordKind.PROGRAMME_ITEM}))
    return DuplicateResult(replace(detail, changes=changes), skipped)
