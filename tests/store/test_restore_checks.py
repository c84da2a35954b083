"""``restore`` uses only an intact Organizer backup and loses nothing when it cannot go on.

Refused, with the database and the offered file unchanged and no copy made: another program's file
whose Alembic version reads 0001-0006, a backup with damaged pages (``integrity_check``), and no
``-wal``/``-shm`` is left beside the refused file. A read-only folder, a read-only ``backups/`` or a
file named ``backups`` give one clear line (no "unexpected error"). The ``.part`` files of a backup
killed earlier are removed by the next run, only ours and only those whose process is gone.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from organizer.cli.main import main
from organizer.domain.errors import OrganizerError
from organizer.services import backup, people
from organizer.store import open_database, snapshots, sqlite_url
from organizer.store.files import private_temp
from organizer.store.migrations import KNOWN_REVISIONS
from tests.hostile_files import damaged_copy, demo_database, files_in, foreign_alembic_file, run_cli


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_database(tmp_path_factory.mktemp("demo") / "demo.sqlite")


@pytest.fixture
def live(tmp_path: Path, demo_template: Path) -> Path:
    """A demo database in its own folder (``tmp_path/db/visits.sqlite``), closed."""
    folder = tmp_path / "db"
    folder.mkdir()
    target = folder / "visits.sqlite"
    target.write_bytes(demo_template.read_bytes())
    target.chmod(0o600)
    return target


def run_in_process(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _people(path: Path) -> list[str]:
    db = open_database(sqlite_url(path), create=False)
    try:
        return sorted(p.full_name for p in people.list_people(db))
    finally:
        db.close()


@pytest.mark.parametrize("revision", KNOWN_REVISIONS)
def test_another_programs_alembic_file_is_never_restored(tmp_path: Path, live: Path, revision: str) -> None:
    (tmp_path / "offered").mkdir()
    offered = foreign_alembic_file(tmp_path / "offered" / "billing.sqlite", revision)
    before, offered_before = files_in(live.parent), files_in(offered.parent)
    code, _out, err = run_in_process("--db", str(live), "restore", str(offered))
    assert code == 1 and "not an Organizer database" in err
    assert "unexpected" not in err and len(err.strip().splitlines()) == 1
    assert files_in(live.parent) == before, "the database unchanged and no before-restore copy made"
    assert files_in(offered.parent) == offered_before
    assert len(_people(live)) == 6  # the demo visit's people


def test_a_backup_with_damaged_pages_is_refused(tmp_path: Path, live: Path, demo_template: Path) -> None:
    folder = tmp_path / "offered"
    folder.mkdir()
    offered = damaged_copy(demo_template, folder / "copy.sqlite")
    before, offered_before = files_in(live.parent), files_in(folder)
    with pytest.raises(OrganizerError, match=r"damaged|corrupt"):
        backup.restore_database(live, offered)
    assert files_in(live.parent) == before and files_in(folder) == offered_before


def test_checking_a_wal_mode_backup_leaves_nothing_beside_it(tmp_path: Path, live: Path,
                                                            demo_template: Path) -> None:
    folder = tmp_path / "offered"
    folder.mkdir()
    offered = folder / "copy.sqlite"
    offered.write_bytes(demo_template.read_bytes())  # a plain copy of a live database: WAL mode, no -wal
    assert offered.read_bytes()[18] == 2
    backup.check_backup_file(offered)
    assert sorted(p.name for p in folder.iterdir()) == ["copy.sqlite"]
    damaged = damaged_copy(demo_template, folder / "damaged.sqlite")
    with pytest.raises(OrganizerError, match=r"damaged|corrupt"):
        backup.restore_database(live, damaged)
    assert sorted(p.name for p in folder.iterdir()) == ["copy.sqlite", "damaged.sqlite"]


def test_a_damaged_current_database_is_set_aside_unchanged(tmp_path: Path, demo_template: Path) -> None:
    folder = tmp_path / "db"
    folder.mkdir()
    current = damaged_copy(demo_template, folder / "visits.sqlite")
    damaged = files_in(folder)["visits.sqlite"]
    good = tmp_path / "good.sqlite"
    good.write_bytes(demo_template.read_bytes())
    report = backup.restore_database(current, good)
    assert report.kept_aside is not None and files_in(report.kept_aside.parent)[report.kept_aside.name] == damaged
    assert len(_people(current)) == 6


@pytest.fixture
def good_copy(tmp_path: Path, demo_template: Path) -> Path:
    good = tmp_path / "good.sqlite"
    good.write_bytes(demo_template.read_bytes())
    return good


def test_a_file_named_backups_is_one_clear_line_and_nothing_is_lost(live: Path, good_copy: Path) -> None:
    (live.parent / "backups").write_text("not a folder")
    before = files_in(live.parent)
    code, _out, err = run_in_process("--db", str(live), "restore", str(good_copy))
    assert code == 1 and "unexpected" not in err
    assert "is a file, not a folder" in err and "nothing was changed" in err
    assert files_in(live.parent) == before


@pytest.mark.parametrize("where", ["backups", "folder"])
def test_read_only_folders_are_one_clear_line_and_nothing_is_lost(live: Path, good_copy: Path, where: str) -> None:
    if where == "backups":
        (live.parent / "backups").mkdir(mode=0o500)
        locked = live.parent / "backups"
    else:
        locked = live.parent
    locked.chmod(0o500)
    try:
        before = files_in(live.parent)
        done = run_cli("--db", str(live), "restore", str(good_copy), no_dac_override=True)
    finally:
        locked.chmod(0o700)
    assert done.returncode == 1, done.stdout
    assert "unexpected" not in done.stderr and "Error" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "nothing was changed" in done.stderr
    assert files_in(live.parent) == before


def _dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                           check=True)
    return int(child.stdout)


def _part(folder: Path, name: str, pid: int) -> Path:
    made = private_temp(folder, name, snapshots.TEMP_SUFFIX)
    renamed = made.with_name(made.name.replace(f".{os.getpid()}.", f".{pid}.", 1))
    made.rename(renamed)
    renamed.write_bytes(b"half a database")
    return renamed


def test_part_files_of_a_killed_backup_are_removed_by_the_next_run(live: Path) -> None:
    folder = live.parent / "backups"
    folder.mkdir(mode=0o700)
    dead = _dead_pid()
    stale = [_part(folder, f"{live.name}-20260101T000000Z-daily.sqlite", dead),
             _part(folder, f"{live.name}-20260101T000000Z-before-0006.sqlite", dead),
             _part(folder, f"{live.name}-before-restore-20260101T000000Z.sqlite", dead)]
    journal = stale[0].with_name(stale[0].name + "-journal")
    journal.write_bytes(b"")
    working = _part(folder, f"{live.name}-20260102T000000Z-daily.sqlite", os.getpid())  # being written now
    others = [_part(folder, "other.sqlite-20260101T000000Z-daily.sqlite", dead),  # another database's
              folder / f".{live.name}-notes.txt.{dead}.x.part"]  # not one of our backup names
    others[1].write_bytes(b"")
    db = open_database(sqlite_url(live), create=False)
    try:
        made = backup.daily_backup(db)
    finally:
        db.close()
    left = set(folder.iterdir())
    assert not left & {*stale, journal}
    assert {working, *others} <= left and made in left


def test_a_kill_during_the_daily_backup_leaves_nothing_after_the_next_command(live: Path) -> None:
    folder = live.parent / "backups"
    folder.mkdir(mode=0o700)
    # What the killed process left: its .part under the name of the backup it was making.
    leftover = _part(folder, f"{live.name}-20260101T000000Z-daily.sqlite", _dead_pid())
    code, _out, err = run_in_process("--db", str(live), "demo")
    assert code == 0, err
    assert not leftover.exists()
    assert not [p for p in folder.iterdir() if p.name.endswith(".part")]
