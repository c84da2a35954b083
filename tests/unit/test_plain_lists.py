"""The command line's plain lists and records (``store.plain_lists``, ``store.plain_shows`` through
``services.plain``: sqlite3 on a SQLite file, no SQLAlchemy, no record classes; issue 20 point 5) against
the services' reads written through ``cli.jsonout``: the same objects, hence the same bytes in JSON and in
the plain-text tables and sheets, on the demo and on records that use every part of each kind (language
variants, an institution tree with a name that starts with a quote and a cycle-free chain, both sides'
institutions and participants with precedence, topics, gifts, logistics times, owners of both kinds,
done follow-ups, parties, escorts, undated records). A column read by one road and not the other fails here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from organizer.cli import jsonout, text
from organizer.domain.enums import (
    AgreementStatus,
    FollowUpStatus,
    Gender,
    GiftDirection,
    ParticipantRole,
    ProgrammeItemKind,
    RecordKind,
    Side,
    VisitStatus,
)
from organizer.domain.errors import NotFoundError, ValidationError
from organizer.domain.records import (
    AgreementData,
    ContactEntry,
    FollowUpData,
    GiftData,
    InstitutionData,
    Logistics,
    MeetingData,
    MeetingParticipantData,
    NameVariant,
    ParticipantData,
    PersonData,
    PositionData,
    ProgrammeItemData,
    TextVariant,
    VisitData,
    VisitInstitutionData,
)
from organizer.domain.rows import stored_variants
from organizer.domain.variants import from_mapping, to_mapping
from organizer.services import agreements, followups, institutions, meetings, people, plain, programme, visits
from organizer.store import Database


def _sqlite(db: Database) -> Path:
    if db.path is None:
        pytest.skip("the plain reads are for SQLite files")
    return db.path


def _fill(db: Database) -> dict[str, int]:
    """Records beyond the demo's, using every part of each kind; their ids by name."""
    ru = (TextVariant("short_name", "ru", "Академия"), TextVariant("city", "tt", "Казан"))
    top = institutions.create_institution(db, InstitutionData(
        name="«Academy» of Sciences", short_name="AS", country="Russia", city="Kazan", address="1 Lenin St",
        website="https://as.example", profile="Research.\nTwo lines.", topics=("science", "catalysis"),
        name_variants=(NameVariant("Академия наук", "Cyrl", "ru"),), variants=ru)).meta.id
    unit = institutions.create_institution(db, InstitutionData(name="Institute of Chemistry", parent_id=top)).meta.id
    deeper = institutions.create_institution(db, InstitutionData(name="'Lab' of Catalysis", parent_id=unit)).meta.id
    sibling = institutions.create_institution(db, InstitutionData(name="academy library", parent_id=top)).meta.id
    who = people.create_person(db, PersonData(
        given_name="Gulnara", family_name="Safina", gender=Gender.FEMALE, academic_title="Doctor of Sciences",
        name_variants=(NameVariant("Гульнара Сафина", "Cyrl", "ru"),), tags=("science",), topics=("catalysis",),
        emails=(ContactEntry("g@kpfu.ru", "work"),), phones=(ContactEntry("+7 843 233-71-09", ""),),
        variants=(TextVariant("academic_title", "ru", "Доктор наук"), TextVariant("given_name", "ru", "Гульнара")),
        positions=(
            PositionData("Director", unit, date(2020, 1, 1), None, True), PositionData("Fellow", deeper),
            PositionData("Professor", top, date(2010, 9, 1), date(2019, 12, 31)))))
    other = people.create_person(db, PersonData(display_name="Wang Fang", positions=(
        PositionData("Adviser", top, date(2022, 3, 1), None, False),)))
    third = people.create_person(db, PersonData(given_name="Ilnur", middle_name="R.", family_name="Khairullin"))
    ids = [who.meta.id, other.meta.id, third.meta.id]
    visit = visits.create_visit(db, VisitData(
        title="Academy visit", start_date=date(2024, 5, 6), end_date=date(2024, 5, 8), place="Kazan",
        status=VisitStatus.UNDER_WAY, purpose="Talks", summary="Long\nsummary", desired_outcomes="A deal",
        key_messages="Be kind", sensitivities="None", topics=("science",),
        institutions=(VisitInstitutionData(sibling, Side.HOST), VisitInstitutionData(top, Side.GUEST),
                      VisitInstitutionData(unit, Side.HOST)),
        participants=(ParticipantData(ids[2], Side.HOST, ParticipantRole.HOST_LEAD, 0),
                      ParticipantData(ids[0], Side.GUEST, ParticipantRole.MEMBER, 2),
                      ParticipantData(ids[1], Side.GUEST, ParticipantRole.MEMBER, 1)),
        logistics=Logistics(arrival_at=datetime(2024, 5, 6, 9, 15), arrival_details="SU 1234", lodging="Hotel",
                            departure_at=datetime(2024, 5, 8, 18, 0)),
        gifts=(GiftData(GiftDirection.GIVEN, "A vase", ids[0], (TextVariant("description", "ru", "Ваза"),)),
               GiftData(GiftDirection.RECEIVED, "A book")),
        variants=(TextVariant("title", "ru", "Визит в академию"), TextVariant("place", "tt", "Казан")))).meta.id
    undated = visits.create_visit(db, VisitData(title="Some day")).meta.id
    talks = meetings.create_meeting(db, MeetingData(
        title="Talks", visit_id=visit, starts_at=datetime(2024, 5, 6, 10, 30), ends_at=datetime(2024, 5, 6, 12, 0),
        venue_institution_id=unit, room="Hall 2", objectives="Agree", talking_points="One", agenda="1. Open",
        notes="n", outcomes="o", topics=("catalysis", "science"),
        participants=(MeetingParticipantData(ids[2], Side.HOST), MeetingParticipantData(ids[0], Side.GUEST),
                      MeetingParticipantData(ids[1], Side.GUEST, ParticipantRole.HEAD_OF_DELEGATION)),
        variants=(TextVariant("title", "ru", "Переговоры"),))).meta.id
    meetings.create_meeting(db, MeetingData(title="Call", visit_id=undated))
    meetings.create_meeting(db, MeetingData(title="Alone", starts_at=datetime(2023, 1, 2, 9, 0)))
    for data in (
        FollowUpData("Send the draft", due_date=date(2024, 6, 1), owner_person_id=ids[0], owner_institution_id=top,
                     meeting_id=talks, variants=(TextVariant("description", "ru", "Отправить проект"),)),
        FollowUpData("Book rooms", owner_institution_id=unit, visit_id=visit),
        FollowUpData("Thank them", status=FollowUpStatus.DONE, due_date=date(2024, 5, 10), owner_person_id=ids[2],
                     visit_id=visit, done_on=date(2024, 5, 9), done_note="By letter"),
        FollowUpData("Maybe later", status=FollowUpStatus.DROPPED),
    ):
        followups.create_followup(db, data)
    for data in (
        AgreementData("Memorandum", status=AgreementStatus.SIGNED, party_ids=(unit, top), signed_date=date(2024, 5, 7),
                      valid_until=date(2029, 5, 7), visit_id=visit,
                      variants=(TextVariant("title", "ru", "Меморандум"),)),
        AgreementData("Draft plan", party_ids=(sibling,), visit_id=visit),
    ):
        agreements.create_agreement(db, data)
    for data in (
        ProgrammeItemData(visit, ProgrammeItemKind.ARRIVAL, datetime(2024, 5, 6, 9, 15), datetime(2024, 5, 6, 10, 0),
                          "Arrival", "Airport", ids[2], "Car", "Flowers",
                          variants=(TextVariant("title", "ru", "Прилёт"),)),
        ProgrammeItemData(visit, ProgrammeItemKind.MEAL, datetime(2024, 5, 6, 13, 0), None, "Lunch"),
    ):
        programme.create_programme_item(db, data)
    return {"top": top, "unit": unit, "deeper": deeper, "visit": visit, "undated": undated, "talks": talks}


