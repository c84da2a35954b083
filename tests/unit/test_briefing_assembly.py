"""Briefing assembly: positions at the time of the visit, history, institutions, follow-ups, lookup."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import event

from organizer.domain.enums import FollowUpStatus, ParticipantRole, Side
from organizer.domain.errors import AmbiguousError, NotFoundError
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
from organizer.services import briefing, followups, institutions, meetings, people, visits
from organizer.store import Database


def test_demo_visit_briefing(demo_db: Database) -> None:
    vid = briefing.resolve_visit(demo_db, "uzkhimyosanoat")
    b = briefing.visit_briefing(demo_db, vid)
    assert [p.full_name for p in b.guests] == ["Evgeny Korzhikov", "Abduhomid Salomov"]
    assert [p.precedence for p in b.hosts] == [1, 2, 3, 4]
    assert b.guests[0].role is ParticipantRole.HEAD_OF_DELEGATION
    # a one-language document shows the other spellings in the reader's script only
    assert [v.name for v in b.guests[0].name_variants] == ["Yevgeniy Korjikov"]
    ru = briefing.visit_briefing(demo_db, vid, lang="ru")
    assert [p.full_name for p in ru.guests] == ["Коржиков Евгений", "Саломов Абдухомид"]
    assert [v.name for v in ru.guests[1].name_variants] == ["Абдуҳомид Саломов"]
    assert b.issuing_office == "Kazan Federal University"
    starts = [m.starts_at for m in b.meetings]
    assert starts == sorted(starts) and len(starts) == 4
    butlerov = next(i for i in b.institutions if "Butlerov" in i.name)
    assert butlerov.path == ("Kazan Federal University", butlerov.name)
    names = [i.name for i in b.institutions]
    assert names.index("Kazan Federal University") < names.index(butlerov.name)
    assert any("Technopark" in n for n in names)  # a participant's own institution is involved too
    assert {f.status for f in b.open_followups} == {FollowUpStatus.OPEN} and b.open_followups
    assert len(b.agreed) == 3


def _setup(db: Database) -> tuple[int, int, int]:
    uni = institutions.create_institution(db, InstitutionData(name="Uni")).meta.id
    lab = institutions.create_institution(db, InstitutionData(name="Lab", parent_id=uni)).meta.id
    alice = people.create_person(db, PersonData(given_name="Alice", family_name="Smith", positions=(
        PositionData("Dean", lab, date(2019, 1, 1), date(2022, 12, 31)),
        PositionData("Rector", uni, date(2023, 1, 1), current=True),
    ))).meta.id
    return uni, lab, alice


def test_position_at_the_time_of_the_visit_and_history(db: Database) -> None:
    uni, lab, alice = _setup(db)
    old = visits.create_visit(db, VisitData(title="Old visit", start_date=date(2021, 5, 1), summary="Signed MoU",
                                            institutions=(VisitInstitutionData(uni, Side.HOST),),
                                            participants=(ParticipantData(alice, Side.HOST),))).meta.id
    meetings.create_meeting(db, MeetingData(title="Old talk", visit_id=old, starts_at=datetime(2021, 5, 1, 10),
                                            outcomes="Agreed on a lab exchange",
                                            participants=(MeetingParticipantData(alice, Side.HOST),)))
    new = visits.create_visit(db, VisitData(title="New visit", start_date=date(2022, 6, 1),
                                            participants=(ParticipantData(alice, Side.GUEST),))).meta.id
    later = visits.create_visit(db, VisitData(title="Later visit", start_date=date(2024, 6, 1),
                                              participants=(ParticipantData(alice, Side.GUEST),))).meta.id
    followups.create_followup(db, FollowUpData("Send the report", owner_person_id=alice, visit_id=old))
    followups.create_followup(db, FollowUpData("Done already", owner_person_id=alice,
                                               status=FollowUpStatus.DONE))

    b = briefing.visit_briefing(db, new)
    person = b.guests[0]
    assert (person.title, person.institution) == ("Dean", "Lab")  # held in 2022, not today's "Rector"
    assert [(e.kind, e.title, e.outcomes) for e in person.history] == [
        ("visit", "Old visit", "Signed MoU"), ("meeting", "Old talk", "Agreed on a lab exchange")]
    assert [i.path for i in b.institutions] == [("Uni",), ("Uni", "Lab")]  # the parent comes with the unit
    assert [f.description for f in b.open_followups] == ["Send the report"]
    assert [(e.title, e.outcomes) for e in b.relations] == [("Old visit", "Signed MoU")]  # Uni hosted it

    assert briefing.visit_briefing(db, later).guests[0].title == "Rector"
    dossier = briefing.person_dossier(db, alice)
    assert dossier.person.title == "Rector" and [p.title for p in dossier.positions] == ["Rector", "Dean"]
    assert len(dossier.person.history) == 4 and len(dossier.open_followups) == 1
    inst = briefing.institution_dossier(db, lab)
    assert inst.institution.path == ("Uni", "Lab") and [p.institution for p in inst.people] == ["Alice Smith"]
    assert [u for u in briefing.institution_dossier(db, uni).units] == ["Lab"]


def test_resolve_visit(db: Database) -> None:
    a = visits.create_visit(db, VisitData(title="Visit of the Tashkent delegation")).meta.id
    b = visits.create_visit(db, VisitData(title="Visit of the Kazan delegation")).meta.id
    c = visits.create_visit(db, VisitData(title="Visit")).meta.id
    assert briefing.resolve_visit(db, str(b)) == b
    assert briefing.resolve_visit(db, "TASHKENT") == a
    assert briefing.resolve_visit(db, "visit") == c  # an exact title wins over partial matches
    with pytest.raises(AmbiguousError) as err:
        briefing.resolve_visit(db, "delegation")
    assert [ident for ident, _ in err.value.candidates] == [a, b]
    with pytest.raises(NotFoundError):
        briefing.resolve_visit(db, "Samarkand")
    with pytest.raises(NotFoundError):
        briefing.resolve_visit(db, "999")


def test_query_count_does_not_grow_with_participants(db: Database) -> None:
    uni = institutions.create_institution(db, InstitutionData(name="Uni")).meta.id

    def visit_with(n: int) -> int:
        ids = [people.create_person(db, PersonData(given_name=f"P{n}-{i}", positions=(
            PositionData("Professor", uni, current=True),))).meta.id for i in range(n)]
        vid = visits.create_visit(db, VisitData(title=f"Visit {n}", participants=tuple(
            ParticipantData(p, Side.GUEST, precedence=i + 1) for i, p in enumerate(ids)))).meta.id
        for k in range(3):
            meetings.create_meeting(db, MeetingData(title=f"M{n}-{k}", visit_id=vid, participants=tuple(
                MeetingParticipantData(p, Side.GUEST) for p in ids)))
        return vid

    small, large = visit_with(2), visit_with(12)
    counts = []
    for vid in (small, large):
        statements: list[str] = []

        def listener(*args: object, statements: list[str] = statements) -> None:
            statements.append(str(args[2]))

        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            b = briefing.visit_briefing(db, vid)
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        counts.append(len(statements))
        assert len(b.meetings) == 3
    assert counts[0] == counts[1], counts
