"""The main window over the demo database: tabs, detail panes, navigation, refresh, keyboard."""

from __future__ import annotations

import os
import subprocess
import sys
from types import SimpleNamespace
from typing import Any, cast

import pytest
from PySide6.QtCore import QModelIndex, Qt, QUrl

from organizer.domain.records import PersonData
from organizer.gui.main_window import MainWindow, about_text, database_label
from organizer.gui.models import ID_ROLE
from organizer.gui.panes import MasterDetailTab
from organizer.services.followups import list_followups
from organizer.services.people import create_person, delete_person
from organizer.services.visits import get_visit, list_visits
from organizer.store import Database


@pytest.fixture
def window(qtbot: Any, gui_demo_db: Database) -> MainWindow:
    win = MainWindow(gui_demo_db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)  # shortcuts only reach the active window
    return win


def _select_row(tab: MasterDetailTab, text: str, column: int = 0) -> None:
    model = tab.view.model()
    for row in range(model.rowCount()):
        index = model.index(row, column)
        if index.data() == text:
            tab.view.setCurrentIndex(index)
            return
    raise AssertionError(f"{text!r} not in the list")


def test_window_title_tabs_and_counts(window: MainWindow) -> None:
    assert window.windowTitle() == "Organizer — t.sqlite"
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "&People", "&Institutions", "Vi&sits", "F&ollow-ups"]
    counts = window.counts_label.text()
    for part in ("6 people", "6 institutions", "1 visit", "3 follow-ups (3 open)"):
        assert part in counts


def test_tables_keep_the_service_order_until_a_header_is_clicked(window: MainWindow,
                                                                 gui_demo_db: Database) -> None:
    tab = window.followups_tab
    assert tab.table.horizontalHeader().sortIndicatorSection() == -1
    shown = [tab.view.model().index(r, 0).data(ID_ROLE) for r in range(tab.view.model().rowCount())]
    assert shown == [f.id for f in list_followups(gui_demo_db)]
    due = [tab.view.model().index(r, 1).data() for r in range(3)]
    tab.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert [tab.view.model().index(r, 1).data() for r in range(3)] == list(reversed(due))
    assert tab.current_id() is not None


def test_database_label_hides_credentials() -> None:
    server = cast(Database, SimpleNamespace(path=None, url="postgresql://me:secret@db.example.org/organizer"))
    assert database_label(server) == "db.example.org/organizer"


def test_every_tab_starts_with_a_selection_and_a_filled_detail_pane(window: MainWindow) -> None:
    for tab in (window.people_tab, window.institutions_tab, window.visits_tab, window.followups_tab):
        assert tab.current_id() is not None
        assert tab.detail.toPlainText().strip()


def test_selecting_a_visit_shows_its_meetings_in_order(window: MainWindow, gui_demo_db: Database) -> None:
    visit = list_visits(gui_demo_db)[0]
    window.visits_tab.view.clearSelection()
    assert "Select a visit" in window.visits_tab.detail.toPlainText()
    _select_row(window.visits_tab, visit.title, column=1)
    text = window.visits_tab.detail.toPlainText()
    meetings = get_visit(gui_demo_db, visit.id).meetings
    positions = [text.index(m.title) for m in meetings]
    assert len(positions) == 4 and positions == sorted(positions)
    assert "Tour of the laboratories" in meetings[0].title
    assert "Head of delegation" in text and "Purpose" in text and "Follow-ups" in text


def test_person_names_with_markup_show_literally(qtbot: Any, gui_demo_db: Database) -> None:
    person = create_person(gui_demo_db, PersonData(given_name="<b>&amp;", family_name="Tester"))
    win = MainWindow(gui_demo_db)
    qtbot.addWidget(win)
    assert win.people_tab.select_id(person.meta.id)
    assert win.people_tab.view.currentIndex().data() == "<b>&amp; Tester"
    assert "<b>&amp; Tester" in win.people_tab.detail.toPlainText()


def test_person_detail_shows_other_scripts_and_history(window: MainWindow) -> None:
    _select_row(window.people_tab, "Evgeny Korzhikov")
    text = window.people_tab.detail.toPlainText()
    assert "Коржиков" in text
    assert "First Deputy Chairman of the Management Board" in text
    assert "Delegation of JSC" in text


def test_institution_detail_shows_units_and_people(window: MainWindow) -> None:
    tab = window.institutions_tab
    _select_row(tab, "Kazan Federal University")
    text = tab.detail.toPlainText()
    assert "A.M. Butlerov Chemical Institute" in text and "D. Pashin" in text


