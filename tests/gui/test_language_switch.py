"""Preferences > Language switches the open window at once: the window is shown again in the new
language on the same database and tab; with undo history the user is asked first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from organizer.domain.enums import RecordKind
from organizer.domain.records import PersonData
from organizer.gui.app import WindowManager
from organizer.gui.i18n import current_language
from organizer.gui.preferences import PreferencesDialog
from organizer.gui.settings import Settings
from organizer.store import open_database, sqlite_url


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))


def _choose_in_preferences(language: str) -> None:
    """Answer the modal Preferences dialog once it is open: pick ``language``, press OK."""
    def answer() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PreferencesDialog) and w.isVisible())
        dialog.language.setCurrentIndex(dialog.language.findData(language))
        dialog.accept()
    QTimer.singleShot(0, answer)


def test_choosing_russian_shows_the_window_in_russian_on_the_same_database(qtbot: Any, tmp_path: Path,
                                                                          settings: Settings) -> None:
    db = open_database(sqlite_url(tmp_path / "t.sqlite"))
    manager = WindowManager(db, settings)
    old = manager.window
    qtbot.addWidget(old)
    old.show()
    old.tabs.setCurrentIndex(2)
    assert old.tabs.tabText(0) == "&People"
    _choose_in_preferences("ru")
    old.show_preferences()
    new = manager.window
    qtbot.addWidget(new)
    assert new is not old and not old.isVisible() and new.isVisible()
    assert current_language() == "ru" and settings.language == "ru"
    assert new.db is db and new.tabs.currentIndex() == 2
    assert new.tabs.tabText(0) == "&Люди" and new.menuBar().actions()[0].text() == "&Файл"
    db.close()


def test_with_undo_history_the_user_is_asked_and_no_keeps_the_window(qtbot: Any, tmp_path: Path,
                                                                     settings: Settings,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    db = open_database(sqlite_url(tmp_path / "t.sqlite"))
    manager = WindowManager(db, settings)
    window = manager.window
    qtbot.addWidget(window)
    window.records.create(RecordKind.PERSON, PersonData(family_name="Safin"))
    asked: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *a: asked.append(text) or QMessageBox.StandardButton.No)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    _choose_in_preferences("ru")
    window.show_preferences()
    assert manager.window is window and window.records.stack.count() == 1, "nothing is lost"
    assert len(asked) == 1 and "undo history" in asked[0]
    assert told == ["The new language will be used when you start Organizer again."]
    assert settings.language == "ru"
    db.close()
