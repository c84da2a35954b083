"""Records found while a name is typed (``services.picking``) and names typed in one line split into parts."""

from __future__ import annotations

import pytest

from organizer.domain.enums import RecordKind
from organizer.domain.typed_names import split_typed_name
from organizer.services import people, picking
from organizer.store.database import Database


@pytest.mark.parametrize(("typed", "parts"), [
    ("Pashin", ("", "", "Pashin")),
    ("Dmitry Pashin", ("Dmitry", "", "Pashin")),
    ("D. Pashin", ("D.", "", "Pashin")),
    ("Коржиков Евгений Николаевич", ("Евгений", "Николаевич", "Коржиков")),
    ("Евгений Николаевич Коржиков", ("Евгений", "Николаевич", "Коржиков")),
    ("Гульнара Ринатовна Сафина", ("Гульнара", "Ринатовна", "Сафина")),
    ("Сафина Гульнара Ринатовна", ("Гульнара", "Ринатовна", "Сафина")),
    ("Jean Paul Sartre", ("Jean", "Paul", "Sartre")),
    ("  ", ("", "", "")),
])
def test_a_typed_name_is_split_into_its_parts(typed: str, parts: tuple[str, str, str]) -> None:
    assert split_typed_name(typed) == parts


def test_people_are_found_however_their_name_is_typed(demo_db: Database) -> None:
    ids = {r.full_name: r.id for r in people.list_people(demo_db)}
    assert [h[0] for h in picking.find(demo_db, RecordKind.PERSON, "Pash")][:1] == [ids["D. Pashin"]]
    korzhikov = picking.find(demo_db, RecordKind.PERSON, "Коржиков")
    assert korzhikov[0][:2] == (ids["Evgeny Korzhikov"], 'Evgeny Korzhikov — JSC "Uzkhimyosanoat"')
    assert korzhikov[0][2] == "Коржиков Евгений", "the spelling that matched is shown beside the name"
    assert picking.find(demo_db, RecordKind.PERSON, "Korjikov")[0][0] == ids["Evgeny Korzhikov"]
    assert picking.find(demo_db, RecordKind.PERSON, "Varfolomeev")[0][0] == ids["Mikhail Varfolomeyev"]
    assert picking.find(demo_db, RecordKind.PERSON, "P") == [], "one letter lists nothing"
    outcomes_only = picking.find(demo_db, RecordKind.PERSON, "collaboration")
    assert outcomes_only == [], "a word of a note is no name: the picker lists names only"


def test_institutions_and_visits_are_found_by_name(demo_db: Database) -> None:
    kfu = picking.find(demo_db, RecordKind.INSTITUTION, "Казан")
    assert kfu[0][1] == "Kazan Federal University"
    assert picking.find(demo_db, RecordKind.VISIT, "Kazan")[0][1].startswith('Delegation of JSC "Uzkhimyosanoat"')
    pashin = {r.full_name: r.id for r in people.list_people(demo_db)}["D. Pashin"]
    assert picking.institutions_of(demo_db, pashin) == (kfu[0][0],)


def test_text_that_is_no_name_finds_nothing_and_raises_nothing(demo_db: Database) -> None:
    for text in ("", " ", "((", "--", "«»", "'", "%_", "x" * 400, "\u0000a"):
        for kind in picking.PICKABLE:
            assert isinstance(picking.find(demo_db, kind, text), list)


def test_meetings_are_found_by_title(demo_db: Database) -> None:
    found = picking.find(demo_db, RecordKind.MEETING, "leadersh")
    assert found and found[0][1].startswith("Meeting with the university's leadership (")
    assert picking.labels(demo_db, RecordKind.MEETING, [found[0][0]]) == {found[0][0]: found[0][1]}
