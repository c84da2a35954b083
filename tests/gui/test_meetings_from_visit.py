"""A meeting starts from its visit: the visit's participants are offered with their sides and roles (tick
who attends), a person picked otherwise takes their side from their institution, a visit's precedence
is numbered per side, and "+ Add a member" opens the visit on its Delegations page ready for a name."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt, QUrl
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from organizer.domain.enums import ParticipantRole, RecordKind, Side
from organizer.domain.records import PersonData, PositionData
from organizer.gui.editors.records import MeetingEditor, VisitEditor
from organizer.gui.main_window import MainWindow
from organizer.gui.undo import RecordActions
from organizer.services import meetings, people, visits
from organizer.store.database import Database
from tests.gui.keys import Keys

pytestmark = pytest.mark.usefixtures("gui_close_dialogs_left_open")


def _column(model: Any, key: str) -> int:
    return [c.key for c in model.columns].index(key)


def test_a_new_meeting_of_the_demo_visit_offers_its_six_participants_with_their_sides(
        qtbot: QtBot, gui_demo_db: Database) -> None:
    vid = visits.list_visits(gui_demo_db)[0].id
    visit = visits.get_visit(gui_demo_db, vid)
    editor = MeetingEditor(RecordActions(gui_demo_db), visit_id=vid)
    qtbot.addWidget(editor)
    rows = editor.participants.model.rows
    assert len(rows) == 6
    expected = {(p.person_id, p.side, p.role) for p in visit.data.participants}
    assert {(r["person_id"], r["side"], r["role"]) for r in rows} == expected
    assert [r["side"] for r in rows] == sorted((r["side"] for r in rows), key=lambda s: s is not Side.GUEST), \
        "guests first, in the visit's order of precedence"
    assert not any(r["attends"] for r in rows), "offered, to be ticked"
    assert editor.participants.model.data(editor.participants.model.index(0, 0)).startswith("Evgeny Korzhikov")
    model = editor.participants.model
    attends = _column(model, "attends")
    for row in (0, 3):
        model.setData(model.index(row, attends), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    editor.title.setText("Lab tour")
    assert editor.save(), editor.problem_shown("participants")
    stored = next(m for m in meetings.list_meetings(gui_demo_db, vid) if m.title == "Lab tour")
    assert [p.person_id for p in meetings.get_meeting(gui_demo_db, stored.id).data.participants] == [
        rows[0]["person_id"], rows[3]["person_id"]], "only those ticked attend"


def test_all_attend_ticks_every_offered_participant(qtbot: QtBot, gui_demo_db: Database) -> None:
    vid = visits.list_visits(gui_demo_db)[0].id
    editor = MeetingEditor(RecordActions(gui_demo_db), visit_id=vid)
    qtbot.addWidget(editor)
    editor.all_attend_button.click()
    assert len(editor.collect().participants) == 6


def _new_kfu_person(db: Database) -> int:
    kfu = next(i.institution_id for i in visits.get_visit(db, visits.list_visits(db)[0].id).data.institutions
               if i.side is Side.HOST)
    return people.create_person(db, PersonData("Aigul", "Safina", positions=(
        PositionData("Dean", kfu, current=True),))).meta.id


def test_a_person_picked_in_a_meeting_takes_the_side_of_their_institution(qtbot: QtBot,
                                                                            gui_demo_db: Database) -> None:
    safina = _new_kfu_person(gui_demo_db)
    vid = visits.list_visits(gui_demo_db)[0].id
    editor = MeetingEditor(RecordActions(gui_demo_db), visit_id=vid)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    model = editor.participants.model
    editor.participants.view.setFocus()
    editor.participants.view.setCurrentIndex(model.index(model.add_row(), 0))
    keys = Keys()
    keys.type("Safin")
    keys.enter()
    assert (model.rows[6]["person_id"], model.rows[6]["side"]) == (safina, Side.HOST), \
        "a host institution's person is a host"
    assert model.rows[6]["attends"], "a person added by hand attends"


def test_a_person_picked_in_a_visit_takes_the_side_of_their_institution(qtbot: QtBot,
                                                                          gui_demo_db: Database) -> None:
    safina = _new_kfu_person(gui_demo_db)
    editor = VisitEditor(RecordActions(gui_demo_db))
    qtbot.addWidget(editor)
    kfu = people.get_person(gui_demo_db, safina).data.positions[0].institution_id
    editor.institutions.add_row({"institution_id": kfu, "side": Side.HOST})
    model = editor.participants.model
    row = model.add_row()
    model.setData(model.index(row, 0), safina)
    assert model.rows[row]["side"] is Side.HOST
    other = model.add_row()
    korzhikov = next(r.id for r in people.list_people(gui_demo_db) if r.full_name == "Evgeny Korzhikov")
    model.setData(model.index(other, 0), korzhikov)
    assert model.rows[other]["side"] is Side.GUEST, "an institution the visit does not list leaves the default"


def test_precedence_is_numbered_per_side(qtbot: QtBot, qtmodeltester: Any, gui_demo_db: Database) -> None:
    vid = visits.list_visits(gui_demo_db)[0].id
    editor = VisitEditor(RecordActions(gui_demo_db), vid)
    qtbot.addWidget(editor)
    model = editor.participants.model
    numbers = [model.headerData(r, Qt.Orientation.Vertical)
               for r in range(model.rowCount())]
    assert numbers == ["1", "2", "1", "2", "3", "4"]
    model.setData(model.index(2, _column(model, "side")), Side.GUEST)
    numbers = [model.headerData(r, Qt.Orientation.Vertical)
               for r in range(model.rowCount())]
    assert numbers == ["1", "2", "3", "1", "2", "3"]
    qtmodeltester.check(model)  # numbered per side, with a row added for typing
    model.add_row(blank=True)
    qtmodeltester.check(model)
    assert ParticipantRole.MEMBER  # the roles stay as they were


def test_add_a_member_opens_the_delegations_page_ready_for_a_name(qtbot: QtBot, gui_window: MainWindow) -> None:
    tab = gui_window.visits_tab
    visit_id = tab.current_id()
    assert visit_id is not None
    tab.detail.anchorClicked.emit(QUrl(f"add-member:{visit_id}"))
    editor: Any = gui_window.record_menu.editor
    assert isinstance(editor, VisitEditor) and editor.kind is RecordKind.VISIT
    assert editor.pages.currentIndex() == editor.delegations_page
    model = editor.participants.model
    assert model.rowCount() == 7 and editor.participants.view.currentIndex().row() == 6
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.participants.view)
    keys = Keys()
    keys.type("Pash")
    keys.enter()
    assert model.rows[6]["person_id"] is not None


def test_space_ticks_who_attends_from_any_cell_of_the_row(qtbot: QtBot, gui_demo_db: Database) -> None:
    vid = visits.list_visits(gui_demo_db)[0].id
    editor = MeetingEditor(RecordActions(gui_demo_db), visit_id=vid)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    view = editor.participants.view
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    keys = Keys()
    keys.key(Qt.Key.Key_Space)  # the table starts on its first row
    keys.key(Qt.Key.Key_Down)
    keys.key(Qt.Key.Key_Down)
    keys.key(Qt.Key.Key_Space)
    keys.key(Qt.Key.Key_Up)
    keys.key(Qt.Key.Key_Space)
    keys.key(Qt.Key.Key_Space)  # and untick again
    rows = editor.participants.model.rows
    assert [r["attends"] for r in rows] == [True, False, True, False, False, False]
    assert all(r["person_id"] is not None for r in rows), "Space opened no cell and changed no person"


def test_a_meeting_of_the_visit_by_keyboard(qtbot: QtBot, gui_demo_db: Database) -> None:
    """Title, the visit's second day at 14:30 to 15:30, every participant but one attends, saved: counted."""
    vid = visits.list_visits(gui_demo_db)[0].id
    editor = MeetingEditor(RecordActions(gui_demo_db), visit_id=vid)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.title)
    keys = Keys()
    keys.type("Talks on catalysts")
    while QApplication.focusWidget() is not editor.starts_at:  # past Kind and the visit, already chosen
        keys.tab()
    keys.key(Qt.Key.Key_Down)  # the visit's days
    keys.key(Qt.Key.Key_Down)
    keys.enter()
    keys.type("14:30")
    keys.tab()
    keys.type("15:30")
    keys.key(Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # All attend
    qtbot.waitUntil(lambda: all(r["attends"] for r in editor.participants.model.rows))
    assert QApplication.focusWidget() is editor.participants.view, "the keyboard in the table, to untick"
    keys.key(Qt.Key.Key_End)
    keys.key(Qt.Key.Key_Space)  # the last one does not attend
    saved = []
    editor.saved.connect(saved.append)
    keys.enter()  # the editor's default button: Save
    assert saved, editor.problem_shown("")
    stored = meetings.get_meeting(gui_demo_db, saved[0].meta.id).data
    assert (stored.starts_at.hour, stored.starts_at.minute, stored.ends_at.hour) == (14, 30, 15)
    assert stored.starts_at.date() == stored.ends_at.date() != visits.get_visit(gui_demo_db, vid).data.start_date
    assert len(stored.participants) == 5
    print(f"\na meeting of the visit by keyboard: {keys.actions} actions")
    assert keys.actions <= 15, "this part of the scenario got slower"


def test_a_visit_picked_for_a_new_meeting_offers_its_people_and_days(qtbot: QtBot, gui_demo_db: Database) -> None:
    vid = visits.list_visits(gui_demo_db)[0].id
    editor = MeetingEditor(RecordActions(gui_demo_db))
    qtbot.addWidget(editor)
    assert editor.participants.model.rowCount() == 0 and editor.starts_at.text() == ""
    editor.visit.textEdited.emit("Kazan")
    editor.visit.matches.activated[QModelIndex].emit(editor.visit.model.index(0, 0))  # Enter on the first
    assert editor.visit.value() == vid
    assert editor.participants.model.rowCount() == 6
    assert editor.starts_at.value().date() == visits.get_visit(gui_demo_db, vid).data.start_date
    assert editor.starts_at.days, "the visit's days are offered"
