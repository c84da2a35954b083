"""Start-up cost of the command line: what each kind of call imports (a count of modules, not a timing)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from organizer.cli.main import COMMANDS, load_command

PROBE = """
import io, json, sys
from organizer.app import main
out = io.StringIO()
code = main(sys.argv[1:]) if sys.argv[1:2] in (['--version'], ['--help']) else None
if code is None:
    from organizer.cli.main import main as cli_main
    code = cli_main(sys.argv[1:], out=out)
mods = sorted(m for m in sys.modules
            if m.split('.')[0] in ('sqlalchemy', 'alembic', 'organizer', 'PySide6', 'reportlab'))
print('\\n@@' + json.dumps({'code': code, 'modules': mods}))
"""


def imported(*args: str) -> tuple[int, set[str]]:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True)
    report = json.loads(result.stdout.rsplit("@@", 1)[1])
    return report["code"], set(report["modules"])


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_version_and_help_load_no_database_code(flag: str) -> None:
    code, modules = imported(flag)
    assert code == 0
    assert not {m for m in modules if m.startswith(("sqlalchemy", "alembic", "PySide6", "organizer.store",
                                                    "organizer.services"))}, modules
    if flag == "--version":  # answered by organizer.app itself, before argparse and the command line
        assert modules == {"organizer", "organizer.app"}, modules


def test_a_command_imports_only_the_service_it_uses(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    code, _ = imported("--db", str(db), "--create", "list", "visits")  # creates and migrates the file
    assert code == 0
    code, modules = imported("--db", str(db), "history", "visit", "1", "--json")  # (an empty file: no visit 1)
    assert code == 1
    assert "organizer.services.audit" in modules
    unused = {"organizer.services.people", "organizer.services.meetings", "organizer.services.archive.importer",
              "organizer.cli.archive", "alembic"}
    assert not unused & modules, modules


@pytest.mark.parametrize("command", [
    ["list", "visits", "--json"], ["show", "person", "1", "--json"], ["show", "person", "1"],
    ["list", "people", "--json"], ["list", "people"],
    ["list", "institutions", "--json"], ["list", "institutions"], ["list", "meetings", "--json"],
    ["list", "meetings", "--visit", "1"], ["list", "followups", "--json", "--status", "open"], ["list", "followups"],
    ["list", "agreements", "--json"], ["list", "programme"], ["show", "visit", "1", "--json"], ["show", "visit", "1"],
    ["show", "institution", "1", "--json"], ["show", "meeting", "1"], ["show", "programme_item", "1", "--json"],
])
def test_plain_reads_import_no_sqlalchemy(demo_db: Path, command: list[str]) -> None:
    """On an up-to-date SQLite file every ``list`` and every ``show`` read with sqlite3 (``store.plain_reads``,
    ``plain_lists``, ``plain_shows``, ``people_read.plain_listing``; issue 20): SQLAlchemy is not imported at all, nor
    any service but ``services.plain``, the thin services module the front end reaches them through (the layers
    rule: front ends import no ``organizer.store``)."""
    code, modules = imported("--db", str(demo_db), *command)
    assert code == 0
    assert "organizer.store.plain_reads" in modules
    assert not {m for m in modules if m.startswith("sqlalchemy")}, modules
    services = {m for m in modules if m.startswith("organizer.services")}
    assert services == {"organizer.services", "organizer.services.plain"}, services


def test_every_registered_command_loads() -> None:
    for name in COMMANDS:
        assert callable(load_command(name)), name


HEAVY = {"sqlalchemy.orm", "alembic", "reportlab", "PySide6", "organizer.store.models", "organizer.store.search.base",
         "organizer.domain.briefing", "organizer.services.briefing", "organizer.services.search",
         "organizer.services.archive.importer"}
"""What a command that only reads an up-to-date database must not import (the ORM and the mapped classes
alone cost about a fifth of a second at every start)."""


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("startup") / "demo.sqlite"
    code, modules = imported("--db", str(db), "demo")  # creates, migrates and fills the file
    assert code == 0
    assert "organizer.store.models" in modules  # the probe does see the ORM when a command writes
    from organizer.domain.records import AgreementData, SignatoryData
    from organizer.services import agreements
    from organizer.store.database import open_database, sqlite_url

    opened = open_database(sqlite_url(db), create=False)
    try:  # the demo has no agreement: one with parties and a signatory, for the record views below
        agreements.create_agreement(opened, AgreementData(
            "Memorandum on catalysis research", party_ids=(1, 2), signatories=(SignatoryData(1, 1),), visit_id=1))
    finally:
        opened.close()
    return db


def loaded_heavy(modules: set[str]) -> set[str]:
    return {m for m in modules if m in HEAVY or m.split(".")[0] in HEAVY or m.startswith("sqlalchemy.orm.")}


@pytest.mark.parametrize("command", [
    ["list", "visits", "--json"], ["list", "people", "--json"], ["list", "meetings"], ["list", "followups", "--json"],
    ["list", "agreements", "--json"], ["list", "institutions", "--json"], ["show", "person", "1", "--json"],
    ["show", "person", "1"], ["show", "visit", "1", "--json"], ["show", "meeting", "1", "--json"],
    ["show", "institution", "1"],
])
def test_reading_commands_load_neither_the_orm_nor_alembic_pdf_or_qt(demo_db: Path, command: list[str]) -> None:
    imported("--db", str(demo_db), "list", "visits")  # today's automatic backup exists from now on
    code, modules = imported("--db", str(demo_db), *command)
    assert code == 0
    assert loaded_heavy(modules) == set(), command


WINDOW_READS = """
import sys
from organizer.domain.listing import ListQuery
from organizer.services import agreements, browse, followups, institutions, meetings, people, related, topics, visits
from organizer.store.database import open_database, sqlite_url

