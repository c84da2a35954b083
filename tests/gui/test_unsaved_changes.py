"""Nothing typed is lost by leaving an editor (issue 17, scope 1): Esc, Cancel or the close button on a
form with changes asks Save / Discard / Cancel; a form without changes closes at once."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from organizer.gui.editors.base import EditorDialog
from organizer.gui.editors.records import MeetingEditor
from organizer.gui.undo import RecordActions
from organizer.services import meetings, people
from organizer.store.database import Database

Button = QMessageBox.StandardButton


def _answer(monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def ask(editor: EditorDialog) -> QMessageBox.StandardButton:
        asked.append(editor.windowTitle())
        return answer

    monkeypatch.setattr(EditorDialog, "ask_keep_changes", ask)
    return asked


def _meeting_editor(qtbot: QtBot, db: Database) -> tuple[MeetingEditor, int]:
    mid = meetings.list_meetings(db)[0].id
    editor = MeetingEditor(RecordActions(db), mid)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor, mid


def test_esc_without_changes_closes_without_asking(qtbot: QtBot, gui_demo_db: Database,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _answer(monkeypatch, Button.Cancel)
    editor, _mid = _meeting_editor(qtbot, gui_demo_db)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert asked == [] and not editor.isVisible()


@pytest.mark.parametrize("leave", ["esc", "close button", "cancel button"])
def test_leaving_meeting_notes_asks_and_cancel_keeps_every_word(qtbot: QtBot, gui_demo_db: Database,
                                                                monkeypatch: pytest.MonkeyPatch, leave: str) -> None:
    asked = _answer(monkeypatch, Button.Cancel)
    editor, _mid = _meeting_editor(qtbot, gui_demo_db)
    editor.notes.setPlainText("Решено: совместная лаборатория")  # type: ignore[attr-defined]
    if leave == "esc":
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
    elif leave == "close button":
        editor.close()
    else:
        editor.buttons.button(editor.buttons.StandardButton.Cancel).click()
    assert len(asked) == 1, "asked once"
    assert editor.isVisible() and editor.notes.toPlainText() == "Решено: совместная лаборатория"  # type: ignore[attr-defined]


def test_save_from_the_question_stores_the_notes(qtbot: QtBot, gui_demo_db: Database,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _answer(monkeypatch, Button.Save)
    editor, mid = _meeting_editor(qtbot, gui_demo_db)
    editor.notes.setPlainText("Agreed: a joint laboratory")  # type: ignore[attr-defined]
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    assert meetings.get_meeting(gui_demo_db, mid).data.notes == "Agreed: a joint laboratory"


def test_discard_closes_and_stores_nothing(qtbot: QtBot, gui_demo_db: Database,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    _answer(monkeypatch, Button.Discard)
    editor, mid = _meeting_editor(qtbot, gui_demo_db)
    before = meetings.get_meeting(gui_demo_db, mid).data.notes
    editor.notes.setPlainText("not kept")  # type: ignore[attr-defined]
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible() and meetings.get_meeting(gui_demo_db, mid).data.notes == before


def test_a_save_that_is_refused_keeps_the_form_open_with_the_problem(qtbot: QtBot, gui_db: Database,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from organizer.gui.editors.person import PersonEditor

    _answer(monkeypatch, Button.Save)
    editor = PersonEditor(RecordActions(gui_db))
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.notes.setPlainText("Met in Tashkent")  # type: ignore[attr-defined]  (no family name: refused)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.isVisible() and editor.notes.toPlainText() == "Met in Tashkent"  # type: ignore[attr-defined]
    assert people.list_people(gui_db) == []


def test_a_new_form_with_only_what_the_caller_filled_in_closes_without_asking(
        qtbot: QtBot, gui_demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _answer(monkeypatch, Button.Cancel)
    visit = meetings.get_meeting(gui_demo_db, meetings.list_meetings(gui_demo_db)[0].id).data.visit_id
    editor: Any = MeetingEditor(RecordActions(gui_demo_db), None, visit_id=visit)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert asked == [] and not editor.isVisible()
