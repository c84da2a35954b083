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
mods = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', 'organizer', 'PySide6'))
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
    if flag == "--version":
        assert not {"organizer.domain.records", "organizer.domain.briefing"} & modules, modules


def test_a_command_imports_only_the_service_it_uses(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    code, _ = imported("--db", str(db), "--create", "list", "visits")  # creates and migrates the file
    assert code == 0
    code, modules = imported("--db", str(db), "list", "visits", "--json")
    assert code == 0
    assert "organizer.services.visits" in modules
    unused = {"organizer.services.people", "organizer.services.interchange", "organizer.cli.archive", "alembic"}
    assert not unused & modules, modules


def test_every_registered_command_loads() -> None:
    for name in COMMANDS:
        assert callable(load_command(name)), name
