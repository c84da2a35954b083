"""The command line's plain reads (``store.plain_reads``: ``list visits`` and ``show person`` with sqlite3 on a
SQLite file, issue 20 point 5) against the services' reads through SQLAlchemy: the same domain values and
the same JSON, on the demo and on records that use every part of a person's record (language variants,
generic fields, several positions, contacts, name variants, visits and meetings attended, undated
ones). A new column or field read by one road and not the other fails here.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from organizer.cli import jsonout
from organizer.domain.enums import Gender, ParticipantRole, Side, VisitDirection, VisitStatus
from organizer.domain.errors import NotFoundError
from organizer.domain.records import (
    ContactEntry,
    InstitutionData,
    MeetingData,
    MeetingParticipantData,
    NameVariant,
    ParticipantData,
    PersonData,
    PositionData,
    TextVariant,
    VisitData,
)
from organizer.services import institutions, meetings, people, visits
from organizer.store import Database, plain_reads

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import floors  # bench/ is not a package: found through sys.path above


def _sqlite(db: Database) -> Path:
    if db.path is None:
        pytest.skip("the plain reads are for SQLite files")
    return db.path


def _fill(db: Database) -> int:
    """Records beyond the demo's: a person using every part of the record; returns that person's id."""
    a = institutions.create_institution(db, InstitutionData(name="Kazan Federal University")).meta.id
    b = institutions.create_institution(db, InstitutionData(name="Академия наук")).meta.id
    who = people.create_person(db, PersonData(
        given_name="Gulnara", middle_name="Rustamovna", family_name="Safina", honorific="Prof.",
        form_of_address="Dear Professor", gender=Gender.FEMALE, academic_title="Doctor of Sciences",
        name_variants=(NameVariant("Гульнара Сафина", "Cyrl", "ru"), NameVariant("Gulnara Safina", "Latn", "en")),
        languages=("tt", "ru", "en"), biography="Chemist.\nTwo lines.", dietary_needs="halal",
        interpreter_needs="Tatar-English", emails=(ContactEntry("g@kpfu.ru", "work"), ContactEntry("g@home.ru", "")),
        phones=(ContactEntry("+7 843 233-71-09", "office"),), tags=("science", "alumni"), notes="Met in 2024",
        topics=("catalysis", "education"),
        positions=(PositionData("Rector", a, date(2020, 1, 1), None, True,
                                variants=(TextVariant("title", "ru", "Ректор"), TextVariant("title", "tt", "Ректор"))),
                   PositionData("Professor", a, date(2010, 9, 1), date(2019, 12, 31)),
                   PositionData("Member", b, None, None),
                   PositionData("Adviser", b)),
        variants=(TextVariant("biography", "ru", "Химик."), TextVariant("academic_title", "ru", "Доктор наук"),
                  TextVariant("given_name", "ru", "Гульнара")),
    )).meta.id
    plain = people.create_person(db, PersonData(display_name="Wang Fang")).meta.id
    dated = visits.create_visit(db, VisitData(
        title="Academy visit", direction=VisitDirection.OUTGOING, start_date=date(2024, 5, 6),
        end_date=date(2024, 5, 8), place="Moscow", status=VisitStatus.DONE,
        participants=(ParticipantData(who, Side.HOST, ParticipantRole.HOST_LEAD),
                      ParticipantData(plain, Side.GUEST)))).meta.id
    undated = visits.create_visit(db, VisitData(title="Some day",
                                                participants=(ParticipantData(who, Side.GUEST),))).meta.id
    for title, when, visit in (("Talks", datetime(2024, 5, 6, 10, 30), dated),
                               ("Dinner", datetime(2024, 5, 6, 19, 0), dated), ("Call", None, undated),
                               ("Alone", datetime(2023, 1, 2, 9, 0), None)):
        meetings.create_meeting(db, MeetingData(title=title, visit_id=visit, starts_at=when,
                                                participants=(MeetingParticipantData(who, Side.HOST),)))
    return who


@pytest.fixture
def filled(demo_db: Database) -> tuple[Database, int]:
    _sqlite(demo_db)
    return demo_db, _fill(demo_db)


def test_list_visits_is_the_services_list(filled: tuple[Database, int]) -> None:
    db, _ = filled
    with db.plain_reader() as con:
        plain = plain_reads.list_visits(con)
    assert plain == visits.list_visits(db)
    assert len(plain) >= 3 and any(v.start_date is None for v in plain) and any(v.meeting_count > 1 for v in plain)
    assert [jsonout.visit(v) for v in plain] == [jsonout.visit(v) for v in visits.list_visits(db)]


def test_every_person_is_the_services_record(filled: tuple[Database, int]) -> None:
    db, who = filled
    ids = people.person_ids(db)
    assert who in ids and len(ids) > 5
    with db.plain_reader() as con:
        for ident in ids:
            plain = plain_reads.person_record(con, ident)
            core = people.person_record(db, ident)
            assert plain == core, ident
            assert json.dumps(jsonout.person_full(*plain), ensure_ascii=False) == json.dumps(
                jsonout.person_full(*core), ensure_ascii=False), ident


def test_the_full_person_uses_every_part(filled: tuple[Database, int]) -> None:
    """The record compared above really holds what the roads could read differently."""
    db, who = filled
    with db.plain_reader() as con:
        detail, history = plain_reads.person_record(con, who)
    out = jsonout.person_full(detail, history)
    assert out["gender"] == "female" and out["academic_title"] == "Doctor of Sciences"
    assert len(out["positions"]) == 4 and out["position_variants"] and out["variants"]["biography"]
    assert out["languages"] == ["tt", "ru", "en"] and len(out["name_variant_details"]) == 2
    assert [h["kind"] for h in out["history"]] == ["visit", "meeting", "meeting", "visit", "meeting", "meeting"]
    assert isinstance(detail.meta.created_at, datetime) and detail.positions[0].current is True


def test_a_missing_person_is_not_found(filled: tuple[Database, int]) -> None:
    db, _ = filled
    with db.plain_reader() as con, pytest.raises(NotFoundError):
        plain_reads.person_record(con, 999_999)


def _run(path: Path, *args: str) -> str:
    probe = ("import sys; from organizer.cli.main import main; code = main(sys.argv[1:]); "
             "assert not [m for m in sys.modules if m.startswith('sqlalchemy')], 'sqlalchemy imported'; "
             "sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", probe, "--db", str(path), *args], capture_output=True,
                            text=True, check=True)
    return result.stdout


def test_the_commands_write_the_floors_bytes_without_sqlalchemy(filled: tuple[Database, int]) -> None:
    """``organizer list visits --json`` and ``show person ID --json`` in a process of their own: SQLAlchemy
    never imported, the output the same bytes as ``bench/floors.py`` writes with sqlite3 and json."""
    db, who = filled
    path = _sqlite(db)
    con = sqlite3.connect(path)
    try:
        out: list[str] = []

        class Sink:
            write = staticmethod(out.append)

        floors.list_visits(con, Sink())  # type: ignore[arg-type]
        assert _run(path, "list", "visits", "--json") == "".join(out)
        for ident in (1, who):
            assert _run(path, "show", "person", str(ident), "--json") == floors.show_person(con, ident)
    finally:
        con.close()


def test_demo_only(demo_db: Database) -> None:
    """On the demo as loaded (nothing added), every person and the visits the same both ways."""
    _sqlite(demo_db)
    with demo_db.plain_reader() as con:
        assert plain_reads.list_visits(con) == visits.list_visits(demo_db)
        for ident in people.person_ids(demo_db):
            assert plain_reads.person_record(con, ident) == people.person_record(demo_db, ident)

