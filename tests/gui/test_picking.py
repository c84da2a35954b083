"""People and institutions are picked by typing, keyboard only, in every table that chooses them: the
typed text opens the cell's picker as typed (no placeholder before it), the spelling-insensitive search
lists the matches, Enter picks the best one and a new row waits for the next name; "Create «…»" at the
end of the list creates the person (an undoable step) and picks them."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from organizer.domain.enums import Side
from organizer.gui.editors.picker import NewPersonForm, PickModel, RecordPicker
from organizer.gui.editors.records import AgreementEditor, MeetingEditor, VisitEditor
from organizer.gui.undo import RecordActions
from organizer.services import people
from organizer.store.database import Database
from tests.gui.keys import Keys

pytestmark = pytest.mark.usefixtures("gui_close_dialogs_left_open")


def _ids(db: Database) -> dict[str, int]:
    return {r.full_name: r.id for r in people.list_people(db)}


def _shown(qtbot: QtBot, editor: Any) -> None:
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)


def _focus_cell(editor: Any, table: Any, row: int = 0, column: int = 0) -> None:
    editor.pages.setCurrentWidget(table.parentWidget().parentWidget().parentWidget()
                                  if editor.pages.indexOf(table) < 0 else table)
    table.view.setFocus()
    table.view.setCurrentIndex(table.model.index(row, column))


def _picker() -> RecordPicker:
    widget = QApplication.focusWidget()
    assert isinstance(widget, RecordPicker), type(widget)
    return widget


def test_typing_pash_and_enter_in_a_participants_cell_picks_pashin(qtbot: QtBot, gui_demo_db: Database) -> None:
    ids = _ids(gui_demo_db)
    editor = VisitEditor(RecordActions(gui_demo_db))
    _shown(qtbot, editor)
    editor.pages.setCurrentIndex(1)
    table = editor.participants
    table.add_row()
    _focus_cell(editor, table)
    keys = Keys()
    keys.type("Pash")
    assert _picker().text() == "Pash", "the cell's editor holds exactly what was typed"
    keys.enter()
    assert table.model.rows[0]["person_id"] == ids["D. Pashin"]
    assert table.model.data(table.model.index(0, 0)).startswith("D. Pashin")
    # a new row is ready for the next name: typing goes on at once
    assert len(table.model.rows) == 2 and table.view.currentIndex().row() == 1
    keys.type("Коржиков")
    assert "Evgeny Korzhikov" in _picker().model.data(_picker().model.index(0, 0))
    keys.enter()
    assert [r["person_id"] for r in table.value()] == [ids["D. Pashin"], ids["Evgeny Korzhikov"]]
    assert keys.count == 4 + 1 + 8 + 1


def test_korzhikov_is_found_in_any_spelling_and_arrows_choose(qtbot: QtBot, gui_demo_db: Database) -> None:
    ids = _ids(gui_demo_db)
    editor = MeetingEditor(RecordActions(gui_demo_db))
    _shown(qtbot, editor)
    table = editor.participants
    table.add_row()
    _focus_cell(editor, table)
    keys = Keys()
    keys.type("Коржиков")
    picker = _picker()
    labels = [picker.model.data(picker.model.index(r, 0)) for r in range(picker.model.rowCount())]
    assert labels[0].startswith("Evgeny Korzhikov") and labels[-1] == "Create «Коржиков»"
    picker.clear()
    keys.type("korjikov")  # another romanization, typed in place of the Cyrillic
    assert picker.model.data(picker.model.index(0, 0)).startswith("Evgeny Korzhikov")
    keys.key(Qt.Key.Key_Down)  # to "Create «…»" and back
    keys.key(Qt.Key.Key_Up)
    keys.tab()  # Tab picks as Enter does
    assert table.model.rows[0]["person_id"] == ids["Evgeny Korzhikov"]


def test_create_from_the_list_creates_and_picks_the_person(qtbot: QtBot, gui_demo_db: Database) -> None:
    actions = RecordActions(gui_demo_db)
    editor = AgreementEditor(actions)
    _shown(qtbot, editor)
    table = editor.signatories
    table.add_row()
    _focus_cell(editor, table)
    keys = Keys()
    keys.type("Иванов Пётр Сергеевич")
    picker = _picker()
    assert picker.model.data(picker.model.index(picker.model.rowCount() - 1, 0)) == "Create «Иванов Пётр Сергеевич»"
    assert picker.model.rowCount() == 1, "nobody is called so: Create «…» is the only entry, current"
    keys.enter()
    form = picker.findChild(NewPersonForm)
    assert form is not None and form.isVisible()
    assert form.name.text() == "Иванов Пётр Сергеевич"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.name)
    keys.tab()
    keys.type("Проректор")
    keys.tab()
    keys.type("Kazan")
    keys.enter()  # picks the university in the form's own picker
    assert form.institution.label() == "Kazan Federal University"
    keys.enter()  # creates
    # found by the stored name: the English window's lists show it romanized (issue 18)
    created = next(r for r in people.list_people(gui_demo_db)
                   if people.get_person(gui_demo_db, r.id).data.family_name == "Иванов")
    detail = people.get_person(gui_demo_db, created.id).data
    assert (detail.family_name, detail.given_name, detail.middle_name) == ("Иванов", "Пётр", "Сергеевич")
    assert [(p.title, p.current) for p in detail.positions] == [("Проректор", True)]
    assert table.model.rows[0]["person_id"] == created.id, "back in the row with the person picked"
    # the next row: a name nobody has, Enter on "Create «…»", Enter again: the same institution
    assert table.view.currentIndex().row() == 1
    keys.type("Zzyzx Qwerty")
    picker = _picker()
    assert picker.model.rowCount() == 1, "only Create «…» for a name nobody has"
    keys.enter()
    second = picker.findChild(NewPersonForm)
    assert second is not None and second.institution.label() == "Kazan Federal University"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is second.name)
    keys.enter()
    other = next(r for r in people.list_people(gui_demo_db) if r.full_name == "Zzyzx Qwerty")
    assert other.current_institution == "Kazan Federal University"
    assert table.model.rows[1]["person_id"] == other.id
    assert keys.count == (21 + 1) + (1 + 9 + 1 + 5 + 1 + 1) + (12 + 1 + 1)  # name Enter, form, the next one
    actions.stack.undo()
    actions.stack.undo()
    assert created.id not in {r.id for r in people.list_people(gui_demo_db)}, "the creation is undoable"


def test_the_pick_list_passes_the_model_tester(qtmodeltester: Any) -> None:
    model = PickModel()
    model.set_hits([(1, "D. Pashin", ""), (2, "Evgeny Korzhikov", "Коржиков Евгений")], "Create «x»")
    qtmodeltester.check(model)
    assert model.rowCount() == 3 and model.data(model.index(2, 0), PickModel.VALUE_ROLE) != 1
    assert model.data(model.index(1, 0)) == "Evgeny Korzhikov · Коржиков Евгений"
    assert model.data(model.index(1, 0), PickModel.LABEL_ROLE) == "Evgeny Korzhikov"


def test_a_visit_institution_is_picked_by_typing(qtbot: QtBot, gui_demo_db: Database) -> None:
    editor = VisitEditor(RecordActions(gui_demo_db))
    _shown(qtbot, editor)
    editor.pages.setCurrentIndex(1)
    table = editor.institutions
    table.add_row()
    _focus_cell(editor, table)
    keys = Keys()
    keys.type("Казан")
    keys.enter()
    kfu = next(i for i, r in enumerate(table.value()) if r["institution_id"] is not None)
    assert table.model.data(table.model.index(kfu, 0)) == "Kazan Federal University"
    assert table.model.rows[0]["side"] is Side.GUEST


def test_a_form_field_picks_by_typing_and_moves_on(qtbot: QtBot, gui_demo_db: Database) -> None:
    from organizer.gui.editors.records import FollowUpEditor

    ids = _ids(gui_demo_db)
    editor = FollowUpEditor(RecordActions(gui_demo_db))
    _shown(qtbot, editor)
    editor.owner_person.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.owner_person)
    keys = Keys()
    keys.type("Коржиков")
    keys.enter()
    assert editor.owner_person.value() == ids["Evgeny Korzhikov"]
    assert QApplication.focusWidget() is editor.owner_institution, "Enter picks and moves to the next field"
    keys.type("Kazan")
    keys.enter()
    assert editor.owner_institution.text() == "Kazan Federal University"
    editor.owner_person.clear()
    assert editor.owner_person.value() is None, "an emptied field chooses nobody"


def test_topics_are_completed_from_the_stored_ones(qtbot: QtBot, gui_demo_db: Database) -> None:
    from organizer.gui.editors.topics import TopicsField

    editor = VisitEditor(RecordActions(gui_demo_db))
    _shown(qtbot, editor)
    field = editor.topics
    assert isinstance(field, TopicsField)
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    keys = Keys()
    keys.type("cata")
    assert field.model.stringList() == ["Heterogeneous catalysis"], "a topic found by a word inside it"
    keys.enter()
    assert field.text() == "Heterogeneous catalysis, "
    keys.type("Химия")
    assert field.model.stringList() == [], "a new topic: nothing stored to offer, it is simply typed"
    keys.type(", pharm")
    keys.tab()
    assert field.value() == ("Heterogeneous catalysis", "Химия", "Pharmaceuticals")
    keys.type("cata")
    assert field.model.stringList() == [], "a topic already listed is not offered again"


def test_a_row_added_and_left_without_a_person_is_left_out(qtbot: QtBot, gui_demo_db: Database) -> None:
    editor = MeetingEditor(RecordActions(gui_demo_db))
    qtbot.addWidget(editor)
    editor.title.setText("Call")
    editor.participants.add_button.click()
    assert editor.participants.model.rowCount() == 1
    assert editor.save(), editor.problem_shown("participants")


def test_a_programme_items_escort_and_visit_are_picked_by_typing(qtbot: QtBot, gui_demo_db: Database) -> None:
    from organizer.gui.editors.programme import ProgrammeItemEditor

    ids = _ids(gui_demo_db)
    editor = ProgrammeItemEditor(RecordActions(gui_demo_db))
    qtbot.addWidget(editor)
    editor.visit.textEdited.emit("Kazan")
    editor.visit.matches.activated[QModelIndex].emit(editor.visit.model.index(0, 0))
    assert editor.visit.value() is not None
    editor.escort.textEdited.emit("Пашин")
    editor.escort.matches.activated[QModelIndex].emit(editor.escort.model.index(0, 0))
    assert editor.escort.value() == ids["D. Pashin"]


def test_a_person_typed_as_a_report_writes_them_fills_the_form(qtbot: QtBot, gui_demo_db: Database) -> None:
    """"Name, title, institution" typed in a participants cell: the person picker looks for the name alone,
    and the form opens with the three parts in their fields (the last part is the institution: the title may
    hold commas), the institution's matches listed, so that Enter picks it and Enter creates the person."""
    actions = RecordActions(gui_demo_db)
    editor = VisitEditor(actions)
    _shown(qtbot, editor)
    editor.pages.setCurrentIndex(1)
    table = editor.participants
    table.add_row()
    _focus_cell(editor, table)
    Keys().type("Korzhikov, First Deputy Chairman, Uzkhimyosanoat")
    picker = _picker()
    assert picker.model.data(picker.model.index(0, 0)).startswith("Evgeny Korzhikov")  # found by the name alone
    form = NewPersonForm(actions, "Aziz Karimov, Head of Localization, Import Optimization, Kazan Federal", editor)
    qtbot.addWidget(form)
    form.show()
    assert (form.name.text(), form.position.text()) == ("Aziz Karimov", "Head of Localization, Import Optimization")
    qtbot.waitUntil(lambda: form.institution.text() == "Kazan Federal" and form.institution.model.rowCount() > 0)
    first = form.institution.model.index(0, 0)
    assert str(first.data()).startswith("Kazan Federal University")
    form.institution.choose(first.data(PickModel.VALUE_ROLE), str(first.data(PickModel.LABEL_ROLE)))
    form.accept()
    created = next(r for r in people.list_people(gui_demo_db) if r.full_name == "Aziz Karimov")
    detail = people.get_person(gui_demo_db, created.id).data
    assert [(p.title, p.current) for p in detail.positions] == [("Head of Localization, Import Optimization", True)]
