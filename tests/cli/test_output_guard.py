"""Issue 15 points 1, 2, 8 and 10: every command that writes a file refuses the open database (whatever
name leads to it), its companion files and backups, devices, FIFOs, folders and links at the output
name; ``--db`` naming a FIFO, a device, a folder or a too-long path, and numbers beyond the ids' range,
each give one short line, never a hang, a traceback or "unexpected error"."""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from organizer.cli.main import main
from organizer.store import snapshots

DEMO = ["demo"]


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def one_short_line(err: str, limit: int = 700) -> None:
    assert err.count("\n") == 1 and len(err) < limit, err[:2000]
    for bad in ("Traceback", "unexpected error", "OSError", "ValueError"):
        assert bad not in err, err[:2000]


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database with one automatic backup beside it, made once; each test gets a copy."""
    path = tmp_path_factory.mktemp("guard") / "org.sqlite"
    code, _, err = run("--db", str(path), *DEMO)
    assert code == 0, err
    if not snapshots.automatic_backups(path):
        snapshots.rotate_backup(path, "daily")
    assert not Path(f"{path}-wal").exists()
    return path


@pytest.fixture
def db_file(demo_file: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the demo database in its own folder (with its backups); checked unchanged afterwards."""
    path = tmp_path / "db" / demo_file.name
    shutil.copytree(demo_file.parent, path.parent)
    before = path.read_bytes()
    yield path
    assert path.read_bytes() == before, "the database file changed"
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        assert con.execute("SELECT count(*) FROM person").fetchone()[0] == 6
    con.close()


WRITERS = {
    "briefing": ["briefing", "1", "--out"],
    "report": ["briefing", "1", "--report", "--out"],
    "dossier person": ["dossier", "person", "1", "--out"],
    "dossier institution": ["dossier", "institution", "1", "--out"],
    "export": ["export"],
    "backup": ["backup", "--out"],
}


def _backup_file(db: Path) -> Path:
    return snapshots.automatic_backups(db)[-1]


# --- point 1: never over the database -----------------------------------------------------------


@pytest.mark.parametrize("command", WRITERS)
@pytest.mark.parametrize("target", ["database", "relative", "dotted", "wal", "shm", "journal", "hard link",
                                    "symlink", "backup file", "new file in backups", "link to a backup"])
def test_no_command_writes_over_the_database_or_its_files(db_file: Path, tmp_path: Path, command: str,
                                                          target: str, monkeypatch: pytest.MonkeyPatch) -> None:
    backup = _backup_file(db_file)
    backup_bytes = backup.read_bytes()
    if target == "database":
        out = str(db_file)
    elif target == "relative":
        monkeypatch.chdir(db_file.parent)
        out = db_file.name
    elif target == "dotted":
        (tmp_path / "sub").mkdir()
        monkeypatch.chdir(tmp_path / "sub")
        out = os.path.relpath(db_file, tmp_path / "sub").replace(db_file.name, f"./{db_file.name}")
    elif target in ("wal", "shm", "journal"):
        out = f"{db_file}-{target}"
    elif target == "hard link":
        link = tmp_path / "innocent.pdf"
        os.link(db_file, link)
        out = str(link)
    elif target == "symlink":
        link = tmp_path / "innocent.pdf"
        link.symlink_to(db_file)
        out = str(link)
    elif target == "backup file":
        out = str(backup)
    elif target == "new file in backups":
        out = str(backup.parent / "mine.pdf")
    else:
        link = tmp_path / "copy.pdf"
        os.link(backup, link)
        out = str(link)
    code, stdout, err = run("--db", str(db_file), *WRITERS[command], out)
    assert code == 1 and stdout == "", (stdout, err)
    assert "open database" in err, err
    one_short_line(err)
    assert backup.read_bytes() == backup_bytes
    assert not (backup.parent / "mine.pdf").exists()
    for suffix in ("-journal",):
        assert not Path(f"{db_file}{suffix}").exists()


def test_letters_never_write_into_the_backups_folder(db_file: Path) -> None:
    folder = db_file.parent / "backups"
    before = sorted(p.name for p in folder.iterdir())
    code, _, err = run("--db", str(db_file), "letters", "1", "--out", str(folder))
    assert code == 1 and "backups folder of the open database" in err
    one_short_line(err)
    assert sorted(p.name for p in folder.iterdir()) == before


