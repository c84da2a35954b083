"""CSV and Excel (.xlsx) import of contacts: Google Contacts and Outlook headers recognised, every encoding
Excel writes, a mapping by hand; all or nothing, re-import adds nothing, a bad row is named.

Data (``tests/data/sheets/``): ``google_contacts.csv`` has the header of Google Contacts' current CSV export
(UTF-8, comma), ``outlook_cp1251.csv`` and ``outlook_utf16.txt`` the header of Outlook's "Export to a file >
Comma Separated Values" (cp1251 as Outlook writes it on a Russian Windows; UTF-16 LE with a BOM and tabs as
Excel's "Unicode text"), ``delegation_ru.csv`` a hand-made sheet saved by Excel as "CSV UTF-8" (BOM, ``;``)
and ``delegation_libreoffice.xlsx`` that sheet saved by LibreOffice Calc 7 headless (``soffice --headless
--convert-to xlsx``). The rows are made up, written in the style of those exporters.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from organizer.domain.errors import ImportFormatError, OrganizerError
from organizer.services import people
from organizer.services.interop import filekind, sheet_map, sheet_read
from organizer.services.interop.sheet_import import import_sheets, preview_columns
from organizer.store import Database
from organizer.store import models as m

DATA = Path(__file__).parent.parent / "data" / "sheets"


def _people(db: Database) -> dict[str, people.PersonDetail]:
    return {d.full_name: d for d in people.list_people_details(db)}


def _state(db: Database) -> tuple[object, ...]:
    """Counts of every table an import writes, and the people's rows."""
    with db.reader() as s:
        counts = tuple(s.scalar(select(func.count()).select_from(t)) or 0 for t in (
            m.Person, m.Institution, m.PersonEmail, m.PersonPhone, m.Position, m.PersonName, m.PersonTag,
            m.AuditEntry))
        rows = tuple(s.execute(select(m.Person.uid, m.Person.family_name, m.Person.given_name, m.Person.notes)
                               .order_by(m.Person.uid)).all())
    return counts, rows


def test_google_contacts_csv(db: Database) -> None:
    report = import_sheets(db, [DATA / "google_contacts.csv"])
    assert (report.created, report.updated, report.skipped) == (4, 0, 0)
    found = _people(db)
    rustam = found["Рустам Ильдарович Хабибуллин"]
    assert (rustam.data.family_name, rustam.data.given_name, rustam.data.middle_name) == (
        "Хабибуллин", "Рустам", "Ильдарович")
    assert [(e.value, e.label) for e in rustam.data.emails] == [("r.khabibullin@tatar.example.ru", "work")]
    assert [p.label for p in rustam.data.phones] == ["mobile", "work"]
    assert rustam.data.tags == ("Казань 2025",)  # Google's "* myContacts" is not a tag
    assert rustam.positions[0].title == "Заместитель министра"
    assert rustam.positions[0].institution_name == "Министерство промышленности и торговли Республики Татарстан"
    assert "«Нефтехимия»" in rustam.data.notes and "Birthday: 1971-03-15" in rustam.data.notes
    dilnoza = found["Dilnoza Karimova"]  # two addresses in one cell (" ::: "), a department as a unit
    assert [e.value for e in dilnoza.data.emails] == ["d.karimova@uzkimyo.example.uz", "dilnoza.k@mail.example.com"]
    assert dilnoza.positions[0].institution_name == "International Relations Department"
    assert set(dilnoza.data.tags) == {"Uzbekistan", "Chemistry"}
    assert found["Ольга Ёлкина"].data.emails[0].label == "home"
    assert found["Jean-Pierre Lefèvre"].data.honorific == "Dr."


