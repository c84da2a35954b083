"""Preferences and window state: geometry, splitters and column widths survive a restart; recent databases;
the language preference; opening and creating databases from the File menu."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from organizer.gui.app import WindowManager
from organizer.gui.main_window import MainWindow
from organizer.gui.preferences import PreferencesDialog
from organizer.gui.settings import Settings
from organizer.store import Database, open_database, sqlite_url


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "organizer.ini"), QSettings.Format.IniFormat))


def test_window_geometry_splitters_and_column_widths_are_remembered(qtbot: Any, gui_demo_db: Database,
                                                                    settings: Settings) -> None:
    first = MainWindow(gui_demo_db, settings=settings)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(720, 520)  # within the offscreen screen (800x600)
    first.people_tab.table.setColumnWidth(0, 321)
    first.visits_tab.table.setColumnWidth(2, 123)
    first.people_tab.splitter.setSizes([300, 700])
    sizes = first.people_tab.splitter.sizes()
    first.close()  # saves

    second = MainWindow(gui_demo_db, settings=settings)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == (720, 520)
    assert second.people_tab.table.columnWidth(0) == 321
    assert second.visits_tab.table.columnWidth(2) == 123
    assert second.people_tab.splitter.sizes() == sizes


def test_a_screenshot_window_neither_restores_nor_saves_state(qtbot: Any, gui_demo_db: Database,
                                                              settings: Settings) -> None:
    window = MainWindow(gui_demo_db, settings=settings, remember_state=False)
    qtbot.addWidget(window)
    window.people_tab.table.setColumnWidth(0, 333)
    window.close()
    assert settings.store.allKeys() == []


def test_sensible_default_column_widths(qtbot: Any, gui_demo_db: Database, settings: Settings) -> None:
    window = MainWindow(gui_demo_db, settings=settings)
    qtbot.addWidget(window)
    table = window.people_tab.table
    for column in range(table.model().columnCount()):
        assert table.columnWidth(column) >= table.fontMetrics().horizontalAdvance("Name")


def test_recent_files_newest_first_without_duplicates_or_missing_files(tmp_path: Path, settings: Settings) -> None:
    files = []
    for name in ("a", "b", "c"):
        path = tmp_path / f"{name}.sqlite"
        path.write_bytes(b"")
        files.append(path)
        settings.add_recent_file(path)
    settings.add_recent_file(files[0])
    assert settings.recent_files() == [files[0], files[2], files[1]]
    files[2].unlink()
    assert settings.recent_files() == [files[0], files[1]]
    settings.clear_recent_files()
    assert settings.recent_files() == []


def test_damaged_settings_values_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "bad.ini"
    path.write_text("[General]\nlanguage=klingon\nrecent_files=42\n[window]\ngeometry=nonsense\n", encoding="utf-8")
    settings = Settings(QSettings(str(path), QSettings.Format.IniFormat))
    assert settings.language == "system"
    assert settings.recent_files() == []


def test_preferences_save_the_language_only_on_ok(qtbot: Any, settings: Settings) -> None:
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("ru"))
    dialog.reject()
    assert settings.language == "system"
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("ru"))
    dialog.accept()
    assert settings.language == "ru"
    assert dialog.restart_needed()  # the tests run in English
    assert PreferencesDialog(settings).chosen_language() == "ru"


def test_file_menu_opens_and_creates_databases_and_lists_them_as_recent(qtbot: Any, tmp_path: Path,
                                                                        settings: Settings) -> None:
    db = open_database(sqlite_url(tmp_path / "first.sqlite"))
    manager = WindowManager(db, settings)
    qtbot.addWidget(manager.window)
    assert manager.window.windowTitle() == "Organizer — first.sqlite"
    manager.window.database_actions.chosen.emit(tmp_path / "second.sqlite", True)  # File > New Database…
    assert manager.window.windowTitle() == "Organizer — second.sqlite"
    assert (tmp_path / "second.sqlite").is_file()
    assert settings.recent_files() == [tmp_path / "second.sqlite", tmp_path / "first.sqlite"]
    recent = [a.text() for a in manager.window.database_actions.recent_menu.actions()]
    assert recent[:2] == ["&1 second.sqlite", "&2 first.sqlite"]
    manager.window.db.close()


def test_a_file_that_is_not_a_database_gets_a_message_and_keeps_the_window(qtbot: Any, tmp_path: Path,
                                                                           settings: Settings,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    db = open_database(sqlite_url(tmp_path / "first.sqlite"))
    manager = WindowManager(db, settings)
    qtbot.addWidget(manager.window)
    window = manager.window
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text, *a: shown.append(f"{title}: {text}"))
    assert not manager.open_database(junk, False)
    assert manager.window is window and window.db is db
    assert len(shown) == 1 and "notes.txt" in shown[0] and "not an Organizer database" in shown[0]
    assert junk.read_text(encoding="utf-8") == "not a database"
    db.close()
