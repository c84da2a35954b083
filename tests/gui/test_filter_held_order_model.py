"""The lazy list's filter in the order it holds: a filter in the usual order is answered by which records match,
put in the order of the whole list the model showed before (``paging.held_matches``), first page first and
the rest after; changes let that list go and it is read again. Each test compares the rows with
``services.browse.record_ids`` (the filter sorted in SQL) and watches which reads the model asks for."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt

import organizer.gui.models.lazy as lazy
from organizer.domain.listing import ListQuery
from organizer.gui.models.lazy import LazyColumn, LazyListModel
from organizer.gui.tasks import TaskRunner
from organizer.services.archive.importer import import_archive
from organizer.services.browse import record_ids
from organizer.store import Database


def _add_people(db: Database, count: int, start: int = 0, family: str = "Person") -> None:
    people = [{"uid": f"test:{family}{i:05d}", "given_name": "Test", "family_name": f"{family} {i:05d}"}
              for i in range(start, start + count)]
    import_archive(db, {"format": "organizer-archive", "version": 1, "people": people})


@pytest.fixture
def sorted_in_sql(monkeypatch: pytest.MonkeyPatch) -> list[ListQuery]:
    """The queries the model had sorted in SQL (``record_ids``), in the order asked."""
    asked: list[ListQuery] = []
    original: Callable[..., Any] = lazy.record_ids

    def spy(db: Database, kind: str, query: ListQuery | None = None) -> Any:
        asked.append(query or ListQuery())
        return original(db, kind, query)

    monkeypatch.setattr(lazy, "record_ids", spy)
    return asked


def _model(db: Database, runner: TaskRunner, batch_size: int = 20) -> LazyListModel:
    return LazyListModel(db, "person", [LazyColumn("Name", lambda r: r.full_name, "name")], runner=runner,
                         batch_size=batch_size)


def _shown_whole(qtbot: Any, model: LazyListModel) -> None:
    """Read the list as the window does: its first page, then the rest (the window asks after the paint)."""
    qtbot.waitUntil(lambda: model.loaded, timeout=10_000)
    model.load_rest()
    qtbot.waitUntil(lambda: model.complete and not model.loading, timeout=10_000)


def test_a_filter_shows_its_first_page_in_the_held_order_then_the_rest(
        qtbot: Any, qtmodeltester: Any, gui_db: Database, sorted_in_sql: list[ListQuery]) -> None:
    _add_people(gui_db, 150)
    _add_people(gui_db, 40, family="Alder")
    runner = TaskRunner()
    model = _model(gui_db, runner)
    model.reload(first_page=True)
    _shown_whole(qtbot, model)
    assert model.rowCount() == 190
    for text in ("person", "a", "test"):
        sorted_in_sql.clear()
        model.set_query(ListQuery(text=text))
        qtbot.waitUntil(lambda: model.loaded, timeout=10_000)
        expected = record_ids(gui_db, "person", ListQuery(text=text))
        assert model.rowCount() == len(expected) > 20  # the scroll bar's true size at once
        assert model.ids() == tuple(expected[:20]) and model.loading  # the first page
        assert model.index(0, 0).data() and model.index(19, 0).data()  # its rows came with it
        qtmodeltester.check(model)
        model.load_rest()
        qtbot.waitUntil(lambda: model.complete and not model.loading, timeout=10_000)
        assert model.ids() == tuple(expected)
        assert sorted_in_sql == []  # nothing sorted in SQL: the held order
    model.set_query(ListQuery(text="no such person"))
    qtbot.waitUntil(lambda: model.complete, timeout=10_000)
    assert model.rowCount() == 0
    runner.shutdown()


def test_a_record_added_behind_the_models_back_is_in_the_filtered_list(
        qtbot: Any, gui_db: Database, sorted_in_sql: list[ListQuery]) -> None:
    _add_people(gui_db, 120)
    runner = TaskRunner()
    model = _model(gui_db, runner)
    model.reload(first_page=True)
    _shown_whole(qtbot, model)
    _add_people(gui_db, 1, start=120, family="Aardvark")  # another window or a script: the model does not know
    sorted_in_sql.clear()
    model.set_query(ListQuery(text="test"))
    _shown_whole(qtbot, model)
    assert model.ids() == tuple(record_ids(gui_db, "person", ListQuery(text="test")))
    assert model.rowCount() == 121 and sorted_in_sql == [ListQuery(text="test")]  # the held list lacked it
    runner.shutdown()


def test_changes_let_the_held_list_go_and_it_is_read_again(
        qtbot: Any, gui_db: Database, sorted_in_sql: list[ListQuery]) -> None:
    _add_people(gui_db, 120)
    runner = TaskRunner()
    model = _model(gui_db, runner)
    model.reload(first_page=True)
    _shown_whole(qtbot, model)
    sorted_in_sql.clear()
    model.refresh_ids([model.ids()[0]])  # a record changed (a new name may move it): read again at once
    qtbot.waitUntil(lambda: runner.is_idle(), timeout=10_000)
    assert sorted_in_sql == [ListQuery()]
    sorted_in_sql.clear()
    model.set_query(ListQuery(text="test"))
    _shown_whole(qtbot, model)
    assert model.ids() == tuple(record_ids(gui_db, "person", ListQuery(text="test"))) and sorted_in_sql == []
    # a reload (records created or deleted) with a filter shown: the filter sorted in SQL, then the whole list
    # read again in the background for the next filter
    _add_people(gui_db, 1, start=500, family="Aardvark")
    model.reload()
    qtbot.waitUntil(lambda: model.complete and runner.is_idle() and len(sorted_in_sql) == 2, timeout=10_000)
    assert sorted_in_sql == [ListQuery(text="test"), ListQuery()]
    assert model.ids() == tuple(record_ids(gui_db, "person", ListQuery(text="test"))) and model.rowCount() == 121
    sorted_in_sql.clear()
    model.set_query(ListQuery(text="person"))
    _shown_whole(qtbot, model)
    assert model.ids() == tuple(record_ids(gui_db, "person", ListQuery(text="person"))) and sorted_in_sql == []
    # a change between a filter's first page and its rest: the rest is sorted in SQL
    model.set_query(ListQuery(text="test"))
    qtbot.waitUntil(lambda: model.loaded, timeout=10_000)
    assert model.loading
    model.refresh_ids([model.ids()[0]])
    qtbot.waitUntil(lambda: runner.is_idle(), timeout=10_000)
    sorted_in_sql.clear()
    model.load_rest()
    qtbot.waitUntil(lambda: model.complete and not model.loading, timeout=10_000)
    assert sorted_in_sql == [ListQuery(text="test")]
    assert model.ids() == tuple(record_ids(gui_db, "person", ListQuery(text="test")))
    runner.shutdown()


def test_without_a_runner_a_filter_uses_the_held_order_too(gui_db: Database,
                                                          sorted_in_sql: list[ListQuery]) -> None:
    _add_people(gui_db, 100)
    _add_people(gui_db, 30, family="Alder")
    model = LazyListModel(gui_db, "person", [LazyColumn("Name", lambda r: r.full_name, "name")])
    model.reload()
    sorted_in_sql.clear()
    model.set_query(ListQuery(text="alder"))
    assert model.ids() == tuple(record_ids(gui_db, "person", ListQuery(text="alder"))) and len(model.ids()) == 30
    assert sorted_in_sql == []
    model.sort(0)  # by name, ascending: the usual order named
    assert sorted_in_sql == [] and model.ids() == tuple(record_ids(gui_db, "person", ListQuery(text="alder")))
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert sorted_in_sql == [ListQuery(text="alder", sort="name", descending=True)]
