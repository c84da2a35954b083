"""The command-line contract: names and JSON fields that scripts rely on, and one-line errors."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from organizer import __version__
from organizer.cli.main import LIST_KINDS, main
from organizer.store import Database

ARTICLE_PEOPLE = {
    "Evgeny Korzhikov": ("First Deputy Chairman of the Management Board", 'JSC "Uzkhimyosanoat"'),
    "Abduhomid Salomov": (
        "Head of the Department for Localization, Expansion of Cooperation Relations, and Import Optimization",
        'JSC "Uzkhimyosanoat"',
    ),
    "D. Pashin": ("Vice-Rector for Digital Transformation and Innovation", "Kazan Federal University"),
    "Mikhail Varfolomeyev": ("Director", '"Small-scale Chemical Technologies" Technopark'),
    "Ilnur Khairullin": ("Vice-Rector for Continuing Education and Professional Retraining",
                         "Kazan Federal University"),
    "Rifkat Minnikhanov": ("President", "Academy of Sciences of the Republic of Tatarstan"),
}


def run(*args: str, gui: Any = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), gui=gui, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def run_json(db: list[str], *args: str) -> Any:
    code, out, err = run(*db, *args, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "t.sqlite"
    code, out, err = run("--db", str(path), "demo")
    assert code == 0, err
    assert "6 people" in out
    return path


@pytest.fixture
def demo_args(db: Database, db_args: list[str]) -> list[str]:
    """The options that open the test database (a file, or a PostgreSQL database in that pass) after
    ``organizer demo`` filled it."""
    code, out, err = run(*db_args, "demo")
    assert code == 0, err
    assert "6 people" in out
    return db_args


def test_people_json_contract(demo_args: list[str]) -> None:
    items = run_json(demo_args, "list", "people")
    assert isinstance(items, list) and len(items) == 6
    by_name = {p["full_name"]: p for p in items}
    assert set(by_name) == set(ARTICLE_PEOPLE)
    for name, (title, institution) in ARTICLE_PEOPLE.items():
        p = by_name[name]
        assert {"id", "full_name", "name_variants", "positions", "emails", "phones"} <= set(p)
        assert isinstance(p["id"], int) and isinstance(p["emails"], list) and isinstance(p["phones"], list)
        assert all(isinstance(v, str) for v in p["name_variants"]) and p["name_variants"]
        current = [pos for pos in p["positions"] if pos["current"]]
        assert [(c["title"], c["institution"]) for c in current] == [(title, institution)]
        assert set(p["positions"][0]) >= {"title", "institution", "current"}
    assert "Коржиков Евгений" in by_name["Evgeny Korzhikov"]["name_variants"]


def test_institutions_json_shows_units_under_the_university(demo_args: list[str]) -> None:
    items = run_json(demo_args, "list", "institutions")
    assert all({"id", "name", "parent", "kind"} <= set(i) for i in items)
    units = sorted(i["name"] for i in items if i["parent"] == "Kazan Federal University")
    assert units == ['"Small-scale Chemical Technologies" Technopark', "A.M. Butlerov Chemical Institute",
                     "Pharmaceutical Scientific-Educational Center"]
    kinds = {i["name"]: i["kind"] for i in items}
    assert kinds["Kazan Federal University"] == "university"
    assert kinds["A.M. Butlerov Chemical Institute"] == "institute"
    assert next(i for i in items if i["name"] == "Kazan Federal University")["parent"] is None


def test_visits_meetings_followups_json(demo_args: list[str]) -> None:
    visits = run_json(demo_args, "list", "visits")
    assert len(visits) == 1
    v = visits[0]
    assert (v["start_date"], v["end_date"], v["status"]) == ("2025-03-11", "2025-03-12", "done")
    assert isinstance(v["title"], str) and isinstance(v["id"], int)
    meetings = run_json(demo_args, "list", "meetings")
    assert [m["visit_id"] for m in meetings] == [v["id"]] * 4
    assert [m["starts_at"] for m in meetings] == sorted(m["starts_at"] for m in meetings)
    assert meetings[0]["title"].startswith("Tour of the laboratories")
    assert meetings[3]["participants"] == ["Evgeny Korzhikov", "Abduhomid Salomov", "Rifkat Minnikhanov"]
    assert "D. Pashin" in meetings[1]["participants"]
    followups = run_json(demo_args, "list", "followups")
    assert len(followups) == 3
    assert all({"id", "description", "status", "due_date", "done_on", "done_note"} <= set(f) for f in followups)
    assert [(f["done_on"], f["done_note"]) for f in followups] == [(None, "")] * 3
    descriptions = " ".join(f["description"] for f in followups).lower()
    assert "technology transfer" in descriptions and "joint scientific laboratories" in descriptions
    assert "educational programmes" in descriptions
    (mou,) = run_json(demo_args, "list", "agreements")
    assert (mou["kind"], mou["status"], mou["signed_date"]) == ("mou", "signed", "2025-03-11")
    assert mou["parties"] == ["Kazan Federal University", 'JSC "Uzkhimyosanoat"']


def test_programme_items_are_listed_in_time_order_per_visit(demo_args: list[str]) -> None:
    """``list programme --visit ID --json``: the demo's arrival, transfers, lunch and departure (issue 18)."""
    (visit,) = run_json(demo_args, "list", "visits")
    items = run_json(demo_args, "list", "programme", "--visit", str(visit["id"]))
    assert [i["kind"] for i in items] == ["arrival", "transfer", "transfer", "meal", "transfer", "departure"]
    assert [i["starts_at"] for i in items] == sorted(i["starts_at"] for i in items)
    arrival = items[0]
    assert (arrival["starts_at"], arrival["place"]) == ("2025-03-10T21:40:00", "Kazan International Airport")
    assert {i["escort"] for i in items} == {None, "Mikhail Varfolomeyev", "D. Pashin"}
    assert all(i["visit_id"] == visit["id"] for i in items)
    assert run_json(demo_args, "list", "programme", "--visit", str(visit["id"] + 1)) == []
    shown = run_json(demo_args, "show", "programme_item", str(arrival["id"]))
    assert shown["title"] == arrival["title"] and shown["uid"] == "demo:programme:arrival" and shown["version"] == 1
    code, out, _ = run(*demo_args, "show", "programme_item", str(arrival["id"]))
    assert code == 0 and "Kazan International Airport" in out


