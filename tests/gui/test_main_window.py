"""The main window over the demo database: tabs, detail panes, navigation, refresh, keyboard."""

from __future__ import annotations

import os
import subprocess
import sys
from types import SimpleNamespace
from typing import Any, cast

from PySide6.QtCore import QModelIndex, Qt, QUrl

from organizer.domain.records import PersonData
from organizer.gui.main_window import MainWindow, about_text, database_label
from organizer.gui.models import ID_ROLE
from organizer.gui.panes import MasterDetailTab
from organizer.services.browse import record_ids
from organizer.services.people import create_person, delete_person
from organizer.services.visits import get_visit, list_visits
from organizer.store import Database


def _select_row(tab: MasterDetailTab, text: str, column: int = 0) -> None:
    model = tab.view.model()
    for row in range(model.rowCount()):
        index = model.index(row, column)
        if index.data() == text:
            tab.view.setCurrentIndex(index)
            return
    raise AssertionError(f"{text!r} not in the list")


def test_window_title_tabs_and_counts(gui_window: MainWindow) -> None:
    window = gui_window
    if window.db.path is not None:
        assert window.windowTitle() == "Organizer — t.sqlite"
    else:  # PostgreSQL: where and which database, no credentials
        assert window.windowTitle() == f"Organizer — {database_label(window.db)}"
        assert str(window.db.engine.url.database) in window.windowTitle()
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "&People", "&Institutions", "Vi&sits", "&Meetings", "F&ollow-ups", "&Agreements", "&Topics",
        "Pro&gramme"]
    counts = window.counts_label.text()
    for part in ("6 people", "6 institutions", "1 visit ", "4 meetings", "3 follow-ups (3 open)"):
        assert part in counts


def test_database_label_hides_credentials() -> None:
    server = cast(Database, SimpleNamespace(path=None, url="postgresql://me:secret@db.example.org/organizer"))
    assert database_label(server) == "db.example.org/organizer"


def test_every_tab_starts_with_a_selection_and_a_filled_detail_pane(gui_window: MainWindow,
                                                                    gui_demo_db: Database) -> None:
    for tab in [*gui_window.list_tabs(), gui_window.institutions_tab]:
        assert tab.current_id() is not None, tab
        assert tab.detail.toPlainText().strip()
    assert gui_window.meetings_tab.model.ids() == tuple(record_ids(gui_demo_db, "meeting"))


def test_visit_view_shows_both_delegations_in_precedence_and_the_programme_by_day(
        gui_window: MainWindow, gui_demo_db: Database) -> None:
    tab = gui_window.visits_tab
    visit = get_visit(gui_demo_db, list_visits(gui_demo_db)[0].id)
    tab.view.clearSelection()
    assert "Select a visit" in tab.detail.toPlainText()
    _select_row(tab, visit.data.title, column=1)
    text = tab.detail.toPlainText()
    guests = text.index("Guests", text.index("Participants"))
    hosts = text.index("Hosts", guests)
    assert guests < text.index("Evgeny Korzhikov") < text.index("Abduhomid Salomov") < hosts
    host_names = [p.full_name for p in visit.participants if p.side.value == "host"]
    assert [p.precedence for p in visit.participants if p.side.value == "host"] == [1, 2, 3, 4]
    positions = [text.index(name, hosts) for name in host_names]
    assert positions == sorted(positions)
    programme = text[text.index("Programme"):]
    assert programme.index("11 Mar 2025") < programme.index(visit.meetings[0].title)
    assert programme.index("12 Mar 2025") > programme.index(visit.meetings[0].title)
    meeting_positions = [programme.index(m.title) for m in visit.meetings]
    assert meeting_positions == sorted(meeting_positions)
    # each follow-up appears under the meeting it came out of
    followup = next(f for f in visit.followups if f.meeting_id is not None)
    meeting = next(m for m in visit.meetings if m.id == followup.meeting_id)
    after = programme.index(meeting.title)
    assert after < programme.index(followup.description.splitlines()[0][:40], after)


