"""Finding the backup to offer when a database cannot be opened: the newest automatic backup that opens
cleanly (intact, ours, not from a newer Organizer), newer unusable ones skipped with the reason; and a
restore that sets aside (unchanged) a current file that is not ours, when asked to."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from organizer.domain.errors import OrganizerError
from organizer.domain.records import PersonData
from organizer.services import backup, people
from organizer.store import Database, open_database, snapshots, sqlite_url


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _backups(db: Database) -> list[Path]:
    start = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
    made = []
    for day in range(3):
        people.create_person(db, PersonData(family_name=f"Person {day}"))
        made.append(snapshots.rotate_backup(db.path, "daily", now=start + timedelta(days=day)))  # type: ignore[arg-type]
    return made


def test_the_newest_good_backup_skips_damaged_and_foreign_ones(db: Database, db_path: Path) -> None:
    assert backup.newest_good_backup(db_path) is None
    made = _backups(db)
    choice = backup.newest_good_backup(db_path)
    assert choice is not None and choice.path == made[-1] and choice.skipped == ()
    assert choice.made_at == datetime(2026, 1, 3, 8, 0, tzinfo=UTC)
    # The newest is damaged, the one before it is another program's file: the oldest is offered.
    broken = bytearray(made[2].read_bytes())
    broken[100:4096] = b"\xde\xad" * ((4096 - 100) // 2)
    made[2].write_bytes(bytes(broken))
    made[1].unlink()
    con = sqlite3.connect(made[1])
    con.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    hashes = [digest(p) for p in made]
    choice = backup.newest_good_backup(db_path)
    assert choice is not None and choice.path == made[0]
    assert [p for p, _ in choice.skipped] == [made[2], made[1]]
    assert "not an Organizer database" in choice.skipped[1][1]
    assert [digest(p) for p in made] == hashes, "checking a backup changes nothing"


def test_restore_sets_a_foreign_file_aside_unchanged_only_when_asked(db: Database, db_path: Path) -> None:
    made = _backups(db)
    db.close()
    db_path.unlink()
    for companion in ("-wal", "-shm"):
        Path(f"{db_path}{companion}").unlink(missing_ok=True)
    con = sqlite3.connect(db_path)
    con.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    foreign = digest(db_path)
    with pytest.raises(OrganizerError, match="not an Organizer database"):
        backup.restore_database(db_path, made[-1])
    assert digest(db_path) == foreign
    report = backup.restore_database(db_path, made[-1], set_aside_unusable=True)
    assert report.kept_aside is not None and digest(report.kept_aside) == foreign
    restored = open_database(sqlite_url(db_path), create=False)
    try:
        assert sorted(p.full_name for p in people.list_people(restored)) == ["Person 0", "Person 1", "Person 2"]
    finally:
        restored.close()


def test_local_database_path() -> None:
    assert backup.local_database_path(sqlite_url(Path("/tmp/x.sqlite"))) == Path("/tmp/x.sqlite")
    assert backup.local_database_path("postgresql+psycopg://u@h/db") is None
    assert backup.local_database_path("::not a url") is None
