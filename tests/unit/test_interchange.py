"""Archive import: idempotent, all-or-nothing, clear errors naming the record."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from organizer.assets import demo_archive
from organizer.domain.errors import ImportFormatError, ValidationError
from organizer.domain.records import FollowUpData
from organizer.services import people
from organizer.services.archive import importer as interchange
from organizer.services.demo import load_demo
from organizer.store import Database
from organizer.store import models as m

COUNTED = [m.Topic, m.Institution, m.InstitutionName, m.Person, m.PersonName, m.Position, m.Visit,
           m.VisitParticipant, m.VisitInstitution, m.Meeting, m.MeetingParticipant, m.FollowUp]


def _counts(db: Database) -> dict[str, int]:
    with db.reader() as s:
        return {model.__name__: s.scalar(select(func.count()).select_from(model)) or 0 for model in COUNTED}


def _demo() -> dict[str, Any]:
    return json.loads(demo_archive().read_text(encoding="utf-8"))


def test_demo_twice_changes_no_count(db: Database) -> None:
    first = load_demo(db)
    counts = _counts(db)
    assert first.added["people"] == 6 and first.added["meetings"] == 4 and first.added["followups"] == 3
    second = load_demo(db)
    assert second.total_added == 0
    assert second.unchanged["people"] == 6
    assert _counts(db) == counts


def test_a_bad_record_late_in_the_file_leaves_the_database_untouched(db: Database) -> None:
    data = _demo()
    data["followups"][2]["due_date"] = "31.12.2025"
    with pytest.raises(ValidationError) as info:
        interchange.import_archive(db, data)
    message = str(info.value)
    assert "followups[2] (demo:followup:education)" in message and "due_date" in message
    assert all(n == 0 for n in _counts(db).values())


def test_unknown_reference_is_named(db: Database) -> None:
    data = _demo()
    data["people"][0]["positions"][0]["institution"] = "nowhere"
    with pytest.raises(ValidationError, match="refers to 'nowhere'"):
        interchange.import_archive(db, data)
    assert _counts(db)["Person"] == 0


@pytest.mark.parametrize(
    ("mutate", "match"),
    [
        (lambda d: d["people"][1].update(given_name=42), "expected text"),
        (lambda d: d["people"][1].update(emails=["not an email"]), "not an email address"),
        (lambda d: d["visits"][0].update(status="postponed"), "not one of: planned"),
        (lambda d: d["people"][1].pop("uid"), "needs a uid"),
        (lambda d: d["meetings"][0].update(participants="everyone"), "expected a list"),
    ],
)
def test_record_errors(db: Database, mutate: Any, match: str) -> None:
    data = _demo()
    mutate(data)
    with pytest.raises(ValidationError, match=match):
        interchange.import_archive(db, data)
    assert _counts(db)["Institution"] == 0


def test_file_level_errors(tmp_path: Path) -> None:
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"format": "organizer-archive", "version": 1,', encoding="utf-8")
    with pytest.raises(ImportFormatError, match="not valid JSON"):
        interchange.load_archive_file(bad_json)
    other = tmp_path / "other.json"
    other.write_text("[1, 2, 3]", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="not an Organizer archive"):
        interchange.load_archive_file(other)
    future = tmp_path / "future.json"
    future.write_text('{"format": "organizer-archive", "version": 7}', encoding="utf-8")
    with pytest.raises(ImportFormatError, match="version 7"):
        interchange.load_archive_file(future)
    binary = tmp_path / "photo.json"
    binary.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)))
    with pytest.raises(ImportFormatError, match="not UTF-8"):
        interchange.load_archive_file(binary)
    with pytest.raises(ImportFormatError, match="cannot read"):
        interchange.load_archive_file(tmp_path / "missing.json")


def test_both_ways_of_reading_an_archive_refuse_the_same_size_in_the_same_words(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One size limit (``archive.file.MAX_ARCHIVE_BYTES``) for the streamed file and for ``json.loads``,
    checked before a byte is read: the largest file it allows opens, one byte more is refused."""
    from organizer.services.archive import file as archive_file

    path = tmp_path / "small.json"
    path.write_text('{"format": "organizer-archive", "version": 1, "people": []}', encoding="utf-8")
    monkeypatch.setattr(archive_file, "MAX_ARCHIVE_BYTES", path.stat().st_size)
    assert interchange.load_archive_file(path)["people"] == []
    assert list(interchange.open_archive_file(path).records("people")) == []
    monkeypatch.setattr(archive_file, "MAX_ARCHIVE_BYTES", path.stat().st_size - 1)
    messages = []
    for read in (interchange.load_archive_file, interchange.open_archive_file):
        with pytest.raises(ImportFormatError, match="is too large") as err:
            read(path)
        messages.append(str(err.value))
    assert messages[0] == messages[1] == f"{path} is too large ({path.stat().st_size:,} bytes) for an Organizer archive"


