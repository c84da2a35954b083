"""iCalendar (RFC 5545) export of a visit's schedule and import of an .ics file as meetings of a visit.

**Export** (``export_ics``): one ``VEVENT`` per meeting and per programme item (arrival, transfer, meal...)
that has a start time (one not yet scheduled is counted and left out), with ``UID`` (the record's uid:
stable, so a calendar that imports the file again updates the event instead of adding one), ``DTSTAMP``
(when the record was last changed), ``DTSTART``/``DTEND`` with ``TZID`` and a ``VTIMEZONE`` for it,
``SUMMARY`` (title), ``LOCATION`` (room, venue), ``DESCRIPTION`` (agenda, then objectives), ``CATEGORIES``
(the kind) and one ``ATTENDEE`` per participant (``CN`` the name, ``mailto:`` the first e-mail address when
one is known, else an ``urn:uuid:`` of the person; ``ROLE=CHAIR`` for a head of delegation or host lead);
a programme item's place is its LOCATION, its transport, escort and notes its DESCRIPTION. Each of the
visit's follow-ups with a due date becomes a ``VTODO`` (``DUE`` as a date, ``STATUS`` NEEDS-ACTION, COMPLETED or
CANCELLED, the owner in ``DESCRIPTION``).

**Time zone**: meetings are stored in the local time of the visit's place; ``timezones.zone_of_place`` finds
its IANA name (one written in the place, else its city's, else Europe/Moscow).

**Import** (``import_ics``): each ``VEVENT`` becomes a meeting of the visit given: ``SUMMARY`` the title,
``DTSTART``/``DTEND`` (a time with a zone is turned into the visit's zone; a floating time is taken as
it is; a date alone starts at midnight), ``LOCATION`` the room, ``DESCRIPTION`` the agenda, ``CATEGORIES``
a meeting kind where it names one (a repeating event gives its first occurrence, reported in ``left_out``,
as is a LOCATION too long for the room). An ``ATTENDEE`` whose e-mail address is a person's becomes a participant
(on the side the person has in the visit's delegation, else the host side); other attendees are listed
in the notes. An event is **found** by its ``UID`` (a meeting of this visit with that uid, as our export
writes them), else by the same title and start in this visit: then it is **updated** where the title,
times, room, agenda or kind differ, else **skipped**, so importing the same file again adds nothing (an
event whose UID is one of the visit's programme items is skipped too). A
new meeting keeps the event's ``UID`` as its uid when it fits and is free, else gets ``ics-`` and a hash.

All in one transaction: a file that is not iCalendar, a line that is not a content line, a component not
closed (a file cut short), an event whose dates cannot be read, or a value the meeting rules refuse stops
the import with one line naming the file, the line and the event; nothing is written. ``dry_run`` rolls
back at the end: the report is the preview.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from organizer.domain.enums import FollowUpStatus, MeetingKind, ParticipantRole, Side
from organizer.domain.errors import ImportFormatError, ValidationError
from organizer.domain.records import MeetingData, MeetingParticipantData, ProgrammeItemRow
from organizer.services import meetings, visits
from organizer.services._checks import NAME_LIMIT, SHORT_LIMIT
from organizer.services.interop.contacts import open_file
from organizer.services.interop.timezones import DEFAULT_ZONE, zone_of_place
from organizer.store import audit
from organizer.store import models as m
from organizer.store.database import Database
from organizer.store.files import write_file

ICS_LIMIT = 64 * 1024 * 1024
"""Largest .ics file read, in bytes (it is read whole)."""
PRODID = "-//Organizer//Organizer iCalendar export//EN"
_CHAIRS = {ParticipantRole.HEAD_OF_DELEGATION, ParticipantRole.HOST_LEAD}
_TODO_STATUS = {FollowUpStatus.OPEN: "NEEDS-ACTION", FollowUpStatus.DONE: "COMPLETED",
                FollowUpStatus.DROPPED: "CANCELLED"}
_LINE = re.compile(r'^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)?(;[A-Za-z0-9-]+=("[^"]*"|[^";:,]*)(,("[^"]*"|[^";:,]*))*)*:')


# --- export --------------------------------------------------------------------------------------


@dataclass
class IcsExport:
    events: int = 0
    """Meetings and programme items written."""
    programme_items: int = 0
    todos: int = 0
    unscheduled: int = 0
    zone: str = DEFAULT_ZONE


def _attendee_address(person_uid: str, email: str | None) -> str:
    if email:
        return f"mailto:{email}"
    return f"urn:uuid:{person_uid}" if re.fullmatch(r"[0-9a-f-]{36}", person_uid) else f"urn:x-organizer:{person_uid}"


def calendar_of_visit(db: Database, visit_id: int) -> tuple[bytes, IcsExport]:
    """The .ics content of a visit's schedule and follow-ups, and what it holds."""
    from icalendar import Calendar, Event, Todo, vCalAddress, vText

    visit = visits.get_visit(db, visit_id)
    zone = zone_of_place(visit.data.place)
    tz = ZoneInfo(zone)
    info = IcsExport(zone=zone)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", visit.data.title)
    cal.add("x-wr-timezone", zone)
    details = [meetings.get_meeting(db, row.id) for row in visit.meetings]
    person_ids = {p.person_id for d in details for p in d.participants}
    uids: dict[int, str] = {}
    emails: dict[int, str] = {}
    with db.reader() as s:
        if person_ids:
            uids = {pid: uid for pid, uid in s.execute(select(m.Person.id, m.Person.uid)
                                                       .where(m.Person.id.in_(person_ids)))}
            for pid, address in s.execute(select(m.PersonEmail.person_id, m.PersonEmail.address)
                                          .where(m.PersonEmail.person_id.in_(person_ids)).order_by(m.PersonEmail.id)):
                emails.setdefault(pid, address)
    for detail in details:
        d = detail.data
        if d.starts_at is None:
            info.unscheduled += 1
            continue
        ev = Event()
        ev.add("uid", detail.meta.uid)
        ev.add("dtstamp", detail.meta.updated_at.replace(tzinfo=UTC))
        ev.add("dtstart", d.starts_at.replace(tzinfo=tz))
        if d.ends_at is not None:
            ev.add("dtend", d.ends_at.replace(tzinfo=tz))
        ev.add("summary", d.title)
        location = ", ".join(x for x in (d.room, detail.venue or "") if x)
        if location:
            ev.add("location", location)
        description = "\n\n".join(x for x in (d.agenda, d.objectives) if x.strip())
        if description:
            ev.add("description", description)
        ev.add("categories", [str(d.kind)])
        for p in detail.participants:
            address = vCalAddress(_attendee_address(uids.get(p.person_id, ""), emails.get(p.person_id)))
            address.params["cn"] = vText(p.full_name)
            address.params["role"] = vText("CHAIR" if p.role in _CHAIRS else "REQ-PARTICIPANT")
            ev.add("attendee", address, encode=False)
        cal.add_component(ev)
        info.events += 1
    _add_programme(db, visit.programme, cal, tz, info)
    for row in visit.followups:
        if row.due_date is None:
            continue
        from organizer.services import followups

        fu = followups.get_followup(db, row.id)
        todo = Todo()
        todo.add("uid", fu.meta.uid)
        todo.add("dtstamp", fu.meta.updated_at.replace(tzinfo=UTC))
        todo.add("summary", fu.data.description)
        todo.add("due", fu.data.due_date)
        todo.add("status", _TODO_STATUS.get(fu.data.status, "NEEDS-ACTION"))
        text = "\n".join(x for x in (f"Owner: {row.owner}" if row.owner else "", fu.data.notes) if x)
        if text:
            todo.add("description", text)
        cal.add_component(todo)
        info.todos += 1
    days = [d.data.starts_at.date() for d in details if d.data.starts_at is not None] + [
        p.starts_at.date() for p in visit.programme if p.starts_at is not None]
    if days:  # only the transitions around the visit: readers that ignore RDATE (vobject) then agree
        cal.add_missing_timezones(first_date=min(days) - timedelta(days=366), last_date=max(days) + timedelta(days=366))
    return cal.to_ical(), info