def test_letters_in_the_databases_folder_leave_it_alone(db_file: Path, tmp_path: Path) -> None:
    """The letters go beside the database (allowed); the database, its backups and a planted link stay."""
    folder = tmp_path / "letters"
    folder.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (folder / "02-Abduhomid-Salomov.pdf").symlink_to(victim)  # the second guest's letter
    code, _, err = run("--db", str(db_file), "letters", "1", "--out", str(folder))
    assert code == 1 and "symbolic link" in err
    one_short_line(err)
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert [p.name for p in folder.iterdir()] == ["02-Abduhomid-Salomov.pdf"]  # checked before any was written


# --- point 2: never replace a device, a FIFO or a folder -------------------------------------------


@pytest.fixture
def null_device(tmp_path: Path) -> Path:
    """A null device node (char 1,3) of our own: the reproduction used /dev/null as root, but a test
    that failed would then replace the machine's /dev/null."""
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root (and only root could replace one)")
    node = tmp_path / "null"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    return node


@pytest.mark.parametrize("command", WRITERS)
def test_a_device_as_output_stays_a_device(db_file: Path, command: str, null_device: Path) -> None:
    before = os.lstat(null_device)
    code, _, err = run("--db", str(db_file), *WRITERS[command], str(null_device))
    after = os.lstat(null_device)
    assert code == 1 and "device" in err, err
    one_short_line(err)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and after.st_ino == before.st_ino