def test_units_may_come_before_their_parent_in_the_file(db: Database) -> None:
    data = _demo()
    data["institutions"].reverse()
    interchange.import_archive(db, data)
    assert _counts(db)["Institution"] == 6


def test_new_records_beside_existing_ones_are_added(db: Database) -> None:
    load_demo(db)
    data = copy.deepcopy(_demo())
    data["people"].append({
        "uid": "extra:interpreter", "given_name": "Gulnora", "family_name": "Toʻxtayeva",
        "name_variants": [{"name": "Гулнора Тўхтаева", "script": "Cyrl", "language": "uz"}],
        "positions": [{"title": "Interpreter", "institution": "demo:institution:uzkhimyosanoat"}],
    })
    report = interchange.import_archive(db, data)
    assert report.added["people"] == 1 and report.unchanged["people"] == 6
    added = next(p for p in people.list_people_details(db) if p.meta.uid == "extra:interpreter")
    assert added.positions[0].current and added.data.name_variants[0].name == "Гулнора Тўхтаева"


def test_export_then_import_round_trips(demo_db: Database, tmp_path: Path) -> None:
    from organizer.domain.records import PersonData
    from organizer.services.archive.export import export_archive, write_archive
    from organizer.store import open_database, sqlite_url

    photo = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
    people.create_person(demo_db, PersonData(given_name="<b>&", family_name="Oʻrinboyev", photo=photo,
                                             notes="line one\nline two"))
    first = export_archive(demo_db)
    path = tmp_path / "archive.json"
    write_archive(first, path)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    fresh = open_database(sqlite_url(tmp_path / "fresh.sqlite"))
    try:
        report = interchange.import_archive(fresh, interchange.load_archive_file(path))
        assert report.added["people"] == 7 and report.added["meetings"] == 4
        second = export_archive(fresh)
        assert second == first
        added = next(p for p in people.list_people_details(fresh) if p.data.given_name == "<b>&")
        assert people.person_photo(fresh, added.meta.id) == (photo, "image/png")
    finally:
        fresh.close()


def test_bad_photo_in_archive(db: Database) -> None:
    data = _demo()
    data["people"][0]["photo"] = {"media_type": "image/png", "base64": "%%%not base64"}
    with pytest.raises(ValidationError, match="not valid base64"):
        interchange.import_archive(db, data)
    data["people"][0]["photo"] = {"media_type": "image/png", "base64": "aGVsbG8="}
    with pytest.raises(ValidationError, match="not a JPEG, PNG"):
        interchange.import_archive(db, data)


def test_a_uid_twice_in_the_file_is_refused(db: Database) -> None:
    data = _demo()
    data["people"].append(dict(data["people"][0], given_name="Someone else"))
    with pytest.raises(ValidationError, match=r"people\[6\] \(demo:person:korzhikov\): uid: appears twice"):
        interchange.import_archive(db, data)
    assert _counts(db)["Person"] == 0


def test_references_to_records_of_the_file_need_no_uid_look_ups(db: Database) -> None:
    """The ids of the records the import creates come from the flushed records: no statement per
    reference or per new record looks a uid up (counted, so a per-record look-up cannot come back)."""
    from sqlalchemy import event

    data = _demo()
    lookups: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        flat = " ".join(statement.split()).lower()
        if ".uid = " in flat and not flat.startswith("insert"):
            lookups.append(flat)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        report = interchange.import_archive(db, data)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert report.added["institutions"] == len(data["institutions"]) > 1
    assert report.added["meetings"] == len(data["meetings"]) > 1
    assert lookups == []


def _tree(depth: int, width: int) -> list[dict[str, Any]]:
    """``width`` chains of ``depth`` institutions, each unit listed BEFORE its parent."""
    out = []
    for w in range(width):
        for d in reversed(range(depth)):
            out.append({"uid": f"i-{w}-{d}", "name": f"Unit {w}.{d}",
                        **({"parent": f"i-{w}-{d - 1}"} if d else {})})
    return out


