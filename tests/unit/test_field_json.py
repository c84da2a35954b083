"""Every field a kind's field table gives a JSON key is written by that kind's ``--json`` output (``show``
for people, institutions, visits and meetings; ``list`` for follow-ups, agreements and programme items), nested rows and
records included: a key in the table that the writer forgets fails here, naming it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from test_field_roundtrip import create_all

from organizer.cli import jsonout
from organizer.domain import fields as f
from organizer.domain.fields import FieldTable, FieldType
from organizer.services import agreements, followups, institutions, meetings, people, programme, visits
from organizer.store import Database


def _missing(table: FieldTable, out: dict[str, Any], where: str) -> list[str]:
    lost = []
    for fld in table.json_fields:
        key = str(fld.json)
        if key not in out:
            lost.append(f"{where}.{key}")
        elif fld.type in (FieldType.ROWS, FieldType.NESTED) and table is not f.PERSON:
            value = out[key]
            for row in value if isinstance(value, list) else [value]:
                if isinstance(row, dict):
                    lost += _missing(fld.row_table, row, f"{where}.{key}")
        if fld.details and fld.details not in out:
            lost.append(f"{where}.{fld.details}")
    return lost


def test_every_json_key_of_the_tables_is_written(db: Database) -> None:
    made = create_all(db)
    shown: dict[str, Callable[[], dict[str, Any]]] = {
        "person": lambda: jsonout.person_full(*people.person_record(db, made["person"][1])),
        "institution": lambda: jsonout.institution_full(institutions.get_institution(db, made["institution"][1])),
        "visit": lambda: jsonout.visit_full(visits.get_visit(db, made["visit"][1])),
        "meeting": lambda: jsonout.meeting_full(meetings.get_meeting(db, made["meeting"][1])),
        "followup": lambda: jsonout.followup(followups.list_followups(db)[0]),
        "agreement": lambda: jsonout.agreement(agreements.list_agreements(db)[0]),
        "programme_item": lambda: jsonout.programme_item(programme.list_programme(db)[0]),
    }
    assert set(shown) == set(f.KINDS), "a kind without a JSON writer checked here"
    lost = [key for kind, out in shown.items() for key in _missing(f.KINDS[kind], out(), kind)]
    assert not lost, f"the JSON output misses keys its field table names: {lost}"


def test_the_listing_writes_what_show_writes(db: Database) -> None:
    made = create_all(db)
    (listed,) = [jsonout.person_listing(p) for p in people.iter_people_listing(db)]
    assert listed == jsonout.person(people.get_person(db, made["person"][1]))