def test_links_in_a_detail_pane_open_the_record(window: MainWindow, gui_demo_db: Database) -> None:
    visit_id = list_visits(gui_demo_db)[0].id
    window.people_tab.detail.anchorClicked.emit(QUrl(f"visit:{visit_id}"))
    assert window.tabs.currentWidget() is window.visits_tab
    assert window.visits_tab.current_id() == visit_id
    person_id = get_visit(gui_demo_db, visit_id).participants[-1].person_id
    window.visits_tab.detail.anchorClicked.emit(QUrl(f"person:{person_id}"))
    assert window.tabs.currentWidget() is window.people_tab
    assert window.people_tab.current_id() == person_id
    window.people_tab.detail.anchorClicked.emit(QUrl("https://example.org/"))
    assert window.tabs.currentWidget() is window.people_tab


def test_activating_a_follow_up_opens_its_visit(window: MainWindow, gui_demo_db: Database) -> None:
    tab = window.followups_tab
    assert tab.model.rowCount() == 3
    tab.view.activated.emit(tab.view.model().index(0, 0))
    assert window.tabs.currentWidget() is window.visits_tab
    assert window.visits_tab.current_id() == list_visits(gui_demo_db)[0].id


def test_f5_reloads_every_tab(qtbot: Any, window: MainWindow, gui_demo_db: Database) -> None:
    _select_row(window.people_tab, "Rifkat Minnikhanov")
    create_person(gui_demo_db, PersonData(given_name="Aaron", family_name="Aalto"))
    assert window.people_tab.model.rowCount() == 6
    qtbot.keyClick(window.people_tab.view, Qt.Key.Key_F5)
    assert window.people_tab.model.rowCount() == 7
    assert "7 people" in window.counts_label.text()
    assert window.people_tab.view.currentIndex().data() == "Rifkat Minnikhanov"


def test_a_deleted_record_shows_a_message_not_a_crash(window: MainWindow, gui_demo_db: Database) -> None:
    person = create_person(gui_demo_db, PersonData(given_name="Short", family_name="Lived"))
    window.refresh()
    assert window.people_tab.select_id(person.meta.id)
    delete_person(gui_demo_db, person.meta.id)
    window.people_tab.refresh_detail()
    assert "no person with id" in window.people_tab.detail.toPlainText()
    window.refresh()
    assert window.people_tab.current_id() is not None
    assert window.people_tab.current_id() != person.meta.id


def test_keyboard_moves_through_the_people_list(qtbot: Any, window: MainWindow) -> None:
    table = window.people_tab.view
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    first = window.people_tab.detail.toPlainText()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 1
    assert window.people_tab.detail.toPlainText() != first


def test_tabs_are_reachable_from_the_keyboard(qtbot: Any, window: MainWindow) -> None:
    qtbot.keyClick(window.people_tab.view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.visits_tab
    assert window.visits_tab.view.hasFocus()
    qtbot.keyClick(window.visits_tab.view, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentWidget() is window.institutions_tab
    assert window.institutions_tab.view.hasFocus()
    qtbot.keyClick(window.institutions_tab.view, Qt.Key.Key_Tab)
    assert window.institutions_tab.detail.hasFocus()


def test_ctrl_q_closes_the_window_and_about_names_the_app(qtbot: Any, window: MainWindow) -> None:
    assert "Organizer" in about_text()
    assert window.about_action.text() == "&About Organizer"
    qtbot.keyClick(window.people_tab.view, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


_RUN_GUI_SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from organizer.gui.app import run_gui
from organizer.gui.main_window import MainWindow
from organizer.store import open_database, sqlite_url

def report_and_quit():
    titles = [w.windowTitle() for w in QApplication.topLevelWidgets()
              if isinstance(w, MainWindow) and w.isVisible()]
    print(titles)
    QApplication.instance().exit(3)

QTimer.singleShot(0, report_and_quit)
sys.exit(run_gui(open_database(sqlite_url(sys.argv[1])), sys.argv))
"""


def test_run_gui_shows_the_window_and_returns_the_exit_code(gui_demo_db: Database) -> None:
    # In a child process: running the event loop in the test process would leave the shared
    # QApplication unable to activate windows for the tests that follow.
    assert gui_demo_db.path is not None
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", _RUN_GUI_SCRIPT, str(gui_demo_db.path)], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 3, done.stderr
    assert done.stdout.strip() == "['Organizer — t.sqlite']"


def test_people_model_index_for_missing_parent_is_empty(window: MainWindow) -> None:
    assert window.people_tab.model.rowCount(window.people_tab.model.index(0, 0)) == 0
    assert not window.people_tab.index_of(10**9).isValid()
    assert window.people_tab.model.index(0, 0, QModelIndex()).isValid()
