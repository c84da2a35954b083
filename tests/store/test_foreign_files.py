"""Files that are not ours are refused without a byte of them changed (checked by hash), and a new
database is created only on request, in an existing folder, complete and private from its first moment."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest

from organizer.domain.errors import DatabaseError, SchemaTooNewError
from organizer.store import open_database, sqlite_url


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file in ``folder`` with its hash and mode: what must not change."""
    return {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), stat.S_IMODE(p.stat().st_mode))
            for p in sorted(folder.iterdir())}


def other_app_file(path: Path, *statements: str, wal: bool = False) -> Path:
    con = sqlite3.connect(path)
    if wal:
        con.execute("PRAGMA journal_mode=WAL")
    for sql in statements:
        con.execute(sql)
    con.commit()
    con.close()
    path.chmod(0o644)
    return path


@pytest.mark.parametrize("wal", [False, True], ids=["rollback-journal", "wal"])
def test_another_programs_database_is_refused_unchanged(tmp_path: Path, wal: bool) -> None:
    path = other_app_file(tmp_path / "other.sqlite", "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)",
                          "INSERT INTO invoices (total) VALUES (12.5)", wal=wal)
    before = snapshot(tmp_path)
    with pytest.raises(DatabaseError, match="not an Organizer database"):
        open_database(sqlite_url(path))
    assert snapshot(tmp_path) == before  # same bytes (no switch to WAL), same mode, no new files


def test_another_programs_alembic_database_is_not_called_newer_organizer(tmp_path: Path) -> None:
    path = other_app_file(tmp_path / "app.db", "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)",
                          "INSERT INTO alembic_version VALUES ('ae1027a6acf')",
                          "CREATE TABLE orders (id INTEGER PRIMARY KEY)")
    before = snapshot(tmp_path)
    with pytest.raises(DatabaseError, match="not an Organizer database") as info:
        open_database(sqlite_url(path))
    assert not isinstance(info.value, SchemaTooNewError) and "newer" not in str(info.value)
    assert snapshot(tmp_path) == before


def test_an_empty_file_is_not_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    path.touch(mode=0o644)
    path.chmod(0o644)
    before = snapshot(tmp_path)
    with pytest.raises(DatabaseError, match="empty file"):
        open_database(sqlite_url(path))
    assert snapshot(tmp_path) == before


def test_an_empty_sqlite_database_of_another_program_is_not_taken_over(tmp_path: Path) -> None:
    path = other_app_file(tmp_path / "blank.sqlite", "PRAGMA user_version = 7")
    assert path.stat().st_size > 0
    before = snapshot(tmp_path)
    with pytest.raises(DatabaseError, match="empty SQLite database"):
        open_database(sqlite_url(path))
    assert snapshot(tmp_path) == before


def test_a_newer_organizer_database_is_still_recognised_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "org.sqlite"
    open_database(sqlite_url(path)).close()
    with sqlite3.connect(path) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.close()
    before = snapshot(tmp_path)
    with pytest.raises(SchemaTooNewError, match="newer Organizer"):
        open_database(sqlite_url(path))
    assert snapshot(tmp_path) == before


def test_creation_is_explicit_and_complete(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    with pytest.raises(DatabaseError, match="--create"):
        open_database(sqlite_url(path), create=False)
    assert list(tmp_path.iterdir()) == []
    open_database(sqlite_url(path), create=True).close()
    # Only the database itself (no temporary file left), owner-only, already at the newest schema.
    assert [p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))] == ["new.sqlite"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        assert con.execute("SELECT count(*) FROM alembic_version").fetchone()[0] == 1
    con.close()
