"""``organizer duplicate visit ID``: next year's visit and the return visit from the command line."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from organizer.cli.main import main
from organizer.store import Database


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def demo_args(db: Database, db_args: list[str]) -> list[str]:
    code, _out, err = run(*db_args, "demo")
    assert code == 0, err
    return db_args


def show(args: list[str], ident: int) -> Any:
    code, out, err = run(*args, "show", "visit", str(ident), "--json")
    assert code == 0, err
    return json.loads(out)


def test_duplicate_prints_the_new_visit_as_show_does(demo_args: list[str]) -> None:
    source = show(demo_args, 1)
    code, out, err = run(*demo_args, "duplicate", "visit", "1", "--start", "16.03.2026", "--json")
    assert code == 0, err
    printed = json.loads(out)
    assert printed == show(demo_args, printed["id"])  # the same object `show visit --json` prints
    assert (printed["start_date"], printed["end_date"], printed["status"]) == ("2026-03-16", "2026-03-17", "planned")
    assert printed["title"] == source["title"] and printed["direction"] == "incoming"
    assert len(printed["participants"]) == len(source["participants"]) == 6
    assert len(printed["meetings"]) == 4 and len(printed["programme"]) == 6
    assert printed["meetings"][0]["starts_at"] == "2026-03-16T10:00:00"
    assert printed["followups"] == [] and printed["agreements"] == [] and printed["summary"] == ""
    assert printed["variants"]["title"]["ru"] == source["variants"]["title"]["ru"]


def test_return_visit_and_its_one_line_report(demo_args: list[str]) -> None:
    code, out, err = run(*demo_args, "duplicate", "visit", "1", "--return", "--start", "2025-10-06",
                         "--title", "Return visit to Tashkent")
    assert code == 0, err
    assert out.startswith("return visit 2 created from visit 1: Return visit to Tashkent (2025-10-06 – 2025-10-07); "
                          "6 participants, 4 meetings, 6 programme items")
    copy = show(demo_args, 2)
    assert copy["direction"] == "outgoing"
    sides = {p["full_name"]: (p["side"], p["role"]) for p in copy["participants"]}
    assert sides["Evgeny Korzhikov"] == ("host", "host_lead")
    assert sides["D. Pashin"] == ("guest", "head_of_delegation")
    assert {i["name"]: i["side"] for i in copy["institutions"]}['JSC "Uzkhimyosanoat"'] == "host"


def test_undated_copy_says_what_it_left_out(demo_args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(*demo_args, "duplicate", "visit", "1")
    assert code == 0, err
    assert "(undated)" in out and "0 programme items" in out
    assert "note: 6 programme item(s) not copied: they need a date (give --start)" in out
    code, out, err = run(*demo_args, "duplicate", "visit", "1", "--json")
    assert code == 0 and json.loads(out)["programme"] == []
    assert "6 programme item(s) not copied" in capsys.readouterr().err  # JSON stays JSON on stdout


def test_bad_input_is_one_line_and_writes_nothing(demo_args: list[str]) -> None:
    code, out, err = run(*demo_args, "duplicate", "visit", "1", "--start", "2026-13-01")
    assert code == 1 and out == ""
    assert err.strip() == "organizer: start: '2026-13-01' is not a date (e.g. 11.03.2026 or 2026-03-11)"
    code, out, err = run(*demo_args, "duplicate", "visit", "99", "--start", "2026-03-16")
    assert code == 1 and err.strip() == "organizer: no visit with id 99"
    code, out, err = run(*demo_args, "list", "visits", "--json")
    assert len(json.loads(out)) == 1
