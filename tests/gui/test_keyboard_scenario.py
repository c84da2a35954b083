"""Issue 17's acceptance: a whole visit from a press report recorded with the keyboard, on an empty database,
through the real editors, every action counted (``Keys.actions``: a text typed into one field or cell is one
action, as a spreadsheet counts one cell; a key or shortcut is one; opening an editor or clicking Save is
one click). The visit (title, status, dates, place, purpose, topics), 4 institutions, 5 guests and 6 hosts
created as they are typed with their titles (``test_delegation_keyboard``'s flow), 3 meetings over the 2
days with the visit's participants, 2 follow-ups. The office's spreadsheet takes about 150 cells for it;
before issue 17 the window took about 585 actions."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from organizer.domain.enums import Side, VisitStatus
from organizer.gui.editors.records import FollowUpEditor, MeetingEditor, VisitEditor
from organizer.gui.undo import RecordActions
from organizer.services import followups, meetings, people, visits
from organizer.store.database import Database
from tests.gui.keys import Keys
from tests.gui.test_delegation_keyboard import GUESTS, HOSTS, _create_in_form

pytestmark = pytest.mark.usefixtures("gui_close_dialogs_left_open")
LIMIT = 200


def _opened(qtbot: QtBot, editor: QWidget, first: QWidget, keys: Keys) -> None:
    """An editor opened (Ctrl+N, or a "+ Add …" link: one action) with the keyboard in its first field."""
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first)
    keys.actions += 1


def _to(field: QWidget, keys: Keys) -> None:
    """Tab to ``field`` (at most 12 fields on)."""
    seen = []
    for _ in range(12):
        focus = QApplication.focusWidget()
        if focus is not None and (focus is field or field.isAncestorOf(focus)):
            return
        seen.append(f"{type(focus).__name__}:{focus.accessibleName() if focus else ''}:"
                    f"{focus.parentWidget().accessibleName() if focus and focus.parentWidget() else ''}")
        keys.tab()
    raise AssertionError(f"Tab never reached {field.accessibleName()!r}: {seen}")


def _saved(qtbot: QtBot, editor: VisitEditor | MeetingEditor | FollowUpEditor, keys: Keys) -> None:
    """Save (Enter on the default button, or one click on it)."""
    assert editor.save(), editor.problem_shown("")
    keys.actions += 1


def test_a_whole_visit_by_keyboard_takes_at_most_200_actions(qtbot: QtBot, gui_db: Database) -> None:
    keys = Keys()
    actions = RecordActions(gui_db)
    visit = VisitEditor(actions)
    _opened(qtbot, visit, visit.title, keys)
    keys.type('Delegation of JSC "Uzkhimyosanoat" to Kazan Federal University and the Academy of Sciences')
    for field, text in ((visit.status, "d"), (visit.start_date, "11.03.2025"), (visit.end_date, "12.03.2025"),
                        (visit.place, "Kazan"), (visit.purpose, "Scientific and technological cooperation"),
                        (visit.topics, "composite materials, petrochemicals, pharmaceuticals")):
        _to(field, keys)
        keys.type(text)
    keys.key(Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # the Delegations page
    keys.tab()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is visit.institutions.view)
    for number, (name, _people) in enumerate(GUESTS + HOSTS):
        if number == len(GUESTS):
            keys.key(Qt.Key.Key_Right)
            keys.type("H")
            keys.enter()
            keys.key(Qt.Key.Key_Left)
        keys.type(name)
        keys.enter()
    keys.tab()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is visit.participants.view)
    for institution, members in GUESTS + HOSTS:
        for number, (name, title) in enumerate(members):
            keys.type(name)
            keys.enter()
            _create_in_form(qtbot, visit, keys, title, institution if number == 0 else None)
    _saved(qtbot, visit, keys)
    vid = visits.list_visits(gui_db)[0].id
    after_visit = keys.actions

    for title, day, start, end in (("Tour of the Butlerov Institute's laboratories", 1, "10:00", "11:30"),
                                   ("Meeting with the university's leadership", 1, "12:00", "13:30"),
                                   ("Meeting with the President of the Academy of Sciences", 2, "10:00", "11:00")):
        meeting = MeetingEditor(actions, visit_id=vid)
        _opened(qtbot, meeting, meeting.title, keys)
        keys.type(title)
        _to(meeting.starts_at, keys)
        for _ in range(day):
            keys.key(Qt.Key.Key_Down)  # the visit's days
        keys.enter()
        keys.type(start)
        keys.tab()
        keys.type(end)
        keys.key(Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # All attend
        qtbot.waitUntil(lambda m=meeting: all(r["attends"] for r in m.participants.model.rows))
        _saved(qtbot, meeting, keys)
    after_meetings = keys.actions

    for text, owner in (("Technology transfer to Uzbekistan: a list of catalysts", "Minnikhanov"),
                        ("Joint scientific laboratories: a draft agreement", "Pashin")):
        followup = FollowUpEditor(actions)
        _opened(qtbot, followup, followup.description, keys)
        keys.type(text)
        for field, typed in ((followup.due_date, "01.06.2025"), (followup.owner_person, owner),
                             (followup.visit, "Uzkhimyosanoat")):
            _to(field, keys)
            keys.type(typed)
            if field is not followup.due_date:
                keys.enter()  # picks the best match
        qtbot.waitUntil(lambda f=followup: f.visit.value() == vid)
        _saved(qtbot, followup, keys)

    stored = visits.get_visit(gui_db, vid).data
    assert stored.status is VisitStatus.DONE and str(stored.start_date) == "2025-03-11"
    assert len(stored.topics) == 3
    sides = [p.side for p in stored.participants]
    assert (sides.count(Side.GUEST), sides.count(Side.HOST)) == (5, 6)
    assert len(people.list_people(gui_db)) == 11
    assert len(meetings.list_meetings(gui_db, visit_id=vid)) == 3
    assert all(len(m.participants) == 11 for m in meetings.list_meetings(gui_db, visit_id=vid))
    assert len(followups.list_followups(gui_db, visit_id=vid)) == 2
    print(f"\na whole visit by keyboard: {after_visit} actions for the visit and its delegations, "
          f"{after_meetings - after_visit} for 3 meetings, {keys.actions - after_meetings} for 2 follow-ups: "
          f"{keys.actions} in all ({keys.count} keys)")
    assert keys.actions <= LIMIT
