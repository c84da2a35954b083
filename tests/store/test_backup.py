"""Backups and restore of the local database: on demand, daily, before migrations; every bad file refused
with nothing changed (checked by hash); restore gives the data as at backup time and keeps the current aside."""

from __future__ import annotations

import hashlib
import io
import sqlite3
import stat
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from organizer.cli.main import main
from organizer.domain.errors import OrganizerError
from organizer.domain.records import PersonData
from organizer.services import backup, people
from organizer.store import Database, open_database, snapshots, sqlite_url
from organizer.store.database import upgrade_to


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def names(db: Database) -> list[str]:
    return sorted(p.full_name for p in people.list_people(db))


def test_backup_then_restore_gives_the_data_as_at_backup_time(demo_db: Database, db_path: Path,
                                                             tmp_path: Path) -> None:
    at_backup = names(demo_db)
    copy = tmp_path / "copy.sqlite"
    backup.backup_database(demo_db, copy)
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert not Path(f"{copy}-wal").exists()  # one self-contained file
    people.create_person(demo_db, PersonData(given_name="Added", family_name="After Backup"))
    pashin = next(p for p in people.list_people(demo_db) if p.full_name == "D. Pashin")
    detail = people.get_person(demo_db, pashin.id)
    people.update_person(demo_db, pashin.id, replace(detail.data, family_name="Pashin-Renamed"))
    assert names(demo_db) != at_backup
    copy_hash = digest(copy)

    report = backup.restore_database(db_path, copy)
    # The same open Database sees the restored data (the pages were replaced through SQLite).
    assert names(demo_db) == at_backup
    assert digest(copy) == copy_hash  # the backup itself is untouched
    assert report.kept_aside is not None and report.kept_aside.parent == db_path.parent / "backups"
    aside = open_database(sqlite_url(report.kept_aside), create=False)
    try:
        assert "Added After Backup" in names(aside)
    finally:
        aside.close()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE((db_path.parent / "backups").stat().st_mode) == 0o700


