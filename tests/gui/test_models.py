"""The item models: Qt's model tester on each, sorting and filtering through the services, and the lazy
list's promise: a screenful costs a batch, the end of a long list never costs the whole list."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from organizer.domain.enums import AgreementStatus
from organizer.domain.listing import ListQuery
from organizer.domain.records import AgreementData
from organizer.gui.models import ID_ROLE
from organizer.gui.models.institutions import InstitutionTreeModel
from organizer.gui.models.lazy import LazyColumn, LazyListModel
from organizer.gui.tasks import TaskRunner
from organizer.services.agreements import create_agreement
from organizer.services.archive.importer import import_archive
from organizer.services.browse import LIST_KINDS, institution_matches, record_ids
from organizer.services.institutions import institution_tree, list_institutions
from organizer.store import Database

DISPLAY = Qt.ItemDataRole.DisplayRole


def _column(model: Any, column: int, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    return [model.index(r, column, parent).data(DISPLAY) for r in range(model.rowCount(parent))]


def _add_people(db: Database, count: int) -> None:
    """Many people in one transaction (the archive import), named so their order is predictable."""
    people = [{"uid": f"test:p{i:05d}", "given_name": "Test", "family_name": f"Person {i:05d}"}
              for i in range(count)]
    import_archive(db, {"format": "organizer-archive", "version": 1, "people": people})


def _people(db: Database, **kwargs: Any) -> LazyListModel:
    model = LazyListModel(db, "person", [
        LazyColumn("Name", lambda r: r.full_name, "name"),
        LazyColumn("Title", lambda r: r.current_title or "", "title"),
        LazyColumn("Tags", lambda r: ", ".join(r.tags)),
    ], **kwargs)
    model.reload()
    return model


def _simple(db: Database, kind: str) -> LazyListModel:
    text = {"person": lambda r: r.full_name, "topic": lambda r: r.name,
            "followup": lambda r: r.description}.get(kind, lambda r: r.title)
    model = LazyListModel(db, kind, [LazyColumn("Name", text), LazyColumn("Id", lambda r: str(r.id))])
    model.reload()
    return model


def test_every_list_model_passes_the_model_tester(qtmodeltester: Any, gui_demo_db: Database) -> None:
    kfu = next(r.id for r in list_institutions(gui_demo_db) if r.name == "Kazan Federal University")
    create_agreement(gui_demo_db, AgreementData(title="Memorandum", status=AgreementStatus.SIGNED, party_ids=(kfu,),
                                                signed_date=date(2025, 3, 12)))
    keep = []  # the model tester stays attached to each model until the test ends
    for kind in LIST_KINDS:
        model = _simple(gui_demo_db, kind)
        keep.append(model)
        assert model.rowCount() == len(record_ids(gui_demo_db, kind)) > 0, kind
        qtmodeltester.check(model)
        assert all(_column(model, 0)), kind


def test_the_people_list_shows_the_demo_people(gui_demo_db: Database) -> None:
    model = _people(gui_demo_db)
    assert model.rowCount() == model.total_count == 6
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == ["Name", "Title", "Tags"]
    names = _column(model, 0)
    row = names.index("Evgeny Korzhikov")
    assert model.index(row, 1).data(DISPLAY) == "First Deputy Chairman of the Management Board"
    assert model.index(row, 2).data(DISPLAY) == "delegation"
    assert isinstance(model.index(row, 0).data(ID_ROLE), int)


def test_sorting_by_a_header_requeries_and_unsortable_columns_keep_the_usual_order(
        qtmodeltester: Any, gui_demo_db: Database) -> None:
    model = _people(gui_demo_db)
    usual = _column(model, 0)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert _column(model, 0) == list(reversed(usual))
    model.sort(1, Qt.SortOrder.AscendingOrder)
    titles = _column(model, 1)
    assert titles == sorted(titles, key=str.lower)
    assert model.query.sort == "title"
    model.sort(2, Qt.SortOrder.AscendingOrder)  # tags: no sort key
    assert _column(model, 0) == usual and model.query.sort == ""
    qtmodeltester.check(model)


def test_filtering_goes_through_the_query(gui_demo_db: Database) -> None:
    model = _people(gui_demo_db)
    model.set_query(ListQuery(tag="delegation"))
    assert sorted(_column(model, 0)) == ["Abduhomid Salomov", "Evgeny Korzhikov"]
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert _column(model, 0) == ["Abduhomid Salomov", "Evgeny Korzhikov"]
    model.set_query(ListQuery(text="коржиков"))  # keeps the sort
    assert _column(model, 0) == ["Evgeny Korzhikov"] and model.query.descending
    model.set_query(ListQuery(text="no such person"))
    assert model.rowCount() == 0


def test_rows_are_fetched_a_batch_at_a_time_and_only_when_shown(gui_db: Database) -> None:
    _add_people(gui_db, 1000)
    model = _people(gui_db, batch_size=200, max_batches=3)
    assert model.rowCount() == model.total_count == 1000
    assert model.batches_fetched == 0
    assert model.index(999, 0).data(DISPLAY) == "Test Person 00999"
    assert model.batches_fetched == 1 and model.loaded_count == 200
    assert model.index(998, 0).data(DISPLAY) == "Test Person 00998"
    assert model.batches_fetched == 1
    for row in (0, 200, 400, 600):
        model.index(row, 0).data(DISPLAY)
    assert model.batches_fetched == 5 and model.loaded_count == 600  # at most three batches kept
    assert model.row_of(int(model.index(999, 0).data(ID_ROLE))) == 999  # fetches nothing
    assert model.row_of(10**9) is None


def test_scrolling_to_the_end_of_a_long_list_never_loads_every_row(qtbot: Any, gui_db: Database) -> None:
    _add_people(gui_db, 5000)
    model = _people(gui_db)  # the real batch size (200)
    view = QTableView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.setModel(model)
    view.show()
    qtbot.waitExposed(view)
    assert model.rowCount() == 5000
    view.scrollToBottom()
    qtbot.wait(50)
    view.setCurrentIndex(model.index(4999, 0))
    view.viewport().repaint()
    assert model.index(4999, 0).data(DISPLAY) == "Test Person 04999"
    assert model.batches_fetched <= 3, model.batches_fetched
    assert model.loaded_count <= 3 * 200
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    view.viewport().repaint()
    assert model.batches_fetched <= 5 and model.loaded_count < 5000


def test_a_changed_row_is_refetched_and_a_deleted_one_is_empty(gui_demo_db: Database) -> None:
    from organizer.domain.records import PersonData
    from organizer.services.people import create_person, delete_person, get_person, update_person

    made = create_person(gui_demo_db, PersonData(given_name="Aaron", family_name="Aalto"))
    model = _people(gui_demo_db)
    row = model.row_of(made.meta.id)
    assert row is not None and model.index(row, 0).data(DISPLAY) == "Aaron Aalto"
    update_person(gui_demo_db, made.meta.id, PersonData(given_name="Aaron", family_name="Aaltonen"))
    assert model.index(row, 0).data(DISPLAY) == "Aaron Aalto"  # cached until told
    model.refresh_ids([made.meta.id])
    assert model.index(row, 0).data(DISPLAY) == "Aaron Aaltonen"
    assert get_person(gui_demo_db, made.meta.id).full_name == "Aaron Aaltonen"
    delete_person(gui_demo_db, made.meta.id)
    model.refresh_ids([made.meta.id])
    assert model.index(row, 0).data(DISPLAY) is None
    assert model.index(row, 0).data(ID_ROLE) == made.meta.id


def test_ids_load_on_a_worker_thread(qtbot: Any, gui_demo_db: Database) -> None:
    runner = TaskRunner()
    model = LazyListModel(gui_demo_db, "meeting", [LazyColumn("Title", lambda r: r.title, "title")], runner=runner)
    with qtbot.waitSignal(model.ids_loaded, timeout=10_000):
        model.reload()
    assert model.rowCount() == 4 and model.loaded
    # The rows of a batch not yet in memory are read on a worker too: blank, then filled (dataChanged).
    assert _column(model, 0)[0] is None
    with qtbot.waitSignal(model.dataChanged, timeout=10_000):
        pass
    assert None not in _column(model, 0)
    with qtbot.waitSignal(model.ids_loaded, timeout=10_000):
        model.set_query(ListQuery(text="no such thing"))
        model.set_query(ListQuery(text="leadership"))  # supersedes the first: only its result is shown
    # a new filter's first rows come with its ids: shown at once, never blank
    assert _column(model, 0) == ["Meeting with the university's leadership"]
    runner.shutdown()


def test_a_batch_read_before_its_rows_changed_is_dropped_and_read_again(qtbot: Any, gui_demo_db: Database) -> None:
    """A batch read on a worker may read a record just before it changes; the model told of the change
    (``refresh_ids``) while that read is on its way must not show it when it arrives, but read again."""
    from organizer.domain.records import PersonData
    from organizer.services.people import create_person, update_person

    made = create_person(gui_demo_db, PersonData(given_name="Aaron", family_name="Aalto"))
    runner = TaskRunner()
    model = LazyListModel(gui_demo_db, "person", [LazyColumn("Name", lambda r: r.full_name, "name")], runner=runner)
    with qtbot.waitSignal(model.ids_loaded, timeout=20_000):
        model.reload()
    row = model.row_of(made.meta.id)
    assert row is not None and model.index(row, 0).data(DISPLAY) is None  # its batch is read on a worker
    runner.pool.waitForDone(20_000)  # read now; handed over only when this thread runs its event loop
    update_person(gui_demo_db, made.meta.id, PersonData(given_name="Aaron", family_name="Aaltonen"))
    model.refresh_ids([made.meta.id])
    assert model.index(row, 0).data(DISPLAY) is None  # read again, not taken from the read on its way
    qtbot.waitUntil(runner.is_idle, timeout=20_000)
    assert model.index(row, 0).data(DISPLAY) == "Aaron Aaltonen"
    runner.shutdown()


def test_institution_tree_passes_the_model_tester_and_filters(qtmodeltester: Any, gui_demo_db: Database) -> None:
    model = InstitutionTreeModel(gui_demo_db)
    qtmodeltester.check(model)
    top = _column(model, 0)
    assert "Kazan Federal University" in top and "A.M. Butlerov Chemical Institute" not in top
    kfu = model.index(top.index("Kazan Federal University"), 0)
    assert model.rowCount(kfu) == 3
    unit = model.index(0, 0, kfu)
    assert model.parent(unit) == kfu
    assert model.index_of(int(unit.data(ID_ROLE))) == unit
    assert model.total_count == 6
    model.set_tree(institution_tree(gui_demo_db), institution_matches(gui_demo_db, "butlerov"))
    qtmodeltester.check(model)
    assert _column(model, 0) == ["Kazan Federal University"]  # kept for its unit
    kfu = model.index(0, 0)
    assert _column(model, 0, kfu) == ["A.M. Butlerov Chemical Institute"]
    model.set_tree(institution_tree(gui_demo_db), set())
    assert model.rowCount() == 0


def test_lists_show_text_that_is_not_utf8_with_replacement_characters(gui_demo_db: Database) -> None:
    """Issue 15 point 7: bytes written by the sqlite3 shell used to fail every read of the row."""
    import sqlite3

    if gui_demo_db.path is None:
        pytest.skip("bytes that are not UTF-8 are written into a SQLite file")
    con = sqlite3.connect(gui_demo_db.path)
    con.execute("UPDATE person SET given_name = CAST(X'4576c3' AS TEXT) WHERE id = 1")
    con.execute("UPDATE meeting SET title = CAST(X'fffe41' AS TEXT) WHERE id = 1")
    con.commit()
    con.close()
    assert "Ev\ufffd Korzhikov" in _column(_people(gui_demo_db), 0)  # the first page comes from the plain reader
    assert "\ufffd\ufffdA" in _column(_simple(gui_demo_db, "meeting"), 0)


def test_a_chain_of_institutions_500_deep_shows_in_the_tree_and_the_choices(
        qtmodeltester: Any, gui_db: Database) -> None:
    """Issue 15 point 6: a database written past the depth limit (another tool) still shows."""
    from sqlalchemy import text

    from organizer.gui.main_window import _flatten

    import_archive(gui_db, {"format": "organizer-archive", "version": 1, "institutions": [
        {"uid": f"i{k}", "name": f"Inst {k:03d}", "kind": "department"} for k in range(500)]})
    with gui_db.unit_of_work() as session:
        session.execute(text("UPDATE institution SET parent_id = id - 1 WHERE id > (SELECT min(id) FROM institution)"))
    model = InstitutionTreeModel(gui_db)
    assert model.total_count == 500
    index, depth = model.index(0, 0), 1
    while model.rowCount(index):
        index, depth = model.index(0, 0, index), depth + 1
    assert depth == 500 and index.data() == "Inst 499"
    deepest = int(index.data(ID_ROLE))
    model.set_tree(institution_tree(gui_db), {deepest})  # filtered: kept for the unit at the bottom
    assert model.total_count == 500 and model.index_of(deepest).data() == "Inst 499"
    qtmodeltester.check(model)
    choices = _flatten(institution_tree(gui_db))
    assert [ident for _label, ident in choices][-1] == deepest and len(choices) == 500


def test_a_first_page_shows_before_the_whole_list_and_the_rest_comes_without_a_reset(
        qtbot: Any, qtmodeltester: Any, gui_demo_db: Database) -> None:
    runner = TaskRunner()
    model = LazyListModel(gui_demo_db, "person", [LazyColumn("Name", lambda r: r.full_name, "name")],
                          runner=runner, batch_size=2)
    everyone = record_ids(gui_demo_db, "person")
    resets: list[str] = []
    changed: list[tuple[int, int]] = []
    model.modelReset.connect(lambda: resets.append("reset"))
    model.dataChanged.connect(lambda first, last, _roles=(): changed.append((first.row(), last.row())))
    model.reload(first_page=True)
    qtbot.waitUntil(lambda: model.loaded, timeout=10_000)
    assert model.rowCount() == len(everyone) == 6  # the scroll bar has its true size at once
    assert model.ids() == tuple(everyone[:2]) and model.loading and not model.complete
    assert model.index(0, 0).data(ID_ROLE) == everyone[0] and model.index(5, 0).data(ID_ROLE) is None
    assert model.index(5, 0).data(DISPLAY) is None and model.index(1, 0).data(DISPLAY)
    qtmodeltester.check(model)
    resets.clear()
    model.load_rest()
    qtbot.waitUntil(lambda: model.complete and not model.loading, timeout=10_000)
    assert model.ids() == tuple(everyone) and resets == [] and changed == [(2, 5)]
    assert [model.index(r, 0).data(ID_ROLE) for r in range(6)] == everyone
    model.index(5, 0).data(DISPLAY)  # asks for its batch, read on a worker
    qtbot.waitUntil(lambda: bool(model.index(5, 0).data(DISPLAY)), timeout=10_000)
    qtmodeltester.check(model)
    model.load_rest()  # complete: nothing more to read
    assert not model.loading
    runner.shutdown()


def test_a_list_that_changed_before_its_rest_arrived_is_reset(qtbot: Any, gui_demo_db: Database) -> None:
    runner = TaskRunner()
    model = LazyListModel(gui_demo_db, "person", [LazyColumn("Name", lambda r: r.full_name, "name")],
                          runner=runner, batch_size=2)
    model.reload(first_page=True)
    qtbot.waitUntil(lambda: model.loaded, timeout=10_000)
    assert model.rowCount() == 6
    _add_people(gui_demo_db, 3)
    with qtbot.waitSignal(model.ids_loaded, timeout=10_000):
        model.load_rest()
    assert model.complete and model.rowCount() == 9
    assert model.ids() == tuple(record_ids(gui_demo_db, "person"))
    runner.shutdown()
