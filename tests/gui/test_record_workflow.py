"""The window's Record menu with the real editors: visits with both delegations, a meeting with its
participants and notes, follow-ups marked done, deletes that ask first and undo across all of it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from organizer.domain.enums import FollowUpStatus, ParticipantRole, RecordKind, Side
from organizer.gui.editors.fields import RowsModel
from organizer.gui.editors.person import PersonEditor
from organizer.gui.editors.records import FollowUpEditor, MeetingEditor, VisitEditor
from organizer.gui.main_window import MainWindow
from organizer.services import followups, institutions, meetings, people, visits
from organizer.store.database import Database


@pytest.fixture
def window(qtbot: Any, gui_demo_db: Database, gui_wait: Any) -> MainWindow:
    win = MainWindow(gui_demo_db, remember_state=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    gui_wait(win)  # lists load on a worker thread
    return win


pytestmark = pytest.mark.usefixtures("gui_close_dialogs_left_open")


def _ids(db: Database) -> dict[str, int]:
    found = {r.full_name: r.id for r in people.list_people(db)}
    found |= {r.name: r.id for r in institutions.list_institutions(db)}
    return found


def _set(model: RowsModel, row: int, key: str, value: Any) -> None:
    column = next(i for i, c in enumerate(model.columns) if c.key == key)
    assert model.setData(model.index(row, column), value, Qt.ItemDataRole.EditRole)


def test_new_person_from_the_menu_shows_up_and_undo_removes_it(qtbot: Any, window: MainWindow,
                                                               gui_demo_db: Database) -> None:
    window.show_tab(window.people_tab)
    before = window.people_tab.model.total_count
    window.record_menu.new_action.trigger()
    editor = window.record_menu.editor
    assert isinstance(editor, PersonEditor) and editor.isVisible()
    editor.given_name.setText("Лейсан")
    editor.family_name.setText("Сафина")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.people_tab.model.total_count == before + 1)
    # the English window shows a name entered in Cyrillic romanized (issue 18; the editor marks it automatic)
    qtbot.waitUntil(lambda: window.people_tab.current_id() == _ids(gui_demo_db)["Leysan Safina"])
    # the pane renders after the list has painted (render_detail_after_paint): wait for it, do not race it
    qtbot.waitUntil(lambda: "Leysan Safina" in window.people_tab.detail.toPlainText())
    window.record_menu.undo_action.trigger()
    qtbot.waitUntil(lambda: window.people_tab.model.total_count == before)
    window.record_menu.redo_action.trigger()
    qtbot.waitUntil(lambda: window.people_tab.model.total_count == before + 1)


def test_a_visit_with_both_sides_and_a_meeting_with_participants_and_notes(qtbot: Any, window: MainWindow,
                                                                           gui_demo_db: Database) -> None:
    ids = _ids(gui_demo_db)
    window.show_tab(window.visits_tab)
    window.record_menu.new_action.trigger()
    editor = window.record_menu.editor
    assert isinstance(editor, VisitEditor)
    editor.title.setText("Return visit to Tashkent")
    editor.start_date.setText("2025-10-06")
    editor.end_date.setText("2025-10-05")
    editor.check_now()
    assert "before the start" in editor.problem_shown("end_date")
    editor.end_date.setText("2025-10-08")
    institutions_model = editor.institutions.model
    institutions_model.add_row({"institution_id": ids["Kazan Federal University"], "side": Side.GUEST})
    institutions_model.add_row({"institution_id": ids['JSC "Uzkhimyosanoat"'], "side": Side.HOST})
    members = editor.participants.model
    members.add_row({"person_id": ids["Evgeny Korzhikov"], "side": Side.HOST, "role": ParticipantRole.HOST_LEAD})
    members.add_row({"person_id": ids["Ilnur Khairullin"], "side": Side.GUEST, "role": ParticipantRole.MEMBER})
    members.add_row({"person_id": ids["Rifkat Minnikhanov"], "side": Side.GUEST})
    _set(members, 2, "role", ParticipantRole.HEAD_OF_DELEGATION)
    assert members.move_row(2, 1)  # the head of delegation goes first among the guests
    assert editor.check_now() == {}
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    vid = next(r.id for r in visits.list_visits(gui_demo_db) if r.title == "Return visit to Tashkent")
    detail = visits.get_visit(gui_demo_db, vid)
    assert [(p.full_name, p.side, p.precedence) for p in detail.participants] == [
        ("Rifkat Minnikhanov", Side.GUEST, 1), ("Ilnur Khairullin", Side.GUEST, 2), ("Evgeny Korzhikov", Side.HOST, 1)]
    qtbot.waitUntil(lambda: window.visits_tab.current_id() == vid)

    meeting_editor = window.record_menu.open_editor(RecordKind.MEETING, visit_id=vid)
    assert isinstance(meeting_editor, MeetingEditor)
    meeting_editor.title.setText("Talks on catalysts")
    meeting_editor.starts_at.setText("2025-10-06 10:00")
    meeting_editor.ends_at.setText("2025-10-06 11:30")
    parts = meeting_editor.participants.model
    parts.add_row({"person_id": ids["Rifkat Minnikhanov"], "side": Side.GUEST,
                   "role": ParticipantRole.HEAD_OF_DELEGATION})
    parts.add_row({"person_id": ids["Evgeny Korzhikov"], "side": Side.HOST, "role": ParticipantRole.HOST_LEAD})
    notes = "Agreed:\n- a joint lab\n- **student exchange** in 2026\n\tdetails by letter"
    meeting_editor.notes.setPlainText(notes)
    qtbot.mouseClick(meeting_editor.save_button, Qt.MouseButton.LeftButton)
    row = next(r for r in meetings.list_meetings(gui_demo_db, vid))
    stored = meetings.get_meeting(gui_demo_db, row.id)
    assert stored.data.notes == notes, "notes are saved as typed"
    assert stored.data.starts_at == datetime(2025, 10, 6, 10, 0)
    assert [(p.person_id, p.side, p.role) for p in row.people] == [
        (ids["Rifkat Minnikhanov"], Side.GUEST, ParticipantRole.HEAD_OF_DELEGATION),
        (ids["Evgeny Korzhikov"], Side.HOST, ParticipantRole.HOST_LEAD)]
    qtbot.waitUntil(lambda: "Talks on catalysts" in window.visits_tab.detail.toPlainText())

    # Undo the meeting, then the visit; redo both: the same records come back.
    window.record_menu.undo_action.trigger()
    assert meetings.list_meetings(gui_demo_db, vid) == []
    window.record_menu.undo_action.trigger()
    assert vid not in {r.id for r in visits.list_visits(gui_demo_db)}
    window.record_menu.redo_action.trigger()
    window.record_menu.redo_action.trigger()
    assert visits.get_visit(gui_demo_db, vid).data == detail.data
    assert meetings.get_meeting(gui_demo_db, row.id).data.notes == notes


def test_add_a_follow_up_and_mark_it_done(qtbot: Any, window: MainWindow, gui_demo_db: Database) -> None:
    window.show_tab(window.followups_tab)
    window.record_menu.new_action.trigger()
    editor = window.record_menu.editor
    assert isinstance(editor, FollowUpEditor)
    editor.description.setPlainText("Send the draft memorandum")
    editor.due_date.setText("2025-04-0x")
    editor.check_now()
    assert "not a valid date" in editor.problem_shown("due_date")
    editor.due_date.setText("2025-04-01")
    editor.owner_person.set_value(_ids(gui_demo_db)["Evgeny Korzhikov"])
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    fid = next(f.id for f in followups.list_followups(gui_demo_db) if f.description == "Send the draft memorandum")
    qtbot.waitUntil(lambda: window.followups_tab.current_id() == fid)
    assert followups.get_followup(gui_demo_db, fid).data.description == "Send the draft memorandum"
    window.record_menu.update_actions()
    assert window.record_menu.done_action.isEnabled()
    window.record_menu.done_action.trigger()
    assert followups.get_followup(gui_demo_db, fid).status is FollowUpStatus.OPEN  # it asks the day first
    window.record_menu.done_dialog.note.setPlainText("sent")
    window.record_menu.done_dialog.accept()
    assert followups.get_followup(gui_demo_db, fid).status is FollowUpStatus.DONE
    assert followups.get_followup(gui_demo_db, fid).data.done_note == "sent"
    window.record_menu.undo_action.trigger()
    assert followups.get_followup(gui_demo_db, fid).status is FollowUpStatus.OPEN


def test_delete_asks_first_says_what_uses_a_record_and_undo_restores(qtbot: Any, window: MainWindow,
                                                                     gui_demo_db: Database) -> None:
    window.show_tab(window.people_tab)
    korzhikov = _ids(gui_demo_db)["Evgeny Korzhikov"]
    assert window.people_tab.select_id(korzhikov)
    message = window.record_menu.delete_record()
    assert isinstance(message, QMessageBox)
    assert "“Evgeny Korzhikov” cannot be deleted: it is still used by 1 visit, 4 meetings" in message.text()
    assert [b.text() for b in message.buttons()] == ["OK"], "nothing to confirm: it cannot be deleted"
    message.done(0)
    assert people.get_person(gui_demo_db, korzhikov)

    window.record_menu.new_action.trigger()
    editor = window.record_menu.editor
    assert isinstance(editor, PersonEditor)
    editor.family_name.setText("Temporary")
    assert editor.save()
    temp = _ids(gui_demo_db)["Temporary"]
    qtbot.waitUntil(lambda: window.people_tab.current_id() == temp)
    box = window.record_menu.delete_record()
    assert box is not None and "Temporary" in box.text()
    qtbot.mouseClick(window.record_menu.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.people_tab.model.loaded and window.people_tab.model.row_of(temp) is None)
    window.record_menu.undo_action.trigger()
    assert people.get_person(gui_demo_db, temp).data.family_name == "Temporary"
    qtbot.waitUntil(lambda: window.people_tab.model.row_of(temp) is not None)


def test_enter_in_a_list_edits_the_selected_record(qtbot: Any, window: MainWindow, gui_demo_db: Database) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_tab(window.people_tab)
    korzhikov = _ids(gui_demo_db)["Evgeny Korzhikov"]
    qtbot.waitUntil(lambda: window.people_tab.select_id(korzhikov))
    window.people_tab.view.setFocus()
    qtbot.keyClick(window.people_tab.view, Qt.Key.Key_Return)
    editor = window.record_menu.editor
    assert isinstance(editor, PersonEditor) and editor.ident == korzhikov
    assert editor.family_name.text() == "Korzhikov"
