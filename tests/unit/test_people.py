"""People service: validation, positions over time, optimistic locking, lists, history."""

from __future__ import annotations

import sqlite3
import struct
import zlib
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from organizer.domain.errors import ConflictError, InUseError, NotFoundError, ValidationError
from organizer.domain.records import ContactEntry, InstitutionData, NameVariant, PersonData, PositionData
from organizer.services import browse, institutions, people
from organizer.services.archive import importer as interchange
from organizer.store import Database
from organizer.store import models as m


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"\x00\xff\x00\x00"
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _count(db: Database, model: type) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def kfu(db: Database) -> int:
    return institutions.create_institution(db, InstitutionData(name="Kazan Federal University")).meta.id


def test_create_person_with_everything(db: Database, kfu: int) -> None:
    detail = people.create_person(db, PersonData(
        given_name="Evgeny", family_name="Korzhikov", honorific="Mr.", form_of_address="Mr. First Deputy Chairman",
        name_variants=(NameVariant("Коржиков Евгений", "Cyrl", "ru"),),
        languages=("ru",), emails=(ContactEntry("e.korzhikov@example.uz", "work"),),
        phones=(ContactEntry("+998 71 123-45-67", "office"),), tags=("delegation", "delegation", "vip"),
        topics=("Petrochemicals",), photo=_png(),
        positions=(
            PositionData("Deputy Chairman", kfu, start_date=__import__("datetime").date(2015, 1, 1),
                         end_date=__import__("datetime").date(2019, 12, 31)),
            PositionData("First Deputy Chairman", kfu, start_date=__import__("datetime").date(2020, 1, 1)),
        ),
    ))
    assert detail.full_name == "Evgeny Korzhikov"
    assert detail.data.name_variants[0].name == "Коржиков Евгений"
    assert detail.data.tags == ("delegation", "vip")
    assert detail.has_photo
    # The open position became current automatically; the ended one did not.
    assert [(p.title, p.current) for p in detail.positions] == [
        ("First Deputy Chairman", True), ("Deputy Chairman", False)
    ]
    assert people.person_photo(db, detail.meta.id) == (_png(), "image/png")
    again = people.get_person(db, detail.meta.id)
    assert again.data.emails == (ContactEntry("e.korzhikov@example.uz", "work"),)
    assert again.data.topics == ("Petrochemicals",)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (PersonData(), "family_name"),
        (PersonData(given_name="A", emails=(ContactEntry("not-an-email"),)), "emails[0]"),
        (PersonData(given_name="A", phones=(ContactEntry("call me maybe"),)), "phones[0]"),
        (PersonData(given_name="A", notes="x" * 10_000_001), "notes"),
        (PersonData(given_name="A" * 301), "given_name"),
        (PersonData(given_name="A\x00B"), "given_name"),
        (PersonData(given_name="A", photo=b"GIF? no, just text"), "photo"),
        (PersonData(given_name="A", name_variants=(NameVariant(" "),)), "name_variants[0].name"),
    ],
)
def test_invalid_people_are_rejected_and_nothing_is_written(db: Database, data: PersonData, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        people.create_person(db, data)
    assert field in info.value.problems
    assert "\n" not in str(info.value)
    assert _count(db, m.Person) == 0


def test_position_rules(db: Database, kfu: int) -> None:
    from datetime import date

    with pytest.raises(ValidationError) as info:
        people.create_person(db, PersonData(family_name="X", positions=(
            PositionData("A", kfu, current=True), PositionData("B", kfu, current=True))))
    assert "only one can be" in info.value.problems["positions"]
    with pytest.raises(ValidationError) as info:
        people.create_person(db, PersonData(family_name="X", positions=(
            PositionData("A", kfu, start_date=date(2020, 1, 1), end_date=date(2019, 1, 1)),)))
    assert "positions[0].end_date" in info.value.problems
    with pytest.raises(ValidationError) as info:
        people.create_person(db, PersonData(family_name="X", positions=(PositionData("A", 4242),)))
    assert info.value.problems == {"positions[0].institution_id": "no institution with id 4242"}
    assert _count(db, m.Person) == 0 and _count(db, m.Position) == 0


def test_markup_in_names_is_stored_verbatim(db: Database) -> None:
    detail = people.create_person(db, PersonData(given_name="<b>&amp;", family_name="O'Brien & Sons"))
    assert people.get_person(db, detail.meta.id).full_name == "<b>&amp; O'Brien & Sons"


def test_update_replaces_and_checks_version(db: Database, kfu: int) -> None:
    created = people.create_person(db, PersonData(given_name="Ilnur", family_name="Khairullin",
                                                  positions=(PositionData("Dean", kfu, current=True),)))
    ident, version = created.meta.id, created.meta.version
    updated = people.update_person(db, ident, PersonData(
        given_name="Ilnur", family_name="Khairullin",
        positions=(PositionData("Vice-Rector", kfu, current=True), PositionData("Dean", kfu)),
    ), expected_version=version)
    assert updated.meta.version == version + 1
    assert (updated.positions[0].title, updated.positions[0].current) == ("Vice-Rector", True)
    with pytest.raises(ConflictError, match="changed elsewhere"):
        people.update_person(db, ident, PersonData(given_name="Stale"), expected_version=version)
    assert people.get_person(db, ident).data.given_name == "Ilnur"


def test_failed_update_leaves_record_unchanged(db: Database) -> None:
    created = people.create_person(db, PersonData(given_name="Rifkat", family_name="Minnikhanov",
                                                  emails=(ContactEntry("r@example.org"),)))
    with pytest.raises(ValidationError):
        people.update_person(db, created.meta.id, PersonData(given_name="Rifkat", emails=(ContactEntry("bad"),)))
    after = people.get_person(db, created.meta.id)
    assert after.data.family_name == "Minnikhanov"
    assert after.data.emails == (ContactEntry("r@example.org"),)
    assert after.meta.version == created.meta.version


def test_unknown_ids(db: Database) -> None:
    with pytest.raises(NotFoundError, match="no person with id 77"):
        people.get_person(db, 77)
    with pytest.raises(NotFoundError):
        people.delete_person(db, 77)


def test_delete_refuses_people_in_visits(demo_db: Database) -> None:
    korzhikov = next(p for p in people.list_people(demo_db) if p.full_name == "Evgeny Korzhikov")
    with pytest.raises(InUseError, match="1 visit, 4 meetings, 1 agreement") as info:
        people.delete_person(demo_db, korzhikov.id)
    assert info.value.uses == {"visits": 1, "meetings": 4, "agreements": 1}
    assert people.get_person(demo_db, korzhikov.id)


def test_delete_person_removes_their_parts(db: Database, kfu: int) -> None:
    p = people.create_person(db, PersonData(family_name="Gone", emails=(ContactEntry("g@example.org"),),
                                            positions=(PositionData("T", kfu),)))
    people.delete_person(db, p.meta.id, expected_version=p.meta.version)
    assert _count(db, m.Person) == 0 and _count(db, m.PersonEmail) == 0 and _count(db, m.Position) == 0


def test_lazy_list_api_orders_by_family_name_and_keeps_requested_order(db: Database) -> None:
    names = [("Zarina", "Abdullaeva"), ("Anna", "Zhukova"), ("Bakhtiyor", "Mirzaev"), ("", "Ng")]
    ids = [people.create_person(db, PersonData(given_name=g, family_name=f)).meta.id for g, f in names]
    ordered = people.person_ids(db)
    assert [r.full_name for r in browse.people_rows(db, ordered)] == [
        "Zarina Abdullaeva", "Bakhtiyor Mirzaev", "Ng", "Anna Zhukova"
    ]
    assert people.person_ids(db, descending=True) == list(reversed(ordered))
    assert [r.id for r in browse.people_rows(db, [ids[2], 999, ids[0]])] == [ids[2], ids[0]]


def test_history_lists_visit_and_meetings_in_order(demo_db: Database) -> None:
    minnikhanov = next(p for p in people.list_people(demo_db) if p.full_name == "Rifkat Minnikhanov")
    history = people.person_history(demo_db, minnikhanov.id)
    assert [(a.kind, a.side.value) for a in history.attended] == [("visit", "host"), ("meeting", "host")]
    assert history.attended[1].title.startswith("Meeting with the President of the Academy")
    assert history.positions[0].title == "President"


def test_concurrent_edit_of_the_same_row_is_a_conflict(db: Database, db_path: Path) -> None:
    """Two edits of version 1 at once: the second writer waits for the first (no "database is locked"),
    then is refused with the conflict message (optimistic locking), its change not written over the first."""
    import threading

    created = people.create_person(db, PersonData(given_name="Mikhail", family_name="Varfolomeyev"))
    outcome: list[BaseException | None] = []
    first_holds_lock = threading.Event()

    def second_edit() -> None:
        first_holds_lock.wait()
        try:
            people.update_person(db, created.meta.id, PersonData(given_name="Mikhail", family_name="Varfolomeev",
                                                                  notes="edited from a stale copy"),
                                 expected_version=1)
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=second_edit)
    worker.start()
    with db.unit_of_work() as first:
        row = first.get(m.Person, created.meta.id)  # BEGIN IMMEDIATE: the write lock is ours now
        assert row is not None
        first_holds_lock.set()
        worker.join(timeout=0.5)
        assert worker.is_alive(), "the second writer must wait for the first"
        row.family_name = "Varfolomeyev-Kazansky"
    worker.join(timeout=15)
    assert len(outcome) == 1 and isinstance(outcome[0], ConflictError), outcome
    assert "changed elsewhere" in str(outcome[0]) and "locked" not in str(outcome[0])
    after = people.get_person(db, created.meta.id)
    assert (after.data.family_name, after.data.notes, after.meta.version) == ("Varfolomeyev-Kazansky", "", 2)


