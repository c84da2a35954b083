"""Visits, meetings, follow-ups and agreements: the demo visit and the rules around them."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from organizer.domain.enums import AgreementStatus, FollowUpStatus, ParticipantRole, Side, VisitStatus
from organizer.domain.errors import ValidationError
from organizer.domain.records import (
    AgreementData,
    FollowUpData,
    GiftData,
    MeetingData,
    MeetingParticipantData,
    ParticipantData,
    PersonData,
    SignatoryData,
    VisitData,
)
from organizer.services import agreements, attachments, followups, meetings, people, visits
from organizer.store import Database, open_database, sqlite_url


def _visit_id(db: Database) -> int:
    return visits.list_visits(db)[0].id


def test_demo_visit_in_full(demo_db: Database) -> None:
    detail = visits.get_visit(demo_db, _visit_id(demo_db))
    assert detail.data.status is VisitStatus.DONE
    assert [(n, s.value) for _, n, s in detail.institutions] == [
        ('JSC "Uzkhimyosanoat"', "guest"),
        ("Academy of Sciences of the Republic of Tatarstan", "host"),
        ("Kazan Federal University", "host"),
    ]
    guests = [p for p in detail.participants if p.side is Side.GUEST]
    assert [(p.full_name, p.role) for p in guests] == [
        ("Evgeny Korzhikov", ParticipantRole.HEAD_OF_DELEGATION), ("Abduhomid Salomov", ParticipantRole.MEMBER)
    ]
    assert [m.title.split()[0] for m in detail.meetings] == ["Tour", "Meeting", "Visit", "Meeting"]
    starts = [m.starts_at for m in detail.meetings]
    assert starts == sorted(s for s in starts if s is not None)
    assert all({"Evgeny Korzhikov", "Abduhomid Salomov"} <= set(m.participants) for m in detail.meetings)
    assert "D. Pashin" in detail.meetings[1].participants
    assert len(detail.followups) == 3 and all(f.status is FollowUpStatus.OPEN for f in detail.followups)
    assert set(detail.data.topics) >= {"Small-scale chemistry", "Composite materials", "Pharmaceuticals"}


def test_visit_validation(demo_db: Database) -> None:
    someone = people.list_people(demo_db)[0].id
    with pytest.raises(ValidationError) as info:
        visits.create_visit(demo_db, VisitData(
            title=" ", start_date=date(2025, 5, 2), end_date=date(2025, 5, 1),
            participants=(ParticipantData(someone, Side.GUEST), ParticipantData(someone, Side.HOST),
                          ParticipantData(999, Side.GUEST)),
            gifts=(GiftData("given", ""),),  # type: ignore[arg-type]
        ))
    problems = info.value.problems
    assert set(problems) >= {"title", "end_date", "participants[1].person_id", "participants[2].person_id",
                             "gifts[0].description"}
    assert len(visits.list_visits(demo_db)) == 1


def test_a_delegations_ranks_are_checked_with_its_other_participant_problems(demo_db: Database) -> None:
    first, second = (p.id for p in people.list_people(demo_db)[:2])
    with pytest.raises(ValidationError) as info:
        visits.create_visit(demo_db, VisitData(title="Ranks", participants=(
            ParticipantData(first, Side.GUEST, precedence=-1), ParticipantData(first, Side.GUEST, precedence=2),
            ParticipantData(second, Side.HOST, precedence=visits.MAX_PRECEDENCE + 1))))
    assert info.value.problems == {
        "participants[0].precedence": "must be 0 (unranked) or a rank up to 1,000,000",
        "participants[1].person_id": f"person {first} is listed twice",
        "participants[2].precedence": "must be 0 (unranked) or a rank up to 1,000,000",
    }
    made = visits.create_visit(demo_db, VisitData(title="Ranks", participants=(
        ParticipantData(first, Side.GUEST, precedence=visits.MAX_PRECEDENCE), ParticipantData(second, Side.HOST))))
    assert [p.precedence for p in made.data.participants] == [visits.MAX_PRECEDENCE, 0]


def test_meeting_validation_and_order(demo_db: Database) -> None:
    vid = _visit_id(demo_db)
    with pytest.raises(ValidationError, match="ends_at"):
        meetings.create_meeting(demo_db, MeetingData(
            title="Dinner", visit_id=vid, starts_at=datetime(2025, 3, 11, 20), ends_at=datetime(2025, 3, 11, 19)))
    early = meetings.create_meeting(demo_db, MeetingData(title="Breakfast", visit_id=vid, kind="reception",  # type: ignore[arg-type]
                                                         starts_at=datetime(2025, 3, 11, 8)))
    assert meetings.list_meetings(demo_db, visit_id=vid)[0].id == early.meta.id
    undated = meetings.create_meeting(demo_db, MeetingData(title="Someday", visit_id=vid))
    assert meetings.list_meetings(demo_db, visit_id=vid)[-1].id == undated.meta.id


def test_meeting_participants_keep_entered_order_guests_first(demo_db: Database) -> None:
    ids = {p.full_name: p.id for p in people.list_people(demo_db)}
    mt = meetings.create_meeting(demo_db, MeetingData(title="Working lunch", participants=(
        MeetingParticipantData(ids["Mikhail Varfolomeyev"], Side.HOST),
        MeetingParticipantData(ids["Abduhomid Salomov"], Side.GUEST),
        MeetingParticipantData(ids["D. Pashin"], Side.HOST, ParticipantRole.HOST_LEAD),
    )))
    assert [p.full_name for p in mt.participants] == ["Abduhomid Salomov", "Mikhail Varfolomeyev", "D. Pashin"]
    assert mt.visit_title is None


def test_followup_from_meeting_joins_its_visit_and_status_changes(demo_db: Database) -> None:
    vid = _visit_id(demo_db)
    meeting_id = meetings.list_meetings(demo_db, visit_id=vid)[3].id
    row = followups.create_followup(demo_db, FollowUpData(description="Send the localization list",
                                                          meeting_id=meeting_id, due_date=date(2025, 4, 1)))
    assert row.visit_id == vid
    assert followups.set_status(demo_db, row.id, "done").status is FollowUpStatus.DONE
    assert [f.id for f in followups.list_followups(demo_db, status="open")] == [
        f.id for f in followups.list_followups(demo_db) if f.status is FollowUpStatus.OPEN]
    with pytest.raises(ValidationError, match="not one of: open, done, dropped"):
        followups.list_followups(demo_db, status="finished")
    with pytest.raises(ValidationError, match="description"):
        followups.create_followup(demo_db, FollowUpData(description=""))


def test_agreement_and_visit_delete(demo_db: Database) -> None:
    vid = _visit_id(demo_db)
    detail = visits.get_visit(demo_db, vid)
    host, guest = detail.institutions[2][0], detail.institutions[0][0]
    signer = detail.participants[0].person_id
    with pytest.raises(ValidationError, match="signing date"):
        agreements.create_agreement(demo_db, AgreementData(title="MoU", status=AgreementStatus.SIGNED))
    row = agreements.create_agreement(demo_db, AgreementData(
        title="Memorandum on joint laboratories", status=AgreementStatus.SIGNED, signed_date=date(2025, 3, 11),
        party_ids=(host, guest, host), signatories=(SignatoryData(signer, guest),), visit_id=vid))
    assert row.row.parties == ("Kazan Federal University", 'JSC "Uzkhimyosanoat"')
    demo_mou = [a.id for a in agreements.list_agreements(demo_db) if a.id != row.id]
    assert {a.id for a in visits.get_visit(demo_db, vid).agreements} == {row.id, *demo_mou}
    attachments.add_attachment(demo_db, "visit", vid, "programme.pdf", b"%PDF-1.4 test")
    visits.delete_visit(demo_db, vid)
    assert visits.list_visits(demo_db) == []
    assert meetings.list_meetings(demo_db) == []
    # Follow-ups and agreements outlive the visit, unlinked.
    assert len(followups.list_followups(demo_db)) == 3
    assert all(f.visit_id is None for f in followups.list_followups(demo_db))
    assert "Memorandum on joint laboratories" in {a.title for a in agreements.list_agreements(demo_db)}
    assert all(agreements.get_agreement(demo_db, a.id).data.visit_id is None
               for a in agreements.list_agreements(demo_db))


def test_attachments_are_limited_and_hashed(demo_db: Database) -> None:
    vid = _visit_id(demo_db)
    row = attachments.add_attachment(demo_db, "visit", vid, "programme.pdf", b"%PDF-1.4 hello")
    assert row.media_type == "application/pdf" and row.size == 14 and len(row.sha256) == 64
    assert attachments.attachment_content(demo_db, row.id) == b"%PDF-1.4 hello"
    with pytest.raises(ValidationError, match="too large"):
        attachments.add_attachment(demo_db, "visit", vid, "huge.bin", b"\0" * (50 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="owner_kind"):
        attachments.add_attachment(demo_db, "spaceship", 1, "x.txt", b"x")
    assert [a.name for a in attachments.list_attachments(demo_db, "visit", vid)] == ["programme.pdf"]


def test_person_added_to_visit_appears_in_history(demo_db: Database) -> None:
    vid = _visit_id(demo_db)
    interp = people.create_person(demo_db, PersonData(given_name="Dilnoza", family_name="Yoʻldosheva"))
    current = visits.get_visit(demo_db, vid)
    data = current.data
    new_parts = (*data.participants, ParticipantData(interp.meta.id, Side.GUEST, ParticipantRole.INTERPRETER, 3))
    from dataclasses import replace

    visits.update_visit(demo_db, vid, replace(data, participants=new_parts), expected_version=current.meta.version)
    hist = people.person_history(demo_db, interp.meta.id)
    assert [(a.kind, a.role) for a in hist.attended] == [("visit", ParticipantRole.INTERPRETER)]
    guests = [p.full_name for p in visits.get_visit(demo_db, vid).participants if p.side is Side.GUEST]
    assert guests == ["Evgeny Korzhikov", "Abduhomid Salomov", "Dilnoza Yoʻldosheva"]


def test_followup_rows_and_history_carry_their_visit(demo_db: Database) -> None:
    vid = _visit_id(demo_db)
    rows = followups.list_followups(demo_db)
    assert {r.visit_title for r in rows} == {visits.get_visit(demo_db, vid).data.title}
    assert {r.meeting_title for r in rows} == {"Meeting with the university's leadership",
                                               "Visit to the Pharmaceutical Scientific-Educational Center"}
    salomov = next(p for p in people.list_people(demo_db) if p.full_name == "Abduhomid Salomov")
    assert {a.visit_id for a in people.person_history(demo_db, salomov.id).attended} == {vid}


def test_mark_done_stores_the_day_and_a_note_reopening_clears_the_day_and_the_archive_carries_both(
        demo_db: Database, tmp_path: Path) -> None:
    from organizer.services.archive import importer
    from organizer.services.archive.export import export_archive

    row = followups.create_followup(demo_db, FollowUpData(description="Send the photos"))
    done = followups.mark_done(demo_db, row.id, date(2025, 3, 14), "Sent by courier")
    assert (done.data.status, done.data.done_on, done.data.done_note) == (FollowUpStatus.DONE, date(2025, 3, 14),
                                                                          "Sent by courier")
    listed = next(f for f in followups.list_followups(demo_db) if f.id == row.id)
    assert (listed.done_on, listed.done_note) == (date(2025, 3, 14), "Sent by courier")
    assert followups.mark_done(demo_db, followups.create_followup(
        demo_db, FollowUpData(description="Call")).id).data.done_on == date.today()  # today by default
    archive = export_archive(demo_db)
    other = open_database(sqlite_url(tmp_path / "other.db"))
    try:
        importer.import_archive(other, archive)
        copied = next(f for f in followups.list_followups(other) if f.description == "Send the photos")
        assert (copied.done_on, copied.done_note) == (date(2025, 3, 14), "Sent by courier")
    finally:
        other.close()
    reopened = followups.set_status(demo_db, row.id, FollowUpStatus.OPEN)
    assert (reopened.data.done_on, reopened.data.done_note) == (None, "Sent by courier")