def test_add_links_in_the_visit_view_open_the_editors(gui_window: MainWindow) -> None:
    tab = gui_window.visits_tab
    text = tab.detail.toPlainText()
    assert "+ Add a meeting" in text and "+ Add a member" in text and "+ Add a follow-up" in text
    visit_id = tab.current_id()
    assert visit_id is not None
    tab.detail.anchorClicked.emit(QUrl(f"add-meeting:{visit_id}"))
    editor: Any = gui_window.record_menu.editor
    assert editor is not None and editor.visit.value() == visit_id
    editor.reject()
    tab.detail.anchorClicked.emit(QUrl(f"add-followup:{visit_id}"))
    editor = gui_window.record_menu.editor
    assert editor is not None and editor.visit.value() == visit_id
    editor.reject()
    calls: list[int] = []
    gui_window.register_editor("add-member", calls.append)  # an editor can be replaced
    tab.detail.anchorClicked.emit(QUrl(f"add-member:{visit_id}"))
    assert calls == [visit_id]


def test_the_meeting_pane_adds_a_follow_up_of_that_meeting_and_its_visit(qtbot: Any, gui_window: MainWindow) -> None:
    tab = gui_window.meetings_tab
    gui_window.show_tab(tab)
    qtbot.waitUntil(lambda: tab.model.loaded and tab.current_id() is not None)
    meeting_id = tab.current_id()
    qtbot.waitUntil(lambda: "+ Add a follow-up" in tab.detail.toPlainText())
    tab.detail.anchorClicked.emit(QUrl(f"add-meeting-followup:{meeting_id}"))
    editor: Any = gui_window.record_menu.editor
    assert editor is not None and editor.meeting.value() == meeting_id
    assert editor.visit.value() == gui_window.visits_tab.current_id() is not None
    editor.reject()


def test_person_names_with_markup_show_literally(qtbot: Any, gui_demo_db: Database, gui_wait: Any) -> None:
    person = create_person(gui_demo_db, PersonData(given_name="<b>&amp;", family_name="Tester"))
    win = MainWindow(gui_demo_db)
    qtbot.addWidget(win)
    gui_wait(win)
    assert win.people_tab.select_id(person.meta.id)
    assert win.people_tab.view.currentIndex().data() == "<b>&amp; Tester"
    assert "<b>&amp; Tester" in win.people_tab.detail.toPlainText()
    win.close()


def test_person_view_history_newest_first_and_open_follow_ups(gui_window: MainWindow) -> None:
    tab = gui_window.people_tab
    _select_row(tab, "Evgeny Korzhikov")
    text = tab.detail.toPlainText()
    assert "Коржиков" in text and "First Deputy Chairman of the Management Board" in text
    visits = text[text.index("Visits and meetings"):]
    assert visits.index("12 Mar 2025") < visits.index("11 Mar 2025")  # newest first
    _select_row(tab, "Ilnur Khairullin")
    owned = tab.detail.toPlainText()
    assert "Open follow-ups owned" in owned and "Draft cooperation on educational programmes" in owned


def test_institution_view_shows_units_people_visits_and_meetings(gui_window: MainWindow) -> None:
    tab = gui_window.institutions_tab
    _select_row(tab, "Kazan Federal University")
    text = tab.detail.toPlainText()
    assert "A.M. Butlerov Chemical Institute" in text and "D. Pashin" in text
    assert "Delegation of JSC" in text[text.index("Visits"):]
    assert "Meeting with the university's leadership" in text[text.index("Meetings held here"):]


def test_links_in_detail_panes_open_every_kind(qtbot: Any, gui_window: MainWindow, gui_demo_db: Database) -> None:
    window = gui_window
    visit = get_visit(gui_demo_db, list_visits(gui_demo_db)[0].id)
    window.people_tab.detail.anchorClicked.emit(QUrl(f"visit:{visit.meta.id}"))
    assert window.tabs.currentWidget() is window.visits_tab
    assert window.visits_tab.current_id() == visit.meta.id
    person_id = visit.participants[-1].person_id
    window.visits_tab.detail.anchorClicked.emit(QUrl(f"person:{person_id}"))
    assert window.tabs.currentWidget() is window.people_tab
    assert window.people_tab.current_id() == person_id
    meeting = visit.meetings[2]
    window.visits_tab.detail.anchorClicked.emit(QUrl(f"meeting:{meeting.id}"))
    assert window.tabs.currentWidget() is window.meetings_tab
    assert window.meetings_tab.current_id() == meeting.id
    qtbot.waitUntil(lambda: meeting.title in window.meetings_tab.detail.toPlainText())
    institution_id = visit.institutions[0][0]
    window.meetings_tab.detail.anchorClicked.emit(QUrl(f"institution:{institution_id}"))
    assert window.tabs.currentWidget() is window.institutions_tab
    assert window.institutions_tab.current_id() == institution_id
    followup = visit.followups[1]
    window.institutions_tab.detail.anchorClicked.emit(QUrl(f"followup:{followup.id}"))
    assert window.tabs.currentWidget() is window.followups_tab
    assert window.followups_tab.current_id() == followup.id
    window.people_tab.detail.anchorClicked.emit(QUrl("https://example.org/"))
    assert window.tabs.currentWidget() is window.followups_tab


