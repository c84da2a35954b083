"""``organizer gui`` on a database that cannot be opened hands the error to the window's backup offer
(``gui_recover``); other commands, and a declined offer, print the one-line error as before."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from organizer.cli.main import main
from organizer.store import Database, open_database, sqlite_url


def test_gui_recover_gets_the_error_and_the_launcher_the_restored_database(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database at all")
    good = tmp_path / "good.sqlite"
    open_database(sqlite_url(good)).close()
    calls: list[tuple[str, str]] = []
    launched: list[Any] = []

    def recover(url: str, error: str, _argv: list[str], _options: Any) -> Database | None:
        calls.append((url, error))
        return open_database(sqlite_url(good), create=False) if len(calls) == 2 else None

    def launch(db: Database, _argv: list[str], _options: Any) -> int:
        launched.append(db.path)
        return 0

    err = io.StringIO()
    assert main(["--db", str(bad), "gui"], gui=launch, gui_recover=recover, err=err) == 1
    assert "not an Organizer database" in err.getvalue() and launched == []
    assert calls[0][0].endswith("bad.sqlite") and "not an Organizer database" in calls[0][1]
    assert main(["--db", str(bad), "gui"], gui=launch, gui_recover=recover, err=io.StringIO()) == 0
    assert launched == [good]
    err = io.StringIO()
    assert main(["--db", str(bad), "list", "people"], gui=launch, gui_recover=recover, err=err) == 1
    assert len(calls) == 2, "only the desktop app offers a backup"
