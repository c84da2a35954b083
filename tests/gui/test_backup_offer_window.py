"""The window offers the newest good backup of a database it cannot open (a corrupted file, another
program's file), restores it with the current file kept aside unchanged, and opens it."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from organizer.domain.records import PersonData
from organizer.gui.app import WindowManager, recover_at_start
from organizer.gui.backup_offer import BackupOffer
from organizer.gui.settings import Settings
from organizer.services import people
from organizer.store import open_database, snapshots, sqlite_url


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "organizer.ini"), QSettings.Format.IniFormat))


def _database_with_backups(path: Path) -> list[Path]:
    """A database with two automatic backups (1 and 2 people) and a third person added after them."""
    db = open_database(sqlite_url(path))
    start = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
    made = []
    for day, name in enumerate(("Ivanov", "Petrov")):
        people.create_person(db, PersonData(family_name=name))
        made.append(snapshots.rotate_backup(path, "daily", now=start + timedelta(days=day)))
    people.create_person(db, PersonData(family_name="Sidorov"))
    db.close()
    return made


def _corrupt(path: Path) -> None:
    broken = bytearray(path.read_bytes())
    broken[100:4096] = b"\xde\xad" * ((4096 - 100) // 2)
    path.write_bytes(bytes(broken))


def _answer(qtbot: Any, restore: bool, seen: list[BackupOffer]) -> None:
    """Click a button of the BackupOffer once it is shown (it runs modally)."""
    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, BackupOffer):
            QTimer.singleShot(20, click)
            return
        seen.append(box)
        (box.restore_button if restore else box.cancel_button).click()

    QTimer.singleShot(0, click)


def test_a_corrupted_database_is_replaced_by_its_newest_good_backup(qtbot: Any, tmp_path: Path,
                                                                   settings: Settings,
                                                                   request: pytest.FixtureRequest) -> None:
    first = open_database(sqlite_url(tmp_path / "first.sqlite"))
    manager = WindowManager(first, settings)
    old = manager.window  # replaced below and deleted (its deferred delete may run in a later wait)
    request.addfinalizer(lambda: old.close() if shiboken6.isValid(old) else None)
    target = tmp_path / "visits.sqlite"
    made = _database_with_backups(target)
    _corrupt(made[-1])  # the newest backup is damaged too: the one before it is offered
    _corrupt(target)
    broken = digest(target)
    seen: list[BackupOffer] = []
    _answer(qtbot, False, seen)  # first declined: nothing changes
    assert not manager.open_database(target, False)
    assert len(seen) == 1 and seen[0].choice.path == made[0]
    assert made[-1].name in seen[0].informativeText(), "the damaged newer backup is named with its reason"
    assert "could not open" in seen[0].text() and digest(target) == broken
    assert manager.window.db is first
    _answer(qtbot, True, seen)
    assert manager.open_database(target, False)
    qtbot.addWidget(manager.window)  # the new window: closed with the test
    assert manager.window.db.path == target
    assert [p.full_name for p in people.list_people(manager.window.db)] == ["Ivanov"]
    kept = next((tmp_path / "backups").glob("*unreadable*"))
    assert digest(kept) == broken, "the damaged file is kept aside, unchanged"
    manager.window.db.close()


def test_another_programs_file_without_backups_gets_the_message_only(qtbot: Any, tmp_path: Path,
                                                                     settings: Settings,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    first = open_database(sqlite_url(tmp_path / "first.sqlite"))
    manager = WindowManager(first, settings)
    qtbot.addWidget(manager.window)
    foreign = tmp_path / "accounts.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    before = digest(foreign)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text, *a: shown.append(text))
    assert not manager.open_database(foreign, False)
    assert len(shown) == 1 and "not an Organizer database" in shown[0]
    assert digest(foreign) == before
    first.close()


def test_at_start_up_the_offer_reopens_the_restored_database(qtbot: Any, tmp_path: Path,
                                                            settings: Settings) -> None:
    target = tmp_path / "visits.sqlite"
    made = _database_with_backups(target)
    _corrupt(target)
    seen: list[BackupOffer] = []
    _answer(qtbot, True, seen)
    db = recover_at_start(sqlite_url(target), "damaged", [], settings=settings)
    assert db is not None and seen[0].choice.path == made[-1]
    try:
        assert sorted(p.full_name for p in people.list_people(db)) == ["Ivanov", "Petrov"]
    finally:
        db.close()
