"""A person's gender (for the grammar of greetings, issue 18), end to end outside the window: stored and
validated, both ``--json`` forms, the archive (older archives without it import), erase, merge, the
conflict merge and the visit briefing. Most of it comes from one line of the person's field table
(``domain.fields.PERSON``); the generated round trip (``test_field_roundtrip``) covers it too."""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO

import pytest
from pypdf import PdfReader

from organizer.briefing import render_visit_briefing
from organizer.cli import jsonout
from organizer.domain.conflicts import three_way
from organizer.domain.enums import Gender
from organizer.domain.errors import ValidationError
from organizer.domain.records import PersonData
from organizer.services import briefing, erase, merging, people
from organizer.services.archive import importer as interchange
from organizer.services.archive.export import export_archive
from organizer.store import Database


def _korzhikov(db: Database) -> int:
    return next(p.id for p in people.list_people(db) if p.full_name == "Evgeny Korzhikov")


def test_stored_and_written_by_both_json_forms(db: Database) -> None:
    ident = people.create_person(db, PersonData(family_name="Galieva", gender=Gender.FEMALE)).meta.id
    assert people.get_person(db, ident).data.gender is Gender.FEMALE
    shown = jsonout.person_full(*people.person_record(db, ident))
    assert shown["gender"] == "female"
    (listed,) = [jsonout.person_listing(p) for p in people.iter_people_listing(db)]
    assert listed == jsonout.person(people.get_person(db, ident)) and list(listed) == list(shown)[:len(listed)]
    with pytest.raises(ValidationError, match="gender"):
        people.create_person(db, PersonData(family_name="X", gender="neuter"))  # type: ignore[arg-type]


def test_archive_carries_it_and_older_archives_import_without_it(demo_db: Database) -> None:
    ident = _korzhikov(demo_db)  # the demo archive records its people as men (issue 18's letters)
    before = people.get_person(demo_db, ident)
    assert before.data.gender is Gender.MALE
    people.update_person(demo_db, ident, replace(before.data, gender=Gender.FEMALE))
    record = next(p for p in export_archive(demo_db)["people"] if p["uid"] == before.meta.uid)
    assert record["gender"] == "female"
    older = {"format": interchange.FORMAT, "version": interchange.VERSION,  # written before the field existed
             "people": [{"uid": "p-0", "family_name": "Older"}]}
    interchange.import_archive(demo_db, older)
    (imported,) = [p.id for p in people.list_people(demo_db) if p.full_name == "Older"]
    assert people.get_person(demo_db, imported).data.gender is Gender.UNSPECIFIED
    bad = {"format": interchange.FORMAT, "version": interchange.VERSION,
           "people": [{"uid": "p-1", "family_name": "X", "gender": "robot"}]}
    with pytest.raises(ValidationError, match="gender"):
        interchange.import_archive(demo_db, bad)


def test_erase_merge_and_conflicts_treat_it_as_the_table_says(db: Database) -> None:
    kept = people.create_person(db, PersonData(family_name="Korzhikov", given_name="Evgeny")).meta.id
    other = people.create_person(db, PersonData(family_name="Korzhikov", given_name="E.", gender=Gender.MALE))
    merging.merge(db, "person", kept, other.meta.id)
    assert people.get_person(db, kept).data.gender is Gender.MALE, "merge fills it when the kept one has none"
    base = people.get_person(db, kept).data
    plan = three_way(base, replace(base, gender=Gender.FEMALE), replace(base, gender=Gender.UNSPECIFIED))
    assert [d.name for d in plan.conflicts] == ["gender"]
    erase.erase_person(db, kept)
    assert people.get_person(db, kept).data.gender is Gender.UNSPECIFIED, "personal data: erased"


def test_the_briefing_shows_it(demo_db: Database) -> None:
    ident = _korzhikov(demo_db)
    d = people.get_person(demo_db, ident)
    people.update_person(demo_db, ident, replace(d.data, gender=Gender.MALE))
    data = briefing.visit_briefing(demo_db, briefing.resolve_visit(demo_db, "uzkhimyosanoat"))
    assert dict(next(p for p in data.guests if p.id == ident).facts)["gender"] == "male"
    text = " ".join(" ".join((page.extract_text() or "") for page in PdfReader(BytesIO(
        render_visit_briefing(data))).pages).split())
    assert "Gender Male" in text or "Gender: Male" in text, text[:400]
