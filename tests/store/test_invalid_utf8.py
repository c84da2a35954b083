"""Text that is not valid UTF-8 in a SQLite file (written with the sqlite3 shell): read with U+FFFD, named by
record and field, and never fatal to a rebuild, an export, a listing, a record's view or a briefing.

Issue 15 point 7: ``UPDATE meeting SET outcomes = CAST(X'fffe41' AS TEXT)`` made ``search --rebuild`` stop
with "unexpected error: OperationalError: Could not decode to UTF-8 column 'outcomes'".
"""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from organizer.briefing import BriefingOptions, render_person_dossier, render_visit_briefing
from organizer.cli.main import main
from organizer.services import briefing, browse, meetings, people, search
from organizer.services.archive import export
from organizer.services.demo import load_demo
from organizer.services.institutions import list_institutions
from organizer.services.invalid_text import Watch
from organizer.store import Database, open_database, sqlite_url


@pytest.fixture
def damaged(db_path: Path) -> Path:
    """The demo database after another tool wrote bytes that are not UTF-8 into two text columns."""
    db = open_database(sqlite_url(db_path))
    load_demo(db)
    db.close()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE meeting SET outcomes = CAST(X'fffe41' AS TEXT) WHERE id = 1")
    con.execute("UPDATE person SET given_name = CAST(X'4576c3' AS TEXT) WHERE id = 1")  # "Ev" + a cut-off letter
    con.commit()
    con.close()
    return db_path


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_search_rebuild_indexes_the_rest_and_names_the_record_and_field(
        damaged: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run("--db", str(damaged), "search", "--rebuild")
    assert code == 0, err
    err += capsys.readouterr().err  # the rebuild's notes go to the process's standard error
    assert "search index rebuilt: 6 person, 6 institution, 1 visit, 4 meeting, 3 followup" in out
    assert "not valid UTF-8 in person 1 given_name, meeting 1 outcomes: indexed with U+FFFD" in err
    assert "unexpected error" not in err
    code, out, err = _run("--db", str(damaged), "search", "Korzhikov")
    assert code == 0 and "Ev\ufffd Korzhikov" in out


def test_export_writes_everything_and_names_the_record_and_field(damaged: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    code, out, err = _run("--db", str(damaged), "export", str(target))
    assert code == 0, err
    assert "warning: text that is not valid UTF-8 in person 1 given_name, meeting 1 outcomes: exported" in out
    data = json.loads(target.read_text(encoding="utf-8"))
    assert len(data["people"]) == 6 and len(data["meetings"]) == 4
    assert {p["given_name"] for p in data["people"]} >= {"Ev\ufffd"}
    assert "\ufffd\ufffdA" in {m["outcomes"] for m in data["meetings"]}


@pytest.mark.parametrize("args", [
    ["list", "people"], ["list", "meetings", "--json"], ["list", "people", "--json"], ["show", "meeting", "1"],
    ["show", "person", "1"], ["search", "outcomes"],
])
def test_listings_and_views_show_the_text_with_replacement_characters(damaged: Path, args: list[str]) -> None:
    code, out, err = _run("--db", str(damaged), *args)
    assert code == 0, err
    assert "\ufffd" in out or "\\ufffd" in out or args[0] == "search"


def test_services_briefings_and_the_watch(damaged: Path) -> None:
    db: Database = open_database(sqlite_url(damaged))
    watch = Watch(db)
    assert people.get_person(db, 1).data.given_name == "Ev\ufffd"
    assert meetings.get_meeting(db, 1).data.outcomes == "\ufffd\ufffdA"
    rows = {kind: browse.record_rows(db, kind, browse.record_ids(db, kind)) for kind in browse.LIST_KINDS}
    assert "Ev\ufffd Korzhikov" in {r.full_name for r in rows["person"]}
    assert len(rows["meeting"]) == 4
    assert list_institutions(db)
    pdf = render_visit_briefing(briefing.visit_briefing(db, 1), BriefingOptions(report=True))
    assert pdf.startswith(b"%PDF")
    assert render_person_dossier(briefing.person_dossier(db, 1)).startswith(b"%PDF")
    assert [str(f) for f in watch.found()] == ["person 1 given_name", "meeting 1 outcomes"]
    assert search.rebuild_index(db)["meeting"] == 4
    assert export.export_archive(db)["people"]
    db.close()


def test_a_clean_database_reports_nothing(db_path: Path) -> None:
    db = open_database(sqlite_url(db_path))
    load_demo(db)
    watch = Watch(db)
    search.rebuild_index(db)
    assert watch.found() == [] and watch.message("indexed") is None
    db.close()
