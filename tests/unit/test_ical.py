"""iCalendar: a visit's schedule out (read back by icalendar and vobject), .ics files in as meetings of a
visit; all or nothing, re-import adds nothing, a cut-short or garbled file names its line."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import icalendar
import pytest
import vobject
from sqlalchemy import func, select

from organizer.domain.enums import Side
from organizer.domain.errors import ImportFormatError, OrganizerError
from organizer.domain.records import ContactEntry, FollowUpData, VisitData
from organizer.services import followups, meetings, people, programme, visits
from organizer.services.interop import filekind, ical
from organizer.store import Database
from organizer.store import models as m


def _state(db: Database) -> tuple[object, ...]:
    with db.reader() as s:
        counts = tuple(s.scalar(select(func.count()).select_from(t)) or 0 for t in (
            m.Meeting, m.MeetingParticipant, m.AuditEntry))
        rows = tuple(s.execute(select(m.Meeting.uid, m.Meeting.title, m.Meeting.starts_at, m.Meeting.ends_at,
                                      m.Meeting.room, m.Meeting.agenda, m.Meeting.version)
                               .order_by(m.Meeting.uid)).all())
    return counts, rows


def _with_email(db: Database) -> None:
    korzhikov = next(p for p in people.list_people_details(db) if p.full_name == "Evgeny Korzhikov")
    people.update_person(db, korzhikov.meta.id, korzhikov.data.__class__(
        **{**{f: getattr(korzhikov.data, f) for f in korzhikov.data.__dataclass_fields__},
           "emails": (ContactEntry("e.korzhikov@uzkimyo.example.uz", "work"),)}))


def test_export_reads_back_with_icalendar_and_vobject(demo_db: Database) -> None:
    db = demo_db
    _with_email(db)
    visit = visits.list_visits(db)[0]
    content, info = ical.calendar_of_visit(db, visit.id)
    items = programme.list_programme(db, visit_id=visit.id)  # arrival, transfers, lunch, departure
    assert (info.events, info.programme_items, info.todos, info.zone) == (
        4 + len(items), len(items), 3, "Europe/Moscow")  # the demo visit is in Kazan
    assert ical.calendar_of_visit(db, visit.id)[0] == content  # stable: the same bytes every time
    cal = icalendar.Calendar.from_ical(content)
    events = list(cal.walk("VEVENT"))
    stored = {row.id: meetings.get_meeting(db, row.id) for row in meetings.list_meetings(db, visit_id=visit.id)}
    by_uid = {d.meta.uid: d for d in stored.values()}
    assert {str(e["UID"]) for e in events} >= set(by_uid) and len(events) == info.events
    assert [c["TZID"] for c in cal.walk("VTIMEZONE")] == ["Europe/Moscow"]
    tour = next(e for e in events if by_uid[str(e["UID"])].data.kind == "lab_tour")
    detail = by_uid[str(tour["UID"])]
    assert tour["DTSTART"].params["TZID"] == "Europe/Moscow"
    assert tour["DTSTART"].dt.replace(tzinfo=None) == detail.data.starts_at
    assert tour["DTSTART"].dt.utcoffset() == timedelta(hours=3)
    assert str(tour["LOCATION"]) == detail.venue and str(tour["SUMMARY"]) == detail.data.title
    assert detail.data.agenda.strip() in str(tour["DESCRIPTION"])
    attendees = tour["ATTENDEE"]
    assert [str(a.params["CN"]) for a in attendees] == [p.full_name for p in detail.participants]
    assert str(attendees[0]) == "mailto:e.korzhikov@uzkimyo.example.uz" and attendees[0].params["ROLE"] == "CHAIR"
    todos = list(cal.walk("VTODO"))
    assert sorted(t["DUE"].dt for t in todos) == sorted(f.due_date for f in visit_followups(db, visit.id))
    assert {str(t["STATUS"]) for t in todos} == {"NEEDS-ACTION"}
    parsed = vobject.readOne(content.decode("utf-8"))  # an independent reader: the same times and names
    assert len(parsed.vevent_list) == info.events and len(parsed.vtodo_list) == 3
    for ev in (e for e in parsed.vevent_list if e.uid.value in by_uid):
        want = by_uid[ev.uid.value].data.starts_at
        assert ev.dtstart.value.utcoffset() == timedelta(hours=3)
        assert ev.dtstart.value.replace(tzinfo=None) == want


def visit_followups(db: Database, visit_id: int) -> list[followups.FollowUpRow]:
    return [f for f in followups.list_followups(db, visit_id=visit_id) if f.due_date is not None]


def test_import_as_meetings_of_another_visit_and_again_adds_nothing(demo_db: Database) -> None:
    db = demo_db
    _with_email(db)
    source = visits.list_visits(db)[0]
    content, _info = ical.calendar_of_visit(db, source.id)
    korzhikov = next(p for p in people.list_people_details(db) if p.full_name == "Evgeny Korzhikov")
    target = visits.create_visit(db, VisitData(title="Return visit", place="Tashkent, Uzbekistan"))
    events = _info.events  # meetings and programme items: all become meetings of the other visit
    report = ical.import_ics(db, ("schedule.ics", content), target.meta.id)
    assert (report.created, report.updated, report.skipped) == (events, 0, 0)
    new = [meetings.get_meeting(db, r.id) for r in meetings.list_meetings(db, visit_id=target.meta.id)]
    assert len(new) == events
    tour = next(d for d in new if d.data.title.startswith("Tour of the laboratories"))
    # 10:00 in Kazan is 12:00 in Tashkent: the visit's own zone
    original = next(d for d in (meetings.get_meeting(db, r.id) for r in meetings.list_meetings(db, visit_id=source.id))
                    if d.data.title == tour.data.title)
    assert tour.data.starts_at == original.data.starts_at + timedelta(hours=2)
    assert [p.person_id for p in tour.data.participants] == [korzhikov.meta.id]  # matched by e-mail
    assert tour.data.participants[0].side == Side.HOST  # not in the new visit's delegation
    assert "Abduhomid Salomov" in tour.data.notes  # an attendee without an e-mail address is listed
    before = _state(db)
    again = ical.import_ics(db, ("schedule.ics", content), target.meta.id)
    assert (again.created, again.updated, again.skipped) == (0, 0, events)
    assert _state(db)[1] == before[1]
    own = ical.import_ics(db, ("schedule.ics", content), source.id)  # into its own visit: found by uid
    assert (own.created, own.updated, own.skipped) == (0, 0, events)


def test_a_foreign_calendar_in_utc_is_turned_into_the_visits_zone(db: Database) -> None:
    visit = visits.create_visit(db, VisitData(title="Визит в Казань", place="Казань",
                                              start_date=date(2025, 3, 11), end_date=date(2025, 3, 12)))
    content = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n"
               "BEGIN:VEVENT\r\nDTSTART:20250311T070000Z\r\nDTEND:20250311T083000Z\r\nDTSTAMP:20250301T120000Z\r\n"
               "UID:3k5l2j4h5g6f7d8s9a0@google.com\r\nSUMMARY:Встреча с ректором КФУ\r\n"
               "LOCATION:Казань\\, ул. Кремлёвская\\, 18\r\nDESCRIPTION:Обсуждение программы\\nстажировок\r\n"
               "ATTENDEE;CN=Ivanov;PARTSTAT=ACCEPTED:mailto:ivanov@example.org\r\nEND:VEVENT\r\n"
               "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20250312\r\nDTEND;VALUE=DATE:20250313\r\n"
               "DTSTAMP:20250301T120000Z\r\nUID:day@google.com\r\nSUMMARY:Экскурсия по Кремлю\r\nEND:VEVENT\r\n"
               "END:VCALENDAR\r\n").encode()
    preview = ical.import_ics(db, ("google.ics", content), visit.meta.id, dry_run=True)
    assert preview.created == 2 and [e.action for e in preview.events] == ["created", "created"]
    assert meetings.list_meetings(db, visit_id=visit.meta.id) == []
    ical.import_ics(db, ("google.ics", content), visit.meta.id)
    rows = meetings.list_meetings(db, visit_id=visit.meta.id)
    first = meetings.get_meeting(db, rows[0].id)
    assert first.data.starts_at == datetime(2025, 3, 11, 10, 0) and first.data.ends_at == datetime(2025, 3, 11, 11, 30)
    assert first.data.room == "Казань, ул. Кремлёвская, 18" and first.data.agenda == "Обсуждение программы\nстажировок"
    assert first.meta.uid == "3k5l2j4h5g6f7d8s9a0@google.com" and "Ivanov <ivanov@example.org>" in first.data.notes
    assert meetings.get_meeting(db, rows[1].id).data.starts_at == datetime(2025, 3, 12, 0, 0)
    changed = content.replace(b"DTSTART:20250311T070000Z", b"DTSTART:20250311T063000Z")
    report = ical.import_ics(db, ("google.ics", changed), visit.meta.id)  # the schedule moved: updated
    assert (report.created, report.updated, report.skipped) == (0, 1, 1)
    assert meetings.get_meeting(db, rows[0].id).data.starts_at == datetime(2025, 3, 11, 9, 30)


GOOD = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20250301T120000Z\r\n"
        "DTSTART:20250311T070000Z\r\nSUMMARY:One\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\n"
        "DTSTAMP:20250301T120000Z\r\nDTSTART:20250311T090000Z\r\nSUMMARY:Two\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


@pytest.mark.parametrize(("content", "says"), [
    (GOOD[:200], "x.ics: line 13: the file ends inside BEGIN:VEVENT of line 10 (it is cut short)"),
    (GOOD.replace("DTSTART:20250311T090000Z", "DTSTART:2025031xT0900"), "x.ics: event 2 (line 10): its dates"),
    (GOOD.replace("SUMMARY:Two", "SUMMARY Two"), "x.ics: line 14: not an iCalendar content line"),
    (GOOD.replace("END:VEVENT\r\nEND:VCAL", "END:VTODO\r\nEND:VCAL"), "x.ics: line 15: END:VTODO where BEGIN:VEVENT"),
    (GOOD.replace("SUMMARY:Two\r\n", ""), "x.ics: event 2 (line 10): an event without a SUMMARY"),
    ("BEGIN:VCARD\r\n", "x.ics: line 1: an iCalendar file starts with BEGIN:VCALENDAR"),
])
def test_a_bad_file_changes_nothing_and_names_the_line(demo_db: Database, content: str, says: str) -> None:
    visit = visits.list_visits(demo_db)[0]
    before = _state(demo_db)
    with pytest.raises(OrganizerError) as err:
        ical.import_ics(demo_db, ("x.ics", content.encode()), visit.id)
    assert says in str(err.value) and "\n" not in str(err.value)
    assert _state(demo_db) == before
    with pytest.raises(ImportFormatError, match="not UTF-8"):
        ical.import_ics(demo_db, ("x.ics", GOOD.replace("One", "Один").encode("cp1251")), visit.id)


def test_zone_of_place() -> None:
    assert ical.zone_of_place("Kazan") == "Europe/Moscow"
    assert ical.zone_of_place("Ташкент, Узбекистан") == "Asia/Tashkent"
    assert ical.zone_of_place("Екатеринбург") == "Asia/Yekaterinburg"
    assert ical.zone_of_place("Berlin (Europe/Berlin)") == "Europe/Berlin"
    assert ical.zone_of_place("Somewhere") == ical.DEFAULT_ZONE == "Europe/Moscow"
    assert ical.zone_of_place("Kazanka river") == "Europe/Moscow"  # default, not a match on part of a word


def test_followup_todo_status(demo_db: Database) -> None:
    visit = visits.list_visits(demo_db)[0]
    followups.create_followup(demo_db, FollowUpData("Send the photos", due_date=date(2025, 4, 1),
                                                    visit_id=visit.id, status="done"))
    content, info = ical.calendar_of_visit(demo_db, visit.id)
    assert info.todos == 4
    todos = icalendar.Calendar.from_ical(content).walk("VTODO")
    todo = next(t for t in todos if str(t["SUMMARY"]) == "Send the photos")
    assert str(todo["STATUS"]) == "COMPLETED" and todo["DUE"].dt == date(2025, 4, 1)
    assert filekind.kind_of_content(content[:4096]) == "ics"


def test_a_repeating_event_gives_its_first_occurrence_and_says_so(db: Database) -> None:
    visit = visits.create_visit(db, VisitData(title="Визит", place="Казань"))
    content = GOOD.replace("SUMMARY:Two", "SUMMARY:Two\r\nRRULE:FREQ=DAILY;COUNT=3").encode()
    report = ical.import_ics(db, ("x.ics", content), visit.meta.id)
    assert report.created == 2
    assert report.left_out == ["x.ics: event 2 (line 10): a repeating event (RRULE/RDATE): only its first "
                               "occurrence is imported"]


def test_an_outlook_calendar_with_its_own_windows_zone(db: Database) -> None:
    """Outlook names its zones the Windows way ("Russian Standard Time") and defines them in the file."""
    from pathlib import Path

    visit = visits.create_visit(db, VisitData(title="Визит", place="Tashkent"))
    path = Path(__file__).parent.parent / "data" / "ics" / "outlook_russian_standard_time.ics"
    assert filekind.kind_of(path) == "ics"
    report = ical.import_ics(db, path, visit.meta.id)
    assert report.created == 1
    row = meetings.list_meetings(db, visit_id=visit.meta.id)[0]
    got = meetings.get_meeting(db, row.id)
    # 10:30 Moscow time is 12:30 in Tashkent, the visit's place
    assert (got.data.starts_at, got.data.ends_at) == (datetime(2025, 3, 11, 12, 30), datetime(2025, 3, 11, 14, 0))
    assert got.data.room == "КФУ, Химический институт, ауд. 1010"
    assert got.data.title == "Встреча с директором Химического института"
    assert got.data.agenda == "Повестка: сотрудничество в области катализа"
    assert ical.import_ics(db, path, visit.meta.id).skipped == 1


def test_programme_items_are_events_too_and_a_second_import_adds_nothing(demo_db: Database) -> None:
    from organizer.domain.enums import ProgrammeItemKind
    from organizer.domain.records import ProgrammeItemData

    visit = visits.list_visits(demo_db)[0]
    korzhikov = next(p for p in people.list_people_details(demo_db) if p.full_name == "Evgeny Korzhikov")
    arrival = programme.create_programme_item(demo_db, ProgrammeItemData(
        visit_id=visit.id, kind=ProgrammeItemKind.ARRIVAL, starts_at=datetime(2025, 3, 10, 22, 40),
        place="Аэропорт Казань", transport="Рейс HY 651", escort_person_id=korzhikov.meta.id))
    items = len(programme.list_programme(demo_db, visit_id=visit.id))
    content, info = ical.calendar_of_visit(demo_db, visit.id)
    assert (info.events, info.programme_items, info.unscheduled) == (4 + items, items, 0)
    event = next(e for e in icalendar.Calendar.from_ical(content).walk("VEVENT") if str(e["UID"]) == arrival.meta.uid)
    assert str(event["SUMMARY"]) == "Arrival" and str(event["LOCATION"]) == "Аэропорт Казань"
    assert "Рейс HY 651" in str(event["DESCRIPTION"]) and "Evgeny Korzhikov" in str(event["DESCRIPTION"])
    assert event["DTSTART"].dt.replace(tzinfo=None) == datetime(2025, 3, 10, 22, 40)
    assert len(vobject.readOne(content.decode()).vevent_list) == info.events
    before = _state(demo_db)
    report = ical.import_ics(demo_db, ("v.ics", content), visit.id)
    assert (report.created, report.updated, report.skipped) == (0, 0, info.events)
    assert _state(demo_db)[1] == before[1]