def test_restore_refuses_bad_files_and_changes_nothing(demo_db: Database, db_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    text = tmp_path / "notes.txt"
    text.write_text("not a database", encoding="utf-8")
    newer = tmp_path / "newer.sqlite"
    backup.backup_database(demo_db, newer)
    with sqlite3.connect(newer) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.close()
    damaged = tmp_path / "damaged.sqlite"
    backup.backup_database(demo_db, damaged)
    data = bytearray(damaged.read_bytes())
    data[4096:] = b"\xff" * (len(data) - 4096)  # the schema page intact, every table page wrecked
    damaged.write_bytes(bytes(data))
    demo_db.close()
    before = {p: digest(p) for p in (db_path, other, empty, text, newer, damaged)}
    for bad, message in [(other, "not an Organizer database"), (empty, "empty"), (text, "not a SQLite"),
                         (newer, "newer Organizer"), (damaged, ""), (tmp_path / "missing.sqlite", "does not exist")]:
        code, _, err = run("--db", str(db_path), "restore", str(bad))
        assert code == 1 and message in err and err.count("\n") == 1, (bad, err)
    assert {p: digest(p) for p in before} == before
    assert not (db_path.parent / "backups").exists() or not any(
        "before-restore" in p.name for p in (db_path.parent / "backups").iterdir())


def test_restore_over_another_programs_file_is_refused(tmp_path: Path, demo_db: Database, db_path: Path) -> None:
    good = tmp_path / "good.sqlite"
    backup.backup_database(demo_db, good)
    target = tmp_path / "foreign.sqlite"
    con = sqlite3.connect(target)
    con.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    before = digest(target)
    with pytest.raises(OrganizerError, match=r"will not restore over .*not an Organizer database"):
        backup.restore_database(target, good)
    assert digest(target) == before


def test_restore_of_a_database_that_cannot_be_opened(tmp_path: Path, demo_db: Database, db_path: Path) -> None:
    good = tmp_path / "good.sqlite"
    backup.backup_database(demo_db, good)
    demo_db.close()
    broken = bytearray(db_path.read_bytes())
    broken[100:4096] = b"\xde\xad" * ((4096 - 100) // 2)
    db_path.write_bytes(bytes(broken))
    broken_hash = digest(db_path)
    code, _, _ = run("--db", str(db_path), "list", "people")
    assert code == 1
    code, _out, err = run("--db", str(db_path), "restore", str(good))
    assert code == 0, err
    kept = next((db_path.parent / "backups").glob("*unreadable*"))
    assert digest(kept) == broken_hash  # renamed aside, not changed
    assert len(__import__("json").loads(run("--db", str(db_path), "list", "people", "--json")[1])) == 6


def test_backup_cli_and_refusals(tmp_path: Path) -> None:
    db_file = tmp_path / "org.sqlite"
    assert run("--db", str(db_file), "demo")[0] == 0
    code, out, err = run("--db", str(db_file), "backup", "--out", str(tmp_path / "b.sqlite"))
    assert code == 0 and "backed up" in out, err
    for target in (db_file, Path(f"{db_file}-wal")):
        code, _, err = run("--db", str(db_file), "backup", "--out", str(target))
        assert code == 1 and "open database" in err
    code, _, err = run("--db", str(db_file), "backup", "--out", str(tmp_path / "no" / "b.sqlite"))
    assert code == 1 and "does not exist" in err


def _changed(db: Database, tag: object) -> Database:
    """A change (with its history entry): the next daily backup has something new to hold."""
    people.create_person(db, PersonData(family_name=f"Changed {tag}"))
    return db


def test_daily_backups_rotate_by_age(demo_db: Database, db_path: Path) -> None:
    start = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
    made = [backup.daily_backup(_changed(demo_db, d), now=start + timedelta(days=d)) for d in range(10)]
    assert all(made)
    assert backup.daily_backup(demo_db, now=start + timedelta(days=9, hours=3)) is None  # not due yet
    kept = snapshots.automatic_backups(db_path)
    assert kept == made[-7:]  # days 3..9: made less than 7 days before the newest
    # Something else in the folder (a user's own file) is never rotated away.
    mine = db_path.parent / "backups" / "my-own-copy.sqlite"
    mine.write_bytes(b"mine")
    backup.daily_backup(_changed(demo_db, 20), now=start + timedelta(days=20))
    assert mine.read_bytes() == b"mine"


def test_no_daily_backup_when_nothing_changed_since_the_last_one(demo_db: Database, db_path: Path) -> None:
    start = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
    first = backup.daily_backup(demo_db, now=start)
    assert first is not None
    assert backup.daily_backup(demo_db, now=start + timedelta(days=3)) is None, "nothing new to hold"
    assert snapshots.automatic_backups(db_path) == [first]
    later = backup.daily_backup(_changed(demo_db, "x"), now=start + timedelta(days=4))
    assert later is not None and snapshots.automatic_backups(db_path) == [first, later]


def test_backups_of_a_database_changed_weekly_live_a_week_not_seven_weeks(demo_db: Database, db_path: Path) -> None:
    """The documented promise: an automatic copy lives 7 days after a newer one was made (rotation by the
    time in the name, not by count), and the newest copy is always kept, however old."""
    start = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
    made = [backup.daily_backup(_changed(demo_db, w), now=start + timedelta(weeks=w)) for w in range(8)]
    assert snapshots.automatic_backups(db_path) == [made[-1]]
    # A backup of the same day and one 6 days 23 hours older stay; 7 days and older go.
    newest = start + timedelta(weeks=9)
    folder = db_path.parent / "backups"
    for age in (timedelta(days=7, seconds=1), timedelta(days=7), timedelta(days=6, hours=23), timedelta(hours=2)):
        stamp = (newest - age).strftime("%Y%m%dT%H%M%SZ")
        snapshots.copy_database(db_path, folder / f"{db_path.name}-{stamp}-before-0007.sqlite")
    last = snapshots.rotate_backup(db_path, "daily", now=newest)
    assert [p.name[len(db_path.name) + 1:] for p in snapshots.automatic_backups(db_path)] == [
        (newest - timedelta(days=6, hours=23)).strftime("%Y%m%dT%H%M%SZ") + "-before-0007.sqlite",
        (newest - timedelta(hours=2)).strftime("%Y%m%dT%H%M%SZ") + "-before-0007.sqlite",
        newest.strftime("%Y%m%dT%H%M%SZ") + "-daily.sqlite"]
    # Alone and a year old: still kept (the only way back).
    older = snapshots.automatic_backups(db_path)[:-1]
    assert snapshots.rotate(db_path, now=newest + timedelta(days=365)) == older
    assert snapshots.automatic_backups(db_path) == [last]


def test_a_daily_backup_is_due_a_day_after_the_last_one_or_when_the_clock_went_back(demo_db: Database,
                                                                                     db_path: Path) -> None:
    made = datetime(2026, 3, 1, 10, 0, 0, tzinfo=UTC)
    assert backup.daily_backup(demo_db, now=made) is not None
    assert not snapshots.backup_due(db_path, now=made + timedelta(hours=23, minutes=59, seconds=59, microseconds=9))
    assert snapshots.backup_due(db_path, now=made + timedelta(days=1))
    assert not snapshots.backup_due(db_path, now=made)
    assert snapshots.backup_due(db_path, now=made - timedelta(seconds=1))  # the newest backup is in the future
    tashkent = timezone(timedelta(hours=5))  # the same instants, told in another zone
    assert not snapshots.backup_due(db_path, now=(made + timedelta(hours=23)).astimezone(tashkent))
    assert snapshots.backup_due(db_path, now=(made + timedelta(hours=24)).astimezone(tashkent))


def test_a_migration_is_preceded_by_a_backup(db_path: Path) -> None:
    old = open_database(sqlite_url(db_path), upgrade=False)
    upgrade_to(old, "0001")
    old.close()
    open_database(sqlite_url(db_path)).close()
    before = [p for p in snapshots.automatic_backups(db_path) if "-before-" in p.name]
    assert len(before) == 1
    with sqlite3.connect(f"file:{before[0]}?mode=ro", uri=True) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    con.close()


def test_a_folder_where_no_backup_can_be_made_does_not_stop_the_command(tmp_path: Path) -> None:
    db_file = tmp_path / "org.sqlite"
    assert run("--db", str(db_file), "demo")[0] == 0
    for old in (tmp_path / "backups").iterdir():
        old.unlink()
    (tmp_path / "backups").rmdir()
    (tmp_path / "backups").write_text("a file where the folder would go", encoding="utf-8")
    code, _out, err = run("--db", str(db_file), "demo")  # a command that can change data makes the backup
    assert code == 0 and "warning: no automatic backup" in err
    code, out, err = run("--db", str(db_file), "list", "people", "--json")
    assert code == 0 and len(__import__("json").loads(out)) == 6
