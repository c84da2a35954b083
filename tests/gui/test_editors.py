"""The editors, driven through their real widgets: create, edit, undo and redo through the undo stack,
validation shown next to the field, keep theirs or keep mine on a conflicting edit."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from organizer.gui.details import person_html
from organizer.gui.editors.fields import RowColumn, RowsModel
from organizer.gui.editors.person import PHOTO_SIDE, PersonEditor
from organizer.gui.editors.variants import with_variants
from organizer.gui.undo import RecordActions
from organizer.services import institutions, people
from organizer.store.database import Database

pytestmark = pytest.mark.usefixtures("gui_close_dialogs_left_open")


def _set_cell(editor: Any, row: int, key: str, value: Any) -> None:
    model: RowsModel = editor.model
    column = next(i for i, c in enumerate(model.columns) if c.key == key)
    role = Qt.ItemDataRole.CheckStateRole if model.columns[column].kind == "check" else Qt.ItemDataRole.EditRole
    assert model.setData(model.index(row, column), value, role)


def _person_named(db: Database, family: str) -> int:
    return next(r.id for r in people.list_people(db) if family in r.full_name)


def test_create_a_person_with_a_cyrillic_variant_and_a_new_institution_then_undo_redo(
        qtbot: QtBot, gui_db: Database) -> None:
    actions = RecordActions(gui_db)
    editor = PersonEditor(actions)
    qtbot.addWidget(editor)
    editor.given_name.setText("Evgeny")
    editor.family_name.setText("Korzhikov")
    editor.honorific.setText("Mr.")
    editor.name_variants.add_row()
    _set_cell(editor.name_variants, 0, "name", "Коржиков Евгений")
    _set_cell(editor.name_variants, 0, "script", "Cyrl")
    _set_cell(editor.name_variants, 0, "language", "ru")
    institution = editor.new_institution('JSC "Uzkhimyosanoat"')
    assert institution is not None
    editor.positions.add_row({"title": "First Deputy Chairman", "institution_id": institution})
    editor.emails.add_row({"value": "korzhikov at example"})
    editor.phones.add_row({"value": "+998712345678", "label": "office"})
    editor.check_now()
    assert "is not an e-mail address" in editor.problem_shown("emails")
    assert editor.problem_shown("given_name") == ""
    _set_cell(editor.emails, 0, "value", "e.korzhikov@example.uz")
    assert editor.check_now() == {}
    assert editor.problem_shown("emails") == ""
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.result() == editor.DialogCode.Accepted

    pid = _person_named(gui_db, "Korzhikov")
    stored = people.get_person(gui_db, pid)
    assert stored.data.name_variants[0].name == "Коржиков Евгений"
    assert stored.data.phones[0].value == "+998 71 234 56 78"
    assert [(p.title, p.institution_name, p.current) for p in stored.positions] == [
        ("First Deputy Chairman", 'JSC "Uzkhimyosanoat"', True)]

    edit = PersonEditor(actions, pid)
    qtbot.addWidget(edit)
    assert edit.family_name.text() == "Korzhikov"
    assert edit.positions.model.rows[0]["institution_id"] == institution
    edit.honorific.setText("His Excellency")
    edit.biography.setPlainText("Chemist.\nManager.")
    edit.dietary_needs.setPlainText("Халяль")
    edit.interpreter_needs.setPlainText("Uzbek–Russian, consecutive")
    qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    edited = people.get_person(gui_db, pid)
    assert edited.data.honorific == "His Excellency" and edited.data.biography == "Chemist.\nManager."
    assert (edited.data.dietary_needs, edited.data.interpreter_needs) == ("Халяль", "Uzbek–Russian, consecutive")
    shown = person_html(edited, people.person_history(gui_db, pid))
    assert "Халяль" in shown and "Uzbek–Russian, consecutive" in shown
    assert [p.id for p in edited.positions] == [p.id for p in stored.positions]

    stack = actions.stack
    assert stack.count() == 3  # new institution, new person, edit
    stack.undo()
    assert people.get_person(gui_db, pid).data.honorific == "Mr."
    stack.undo()
    assert people.count_people(gui_db) == 0
    stack.undo()
    assert institutions.list_institutions(gui_db) == []
    stack.redo()
    stack.redo()
    assert people.get_person(gui_db, pid).data == stored.data, "redo brings the same person back, same id"
    stack.redo()
    assert people.get_person(gui_db, pid).data.honorific == "His Excellency"
    assert people.get_person(gui_db, pid).meta.uid == stored.meta.uid


def test_a_conflicting_edit_offers_keep_theirs_or_keep_mine(qtbot: QtBot, gui_demo_db: Database) -> None:
    """The old reload-or-overwrite flow, now "keep theirs" and "keep mine" (tests/gui/test_conflict_dialog.py
    covers the merge)."""
    actions = RecordActions(gui_demo_db)
    pid = _person_named(gui_demo_db, "Korzhikov")
    editor = PersonEditor(actions, pid)
    qtbot.addWidget(editor)
    editor.show()
    elsewhere = people.get_person(gui_demo_db, pid)
    people.update_person(gui_demo_db, pid, replace(elsewhere.data, notes="Changed in another window"))
    editor.honorific.setText("Dr.")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    box = editor.conflict_box
    assert box is not None and box.isVisible()
    assert "changed elsewhere" in box.intro.text()
    assert editor.isVisible(), "the editor stays open with the user's input"
    qtbot.mouseClick(box.keep_theirs_button, Qt.MouseButton.LeftButton)
    assert editor.notes.toPlainText() == "Changed in another window"
    assert editor.honorific.text() == elsewhere.data.honorific
    # Again, this time keeping mine.
    people.update_person(gui_demo_db, pid, replace(people.get_person(gui_demo_db, pid).data, notes="Third"))
    editor.honorific.setText("Dr.")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    box = editor.conflict_box
    assert box is not None and box.isVisible()
    qtbot.mouseClick(box.keep_mine_button, Qt.MouseButton.LeftButton)
    after = people.get_person(gui_demo_db, pid)
    assert after.data.honorific == "Dr." and after.data.notes == "Changed in another window"
    assert actions.stack.count() == 1


def test_a_photo_is_scaled_down_before_it_is_stored(qtbot: QtBot, gui_db: Database) -> None:
    actions = RecordActions(gui_db)
    editor = PersonEditor(actions)
    qtbot.addWidget(editor)
    editor.family_name.setText("Photographed")
    image = QImage(3000, 2000, QImage.Format.Format_RGB32)
    image.fill(QColor("steelblue"))
    assert editor.set_photo_image(image)
    assert not editor.set_photo_image(QImage())
    assert editor.save()
    pid = _person_named(gui_db, "Photographed")
    content, media_type = people.person_photo(gui_db, pid) or (b"", "")
    assert media_type == "image/jpeg" and len(content) < 400_000
    stored = QImage.fromData(content)
    assert max(stored.width(), stored.height()) == PHOTO_SIDE


def test_rows_model_passes_the_model_tester_and_reorders(qtmodeltester: Any, qapp: QApplication) -> None:
    model = RowsModel([RowColumn("name", "Name"), RowColumn("side", "Side", "choice",
                                                             lambda: [("guest", "Guest"), ("host", "Host")]),
                       RowColumn("when", "When", "date", default=None), RowColumn("on", "On", "check", default=False)])
    for name in ("A", "B", "C"):
        model.add_row({"name": name, "side": "guest"})
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == "Guest"
    assert not model.setData(model.index(0, 2), "not a date")
    assert model.setData(model.index(0, 2), "2025-03-11")
    assert model.index(0, 2).data() == "2025-03-11"
    assert model.move_row(0, 2)
    assert [r["name"] for r in model.rows] == ["B", "C", "A"]
    mime = model.mimeData([model.index(2, 0)])
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, model.index(-1, -1))
    assert [r["name"] for r in model.rows] == ["A", "B", "C"]
    qtmodeltester.check(model)


def test_every_editor_shows_a_stored_record_exactly(qtbot: QtBot, gui_demo_db: Database) -> None:
    """Opening a record and saving it unchanged writes back exactly what was stored."""
    from organizer.domain.enums import RecordKind
    from organizer.domain.records import AgreementData, FollowUpData, SignatoryData
    from organizer.gui.editors.menu import EDITORS
    from organizer.gui.undo import services_of
    from organizer.services import agreements, followups, meetings, programme, visits

    actions = RecordActions(gui_demo_db)
    vid = visits.list_visits(gui_demo_db)[0].id
    detail = visits.get_visit(gui_demo_db, vid)
    signer = detail.participants[0].person_id
    agreement = agreements.create_agreement(gui_demo_db, AgreementData(
        "Memorandum", party_ids=(detail.institutions[0].institution_id,),
        signatories=(SignatoryData(signer, detail.institutions[0].institution_id),), visit_id=vid))
    followup = followups.create_followup(gui_demo_db, FollowUpData("Write", visit_id=vid, owner_person_id=signer))
    records = {
        RecordKind.PERSON: signer,
        RecordKind.INSTITUTION: detail.institutions[0].institution_id,
        RecordKind.VISIT: vid,
        RecordKind.MEETING: meetings.list_meetings(gui_demo_db, vid)[0].id,
        RecordKind.FOLLOWUP: followup.id,
        RecordKind.AGREEMENT: agreement.id,
        RecordKind.PROGRAMME_ITEM: programme.list_programme(gui_demo_db, visit_id=vid)[2].id,
    }
    for kind, ident in records.items():
        editor = EDITORS[kind](actions, ident)
        qtbot.addWidget(editor)
        stored = services_of(kind).get(gui_demo_db, ident).data
        assert with_variants(editor.variants_panel, editor.collect()) == stored, kind  # the Languages page too
        assert editor.check_now() == {}, kind
        assert editor.save(), kind
        assert services_of(kind).get(gui_demo_db, ident).data == stored, kind
    assert actions.stack.count() == len(records)


def test_a_unit_is_created_under_its_parent(qtbot: QtBot, gui_demo_db: Database) -> None:
    from organizer.gui.editors.records import InstitutionEditor

    kfu = next(r.id for r in institutions.list_institutions(gui_demo_db) if r.name == "Kazan Federal University")
    actions = RecordActions(gui_demo_db)
    editor = InstitutionEditor(actions, parent_id=kfu)
    qtbot.addWidget(editor)
    editor.name.setText("Institute of Physics")
    editor.check_now()
    assert editor.save()
    unit = next(r for r in institutions.list_institutions(gui_demo_db) if r.name == "Institute of Physics")
    assert unit.parent_id == kfu
    edit = InstitutionEditor(actions, kfu)
    qtbot.addWidget(edit)
    edit.parent_field.textEdited.emit("Kazan")
    offered = [edit.parent_field.model.data(edit.parent_field.model.index(r, 0), edit.parent_field.model.VALUE_ROLE)
               for r in range(edit.parent_field.model.rowCount())]
    assert kfu not in offered, "an institution is not offered as its own parent"
    edit.parent_field.textEdited.emit("Physics")
    assert edit.parent_field.model.data(edit.parent_field.model.index(0, 0)) == \
        "Institute of Physics (Kazan Federal University)"
    edit.parent_field.set_value(unit.id)
    assert not edit.save(), "a unit cannot become its parent's parent"
    assert "cannot be its own parent" in edit.problem_shown("parent_id")
    assert institutions.get_institution(gui_demo_db, kfu).data.parent_id is None


def test_files_are_attached_opened_removed_and_undone(qtbot: QtBot, gui_db: Database, tmp_path: Any) -> None:
    from PySide6.QtCore import QUrl

    from organizer.domain.records import PersonData
    from organizer.services.attachments import attachment_content, list_attachments

    pid = people.create_person(gui_db, PersonData(family_name="Filed")).meta.id
    actions = RecordActions(gui_db)
    editor = PersonEditor(actions, pid)
    qtbot.addWidget(editor)
    files = editor.files
    letter = tmp_path / "письмо.txt"
    letter.write_text("Уважаемый ректор", encoding="utf-8")
    assert files.add_files([letter, tmp_path / "missing.pdf"]) == 1
    assert "missing.pdf" in files.message.text()
    assert [r.name for r in list_attachments(gui_db, "person", pid)] == ["письмо.txt"]
    assert files.list.count() == 1
    opened: list[QUrl] = []
    files.open_url = opened.append
    files.list.setCurrentRow(0)
    path = files.open_current()
    assert path is not None and path.read_text(encoding="utf-8") == "Уважаемый ректор"
    assert opened == [QUrl.fromLocalFile(str(path))]
    files.remove_current()
    assert files.list.count() == 0 and list_attachments(gui_db, "person", pid) == []
    actions.stack.undo()
    assert files.list.count() == 1
    row = list_attachments(gui_db, "person", pid)[0]
    assert attachment_content(gui_db, row.id) == "Уважаемый ректор".encode()
    actions.stack.undo()
    assert files.list.count() == 0
    actions.stack.redo()
    assert [r.name for r in list_attachments(gui_db, "person", pid)] == ["письмо.txt"]
    new = PersonEditor(actions)
    qtbot.addWidget(new)
    assert not new.files.add_button.isEnabled(), "a record not saved yet has no files"


def test_person_choosers_find_people_beyond_the_first_ones(qtbot: QtBot, gui_demo_db: Database) -> None:
    from organizer.gui.editors.records import FollowUpEditor
    from organizer.services import followups

    actions = RecordActions(gui_demo_db)
    editor = FollowUpEditor(actions)
    qtbot.addWidget(editor)
    varfolomeyev = next(r.id for r in people.list_people(gui_demo_db) if "Varfolomeyev" in r.full_name)
    editor.owner_person.textEdited.emit("varfol")
    found = editor.owner_person.model
    assert found.data(found.index(0, 0), found.VALUE_ROLE) == varfolomeyev, "the owner is found by typing"
    editor.owner_person.matches.activated[QModelIndex].emit(found.index(0, 0))
    assert editor.owner_person.value() == varfolomeyev
    editor.description.setPlainText("Invite to the conference")
    assert editor.save()
    stored = next(f for f in followups.list_followups(gui_demo_db) if f.description == "Invite to the conference")
    again = FollowUpEditor(actions, stored.id)
    qtbot.addWidget(again)
    assert again.owner_person.value() == varfolomeyev, "a stored owner beyond the first ones stays chosen"
    assert again.owner_person.text().startswith("Mikhail Varfolomeyev")


def test_ctrl_s_saves_from_inside_a_field_and_the_button_says_so(qtbot: QtBot, gui_db: Database) -> None:
    """Ctrl+S in any field saves the record like the Save button (and a refused form stays open)."""
    from PySide6.QtGui import QKeySequence

    actions = RecordActions(gui_db)
    editor = PersonEditor(actions)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.family_name.setFocus()
    qtbot.keyClicks(editor.family_name, "Pashin")
    qtbot.keyClick(editor.family_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.isVisible())
    assert [r.full_name for r in people.list_people(gui_db)] == ["Pashin"]
    assert editor.save_button.toolTip() == QKeySequence(QKeySequence.StandardKey.Save).toString(
        QKeySequence.SequenceFormat.NativeText)

    empty = PersonEditor(actions)
    qtbot.addWidget(empty)
    empty.show()
    qtbot.waitExposed(empty)
    empty.activateWindow()
    qtbot.waitUntil(empty.isActiveWindow)
    empty.given_name.setFocus()
    qtbot.keyClick(empty.given_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert empty.isVisible()
    assert people.count_people(gui_db) == 1
