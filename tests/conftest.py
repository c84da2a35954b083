"""Shared fixtures: file databases in tmp_path (never :memory:), with or without the demo visit."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from organizer.services.demo import load_demo
from organizer.store import Database, open_database, sqlite_url


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "organizer.sqlite"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(sqlite_url(db_path))
    yield database
    database.close()


@pytest.fixture
def demo_db(db: Database) -> Database:
    load_demo(db)
    return db