def test_institutions_are_written_level_by_level(db: Database) -> None:
    """Units may come before their parents; the import writes the institutions a level at a time (a
    flush per level, not one per unit: each flush costs a unit-of-work pass), and every unit gets its
    parent."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    data = {"format": "organizer-archive", "version": 1, "institutions": _tree(depth=4, width=30)}
    flushes: list[int] = []

    def count(session: Any, _context: Any, _instances: Any) -> None:
        flushes.append(sum(isinstance(o, m.Institution) for o in session.new))

    event.listen(Session, "before_flush", count)
    try:
        report = interchange.import_archive(db, data)
    finally:
        event.remove(Session, "before_flush", count)
    assert report.added["institutions"] == 120
    assert [n for n in flushes if n] == [30, 30, 30, 30]  # a level each; it was a flush per unit
    with db.read_connection() as conn:
        rows = dict(conn.execute(select(m.Institution.uid, m.Institution.parent_id)).all())
        ids = dict(conn.execute(select(m.Institution.uid, m.Institution.id)).all())
    for w in range(30):
        assert rows[f"i-{w}-0"] is None
        for d in range(1, 4):
            assert rows[f"i-{w}-{d}"] == ids[f"i-{w}-{d - 1}"]


def test_an_institution_error_names_its_place_in_the_file(db: Database) -> None:
    """The import reorders institutions (parents first); a message still names the record's index in
    the file."""
    items = _tree(depth=3, width=2)
    bad = next(i for i, it in enumerate(items) if it["uid"] == "i-1-0")
    items[bad]["name"] = ""
    with pytest.raises(ValidationError, match=rf"institutions\[{bad}\] \(i-1-0\)"):
        interchange.import_archive(db, {"format": "organizer-archive", "version": 1, "institutions": items})
    assert _counts(db)["Institution"] == 0


@pytest.mark.parametrize(("section", "index", "mutate", "field"), [
    ("meetings", 1, lambda mt: mt.update(ends_at="2000-01-01T10:00"), "ends_at"),
    ("meetings", 1, lambda mt: mt.update(participants=[mt["participants"][0]] * 2), "participants[1]"),
    ("meetings", 1, lambda mt: mt.update(title=""), "title"),
    ("meetings", 1, lambda mt: mt.update(title="a\x07b"), "title"),
    ("visits", 0, lambda v: v.update(end_date="2000-01-01"), "end_date"),
    ("visits", 0, lambda v: v.update(participants=[v["participants"][0]] * 2), "participants[1]"),
    ("visits", 0, lambda v: v["participants"][0].update(precedence=10**7), "participants[0].precedence"),
    ("visits", 0, lambda v: v.update(gifts=[{"direction": "given", "description": ""}]), "gifts[0].description"),
    ("visits", 0, lambda v: v.update(logistics={"arrival_at": "2025-05-02T10:00", "departure_at": "2025-05-01T10:00"}),
     "logistics.departure_at"),
    ("followups", 2, lambda f: f.update(description=""), "description"),
    ("followups", 2, lambda f: f.update(notes="x" * 2_000_000), "notes"),
])
def test_sections_in_bulk_keep_the_services_rules(db: Database, section: str, index: int, mutate: Any,
                                                  field: str) -> None:
    """Visits, meetings and follow-ups are written in bulk: a record that breaks a rule of its service is
    named with its place in the file and the field, and nothing of the file is kept."""
    data = _demo()
    mutate(data[section][index])
    with pytest.raises(ValidationError) as info:
        interchange.import_archive(db, data)
    assert f"{section}[{index}] ({data[section][index]['uid']})" in str(info.value)
    assert any(key.startswith(field) for key in info.value.issues), info.value.issues
    assert all(n == 0 for n in _counts(db).values())


def test_a_followup_of_a_meeting_of_another_visit_is_refused(db: Database) -> None:
    data = _demo()
    meeting_visits = {mt["uid"]: mt.get("visit") for mt in data["meetings"]}
    followup = next(f for f in data["followups"] if f.get("meeting") and meeting_visits[f["meeting"]])
    other = dict(data["visits"][0], uid="other-visit", title="Another visit")
    data["visits"].append(other)
    followup["visit"] = "other-visit"
    with pytest.raises(ValidationError, match="belongs to another visit"):
        interchange.import_archive(db, data)
    assert all(n == 0 for n in _counts(db).values())


def test_meetings_in_bulk_are_stored_as_the_services_store_them(db: Database, tmp_path: Path) -> None:
    """Each imported meeting reads back exactly as the demo archive has it (participants, topics, times),
    follow-ups point at the meetings of the file, and a second import adds nothing."""
    from organizer.services import meetings

    data = _demo()
    data["meetings"][0]["topics"] = [*data["meetings"][0].get("topics", []), "A topic first named here"]
    report = interchange.import_archive(db, data)
    assert report.added["meetings"] == len(data["meetings"])
    with db.read_connection() as conn:
        ids = dict(conn.execute(select(m.Meeting.uid, m.Meeting.id)).all())
        owners = dict(conn.execute(select(m.FollowUp.uid, m.FollowUp.meeting_id)).all())
    with db.read_connection() as conn:
        people_ids = dict(conn.execute(select(m.Person.uid, m.Person.id)).all())
    for raw in data["meetings"]:
        stored = meetings.get_meeting(db, ids[raw["uid"]]).data
        assert stored.title == raw["title"] and stored.uid == raw["uid"]
        assert [(p.person_id, p.side.value, p.role.value) for p in stored.participants] == \
            [(people_ids[p["person"]], p["side"], p.get("role", "member")) for p in raw["participants"]]
        assert sorted(stored.topics) == sorted(raw.get("topics", []))
        assert stored.starts_at is not None and stored.starts_at.isoformat().startswith(raw["starts_at"])
        assert (stored.notes, stored.outcomes, stored.room) == \
            (raw.get("notes", ""), raw.get("outcomes", ""), raw.get("room", ""))
    for raw in data["followups"]:
        if raw.get("meeting"):
            assert owners[raw["uid"]] == ids[raw["meeting"]]
    again = interchange.import_archive(db, data)
    assert again.added["meetings"] == 0 and again.unchanged["meetings"] == len(data["meetings"])


def test_records_written_by_the_services_round_trip_through_the_bulk_import(demo_db: Database,
                                                                            tmp_path: Path) -> None:
    """A visit, a meeting and a follow-up created through the services (the ORM path) export and import
    (the bulk path) into the same archive: both paths store the same thing."""
    from dataclasses import replace

    from organizer.domain.enums import GiftDirection
    from organizer.domain.records import GiftData, Logistics
    from organizer.services import followups, meetings, visits
    from organizer.services.archive.export import export_archive
    from organizer.store import open_database, sqlite_url

    visit_id = visits.list_visits(demo_db)[0].id
    visit = visits.get_visit(demo_db, visit_id).data
    person = visit.participants[0].person_id
    new_visit = visits.create_visit(demo_db, replace(
        visit, uid=None, title="Return visit <b>&", topics=(*visit.topics, "Catalysis"),
        logistics=Logistics(lodging="Hotel\nroom 12", interpreter_needs="uz-ru"),
        gifts=(GiftData(GiftDirection.GIVEN, "Book «Kazan»", person),))).meta.id
    meeting_id = meetings.list_meetings(demo_db, visit_id)[0].id
    meeting = meetings.get_meeting(demo_db, meeting_id).data
    new_meeting = meetings.create_meeting(demo_db, replace(meeting, uid=None, visit_id=new_visit,
                                                           notes="# Notes\n- one", topics=("Catalysis",))).meta.id
    followups.create_followup(demo_db, FollowUpData(description="Send the programme", meeting_id=new_meeting,
                                                    owner_person_id=person, notes="by e-mail"))
    first = export_archive(demo_db)
    fresh = open_database(sqlite_url(tmp_path / "fresh.sqlite"))
    try:
        interchange.import_archive(fresh, first)
        assert export_archive(fresh) == first
    finally:
        fresh.close()


def test_a_loaded_archive_with_a_key_twice_is_refused_like_a_streamed_one(tmp_path: Path) -> None:
    """``load_archive_file`` (json.loads) refuses a top-level key written twice, as the streamed file does,
    instead of keeping the last list; a key twice inside a record is no concern of the file's shape."""
    path = tmp_path / "twice.json"
    path.write_text('{"format": "organizer-archive", "version": 1, "people": [{"uid": "a"}], '
                    '"people": [{"uid": "b"}]}', encoding="utf-8")
    with pytest.raises(ImportFormatError, match='"people" appears twice at the top level'):
        interchange.load_archive_file(path)
    with pytest.raises(ImportFormatError, match='"people" appears twice at the top level'):
        interchange.open_archive_file(path)
    nested = tmp_path / "nested.json"
    nested.write_text('{"format": "organizer-archive", "version": 1, "people": [{"uid": "a", "uid": "b"}]}',
                      encoding="utf-8")
    assert interchange.load_archive_file(nested)["people"] == [{"uid": "b"}]