def test_a_link_to_a_record_hidden_by_the_filter_clears_the_filter(qtbot: Any, gui_window: MainWindow) -> None:
    tab = gui_window.people_tab
    target = tab.model.id_at(0)
    tab.filters.text.setText("Minnikhanov")
    tab.filters.flush()
    qtbot.waitUntil(lambda: tab.model.loaded and tab.model.rowCount() == 1)
    assert tab.current_id() != target
    gui_window.open_record("person", int(str(target)))
    qtbot.waitUntil(lambda: tab.current_id() == target)
    assert tab.filters.text.text() == "" and tab.model.rowCount() == 6


def test_activating_a_follow_up_opens_its_visit(gui_window: MainWindow, gui_demo_db: Database) -> None:
    tab = gui_window.followups_tab
    assert tab.model.rowCount() == 3
    tab.view.activated.emit(tab.view.model().index(0, 0))
    assert gui_window.tabs.currentWidget() is gui_window.visits_tab
    assert gui_window.visits_tab.current_id() == list_visits(gui_demo_db)[0].id


def test_f5_reloads_every_tab(qtbot: Any, gui_window: MainWindow, gui_demo_db: Database, gui_wait: Any) -> None:
    window = gui_window
    _select_row(window.people_tab, "Rifkat Minnikhanov")
    create_person(gui_demo_db, PersonData(given_name="Aaron", family_name="Aalto"))
    assert window.people_tab.model.rowCount() == 6
    qtbot.keyClick(window.people_tab.view, Qt.Key.Key_F5)
    gui_wait(window)
    assert window.people_tab.model.rowCount() == 7
    assert "7 people" in window.counts_label.text()
    assert window.people_tab.view.currentIndex().data() == "Rifkat Minnikhanov"


def test_a_deleted_record_shows_a_message_not_a_crash(gui_window: MainWindow, gui_demo_db: Database,
                                                      gui_wait: Any) -> None:
    window = gui_window
    person = create_person(gui_demo_db, PersonData(given_name="Short", family_name="Lived"))
    window.refresh()
    gui_wait(window)
    assert window.people_tab.select_id(person.meta.id)
    delete_person(gui_demo_db, person.meta.id)
    window.people_tab.refresh_detail()
    shown = window.people_tab.detail.toPlainText()  # in the interface's words, not the service's English
    assert f"The person with id {person.meta.id} no longer exists" in shown and shown.count("F5") == 1
    window.refresh()
    gui_wait(window)
    assert window.people_tab.current_id() is not None
    assert window.people_tab.current_id() != person.meta.id


def test_keyboard_moves_through_the_people_list(qtbot: Any, gui_window: MainWindow) -> None:
    table = gui_window.people_tab.view
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    first = gui_window.people_tab.detail.toPlainText()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 1
    qtbot.waitUntil(lambda: gui_window.people_tab.detail.toPlainText() != first)


