"""The item models: Qt's model tester on each, and what they expose for the demo and for big lists."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from sqlalchemy import event

from organizer.gui.formatting import enum_label, fmt_date_range
from organizer.gui.models import ID_ROLE
from organizer.gui.models.institutions import InstitutionTreeModel
from organizer.gui.models.people import BATCH_SIZE, PeopleModel
from organizer.gui.models.rows import Column, RowTableModel
from organizer.services.followups import list_followups
from organizer.services.interchange import import_archive
from organizer.services.people import delete_person
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


def test_people_model_builds_rows_a_batch_at_a_time(qtmodeltester: Any, gui_db: Database) -> None:
    _add_people(gui_db, 1000)
    model = PeopleModel(gui_db)
    assert model.total_count == model.rowCount() == 1000
    assert model.loaded_count == 0
    assert model.index(0, 0).data(DISPLAY) == "Test Person 0000"
    assert model.loaded_count == BATCH_SIZE == 200
    assert model.index(999, 0).data(DISPLAY) == "Test Person 0999"
    assert model.loaded_count == 400, "the last row costs one batch, not every batch before it"
    model.reload()
    assert model.loaded_count == 0
    qtmodeltester.check(model)


def test_people_model_finds_a_row_far_down_with_one_batch(gui_db: Database) -> None:
    _add_people(gui_db, 1000)
    model = PeopleModel(gui_db)
    last_id = model.id_at(999)
    queries: list[str] = []
    event.listen(gui_db.engine, "before_cursor_execute", lambda *a: queries.append(a[2]))
    row = model.row_of(last_id)
    assert row == 999
    assert model.index(row, 0).data(DISPLAY) == "Test Person 0999"
    selects = [q for q in queries if q.startswith("SELECT")]
    assert len(selects) <= 3, selects  # people_rows: people, current positions, tags for one batch
    assert model.loaded_count == 200
    assert model.row_of(10**9) is None


def test_people_model_shows_a_person_deleted_meanwhile_as_an_empty_row(gui_db: Database) -> None:
    _add_people(gui_db, 3)
    model = PeopleModel(gui_db)
    delete_person(gui_db, model.id_at(1))
    assert model.index(0, 0).data(DISPLAY) == "Test Person 0000"
    assert model.index(1, 0).data(DISPLAY) is None
    assert model.index(2, 0).data(DISPLAY) == "Test Person 0002"


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
