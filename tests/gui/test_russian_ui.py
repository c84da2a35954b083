"""No English is left in the Russian interface: a walk over every tab, menu, action and dialog of the window.

The window is opened under Russian translations on an empty database (empty states, no record data at
all) and on the demo visit (every tab with its first record selected, so detail panes are filled).
Every action of every menu and tool bar is triggered once; a dialog it opens is read and then closed
without accepting it (so nothing is changed), and a file dialog is Qt's own, translated by Qt.
A Latin word is allowed only if it is a brand name or abbreviation (``uitext.ALWAYS_ALLOWED``) or
appears in the demo records themselves.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QTabWidget, QWidget

from organizer.assets import demo_archive
from organizer.gui.i18n import install_language
from organizer.gui.main_window import MainWindow, about_text, database_label
from organizer.gui.preferences import PreferencesDialog
from organizer.gui.screenshot import settle
from organizer.gui.settings import Settings
from organizer.store import Database
from tests.gui.uitext import data_words, english_words, window_texts

SKIPPED_SHORTCUTS = (QKeySequence.StandardKey.Quit, QKeySequence.StandardKey.Close)


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[None]:
    install_language(qapp, "ru")
    yield
    install_language(qapp, "en")


def _tab_widget(window: QMainWindow) -> QTabWidget:
    tabs = window.findChild(QTabWidget)
    assert tabs is not None
    return tabs


def _walk_tabs(window: MainWindow) -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = []
    tabs = _tab_widget(window)
    for i in range(tabs.count()):
        tabs.setCurrentIndex(i)
        tab: Any = tabs.widget(i)
        if callable(getattr(tab, "select_first", None)):
            tab.select_first()
        settle(window, 20)
        texts += [(f"tab {i}: {where}", text) for where, text in window_texts(window)]
    return texts


def _is_skipped(action: QAction) -> bool:
    return any(action.shortcut().matches(QKeySequence(k)) == QKeySequence.SequenceMatch.ExactMatch
               for k in SKIPPED_SHORTCUTS) or action.shortcut() == QKeySequence("Ctrl+Q")


def _trigger_every_action(window: MainWindow) -> list[tuple[str, str]]:
    """Trigger each enabled action; read and reject every dialog it opens."""
    texts: list[tuple[str, str]] = []
    current = ""

    def close_dialogs() -> None:
        """Read every window the action opened, then close it without accepting (Cancel, Escape)."""
        for widget in [QApplication.activeModalWidget(), QApplication.activePopupWidget(),
                       *QApplication.topLevelWidgets()]:
            if not isinstance(widget, QWidget) or widget is window or not widget.isVisible() \
                    or not widget.isWindow():
                continue
            texts.extend((f"{current} -> {type(widget).__name__}: {where}", text)
                         for where, text in window_texts(widget))
            if isinstance(widget, QDialog):
                widget.done(0)
            else:  # a pop-up menu, a tool window
                widget.close()

    timer = QTimer()
    timer.setInterval(30)
    timer.timeout.connect(close_dialogs)
    timer.start()
    try:
        seen: set[int] = set()
        for action in window.findChildren(QAction):
            if id(action) in seen or action.isSeparator() or not action.isEnabled() or action.menu() is not None \
                    or _is_skipped(action):
                continue
            seen.add(id(action))
            current = f"action {action.text()!r}"
            action.trigger()
            settle(window, 20)
            close_dialogs()
    finally:
        timer.stop()
    return texts


def _assert_russian(texts: list[tuple[str, str]], allowed: set[str], db: Database | None = None) -> None:
    # the database's own name (a file, or a server database) is data, not UI text
    label = database_label(db) if db is not None else "\0"
    english = sorted({f"{where}: {text!r} ({', '.join(words)})"
                      for where, text in texts if (words := english_words(text.replace(label, ""), allowed))})
    assert not english, f"{len(english)} English text(s) in the Russian interface:\n" + "\n".join(english)


def test_russian_ui_on_an_empty_database_has_no_english(qtbot: Any, gui_db: Database, russian: None) -> None:
    window = MainWindow(gui_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    texts = _walk_tabs(window)
    assert any("Файл" in text for _, text in texts)  # the walk did read the menus
    texts += _trigger_every_action(window)
    assert any("О программе" in where or "Organizer" in text for where, text in texts)
    _assert_russian(texts, allowed=set(), db=gui_db)


def test_russian_ui_on_the_demo_visit_has_no_english(qtbot: Any, gui_demo_db: Database, russian: None) -> None:
    window = MainWindow(gui_demo_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    texts = _walk_tabs(window)
    assert any("Глава делегации" in text for _, text in texts)  # detail panes and cells were read
    texts += _trigger_every_action(window)
    allowed = data_words(json.loads(demo_archive().read_text(encoding="utf-8")))
    allowed |= data_words(gui_demo_db.user)  # the user name in the History sections is data too
    _assert_russian(texts, allowed, gui_demo_db)


def test_preferences_and_about_are_russian(qtbot: Any, tmp_path: Any, russian: None) -> None:
    from PySide6.QtCore import QSettings

    dialog = PreferencesDialog(Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(dialog)
    dialog.show()
    _assert_russian(window_texts(dialog), set())
    _assert_russian([("about", about_text())], set())


def test_the_walk_finds_english_when_a_string_is_not_translated(qtbot: Any, gui_db: Database,
                                                               russian: None) -> None:
    """The check itself works: an untranslated label and menu entry are reported."""
    window = MainWindow(gui_db)
    qtbot.addWidget(window)
    window.menuBar().addMenu("&Reports").addAction("Export briefing")
    window.statusBar().addWidget(QLabel("Ready"))
    window.show()
    qtbot.waitExposed(window)
    found = {w for _, text in window_texts(window) for w in english_words(text, set())}
    assert {"Reports", "Export", "briefing", "Ready"} <= found