def _add_programme(db: Database, items: Sequence[ProgrammeItemRow], cal: Any, tz: ZoneInfo, info: IcsExport) -> None:
    """A VEVENT per programme item that is not a meeting (arrival, transfer, meal...), like a meeting's: its
    uid, SUMMARY its title (else its kind, "Arrival"), LOCATION its place, DESCRIPTION transport, escort and
    notes, CATEGORIES its kind."""
    from icalendar import Event

    ids = [p.id for p in items]
    stamps: dict[int, tuple[str, datetime]] = {}
    if ids:
        with db.reader() as s:
            stamps = {ident: (uid, updated) for ident, uid, updated in s.execute(
                select(m.ProgrammeItem.id, m.ProgrammeItem.uid, m.ProgrammeItem.updated_at)
                .where(m.ProgrammeItem.id.in_(ids)))}
    for item in items:
        if item.starts_at is None:
            info.unscheduled += 1
            continue
        uid, updated = stamps[item.id]
        ev = Event()
        ev.add("uid", uid)
        ev.add("dtstamp", updated.replace(tzinfo=UTC))
        ev.add("dtstart", item.starts_at.replace(tzinfo=tz))
        if item.ends_at is not None:
            ev.add("dtend", item.ends_at.replace(tzinfo=tz))
        ev.add("summary", item.title or str(item.kind).replace("_", " ").capitalize())
        if item.place:
            ev.add("location", item.place)
        description = "\n".join(x for x in (f"Transport: {item.transport}" if item.transport else "",
                                            f"Escort: {item.escort}" if item.escort else "", item.notes) if x)
        if description:
            ev.add("description", description)
        ev.add("categories", [str(item.kind)])
        cal.add_component(ev)
        info.events += 1
        info.programme_items += 1


