"""CSV and .xlsx export of the lists: the columns the app's list shows, one row per record, Cyrillic intact;
the .xlsx reads back with openpyxl with the very rows of the CSV."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from organizer.domain.errors import NotFoundError, ValidationError
from organizer.domain.records import ContactEntry, PersonData, PositionData
from organizer.services import institutions, people, visits
from organizer.services.interop import sheet_export
from organizer.services.interop.sheet_import import import_sheets
from organizer.store import Database


def _csv_rows(path: Path) -> list[list[str]]:
    content = path.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")  # Excel opens it as UTF-8 by a double click
    return list(csv.reader(io.StringIO(content[3:].decode("utf-8"), newline="")))


def _xlsx_rows(path: Path) -> list[list[str]]:
    book = load_workbook(path, read_only=True)
    out = [["" if v is None else v.strftime("%Y-%m-%d %H:%M") if hasattr(v, "hour") and (v.hour or v.minute)
            else v.strftime("%Y-%m-%d") if hasattr(v, "strftime") else str(v) for v in row]
           for row in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    return out


def _cyrillic_person(db: Database) -> None:
    inst = institutions.create_institution(db, institutions.InstitutionData(name="Казанский федеральный университет"))
    people.create_person(db, PersonData(given_name="Ильнур", family_name="Хайруллин", tags=("Казань",),
                                        emails=(ContactEntry("i.khairullin@kpfu.example.ru", "work"),),
                                        phones=(ContactEntry("+7 843 233-71-09", "work"),),
                                        positions=(PositionData("Проректор", inst.meta.id, current=True),)))


@pytest.mark.parametrize("name", sheet_export.LISTS)
def test_every_list_as_csv_and_xlsx_with_the_same_rows(demo_db: Database, tmp_path: Path, name: str) -> None:
    _cyrillic_person(demo_db)
    rows_csv = tmp_path / f"{name}.csv"
    rows_xlsx = tmp_path / f"{name}.xlsx"
    n = sheet_export.export_list_file(demo_db, rows_csv, "csv", name)
    assert sheet_export.export_list_file(demo_db, rows_xlsx, "xlsx", name) == n
    from_csv, from_xlsx = _csv_rows(rows_csv), _xlsx_rows(rows_xlsx)
    from_xlsx = [r + [""] * (len(from_csv[0]) - len(r)) for r in from_xlsx]  # empty cells at a row's end
    assert len(from_csv) == n + 1 and n > 0
    assert from_xlsx == from_csv
    header, rows = sheet_export.table_of(demo_db, name)
    assert from_csv[0] == header and len(list(rows)) == n


def test_people_columns_and_cyrillic(demo_db: Database, tmp_path: Path) -> None:
    _cyrillic_person(demo_db)
    sheet_export.export_list_file(demo_db, tmp_path / "p.xlsx", "xlsx", "people")
    rows = _xlsx_rows(tmp_path / "p.xlsx")
    assert rows[0] == ["ID", "Name", "Title", "Institution", "Tags", "E-mail", "Phone"]
    row = next(r for r in rows if r[1] == "Ильнур Хайруллин")
    assert row[2:] == ["Проректор", "Казанский федеральный университет", "Казань", "i.khairullin@kpfu.example.ru",
                       "+7 843 233-71-09"]
    sheet_export.export_list_file(demo_db, tmp_path / "p.csv", "csv", "people")
    assert "Ильнур Хайруллин" in (tmp_path / "p.csv").read_bytes().decode("utf-8-sig")


def test_a_visits_delegation_and_programme(demo_db: Database, tmp_path: Path) -> None:
    visit = visits.list_visits(demo_db)[0]
    detail = visits.get_visit(demo_db, visit.id)
    sheet_export.export_list_file(demo_db, tmp_path / "d.csv", "csv", "people", visit.id)
    rows = _csv_rows(tmp_path / "d.csv")
    assert rows[0][:6] == ["ID", "Name", "Title", "Institution", "Side", "Role"]
    assert [r[1] for r in rows[1:]] == [p.full_name for p in detail.participants]
    assert rows[1][4:6] == ["guest", "head of delegation"]
    sheet_export.export_list_file(demo_db, tmp_path / "m.xlsx", "xlsx", "meetings", visit.id)
    sheet = _xlsx_rows(tmp_path / "m.xlsx")
    meeting_rows = [r for r in sheet[1:] if r[0]]  # the other items of the programme have no ID
    assert [r[3] for r in meeting_rows] == [m.title for m in detail.meetings]
    assert meeting_rows[0][1] == detail.meetings[0].starts_at.strftime("%Y-%m-%d %H:%M")
    assert [r[3] for r in sheet[1:] if not r[0]] == [p.title for p in detail.programme]
    assert [r[1] for r in sheet[1:]] == sorted(r[1] for r in sheet[1:])
    with pytest.raises(ValidationError, match="not a visit's list"):
        sheet_export.table_of(demo_db, "institutions", visit.id)
    with pytest.raises(NotFoundError):
        sheet_export.table_of(demo_db, "people", 999)


def test_formulas_are_not_run(db: Database, tmp_path: Path) -> None:
    people.create_person(db, PersonData(given_name="=HYPERLINK(\"http://x\")", family_name="Test",
                                        phones=(ContactEntry("+7 843 233-71-09"),)))
    sheet_export.export_list_file(db, tmp_path / "p.csv", "csv", "people")
    row = _csv_rows(tmp_path / "p.csv")[1]
    assert row[1].startswith("'=HYPERLINK") and row[6] == "+7 843 233-71-09"
    sheet_export.export_list_file(db, tmp_path / "p.xlsx", "xlsx", "people")
    book = load_workbook(tmp_path / "p.xlsx")
    cell = book.worksheets[0]["B2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_exported_people_import_back_as_the_same_people(demo_db: Database, tmp_path: Path) -> None:
    _cyrillic_person(demo_db)
    sheet_export.export_list_file(demo_db, tmp_path / "p.xlsx", "xlsx", "people")
    report = import_sheets(demo_db, [tmp_path / "p.xlsx"])
    assert report.created == 0


def test_dates_are_iso(demo_db: Database) -> None:
    header, rows = sheet_export.table_of(demo_db, "visits")
    row = next(iter(rows))
    assert isinstance(row[header.index("From")], date)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (libreoffice-calc-nogui) is not installed")
def test_libreoffice_reads_the_xlsx_and_the_csv_with_cyrillic_intact(demo_db: Database, tmp_path: Path) -> None:
    """A real spreadsheet: LibreOffice converts our .xlsx to CSV (and our CSV, read as UTF-8, to .xlsx)."""
    _cyrillic_person(demo_db)
    sheet_export.export_list_file(demo_db, tmp_path / "p.xlsx", "xlsx", "people")
    sheet_export.export_list_file(demo_db, tmp_path / "p.csv", "csv", "people")
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"
    subprocess.run(["soffice", "--headless", "--norestore", profile, "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path / "from-xlsx"),
                    str(tmp_path / "p.xlsx")], check=True, capture_output=True, timeout=180)
    subprocess.run(["soffice", "--headless", "--norestore", profile, "--infilter=CSV:44,34,76", "--convert-to",
                    "xlsx", "--outdir", str(tmp_path / "from-csv"), str(tmp_path / "p.csv")],
                   check=True, capture_output=True, timeout=180)
    want = _csv_rows(tmp_path / "p.csv")
    got = list(csv.reader(io.StringIO((tmp_path / "from-xlsx" / "p.csv").read_text(encoding="utf-8"), newline="")))
    assert got == want and any("Ильнур Хайруллин" in row for row in got)
    back = _xlsx_rows(tmp_path / "from-csv" / "p.xlsx")
    assert [r[1] for r in back] == [r[1] for r in want]


def test_a_visits_programme_holds_its_other_items_in_time_order(demo_db: Database) -> None:
    from datetime import datetime

    from organizer.domain.enums import ProgrammeItemKind
    from organizer.domain.records import ProgrammeItemData
    from organizer.services import programme

    visit = visits.list_visits(demo_db)[0]
    programme.create_programme_item(demo_db, ProgrammeItemData(
        visit_id=visit.id, kind=ProgrammeItemKind.TRANSFER, starts_at=datetime(2025, 3, 11, 9, 15),
        title="Трансфер в КФУ", place="Гостиница «Казань»"))
    _header, rows = sheet_export.table_of(demo_db, "meetings", visit.id)
    listed = list(rows)
    items = programme.list_programme(demo_db, visit_id=visit.id)
    assert len(listed) == 4 + len(items)
    assert [None, datetime(2025, 3, 11, 9, 15), None, "Трансфер в КФУ", "transfer", "Гостиница «Казань»"] in [
        r[:6] for r in listed]
    starts = [r[1] for r in listed]
    assert starts == sorted(starts)
    assert len(list(sheet_export.table_of(demo_db, "meetings")[1])) == 4  # the meetings list: meetings only
