"""Editors are windows of their own (issue 17, scope 1): several may be open while the main window stays
usable, the same record is raised instead of opened twice, a save from one goes through the undo stack
and refreshes the lists, each kind's editor size is remembered, and quitting or opening another
database with an editor holding changes asks Save / Discard / Cancel first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from organizer.domain.enums import RecordKind
from organizer.gui.app import WindowManager
from organizer.gui.editors.base import EditorDialog
from organizer.gui.editors.person import PersonEditor
from organizer.gui.main_window import MainWindow
from organizer.gui.settings import Settings
from organizer.services import meetings, people
from organizer.store.database import Database, open_database, sqlite_url

pytestmark = pytest.mark.usefixtures("gui_close_dialogs_left_open")
Button = QMessageBox.StandardButton


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot: Any, gui_demo_db: Database, gui_wait: Any, settings: Settings) -> MainWindow:
    win = MainWindow(gui_demo_db, settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    gui_wait(win)
    return win


def _person(db: Database, name: str) -> int:
    return next(r.id for r in people.list_people(db) if name in r.full_name)


def _answer(monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def ask(editor: EditorDialog) -> QMessageBox.StandardButton:
        asked.append(editor.windowTitle())
        return answer

    monkeypatch.setattr(EditorDialog, "ask_keep_changes", ask)
    return asked


def test_opening_the_same_record_twice_raises_the_one_editor(window: MainWindow, gui_demo_db: Database) -> None:
    pid = _person(gui_demo_db, "Korzhikov")
    first = window.record_menu.open_editor(RecordKind.PERSON, pid)
    assert isinstance(first, PersonEditor) and first.isVisible()
    first.notes.setPlainText("typed before the second Edit")
    second = window.record_menu.open_editor(RecordKind.PERSON, pid)
    assert second is first, "the open editor is raised, not a second one opened"
    assert [e for e in window.record_menu.open_editors() if e.kind is RecordKind.PERSON] == [first]
    assert first.notes.toPlainText() == "typed before the second Edit"
    other = window.record_menu.open_editor(RecordKind.PERSON, _person(gui_demo_db, "Pashin"))
    assert other is not first and other is not None and other.isVisible() and first.isVisible()
    assert len(window.record_menu.open_editors()) == 2


def test_the_main_window_stays_usable_while_an_editor_is_open(qtbot: Any, window: MainWindow,
                                                              gui_demo_db: Database) -> None:
    mid = meetings.list_meetings(gui_demo_db)[0].id
    editor = window.record_menu.open_editor(RecordKind.MEETING, mid)
    assert editor is not None and editor.isVisible()
    assert not editor.isModal() and QApplication.activeModalWidget() is None
    editor.notes.setPlainText("Notes written during the meeting")  # type: ignore[attr-defined]
    # The main window takes input: another tab, a record looked up, its detail shown.
    window.activateWindow()
    window.show_tab(window.people_tab)
    tab = window.people_tab
    assert tab.select_id(_person(gui_demo_db, "Korzhikov"))
    qtbot.waitUntil(lambda: "Коржиков" in tab.detail.toPlainText())
    qtbot.keyClick(tab.view, Qt.Key.Key_Down)
    assert tab.current_id() != _person(gui_demo_db, "Korzhikov")
    # Saving from the non-modal editor: through the undo stack, the meetings list refreshed.
    editor.save()
    assert not editor.isVisible()
    assert meetings.get_meeting(gui_demo_db, mid).data.notes == "Notes written during the meeting"
    assert window.records.stack.count() == 1
    window.record_menu.undo_action.trigger()
    assert meetings.get_meeting(gui_demo_db, mid).data.notes != "Notes written during the meeting"


def test_quitting_with_changes_in_an_editor_asks_and_cancel_keeps_everything_open(
        window: MainWindow, gui_demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _answer(monkeypatch, Button.Cancel)
    editor = window.record_menu.open_editor(RecordKind.PERSON, _person(gui_demo_db, "Korzhikov"))
    assert editor is not None
    editor.notes.setPlainText("not saved yet")  # type: ignore[attr-defined]
    assert not window.close()
    assert asked and window.isVisible() and editor.isVisible()
    assert editor.notes.toPlainText() == "not saved yet"  # type: ignore[attr-defined]
    asked[:] = []
    monkeypatch.setattr(EditorDialog, "ask_keep_changes", lambda _e: Button.Save)
    assert window.close()
    assert people.get_person(gui_demo_db, _person(gui_demo_db, "Korzhikov")).data.notes == "not saved yet"


def test_opening_another_database_with_changes_in_an_editor_asks_first(
        qtbot: Any, tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from organizer.services.demo import load_demo

    db = open_database(sqlite_url(tmp_path / "first.sqlite"))
    load_demo(db)
    manager = WindowManager(db, settings)
    old = manager.window
    qtbot.addWidget(old)
    old.show()
    editor = old.record_menu.open_editor(RecordKind.PERSON, _person(db, "Korzhikov"))
    assert editor is not None
    editor.notes.setPlainText("not saved yet")  # type: ignore[attr-defined]
    asked = _answer(monkeypatch, Button.Cancel)
    assert not manager.open_database(tmp_path / "second.sqlite", True)
    assert asked and manager.window is old and editor.isVisible()
    assert not (tmp_path / "second.sqlite").exists()
    monkeypatch.setattr(EditorDialog, "ask_keep_changes", lambda _e: Button.Discard)
    assert manager.open_database(tmp_path / "second.sqlite", True)
    qtbot.addWidget(manager.window)
    assert manager.window is not old
    manager.window.close()
    manager.window.db.close()


def test_each_kinds_editor_size_is_remembered(window: MainWindow, gui_demo_db: Database,
                                              settings: Settings) -> None:
    editor = window.record_menu.open_editor(RecordKind.PERSON, _person(gui_demo_db, "Korzhikov"))
    assert editor is not None
    editor.resize(QSize(700, 520))
    editor.close()
    again = window.record_menu.open_editor(RecordKind.PERSON, _person(gui_demo_db, "Pashin"))
    assert again is not None and again is not editor
    assert again.size() == QSize(700, 520)
    meeting = window.record_menu.open_editor(RecordKind.MEETING, meetings.list_meetings(gui_demo_db)[0].id)
    assert meeting is not None and meeting.size() != QSize(700, 520), "per kind"