def test_done_marks_a_follow_up_done_on_a_day_with_a_note(demo_args: list[str]) -> None:
    first = run_json(demo_args, "list", "followups")[0]
    code, out, err = run(*demo_args, "done", str(first["id"]), "--on", "14.03.2025", "--note", "Sent by courier")
    assert code == 0 and out == f"follow-up {first['id']} done on 2025-03-14\n", err
    listed = next(f for f in run_json(demo_args, "list", "followups") if f["id"] == first["id"])
    assert (listed["status"], listed["done_on"], listed["done_note"]) == ("done", "2025-03-14", "Sent by courier")
    code, _, err = run(*demo_args, "done", str(first["id"]), "--on", "tomorrow")
    assert code == 1 and err == "organizer: on: 'tomorrow' is not a date (e.g. 11.03.2025 or 2025-03-11)\n"
    code, _, err = run(*demo_args, "done", "999")
    assert code == 1 and err == "organizer: no follow-up with id 999\n"


def test_show_commands(demo_args: list[str]) -> None:
    visit = run_json(demo_args, "show", "visit", "1")
    sides = {(p["full_name"], p["side"]) for p in visit["participants"]}
    assert ("Evgeny Korzhikov", "guest") in sides and ("Rifkat Minnikhanov", "host") in sides
    assert [m["title"] for m in visit["meetings"]] == [m["title"] for m in run_json(demo_args, "list", "meetings")]
    person = run_json(demo_args, "show", "person", "1")
    assert person["full_name"] == "Evgeny Korzhikov" and len(person["history"]) == 5
    inst = run_json(demo_args, "show", "institution", "2")
    assert inst["name"] == "Kazan Federal University" and len(inst["units"]) == 3
    meeting = run_json(demo_args, "show", "meeting", "2")
    assert meeting["visit_id"] == 1 and "D. Pashin" in meeting["participants"]
    code, out, _ = run(*demo_args, "show", "visit", "1")
    assert code == 0 and "Tour of the laboratories" in out


def test_demo_twice_changes_no_count(demo_args: list[str]) -> None:
    before = {k: len(run_json(demo_args, "list", k)) for k in LIST_KINDS}
    code, out, _ = run(*demo_args, "demo")
    assert code == 0 and "nothing new" in out
    assert {k: len(run_json(demo_args, "list", k)) for k in LIST_KINDS} == before


def test_plain_lists_are_tables(demo_args: list[str]) -> None:
    code, out, _ = run(*demo_args, "list", "institutions")
    assert code == 0
    header, *lines = out.splitlines()
    col = header.index("Name")
    kfu = next(ln for ln in lines if "Kazan Federal University" in ln)
    butlerov = next(ln for ln in lines if "Butlerov" in ln)
    assert kfu[col:].startswith("Kazan Federal University")
    assert butlerov[col:].startswith("  A.M. Butlerov Chemical Institute")  # indented under its parent


