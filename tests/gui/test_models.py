"""The item models: Qt's model tester on each, and what they expose for the demo and for big lists."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from organizer.gui.formatting import enum_label, fmt_date_range
from organizer.gui.models import ID_ROLE
from organizer.gui.models.institutions import InstitutionTreeModel
from organizer.gui.models.people import BATCH_SIZE, PeopleModel
from organizer.gui.models.rows import Column, RowTableModel
from organizer.services.followups import list_followups
from organizer.services.interchange import import_archive
from organizer.services.visits import list_visits
from organizer.store import Database

DISPLAY = Qt.ItemDataRole.DisplayRole


def _column(model: Any, column: int, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    return [model.index(r, column, parent).data(DISPLAY) for r in range(model.rowCount(parent))]


def _add_people(db: Database, count: int) -> None:
    """Many people in one transaction (the archive import), named so their order is predictable."""
    people = [{"uid": f"test:p{i:04d}", "given_name": "Test", "family_name": f"Person {i:04d}"}
              for i in range(count)]
    import_archive(db, {"format": "organizer-archive", "version": 1, "people": people})


def test_people_model_passes_the_model_tester(qtmodeltester: Any, gui_demo_db: Database) -> None:
    qtmodeltester.check(PeopleModel(gui_demo_db))


def test_people_model_shows_the_demo_people_with_titles(gui_demo_db: Database) -> None:
    model = PeopleModel(gui_demo_db)
    assert model.rowCount() == 6
    assert model.total_count == 6
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Name", "Title", "Institution", "Tags"]
    names = _column(model, 0)
    assert "Evgeny Korzhikov" in names and "Rifkat Minnikhanov" in names
    row = names.index("Evgeny Korzhikov")
    assert model.index(row, 1).data(DISPLAY) == "First Deputy Chairman of the Management Board"
    assert model.index(row, 2).data(DISPLAY) == 'JSC "Uzkhimyosanoat"'
    assert model.index(row, 3).data(DISPLAY) == "delegation"
    assert all(_column(model, 1)), "every demo person has a current title"
    assert isinstance(model.index(row, 0).data(ID_ROLE), int)


def test_people_model_fetches_in_batches(qtmodeltester: Any, gui_db: Database) -> None:
    _add_people(gui_db, 1000)
    model = PeopleModel(gui_db)
    assert model.total_count == 1000
    assert model.rowCount() == BATCH_SIZE == 200
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 400
    assert model.index(399, 0).data(DISPLAY) == "Test Person 0399"
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 1000
    assert not model.canFetchMore(QModelIndex())
    assert model.index(999, 0).data(DISPLAY) == "Test Person 0999"
    model.reload()
    assert model.rowCount() == 200
    qtmodeltester.check(model)


def test_people_model_finds_a_row_beyond_the_first_batch(gui_db: Database) -> None:
    _add_people(gui_db, 450)
    model = PeopleModel(gui_db)
    model.fetchMore(QModelIndex())
    last_id = model.index(399, 0).data(ID_ROLE)
    model.reload()
    assert model.rowCount() == 200
    assert model.row_of(last_id) == 399
    assert model.rowCount() == 400
    assert model.row_of(10**9) is None


def test_institution_tree_passes_the_model_tester(qtmodeltester: Any, gui_demo_db: Database) -> None:
    qtmodeltester.check(InstitutionTreeModel(gui_demo_db))


def test_institution_tree_puts_units_under_their_university(gui_demo_db: Database) -> None:
    model = InstitutionTreeModel(gui_demo_db)
    top = _column(model, 0)
    assert "Kazan Federal University" in top
    assert "A.M. Butlerov Chemical Institute" not in top
    kfu = model.index(top.index("Kazan Federal University"), 0)
    assert model.rowCount(kfu) == 3
    assert sorted(_column(model, 0, kfu)) == [
        '"Small-scale Chemical Technologies" Technopark',
        "A.M. Butlerov Chemical Institute",
        "Pharmaceutical Scientific-Educational Center",
    ]
    unit = model.index(0, 0, kfu)
    assert model.parent(unit) == kfu
    assert model.index_of(int(unit.data(ID_ROLE))) == unit
    assert model.index(top.index("Kazan Federal University"), 1).data(DISPLAY) == "University"
    assert model.total_count == 6


def test_row_table_models_pass_the_model_tester(qtmodeltester: Any, gui_demo_db: Database) -> None:
    visits = RowTableModel([Column("Dates", lambda v: fmt_date_range(v.start_date, v.end_date)),
                            Column("Visit", lambda v: v.title)])
    visits.set_rows(list_visits(gui_demo_db))
    qtmodeltester.check(visits)
    assert visits.index(0, 0).data(DISPLAY) == "11–12 Mar 2025"
    followups = RowTableModel([Column("Status", lambda f: enum_label(f.status))])
    followups.set_rows(list_followups(gui_demo_db))
    qtmodeltester.check(followups)
    assert _column(followups, 0) == ["Open"] * 3
