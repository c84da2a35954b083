"""A visit's delegations recorded on an empty database with the keyboard alone, through the real widgets:
4 institutions (2 of each side), 5 guests and 6 hosts created from the participants table ("Create «…»",
the small person form), the head of delegation and the host lead marked. Counts every action (a typed
text or one key) so the cost of this part of issue 17's keyboard-only scenario is known."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot

from organizer.domain.enums import ParticipantRole, Side
from organizer.gui.editors.picker import NewPersonForm
from organizer.gui.editors.records import VisitEditor
from organizer.gui.undo import RecordActions
from organizer.services import visits
from organizer.store.database import Database
from tests.gui.keys import Keys

pytestmark = pytest.mark.usefixtures("gui_close_dialogs_left_open")

GUESTS = [("Uzkhimyosanoat", [("Evgeny Korzhikov", "First Deputy Chairman"),
                              ("Abduhomid Salomov", "Head of Department"), ("Aziz Karimov", "")]),
          ("Tashkent Chemical Institute", [("Dilnoza Yusupova", "Rector"), ("Bekzod Rahimov", "")])]
HOSTS = [("Kazan Federal University", [("Dmitry Pashin", "Vice-Rector"), ("Ilnur Khairullin", "Vice-Rector"),
                                       ("Aigul Safina", "Dean"), ("Rustam Galiev", "")]),
         ("Academy of Sciences of Tatarstan", [("Rifkat Minnikhanov", "President"), ("Marat Zaripov", "")])]


def _create_in_form(qtbot: QtBot, editor: VisitEditor, keys: Keys, title: str, institution: str | None) -> None:
    """The person form is open: the name is there; a position, the institution if not the last one."""
    form = next(w for w in QApplication.topLevelWidgets() if isinstance(w, NewPersonForm) and w.isVisible())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.name)
    if title or institution:
        keys.tab()
        if title:
            keys.type(title)
        if institution:
            keys.tab()
            keys.type(institution)
            keys.enter()  # picks it in the form's own list ("Create «…»" if new)
    keys.enter()  # creates the person, back in the table
    # the editor window is active again (a person cannot type before that) with the next row focused
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor and isinstance(QApplication.focusWidget(),
                                                                                 QTableView))


def test_a_visits_delegations_by_keyboard_on_an_empty_database(qtbot: QtBot, gui_db: Database) -> None:
    editor = VisitEditor(RecordActions(gui_db))
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.title)
    keys = Keys()
    keys.type("Delegation of Uzkhimyosanoat to Kazan")
    keys.key(Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # the Delegations page
    keys.tab()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.institutions.view)
    for number, (name, _people) in enumerate(GUESTS + HOSTS):
        if number == len(GUESTS):  # the first host institution: its side, then its name (the next ones follow)
            keys.key(Qt.Key.Key_Right)
            keys.type("H")
            keys.enter()
            keys.key(Qt.Key.Key_Left)
        keys.type(name)
        keys.enter()  # "Create «…»", the only entry: the institution is created and picked
    institutions_actions = keys.actions
    keys.tab()  # to the participants table
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.participants.view)
    for institution, members in GUESTS + HOSTS:
        for number, (name, title) in enumerate(members):
            if title in ("First Deputy Chairman", "Vice-Rector") and name != "Ilnur Khairullin":
                keys.key(Qt.Key.Key_Right)  # the role first, then the name
                keys.key(Qt.Key.Key_Right)
                # the combo's keyboard search: "He" is Head of delegation, "Ho" Host lead
                keys.type("He" if institution == "Uzkhimyosanoat" else "Ho")
                keys.enter()
                keys.key(Qt.Key.Key_Left)
                keys.key(Qt.Key.Key_Left)
            keys.type(name)
            keys.enter()  # nobody is called so: "Create «…»" opens the person form
            _create_in_form(qtbot, editor, keys, title, institution if number == 0 else None)
    assert editor.save(), [editor.problem_shown(n) for n in ("institutions", "participants", "")]
    stored = visits.get_visit(gui_db, visits.list_visits(gui_db)[0].id)
    assert [(i.side) for i in stored.data.institutions] == [Side.GUEST] * 2 + [Side.HOST] * 2
    got = [(p.full_name, p.side, p.role, p.precedence) for p in stored.participants]
    guests = [n for _i, members in GUESTS for n, _t in members]
    hosts = [n for _i, members in HOSTS for n, _t in members]
    assert [g[0] for g in got] == guests + hosts
    assert [g[1] for g in got] == [Side.GUEST] * 5 + [Side.HOST] * 6, "sides from the people's institutions"
    assert [g[3] for g in got] == [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 6], "precedence per side"
    assert got[0][2] is ParticipantRole.HEAD_OF_DELEGATION and got[5][2] is ParticipantRole.HOST_LEAD
    assert {g[2] for g in got[1:5]} == {ParticipantRole.MEMBER} and {g[2] for g in got[6:]} == {ParticipantRole.HOST}, \
        "a host's plain role follows the side"
    print(f"\ndelegations by keyboard: {institutions_actions} actions for the title and 4 institutions, "
          f"{keys.actions} in all ({keys.count} keys)")
    assert keys.actions <= 90, "this part of the scenario got slower"