@pytest.fixture
def filled(demo_db: Database) -> tuple[Database, dict[str, int]]:
    _sqlite(demo_db)
    return demo_db, _fill(demo_db)


def _same(plain_items: Any, core_items: Any) -> None:
    """Equal objects, and the same JSON text (the order of keys included)."""
    assert plain_items == core_items
    assert json.dumps(plain_items, ensure_ascii=False) == json.dumps(core_items, ensure_ascii=False)


def _lists(db: Database, visit_id: int | None = None, status: str | None = None) -> None:
    cases: list[tuple[RecordKind, list[dict[str, Any]]]] = [
        (RecordKind.MEETING, [jsonout.meeting(r) for r in meetings.list_meetings(db, visit_id=visit_id)]),
        (RecordKind.FOLLOWUP, [jsonout.followup(r) for r in followups.list_followups(db, status=status,
                                                                                   visit_id=visit_id)]),
        (RecordKind.PROGRAMME_ITEM,
         [jsonout.programme_item(r) for r in programme.list_programme(db, visit_id=visit_id)]),
    ]
    if visit_id is None and status is None:
        cases += [(RecordKind.INSTITUTION, [jsonout.institution(r) for r in institutions.list_institutions(db)]),
                  (RecordKind.AGREEMENT, [jsonout.agreement(r) for r in agreements.list_agreements(db)])]
    for kind, core in cases:
        mine = plain.list_items(db, kind, visit_id=visit_id, status=status)
        _same(mine, core)
        assert text.table(kind, mine) == text.table(kind, core)


