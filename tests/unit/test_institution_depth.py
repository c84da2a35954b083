"""Chains of institutions: a stated depth limit where data enters, readers that do not recurse.

Issue 15 point 6: an archive with a chain 500 deep imported, after which ``list institutions`` and the
deepest institution's dossier failed on every call ("the input is nested too deeply to be read").
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select, text

from organizer.briefing import render_institution_dossier
from organizer.domain.errors import ValidationError
from organizer.domain.records import InstitutionData
from organizer.services import briefing, institutions, merging
from organizer.services.archive.importer import import_archive
from organizer.store import Database
from organizer.store import models as m

LIMIT = institutions.MAX_DEPTH


def _chain(prefix: str, levels: int, parent: str | None = None) -> list[dict[str, Any]]:
    """An archive's institutions: ``levels`` deep, top first (under ``parent`` when given)."""
    out = []
    for k in range(levels):
        up = f"{prefix}{k - 1}" if k else parent
        out.append({"uid": f"{prefix}{k}", "name": f"{prefix} {k}", "kind": "department",
                    **({"parent": up} if up else {})})
    return out


def _import(db: Database, *chains: list[dict[str, Any]]) -> None:
    import_archive(db, {"format": "organizer-archive", "version": 1,
                        "institutions": [i for chain in chains for i in chain][::-1]})  # units first in the file


def _id(db: Database, uid: str) -> int:
    with db.reader() as session:
        ident = session.scalar(select(m.Institution.id).where(m.Institution.uid == uid))
    assert ident is not None
    return int(ident)


def _count(db: Database) -> int:
    with db.reader() as session:
        return int(session.scalar(select(func.count()).select_from(m.Institution)) or 0)


def test_an_archive_with_a_chain_past_the_limit_is_refused_naming_the_record(db: Database) -> None:
    with pytest.raises(ValidationError) as err:
        _import(db, _chain("a", LIMIT + 1))
    assert err.value.record is not None and f"a{LIMIT}" in err.value.record
    assert f"level {LIMIT + 1}" in str(err.value) and f"limit is {LIMIT} levels" in str(err.value)
    assert _count(db) == 0  # nothing written
    _import(db, _chain("a", LIMIT))  # the limit itself is fine
    assert len(institutions.get_institution(db, _id(db, f"a{LIMIT - 1}")).path) == LIMIT
    # a unit under the deepest one, from another archive, is refused the same way
    with pytest.raises(ValidationError, match=f"level {LIMIT + 1}"):
        _import(db, [{"uid": "b", "name": "b", "kind": "department", "parent": f"a{LIMIT - 1}"}])


def test_the_editor_refuses_a_parent_that_puts_a_unit_past_the_limit(db: Database) -> None:
    _import(db, _chain("a", 60), _chain("b", 50))
    a_deepest, b_top = _id(db, "a59"), _id(db, "b0")
    b = institutions.get_institution(db, b_top)
    # b0 with its 49 levels of units under a59 (level 60): the deepest unit would be at level 110
    with pytest.raises(ValidationError) as err:
        institutions.update_institution(db, b_top, InstitutionData(name=b.data.name, parent_id=a_deepest))
    assert "level 110" in str(err.value) and "49 levels below it" in str(err.value)
    assert err.value.issues["parent_id"].code == "too_deep"
    assert institutions.get_institution(db, b_top).data.parent_id is None  # unchanged
    # under a level-50 institution the same move ends at level 100: allowed
    institutions.update_institution(db, b_top, InstitutionData(name=b.data.name, parent_id=_id(db, "a49")))
    assert len(institutions.get_institution(db, _id(db, "b49")).path) == LIMIT
    # a new institution under the level-100 one is refused
    with pytest.raises(ValidationError, match=f"level {LIMIT + 1}"):
        institutions.create_institution(db, InstitutionData(name="too deep", parent_id=_id(db, "b49")))


def test_a_merge_that_would_move_units_past_the_limit_is_refused(db: Database) -> None:
    _import(db, _chain("a", 60), _chain("b", 50))
    keep, other = _id(db, "a59"), _id(db, "b0")
    # b0's units (49 levels of them) would move under a59, at level 60
    with pytest.raises(ValidationError, match=r"cannot merge .* level 109; the limit is 100 levels; nothing was"):
        merging.merge(db, "institution", keep, other)
    assert _count(db) == 110
    # keeping a level-51 institution, the deepest unit ends at level 100: allowed
    merging.merge(db, "institution", _id(db, "a50"), other)
    assert len(institutions.get_institution(db, _id(db, "b49")).path) == LIMIT


def test_a_unit_merged_into_its_parent_is_not_counted_twice(db: Database) -> None:
    _import(db, _chain("a", LIMIT))
    # a1 merged into a0: a1's units move up one level under a0
    merging.merge(db, "institution", _id(db, "a0"), _id(db, "a1"))
    assert len(institutions.get_institution(db, _id(db, f"a{LIMIT - 1}")).path) == LIMIT - 1


def test_a_database_with_a_chain_500_deep_still_lists_and_prints(db: Database) -> None:
    """Written past the limit (another tool, an older version): every reader still works."""
    import_archive(db, {"format": "organizer-archive", "version": 1, "institutions": [
        {"uid": f"i{k}", "name": f"Inst {k:03d}", "kind": "department"} for k in range(500)]})
    with db.unit_of_work() as session:  # each one the unit of the one before it
        first = int(session.scalar(select(func.min(m.Institution.id))) or 0)
        session.execute(text("UPDATE institution SET parent_id = id - 1 WHERE id > :first"), {"first": first})
    listed = institutions.list_institutions(db)
    assert [r.name for r in listed] == [f"Inst {k:03d}" for k in range(500)]  # each parent before its unit
    (top,) = institutions.institution_tree(db)
    assert [node.row.name for _level, node in institutions.walk_tree([top])][-1] == "Inst 499"
    deepest = _id(db, "i499")
    detail = institutions.get_institution(db, deepest)
    assert detail.path[-1] == "Inst 499" and len(detail.path) == LIMIT + 1  # parents followed up to the limit
    pdf = render_institution_dossier(briefing.institution_dossier(db, deepest))
    assert pdf.startswith(b"%PDF")
    assert render_institution_dossier(briefing.institution_dossier(db, _id(db, "i0"))).startswith(b"%PDF")
