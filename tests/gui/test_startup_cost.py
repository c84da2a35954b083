"""What the window costs at start, counted rather than timed (the times are in bench/bench_gui.py).

A fresh process builds the main window offscreen, shows it and waits until the People list has its
rows (and the first person's detail); then it reports which modules were imported and which tabs exist.
The editors, archive import and export, briefings, PDF preview, search, preferences, the follow-ups
board and SQLAlchemy's ORM with the mapped classes are imported only when first used, and only the shown
tab is built: the others are built when first shown. On a SQLite file SQLAlchemy itself is not imported
before the first rows (they come through ``services.paging`` and ``store.people_read`` with plain ``sqlite3``),
also when the window is started the way users start it, through ``organizer gui`` (the command line, the
daily backup, the window manager).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from organizer.domain.errors import DatabaseError
from organizer.gui.main_window import TAB_NAMES, MainWindow
from organizer.gui.models.lazy import BATCH_SIZE
from organizer.gui.panes import MasterDetailTab
from organizer.store import Database

DEFERRED = (
    "organizer.gui.editors.base", "organizer.gui.editors.person", "organizer.gui.editors.records",
    "organizer.gui.archive", "organizer.services.archive.importer", "organizer.services.archive.export",
    "organizer.gui.briefing_dialog", "organizer.gui.pdf_preview", "organizer.briefing", "organizer.services.briefing",
    "organizer.services.search", "organizer.gui.preferences", "organizer.gui.board",
    "phonenumbers", "email_validator", "reportlab", "rapidfuzz", "PIL", "alembic", "ijson",
    "sqlalchemy.orm", "organizer.store.models",
    "organizer.services.drafts", "organizer.gui.drafts_offer", "organizer.gui.screenshot",
    "organizer.gui.models.institutions", "html",
)
"""Modules the first rows of the window do not need (the services read through SQLAlchemy Core; the ORM and
the mapped classes load at the first write or on a worker)."""
SQLITE_DEFERRED = ("sqlalchemy", "organizer.store.schema", "organizer.services.browse", "organizer.services.people",
                   "organizer.domain.records", "organizer.domain.fields")
"""Not needed either on a SQLite file: its first page and rows are read with plain ``sqlite3``, into the
people's record classes alone (``domain.person_records``, ``domain.person_fields``)."""

CHILD = r"""
import json, sys
from PySide6.QtWidgets import QApplication
from organizer.gui.main_window import MainWindow
from organizer.gui.panes import MasterDetailTab
from organizer.store import open_database

app = QApplication([])
db = open_database(sys.argv[1])
window = MainWindow(db, remember_state=False)
window.show()
model = window.people_tab.model
while not (model.loaded and model.batches_fetched):
    app.processEvents()
    window.people_tab.view.viewport().repaint()
print(json.dumps({
    "modules": sorted(sys.modules),
    "built": [type(t).__name__ for t in window.findChildren(MasterDetailTab)],
    "rows": model.rowCount(),
}))
window.close()
db.close()
"""


