"""Three-way merge of a conflicting edit (``domain.conflicts``), for every kind's input, and through the
services: the merged input saved with the new version gives the expected stored record."""

from __future__ import annotations

from dataclasses import replace

import pytest

from organizer.domain.conflicts import keep_mine, resolve, three_way, untouched_as_stored
from organizer.domain.enums import Side, VisitStatus
from organizer.domain.errors import ConflictError
from organizer.domain.records import (
    AgreementData,
    ContactEntry,
    FollowUpData,
    InstitutionData,
    Logistics,
    MeetingData,
    NameVariant,
    PersonData,
    PositionData,
    VisitData,
    VisitInstitutionData,
)
from organizer.services import institutions, people
from organizer.store import Database


def test_fields_only_one_side_changed_are_taken_automatically() -> None:
    base = PersonData(given_name="Anna", family_name="Petrova", notes="old", honorific="Ms.")
    mine = replace(base, honorific="Dr.", notes="mine")
    theirs = replace(base, family_name="Petrova-Ivanova", notes="theirs")
    plan = three_way(base, mine, theirs)
    assert {d.name: d.taken for d in plan.diffs} == {"family_name": "theirs", "honorific": "mine", "notes": None}
    assert [d.name for d in plan.conflicts] == ["notes"]
    notes = plan.diff("notes")
    assert (notes.base, notes.mine, notes.theirs, notes.has_base) == ("old", "mine", "theirs", True)
    merged = resolve(plan, {"notes": "theirs"})
    assert (merged.family_name, merged.honorific, merged.notes) == ("Petrova-Ivanova", "Dr.", "theirs")
    assert resolve(plan).notes == "mine", "an unresolved conflict keeps my value"
    overwrite = keep_mine(plan)
    assert overwrite == mine, "keep mine writes my whole form, also where only they changed a field"
    with pytest.raises(KeyError):
        resolve(plan, {"given_name": "theirs"})


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    base = InstitutionData(name="Ministry", city="Kazan")
    plan = three_way(base, replace(base, city="Ufa"), replace(base, city="Ufa"))
    assert plan.diffs == ()


def test_without_a_base_every_difference_is_a_conflict() -> None:
    plan = three_way(None, InstitutionData(name="A", city="X"), InstitutionData(name="A", city="Y"))
    assert [(d.name, d.taken, d.has_base) for d in plan.diffs] == [("city", None, False)]


def test_lists_are_merged_as_a_unit() -> None:
    base = PersonData(family_name="P", emails=(ContactEntry("a@x.org"),),
                      name_variants=(NameVariant("П"),),
                      positions=(PositionData("Rector", 1, id=7),))
    mine = replace(base, emails=(ContactEntry("a@x.org"), ContactEntry("b@x.org")))
    theirs = replace(base, emails=(ContactEntry("c@x.org"),),
                     positions=(PositionData("Rector", 1, id=7, current=True),))
    plan = three_way(base, mine, theirs)
    assert {d.name: d.taken for d in plan.diffs} == {"emails": None, "positions": "theirs"}
    merged = resolve(plan, {"emails": "mine"})
    assert merged.emails == mine.emails and merged.positions == theirs.positions


def test_a_nested_record_is_merged_per_field() -> None:
    base = VisitData(title="Kazan", logistics=Logistics(lodging="Hotel A", transport="Bus"))
    mine = replace(base, logistics=replace(base.logistics, lodging="Hotel B"))
    theirs = replace(base, status=VisitStatus.DONE, logistics=replace(base.logistics, transport="Train"),
                     institutions=(VisitInstitutionData(1, Side.GUEST),))
    plan = three_way(base, mine, theirs)
    assert {d.name: d.taken for d in plan.diffs} == {
        "status": "theirs", "institutions": "theirs", "logistics.lodging": "mine", "logistics.transport": "theirs"}
    merged = resolve(plan)
    assert merged.logistics == Logistics(lodging="Hotel B", transport="Train")
    assert merged.status is VisitStatus.DONE and merged.institutions == theirs.institutions


