"""File > Import contacts from CSV or Excel…: the mapping step (a combo per column, set from the header), a dry
run's counts, then the import; File > Export list… and Export visit schedule (.ics)… write the files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import icalendar
from openpyxl import load_workbook
from PySide6.QtWidgets import QComboBox

from organizer.gui.interop import LIST_OF_KIND, MappingDialog
from organizer.gui.main_window import MainWindow
from organizer.services.interop import sheet_export, sheet_map
from organizer.services.people import list_people, list_people_details
from organizer.services.programme import list_programme

DATA = Path(__file__).parent.parent / "data" / "sheets"


def _names(window: MainWindow) -> set[tuple[str, str]]:
    """(family, given) names as stored (lists may show them in the interface's script)."""
    return {(d.data.family_name, d.data.given_name) for d in list_people_details(window.db)}


def _run(qtbot: Any, window: MainWindow, path: Path, mapping: Any, answer: bool) -> tuple[list[Any], list[Any]]:
    seen: list[Any] = []
    done: list[tuple[str, bool]] = []

    def ask(dialog: MappingDialog) -> dict[str, str] | None:
        seen.append(dialog)
        return mapping(dialog)

    window.interop.ask_mapping = ask
    window.interop.confirm_import = lambda text: (seen.append(text), answer)[1]
    window.interop.finished.connect(lambda text, changed: done.append((text, changed)))
    window.interop.start_sheet_import(path)
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    return seen, done


def test_mapping_step_then_preview_then_import(qtbot: Any, gui_window: MainWindow, gui_wait: Any) -> None:
    before = len(list_people(gui_window.db))
    seen, done = _run(qtbot, gui_window, DATA / "outlook_cp1251.csv", lambda d: d.mapping(), answer=True)
    dialog = seen[0]
    assert isinstance(dialog, MappingDialog) and dialog.preview.mapping.source == "Outlook"
    job_title = dialog.preview.header.index("Job Title")
    assert dialog.combos[job_title].currentData() == "title"
    assert {"ignore", *sheet_map.FIELDS} <= set(dialog.field_labels())
    assert dialog.table.item(job_title, 2).text() == "Директор института | Начальник управления | Key Account Manager"
    assert seen[1].startswith("3 people will be created, 0 updated and 0 skipped")
    assert done == [("Contact import finished: 3 people created, 0 updated, 0 skipped.", True)]
    assert ("Смирнов", "Алексей") in _names(gui_window)
    assert len(list_people(gui_window.db)) == before + 3


def test_a_column_mapped_by_hand_and_a_refused_preview(qtbot: Any, gui_window: MainWindow, tmp_path: Path) -> None:
    sheet = tmp_path / "staff.csv"
    sheet.write_bytes("Сотрудник;Ящик\r\nПетрова Анна Сергеевна;a.petrova@example.ru\r\n".encode("cp1251"))

    def choose(dialog: MappingDialog) -> dict[str, str]:
        combos: list[QComboBox] = dialog.combos
        assert [c.currentData() for c in combos] == ["ignore", "ignore"]  # nothing recognised
        combos[0].setCurrentIndex(combos[0].findData("full_name_family_first"))
        combos[1].setCurrentIndex(combos[1].findData("email:work"))
        return dialog.mapping()

    before = len(list_people(gui_window.db))
    seen, done = _run(qtbot, gui_window, sheet, choose, answer=False)
    assert seen[1].startswith("1 people will be created")
    assert done == [("Cancelled: nothing was changed.", False)]
    assert len(list_people(gui_window.db)) == before
    _seen, done = _run(qtbot, gui_window, sheet, choose, answer=True)
    assert ("Петрова", "Анна") in _names(gui_window)


def test_a_bad_sheet_is_one_message_and_nothing_is_asked(qtbot: Any, gui_window: MainWindow, tmp_path: Path) -> None:
    bad = tmp_path / "cut.csv"
    good = (DATA / "google_contacts.csv").read_bytes()
    bad.write_bytes(good[: good.index(b"Jean-Pierre") + 20])
    problems: list[str] = []
    gui_window.interop.show_problem = problems.append
    seen, done = _run(qtbot, gui_window, bad, lambda d: d.mapping(), answer=True)
    assert seen == [] and "cut.csv: row 5" in done[0][0]  # refused before the mapping step
    assert problems and "cut short" in problems[0]


def test_export_list_and_schedule(qtbot: Any, gui_window: MainWindow, tmp_path: Path) -> None:
    assert set(LIST_OF_KIND.values()) == set(sheet_export.LISTS)
    done: list[tuple[str, bool]] = []
    gui_window.interop.finished.connect(lambda text, changed: done.append((text, changed)))
    gui_window.interop.start_list_export(tmp_path / "people.xlsx", "xlsx", "people")
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    assert done[0][0].startswith("Exported 6 rows to")
    book = load_workbook(tmp_path / "people.xlsx", read_only=True)
    assert len(list(book.worksheets[0].iter_rows())) == 7
    book.close()
    gui_window.interop.start_ics_export(tmp_path / "v.ics", 1)
    qtbot.waitUntil(lambda: len(done) == 2, timeout=30_000)
    events = 4 + len(list_programme(gui_window.db, visit_id=1))  # meetings and the other programme items
    assert f"{events} events and 3 due dates" in done[1][0]
    assert len(icalendar.Calendar.from_ical((tmp_path / "v.ics").read_bytes()).walk("VEVENT")) == events
    assert gui_window.import_sheet_action.text() == "Import contacts from CSV or E&xcel…"


def test_calendar_import_into_a_visit(qtbot: Any, gui_window: MainWindow, tmp_path: Path) -> None:
    from organizer.services import meetings

    done: list[tuple[str, bool]] = []
    asked: list[str] = []
    gui_window.interop.finished.connect(lambda text, changed: done.append((text, changed)))
    gui_window.interop.start_ics_export(tmp_path / "v.ics", 1)
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    gui_window.interop.confirm_import = lambda text: (asked.append(text), True)[1]
    gui_window.interop.start_ics_import(tmp_path / "v.ics", 1)
    qtbot.waitUntil(lambda: len(done) == 2, timeout=30_000)
    events = 4 + len(list_programme(gui_window.db, visit_id=1))
    assert asked == [f"0 meetings will be created, 0 updated and {events} skipped (nothing new)."]
    assert done[1] == (f"Calendar import finished: 0 meetings created, 0 updated, {events} skipped.", False)
    assert len(meetings.list_meetings(gui_window.db, visit_id=1)) == 4


def test_file_import_tells_the_kind_by_content(qtbot: Any, gui_window: MainWindow, tmp_path: Path) -> None:
    asked: list[Any] = []
    done: list[tuple[str, bool]] = []
    problems: list[str] = []
    jobs = gui_window.interop
    jobs.ask_mapping = lambda dialog: (asked.append(dialog), None)[1]
    jobs.confirm_import = lambda text: (asked.append(text), False)[1]
    jobs.confirm_vcards = lambda text: (asked.append(text), False)[1]
    jobs.show_problem = problems.append
    jobs.finished.connect(lambda text, changed: done.append((text, changed)))
    sheet = tmp_path / "contacts.dat"  # the name says nothing
    sheet.write_bytes((DATA / "outlook_utf16.txt").read_bytes())
    jobs.start_import_any([sheet], None)
    qtbot.waitUntil(lambda: len(done) == 1, timeout=30_000)
    assert isinstance(asked[0], MappingDialog) and asked[0].preview.mapping.source == "Outlook"
    card = tmp_path / "card.txt"
    card.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Petrova\r\nN:Petrova;Anna;;;\r\nEND:VCARD\r\n")
    jobs.start_import_any([card], None)
    qtbot.waitUntil(lambda: len(done) == 2, timeout=30_000)
    assert asked[1].startswith("1 people will be created")
    jobs.start_import_any([sheet, card], None)
    qtbot.waitUntil(lambda: len(done) == 3, timeout=30_000)
    assert problems[-1].startswith("Choose files of one kind")
    schedule = tmp_path / "schedule.txt"
    jobs.start_ics_export(schedule, 1)
    qtbot.waitUntil(lambda: len(done) == 4, timeout=30_000)
    jobs.start_import_any([schedule], None)
    qtbot.waitUntil(lambda: len(done) == 5, timeout=30_000)
    assert problems[-1].startswith("Select the visit")
    jobs.start_import_any([schedule], 1)
    qtbot.waitUntil(lambda: len(done) == 6, timeout=30_000)
    events = 4 + len(list_programme(gui_window.db, visit_id=1))
    assert asked[-1] == f"0 meetings will be created, 0 updated and {events} skipped (nothing new)."


def test_export_from_the_visits_tab_offers_the_visits_own_lists(qtbot: Any, gui_window: MainWindow,
                                                                tmp_path: Path, gui_wait: Any) -> None:
    gui_window.show_tab(gui_window.visits_tab)
    gui_wait(gui_window)
    gui_window.visits_tab.open_id(1)
    qtbot.waitUntil(lambda: gui_window.current_record()[1] == 1, timeout=10_000)
    chosen: list[str] = []
    done: list[tuple[str, bool]] = []
    gui_window.interop.finished.connect(lambda text, changed: done.append((text, changed)))
    gui_window.interop.choose_visit_list = lambda: "people"
    target = tmp_path / "delegation.csv"
    gui_window.interop.save_file_name = lambda title, default, filters: (chosen.append(default), (str(target), ""))[1]
    gui_window.export_list()
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    assert chosen == ["people.xlsx"] and done[0][0].startswith("Exported 6 rows")
    assert target.read_bytes().startswith(b"\xef\xbb\xbfID,Name,Title,Institution,Side,Role")