def _shows(db: Database) -> None:
    for kind, ids, read in (
        (RecordKind.INSTITUTION, institutions.list_institutions(db),
         lambda i: jsonout.institution_full(institutions.get_institution(db, i))),
        (RecordKind.VISIT, visits.list_visits(db), lambda i: jsonout.visit_full(visits.get_visit(db, i))),
        (RecordKind.MEETING, meetings.list_meetings(db), lambda i: jsonout.meeting_full(meetings.get_meeting(db, i))),
        (RecordKind.PROGRAMME_ITEM, programme.list_programme(db),
         lambda i: jsonout.programme_item_full(programme.get_programme_item(db, i))),
    ):
        assert ids, kind
        for row in ids:
            mine = plain.show_item(db, kind, row.id)
            _same(mine, read(row.id))
            assert text.record(kind, mine) == text.record(kind, read(row.id))


def test_the_lists_are_the_services_lists(filled: tuple[Database, dict[str, int]]) -> None:
    db, made = filled
    _lists(db)
    _lists(db, visit_id=made["visit"])
    _lists(db, visit_id=made["undated"])
    _lists(db, visit_id=999_999)
    for status in ("open", "done", "dropped", "Done"):
        _lists(db, status=status)
    _lists(db, visit_id=made["visit"], status="done")


def test_the_people_listing_is_the_services_listing(filled: tuple[Database, dict[str, int]]) -> None:
    """``list people``: the plain listing (``people_read.plain_listing``) gives the services' ``PersonListing``
    rows, also across pages (a batch of 2), and so the same JSON."""
    db, _ = filled
    for batch in (2, 500):
        mine = list(plain.people_listing(db, batch))
        core = list(people.iter_people_listing(db, batch))
        assert len(mine) >= 9 and mine == core
        _same([jsonout.person_listing(p) for p in mine], [jsonout.person_listing(p) for p in core])
    assert any(len(p.positions) > 1 for p in mine) and any(p.names for p in mine)
    written = json.dumps([jsonout.person_listing(p) for p in mine], ensure_ascii=False)
    assert '"gender": "female"' in written and '"academic_title": "Doctor of Sciences"' in written  # generic fields


def test_the_records_are_the_services_records(filled: tuple[Database, dict[str, int]]) -> None:
    _shows(filled[0])


def test_the_records_compared_use_every_part(filled: tuple[Database, dict[str, int]]) -> None:
    """What the comparisons above cover really holds what the roads could read differently."""
    db, made = filled
    top = plain.show_item(db, RecordKind.INSTITUTION, made["top"])
    assert top["variants"] == {"city": {"tt": "Казан"}, "short_name": {"ru": "Академия"}}
    assert [u["name"] for u in top["units"]] == ["academy library", "Institute of Chemistry"]
    assert top["topics"] == ["catalysis", "science"] and top["name_variants"] == ["Академия наук"]
    assert len(top["people"]) == 2 and top["people"][0]["current"]
    assert plain.show_item(db, RecordKind.INSTITUTION, made["deeper"])["path"] == [
        "«Academy» of Sciences", "Institute of Chemistry", "'Lab' of Catalysis"]
    visit = plain.show_item(db, RecordKind.VISIT, made["visit"])
    assert [(p["side"], p["precedence"]) for p in visit["participants"]] == [("guest", 1), ("guest", 2), ("host", 0)]
    assert [i["side"] for i in visit["institutions"]] == ["guest", "host", "host"]
    assert visit["logistics"]["arrival_at"] == "2024-05-06T09:15:00" and visit["gifts"][0]["variants"]
    assert visit["participants"][1]["title"] == "Director"  # the current post before the newer one held no more
    assert len(visit["meetings"]) == 1 and len(visit["followups"]) == 3 and len(visit["agreements"]) == 2
    assert len(visit["programme"]) == 2 and visit["programme"][0]["escort"] == "Ilnur R. Khairullin"
    talks = plain.show_item(db, RecordKind.MEETING, made["talks"])
    assert talks["participants"] == ["Gulnara Safina", "Wang Fang", "Ilnur R. Khairullin"]  # guests first, as entered
    assert talks["venue"] == "Institute of Chemistry" and talks["followups"][0]["owner"] == (
        "Gulnara Safina / «Academy» of Sciences")
    listed = plain.list_items(db, RecordKind.FOLLOWUP)
    assert [f["status"] for f in listed][-2:] == ["done", "dropped"] and listed[-2]["done_note"] == "By letter"
    assert any(m["starts_at"] is None for m in plain.list_items(db, RecordKind.MEETING))