def export_ics_file(db: Database, path: Path, visit_id: int) -> IcsExport:
    content, info = calendar_of_visit(db, visit_id)
    write_file(path, content, database=db.path)
    return info


# --- import --------------------------------------------------------------------------------------


@dataclass
class EventOutcome:
    file: str
    event: int
    line: int
    title: str
    action: str
    """``created``, ``updated`` or ``skipped``."""
    meeting_id: int | None = None


@dataclass
class IcsReport:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    left_out: list[str] = field(default_factory=list)
    dry_run: bool = False
    events: list[EventOutcome] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"created": self.created, "updated": self.updated, "skipped": self.skipped,
                "left_out": self.left_out, "dry_run": self.dry_run}


class _DryRun(Exception):  # noqa: N818 (how a dry run rolls back)
    def __init__(self, report: IcsReport) -> None:
        super().__init__("dry run")
        self.report = report


def _decode(content: bytes) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as err:
        line = content[: err.start].count(b"\n") + 1
        raise ImportFormatError(f"line {line}: bytes that are not UTF-8 (iCalendar files are UTF-8)") from None


def check_structure(text: str) -> list[int]:
    """The first line of each VEVENT; ImportFormatError naming the line for a line that is not a content
    line, an END that closes nothing or the wrong component, or a component still open at the end."""
    stack: list[tuple[str, int]] = []
    events: list[int] = []
    number = last = 0
    seen_any = False
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if raw[:1] in (" ", "\t") or not raw.strip():
            if raw[:1] in (" ", "\t") and not seen_any:
                raise ImportFormatError(f"line {number}: a continuation line before any content line")
            continue
        if "\x00" in raw:
            raise ImportFormatError(f"line {number}: a NUL character; this is not an iCalendar file")
        if not _LINE.match(raw):
            raise ImportFormatError(f"line {number}: not an iCalendar content line ({raw[:40]!r})")
        name, _, value = raw.partition(":")
        name = name.split(";", 1)[0].upper()
        value = value.strip().upper()
        if not seen_any and (name, value) != ("BEGIN", "VCALENDAR"):
            raise ImportFormatError(f"line {number}: an iCalendar file starts with BEGIN:VCALENDAR")
        seen_any = True
        last = number
        if name == "BEGIN":
            stack.append((value, number))
            if value == "VEVENT":
                events.append(number)
        elif name == "END":
            if not stack or stack[-1][0] != value:
                open_part = f"BEGIN:{stack[-1][0]} of line {stack[-1][1]} is open" if stack else "nothing is open"
                raise ImportFormatError(f"line {number}: END:{value} where {open_part} (a garbled file)")
            stack.pop()
    if stack:
        what, line = stack[-1]
        raise ImportFormatError(f"line {last}: the file ends inside BEGIN:{what} of line {line} (it is cut short)")
    if not seen_any:
        raise ImportFormatError("the file is empty")
    return events


def _local(value: Any, tz: ZoneInfo) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value.astimezone(tz).replace(tzinfo=None)
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    raise ValueError(f"{value!r} is not a date or time")


def _fit_uid(uid: str, visit_id: int, *, hashed: bool = False) -> str:
    if uid and len(uid) <= SHORT_LIMIT and uid.isprintable() and not hashed:
        return uid
    return "ics-" + hashlib.sha1(f"{visit_id}:{uid}".encode("utf-8", "surrogatepass")).hexdigest()[:40]


@dataclass
class _Event:
    number: int
    line: int
    uid: str
    data: MeetingData
    location: str
    description: str
    left_out: list[str]


