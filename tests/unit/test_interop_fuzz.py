"""Random and mutated CSV, .xlsx and .ics input: the import either works or stops with an ``OrganizerError``
(one line), never another exception, and a refused file leaves the database as it was."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from organizer.domain.errors import OrganizerError
from organizer.services.interop import filekind, ical
from organizer.services.interop.sheet_import import import_sheets
from organizer.store import Database
from organizer.store import models as m

DATA = Path(__file__).parent.parent / "data" / "sheets"
SEEDS = [(DATA / n).read_bytes() for n in ("google_contacts.csv", "outlook_cp1251.csv", "outlook_utf16.txt",
                                           "delegation_ru.csv")]
ICS = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Moscow\r\nBEGIN:STANDARD\r\n"
       "DTSTART:19700101T000000\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0300\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
       "BEGIN:VEVENT\r\nUID:a@x\r\nDTSTAMP:20250301T120000Z\r\nDTSTART;TZID=Europe/Moscow:20250311T100000\r\n"
       "DTEND;TZID=Europe/Moscow:20250311T113000\r\nSUMMARY:Встреча\\, первая\r\nLOCATION:Казань\r\n"
       "ATTENDEE;CN=\"Ivanov, I.\";ROLE=CHAIR:mailto:i@example.org\r\nDESCRIPTION:Повестка\\nдня\r\n"
       "CATEGORIES:meeting\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b@x\r\nDTSTAMP:20250301T120000Z\r\n"
       "DTSTART;VALUE=DATE:20250312\r\nDURATION:PT1H\r\nSUMMARY:Экскурсия\r\nEND:VEVENT\r\n"
       "BEGIN:VTODO\r\nUID:t@x\r\nDTSTAMP:20250301T120000Z\r\nDUE;VALUE=DATE:20250401\r\nSUMMARY:x\r\nEND:VTODO\r\n"
       "END:VCALENDAR\r\n").encode()

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])


def _state(db: Database) -> tuple[object, ...]:
    with db.reader() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) or 0 for t in (
            m.Person, m.Institution, m.PersonEmail, m.PersonPhone, m.Position, m.PersonTag, m.Meeting,
            m.MeetingParticipant, m.AuditEntry)) + tuple(s.execute(select(m.Person.uid, m.Person.version)
                                                                   .order_by(m.Person.uid)).all())


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    content = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 6))):
        if not content:
            break
        where = draw(st.integers(0, len(content) - 1))
        op = draw(st.sampled_from(("flip", "cut", "insert", "delete", "dup")))
        if op == "flip":
            content[where] = draw(st.integers(0, 255))
        elif op == "cut":
            del content[where:]
        elif op == "insert":
            content[where:where] = draw(st.sampled_from([b'"', b",", b";", b"\t", b"\r\n", b"\x00", b":::", b"\xff",
                                                         b"BEGIN:VEVENT\r\n", b"END:VEVENT\r\n", b" ", b"=\r\n",
                                                         "Ё".encode(), b"@"]))
        elif op == "delete":
            del content[where:where + draw(st.integers(1, 40))]
        else:
            end = min(len(content), where + draw(st.integers(1, 200)))
            content[end:end] = content[where:end]
    return bytes(content)


@FUZZ
@given(content=st.one_of(mutated(SEEDS), st.binary(max_size=2000),
                         st.text(alphabet=st.sampled_from('ab,;"\t\r\nЁя@.: '), max_size=400).map(str.encode)))
def test_csv_no_crash_no_partial_write(db: Database, content: bytes) -> None:
    before = _state(db)
    try:
        import_sheets(db, [("good.csv", SEEDS[0]), ("fuzz.csv", content)])
    except OrganizerError as err:
        assert "\n" not in str(err)
        assert _state(db) == before
    filekind.kind_of_content(content[:4096], content)


@FUZZ
@given(content=st.one_of(mutated([ICS]), st.binary(max_size=1000)))
def test_ics_no_crash_no_partial_write(db: Database, content: bytes) -> None:
    from organizer.domain.records import VisitData
    from organizer.services import visits

    visit = visits.list_visits(db)[0].id if visits.list_visits(db) else visits.create_visit(
        db, VisitData(title="Fuzz", place="Kazan")).meta.id
    before = _state(db)
    try:
        ical.import_ics(db, ("fuzz.ics", content), visit)
    except OrganizerError as err:
        assert "\n" not in str(err)
        assert _state(db) == before


@FUZZ
@given(content=mutated([(DATA / "delegation_libreoffice.xlsx").read_bytes()]))
def test_xlsx_no_crash_no_partial_write(db: Database, content: bytes) -> None:
    before = _state(db)
    try:
        import_sheets(db, [("fuzz.xlsx", content)])
    except OrganizerError as err:
        assert "\n" not in str(err)
        assert _state(db) == before
