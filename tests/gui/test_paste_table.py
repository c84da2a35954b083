"""A delegation list pasted from a spreadsheet into a visit's members table (issue 17, scope 5): Ctrl+V shows
which rows are people already stored and which are new, writes nothing until confirmed, and then adds them
all to the delegation on the side chosen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication

from organizer.domain.enums import ParticipantRole, Side
from organizer.gui.editors.records import VisitEditor
from organizer.gui.paste_dialog import PasteDialog
from organizer.gui.undo import RecordActions
from organizer.services import people, visits
from organizer.store.database import Database

TABLE = ("Abduhomid Salomov\tHead of the Department\tJSC \"Uzkhimyosanoat\"\n"
         "Aziz Karimov\tChief Engineer\tJSC \"Uzkhimyosanoat\"\n"
         "Dilnoza Rahimova\tHead of International Relations\tJSC \"Uzkhimyosanoat\"\n")


def _names(db: Database) -> set[str]:
    return {r.full_name for r in people.list_people(db)}


def test_ctrl_v_of_a_table_previews_then_adds_the_delegation(qtbot: Any, gui_demo_db: Database) -> None:
    vid = visits.list_visits(gui_demo_db)[0].id
    editor = VisitEditor(RecordActions(gui_demo_db), vid)
    qtbot.addWidget(editor)
    editor.show()
    editor.pages.setCurrentIndex(editor.delegations_page)
    before_rows = editor.participants.value()
    before_people = _names(gui_demo_db)
    mime = QMimeData()
    mime.setText(TABLE)
    QApplication.clipboard().setMimeData(mime)
    view = editor.participants.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    dialog = editor.findChild(PasteDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.rowCount() == 3
    column = [dialog.table.item(r, 0).text() for r in range(3)]
    assert column[0].startswith("found: Abduhomid Salomov") and column[1:] == ["new person", "new person"]
    assert _names(gui_demo_db) == before_people  # nothing written yet
    assert dialog.side is not None
    dialog.side.setCurrentIndex(dialog.side.findData(Side.GUEST))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: len(editor.participants.value()) == len(before_rows) + 2)
    assert _names(gui_demo_db) == before_people | {"Aziz Karimov", "Dilnoza Rahimova"}
    added = editor.participants.value()[len(before_rows):]
    assert {(r["side"], r["role"]) for r in added} == {(Side.GUEST, ParticipantRole.MEMBER)}
    editor.save()
    stored = visits.get_visit(gui_demo_db, vid).data.participants
    assert len(stored) == len(before_rows) + 2


def test_cancel_writes_nothing_and_one_value_pastes_into_the_cell(qtbot: Any, gui_demo_db: Database) -> None:
    vid = visits.list_visits(gui_demo_db)[0].id
    editor = VisitEditor(RecordActions(gui_demo_db), vid)
    qtbot.addWidget(editor)
    editor.show()
    before_people, before_rows = _names(gui_demo_db), editor.participants.value()
    QApplication.clipboard().setText(TABLE)
    editor.participants.view.setFocus()
    qtbot.keyClick(editor.participants.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    dialog = editor.findChild(PasteDialog)
    assert dialog is not None
    dialog.reject()
    assert _names(gui_demo_db) == before_people and editor.participants.value() == before_rows
    dialog.deleteLater()
    QApplication.clipboard().setText("Pashin")  # one value, no table: no dialog
    assert not editor.participants._paste()


def test_record_paste_people_adds_them_to_the_people_list(qtbot: Any, gui_window: Any,
                                                          gui_demo_db: Database) -> None:
    tab = gui_window.people_tab
    before = tab.model.total_count
    QApplication.clipboard().setText("ФИО\tДолжность\tОрганизация\nИванов Иван\tДекан\tКФУ\n"
                                     "Петрова Ольга\tДоцент\tКФУ\n")
    dialog = gui_window.record_menu.paste_people()
    assert isinstance(dialog, PasteDialog) and dialog.side is None and dialog.table.rowCount() == 2
    assert "2 new" in dialog.summary.text()
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: tab.model.total_count == before + 2)
    QApplication.clipboard().setText("")
    assert gui_window.record_menu.paste_people() is None  # nothing copied: says what to copy
    assert "Copy a table of people first" in gui_window.record_menu.question.text()
