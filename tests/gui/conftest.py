"""Fixtures for the GUI tests: an offscreen Qt platform and a file database holding the demo visit.

Every GUI test runs in English (the translators ``organizer gui`` would install for ``--lang en``)
with its settings in a fresh file under tmp_path, so no test reads or writes the user's settings.

The fixture names start with ``gui_`` so they never shadow the shared fixtures of tests/conftest.py.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports PySide6

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from organizer.gui.i18n import install_language
from organizer.services.demo import load_demo
from organizer.store import Database, open_database, sqlite_url


@pytest.fixture
def gui_db(tmp_path: Path) -> Iterator[Database]:
    """An empty file database in tmp_path."""
    db = open_database(sqlite_url(tmp_path / "t.sqlite"))
    yield db
    db.close()


@pytest.fixture
def gui_demo_db(gui_db: Database) -> Database:
    """The file database with the demo visit loaded."""
    load_demo(gui_db)
    return gui_db


@pytest.fixture(autouse=True)
def gui_english_and_private_settings(qapp: QApplication, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """English translators installed and ``ORGANIZER_SETTINGS`` pointing into tmp_path."""
    monkeypatch.setenv("ORGANIZER_SETTINGS", str(tmp_path / "settings.ini"))
    install_language(qapp, "en")
    yield
    install_language(qapp, "en")
