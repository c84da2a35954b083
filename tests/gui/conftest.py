"""Fixtures for the GUI tests: an offscreen Qt platform and a file database holding the demo visit.

Every GUI test runs in English (the translators ``organizer gui`` would install for ``--lang en``)
with its settings in a fresh file under tmp_path, so no test reads or writes the user's settings.

The fixture names start with ``gui_`` so they never shadow the shared fixtures of tests/conftest.py.
"""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports PySide6

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import pytestqt.plugin
import shiboken6
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QDialog

from organizer.gui.i18n import install_language
from organizer.services.demo import load_demo
from organizer.store import Database, open_database, sqlite_url

_close_registered = pytestqt.plugin._close_widgets


def _close_live_widgets(item: pytest.Item) -> None:
    """pytest-qt closes every widget a test gave ``qtbot.addWidget``, but one the app deleted already
    (a window replaced by another, whose ``deleteLater`` ran in a wait of ``gui.tasks.call``: a test
    runs no event loop of its own, so any local loop handles its deferred deletes) cannot be closed."""
    widgets = getattr(item, "qt_widgets", None)
    if widgets:
        item.qt_widgets = [(ref, before) for ref, before in widgets  # type: ignore[attr-defined]
                           if ref() is not None and shiboken6.isValid(ref())]
    _close_registered(item)


pytestqt.plugin._close_widgets = _close_live_widgets


@pytest.fixture
def gui_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """An empty file database in tmp_path (in the PostgreSQL pass: the shared ``db``, a new database on
    that server)."""
    if os.environ.get("ORGANIZER_TEST_DB_URL"):
        yield request.getfixturevalue("db")
        return
    db = open_database(sqlite_url(tmp_path / "t.sqlite"))
    yield db
    db.close()


@pytest.fixture
def gui_demo_db(gui_db: Database) -> Database:
    """The file database with the demo visit loaded."""
    load_demo(gui_db)
    return gui_db


PATIENT_MS = 20_000
"""How long a wait with no timeout of its own waits (pytest-qt's default is 5 s): CI runs on a slower,
loaded machine, and a wait that times out early is a red CI for nothing. A wait for something that must
not happen names its own short timeout."""


@pytest.fixture(autouse=True)
def gui_patient_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """``qtbot.waitUntil`` and ``qtbot.waitSignal`` without a timeout wait ``PATIENT_MS``."""
    from pytestqt.qtbot import QtBot

    wait_until, wait_signal = QtBot.waitUntil, QtBot.waitSignal

    def patient_until(self: QtBot, callback: Any, *, timeout: int = PATIENT_MS) -> None:
        wait_until(self, callback, timeout=timeout)

    def patient_signal(self: QtBot, signal: Any = None, *, timeout: int = PATIENT_MS, **kwargs: Any) -> Any:
        return wait_signal(self, signal, timeout=timeout, **kwargs)

    monkeypatch.setattr(QtBot, "waitUntil", patient_until)
    monkeypatch.setattr(QtBot, "waitSignal", patient_signal)


@pytest.fixture(autouse=True)
def gui_editors_left_with_changes_discard(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """An editor closed with changes asks Save / Discard / Cancel in a modal box; in the tests the answer
    is Discard (the box would wait for a person), and each question is noted here. Tests about the
    question patch ``EditorDialog.ask_keep_changes`` themselves."""
    from PySide6.QtWidgets import QMessageBox

    from organizer.gui.editors.base import EditorDialog

    asked: list[str] = []

    def discard(editor: EditorDialog) -> QMessageBox.StandardButton:
        asked.append(type(editor).__name__)
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(EditorDialog, "ask_keep_changes", discard)
    return asked


@pytest.fixture(autouse=True)
def gui_english_and_private_settings(qapp: QApplication, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """English translators installed, ``ORGANIZER_SETTINGS`` and ``ORGANIZER_DRAFTS`` (editors' drafts)
    pointing into tmp_path."""
    monkeypatch.setenv("ORGANIZER_SETTINGS", str(tmp_path / "settings.ini"))
    monkeypatch.setenv("ORGANIZER_DRAFTS", str(tmp_path / "drafts"))
    install_language(qapp, "en")
    yield
    install_language(qapp, "en")
    # A briefing job may still run on the shared pool after its dialog closed (slower on a database
    # server): let it end before the next test, and before its database is dropped.
    QThreadPool.globalInstance().waitForDone(60_000)
    qapp.processEvents()
    gc.collect()  # this test's cyclic garbage (Qt wrappers, database connections) goes now, while all is alive


def wait_loaded(qtbot: Any, window: Any, timeout: int = 30_000) -> None:
    """Build every tab of a MainWindow (the window builds a tab when it is first shown) and wait until
    each has its list and the status bar its counts."""
    from organizer.gui.main_window import TAB_NAMES

    for name in TAB_NAMES:
        window.tab(name)
    qtbot.waitUntil(lambda: all(t.model.loaded and not t.model.loading for t in window.list_tabs())
                    and window.institutions_tab.is_loaded and bool(window.counts)
                    and not any(t.detail_pending for t in window.built_tabs())
                    and not window.runner.busy, timeout=timeout)


@pytest.fixture
def gui_window(qtbot: Any, gui_demo_db: Database) -> Iterator[Any]:
    """The main window over the demo database, shown, active and loaded."""
    from organizer.gui.main_window import MainWindow

    win = MainWindow(gui_demo_db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)  # shortcuts only reach the active window
    wait_loaded(qtbot, win)
    yield win
    win.close()


@pytest.fixture
def gui_wait(qtbot: Any) -> Any:
    """``gui_wait(window)`` waits until the window has loaded (after a reload, a filter, an import)."""
    return lambda window: wait_loaded(qtbot, window)


@pytest.fixture
def gui_close_dialogs_left_open() -> Iterator[None]:
    """Message boxes and editors are separate windows: close them so no later test walks into them
    (``pytestmark = pytest.mark.usefixtures("gui_close_dialogs_left_open")`` in a test file)."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.done(QDialog.DialogCode.Rejected)