@pytest.mark.parametrize(("args", "message"), [
    (("show", "person", "999"), "no person with id 999"),
    (("show", "visit", "42"), "no visit with id 42"),
    (("list", "followups", "--status", "finished"), "not one of"),
])
def test_errors_are_one_line(demo_args: list[str], args: tuple[str, ...], message: str) -> None:
    code, _, err = run(*demo_args, *args)
    assert code != 0
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_random_bytes_database(tmp_path: Path) -> None:
    path = tmp_path / "random.db"
    content = os.urandom(8192)
    path.write_bytes(content)
    code, _, err = run("--db", str(path), "list", "people")
    assert code != 0 and err.count("\n") == 1 and "not an Organizer database" in err
    assert path.read_bytes() == content


def test_env_variable_chooses_database(tmp_path: Path, demo_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ORGANIZER_DB", str(demo_file))
    code, out, _ = run("list", "visits", "--json")
    assert code == 0 and len(json.loads(out)) == 1
    monkeypatch.setenv("ORGANIZER_DB_URL", f"sqlite:///{tmp_path / 'other.sqlite'}")
    code, out, _ = run("--create", "list", "visits", "--json")
    assert code == 0 and json.loads(out) == []


def test_gui_is_the_default_command(tmp_path: Path) -> None:
    seen: list[str] = []

    def fake_gui(db: Any, argv: list[str], options: Any) -> int:
        seen.append(str(db.path))
        return 0

    assert run("--db", str(tmp_path / "g.sqlite"), "--create", gui=fake_gui)[0] == 0
    assert run("--db", str(tmp_path / "g.sqlite"), "gui", gui=fake_gui)[0] == 0
    assert seen == [str(tmp_path / "g.sqlite")] * 2


def test_import_command(tmp_path: Path) -> None:
    from organizer.assets import demo_archive

    db = tmp_path / "i.sqlite"
    code, out, _ = run("--db", str(db), "--create", "import", str(demo_archive()), "--json")
    assert code == 0 and json.loads(out)["added"]["people"] == 6
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    code, _, err = run("--db", str(db), "import", str(broken))
    assert code == 1 and "not valid JSON" in err and err.count("\n") == 1


# --- the real entry point, as a script would call it --------------------------------------------


def _organizer(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "organizer", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def test_entry_point_help_version_and_errors(tmp_path: Path) -> None:
    result = _organizer("--version", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.strip() == f"organizer {__version__}"
    for command in (["--help"], ["gui", "--help"], ["demo", "--help"], ["import", "--help"],
                    ["list", "--help"], ["show", "--help"]):
        result = _organizer(*command, cwd=tmp_path)
        assert result.returncode == 0 and "usage: organizer" in result.stdout, command
    (tmp_path / "junk.db").write_bytes(os.urandom(4096))
    result = _organizer("--db", "junk.db", "list", "people", "--json", cwd=tmp_path)
    assert result.returncode != 0 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    result = _organizer("list", "spaceships", cwd=tmp_path)
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_entry_point_demo_and_list(tmp_path: Path) -> None:
    assert _organizer("--db", "t.sqlite", "demo", cwd=tmp_path).returncode == 0
    result = _organizer("--db", "t.sqlite", "list", "people", "--json", cwd=tmp_path)
    assert result.returncode == 0
    assert {p["full_name"] for p in json.loads(result.stdout)} == set(ARTICLE_PEOPLE)
    assert (tmp_path / "t.sqlite").stat().st_mode & 0o077 == 0


def test_export_command_round_trip(demo_args: list[str], tmp_path: Path) -> None:
    archive = tmp_path / "out.json"
    code, out, err = run(*demo_args, "export", str(archive))
    assert code == 0, err
    assert "6 people" in out
    copy = tmp_path / "copy.sqlite"
    assert run("--db", str(copy), "--create", "import", str(archive))[0] == 0
    for kind in ("people", "institutions", "meetings", "followups"):
        assert run_json(["--db", str(copy)], "list", kind) == run_json(demo_args, "list", kind)
    code, _, err = run(*demo_args, "export", str(tmp_path / "no" / "such" / "dir.json"))
    assert code == 1 and "does not exist" in err


def test_no_display_is_one_clear_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "organizer", "--db", "g.sqlite", "--create"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "no display" in result.stderr and "organizer --help" in result.stderr


def test_only_commands_that_change_data_make_the_daily_backup(tmp_path: Path) -> None:
    """Reading commands never copy the database (a daily copy before ``show`` cost a script 33 s on a
    1,000,000-person file); the first changing command of the day does."""
    path = tmp_path / "t.sqlite"
    backups = tmp_path / "backups"
    assert run("--db", str(path), "--create", "list", "people")[0] == 0
    for args in (["list", "people", "--json"], ["show", "visit", "1"], ["search", "Kazan"], ["history", "person", "1"],
                 ["export", str(tmp_path / "a.json")], ["duplicates"]):
        run("--db", str(path), *args)
    assert not backups.exists() or not list(backups.iterdir())
    code, _out, err = run("--db", str(path), "demo")
    assert code == 0, err
    made = list(backups.iterdir())
    assert len(made) == 1 and "daily" in made[0].name
