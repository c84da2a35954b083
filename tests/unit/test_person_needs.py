"""A person's dietary and interpretation needs: stored, edited, listed, exported, imported, erased,
shown in ``show person --json`` and in the visit briefing (each delegate's own need next to the visit's)."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest

from organizer.briefing import render_visit_briefing
from organizer.cli import jsonout
from organizer.domain.errors import ValidationError
from organizer.domain.records import PersonData
from organizer.services import briefing, erase, people
from organizer.services._checks import TEXT_LIMIT
from organizer.services.archive import export as archive_export
from organizer.services.archive import importer as interchange
from organizer.services.demo import load_demo
from organizer.store import Database

HALAL = "Halal; no alcohol at receptions"
INTERPRETER = "Uzbek–Russian, consecutive"


def _korzhikov(db: Database) -> int:
    return next(p.id for p in people.list_people(db) if p.full_name == "Evgeny Korzhikov")


def test_needs_are_stored_edited_and_cleared(db: Database) -> None:
    created = people.create_person(db, PersonData(family_name="Salomov", dietary_needs=HALAL,
                                                  interpreter_needs=INTERPRETER))
    assert (created.data.dietary_needs, created.data.interpreter_needs) == (HALAL, INTERPRETER)
    edited = people.update_person(db, created.meta.id, replace(created.data, dietary_needs="Vegetarian"))
    assert people.get_person(db, created.meta.id).data.dietary_needs == "Vegetarian"
    assert edited.data.interpreter_needs == INTERPRETER, "an edit of one need leaves the other alone"
    cleared = people.update_person(db, created.meta.id, replace(edited.data, dietary_needs="", interpreter_needs=""))
    assert (cleared.data.dietary_needs, cleared.data.interpreter_needs) == ("", "")


def test_a_runaway_paste_is_refused_naming_the_field(db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        people.create_person(db, PersonData(family_name="Long", dietary_needs="x" * (TEXT_LIMIT + 1)))
    assert "dietary_needs" in caught.value.problems
    assert people.list_people(db) == []


def test_listing_and_show_json_carry_the_needs(db: Database) -> None:
    ident = people.create_person(db, PersonData(family_name="Salomov", dietary_needs=HALAL,
                                                interpreter_needs=INTERPRETER)).meta.id
    shown = jsonout.person_full(*people.person_record(db, ident))
    assert (shown["dietary_needs"], shown["interpreter_needs"]) == (HALAL, INTERPRETER)
    (listed,) = [jsonout.person_listing(p) for p in people.iter_people_listing(db)]
    assert listed == jsonout.person(people.get_person(db, ident)), "list and show agree"
    assert listed["dietary_needs"] == HALAL


def test_archive_round_trip_and_older_archives_without_needs(db: Database, tmp_path: Any) -> None:
    load_demo(db)  # the demo archive predates the needs: it imports, with empty needs
    ident = _korzhikov(db)
    assert people.get_person(db, ident).data.dietary_needs == ""
    before = people.get_person(db, ident)
    people.update_person(db, ident, replace(before.data, dietary_needs=HALAL, interpreter_needs=INTERPRETER))
    archive = archive_export.export_archive(db)
    record = next(p for p in archive["people"] if p["uid"] == before.meta.uid)
    assert (record["dietary_needs"], record["interpreter_needs"]) == (HALAL, INTERPRETER)

    from organizer.store import open_database, sqlite_url

    fresh = open_database(sqlite_url(tmp_path / "fresh.sqlite"))
    try:
        interchange.import_archive(fresh, json.loads(json.dumps(archive)))
        again = next(p for p in people.list_people_details(fresh) if p.meta.uid == before.meta.uid)
        assert (again.data.dietary_needs, again.data.interpreter_needs) == (HALAL, INTERPRETER)
    finally:
        fresh.close()


def test_a_bad_need_in_an_archive_is_named(db: Database) -> None:
    archive: dict[str, Any] = {"format": interchange.FORMAT, "version": interchange.VERSION,
                               "people": [{"uid": "p-1", "family_name": "X", "dietary_needs": ["halal"]}]}
    with pytest.raises(Exception, match="dietary_needs"):
        interchange.import_archive(db, archive)
    assert people.list_people(db) == []


def test_erase_removes_the_needs(demo_db: Database) -> None:
    ident = _korzhikov(demo_db)
    d = people.get_person(demo_db, ident)
    people.update_person(demo_db, ident, replace(d.data, dietary_needs=HALAL, interpreter_needs=INTERPRETER))
    erase.erase_person(demo_db, ident)
    after = people.get_person(demo_db, ident).data
    assert (after.dietary_needs, after.interpreter_needs) == ("", "")


def test_the_briefing_lists_each_delegates_needs(demo_db: Database) -> None:
    ident = _korzhikov(demo_db)
    d = people.get_person(demo_db, ident)
    people.update_person(demo_db, ident, replace(d.data, dietary_needs=HALAL, interpreter_needs=INTERPRETER))
    vid = briefing.resolve_visit(demo_db, "uzkhimyosanoat")
    data = briefing.visit_briefing(demo_db, vid)
    guest = next(p for p in data.guests if p.id == ident)
    assert (guest.dietary_needs, guest.interpreter_needs) == (HALAL, INTERPRETER)
    pdf = render_visit_briefing(data)
    from io import BytesIO

    from pypdf import PdfReader

    text = " ".join((page.extract_text() or "") for page in PdfReader(BytesIO(pdf)).pages)
    text = " ".join(text.split())
    assert f"Evgeny Korzhikov: {HALAL}" in text
    assert INTERPRETER in text


def test_needs_of_names_only_the_people_who_have_needs(demo_db: Database) -> None:
    ident = _korzhikov(demo_db)
    d = people.get_person(demo_db, ident)
    people.update_person(demo_db, ident, replace(d.data, dietary_needs=HALAL))
    others = [p.id for p in people.list_people(demo_db) if p.id != ident]
    assert people.needs_of(demo_db, [*others, ident, ident, 10**12]) == {ident: (HALAL, "")}
    assert people.needs_of(demo_db, []) == {}