def test_stale_copy_written_later_is_a_conflict(db: Database) -> None:
    """An object read earlier (version 1) and saved after someone else's save: version check refuses it."""
    created = people.create_person(db, PersonData(given_name="Ilnur", family_name="Khairullin"))
    with db.reader() as session:
        stale = session.get(m.Person, created.meta.id)
        assert stale is not None
        session.expunge(stale)
    people.update_person(db, created.meta.id, PersonData(given_name="Ilnur", family_name="Khayrullin"))
    with pytest.raises(ConflictError, match="changed or deleted elsewhere"), db.unit_of_work() as session:
        stale = session.merge(stale, load=False)
        stale.notes = "from the stale copy"
    assert people.get_person(db, created.meta.id).data.notes == ""


def test_editing_from_a_detail_keeps_positions_and_photo(db: Database, kfu: int) -> None:
    """The edit round trip a form does: read the detail, change one field, save it back."""
    from dataclasses import replace

    created = people.create_person(db, PersonData(given_name="Mikhail", family_name="Varfolomeyev", photo=_png(),
                                                  positions=(PositionData("Director", kfu, current=True),)))
    detail = people.get_person(db, created.meta.id)
    assert detail.data.photo is None  # details never carry the photo bytes
    edited = people.update_person(db, detail.meta.id, replace(detail.data, notes="met in Kazan"),
                                  expected_version=detail.meta.version)
    assert [(p.title, p.current) for p in edited.positions] == [("Director", True)]
    assert people.person_photo(db, created.meta.id) == (_png(), "image/png")
    removed = people.set_person_photo(db, created.meta.id, None)
    assert not removed.has_photo and people.person_photo(db, created.meta.id) is None
    with pytest.raises(ValidationError, match="not a JPEG"):
        people.set_person_photo(db, created.meta.id, b"<svg/>")


