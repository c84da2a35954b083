"""Record > Duplicate visit… in the window: the dialog, the new visit in the list and its editor, undo and redo."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from organizer.domain.enums import Side, VisitDirection, VisitStatus
from organizer.gui.details import DUPLICATE_VISIT
from organizer.gui.duplicate_dialog import DuplicateVisitDialog, next_year
from organizer.gui.editors.records import VisitEditor
from organizer.gui.main_window import MainWindow
from organizer.services import meetings, programme, visits
from organizer.store.database import Database
from tests.gui.keys import Keys

pytestmark = pytest.mark.usefixtures("gui_close_dialogs_left_open")


@pytest.fixture
def window(qtbot: Any, gui_demo_db: Database, gui_wait: Any) -> MainWindow:
    win = MainWindow(gui_demo_db, remember_state=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    gui_wait(win)
    return win


def _select_demo_visit(window: MainWindow, db: Database) -> int:
    window.show_tab(window.visits_tab)
    ident = visits.list_visits(db)[0].id
    assert window.visits_tab.select_id(ident)
    return ident


def test_duplicate_from_the_menu_opens_the_copy_and_undo_removes_it(qtbot: Any, window: MainWindow,
                                                                    gui_demo_db: Database) -> None:
    source = _select_demo_visit(window, gui_demo_db)
    counts = (len(visits.list_visits(gui_demo_db)), len(meetings.list_meetings(gui_demo_db)),
              len(programme.list_programme(gui_demo_db)))
    menu = window.record_menu
    menu.update_actions()
    assert menu.duplicate_action.isEnabled() and menu.duplicate_action in menu.menu.actions()
    assert menu.duplicate_action.shortcut().toString() == "Ctrl+Shift+N"
    menu.duplicate_action.trigger()
    dialog = menu.duplicate_dialog
    assert isinstance(dialog, DuplicateVisitDialog) and dialog.isVisible()
    assert dialog.title.text() == visits.get_visit(gui_demo_db, source).data.title
    assert dialog.start.text() == "2026-03-11"  # the same day next year, to type over
    dialog.start.setText("16.03.2026")  # as people write dates
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    new_rows = [r for r in visits.list_visits(gui_demo_db) if r.id != source]
    assert len(new_rows) == 1
    copy = visits.get_visit(gui_demo_db, new_rows[0].id)
    assert (copy.data.start_date, copy.data.end_date, copy.data.status) == (
        date(2026, 3, 16), date(2026, 3, 17), VisitStatus.PLANNED)
    assert len(copy.meetings) == 4 and len(copy.programme) == 6 and copy.followups == ()
    assert copy.meetings[0].starts_at == datetime(2026, 3, 16, 10, 0)
    editor = menu.editor
    assert isinstance(editor, VisitEditor) and editor.isVisible() and editor.ident == copy.meta.id
    qtbot.waitUntil(lambda: window.visits_tab.current_id() == copy.meta.id)  # its pane shows it too
    editor.close()

    assert menu.undo_action.text().startswith("&Undo Duplicate visit")
    menu.undo_action.trigger()
    assert [r.id for r in visits.list_visits(gui_demo_db)] == [source]
    assert counts == (len(visits.list_visits(gui_demo_db)), len(meetings.list_meetings(gui_demo_db)),
                      len(programme.list_programme(gui_demo_db)))
    menu.redo_action.trigger()  # back with its meetings and programme items
    again = visits.get_visit(gui_demo_db, copy.meta.id)
    assert again.data == copy.data and len(again.meetings) == 4 and len(again.programme) == 6


def test_keyboard_only(qtbot: Any, window: MainWindow, gui_demo_db: Database) -> None:
    """Ctrl+Shift+N on the selected visit, Tab to the day, type it, Space ticks the return visit, Enter."""
    source = _select_demo_visit(window, gui_demo_db)
    window.activateWindow()
    window.visits_tab.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.visits_tab.view)
    keys = Keys()
    keys.key(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.record_menu.duplicate_dialog
    assert isinstance(dialog, DuplicateVisitDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.title)
    assert dialog.title.hasSelectedText() and dialog.title.cursorPosition() == 0  # typing replaces it
    keys.tab()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.start)
    keys.type("2.11.2026\t")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.swap)
    keys.type(" ")
    keys.enter()
    assert keys.count == 2 + len("2.11.2026") + 3
    copy = visits.get_visit(gui_demo_db, next(r.id for r in visits.list_visits(gui_demo_db) if r.id != source))
    assert copy.data.start_date == date(2026, 11, 2) and copy.data.direction is VisitDirection.OUTGOING


def test_return_visit_from_the_visit_pane(qtbot: Any, window: MainWindow, gui_demo_db: Database) -> None:
    source = _select_demo_visit(window, gui_demo_db)
    qtbot.waitUntil(lambda: f"{DUPLICATE_VISIT}:{source}" in window.visits_tab.detail.toHtml())
    window.request_action(DUPLICATE_VISIT, source)  # what a click on the pane's link does
    dialog = window.record_menu.duplicate_dialog
    assert isinstance(dialog, DuplicateVisitDialog)
    dialog.title.setText("Return visit to Tashkent")
    dialog.start.setText("06.10.2025")
    dialog.swap.setChecked(True)
    dialog.accept()
    copy = visits.get_visit(gui_demo_db, next(r.id for r in visits.list_visits(gui_demo_db) if r.id != source))
    assert copy.data.title == "Return visit to Tashkent" and copy.data.direction is VisitDirection.OUTGOING
    assert {p.full_name: p.side for p in copy.participants}["Evgeny Korzhikov"] is Side.HOST


def test_the_dialog_refuses_a_day_that_is_not_a_date_and_allows_none(qtbot: Any, window: MainWindow,
                                                                      gui_demo_db: Database) -> None:
    source = _select_demo_visit(window, gui_demo_db)
    dialog = window.record_menu.duplicate_visit()
    assert isinstance(dialog, DuplicateVisitDialog)
    assert "6 programme items are left out" in dialog.hint.text()
    dialog.start.setText("31.02.2026")
    dialog.accept()
    assert dialog.isVisible() and not dialog.error.isHidden() and "e.g." in dialog.error.text()
    assert len(visits.list_visits(gui_demo_db)) == 1  # nothing written
    dialog.start.setText("")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    copy = visits.get_visit(gui_demo_db, next(r.id for r in visits.list_visits(gui_demo_db) if r.id != source))
    assert copy.data.start_date is None and copy.programme == () and len(copy.meetings) == 4


def test_duplicate_is_offered_only_on_a_visit(window: MainWindow) -> None:
    window.show_tab(window.people_tab)
    window.record_menu.update_actions()
    assert not window.record_menu.duplicate_action.isEnabled()
    assert window.record_menu.duplicate_visit() is None


def test_next_year_keeps_the_day() -> None:
    assert next_year(date(2025, 3, 11)) == date(2026, 3, 11)
    assert next_year(date(2024, 2, 29)) == date(2025, 2, 28)
    assert next_year(None) is None
