"""A conflicting edit in the window: a second client (a direct service call) changes the record while the
editor is open; saving shows both versions and the choice; each choice gives the expected stored record
and enters the undo stack once."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from organizer.gui.conflict_dialog import ConflictDialog
from organizer.gui.editors.person import PersonEditor
from organizer.gui.editors.records import InstitutionEditor
from organizer.gui.undo import RecordActions
from organizer.services import audit, institutions, people
from organizer.store.database import Database

pytestmark = pytest.mark.usefixtures("gui_close_dialogs_left_open")


def _korzhikov(db: Database) -> int:
    return next(r.id for r in people.list_people(db) if "Korzhikov" in r.full_name)


def _conflict(qtbot: QtBot, db: Database) -> tuple[PersonEditor, ConflictDialog, int, Any]:
    """Open the editor, let another client change notes and biography, change honorific and notes here, save."""
    actions = RecordActions(db)
    pid = _korzhikov(db)
    editor = PersonEditor(actions, pid)
    qtbot.addWidget(editor)
    editor.show()
    start = people.get_person(db, pid)
    people.update_person(db, pid, replace(start.data, notes="Their notes", biography="Their biography"),
                         start.meta.version)
    editor.honorific.setText("Dr.")
    editor.notes.setPlainText("My notes")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    box = editor.conflict_box
    assert isinstance(box, ConflictDialog) and box.isVisible()
    return editor, box, pid, start


def _rows(box: ConflictDialog) -> dict[str, tuple[str, ...]]:
    table = box.table
    return {table.item(r, 0).data(Qt.ItemDataRole.UserRole): tuple(
        table.item(r, c).text() if table.item(r, c) else "" for c in range(4)) for r in range(table.rowCount())}


def test_the_dialog_shows_both_versions_side_by_side(qtbot: QtBot, qtmodeltester: Any,
                                                     gui_demo_db: Database) -> None:
    editor, box, _pid, start = _conflict(qtbot, gui_demo_db)
    qtmodeltester.check(box.table.model())
    rows = _rows(box)
    assert set(rows) == {"honorific", "notes", "biography"}, "only the fields that differ"
    assert rows["notes"][1:] == (start.data.notes or "—", "My notes", "Their notes")
    assert rows["honorific"][2] == "Dr." and rows["biography"][3] == "Their biography"
    assert set(box.choosers) == {"notes"}, "a choice only where both changed the field"
    take = {box.table.item(r, 0).data(Qt.ItemDataRole.UserRole): box.table.item(r, 4)
            for r in range(box.table.rowCount())}
    assert "only I changed" in take["honorific"].text() and "only they changed" in take["biography"].text()
    assert editor.isVisible()


def test_keep_mine_writes_my_form_over_the_new_version(qtbot: QtBot, gui_demo_db: Database) -> None:
    editor, box, pid, start = _conflict(qtbot, gui_demo_db)
    qtbot.mouseClick(box.keep_mine_button, Qt.MouseButton.LeftButton)
    stored = people.get_person(gui_demo_db, pid)
    assert (stored.data.honorific, stored.data.notes, stored.data.biography) == (
        "Dr.", "My notes", start.data.biography)
    assert editor.result() == QDialog.DialogCode.Accepted
    assert editor.records.stack.count() == 1
    editor.records.stack.undo()  # undo goes back to the version the other client stored
    assert people.get_person(gui_demo_db, pid).data.notes == "Their notes"


def test_keep_theirs_drops_my_edit_and_shows_theirs(qtbot: QtBot, gui_demo_db: Database) -> None:
    editor, box, pid, start = _conflict(qtbot, gui_demo_db)
    version = people.get_person(gui_demo_db, pid).meta.version
    qtbot.mouseClick(box.keep_theirs_button, Qt.MouseButton.LeftButton)
    stored = people.get_person(gui_demo_db, pid)
    assert stored.meta.version == version, "nothing was saved"
    assert (stored.data.honorific, stored.data.notes) == (start.data.honorific, "Their notes")
    assert editor.isVisible() and editor.notes.toPlainText() == "Their notes"
    assert editor.honorific.text() == start.data.honorific
    assert editor.records.stack.count() == 0
    # Saving now works against the new version.
    editor.honorific.setText("Prof.")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert people.get_person(gui_demo_db, pid).data.honorific == "Prof."


@pytest.mark.parametrize("notes", ["mine", "theirs"])
def test_merge_field_by_field(qtbot: QtBot, gui_demo_db: Database, notes: str) -> None:
    editor, box, pid, _start = _conflict(qtbot, gui_demo_db)
    box.choose("notes", notes)  # type: ignore[arg-type]
    qtbot.mouseClick(box.merge_button, Qt.MouseButton.LeftButton)
    stored = people.get_person(gui_demo_db, pid)
    assert stored.data.honorific == "Dr.", "only I changed it: mine"
    assert stored.data.biography == "Their biography", "only they changed it: theirs"
    assert stored.data.notes == ("My notes" if notes == "mine" else "Their notes")
    assert editor.result() == QDialog.DialogCode.Accepted and editor.records.stack.count() == 1
    history = audit.record_history(gui_demo_db, "person", pid)
    assert history[-1].action == "update" and "honorific" in history[-1].fields


def test_a_third_change_during_the_choice_asks_again(qtbot: QtBot, gui_demo_db: Database) -> None:
    actions = RecordActions(gui_demo_db)
    iid = institutions.list_institutions(gui_demo_db)[0].id
    editor = InstitutionEditor(actions, iid)
    qtbot.addWidget(editor)
    editor.show()
    first = institutions.get_institution(gui_demo_db, iid)
    institutions.update_institution(gui_demo_db, iid, replace(first.data, city="Ufa"), first.meta.version)
    editor.address.setPlainText("Kremlyovskaya 18")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    box = editor.conflict_box
    assert box is not None and set(box.choosers) == set()
    again = institutions.get_institution(gui_demo_db, iid)
    institutions.update_institution(gui_demo_db, iid, replace(again.data, country="Tatarstan"), again.meta.version)
    qtbot.mouseClick(box.merge_button, Qt.MouseButton.LeftButton)
    second = editor.conflict_box
    assert second is not None and second is not box and second.isVisible(), "refused again, asked again"
    qtbot.mouseClick(second.merge_button, Qt.MouseButton.LeftButton)
    stored = institutions.get_institution(gui_demo_db, iid)
    assert (stored.data.city, stored.data.country, stored.data.address) == ("Ufa", "Tatarstan", "Kremlyovskaya 18")