def test_unknown_records_and_statuses_fail_as_the_services_do(filled: tuple[Database, dict[str, int]]) -> None:
    db, _ = filled
    for kind in (RecordKind.INSTITUTION, RecordKind.VISIT, RecordKind.MEETING, RecordKind.PROGRAMME_ITEM):
        with pytest.raises(NotFoundError) as mine:
            plain.show_item(db, kind, 999_999)
        with pytest.raises(NotFoundError) as core:
            {RecordKind.INSTITUTION: institutions.get_institution, RecordKind.VISIT: visits.get_visit,
             RecordKind.MEETING: meetings.get_meeting, RecordKind.PROGRAMME_ITEM: programme.get_programme_item}[kind](
                db, 999_999)
        assert str(mine.value) == str(core.value)
    with pytest.raises(ValidationError) as bad:
        plain.list_items(db, RecordKind.FOLLOWUP, status="finished")
    with pytest.raises(ValidationError) as core_bad:
        followups.list_followups(db, status="finished")
    assert str(bad.value) == str(core_bad.value)


def test_demo_only(demo_db: Database) -> None:
    """On the demo as loaded (nothing added), every list and record the same both ways."""
    _sqlite(demo_db)
    _lists(demo_db)
    _shows(demo_db)


def test_stored_variants_read_as_the_variants_module_reads_them() -> None:
    for stored in ({}, None, [], "x", {"title": "x"}, {"title": {"ru": ""}}, {"title": {"ru": 3, "en": "T"}},
                   {"z": {"b": "2", "a": "1"}, "a": {"ru": "р"}}, {"title": {}}):
        assert stored_variants(stored) == to_mapping(from_mapping(stored))  # type: ignore[arg-type]


def test_the_commands_import_no_sqlalchemy_and_no_record_classes(filled: tuple[Database, dict[str, int]]) -> None:
    """Each list and show in a process of its own: neither SQLAlchemy nor ``domain.records`` is imported (but by
    ``list people``, whose rows are the services' ``PersonListing``), and the output is what the services' road
    wrote in this process."""
    db, made = filled
    path = _sqlite(db)
    probe = ("import sys; from organizer.cli.main import main; code = main(sys.argv[1:]); "
             "loaded = [m for m in sys.modules if m.startswith('sqlalchemy') or m == 'organizer.domain.records' "
             "and sys.argv[3:5] != ['list', 'people']]; "
             "assert not loaded, loaded; sys.exit(code)")
    for args, expected in (
        (("list", "people", "--json"), [jsonout.person_listing(p) for p in people.iter_people_listing(db)]),
        (("list", "institutions", "--json"), [jsonout.institution(r) for r in institutions.list_institutions(db)]),
        (("list", "meetings", "--json"), [jsonout.meeting(r) for r in meetings.list_meetings(db)]),
        (("list", "followups", "--json"), [jsonout.followup(r) for r in followups.list_followups(db)]),
        (("list", "agreements", "--json"), [jsonout.agreement(r) for r in agreements.list_agreements(db)]),
        (("list", "programme", "--json"), [jsonout.programme_item(r) for r in programme.list_programme(db)]),
        (("show", "visit", str(made["visit"]), "--json"), jsonout.visit_full(visits.get_visit(db, made["visit"]))),
        (("show", "institution", str(made["top"]), "--json"),
         jsonout.institution_full(institutions.get_institution(db, made["top"]))),
        (("show", "meeting", str(made["talks"]), "--json"),
         jsonout.meeting_full(meetings.get_meeting(db, made["talks"]))),
    ):
        result = subprocess.run([sys.executable, "-c", probe, "--db", str(path), *args], capture_output=True,
                                text=True)
        assert result.returncode == 0, (args, result.stderr)
        assert json.loads(result.stdout) == expected, args
