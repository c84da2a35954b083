"""The window's archive export refuses the open database as its output, like ``organizer export`` (issue 7)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from organizer.domain.errors import OrganizerError
from organizer.gui.archive import export_job
from organizer.store import Database


class _Ctx:
    def progress(self, done: int, total: int) -> None:
        pass

    def check(self) -> None:
        pass


@pytest.mark.parametrize("suffix", ["", "-wal"])
def test_export_from_the_window_refuses_the_open_database(demo_db: Database, db_path: Path, suffix: str) -> None:
    with pytest.raises(OrganizerError, match="open database"):
        export_job(demo_db, Path(f"{db_path}{suffix}"))(_Ctx())  # type: ignore[arg-type]
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT count(*) FROM person").fetchone()[0] == 6
    con.close()