@pytest.mark.parametrize("name", ["outlook_cp1251.csv", "outlook_utf16.txt"])
def test_outlook_csv_in_cp1251_and_utf16(db: Database, name: str) -> None:
    preview = preview_columns(DATA / name)
    assert preview.mapping.source == "Outlook"
    assert (preview.encoding, preview.delimiter) == (
        ("cp1251", ",") if name.endswith(".csv") else ("utf-16-le", "\t"))
    report = import_sheets(db, [DATA / name])
    assert report.created == 3
    found = _people(db)
    smirnov = found["Алексей Викторович Смирнов"]
    assert smirnov.data.honorific == "г-н"  # Outlook's "Title" is the honorific
    assert smirnov.positions[0].title == "Директор института"
    assert smirnov.positions[0].institution_name == "Химический институт им. А.М. Бутлерова"
    assert [(p.label, p.value) for p in smirnov.data.phones] == [("work", "+7 843 233-73-44"),
                                                                  ("mobile", "+7 917 200-30-40")]
    assert smirnov.data.tags == ("Казань 2025", "Университеты")
    assert smirnov.data.emails[0].value == "a.smirnov@kpfu.example.ru"
    assert "0/0/00" not in smirnov.data.notes and "Unspecified" not in smirnov.data.notes
    assert found["Шерзод Ташматов"].positions[0].institution_name == "Узкимёсаноат"


def test_reimport_adds_nothing_and_the_other_encoding_matches_the_same_people(db: Database) -> None:
    import_sheets(db, [DATA / "outlook_cp1251.csv", DATA / "google_contacts.csv"])
    before = _state(db)
    again = import_sheets(db, [DATA / "outlook_cp1251.csv", DATA / "google_contacts.csv"])
    assert (again.created, again.updated, again.skipped) == (0, 0, 7)
    utf16 = import_sheets(db, [DATA / "outlook_utf16.txt"])
    assert utf16.created == 0
    assert _state(db)[1] == before[1]