@pytest.mark.parametrize("base", [
    MeetingData(title="Talks", room="1"), FollowUpData(description="Send letter"),
    AgreementData(title="MoU", party_ids=(1, 2)), InstitutionData(name="Ministry"),
])
def test_every_kind_merges(base: object) -> None:
    first = next(f for f in ("room", "notes", "summary", "city") if hasattr(base, f))
    second = "title" if hasattr(base, "title") else ("description" if hasattr(base, "description") else "name")
    mine = replace(base, **{first: "mine"})  # type: ignore[type-var]
    theirs = replace(base, **{second: "theirs"})  # type: ignore[type-var]
    merged = resolve(three_way(base, mine, theirs))
    assert getattr(merged, first) == "mine" and getattr(merged, second) == "theirs"


def test_uid_and_photo_are_not_merged() -> None:
    base = PersonData(family_name="P", uid="u1")
    plan = three_way(base, replace(base, photo=None, uid="u1"), replace(base, photo=b"\x89PNG", uid="u2"))
    assert plan.diffs == ()
    assert resolve(plan).uid == "u2"


def test_three_choices_through_the_services(db: Database) -> None:
    """The flow the editor runs: a stale save is refused; each resolution saved with the new version."""
    inst = institutions.create_institution(db, InstitutionData(name="University")).meta.id
    start = people.create_person(db, PersonData(given_name="Anna", family_name="Petrova", notes="n0",
                                                positions=(PositionData("Dean", inst, current=True),)))
    pid, base = start.meta.id, start.data
    mine = replace(base, honorific="Dr.", notes="mine")
    theirs_saved = people.update_person(db, pid, replace(base, notes="theirs", biography="Chemist"),
                                        start.meta.version)
    with pytest.raises(ConflictError):
        people.update_person(db, pid, mine, start.meta.version)
    plan = three_way(base, mine, theirs_saved.data)
    merged = people.update_person(db, pid, resolve(plan, {"notes": "theirs"}), theirs_saved.meta.version)
    assert (merged.data.honorific, merged.data.notes, merged.data.biography) == ("Dr.", "theirs", "Chemist")
    assert [p.id for p in merged.positions] == [p.id for p in start.positions]
    again = people.update_person(db, pid, replace(merged.data, notes="third"), merged.meta.version)
    # Keep mine: my whole form, also the biography they added (it was empty in my form).
    plan = three_way(merged.data, replace(merged.data, notes="mine again"), again.data)
    kept = people.update_person(db, pid, keep_mine(plan), again.meta.version)
    assert (kept.data.notes, kept.data.biography, kept.data.honorific) == ("mine again", "Chemist", "Dr.")
    assert kept.data.positions[0].title == "Dean"


def test_fields_the_form_writes_differently_are_not_my_changes() -> None:
    stored = PersonData(family_name="P", phones=(ContactEntry("+998 71 234 56 78"),), notes="n")
    loaded = replace(stored, phones=(ContactEntry("+998712345678"),))  # how the form gives it back
    mine = replace(loaded, notes="mine")
    theirs = replace(stored, notes="n", honorific="Dr.")
    plan = three_way(stored, untouched_as_stored(mine, loaded, stored), theirs)
    assert {d.name: d.taken for d in plan.diffs} == {"notes": "mine", "honorific": "theirs"}


def test_a_photo_i_chose_travels_with_my_side() -> None:
    base = PersonData(family_name="P")
    mine = replace(base, photo=b"\x89PNG\r\n\x1a\nmine", photo_type="image/png")
    plan = three_way(base, mine, replace(base, notes="theirs"))
    assert resolve(plan).photo == mine.photo and keep_mine(plan).photo == mine.photo
    assert resolve(three_way(base, base, replace(base, notes="x"))).photo is None