def _start(db_url: str, tmp_path: Path) -> dict[str, Any]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ORGANIZER_SETTINGS": str(tmp_path / "child.ini")}
    done = subprocess.run([sys.executable, "-c", CHILD, db_url], env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def test_the_window_starts_with_one_tab_and_without_the_modules_it_does_not_need(
        gui_demo_db: Database, tmp_path: Path) -> None:
    report = _start(gui_demo_db.url, tmp_path)  # a file, or a PostgreSQL database in that pass
    assert report["rows"] == 6  # the demo's people are shown
    assert report["built"] == ["PeopleTab"]
    loaded = set(report["modules"])
    assert "organizer.gui.main_window" in loaded and "PySide6.QtWidgets" in loaded  # the check can fail
    deferred = DEFERRED + (SQLITE_DEFERRED if gui_demo_db.path is not None else ())
    assert sorted(name for name in deferred if name in loaded) == []
    if gui_demo_db.path is None:  # on PostgreSQL the first rows come through SQLAlchemy Core
        assert "sqlalchemy" in loaded and "organizer.services.browse" in loaded


@pytest.mark.parametrize("name", TAB_NAMES)
def test_a_tab_is_built_when_first_shown_and_then_kept(qtbot: Any, qapp: QApplication, gui_demo_db: Database,
                                                      name: str) -> None:
    window = MainWindow(gui_demo_db, remember_state=False)
    qtbot.addWidget(window)
    window.show()
    assert [type(t).__name__ for t in window.findChildren(MasterDetailTab)] == ["PeopleTab"]
    labels = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    index = TAB_NAMES.index(name)
    window.tabs.setCurrentIndex(index)
    tab = window.tabs.widget(index)
    assert isinstance(tab, MasterDetailTab) and window.tabs.currentWidget() is tab
    assert getattr(window, f"{name}_tab") is tab
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == labels  # in its place
    assert len(window.findChildren(MasterDetailTab)) == (1 if name == "people" else 2)
    qtbot.waitUntil(lambda: window.runner.is_idle() and not tab.detail_pending
                    and (tab.current_id() is not None or name == "agreements"),
                    timeout=20_000)  # it loads (the demo has no agreement)
    assert tab.details_rendered == 1  # once per load, not once for the selection and again after it
    window.tabs.setCurrentIndex(0)
    window.tabs.setCurrentIndex(index)
    assert window.tabs.widget(index) is tab  # built once
    window.close()


def test_work_after_the_first_paint_waits_for_it_and_runs_once(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QLabel

    from organizer.gui.panes import _PaintWatcher, after_paint

    # no fallback in this test: what runs, runs because of the paint (a loaded machine may take a second)
    monkeypatch.setattr(_PaintWatcher, "FALLBACK_MS", 600_000)
    calls: list[str] = []
    hidden = QLabel("hidden")
    qtbot.addWidget(hidden)
    after_paint(hidden, lambda: calls.append("hidden"))
    assert calls == ["hidden"]  # nothing will paint it: at once

    shown = QLabel("shown")
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    after_paint(shown, lambda: calls.append("shown"))
    assert calls == ["hidden"]
    shown.repaint()
    qtbot.waitUntil(lambda: calls == ["hidden", "shown"], timeout=20_000)
    shown.repaint()
    qtbot.wait(50)
    assert calls == ["hidden", "shown"]


def test_the_first_rows_paint_before_the_first_detail_is_rendered(qtbot: Any, gui_demo_db: Database) -> None:
    window = MainWindow(gui_demo_db, remember_state=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    tab = window.people_tab
    seen: list[tuple[bool, int, int]] = []
    tab.model.ids_loaded.connect(lambda: seen.append((tab.detail_pending, tab.details_rendered,
                                                      tab.model.batches_fetched)))
    qtbot.waitUntil(lambda: bool(seen) and not tab.detail_pending, timeout=20_000)
    # loaded and selected, the first batch of rows read with the ids: the detail waits for them to paint
    assert seen == [(True, 0, 1)]
    assert tab.details_rendered == 1 and tab.model.batches_fetched >= 1
    assert tab.current_id() is not None and tab.current_id() == tab.model.id_at(0)
    assert tab.detail.toPlainText().strip() not in ("", tab.placeholder)
    window.close()


def test_a_long_list_shows_its_first_page_then_completes_and_a_record_beyond_it_opens(
        qtbot: Any, gui_demo_db: Database) -> None:
    from organizer.services.archive.importer import import_archive
    from organizer.services.browse import record_ids

    people = [{"uid": f"test:p{i:05d}", "given_name": "Test", "family_name": f"Person {i:05d}"} for i in range(450)]
    import_archive(gui_demo_db, {"format": "organizer-archive", "version": 1, "people": people})
    everyone = record_ids(gui_demo_db, "person")
    window = MainWindow(gui_demo_db, remember_state=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    tab = window.people_tab
    first: list[tuple[bool, int, int]] = []
    tab.model.ids_loaded.connect(lambda: first.append((tab.model.complete, tab.model.rowCount(),
                                                       len(tab.model.ids()))))
    qtbot.waitUntil(lambda: bool(first), timeout=20_000)
    assert first == [(False, 456, BATCH_SIZE)]  # the first page, with the scroll bar of the whole list
    last = max(everyone)  # "Test Person 00449", imported last
    assert everyone.index(last) >= BATCH_SIZE
    window.open_record("person", last)  # beyond the first page: selected once the rest is there
    qtbot.waitUntil(lambda: tab.model.complete and not tab.model.loading and not tab.detail_pending,
                    timeout=20_000)
    assert tab.model.ids() == tuple(everyone) and first == [(False, 456, BATCH_SIZE)]  # completed without a reset
    qtbot.waitUntil(lambda: tab.current_id() == last, timeout=20_000)
    # the pane renders after the list has painted: wait for it, do not race it
    qtbot.waitUntil(lambda: tab.detail.toPlainText().startswith("Test Person 00449"), timeout=20_000)
    window.close()


def test_a_long_lists_other_ids_are_read_after_its_first_rows_and_pane(qtbot: Any, gui_demo_db: Database) -> None:
    """Rows, then the selected record's pane, then the rest of the ids: the whole id list (100,000 people)
    does not compete with the first pane."""
    from organizer.services.archive.importer import import_archive

    people = [{"uid": f"test:p{i:05d}", "given_name": "Test", "family_name": f"Person {i:05d}"} for i in range(450)]
    import_archive(gui_demo_db, {"format": "organizer-archive", "version": 1, "people": people})
    window = MainWindow(gui_demo_db, remember_state=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    tab = window.people_tab
    at_completion: list[tuple[int, bool, str]] = []
    tab.model.ids_completed.connect(lambda: at_completion.append(
        (tab.details_rendered, tab.detail_pending, tab.detail.toPlainText().strip())))
    qtbot.waitUntil(lambda: tab.model.complete, timeout=10_000)
    assert len(at_completion) == 1
    rendered, pending, text = at_completion[0]
    assert rendered == 1 and not pending and text not in ("", tab.placeholder)
    window.close()


ENTRY_CHILD = r"""
import json, sys
from PySide6.QtWidgets import QApplication
from organizer.gui.main_window import MainWindow

def until_first_rows(app):  # stands in for the event loop: runs it until the first rows, then reports
    window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
    model = window.people_tab.model
    while not (model.loaded and model.batches_fetched):
        app.processEvents()
        window.people_tab.view.viewport().repaint()
    print(json.dumps({"modules": sorted(sys.modules), "rows": model.rowCount()}))
    return 0

QApplication.exec = until_first_rows
from organizer.app import main
sys.exit(main(["--db", sys.argv[1], "gui"]))
"""


def test_organizer_gui_on_a_file_shows_its_first_rows_before_sqlalchemy_is_imported(
        gui_demo_db: Database, tmp_path: Path) -> None:
    """The real entry point (argument parsing, ``open_database``, the window manager); the daily backup
    waits until the first rows are shown."""
    path = gui_demo_db.path
    if path is None:
        pytest.skip("about a SQLite database file (this pass runs on ORGANIZER_TEST_DB_URL)")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ORGANIZER_SETTINGS": str(tmp_path / "child.ini")}
    done = subprocess.run([sys.executable, "-c", ENTRY_CHILD, str(path)], env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    loaded = set(report["modules"])
    assert report["rows"] == 6 and "organizer.cli.main" in loaded and "organizer.services.backup" not in loaded
    assert sorted(name for name in DEFERRED + SQLITE_DEFERRED if name in loaded) == []
    backups = path.parent / "backups"
    assert not backups.exists() or not [p for p in backups.iterdir() if "daily" in p.name], \
        "no copy of the database before the first rows"


def test_the_window_makes_the_days_backup_on_a_worker_after_its_first_rows(
        qtbot: Any, gui_demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 20: no copy of the database before the window shows its rows; it is made afterwards, off
    the UI thread, and a failure is said in the window (not only on stderr)."""
    import threading

    from organizer.services import backup

    path = gui_demo_db.path
    if path is None:
        pytest.skip("about a SQLite database file (this pass runs on ORGANIZER_TEST_DB_URL)")
    made: list[tuple[bool, bool]] = []
    real = backup.daily_backup

    def recorded(db: Database) -> Any:
        window_rows = window.people_tab.model.loaded and window.people_tab.model.batches_fetched > 0
        made.append((threading.current_thread() is threading.main_thread(), window_rows))
        return real(db)

    monkeypatch.setattr(backup, "daily_backup", recorded)
    window = MainWindow(gui_demo_db, remember_state=False, daily_backup=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(made) and window.tasks.is_idle(), timeout=30_000)
    assert made == [(False, True)], "on a worker, after the first rows"
    assert [p for p in (path.parent / "backups").iterdir() if "daily" in p.name]
    window.close()

    def refused(_db: Database) -> Any:
        raise DatabaseError("the backups folder is read-only")

    monkeypatch.setattr(backup, "daily_backup", refused)
    second = MainWindow(gui_demo_db, remember_state=False, daily_backup=True)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitUntil(lambda: bool(second.daily_backup_problem), timeout=30_000)
    assert "read-only" in second.statusBar().currentMessage()


PANE_CHILD = r"""
import json, sys
from PySide6.QtWidgets import QApplication
from organizer.gui.main_window import MainWindow
from organizer.store import open_database

app = QApplication([])
db = open_database(sys.argv[1])
MainWindow._load_choices_and_counts = lambda self: None  # the counts and choices come next, with SQLAlchemy
window = MainWindow(db, remember_state=False)
window.show()
tab = window.people_tab
while not (tab.model.complete and tab.details_rendered and not tab.detail_pending and window.runner.is_idle()):
    app.processEvents()
print(json.dumps({"modules": sorted(sys.modules), "ids": list(tab.model.ids()), "current": tab.current_id(),
                  "pane": tab.detail.toPlainText()}))
window.close()
db.close()
"""


def test_on_a_file_the_first_detail_pane_and_the_whole_list_come_without_sqlalchemy(
        gui_demo_db: Database, tmp_path: Path) -> None:
    """Issue 20: the first person's detail pane (details, history, open follow-ups, their changes) and the
    rest of the people list's ids are read with plain ``sqlite3`` on a worker, and notes without markup are
    shown without the Markdown parser: SQLAlchemy (a third of a second of CPU) loads after them."""
    from organizer.services import people

    if gui_demo_db.path is None:
        pytest.skip("about a SQLite database file (this pass runs on ORGANIZER_TEST_DB_URL)")
    everyone = people.person_ids(gui_demo_db)
    first = people.get_person(gui_demo_db, everyone[0])
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ORGANIZER_SETTINGS": str(tmp_path / "child.ini")}
    done = subprocess.run([sys.executable, "-c", PANE_CHILD, gui_demo_db.url], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["ids"] == everyone and report["current"] == everyone[0]
    assert report["pane"].startswith(first.full_name) and "History" in report["pane"]
    loaded = set(report["modules"])
    assert "organizer.services.plain" in loaded and "organizer.gui.history" in loaded  # the check can fail
    assert sorted(name for name in DEFERRED + SQLITE_DEFERRED + ("organizer.services.audit", "markdown_it")
                  if name in loaded) == []