def _events(text: str, lines: list[int], visit_id: int, tz: ZoneInfo, where: Callable[[int, int], str],
            people_by_email: Callable[[set[str]], dict[str, int]], sides: dict[int, Side]) -> list[_Event]:
    from icalendar import Calendar

    try:
        cal = Calendar.from_ical(text)
    except (ValueError, KeyError, IndexError, TypeError) as err:
        raise ImportFormatError(f"not a readable iCalendar file ({err})"[:300]) from None
    comps = cal if isinstance(cal, list) else [cal]
    found = [c for cal_ in comps for c in cal_.walk("VEVENT")]
    if len(found) != len(lines):
        raise ImportFormatError(f"{len(lines)} events by their BEGIN lines, {len(found)} read; a garbled file")
    raw: list[tuple[int, int, Any, list[tuple[str, str]]]] = []
    addresses: set[str] = set()
    for number, (ev, line) in enumerate(zip(found, lines, strict=True), start=1):
        attendees = ev.get("attendee", [])
        if not isinstance(attendees, list):
            attendees = [attendees]
        pairs = []
        for a in attendees:
            address = str(a)
            email = address[7:].strip().casefold() if address[:7].lower() == "mailto:" else ""
            cn = str(getattr(a, "params", {}).get("CN", "")).strip()
            pairs.append((email, cn))
            if email:
                addresses.add(email)
        raw.append((number, line, ev, pairs))
    persons = people_by_email(addresses) if addresses else {}
    out: list[_Event] = []
    for number, line, ev, pairs in raw:
        try:
            start = ev.get("dtstart")
            end = ev.get("dtend")
            starts_at = _local(start.dt if start is not None else None, tz)
            ends_at = _local(end.dt if end is not None else None, tz)
            if ends_at is None and starts_at is not None and ev.get("duration") is not None:
                duration = ev.get("duration").dt
                if isinstance(duration, timedelta):
                    ends_at = starts_at + duration
            if start is not None and not isinstance(start.dt, datetime):
                ends_at = None  # a day's event: it starts at midnight, the end day says nothing more
        except (ValueError, TypeError, AttributeError, OverflowError) as err:
            raise ImportFormatError(f"{where(number, line)}: its dates cannot be read ({err})"[:300]) from None
        title = " ".join(str(ev.get("summary", "")).split())
        notes: list[str] = []
        if not title:
            raise ImportFormatError(f"{where(number, line)}: an event without a SUMMARY (title)")
        kind = MeetingKind.MEETING
        cats = ev.get("categories")
        for cat in cats if isinstance(cats, list) else [cats] if cats is not None else []:
            for word in getattr(cat, "cats", [str(cat)]):
                if str(word).strip().lower() in {k.value for k in MeetingKind}:
                    kind = MeetingKind(str(word).strip().lower())
        location = full_location = " ".join(str(ev.get("location", "")).split())
        if len(location) > NAME_LIMIT:
            notes.append(f"Location: {location}")
            location = location[: NAME_LIMIT - 1] + "…"
        participants: list[MeetingParticipantData] = []
        others: list[str] = []
        for email, cn in pairs:
            pid = persons.get(email) if email else None
            if pid is not None and all(p.person_id != pid for p in participants):
                participants.append(MeetingParticipantData(pid, sides.get(pid, Side.HOST)))
            elif pid is None and (cn or email):
                others.append(f"{cn} <{email}>" if cn and email else cn or email)
        if others:
            notes.append("Attendees: " + ", ".join(others))
        data = MeetingData(title=title, kind=kind, visit_id=visit_id, starts_at=starts_at, ends_at=ends_at,
                           room=location, agenda=str(ev.get("description", "")).strip(),
                           participants=tuple(participants), notes="\n".join(notes))
        left: list[str] = []
        if ev.get("rrule") is not None or ev.get("rdate") is not None:
            left.append("a repeating event (RRULE/RDATE): only its first occurrence is imported")
        if len(full_location) > NAME_LIMIT:
            left.append(f"LOCATION longer than {NAME_LIMIT} characters: cut in the room, whole in the notes")
        out.append(_Event(number, line, str(ev.get("uid", "")).strip(), data, full_location, data.agenda, left))
    return out


_COMPARED = ("title", "kind", "starts_at", "ends_at")


