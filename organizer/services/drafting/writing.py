"""Writing an accepted draft (``write_draft``): one transaction, existing records linked, never duplicated.

Institutions come first, parents before their units; a new person gets their title as a current position at
their institution, an existing person (``existing_id``) gets it only when they do not hold that title there
already. The visit is new unless ``existing_id`` names one: then the people not on it yet join it on their
side, and only the meetings and follow-ups not linked to a stored one are added. (``import --dry-run`` never
comes here: it prints the matched draft.)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from organizer.domain.enums import InstitutionKind, MeetingKind, ParticipantRole, Side, VisitStatus
from organizer.domain.records import (
    FollowUpData,
    InstitutionData,
    MeetingData,
    MeetingParticipantData,
    ParticipantData,
    PersonData,
    PositionData,
    VisitData,
    VisitInstitutionData,
)
from organizer.services import followups, institutions, meetings, people, visits
from organizer.services.drafting.model import Draft, DraftInstitution
from organizer.store.database import Database
from organizer.store.lazy import models as m

KIND_WORDS = (("University", InstitutionKind.UNIVERSITY), ("Institute", InstitutionKind.INSTITUTE),
              ("Faculty", InstitutionKind.FACULTY), ("Department", InstitutionKind.DEPARTMENT),
              ("Laboratory", InstitutionKind.LABORATORY), ("Academy", InstitutionKind.ACADEMY),
              ("Technopark", InstitutionKind.TECHNOPARK), ("Center", InstitutionKind.CENTRE),
              ("Centre", InstitutionKind.CENTRE), ("Ministry", InstitutionKind.GOVERNMENT_BODY),
              ("Agency", InstitutionKind.GOVERNMENT_BODY), ("Government", InstitutionKind.GOVERNMENT_BODY),
              ("JSC", InstitutionKind.COMPANY), ("LLC", InstitutionKind.COMPANY), ("Company", InstitutionKind.COMPANY))


@dataclass
class DraftWritten:
    visit_id: int | None = None
    created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("institution", "person", "position", "visit", "participant", "meeting", "followup"), 0))
    linked: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("institution", "person", "visit", "meeting", "followup"), 0))

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self) -> str:
        made = ", ".join(f"{n} {k}" for k, n in self.created.items() if n) or "nothing"
        kept = ", ".join(f"{n} {k}" for k, n in self.linked.items() if n) or "nothing"
        return f"created {made}; linked to existing {kept}"


def kind_of_institution(name: str) -> InstitutionKind:
    words = name.replace('"', " ").split()
    return next((kind for word, kind in KIND_WORDS if word in words), InstitutionKind.OTHER)


def _parents_first(items: list[DraftInstitution]) -> list[DraftInstitution]:
    by_name = {i.name.casefold(): i for i in items}

    def depth(i: DraftInstitution, seen: int = 0) -> int:
        parent = by_name.get((i.parent or "").casefold())
        return 0 if parent is None or seen > len(items) else 1 + depth(parent, seen + 1)

    return sorted(items, key=depth)


def _name_parts(full_name: str) -> tuple[str, str]:
    given, _, family = full_name.strip().rpartition(" ")
    return given, family


class _Writer:
    def __init__(self, session: Session, draft: Draft, report: DraftWritten) -> None:
        self.session, self.draft, self.report = session, draft, report
        self.institution_ids: dict[str, int] = {}
        self.person_ids: dict[str, int] = {}
        self.add_topics = False
        """A stored visit also takes the draft's topics it lacks (the app's review: each topic was accepted)."""

    def institution_id(self, name: str | None) -> int | None:
        return self.institution_ids.get((name or "").casefold())

    def write_institutions(self) -> None:
        for inst in _parents_first(self.draft.institutions):
            if inst.existing_id is not None:
                self.institution_ids[inst.name.casefold()] = inst.existing_id
                self.report.linked["institution"] += 1
                continue
            obj = institutions.create_in(self.session, InstitutionData(
                inst.name, kind_of_institution(inst.name), parent_id=self.institution_id(inst.parent)))
            self.institution_ids[inst.name.casefold()] = obj.id
            self.report.created["institution"] += 1

    def write_people(self) -> None:
        for person in self.draft.people:
            where = self.institution_id(person.institution)
            position = (PositionData(person.title, where, current=True),) if person.title and where else ()
            if person.existing_id is None:
                given, family = _name_parts(person.full_name)
                obj = people.create_in(self.session, PersonData(given_name=given, family_name=family,
                                                                positions=position))
                self.person_ids[person.full_name] = obj.id
                self.report.created["person"] += 1
                self.report.created["position"] += len(position)
                continue
            self.person_ids[person.full_name] = person.existing_id
            self.report.linked["person"] += 1
            stored = people.details_in(self.session.connection(), [person.existing_id])[0].data
            held = {(p.institution_id, p.title.casefold()) for p in stored.positions}
            if position and (where, person.title.casefold()) not in held:
                new = replace(position[0], current=not any(p.current for p in stored.positions))
                stored_person = self.session.get(m.Person, person.existing_id)
                assert stored_person is not None
                people.update_in(self.session, stored_person, replace(stored, positions=(*stored.positions, new)))
                self.report.created["position"] += 1

    def _participants(self) -> tuple[ParticipantData, ...]:
        out: list[ParticipantData] = []
        for side in (Side.GUEST, Side.HOST):
            chosen = [p for p in self.draft.people if p.side == side.value]
            for n, person in enumerate(chosen, 1):
                role = (ParticipantRole.HEAD_OF_DELEGATION if n == 1 else ParticipantRole.MEMBER) \
                    if side is Side.GUEST else (ParticipantRole.HOST_LEAD if n == 1 else ParticipantRole.HOST)
                out.append(ParticipantData(self.person_ids[person.full_name], side, role, n))
        return tuple(out)

    def _institutions(self) -> tuple[VisitInstitutionData, ...]:
        visit = self.draft.visit
        out = [VisitInstitutionData(i, Side.GUEST) for i in [self.institution_id(visit.guest_institution)] if i]
        out += [VisitInstitutionData(i, Side.HOST) for i in map(self.institution_id, visit.host_institutions) if i]
        return tuple(out)

    def write_visit(self) -> int:
        visit = self.draft.visit
        if visit.existing_id is None:
            start = date.fromisoformat(visit.start_date) if visit.start_date else None
            end = date.fromisoformat(visit.end_date) if visit.end_date else None
            obj = visits.create_in(self.session, VisitData(
                visit.title or "Visit", start_date=start, end_date=end, place=visit.place, purpose=visit.purpose,
                status=VisitStatus.DONE if start is None or start <= date.today() else VisitStatus.PLANNED,
                institutions=self._institutions(), participants=self._participants(), topics=tuple(visit.topics)))
            self.report.created["visit"] += 1
            self.report.created["participant"] += len(obj.participants)
            return obj.id
        self.report.linked["visit"] += 1
        stored_visit = self.session.get(m.Visit, visit.existing_id)
        assert stored_visit is not None
        data = visits.to_data(stored_visit)
        held = {p.person_id for p in data.participants}
        extra = [p for p in self._participants() if p.person_id not in held]
        there = {i.institution_id for i in data.institutions}
        places = [i for i in self._institutions() if i.institution_id not in there]
        known = {t.casefold() for t in data.topics}
        topics = [t for t in dict.fromkeys(visit.topics) if t.casefold() not in known] if self.add_topics else []
        if extra or places or topics:
            visits.WRITES.update_in(self.session, stored_visit, replace(
                data, participants=data.participants + tuple(replace(p, precedence=len(held) + n)
                                                             for n, p in enumerate(extra, 1)),
                institutions=data.institutions + tuple(places), topics=data.topics + tuple(topics)))
            self.report.created["participant"] += len(extra)
        return visit.existing_id

    def write_meetings(self, visit_id: int) -> list[int | None]:
        sides = {p.full_name: Side(p.side) for p in self.draft.people}
        ids: list[int | None] = []
        for meeting in self.draft.meetings:
            if meeting.existing_id is not None:
                self.report.linked["meeting"] += 1
                ids.append(meeting.existing_id)
                continue
            kind = MeetingKind.LAB_TOUR if "laborator" in meeting.title.casefold() else \
                MeetingKind.TOUR if meeting.title.startswith(("Tour", "Visit to")) else MeetingKind.MEETING
            obj = meetings.create_in(self.session, MeetingData(
                meeting.title, kind, visit_id=visit_id, venue_institution_id=self.institution_id(meeting.institution),
                participants=tuple(MeetingParticipantData(self.person_ids[n], sides[n]) for n in meeting.participants
                                   if n in self.person_ids),
                topics=tuple(meeting.topics)))
            self.report.created["meeting"] += 1
            ids.append(obj.id)
        return ids

    def write_followups(self, visit_id: int) -> None:
        for followup in self.draft.followups:
            if followup.existing_id is not None:
                self.report.linked["followup"] += 1
                continue
            followups.create_in(self.session, FollowUpData(followup.description, visit_id=visit_id))
            self.report.created["followup"] += 1


def write_draft(db: Database, draft: Draft, *, add_topics: bool = False) -> DraftWritten:
    """Write the accepted draft in one transaction (see the module docstring); on any error nothing is written.
    ``add_topics``: a stored visit also takes the draft's topics it does not hold yet (a new visit always has
    them)."""

    def attempt(session: Session) -> DraftWritten:
        report = DraftWritten()
        writer = _Writer(session, draft, report)
        writer.add_topics = add_topics
        writer.write_institutions()
        writer.write_people()
        report.visit_id = writer.write_visit()
        writer.write_meetings(report.visit_id)
        writer.write_followups(report.visit_id)
        return report

    return db.write(attempt)
