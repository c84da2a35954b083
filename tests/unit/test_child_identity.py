"""Child rows keep their identity across edits; bugs found while reviewing the services stay fixed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from organizer.domain.enums import ParticipantRole, Side
from organizer.domain.errors import ValidationError
from organizer.domain.records import (
    ContactEntry,
    FollowUpData,
    InstitutionData,
    MeetingData,
    NameVariant,
    ParticipantData,
    PersonData,
    PositionData,
    VisitData,
)
from organizer.services import followups, institutions, meetings, people, topics, visits
from organizer.store import Database
from organizer.store import models as m


def _position_ids(db: Database, person_id: int) -> list[tuple[int, str, str]]:
    with db.reader() as s:
        return [(p.id, p.uid, p.title) for p in s.scalars(
            select(m.Position).where(m.Position.person_id == person_id).order_by(m.Position.id))]


def _email_ids(db: Database, person_id: int) -> dict[str, int]:
    with db.reader() as s:
        return {e.address: e.id for e in s.scalars(select(m.PersonEmail).where(m.PersonEmail.person_id == person_id))}


@pytest.fixture
def person(db: Database) -> people.PersonDetail:
    kfu = institutions.create_institution(db, InstitutionData(name="Kazan Federal University")).meta.id
    return people.create_person(db, PersonData(
        given_name="Dmitry", family_name="Tayursky",
        name_variants=(NameVariant("Таюрский Дмитрий", "Cyrl", "ru"),),
        emails=(ContactEntry("a@kpfu.ru", "work"), ContactEntry("b@kpfu.ru"), ContactEntry("c@kpfu.ru")),
        positions=(PositionData("Vice-Rector", kfu, date(2015, 1, 1), date(2020, 1, 1)),
                   PositionData("Rector", kfu, date(2020, 1, 2), current=True)),
    ))


def test_a_notes_only_edit_keeps_every_child_row(db: Database, person: people.PersonDetail) -> None:
    before = _position_ids(db, person.meta.id)
    emails = _email_ids(db, person.meta.id)
    edited = people.update_person(db, person.meta.id, replace(person.data, notes="Prefers tea."),
                                  expected_version=person.meta.version)
    assert _position_ids(db, person.meta.id) == before
    assert _email_ids(db, person.meta.id) == emails
    assert [p.id for p in edited.positions] == [p.id for p in person.positions]
    assert edited.meta.version == person.meta.version + 1


def test_editing_one_email_keeps_the_others(db: Database, person: people.PersonDetail) -> None:
    ids = _email_ids(db, person.meta.id)
    data = replace(person.data, emails=(ContactEntry("a@kpfu.ru", "work"), ContactEntry("bb@kpfu.ru"),
                                        ContactEntry("c@kpfu.ru")))
    people.update_person(db, person.meta.id, data)
    after = _email_ids(db, person.meta.id)
    assert after["a@kpfu.ru"] == ids["a@kpfu.ru"] and after["c@kpfu.ru"] == ids["c@kpfu.ru"]
    assert after["bb@kpfu.ru"] == ids["b@kpfu.ru"], "the edited address is the same row, changed"
    people.update_person(db, person.meta.id, replace(data, emails=data.emails[:1]))
    assert _email_ids(db, person.meta.id) == {"a@kpfu.ru": ids["a@kpfu.ru"]}


def test_the_current_flag_moves_between_kept_positions(db: Database, person: people.PersonDetail) -> None:
    before = _position_ids(db, person.meta.id)
    rector, vice = person.data.positions  # newest first
    moved = people.update_person(db, person.meta.id, replace(person.data, positions=(
        replace(rector, current=False, end_date=date(2024, 1, 1)), replace(vice, end_date=None, current=True))))
    assert _position_ids(db, person.meta.id) == before
    assert [(p.title, p.current) for p in moved.positions] == [("Vice-Rector", True), ("Rector", False)]


def test_a_position_id_from_another_person_is_not_taken_over(db: Database, person: people.PersonDetail) -> None:
    before = _position_ids(db, person.meta.id)
    foreign = person.data.positions[0]
    other = people.create_person(db, PersonData(family_name="Other", positions=(foreign,)))
    assert other.positions[0].id not in {p.id for p in person.positions}
    someone = people.create_person(db, PersonData(family_name="Someone", positions=(
        replace(foreign, title="Dean", current=False, end_date=date(2026, 1, 1)),)))
    people.update_person(db, someone.meta.id, replace(someone.data, positions=(foreign,)))
    assert _position_ids(db, person.meta.id) == before


def test_visit_participants_keep_their_rows_when_others_change(demo_db: Database) -> None:
    visit = visits.get_visit(demo_db, visits.list_visits(demo_db)[0].id)
    with demo_db.reader() as s:
        rows = {p.person_id: p.id for p in s.scalars(
            select(m.VisitParticipant).where(m.VisitParticipant.visit_id == visit.meta.id))}
    first, *rest = visit.data.participants
    newcomer = people.create_person(demo_db, PersonData(family_name="Newcomer")).meta.id
    changed = (*reversed(rest), replace(first, precedence=9, role=ParticipantRole.ESCORT),
               ParticipantData(newcomer, Side.HOST))
    visits.update_visit(demo_db, visit.meta.id, replace(visit.data, participants=changed))
    with demo_db.reader() as s:
        after = {p.person_id: (p.id, p.role) for p in s.scalars(
            select(m.VisitParticipant).where(m.VisitParticipant.visit_id == visit.meta.id))}
    assert {pid: row for pid, (row, _role) in after.items() if pid != newcomer} == rows
    assert after[first.person_id][1] == "escort"
    assert newcomer in after


def test_update_followup_keeps_the_visit_of_its_meeting(demo_db: Database) -> None:
    meeting = next(r for r in meetings.list_meetings(demo_db) if r.visit_id is not None)
    row = followups.create_followup(demo_db, FollowUpData("Send the draft", meeting_id=meeting.id))
    assert row.visit_id == meeting.visit_id
    updated = followups.update_followup(demo_db, row.id, FollowUpData("Send the final draft", meeting_id=meeting.id))
    assert updated.visit_id == meeting.visit_id


def test_topic_names_are_unique_ignoring_case(db: Database) -> None:
    topics.ensure_topic(db, "Catalysis")
    polymers = topics.ensure_topic(db, "Polymers")
    with pytest.raises(ValidationError) as info:
        topics.rename_topic(db, polymers.id, "CATALYSIS")
    assert "name" in info.value.problems
    topics.ensure_topic(db, "Ёлки")
    with pytest.raises(ValidationError):
        topics.rename_topic(db, polymers.id, "ёЛКИ")
    assert topics.rename_topic(db, polymers.id, "POLYMERS").name == "POLYMERS"  # its own name, re-cased


def test_units_are_listed_in_the_same_order_in_detail_and_tree(demo_db: Database) -> None:
    tree = institutions.institution_tree(demo_db)
    parent = next(node for node in tree if len(node.children) > 1)
    detail = institutions.get_institution(demo_db, parent.row.id)
    assert [c.id for c in detail.children] == [c.row.id for c in parent.children]


def test_meeting_participants_keep_their_rows(demo_db: Database) -> None:
    meeting = meetings.get_meeting(demo_db, meetings.list_meetings(demo_db)[0].id)
    data: MeetingData = meeting.data
    query = select(m.MeetingParticipant.id).where(m.MeetingParticipant.meeting_id == meeting.meta.id)
    with demo_db.reader() as s:
        before = sorted(s.scalars(query))
    meetings.update_meeting(demo_db, meeting.meta.id, replace(data, notes="Went well."))
    with demo_db.reader() as s:
        after = sorted(s.scalars(query))
    assert after == before and before


def test_visit_data_round_trips(demo_db: Database) -> None:
    visit = visits.get_visit(demo_db, visits.list_visits(demo_db)[0].id)
    again = visits.update_visit(demo_db, visit.meta.id, visit.data)
    assert again.data == visit.data
    assert isinstance(visit.data, VisitData)
