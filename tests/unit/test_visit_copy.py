"""Duplicating a visit (issue 17, bulk entry): next year's visit or the return visit, on the demo visit.

Runs on SQLite and, in the PostgreSQL pass, on the server (``db``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from organizer.domain.enums import ParticipantRole, RecordKind, Side, VisitDirection, VisitStatus
from organizer.domain.errors import NotFoundError, ValidationError
from organizer.domain.records import GiftData, Logistics
from organizer.domain.variants import variant
from organizer.services import attachments, meetings, programme, visits
from organizer.services.visit_copy import duplicate_visit
from organizer.store import Database


def _demo(db: Database) -> int:
    return visits.list_visits(db)[0].id


def _with_gift_and_logistics(db: Database, ident: int) -> None:
    """The demo visit with what a copy must leave (a gift) or shift (the arrival's moment)."""
    detail = visits.get_visit(db, ident)
    data = replace(detail.data, gifts=(GiftData("given", "A book on Kazan"),),  # type: ignore[arg-type]
                   logistics=replace(detail.data.logistics, arrival_at=datetime(2025, 3, 10, 21, 40),
                                     lodging="Hotel Kazan"))
    visits.update_visit(db, ident, data, detail.meta.version)


def test_next_years_visit_copies_the_skeleton_with_dates_shifted(demo_db: Database) -> None:
    ident = _demo(demo_db)
    _with_gift_and_logistics(demo_db, ident)
    attachments.add_attachment(demo_db, RecordKind.VISIT, ident, "minutes.txt", b"minutes")
    source = visits.get_visit(demo_db, ident)
    assert source.followups and source.agreements and source.programme  # what must not follow

    result = duplicate_visit(demo_db, ident, start=date(2026, 3, 16))
    copy = result.visit
    assert result.skipped_items == 0
    assert copy.meta.id != ident and copy.meta.uid != source.meta.uid
    d = copy.data
    assert (d.title, d.direction, d.place, d.purpose, d.status) == (
        source.data.title, source.data.direction, source.data.place, source.data.purpose, VisitStatus.PLANNED)
    assert (d.start_date, d.end_date) == (date(2026, 3, 16), date(2026, 3, 17))  # two days stay two days
    assert d.topics == source.data.topics
    assert copy.institutions == source.institutions
    assert [(p.person_id, p.side, p.role, p.precedence) for p in copy.participants] == [
        (p.person_id, p.side, p.role, p.precedence) for p in source.participants]

    # the programme: every meeting and item, each day at its offset from the start, the same time of day
    moved = date(2026, 3, 16) - date(2025, 3, 11)
    assert len(copy.meetings) == len(source.meetings) == 4
    assert len(copy.programme) == len(source.programme) == 6
    for new, old in zip(copy.meetings, source.meetings, strict=True):
        assert (new.title, new.kind, new.venue, new.room, new.people) == (
            old.title, old.kind, old.venue, old.room, old.people)
        assert new.starts_at == old.starts_at + moved and new.ends_at == old.ends_at + moved  # type: ignore[operator]
    for new_item, old_item in zip(copy.programme, source.programme, strict=True):
        assert (new_item.kind, new_item.title, new_item.place, new_item.transport, new_item.escort_person_id) == (
            old_item.kind, old_item.title, old_item.place, old_item.transport, old_item.escort_person_id)
        assert new_item.starts_at == old_item.starts_at + moved  # type: ignore[operator]
    arrival = copy.programme[0]
    assert arrival.starts_at == datetime(2026, 3, 15, 21, 40)  # the evening before stays the evening before
    assert d.logistics.arrival_at == datetime(2026, 3, 15, 21, 40) and d.logistics.lodging == "Hotel Kazan"

    # not copied: follow-ups, agreements, gifts, attachments, the summary and the meetings' notes and outcomes
    assert copy.followups == () and copy.agreements == () and d.gifts == ()
    assert attachments.list_attachments(demo_db, RecordKind.VISIT, copy.meta.id) == []
    assert (d.summary, d.desired_outcomes, d.key_messages, d.sensitivities) == ("", "", "", "")
    for row in copy.meetings:
        meeting = meetings.get_meeting(demo_db, row.id).data
        assert (meeting.notes, meeting.outcomes, meeting.agenda, meeting.objectives) == ("", "", "", "")
        assert {v.field for v in meeting.variants or ()} <= {"title", "room"}
    assert all(item.notes == "" for item in copy.programme)

    # the variants of the copied texts come along (the demo keeps Russian ones), those of the others do not
    assert variant(d.variants, "title", "ru") == variant(source.data.variants, "title", "ru") != ""
    assert variant(d.variants, "purpose", "ru") != "" and variant(d.variants, "summary", "ru") == ""
    first = meetings.get_meeting(demo_db, copy.meetings[0].id).data
    assert variant(first.variants, "title", "ru") == "Осмотр лабораторий Химического института им. А.М. Бутлерова"
    item = programme.get_programme_item(demo_db, arrival.id).data
    assert variant(item.variants, "title", "ru") == "Прибытие делегации в Казань"
    assert variant(item.variants, "notes", "ru") == ""

    # the original is untouched
    again = visits.get_visit(demo_db, ident)
    assert again.data == source.data and len(again.followups) == len(source.followups)


def test_an_undated_copy_keeps_meetings_undated_and_leaves_out_the_items(demo_db: Database) -> None:
    ident = _demo(demo_db)
    result = duplicate_visit(demo_db, ident)
    d = result.visit.data
    assert (d.start_date, d.end_date, d.status) == (None, None, VisitStatus.PLANNED)
    assert len(result.visit.meetings) == 4 and all(m.starts_at is None and m.ends_at is None
                                                   for m in result.visit.meetings)
    assert result.visit.programme == () and result.skipped_items == 6  # an item needs a start


def test_return_visit_swaps_sides_roles_and_direction(demo_db: Database) -> None:
    ident = _demo(demo_db)
    _with_gift_and_logistics(demo_db, ident)
    source = visits.get_visit(demo_db, ident)
    result = duplicate_visit(demo_db, ident, start=date(2025, 10, 6), swap_sides=True)
    copy = result.visit
    assert copy.data.direction is VisitDirection.OUTGOING and source.data.direction is VisitDirection.INCOMING
    sides = {i: s for i, _n, s in source.institutions}
    assert {i: s for i, _n, s in copy.institutions} == {
        i: Side.HOST if s is Side.GUEST else Side.GUEST for i, s in sides.items()}
    before = {p.person_id: p for p in source.participants}
    after = {p.person_id: p for p in copy.participants}
    assert before.keys() == after.keys()
    for pid, p in after.items():
        assert p.side is not before[pid].side and p.precedence == before[pid].precedence
    korzhikov = next(p for p in copy.participants if p.full_name == "Evgeny Korzhikov")
    pashin = next(p for p in copy.participants if p.full_name == "D. Pashin")
    assert (korzhikov.side, korzhikov.role) == (Side.HOST, ParticipantRole.HOST_LEAD)
    assert (pashin.side, pashin.role) == (Side.GUEST, ParticipantRole.HEAD_OF_DELEGATION)
    presenter = next(p for p in copy.participants if p.full_name == "Mikhail Varfolomeyev")
    assert presenter.role is ParticipantRole.PRESENTER  # a role not bound to a side stays
    # meetings' participants change sides too; the other journey's place, logistics and escorts are left out
    for new, old in zip(copy.meetings, source.meetings, strict=True):
        assert [(p.person_id, p.side) for p in new.people] != [(p.person_id, p.side) for p in old.people]
        assert {p.person_id: p.side for p in new.people} == {
            p.person_id: (Side.HOST if p.side is Side.GUEST else Side.GUEST) for p in old.people}
    assert copy.data.place == "" and variant(copy.data.variants, "place", "ru") == ""
    assert copy.data.logistics == Logistics()
    assert len(copy.programme) == 6 and all(item.escort_person_id is None for item in copy.programme)
    assert copy.data.start_date == date(2025, 10, 6)


def test_a_new_title_replaces_the_old_ones_variants(demo_db: Database) -> None:
    ident = _demo(demo_db)
    copy = duplicate_visit(demo_db, ident, start=date(2026, 3, 16), title="Return visit to Tashkent").visit
    assert copy.data.title == "Return visit to Tashkent"
    assert variant(copy.data.variants, "title", "ru") == ""
    assert variant(copy.data.variants, "purpose", "ru") != ""


def test_a_refused_copy_writes_nothing(demo_db: Database) -> None:
    ident = _demo(demo_db)
    counts = (len(visits.list_visits(demo_db)), len(meetings.list_meetings(demo_db)),
              len(programme.list_programme(demo_db)))
    with pytest.raises(ValidationError):
        duplicate_visit(demo_db, ident, start=date(2026, 3, 16), title="   ")
    with pytest.raises(NotFoundError):
        duplicate_visit(demo_db, 999, start=date(2026, 3, 16))
    assert counts == (len(visits.list_visits(demo_db)), len(meetings.list_meetings(demo_db)),
                      len(programme.list_programme(demo_db)))


def test_deleting_the_copy_removes_its_programme_and_leaves_the_original(demo_db: Database) -> None:
    """What the window's undo does: the copy's delete takes its meetings and items with it."""
    ident = _demo(demo_db)
    before = (len(meetings.list_meetings(demo_db)), len(programme.list_programme(demo_db)))
    result = duplicate_visit(demo_db, ident, start=date(2026, 3, 16))
    assert result.visit.changes is not None and result.visit.changes.created == (result.visit.meta.id,)
    assert result.visit.changes.touches(RecordKind.MEETING) and result.visit.changes.touches(RecordKind.PROGRAMME_ITEM)
    visits.delete_visit(demo_db, result.visit.meta.id, result.visit.meta.version)
    assert (len(meetings.list_meetings(demo_db)), len(programme.list_programme(demo_db))) == before
    assert visits.get_visit(demo_db, ident).meetings


def test_a_visit_without_a_start_date_counts_from_its_first_meeting(demo_db: Database) -> None:
    ident = _demo(demo_db)
    detail = visits.get_visit(demo_db, ident)
    visits.update_visit(demo_db, ident, replace(detail.data, start_date=None, end_date=None), detail.meta.version)
    copy = duplicate_visit(demo_db, ident, start=date(2026, 1, 1)).visit
    first_item = min(i.starts_at for i in detail.programme if i.starts_at is not None)  # the arrival, 10 March
    assert copy.data.start_date == date(2026, 1, 1)
    assert copy.programme[0].starts_at == datetime.combine(date(2026, 1, 1), first_item.time())
    assert copy.meetings[0].starts_at == datetime(2026, 1, 2, 10, 0)  # 11 March was a day after the arrival
    assert copy.meetings[0].starts_at - copy.programme[0].starts_at == (  # type: ignore[operator]
        detail.meetings[0].starts_at - first_item)  # type: ignore[operator]
    assert timedelta(0) < copy.meetings[0].starts_at - copy.programme[0].starts_at  # type: ignore[operator]
