"""Every command on a database with damaged pages says so in one clear line, never "unexpected error".

The file is a copy of the demo database with the pages of its record tables overwritten in the middle of
the file (header and schema kept: it opens, and fails when a list, a record or the index is read). A
changing command also says that its daily backup could not be made. Nothing is written to the file.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from organizer.cli.main import main
from tests.hostile_files import damaged_copy, demo_database, files_in


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_database(tmp_path_factory.mktemp("demo") / "demo.sqlite")


COMMANDS = [
    ("list", "people"), ("list", "institutions"), ("list", "visits"), ("list", "meetings"), ("list", "followups"),
    ("list", "agreements"), ("show", "person", "1"), ("show", "visit", "1"), ("show", "institution", "1"),
    ("show", "meeting", "1"), ("search", "Kazan"), ("search", "--rebuild"), ("history", "person", "1"),
    ("duplicates",), ("export", "OUT/archive.json"), ("briefing", "1", "--out", "OUT/b.pdf"),
    ("dossier", "person", "1", "--out", "OUT/d.pdf"), ("letters", "1", "--out", "OUT/letters"),
    ("merge", "person", "1", "2"), ("erase", "person", "3"), ("demo",),
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_each_command_on_damaged_pages_is_one_clear_line(tmp_path: Path, demo_template: Path,
                                                         command: tuple[str, ...]) -> None:
    folder = tmp_path / "db"
    folder.mkdir()
    path = damaged_copy(demo_template, folder / "visits.sqlite")
    (tmp_path / "OUT").mkdir()
    before = files_in(folder)
    out, err = io.StringIO(), io.StringIO()
    args = [a.replace("OUT", str(tmp_path / "OUT")) for a in command]
    code = main(["--db", str(path), *args], out=out, err=err)
    lines = err.getvalue().strip().splitlines()
    assert code == 1, out.getvalue()
    assert "unexpected" not in err.getvalue() and "Traceback" not in err.getvalue()
    assert lines and f"the database {path} is damaged" in lines[-1] and "organizer restore" in lines[-1]
    assert all("damaged" in line for line in lines)  # the failed daily backup of a changing command too
    assert files_in(folder) == before, "nothing written to the damaged file, no backup of it"
