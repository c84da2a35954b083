"""A conflicting edit in the window: a second client (a direct service call) changes the record while the
editor is open; saving shows both versions and the choice; each choice gives the expected stored record
and enters the undo stack once."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from organizer.domain.enums import ParticipantRole, RecordKind, Side
from organizer.gui.conflict_dialog import ConflictDialog
from organizer.gui.editors.person import PersonEditor, photo_bytes
from organizer.gui.editors.records import InstitutionEditor, VisitEditor
from organizer.gui.formatting import enum_label
from organizer.gui.i18n import install_language
from organizer.gui.undo import RecordActions
from organizer.services import audit, institutions, people, visits
from organizer.services.attachments import add_attachment
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


# --- what the dialog names (issue 17, scope 10) ---------------------------------------------------

_ID_LIST = re.compile(r"(^|[\s;])\d+,\s")
"""A row shown by its ids ("1, Гостевая, Глава делегации, 1; 2, ..."): never."""


def _visit_conflict(qtbot: QtBot, db: Database) -> tuple[VisitEditor, ConflictDialog, Any]:
    """Both sides change the demo visit's participants differently: the field is a conflict."""
    actions = RecordActions(db)
    vid = visits.list_visits(db)[0].id
    editor = VisitEditor(actions, vid)
    qtbot.addWidget(editor)
    editor.show()
    start = visits.get_visit(db, vid)
    theirs = start.data.participants[:-1]  # they drop the last participant
    visits.update_visit(db, vid, replace(start.data, participants=theirs), start.meta.version)
    editor.participants.model.remove_row(0)  # I drop the first
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    box = editor.conflict_box
    assert isinstance(box, ConflictDialog) and box.isVisible()
    return editor, box, start


@pytest.mark.parametrize("language", ["en", "ru"])
def test_participants_are_named_with_their_sides_and_roles_never_ids(qtbot: QtBot, qapp: Any,
                                                                     gui_demo_db: Database, language: str) -> None:
    install_language(qapp, language)
    _editor, box, start = _visit_conflict(qtbot, gui_demo_db)
    rows = _rows(box)
    assert "participants" in rows and "participants" in box.choosers
    names = {r.id: r.full_name for r in people.list_people(gui_demo_db)}
    base, mine, theirs = rows["participants"][1:]
    for participant in start.data.participants:
        assert names[participant.person_id] in base
    head = enum_label(ParticipantRole.HEAD_OF_DELEGATION)
    assert head in base and enum_label(Side.GUEST) in base and enum_label(Side.HOST) in base
    assert names[start.data.participants[-1].person_id] not in theirs
    for text in (base, mine, theirs):
        assert not _ID_LIST.search(text), text
        assert "head_of_delegation" not in text and "bytes" not in text
    header = [box.table.horizontalHeaderItem(c).text() for c in range(box.table.columnCount())]
    if language == "ru":
        assert "Чужое" not in " ".join(header) and "Их версия" in header[3]
        assert box.choosers["participants"].itemText(1) == "Их версия"
        assert "Глава делегации" in base
    else:
        assert header[3] == "Theirs (stored now)"


def _photo(colour: str) -> bytes:
    image = QImage(40, 50, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    return photo_bytes(image)


def test_a_photo_i_chose_is_listed_so_keep_theirs_cannot_drop_it_silently(qtbot: QtBot,
                                                                          gui_demo_db: Database) -> None:
    actions = RecordActions(gui_demo_db)
    pid = _korzhikov(gui_demo_db)
    editor = PersonEditor(actions, pid)
    qtbot.addWidget(editor)
    editor.show()
    start = people.get_person(gui_demo_db, pid)
    people.update_person(gui_demo_db, pid, replace(start.data, biography="Their biography"), start.meta.version)
    mine = _photo("#2a6f97")
    editor.set_photo_image(QImage.fromData(mine))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    box = editor.conflict_box
    assert isinstance(box, ConflictDialog)
    rows = _rows(box)
    assert "photo" in rows, "a changed photo is listed"
    assert rows["photo"][0] == "Photo" and rows["photo"][2] == "photo" and rows["photo"][3] == "—"
    photo_row = next(r for r in range(box.table.rowCount())
                     if box.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == "photo")
    assert not box.table.item(photo_row, 2).data(Qt.ItemDataRole.DecorationRole).isNull(), "its picture is shown"
    assert "only I changed" in box.table.item(photo_row, 4).text()
    assert all("bytes" not in " ".join(v) for v in rows.values())
    qtbot.mouseClick(box.merge_button, Qt.MouseButton.LeftButton)
    stored = people.get_person(gui_demo_db, pid)
    assert stored.has_photo and people.person_photo(gui_demo_db, pid) is not None
    assert stored.data.biography == "Their biography"


def test_a_photo_they_stored_meanwhile_is_listed_and_kept(qtbot: QtBot, gui_demo_db: Database) -> None:
    actions = RecordActions(gui_demo_db)
    pid = _korzhikov(gui_demo_db)
    editor = PersonEditor(actions, pid)
    qtbot.addWidget(editor)
    editor.show()
    theirs = _photo("#aa3300")
    people.set_person_photo(gui_demo_db, pid, theirs)
    editor.notes.setPlainText("My notes")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    box = editor.conflict_box
    assert isinstance(box, ConflictDialog)
    rows = _rows(box)
    assert rows["photo"][1:] == ("—", "—", "photo")
    qtbot.mouseClick(box.keep_mine_button, Qt.MouseButton.LeftButton)
    stored = people.person_photo(gui_demo_db, pid)
    assert stored is not None and stored[0] == theirs, "keeping my form keeps their photo"
    assert people.get_person(gui_demo_db, pid).data.notes == "My notes"


def test_files_attached_elsewhere_are_listed(qtbot: QtBot, gui_demo_db: Database) -> None:
    actions = RecordActions(gui_demo_db)
    iid = institutions.list_institutions(gui_demo_db)[0].id
    editor = InstitutionEditor(actions, iid)
    qtbot.addWidget(editor)
    editor.show()
    add_attachment(gui_demo_db, RecordKind.INSTITUTION, iid, "programme.pdf", b"%PDF-1.4 programme")
    first = institutions.get_institution(gui_demo_db, iid)
    institutions.update_institution(gui_demo_db, iid, replace(first.data, city="Ufa"), first.meta.version)
    editor.address.setPlainText("Kremlyovskaya 18")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    box = editor.conflict_box
    assert isinstance(box, ConflictDialog)
    rows = _rows(box)
    assert rows["attachments"][0] == "Attached files" and "programme.pdf" in rows["attachments"][3]
    qtbot.mouseClick(box.merge_button, Qt.MouseButton.LeftButton)
    stored = institutions.get_institution(gui_demo_db, iid)
    assert (stored.data.city, stored.data.address) == ("Ufa", "Kremlyovskaya 18")
