"""``organizer import REPORT`` (issue 21): --dry-run --json prints the draft and writes nothing; the import links
the demo's records instead of adding them again; into an empty database it writes the whole visit once."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

from organizer.cli.main import main
from organizer.services import browse
from organizer.store import Database

REPORTS = Path(__file__).parent.parent / "data" / "reports"


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_dry_run_json_prints_the_draft_and_writes_nothing(demo_db: Database, db_args: list[str]) -> None:
    before = browse.record_counts(demo_db)
    code, out, err = run(*db_args, "import", str(REPORTS / "visit-article.txt"), "--dry-run", "--json")
    assert code == 0, err
    draft = json.loads(out)
    assert {"visit", "people", "institutions", "meetings", "followups"} <= set(draft)
    korzhikov = next(p for p in draft["people"] if p["full_name"] == "Evgeny Korzhikov")
    assert korzhikov["title"] == "First Deputy Chairman of the Management Board"
    assert korzhikov["institution"] == 'JSC "Uzkhimyosanoat"' and korzhikov["existing_id"] is not None
    assert all(p["existing_id"] is not None for p in draft["people"])
    assert all(i["existing_id"] is not None for i in draft["institutions"])
    assert draft["visit"]["existing_id"] is not None and len(draft["meetings"]) == 4
    assert browse.record_counts(demo_db) == before


def test_import_into_the_demo_links_and_adds_nothing(demo_db: Database, db_args: list[str]) -> None:
    before = browse.record_counts(demo_db)
    code, out, err = run(*db_args, "import", str(REPORTS / "visit-article.txt"))
    assert code == 0, err
    assert "created nothing" in out and "6 person" in out
    assert browse.record_counts(demo_db) == before


def test_import_into_an_empty_database_writes_the_visit_once(db: Database, db_args: list[str],
                                                             tmp_path: Path) -> None:
    report = tmp_path / "report.md"  # any name: the content tells it is a report
    shutil.copy(REPORTS / "visit-article.txt", report)
    code, out, err = run(*db_args, "import", str(report), "--json")
    assert code == 0, err
    written = json.loads(out)["written"]
    assert written["created"]["person"] == 6 and written["created"]["institution"] == 6
    assert written["created"]["meeting"] == 4 and written["created"]["followup"] == 3
    counts = browse.record_counts(db)
    assert (counts["person"], counts["institution"], counts["visit"], counts["meeting"], counts["followup"]) == \
        (6, 6, 1, 4, 3)
    code, out, err = run(*db_args, "import", str(report))
    assert code == 0 and "created nothing" in out, err
    assert browse.record_counts(db) == counts


def test_html_report_and_prose_without_names(db: Database, db_args: list[str], tmp_path: Path) -> None:
    page = tmp_path / "news.html"
    text = (REPORTS / "visit-article.txt").read_text(encoding="utf-8")
    page.write_text("<html><body>" + "".join(f"<p>{line}</p>" for line in text.splitlines()) + "</body></html>",
                    encoding="utf-8")
    code, out, err = run(*db_args, "import", str(page), "--dry-run", "--json")
    assert code == 0, err
    assert len(json.loads(out)["people"]) == 6
    empty = tmp_path / "news.txt"
    empty.write_text("It rained all day in the city. Nobody came, and the shops were closed early.", encoding="utf-8")
    code, out, err = run(*db_args, "import", str(empty))
    assert code != 0 and "no people or institutions" in err and len(err.strip().splitlines()) == 1
    assert browse.record_counts(db)["person"] == 0


def test_russian_report_links_the_demo_people_across_scripts(demo_db: Database, db_args: list[str]) -> None:
    code, out, err = run(*db_args, "import", str(REPORTS / "visit-article-ru.txt"), "--dry-run", "--json")
    assert code == 0, err
    people = {p["full_name"]: p for p in json.loads(out)["people"]}
    assert people["Евгений Коржиков"]["existing_id"] is not None  # the demo's Evgeny Korzhikov
    assert people["Рифкат Минниханов"]["existing_id"] is not None
