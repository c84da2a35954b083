"""No database work on the UI thread while a person uses the window (issue 16, scope 5).

A recorder notes the thread of every connection the database hands out (SQLAlchemy's pool ``checkout``,
which ORM, Core and raw DB-API reads all pass through) and of every plain ``sqlite3`` read
(``Database.plain_reader``). The test then works as a person does: switches records in the list,
opens an editor, types, saves, undoes and redoes, opens a record by its link, shows every tab for the
first time, and builds a briefing, and asserts that none of it touched the database from the UI thread.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from organizer.gui.main_window import MainWindow
from organizer.store.database import Database


class ThreadRecorder:
    """Which threads used the database, and what they were doing (the phase the test was in)."""

    def __init__(self, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
        self.ui = threading.get_ident()
        self.phase = "setup"
        self.calls: list[tuple[str, bool]] = []
        self._lock = threading.Lock()
        event.listen(db.engine, "checkout", self._checkout)
        self._engine = db.engine
        original = db.plain_reader

        @contextlib.contextmanager
        def plain_reader() -> Iterator[Any]:
            self._note()
            with original() as con:
                yield con

        monkeypatch.setattr(db, "plain_reader", plain_reader)

    def _checkout(self, *_args: Any) -> None:
        self._note()

    def _note(self) -> None:
        with self._lock:
            self.calls.append((self.phase, threading.get_ident() == self.ui))

    def on_ui_thread(self) -> list[str]:
        return [phase for phase, on_ui in self.calls if on_ui]

    def phases(self) -> set[str]:
        return {phase for phase, _on_ui in self.calls}

    def close(self) -> None:
        event.remove(self._engine, "checkout", self._checkout)


def _settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.tasks.is_idle(), timeout=30_000)
    qtbot.wait(50)
    qtbot.waitUntil(lambda: window.tasks.is_idle(), timeout=30_000)


def test_editing_saving_undoing_switching_and_a_briefing_use_the_database_only_off_the_ui_thread(
        qtbot: QtBot, gui_demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    window = MainWindow(gui_demo_db, remember_state=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    tab = window.people_tab
    qtbot.waitUntil(lambda: tab.model.loaded and tab.current_id() is not None, timeout=30_000)
    _settle(qtbot, window)
    recorder = ThreadRecorder(gui_demo_db, monkeypatch)
    try:
        recorder.phase = "switching records"
        tab.table.setFocus()
        rendered = tab.details_rendered
        qtbot.keyClick(tab.table, Qt.Key.Key_Down)
        qtbot.waitUntil(lambda: tab.details_rendered > rendered, timeout=10_000)
        second = tab.current_id()
        assert second is not None and second == tab.model.id_at(1)
        _settle(qtbot, window)
        assert "switching records" in recorder.phases()

        recorder.phase = "editing"
        editor = window.record_menu.edit_record()
        assert editor is not None  # deletes itself on close
        editor.notes.setPlainText("Met at the technopark")  # type: ignore[attr-defined]
        assert editor.check_now() == {}
        qtbot.keyClicks(editor.honorific, "Dr.")  # type: ignore[attr-defined]
        qtbot.wait(400)  # validation as you type, after the pause
        _settle(qtbot, window)

        recorder.phase = "saving"
        assert editor.save()
        _settle(qtbot, window)
        qtbot.waitUntil(lambda: "Met at the technopark" in tab.detail.toPlainText())  # the pane: its own wait

        recorder.phase = "undoing"
        window.record_menu.undo_action.trigger()
        _settle(qtbot, window)
        qtbot.waitUntil(lambda: "Met at the technopark" not in tab.detail.toPlainText())
        recorder.phase = "redoing"
        window.record_menu.redo_action.trigger()
        _settle(qtbot, window)
        qtbot.waitUntil(lambda: "Met at the technopark" in tab.detail.toPlainText())

        recorder.phase = "noticing another client's change"
        from organizer.services import people

        other = people.get_person(gui_demo_db, second)  # (this read is the other client's, on this thread)
        recorder.calls = [c for c in recorder.calls if c[0] != recorder.phase]
        people.update_person(gui_demo_db, second, replace(other.data, biography="Changed elsewhere"),
                             other.meta.version)
        recorder.calls = [c for c in recorder.calls if c[0] != recorder.phase]
        assert window.watcher.check_now()
        _settle(qtbot, window)
        qtbot.waitUntil(lambda: "Changed elsewhere" in tab.detail.toPlainText())

        recorder.phase = "opening a record by its link"
        far = tab.model.id_at(tab.model.rowCount() - 1)
        assert far is not None and far != tab.current_id()
        window.open_record("person", far)
        qtbot.waitUntil(lambda: tab.current_id() == far, timeout=10_000)
        _settle(qtbot, window)

        recorder.phase = "switching tabs"
        for index in range(1, window.tabs.count()):  # each built and loaded when first shown
            window.tabs.setCurrentIndex(index)
            _settle(qtbot, window)
        window.tabs.setCurrentIndex(0)
        _settle(qtbot, window)

        recorder.phase = "reloading the follow-ups board"  # its Mark done button followed the reset with a read
        board = window.tab("followups")
        window.show_tab(board)
        board.select_first()
        _settle(qtbot, window)
        board.reload()
        _settle(qtbot, window)
        assert board.filters.status is not None
        board.filters.status.setCurrentIndex(0)  # every status: a change re-reads the row in place
        _settle(qtbot, window)
        board.select_first()
        chosen = board.current_id()
        assert chosen is not None
        board.records_changed([chosen])  # as when the watcher hears of another client's change to it
        _settle(qtbot, window)
        qtbot.waitUntil(lambda: board.done_button.isEnabled(), timeout=30_000)
        window.tabs.setCurrentIndex(0)
        _settle(qtbot, window)

        recorder.phase = "building a briefing"
        window.show_tab(window.visits_tab)
        qtbot.waitUntil(lambda: window.visits_tab.current_id() is not None, timeout=30_000)
        window.export_briefing()
        dialog = window.export_dialog
        dialog.generate_button.click()
        qtbot.waitUntil(lambda: dialog.preview is not None, timeout=120_000)
        _settle(qtbot, window)
    finally:
        recorder.close()
    assert {"switching records", "editing", "saving", "undoing", "redoing", "noticing another client's change",
            "opening a record by its link", "switching tabs", "reloading the follow-ups board",
            "building a briefing"} <= \
        recorder.phases(), "each phase used the database"
    assert recorder.on_ui_thread() == [], "database work on the UI thread"
    for widget in QApplication.topLevelWidgets():
        widget.close()
