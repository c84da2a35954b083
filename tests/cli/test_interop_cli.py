"""``organizer import`` of CSV, .xlsx and .ics (the kind told by content), ``--mapping``, ``--dry-run``; ``organizer
export csv|xlsx LIST`` and ``export ics``: one-line errors, nothing written on a bad file."""

from __future__ import annotations

import io
import json
from pathlib import Path

from openpyxl import load_workbook

from organizer.cli.main import main
from organizer.domain.records import VisitData
from organizer.services import meetings, people, programme, visits
from organizer.store import Database

DATA = Path(__file__).parent.parent / "data" / "sheets"


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_import_sheets_told_by_content_with_dry_run_and_json(db: Database, db_args: list[str], tmp_path: Path) -> None:
    renamed = tmp_path / "contacts.dat"  # the name says nothing: the content does
    renamed.write_bytes((DATA / "outlook_utf16.txt").read_bytes())
    code, out, err = run(*db_args, "import", str(renamed), str(DATA / "google_contacts.csv"), "--dry-run")
    assert code == 0 and "would import" in out and "7 people created" in out, err
    assert people.list_people_details(db) == []
    code, out, _ = run(*db_args, "import", str(renamed), str(DATA / "google_contacts.csv"), "--json")
    assert json.loads(out)["created"] == 7
    code, out, _ = run(*db_args, "import", str(renamed), str(DATA / "google_contacts.csv"), "--json")
    assert (json.loads(out)["created"], json.loads(out)["skipped"]) == (0, 7)


def test_mapping_file(db: Database, db_args: list[str], tmp_path: Path) -> None:
    sheet = tmp_path / "staff.csv"
    sheet.write_bytes("Сотрудник;Ящик\r\nПетрова Анна Сергеевна;a.petrova@example.ru\r\n".encode("cp1251"))
    code, _, err = run(*db_args, "import", str(sheet))
    assert code != 0 and "staff.csv: no column for a name" in err and "--mapping" in err and err.count("\n") == 1
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"Сотрудник": "full_name_family_first", "Ящик": "email:work"}), encoding="utf-8")
    code, _, err = run(*db_args, "import", str(sheet), "--mapping", str(mapping))
    assert code == 0, err
    anna = people.list_people_details(db)[0]
    assert (anna.data.family_name, anna.data.given_name, anna.data.middle_name) == ("Петрова", "Анна", "Сергеевна")
    code, _, err = run(*db_args, "import", str(DATA / "google_contacts.csv"), str(DATA.parent / "vcard" / "exporters"
                                                                                  / "gmail.vcf"))
    assert code != 0 and "separate" in err


def test_a_cut_short_csv_writes_nothing(db: Database, db_args: list[str], tmp_path: Path) -> None:
    good = (DATA / "google_contacts.csv").read_bytes()
    bad = tmp_path / "cut.csv"
    bad.write_bytes(good[: good.index(b"Jean-Pierre") + 30])
    code, _, err = run(*db_args, "import", str(DATA / "outlook_cp1251.csv"), str(bad))
    assert code != 0 and err.count("\n") == 1 and "cut.csv: row 5" in err and "cut short" in err
    assert people.list_people_details(db) == []


def test_export_lists_and_ics_and_import_ics(demo_db: Database, db_args: list[str], tmp_path: Path) -> None:
    visit = visits.list_visits(demo_db)[0]
    code, out, err = run(*db_args, "export", "xlsx", "people", "--visit", str(visit.id), "--out",
                         str(tmp_path / "d.xlsx"))
    assert code == 0 and "exported 6 rows" in out, err
    book = load_workbook(tmp_path / "d.xlsx", read_only=True)
    assert len(list(book.worksheets[0].iter_rows())) == 7
    book.close()
    code, out, err = run(*db_args, "export", "csv", "followups", "--out", str(tmp_path / "f.csv"))
    assert code == 0 and (tmp_path / "f.csv").read_bytes().startswith(b"\xef\xbb\xbfID,Status,Due")
    code, _, err = run(*db_args, "export", "csv", "--out", str(tmp_path / "x.csv"))
    assert code != 0 and "needs the list" in err
    code, out, err = run(*db_args, "export", "ics", "--visit", str(visit.id), "--out", str(tmp_path / "v.ics"))
    events = 4 + len(programme.list_programme(demo_db, visit_id=visit.id))  # meetings and the other items
    assert code == 0 and f"{events} events, 3 follow-up due dates, time zone Europe/Moscow" in out, err
    code, _, err = run(*db_args, "export", "ics", "--out", str(tmp_path / "v2.ics"))
    assert code != 0 and "--visit" in err
    renamed = tmp_path / "schedule.txt"
    renamed.write_bytes((tmp_path / "v.ics").read_bytes())
    code, _, err = run(*db_args, "import", str(renamed))
    assert code != 0 and "give --visit ID" in err
    code, out, err = run(*db_args, "import", str(renamed), "--visit", str(visit.id), "--json")
    assert code == 0 and json.loads(out)["skipped"] == events, err
    other = visits.create_visit(demo_db, VisitData(title="Second"))
    code, out, err = run(*db_args, "import", str(renamed), "--visit", str(other.meta.id), "--dry-run")
    assert code == 0 and "would import" in out and f"{events} meetings created" in out
    assert meetings.list_meetings(demo_db, visit_id=other.meta.id) == []
    code, _, err = run(*db_args, "import", str(DATA / "google_contacts.csv"), "--visit", str(visit.id))
    assert code != 0 and "--visit goes with iCalendar" in err
