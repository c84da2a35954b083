"""The one output-path guard and atomic writer (``organizer.store.files``, issue 15 points 1, 2, 10)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from organizer.domain.errors import DatabaseError, OrganizerError
from organizer.store.files import (
    OutputPathError,
    atomic_output,
    check_existing_file,
    check_output_path,
    write_file,
)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_symlink_at_the_target_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"the victim's data")
    link = tmp_path / "out.pdf"
    link.symlink_to(victim)
    with pytest.raises(OutputPathError, match="symbolic link"):
        write_file(link, b"%PDF new")
    assert victim.read_bytes() == b"the victim's data"
    assert link.is_symlink() and os.readlink(link) == str(victim)
    assert _leftovers(tmp_path) == []


def test_a_symlink_planted_while_writing_is_not_followed(tmp_path: Path) -> None:
    """The race: the name is free at the check, a link appears before the rename."""
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep")
    target = tmp_path / "out.pdf"
    with pytest.raises(OutputPathError, match="symbolic link now"), atomic_output(target) as tmp:
        tmp.write_bytes(b"new")
        target.symlink_to(victim)
    assert victim.read_bytes() == b"keep" and target.is_symlink()
    assert _leftovers(tmp_path) == []


def test_a_symlink_to_the_database_is_called_the_database(tmp_path: Path) -> None:
    db = tmp_path / "org.sqlite"
    db.write_bytes(b"SQLite format 3\x00")
    link = tmp_path / "x.pdf"
    link.symlink_to(db)
    with pytest.raises(OutputPathError, match="open database"):
        check_output_path(link, db)


def test_replaced_whole_with_its_permissions_and_new_files_private(tmp_path: Path) -> None:
    old = tmp_path / "old.pdf"
    old.write_bytes(b"old")
    old.chmod(0o644)
    assert write_file(old, b"new") == old
    assert old.read_bytes() == b"new" and stat.S_IMODE(old.stat().st_mode) == 0o644
    new = tmp_path / "new.pdf"
    write_file(new, lambda fh: fh.write(b"streamed"))
    assert new.read_bytes() == b"streamed" and stat.S_IMODE(new.stat().st_mode) == 0o600
    assert _leftovers(tmp_path) == []


def test_a_failing_writer_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"old")

    def fail(fh: object) -> None:
        fh.write(b"half")  # type: ignore[attr-defined]
        raise OrganizerError("stopped")

    with pytest.raises(OrganizerError, match="stopped"):
        write_file(target, fail)
    assert target.read_bytes() == b"old" and _leftovers(tmp_path) == []


def test_non_regular_targets_are_refused_and_kept(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    for target, words in ((fifo, "FIFO"), (folder, "folder"), (Path("/dev/null"), "device"),
                          (tmp_path / "missing" / "x.pdf", "does not exist"),
                          (tmp_path / ("a" * 120_000), "too long"), (tmp_path / "..", "folder")):
        with pytest.raises(OutputPathError, match=words) as caught:
            write_file(target, b"x")
        assert len(str(caught.value)) < 500 and "\n" not in str(caught.value)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert _leftovers(tmp_path) == []


def test_the_database_its_companions_and_backups_by_any_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "Org.sqlite"
    db.write_bytes(b"SQLite format 3\x00")
    backups = tmp_path / "backups"
    backups.mkdir()
    backup = backups / "Org.sqlite-20260101T000000Z-daily.sqlite"
    backup.write_bytes(b"copy")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.link(db, elsewhere / "hard.pdf")
    os.link(backup, elsewhere / "hard-backup.pdf")
    (elsewhere / "via").symlink_to(tmp_path)
    monkeypatch.chdir(elsewhere)
    for name in (db, Path("../Org.sqlite"), Path("via/Org.sqlite"), tmp_path / "ORG.SQLITE",
                 tmp_path / "Org.sqlite-wal", tmp_path / "org.sqlite-SHM", tmp_path / "Org.sqlite-journal",
                 Path("hard.pdf"), backup, backups / "new.pdf", Path("via/backups/x"), Path("hard-backup.pdf")):
        with pytest.raises(OutputPathError, match="open database"):
            write_file(name, b"%PDF", database=db)
    assert db.read_bytes() == b"SQLite format 3\x00" and backup.read_bytes() == b"copy"
    write_file(tmp_path / "Org.sqlite.pdf", b"%PDF")  # a neighbour is fine
    check_output_path(tmp_path / "Org.sqlite", None)  # without a database: nothing to protect


def test_create_only_keeps_the_file_another_process_made(tmp_path: Path) -> None:
    target = tmp_path / "db.sqlite"
    with atomic_output(target, replace=False, check=False) as tmp:
        tmp.write_bytes(b"mine")
        target.write_bytes(b"theirs")
    assert target.read_bytes() == b"theirs" and _leftovers(tmp_path) == []


def test_existing_files_to_read_are_checked_without_opening(tmp_path: Path) -> None:
    fifo = tmp_path / "db.sqlite"
    os.mkfifo(fifo)
    with pytest.raises(DatabaseError, match="FIFO"):
        check_existing_file(fifo, "a database", DatabaseError)  # opening it would block
    with pytest.raises(DatabaseError, match="device"):
        check_existing_file(Path("/dev/zero"), "a database", DatabaseError)
    with pytest.raises(DatabaseError, match="too long"):
        check_existing_file(tmp_path / ("b" * 120_000), "a database", DatabaseError)
    assert check_existing_file(tmp_path / "absent", "a database") is False
    (tmp_path / "file").write_bytes(b"")
    assert check_existing_file(tmp_path / "file", "a database") is True


def test_a_database_opened_through_a_link_is_protected_where_it_lives(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "data.sqlite").write_bytes(b"SQLite format 3\x00")
    db = tmp_path / "org.sqlite"
    db.symlink_to(real / "data.sqlite")
    for name in (real / "data.sqlite", real / "data.sqlite-wal", tmp_path / "org.sqlite-shm"):
        with pytest.raises(OutputPathError, match="open database"):
            check_output_path(name, db)
    loop = tmp_path / "loop.pdf"
    loop.symlink_to(loop)
    with pytest.raises(OutputPathError, match="symbolic link"):
        check_output_path(loop, db)
