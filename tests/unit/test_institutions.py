"""Institutions: the unit tree, cycles refused, deletes that would orphan data refused."""

from __future__ import annotations

import pytest

from organizer.domain.enums import InstitutionKind
from organizer.domain.errors import InUseError, ValidationError
from organizer.domain.records import InstitutionData
from organizer.services import institutions
from organizer.store import Database


def test_demo_tree_has_the_university_units(demo_db: Database) -> None:
    tree = {node.row.name: node for node in institutions.institution_tree(demo_db)}
    kfu = tree["Kazan Federal University"]
    assert sorted(c.row.name for c in kfu.children) == [
        '"Small-scale Chemical Technologies" Technopark',
        "A.M. Butlerov Chemical Institute",
        "Pharmaceutical Scientific-Educational Center",
    ]
    assert {"Academy of Sciences of the Republic of Tatarstan", 'JSC "Uzkhimyosanoat"'} <= set(tree)
    flat = institutions.list_institutions(demo_db)
    position = {r.name: i for i, r in enumerate(flat)}
    assert all(position[r.parent_name] < position[r.name] for r in flat if r.parent_name)


def test_detail_shows_path_and_people(demo_db: Database) -> None:
    butlerov = next(r for r in institutions.list_institutions(demo_db) if r.name.startswith("A.M. Butlerov"))
    detail = institutions.get_institution(demo_db, butlerov.id)
    assert detail.path == ("Kazan Federal University", "A.M. Butlerov Chemical Institute")
    assert detail.data.kind is InstitutionKind.INSTITUTE
    kfu = institutions.get_institution(demo_db, butlerov.parent_id or 0)
    assert {p.person_name for p in kfu.people} == {"D. Pashin", "Ilnur Khairullin"}
    assert len(kfu.children) == 3


def test_cycles_are_refused(db: Database) -> None:
    top = institutions.create_institution(db, InstitutionData(name="University")).meta.id
    mid = institutions.create_institution(db, InstitutionData(name="Institute", parent_id=top)).meta.id
    low = institutions.create_institution(db, InstitutionData(name="Lab", parent_id=mid)).meta.id
    with pytest.raises(ValidationError, match="cannot be its own parent"):
        institutions.update_institution(db, top, InstitutionData(name="University", parent_id=low))
    with pytest.raises(ValidationError):
        institutions.update_institution(db, mid, InstitutionData(name="Institute", parent_id=mid))
    assert institutions.get_institution(db, top).data.parent_id is None


def test_bad_kind_and_parent(db: Database) -> None:
    with pytest.raises(ValidationError, match="not one of: university"):
        institutions.create_institution(db, InstitutionData(name="X", kind="castle"))  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="no institution with id 5"):
        institutions.create_institution(db, InstitutionData(name="X", parent_id=5))
    assert institutions.list_institutions(db) == []


def test_delete_refuses_institution_with_units_or_people(demo_db: Database) -> None:
    rows = {r.name: r for r in institutions.list_institutions(demo_db)}
    with pytest.raises(InUseError, match="3 units"):
        institutions.delete_institution(demo_db, rows["Kazan Federal University"].id)
    with pytest.raises(InUseError, match=r"1 position$"):
        institutions.delete_institution(demo_db, rows['"Small-scale Chemical Technologies" Technopark'].id)
    lone = institutions.create_institution(demo_db, InstitutionData(name="Lonely centre"))
    institutions.delete_institution(demo_db, lone.meta.id)
    assert "Lonely centre" not in {r.name for r in institutions.list_institutions(demo_db)}


def test_a_refused_delete_names_a_record_with_braces_in_its_name(db: Database) -> None:
    """The refusal is built from a template; a name such as "Lab {x}" is text, not a placeholder (it raised
    KeyError instead of InUseError)."""
    lab = institutions.create_institution(db, InstitutionData(name="Lab {x}")).meta.id
    institutions.create_institution(db, InstitutionData(name="Unit", parent_id=lab))
    with pytest.raises(InUseError) as info:
        institutions.delete_institution(db, lab)
    assert str(info.value) == "cannot delete 'Lab {x}': it still has 1 unit"
    assert info.value.name == "Lab {x}" and info.value.uses == {"units": 1}


def test_siblings_sort_by_words_not_quotes(demo_db: Database) -> None:
    kfu = next(n for n in institutions.institution_tree(demo_db) if n.row.name == "Kazan Federal University")
    assert [c.row.name for c in kfu.children] == [
        "A.M. Butlerov Chemical Institute",
        "Pharmaceutical Scientific-Educational Center",
        '"Small-scale Chemical Technologies" Technopark',
    ]
    top = [n.row.name for n in institutions.institution_tree(demo_db)]
    assert top == ["Academy of Sciences of the Republic of Tatarstan", 'JSC "Uzkhimyosanoat"',
                   "Kazan Federal University"]