def test_xlsx_from_openpyxl_and_from_libreoffice(db: Database, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append(["Фамилия", "Имя", "Отчество", "Должность", "Организация", "Телефон", "E-mail"])
    ws.append(["Ахмедов", "Бахтиёр", "Шухратович", "Первый заместитель председателя", "АО «Узкимёсаноат»",
               998712390000, "b.akhmedov@uzkimyo.example.uz"])  # the phone typed as a number
    ws.append([None] * 7)
    ws.append(["Ёлкина", "Ольга", None, None, None, None, None])
    path = tmp_path / "book.xlsx"
    book.save(path)
    assert filekind.kind_of(path) == "xlsx"
    report = import_sheets(db, [path, DATA / "delegation_libreoffice.xlsx"])
    assert report.created == 4
    found = _people(db)
    akhmedov = found["Бахтиёр Шухратович Ахмедов"]
    assert akhmedov.data.phones[0].value.replace(" ", "").endswith("998712390000"[-6:])
    assert akhmedov.positions[0].institution_name == "АО «Узкимёсаноат»"
    garipov = found["Ильдар Рашидович Гарипов"]  # "ФИО": family name first, split into its parts
    assert (garipov.data.family_name, garipov.data.given_name, garipov.data.middle_name) == (
        "Гарипов", "Ильдар", "Рашидович")
    assert garipov.positions[0].title == "Генеральный директор" and garipov.data.notes == "Глава делегации"
    assert garipov.positions[0].institution_name == "ПАО «Нижнекамскнефтехим»"
    assert import_sheets(db, [path, DATA / "delegation_libreoffice.xlsx"]).created == 0


def test_a_mapping_by_hand(db: Database) -> None:
    content = "Сотрудник;Почта;Группа\r\nИванова Мария;m.ivanova@example.ru;Протокол, Казань\r\n".encode("cp1251")
    with pytest.raises(ImportFormatError, match="no column for a name"):
        import_sheets(db, [("staff.csv", b"x;y\r\n1;2\r\n")])
    mapping, _sheet = sheet_map.parse_mapping('{"Сотрудник": "display_name", "Почта": "email:work", '
                                              '"Группа": "tags"}', "map.json")
    report = import_sheets(db, [("staff.csv", content)], mapping=mapping)
    assert report.created == 1
    maria = _people(db)["Иванова Мария"]
    assert (maria.data.emails[0].value, maria.data.emails[0].label) == ("m.ivanova@example.ru", "work")
    assert maria.data.tags == ("Казань", "Протокол")
    with pytest.raises(ImportFormatError, match="'Нет' the file does not have"):
        import_sheets(db, [("staff.csv", content)], mapping={"Нет": "email"})
    with pytest.raises(ImportFormatError, match=r"map\.json: column 'Почта': 'mail' is not a field"):
        sheet_map.parse_mapping('{"Почта": "mail"}', "map.json")


GOOD = (DATA / "google_contacts.csv").read_bytes()


@pytest.mark.parametrize(("content", "says"), [
    (GOOD[: GOOD.index(b"Dilnoza") + 20], "google.csv: row 3: 6 values where the header has 36 (a row cut short)"),
    (GOOD.replace(b"Dilnoza", b'"Dilnoza', 1), "google.csv: row 3: a quoted value is not closed"),
    (b"\xef\xbb\xbfName,E-mail\r\nA,a@example.org\r\n\xff\xfe,x\r\n", "google.csv: line 3: bytes that are not UTF-8"),
    (b"\xff\xfe" + "Name\tE-mail\r\nA\ta@example.org\r\n".encode("utf-16-le") + b"B",
     "google.csv: line 3: the file ends in the middle of a character"),
    (GOOD.replace(b"Jean-Pierre,", b"Jean-Pierre,x,y,", 1), "google.csv: row 5: 38 values where the header has 36"),
    (b"PK\x03\x04garbage", "google.csv: not a readable .xlsx workbook"),
])
def test_a_bad_file_changes_nothing_and_names_the_row(db: Database, content: bytes, says: str) -> None:
    import_sheets(db, [DATA / "outlook_cp1251.csv"])
    before = _state(db)
    with pytest.raises(OrganizerError) as err:
        import_sheets(db, [(str(DATA / "outlook_utf16.txt"), (DATA / "google_contacts.csv").read_bytes()),
                           ("google.csv", content)])
    assert says in str(err.value) and "\n" not in str(err.value)
    assert _state(db) == before


def test_dry_run_writes_nothing(db: Database) -> None:
    before = _state(db)
    report = import_sheets(db, [DATA / "google_contacts.csv"], dry_run=True)
    assert report.dry_run and report.created == 4
    assert [c.action for c in report.cards] == ["created"] * 4
    assert _state(db) == before


def test_encodings_are_told_from_the_bytes() -> None:
    text = "Фамилия;Имя\r\nЁлкина;Ольга\r\n"
    for content, encoding in [(text.encode("utf-8"), "utf-8"), (b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8-sig"),
                              (b"\xff\xfe" + text.encode("utf-16-le"), "utf-16-le"),
                              (text.encode("utf-16-le"), "utf-16-le"), (text.encode("cp1251"), "cp1251"),
                              ("Name,Firma\r\nMüller,Straße\r\n".encode("cp1252"), "cp1252")]:
        sheet = sheet_read.read_csv(content)
        assert sheet.encoding == encoding
        assert sheet.rows[0][2] == (["Ёлкина", "Ольга"] if "Ёлкина" in text and encoding != "cp1252"
                                    else ["Müller", "Straße"])


def test_file_kind_by_content(tmp_path: Path) -> None:
    cases = {"a.txt": (DATA / "outlook_utf16.txt").read_bytes(), "b.dat": (DATA / "google_contacts.csv").read_bytes(),
             "c.csv": b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEND:VCARD\r\n",
             "d.csv": b"\xef\xbb\xbfBEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
             "e.vcf": b'{"format": "organizer-archive"}', "f": (DATA / "delegation_libreoffice.xlsx").read_bytes(),
             "g.csv": bytes(range(256)), "h.xlsx": (DATA / "outlook_cp1251.csv").read_bytes()}
    want = {"a.txt": "csv", "b.dat": "csv", "c.csv": "vcard", "d.csv": "ics", "e.vcf": "archive", "f": "xlsx",
            "g.csv": "unknown", "h.xlsx": "csv"}
    for name, content in cases.items():
        (tmp_path / name).write_bytes(content)
        assert filekind.kind_of(tmp_path / name) == want[name], name
    assert filekind.kind_of(tmp_path) == "unknown"


def test_reader_reads_bytes_io_too() -> None:
    assert sheet_read.read_sheet(io.BytesIO(b"a,b\n1,2\n").getvalue()).rows == [(2, 2, ["1", "2"])]


def test_excels_sep_line_names_the_delimiter_and_rows_keep_their_numbers() -> None:
    sheet = sheet_read.read_csv(b"sep=;\r\nName;E-mail\r\nA, B;a@example.org\r\n")
    assert (sheet.delimiter, sheet.header, sheet.rows) == (";", ["Name", "E-mail"], [(3, 3, ["A, B", "a@example.org"])])
    with pytest.raises(sheet_read.SheetError, match=r"^row 4: 1 values where the header has 2"):
        sheet_read.read_csv(b"sep=;\r\nName;E-mail\r\nA;a@example.org\r\nB\r\n")


def test_a_sheet_over_the_size_limit_is_refused_before_it_is_read(db: Database, monkeypatch: pytest.MonkeyPatch,
                                                                   tmp_path: Path) -> None:
    from organizer.services.interop import sheet_import

    monkeypatch.setattr(sheet_import, "SHEET_LIMIT", 1000)
    with pytest.raises(ImportFormatError, match=r"google_contacts\.csv: larger than 1,000 bytes"):
        import_sheets(db, [DATA / "google_contacts.csv"])
    big = tmp_path / "map.json"
    big.write_text('{"a": "email"' + " " * sheet_import.MAPPING_LIMIT + "}", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="not a mapping file"):
        sheet_import.load_mapping(big)


def test_google_contacts_older_layout(db: Database) -> None:
    """Google's CSV before 2023: "Given Name", "E-mail 1 - Type", "Organization 1 - Name", "Group Membership"."""
    content = ("Name,Given Name,Additional Name,Family Name,Yomi Name,Name Prefix,Name Suffix,Nickname,Birthday,"
               "Notes,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,"
               "Organization 1 - Type,Organization 1 - Name,Organization 1 - Title\r\n"
               "Малика Абдуллаева,Малика,,Абдуллаева,,,,,,,* myContacts ::: Ташкент,* Work,malika@example.uz,"
               "Mobile,+998 90 123-45-67,,Министерство инвестиций,Советник\r\n").encode()
    assert sheet_map.auto_mapping(sheet_read.read_csv(content).header).source == "Google Contacts"
    import_sheets(db, [("google-old.csv", content)])
    malika = _people(db)["Малика Абдуллаева"]
    assert (malika.data.family_name, malika.data.given_name) == ("Абдуллаева", "Малика")
    assert (malika.data.emails[0].value, malika.data.emails[0].label) == ("malika@example.uz", "work")
    assert malika.data.phones[0].label == "mobile" and malika.data.tags == ("Ташкент",)
    assert (malika.positions[0].title, malika.positions[0].institution_name) == ("Советник",
                                                                                 "Министерство инвестиций")


def test_a_value_the_services_refuse_names_file_and_row_once(db: Database) -> None:
    long = "x" * 400
    for header, row, says in [("Name,E-mail,Job Title,Company", f"Anna Petrova,a@example.org,{long},ACME",
                               "sheet.csv: row 2: positions[0].title: is too long"),
                              ("Name,E-mail,Job Title,Company", f"Anna Petrova,a@example.org,Boss,{long}",
                               "sheet.csv: row 2: ORG[0]: is too long")]:
        before = _state(db)
        with pytest.raises(OrganizerError) as err:
            import_sheets(db, [("sheet.csv", f"{header}\r\n{row}\r\n".encode())])
        assert str(err.value).startswith(says) and str(err.value).count("sheet.csv") == 1
        assert _state(db) == before


def test_a_csv_with_a_stray_control_character_is_still_a_csv_and_the_row_is_named(tmp_path: Path) -> None:
    """One control character in a spreadsheet's text does not make the file "not a file Organizer imports";
    the row holding it is refused with the field named, and binary noise is still refused as a whole."""
    from organizer.services.interop.filekind import kind_of

    sheet = tmp_path / "people.csv"
    sheet.write_bytes(b"First Name,Last Name,E-mail Address\nA\x01b,C,a@example.org\nD,E,d@example.org\n")
    assert kind_of(sheet) == "csv"
    noise = tmp_path / "noise.csv"
    noise.write_bytes(bytes(range(1, 256)) * 8)
    assert kind_of(noise) == "unknown"