@pytest.mark.parametrize("command", WRITERS)
def test_a_fifo_as_output_stays_a_fifo(db_file: Path, tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    code, _, err = run("--db", str(db_file), *WRITERS[command], str(fifo))
    assert code == 1 and "FIFO" in err, err
    one_short_line(err)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("command", WRITERS)
def test_a_folder_as_output_is_refused(db_file: Path, tmp_path: Path, command: str) -> None:
    folder = tmp_path / "out.pdf"
    folder.mkdir()
    code, _, err = run("--db", str(db_file), *WRITERS[command], str(folder))
    assert code == 1 and "folder" in err, err
    one_short_line(err)
    assert folder.is_dir() and list(folder.iterdir()) == []


@pytest.mark.parametrize("command", WRITERS)
def test_a_120000_character_output_path_is_one_line(db_file: Path, tmp_path: Path, command: str) -> None:
    code, _, err = run("--db", str(db_file), *WRITERS[command], str(tmp_path / ("a" * 120_000)))
    assert code == 1 and "too long" in err, err[:300]
    one_short_line(err)


# --- point 10: a link planted by another user is not followed -----------------------------------


@pytest.mark.parametrize("command", ["export", "backup", "briefing"])
def test_a_symlink_planted_in_a_sticky_folder_is_not_followed(db_file: Path, tmp_path: Path, command: str) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    victim = tmp_path / "victim.txt"
    victim.write_text("the victim's data", encoding="utf-8")
    link = shared / "out.json"
    link.symlink_to(victim)
    if os.geteuid() == 0:
        os.lchown(link, 65534, 65534)  # planted by "nobody"
    code, _, err = run("--db", str(db_file), *WRITERS[command], str(link))
    assert code == 1 and "symbolic link" in err, err
    one_short_line(err)
    assert victim.read_text(encoding="utf-8") == "the victim's data"
    assert link.is_symlink() and os.readlink(link) == str(victim)
    assert [p.name for p in shared.iterdir()] == ["out.json"]  # no temporary file left


def test_outputs_still_work(db_file: Path, tmp_path: Path) -> None:
    for command, args in WRITERS.items():
        out = tmp_path / f"{command.replace(' ', '-')}.out"
        out.write_bytes(b"old")
        out.chmod(0o640)
        code, _, err = run("--db", str(db_file), *args, str(out))
        assert code == 0, (command, err)
        assert out.read_bytes() != b"old" and stat.S_IMODE(out.stat().st_mode) in (0o640, 0o600)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


# --- point 8: --db that is not a regular file, too-long paths, huge numbers ----------------------


def _organizer(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    return subprocess.run([sys.executable, "-m", "organizer", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=30, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("command", [["list", "people"], ["demo"], ["--create", "import", "x.json"],
                                     ["restore", "backup.sqlite"], ["backup", "--out", "b.sqlite"]])
def test_db_naming_a_fifo_does_not_hang(tmp_path: Path, command: list[str]) -> None:
    fifo = tmp_path / "db.sqlite"
    os.mkfifo(fifo)
    db_args = ["--create"] if command[0] == "--create" else []
    result = _organizer(*db_args, "--db", str(fifo), *[c for c in command if c != "--create"], cwd=tmp_path)
    assert result.returncode == 1 and "FIFO" in result.stderr, result.stderr
    one_short_line(result.stderr)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.sqlite"]  # no -wal, -shm or backups made


@pytest.mark.parametrize("command", ["import", "restore"])
@pytest.mark.parametrize("source", ["fifo", "/dev/zero"])
def test_a_fifo_or_device_to_read_does_not_hang(db_file: Path, tmp_path: Path, command: str, source: str) -> None:
    """The file given to ``import`` or ``restore`` is checked before it is opened: a FIFO would block the
    read, /dev/zero never end it."""
    if source == "fifo":
        source = str(tmp_path / "in.json")
        os.mkfifo(source)
    result = _organizer("--db", str(db_file), command, source, cwd=tmp_path)
    assert result.returncode == 1 and ("FIFO" in result.stderr or "device" in result.stderr), result.stderr
    one_short_line(result.stderr)


@pytest.mark.parametrize("db", ["/dev/null", "/dev/zero", "folder", "a" * 120_000])
@pytest.mark.parametrize("command", [["list", "people"], ["--create", "demo"], ["restore", "x.sqlite"]])
def test_db_that_is_not_a_file_is_one_line(tmp_path: Path, db: str, command: list[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()
    options = ["--create"] if command[0] == "--create" else []
    code, _, err = run(*options, "--db", db, *[c for c in command if c != "--create"])
    assert code == 1, err[:300]
    assert any(word in err for word in ("device", "folder", "too long")), err[:300]
    one_short_line(err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]


HUGE = "9" * 5000


@pytest.mark.parametrize("args", [
    ["briefing", HUGE], ["briefing", HUGE, "--report"], ["letters", "1", "--office", HUGE, "--out", "x"],
    ["merge", "person", "1", HUGE], ["merge", "person", HUGE, "1"], ["merge", "institution", HUGE, "1"],
    ["unmerge", HUGE], ["dossier", "person", HUGE, "--out", "p.pdf"],
    ["dossier", "institution", HUGE, "--out", "p.pdf"],
    ["search", "a", "--limit", HUGE], ["duplicates", "--limit", HUGE], ["show", "person", HUGE],
    ["erase", "person", HUGE], ["history", "person", HUGE], ["list", "meetings", "--visit", HUGE],
    ["search", "a", "--limit", "-" + HUGE], ["duplicates", "--limit", "0" * 4999 + "5x"],
    ["show", "person", "0" * 5000 + "1"], ["duplicates", "--limit", "-5"],
])
def test_huge_numbers_are_one_short_line(db_file: Path, args: list[str], tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, err = run("--db", str(db_file), *args)
    err += capsys.readouterr().err  # argparse writes its usage error to sys.stderr
    if args == ["show", "person", "0" * 5000 + "1"]:  # leading zeros: the number is 1
        assert code == 0 and "Korzhikov" in stdout, err
        return
    assert code in (1, 2), (code, stdout[:200])
    lines = [line for line in err.splitlines() if not line.startswith(("usage:", " "))]
    assert len(lines) == 1 and len(lines[0]) < 300, err[:1000]
    assert "unexpected error" not in err and "Traceback" not in err and "Exceeds the limit" not in err


@pytest.mark.parametrize("args", [
    ["show", "person", "2147483648"], ["merge", "person", "1", "9223372036854775808"], ["briefing", "2147483648"],
    ["dossier", "person", "2147483648", "--out", "p.pdf"], ["history", "person", "99999999999"],
    ["unmerge", "2147483648"], ["letters", "1", "--office", "2147483648", "--out", "letters"],
])
def test_ids_just_past_the_integer_range_on_either_database(db_args: list[str], args: list[str],
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """On PostgreSQL ids are 32-bit: one past the range must be a short refusal, not "integer out of range"."""
    code, _, err = run(*db_args, *args)
    err += capsys.readouterr().err
    assert code in (1, 2), err
    lines = [line for line in err.splitlines() if not line.startswith(("usage:", " "))]
    assert len(lines) == 1 and len(lines[0]) < 300, err
    assert "out of range" not in err and "unexpected error" not in err and "Traceback" not in err