def _changes(session: Session, obj: m.Meeting, ev: _Event) -> dict[str, Any]:
    """What the event changes in a stored meeting: its title, kind and times, and the room and agenda
    where its LOCATION and DESCRIPTION differ from what our export writes for the meeting."""
    current = meetings.to_data(obj)
    out = {f: getattr(ev.data, f) for f in _COMPARED if getattr(current, f) != getattr(ev.data, f)}
    venue = session.scalar(select(m.Institution.name).where(m.Institution.id == obj.venue_institution_id)) \
        if obj.venue_institution_id is not None else None
    if ev.location != ", ".join(x for x in (current.room, venue or "") if x):
        out["room"] = ev.data.room
    if ev.description != "\n\n".join(x for x in (current.agenda, current.objectives) if x.strip()):
        out["agenda"] = ev.data.agenda
    return out


def import_ics(db: Database, source: Path | tuple[str, bytes], visit_id: int, *, dry_run: bool = False) -> IcsReport:
    """Import the events of an .ics file as meetings of the visit ``visit_id``; see the module docstring."""
    name, content = (str(source), None) if isinstance(source, Path) else source
    try:
        if content is None:
            with open_file(Path(name)) as f:
                content = f.read(ICS_LIMIT + 1)
        if len(content) > ICS_LIMIT:
            raise ImportFormatError(f"larger than {ICS_LIMIT:,} bytes; not a visit's schedule")
        text = _decode(content)
        lines = check_structure(text)
    except ImportFormatError as err:
        raise ImportFormatError(f"{name}: {err}") from None
    except OSError as err:
        raise ImportFormatError(f"cannot read {name}: {err.strerror}") from None
    visit = visits.get_visit(db, visit_id)  # NotFoundError for a visit that does not exist
    tz = ZoneInfo(zone_of_place(visit.data.place))
    sides = {p.person_id: p.side for p in visit.participants}

    def where(number: int, line: int) -> str:
        return f"event {number} (line {line})"

    def attempt(session: Session) -> IcsReport:
        def by_email(addresses: set[str]) -> dict[str, int]:
            found: dict[str, int] = {}
            for address, pid in session.execute(
                    select(m.PersonEmail.address, m.PersonEmail.person_id)
                    .where(func.lower(m.PersonEmail.address).in_(sorted(addresses))).order_by(m.PersonEmail.person_id)):
                found.setdefault(address.casefold(), pid)
            return found

        try:
            events = _events(text, lines, visit_id, tz, where, by_email, sides)
        except ImportFormatError as err:
            raise ImportFormatError(f"{name}: {err}") from None
        report = IcsReport(dry_run=dry_run)
        stored = {obj.uid: obj for obj in session.scalars(select(m.Meeting).where(m.Meeting.visit_id == visit_id))}
        items = set(session.scalars(select(m.ProgrammeItem.uid).where(m.ProgrammeItem.visit_id == visit_id)))
        by_start = {(obj.title, obj.starts_at): obj for obj in stored.values()}
        taken = set(session.scalars(select(m.Meeting.uid).where(m.Meeting.uid.in_(
            [e.uid for e in events if e.uid] or [""]))))
        for ev in events:
            label = f"{name}: {where(ev.number, ev.line)}"
            outcome = EventOutcome(name, ev.number, ev.line, ev.data.title, "skipped")
            report.events.append(outcome)
            report.left_out.extend(f"{label}: {note}" for note in ev.left_out)
            if ev.uid and ev.uid in items:  # one of the visit's programme items (our export): already there
                report.skipped += 1
                continue
            obj = stored.get(ev.uid) or by_start.get((ev.data.title, ev.data.starts_at))
            try:
                if obj is None:
                    uid = _fit_uid(ev.uid, visit_id)
                    if uid in taken:  # a meeting of another visit has it
                        uid = _fit_uid(ev.uid, visit_id, hashed=True)
                    created = meetings.create_in(session, replace(ev.data, uid=uid))
                    taken.add(uid)
                    stored[uid] = created
                    by_start[(created.title, created.starts_at)] = created
                    outcome.action, outcome.meeting_id = "created", created.id
                    report.created += 1
                    continue
                outcome.meeting_id = obj.id
                changes = _changes(session, obj, ev)
                if not changes:
                    report.skipped += 1
                    continue
                meetings.WRITES.update_in(session, obj, replace(meetings.to_data(obj), **changes))
                outcome.action = "updated"
                report.updated += 1
            except ValidationError as err:
                raise ValidationError(err.issues, record=label) from None
        session.flush()
        audit.add(session, "import", detail={"format": "ics", "visit_id": visit_id, "created": report.created,
                                             "updated": report.updated, "skipped": report.skipped})
        if dry_run:
            raise _DryRun(report)
        return report

    try:
        return db.write(attempt)
    except _DryRun as done:
        return done.report

