"""What a hostile user found (issue 7): terminal control characters, huge echoes, raw exception types,
an export over the open database, an institution cycle. Each case gets one clear line and loses nothing."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from organizer.cli.main import main
from organizer.store import Database

RAW_CONTROLS = ["\x1b", "\x07", "\x9b", "\u202e", "\x85"]


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def archive(path: Path, **sections: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps({"format": "organizer-archive", "version": 1, **sections}), encoding="utf-8")
    return path


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    path = tmp_path / "org.sqlite"
    code, _, err = run("--db", str(path), "demo")
    assert code == 0, err
    return path


def one_clean_line(err: str) -> None:
    assert err.count("\n") == 1, err[:500]
    assert not any(c in err for c in RAW_CONTROLS), repr(err[:500])
    assert "Traceback" not in err


def no_raw_exception(err: str) -> None:
    for name in ("OverflowError", "TypeError", "UnicodeEncodeError", "RecursionError", "ValueError",
                 "IntegrityError", "unexpected error"):
        assert name not in err, err


@pytest.fixture
def demo_args(db: Database, db_args: list[str]) -> list[str]:
    """The options that open the test database (a file, or a PostgreSQL database in that pass) after
    ``organizer demo`` filled it."""
    code, _, err = run(*db_args, "demo")
    assert code == 0, err
    return db_args


def test_control_characters_in_an_archive_error_are_escaped(demo_args: list[str], tmp_path: Path) -> None:
    bad = archive(tmp_path / "evil.json", people=[
        {"uid": "evil\x1b]0;pwned\x07\x1b[2J", "given_name": "A", "family_name": "B",
         "emails": ["not-an-address\x1b[31m\u202e\x9b"]},
    ])
    code, _, err = run(*demo_args, "import", str(bad))
    assert code == 1
    one_clean_line(err)
    assert "\\x1b" in err and "email" in err


def test_plain_text_output_escapes_bidi_and_c1_controls(demo_args: list[str], tmp_path: Path) -> None:
    names = archive(tmp_path / "names.json", people=[
        {"uid": "bidi", "given_name": "Abc\u202edef", "family_name": "Z\x9b2J\x85x", "notes": "ok\u2066x"},
    ])
    assert run(*demo_args, "import", str(names))[0] == 0
    code, out, _ = run(*demo_args, "list", "people")
    assert code == 0 and not any(c in out for c in RAW_CONTROLS) and "\\u202e" in out and "\\x9b" in out
    people = json.loads(run(*demo_args, "list", "people", "--json")[1])
    ident = next(p["id"] for p in people if p["uid"] == "bidi")
    assert next(p for p in people if p["uid"] == "bidi")["given_name"] == "Abc\u202edef"  # JSON: data intact
    code, out, _ = run(*demo_args, "show", "person", str(ident))
    assert code == 0 and not any(c in out for c in [*RAW_CONTROLS, "\u2066"]) and "\\u2066" in out
    raw_json = run(*demo_args, "show", "person", str(ident), "--json")[1]
    assert not any(c in raw_json for c in RAW_CONTROLS) and json.loads(raw_json)["family_name"] == "Z\x9b2J\x85x"


def test_a_10_mb_field_is_not_echoed_whole(demo_args: list[str], tmp_path: Path) -> None:
    huge = "x" * 10_000_000
    bad = archive(tmp_path / "huge.json", people=[{"uid": "huge", "given_name": "A", "family_name": "B",
                                                   "emails": [huge + "@"], "phones": [huge]}])
    code, _, err = run(*demo_args, "import", str(bad))
    assert code == 1 and len(err) < 2000 and "emails" in err
    one_clean_line(err)


@pytest.mark.parametrize(("section", "record", "field"), [
    ("visits", {"uid": "v", "title": "T", "participants": [{"person": "demo:person:korzhikov", "side": "guest",
                                                           "precedence": 10**30}]}, "precedence"),
    ("meetings", {"uid": "m", "title": "T", "starts_at": "2025-03-11T10:00:00+03:00",
                  "ends_at": "2025-03-11T11:00:00"}, "starts_at"),
    ("people", {"uid": "s", "given_name": "Lone\ud800", "family_name": "Surrogate"}, "given_name"),
    ("topics", {"name": "\udfff"}, "name"),
])
def test_bad_values_name_their_field_instead_of_a_raw_exception(demo_args: list[str], tmp_path: Path, section: str,
                                                                record: dict[str, Any], field: str) -> None:
    bad = archive(tmp_path / "bad.json", **{section: [record]})
    code, _, err = run(*demo_args, "import", str(bad))
    assert code == 1 and field in err, err
    no_raw_exception(err)
    one_clean_line(err)
    assert len(json.loads(run(*demo_args, "list", "visits", "--json")[1])) == 1  # nothing added


def test_json_nested_1000_deep(demo_args: list[str], tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text('{"format": "organizer-archive", "version": 1, "people": ' + "[" * 100_000 + "]" * 100_000 + "}")
    code, _, err = run(*demo_args, "import", str(deep))
    assert code == 1 and "nested too deeply" in err
    no_raw_exception(err)


def test_huge_record_id(demo_args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(*demo_args, "show", "person", "99999999999999999999999")
    captured = capsys.readouterr()
    assert code == 2 and "not a record id" in err + captured.err  # the usage error goes to main()'s err
    no_raw_exception(captured.err + err)
    code, _, err = run(*demo_args, "show", "person", "2147483647")
    assert code == 1 and "no person with id 2147483647" in err


def test_bad_database_url_never_echoes_the_password() -> None:
    code, _, err = run("--db-url", "postgresql+psycopg://officer:s3cret-pw@db.example:notaport/organizer", "list",
                       "people")
    assert code == 1 and "s3cret-pw" not in err and "not a database URL" in err
    no_raw_exception(err)
    one_clean_line(err)


def test_institution_cycle_is_called_a_cycle(demo_args: list[str], tmp_path: Path) -> None:
    bad = archive(tmp_path / "cycle.json", institutions=[
        {"uid": "a", "name": "A", "parent": "c"}, {"uid": "b", "name": "B", "parent": "a"},
        {"uid": "c", "name": "C", "parent": "b"}, {"uid": "d", "name": "D"},
    ])
    code, _, err = run(*demo_args, "import", str(bad))
    assert code == 1 and "cycle: a -> c -> b -> a" in err
    assert "neither in the file" not in err
    self_parent = archive(tmp_path / "self.json", institutions=[{"uid": "s", "name": "S", "parent": "s"}])
    code, _, err = run(*demo_args, "import", str(self_parent))
    assert code == 1 and "cycle" in err


# --- export: never over the open database -------------------------------------------------------


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_export_refuses_the_open_database_and_its_files(db_file: Path, suffix: str) -> None:
    target = db_file.with_name(db_file.name + suffix)
    code, _, err = run("--db", str(db_file), "export", str(target))
    assert code == 1 and "open database" in err
    with sqlite3.connect(db_file) as con:
        assert con.execute("SELECT count(*) FROM person").fetchone()[0] == 6
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_export_refuses_a_link_to_the_database(db_file: Path, tmp_path: Path) -> None:
    link = tmp_path / "innocent.json"
    link.symlink_to(db_file)
    code, _, err = run("--db", str(db_file), "export", str(link))
    assert code == 1 and "open database" in err
    assert link.is_symlink()


def test_export_does_not_follow_a_symlink(db_file: Path, tmp_path: Path) -> None:
    """Issue 15 point 10: a link at the output name is refused, its target left alone (it used to be
    written through, which let another user's link in /tmp redirect the write)."""
    real = tmp_path / "real" / "archive.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    code, _, err = run("--db", str(db_file), "export", str(link))
    assert code == 1 and "symbolic link" in err
    one_clean_line(err)
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "old"
    assert run("--db", str(db_file), "export", str(real))[0] == 0  # the file itself, named directly
    assert json.loads(real.read_text(encoding="utf-8"))["format"] == "organizer-archive"


def test_killed_export_leftovers_are_cleaned(db_file: Path, tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    stale = tmp_path / f".out.json.{dead_pid}.abc123.tmp"
    stale.write_bytes(b"x" * 1000)
    live = tmp_path / f".out.json.{os.getppid()}.def456.tmp"  # a live process: its work in progress stays
    live.write_bytes(b"y")
    assert run("--db", str(db_file), "export", str(tmp_path / "out.json"))[0] == 0
    assert not stale.exists() and live.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out.json")) == [live.name]


def test_default_location_is_created_owner_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ORGANIZER_DB", "ORGANIZER_DB_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    folder = tmp_path / "share" / "Organizer"
    folder.mkdir(parents=True, mode=0o755)
    folder.chmod(0o755)  # as earlier versions left it
    code, _, err = run("list", "people")
    assert code == 0, err
    assert (folder.stat().st_mode & 0o777) == 0o700
    assert ((folder / "organizer.sqlite").stat().st_mode & 0o777) == 0o600


def test_an_explicit_new_file_needs_create(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    code, _, err = run("--db", str(path), "list", "people")
    assert code == 1 and "--create" in err and not path.exists()
    assert run("--db", str(path), "--create", "list", "people")[0] == 0 and path.is_file()
    code, _, err = run("--db", str(tmp_path / "missing" / "x.sqlite"), "--create", "demo")
    assert code == 1 and "does not exist" in err and not (tmp_path / "missing").exists()
