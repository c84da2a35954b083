"""Fixtures for the GUI tests: an offscreen Qt platform and a file database holding the demo visit.

The fixture names start with ``gui_`` so they never shadow the shared fixtures of tests/conftest.py.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports PySide6

from collections.abc import Iterator
from pathlib import Path

import pytest

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
