"""Files that are not (intact) Organizer databases, for the store, command-line and window tests.

- ``demo_database``: a closed database file with the demo visit;
- ``foreign_alembic_file``: another application's SQLite file that also uses Alembic, whose version
  reads like one of ours (``0001``...``0006``);
- ``damaged_copy``: a copy of a database with a few pages in the middle overwritten (the header and the
  schema kept, so the file opens and fails only when those tables are read), the way a disk or a
  crashed copy damages a file;
- ``run_cli``: the ``organizer`` command in a subprocess, optionally without root's power to write
  into read-only folders (``no_dac_override``), so the read-only cases test the same thing as root;
- ``files_in``: every file of a folder with its hash, to show nothing changed or appeared.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

RECORD_TABLES = ("person", "institution", "visit", "meeting", "followup", "agreement", "position", "audit_entry")
"""The tables whose pages ``damaged_copy`` overwrites (each list of the window and most commands reads one)."""

_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE = 1
_CAP_DAC_READ_SEARCH = 2


def demo_database(path: Path) -> Path:
    """A new database at ``path`` holding the demo visit, closed (its log checkpointed into the file)."""
    from organizer.services.demo import load_demo
    from organizer.store import open_database, sqlite_url

    db = open_database(sqlite_url(path))
    try:
        load_demo(db)
    finally:
        db.close()
    return path


def foreign_alembic_file(path: Path, revision: str, *, wal: bool = False) -> Path:
    """Another program's database managed by Alembic, at a revision named like one of ours."""
    con = sqlite3.connect(path)
    if wal:
        con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
    con.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    con.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY, customer TEXT NOT NULL, total REAL)")
    con.executemany("INSERT INTO invoice (customer, total) VALUES (?, ?)", [("ACME", 12.5), ("Globex", 99.0)])
    con.commit()
    con.close()
    path.chmod(0o644)
    return path


def damaged_copy(source: Path, target: Path, tables: tuple[str, ...] = RECORD_TABLES) -> Path:
    """``source`` copied to ``target`` (as it is on disk: a WAL-mode file stays one) with the root page
    of each of ``tables`` overwritten; the first page (header and schema root) is kept."""
    con = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
        marks = ", ".join("?" * len(tables))
        pages = [r[0] for r in con.execute(
            f"SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name IN ({marks})", tables)]
    finally:
        con.close()
    data = bytearray(source.read_bytes())
    for page in pages:
        assert page > 1
        start = (page - 1) * page_size
        data[start:start + page_size] = b"\x5a" * page_size
    target.write_bytes(bytes(data))
    target.chmod(0o600)
    return target


def _drop_dac_override() -> None:  # pragma: no cover - runs in the child between fork and exec
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def run_cli(*args: str, cwd: Path | None = None, no_dac_override: bool = False) -> subprocess.CompletedProcess[str]:
    """``organizer ARGS`` in a new process. With ``no_dac_override`` a root process loses the power to
    write where the permissions forbid it (dropped from its bounding set before exec), so a read-only
    folder is read-only for it as for any user."""
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    preexec = _drop_dac_override if no_dac_override and os.geteuid() == 0 else None
    return subprocess.run([sys.executable, "-m", "organizer", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120, preexec_fn=preexec, check=False)


def files_in(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative name -> sha256): what must not change, and nothing new."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}