db = open_database(sqlite_url(sys.argv[1]), create=False)
for kind in browse.LIST_KINDS:
    ids = browse.record_ids(db, kind, ListQuery())
    assert browse.record_rows(db, kind, ids[:300]) or not ids, kind
    browse.record_ids(db, kind, ListQuery(text="a", sort=next(iter(browse.SORT_KEYS[kind])), descending=True))
person = people.person_ids(db)[0]
browse.people_rows(db, [person])
people.get_person(db, person)
people.person_history(db, person)
people.person_ids(db, name="a", sort="institution")
people.list_tags(db)
institution = institutions.list_institutions(db)[0].id
institutions.institution_tree(db)
browse.record_ids(db, "person", ListQuery(institution_id=institution))
browse.institution_matches(db, "a")
browse.record_counts(db)
browse.quick_open(db, "a")
related.institution_activity(db, institution)
related.open_followups_owned(db, person)
related.followup_owners(db)
related.topic_usage(db, topics.list_topics(db)[0].id)
institutions.get_institution(db, institution)
visits.get_visit(db, visits.list_visits(db)[0].id)
meetings.get_meeting(db, meetings.list_meetings(db)[0].id)
followups.get_followup(db, followups.list_followups(db)[0].id)
agreements.get_agreement(db, agreements.list_agreements(db)[0].id)
print(sorted(m for m in sys.modules if m.startswith(("sqlalchemy.orm", "alembic", "organizer.store.models"))))
"""


def test_the_windows_lists_read_without_the_orm(demo_db: Path) -> None:
    """The reads behind the window's lists, record views, side panels and quick-open run on Core alone, so
    the desktop app shows its first rows and records before the ORM is loaded."""
    result = subprocess.run([sys.executable, "-c", WINDOW_READS, str(demo_db)], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


QUICK = [["list", "visits", "--json"], ["--db", "x.db", "show", "person", "7", "--json"],
         ["--db=x.db", "list", "people"],
         ["--user", "list", "show", "person", "1"], ["--create", "--db", "show", "list", "meetings", "--visit", "3"],
         ["--db-url", "sqlite://", "show", "visit", "2"], ["--us", "show", "show", "meeting", "1"],
         [], ["--db", "x.db"], ["--db", "x.db", "gui", "--lang", "ru", "--view", "visits"], ["--us", "gui"],
         ["--user", "list", "gui"], ["--create", "--db", "gui", "gui", "--screenshot", "a.png"]]
REFUSED = [["list", "visits", "--visit", "0"], ["show", "person", "x"], ["list", "--help"],
           ["--us", "list", "show", "person", "1"], ["show"], ["--", "list", "visits"], ["list", "visits", "extra"],
           ["--help"], ["gui", "--help"], ["gui", "--lang", "fr"], ["--db"], ["--user", "x", "demo"],
           ["gui", "list"], ["--db", "x.db", "gui", "extra"]]


@pytest.mark.parametrize("args", QUICK)
def test_the_quick_parser_parses_as_the_full_one(args: list[str]) -> None:
    """``list``, ``show`` and ``gui`` (typed or implied) are parsed by a parser of that command alone (issue 20):
    the same namespace."""
    from organizer.cli.main import _quick_parse, build_parser

    quick = _quick_parse(args)
    assert quick is not None
    assert vars(quick) == vars(build_parser().parse_args(args))


@pytest.mark.parametrize("args", REFUSED)
def test_the_quick_parser_leaves_errors_and_help_to_the_full_one(args: list[str],
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from organizer.cli.main import _quick_parse

    assert _quick_parse(args) is None
    assert capsys.readouterr() == ("", "")