def test_tabs_are_reachable_from_the_keyboard(qtbot: Any, gui_window: MainWindow) -> None:
    window = gui_window
    qtbot.keyClick(window.people_tab.view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.visits_tab
    assert window.visits_tab.view.hasFocus()
    qtbot.keyClick(window.visits_tab.view, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.meetings_tab
    qtbot.keyClick(window.meetings_tab.view, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentWidget() is window.institutions_tab
    assert window.institutions_tab.view.hasFocus()
    qtbot.keyClick(window.institutions_tab.view, Qt.Key.Key_Tab)
    assert window.institutions_tab.detail.hasFocus()
    qtbot.keyClick(window.institutions_tab.detail, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.quick_open.hasFocus()


def test_ctrl_q_closes_the_window_and_about_names_the_app(qtbot: Any, gui_window: MainWindow) -> None:
    assert "Organizer" in about_text()
    assert gui_window.about_action.text() == "&About Organizer"
    qtbot.keyClick(gui_window.people_tab.view, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not gui_window.isVisible()


_RUN_GUI_SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from organizer.gui.app import run_gui
from organizer.gui.main_window import MainWindow
from organizer.store import open_database

def report_and_quit():
    titles = [w.windowTitle() for w in QApplication.topLevelWidgets()
              if isinstance(w, MainWindow) and w.isVisible()]
    print(titles)
    QApplication.instance().exit(3)

QTimer.singleShot(0, report_and_quit)
sys.exit(run_gui(open_database(sys.argv[1]), sys.argv))
"""


def test_run_gui_shows_the_window_and_returns_the_exit_code(gui_demo_db: Database) -> None:
    # In a child process: running the event loop in the test process would leave the shared
    # QApplication unable to activate windows for the tests that follow.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", _RUN_GUI_SCRIPT, gui_demo_db.url], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 3, done.stderr
    assert done.stdout.strip() == f"['Organizer — {database_label(gui_demo_db)}']"
    if gui_demo_db.path is not None:
        assert database_label(gui_demo_db) == "t.sqlite"


def test_people_model_index_for_missing_parent_is_empty(gui_window: MainWindow) -> None:
    model = gui_window.people_tab.model
    assert model.rowCount(model.index(0, 0)) == 0
    assert not gui_window.people_tab.index_of(10**9).isValid()
    assert model.index(0, 0, QModelIndex()).isValid()
    assert isinstance(model.index(0, 0).data(ID_ROLE), int)


def test_clearing_the_filter_keeps_a_record_further_down_than_the_first_page(
        qtbot: Any, gui_window: MainWindow) -> None:
    tab = gui_window.people_tab
    tab.model._batch_size = 2  # a first page of 2 of the 6 people: the selected one is further down
    target = tab.model.id_at(5)
    assert target is not None and tab.select_id(target)
    name = tab.model.row_at(5).full_name.split()[-1]
    tab.filters.text.setText(name)
    tab.filters.flush()
    qtbot.waitUntil(lambda: tab.model.loaded and tab.model.rowCount() == 1)
    assert tab.current_id() == target
    tab.filters.text.setText("")
    tab.filters.flush()  # no text: a first page, then the rest of the ids
    qtbot.waitUntil(lambda: tab.model.complete and tab.model.rowCount() == 6)
    qtbot.waitUntil(lambda: tab.current_id() == target)


def test_an_older_read_of_the_counts_that_finishes_last_is_not_shown(qtbot: Any, gui_demo_db: Database,
                                                                     gui_wait: Any, monkeypatch: Any) -> None:
    """Two reads of the counts run on the two workers and may finish in either order: the newer one's
    counts stay (the older one, made before a change, used to replace them when it finished last)."""
    import threading

    from organizer.services import browse

    window = MainWindow(gui_demo_db, remember_state=False)
    qtbot.addWidget(window)
    gui_wait(window)
    real, gate, calls = browse.record_counts, threading.Event(), []

    def counts(db: Database) -> dict[str, int]:
        calls.append(db)
        if len(calls) == 1:  # the older read: made before a seventh person was added
            gate.wait(30)
            return {**real(db), "person": 6}
        return real(db)

    monkeypatch.setattr(browse, "record_counts", counts)
    window.update_counts()
    qtbot.waitUntil(lambda: len(calls) == 1)
    create_person(gui_demo_db, PersonData(given_name="Aaron", family_name="Aalto"))
    window.update_counts()
    qtbot.waitUntil(lambda: window.counts["person"] == 7, timeout=20_000)
    gate.set()
    qtbot.waitUntil(window.runner.is_idle, timeout=20_000)
    assert window.counts["person"] == 7 and "7 people" in window.counts_label.text()
    window.close()