def test_long_lists_are_fetched_in_batches(db: Database, db_path: Path) -> None:
    """More people than one batch, under a SQLite variable limit far below the count, still list completely."""
    interchange.import_archive(db, {"format": "organizer-archive", "version": 1, "people": [
        {"uid": f"p{i}", "given_name": "Test", "family_name": f"Person{i:04d}"} for i in range(1203)]})
    db.engine.dispose()

    @event.listens_for(db.engine, "connect")
    def small_variable_limit(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 600)

    rows = people.list_people(db)
    details = list(people.iter_people_details(db, batch=500))
    assert len(rows) == len(details) == 1203
    assert [r.full_name for r in rows[:2]] == ["Test Person0000", "Test Person0001"]
    assert [d.meta.id for d in details] == [r.id for r in rows]


def test_listing_holds_the_values_of_the_details_on_every_engine(demo_db: Database, kfu: int) -> None:
    """``iter_people_listing`` reads driver rows directly (dates as text on SQLite, dates and bools from
    psycopg, JSON as text or lists): its JSON equals that of the details, across small pages."""
    from organizer.cli import jsonout

    many = people.create_person(demo_db, PersonData(
        given_name="Zarina", family_name="Zakirova", languages=("uz", "ru"),
        name_variants=(NameVariant("Зарина Закирова", "Cyrl", "ru"),),
        emails=(ContactEntry("z@example.org", "work"),), tags=("delegate",),
        positions=(PositionData("Dean", kfu, start_date=date(2019, 9, 1), end_date=date(2022, 8, 31)),
                   PositionData("Rector", kfu, start_date=date(2022, 9, 1), current=True),
                   PositionData("Adviser", kfu)),
    )).meta.id
    listing = [jsonout.person_listing(p) for p in people.iter_people_listing(demo_db, batch=3)]
    details = [jsonout.person(d) for d in people.iter_people_details(demo_db, batch=3)]
    assert listing == details
    assert len(listing) > 3
    (mine,) = [p for p in listing if p["id"] == many]
    assert [(q["title"], q["start_date"], q["end_date"], q["current"]) for q in mine["positions"]] == [
        ("Rector", "2022-09-01", None, True), ("Dean", "2019-09-01", "2022-08-31", False),
        ("Adviser", None, None, False)]
    assert mine["languages"] == ["uz", "ru"]
