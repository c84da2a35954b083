"""The window shows a record's history (who changed what and when) and picks up other clients' changes:
a record it shows is refreshed when it changed underneath, a new record appears in its list."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from organizer.domain.enums import RecordKind
from organizer.domain.records import PersonData
from organizer.gui.history import SHOWN, history_html
from organizer.services import audit, people
from organizer.store.database import Database


def _korzhikov(db: Database) -> int:
    return next(r.id for r in people.list_people(db) if "Korzhikov" in r.full_name)


def test_the_person_pane_shows_history_and_follows_changes_made_elsewhere(
        qtbot: Any, gui_window: Any, gui_demo_db: Database) -> None:
    win = gui_window
    pid = _korzhikov(gui_demo_db)
    win.show_tab(win.people_tab)
    assert win.people_tab.select_id(pid)
    pane = win.people_tab.detail
    assert "History" in pane.toPlainText() and "created by an archive import" in pane.toPlainText()
    # Another client (its own Database user name) edits the person the window shows.
    gui_demo_db.user = "eve"
    start = people.get_person(gui_demo_db, pid)
    people.update_person(gui_demo_db, pid, replace(start.data, notes="Prefers tea", family_name="Korzhikoff"),
                         start.meta.version)
    # The poll runs while the window is active: the pane and the row follow without F5.
    qtbot.waitUntil(lambda: "Prefers tea" in pane.toPlainText(), timeout=15_000)
    text = pane.toPlainText()
    assert "eve" in text and "changed family name, notes" in text
    row = win.people_tab.model.row_of(pid)
    qtbot.waitUntil(lambda: "Korzhikoff" in str(win.people_tab.model.index(row, 0).data()), timeout=20_000)
    assert win.people_tab.current_id() == pid


def test_a_record_created_elsewhere_appears_and_the_selection_stays(
        qtbot: Any, gui_window: Any, gui_demo_db: Database) -> None:
    win = gui_window
    pid = _korzhikov(gui_demo_db)
    assert win.people_tab.select_id(pid)
    before = win.people_tab.model.rowCount()
    created = people.create_person(gui_demo_db, PersonData(given_name="Aigul", family_name="Safina"))
    assert win.watcher.check_now()
    qtbot.waitUntil(lambda: win.people_tab.model.rowCount() == before + 1, timeout=10_000)
    assert win.people_tab.model.row_of(created.meta.id) is not None
    assert win.people_tab.current_id() == pid
    assert not win.watcher.check_now(), "nothing new: no refresh"


def test_the_history_section_lists_the_newest_first_and_counts_the_rest(gui_db: Database) -> None:
    created = people.create_person(gui_db, PersonData(family_name="Often"))
    detail = created
    for i in range(SHOWN + 2):
        detail = people.update_person(gui_db, created.meta.id, replace(detail.data, notes=f"n{i}"),
                                      detail.meta.version)
    entries = audit.record_history(gui_db, "person", created.meta.id)
    html = history_html(entries, created.meta.id, "person")
    assert html.count("changed notes") == SHOWN
    assert html.index("changed notes") < html.rindex("changed notes")
    assert "3 earlier changes: organizer history person" in html
    assert "No changes recorded yet." in history_html([], created.meta.id, "person")
    hostile = replace(entries[0], user="<b>mallory</b>")
    shown = history_html([hostile], created.meta.id, "person")
    assert "&lt;b&gt;mallory&lt;/b&gt;" in shown and "<b>mallory" not in shown


def test_the_user_name_from_preferences_goes_into_the_history(qtbot: Any, tmp_path: Any,
                                                              gui_demo_db: Database,
                                                              monkeypatch: Any) -> None:
    from PySide6.QtCore import QSettings

    from organizer.gui.main_window import MainWindow
    from organizer.gui.preferences import PreferencesDialog
    from organizer.gui.settings import Settings

    monkeypatch.delenv("ORGANIZER_USER", raising=False)
    settings = Settings(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.user_name.setText("  Dilnoza   Karimova ")
    dialog.accept()
    assert settings.user_name == "Dilnoza Karimova"
    win = MainWindow(gui_demo_db, settings=settings, remember_state=False)
    qtbot.addWidget(win)
    assert gui_demo_db.user == "Dilnoza Karimova"
    pid = _korzhikov(gui_demo_db)
    start = people.get_person(gui_demo_db, pid)
    win.records.update(RecordKind.PERSON, pid, start.data, replace(start.data, notes="x"), start.meta.version)
    assert audit.record_history(gui_demo_db, "person", pid)[-1].user == "Dilnoza Karimova"
    # --user (or $ORGANIZER_USER) wins over the preference.
    gui_demo_db.user = "from-the-command-line"
    other = MainWindow(gui_demo_db, settings=settings, remember_state=False)
    qtbot.addWidget(other)
    assert gui_demo_db.user == "from-the-command-line"


def test_the_watcher_ignores_what_was_there_before_it_started(qtbot: Any, gui_demo_db: Database) -> None:
    from PySide6.QtWidgets import QWidget

    from organizer.gui.watch import ChangeWatcher

    refreshed: list[Any] = []
    host = QWidget()
    qtbot.addWidget(host)
    watcher = ChangeWatcher(gui_demo_db, host, lambda: [], lambda: refreshed.append(True))
    assert watcher.last > 0 and not watcher.check_now() and refreshed == []
    people.create_person(gui_demo_db, PersonData(family_name="Later"))
    assert watcher.check_now() and refreshed == [True]


def test_the_institution_and_visit_panes_show_their_history(qtbot: Any, gui_window: Any,
                                                            gui_demo_db: Database) -> None:
    from organizer.services import institutions, visits

    win = gui_window
    gui_demo_db.user = "frank"
    iid = institutions.list_institutions(gui_demo_db)[0].id
    inst = institutions.get_institution(gui_demo_db, iid)
    institutions.update_institution(gui_demo_db, iid, replace(inst.data, city="Yelabuga"), inst.meta.version)
    vid = visits.list_visits(gui_demo_db)[0].id
    visit = visits.get_visit(gui_demo_db, vid)
    visits.update_visit(gui_demo_db, vid, replace(visit.data, place="Yelabuga"), visit.meta.version)
    for tab, ident in ((win.institutions_tab, iid), (win.visits_tab, vid)):
        win.show_tab(tab)
        qtbot.waitUntil(lambda tab=tab: tab.is_loaded if hasattr(tab, "is_loaded") else tab.model.loaded,
                        timeout=10_000)
        assert tab.select_id(ident)
        tab.refresh_detail()
        text = tab.detail.toPlainText()
        assert "History" in text and "created by an archive import" in text
        assert "frank" in text and ("changed city" in text or "changed place" in text)
