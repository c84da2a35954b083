"""CSV and Excel (.xlsx) export of a list: people, institutions, visits, meetings, follow-ups (``LISTS``).

``table_of(db, list_name, visit_id=None)`` gives the header and one row per record with the columns the
app's list of that kind shows (``gui/tabs.py``, ``gui/board.py``), an ``ID`` column first and, for people,
their e-mail addresses and phone numbers too (what a contact sheet is for); values are whole (no ``…``),
lists joined with ``; ``, dates as ISO dates and times as ``YYYY-MM-DD HH:MM`` (Excel and LibreOffice read
both as dates), enums as their English words.

With ``visit_id``: ``people`` is the visit's delegation list (both sides, in order of side and precedence,
with ``Side`` and ``Role`` columns), ``meetings`` its programme in time order (its meetings and its other
items, arrival, transfers, meals, without an ID and with the escort under Participants), ``followups`` its
follow-ups; ``institutions`` and ``visits`` take no visit.

**CSV** is written as UTF-8 with a byte-order mark, comma-separated, CRLF line ends, every value that needs
it quoted: Excel opens such a file with Cyrillic intact by a double click (without the mark it guesses
the ANSI code page and shows mojibake). LibreOffice reads it as UTF-8 when its Text Import dialog says so
(its command-line conversion ignores the mark: ``--infilter=CSV:44,34,76``); the .xlsx needs no choice in
either (tests/unit/test_sheet_export.py converts both with LibreOffice 7.4 headless when it is installed).
A value starting with ``=``, ``+``, ``-`` or ``@`` (but not ``+`` or ``-`` and a digit: a phone number, a
number) is written with a leading apostrophe in CSV so that a spreadsheet does not run it as a formula.
**.xlsx** cells hold the values as text, dates as dates; the header row is bold and frozen.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from organizer.domain.errors import ValidationError
from organizer.services import followups, institutions, meetings, people, programme, visits
from organizer.store.database import Database
from organizer.store.files import write_file

LISTS = ("people", "institutions", "visits", "meetings", "followups")
FORMATS = ("csv", "xlsx")
Cell = str | int | date | datetime | None


def _enum(value: object) -> str:
    return str(getattr(value, "value", value) or "").replace("_", " ")


def _people_all(db: Database) -> tuple[list[str], Iterable[list[Cell]]]:
    header = ["ID", "Name", "Title", "Institution", "Tags", "E-mail", "Phone"]

    def rows() -> Iterable[list[Cell]]:
        for p in people.iter_people_listing(db):
            current = next((q for q in p.positions if q.current), None)
            yield [p.id, p.full_name, current.title if current else "", current.institution if current else "",
                   "; ".join(t.text for t in p.tags), "; ".join(e.value for e in p.emails),
                   "; ".join(x.value for x in p.phones)]
    return header, rows()


def _delegation(db: Database, visit_id: int) -> tuple[list[str], Iterable[list[Cell]]]:
    visit = visits.get_visit(db, visit_id)
    ids = [p.person_id for p in visit.participants]
    with db.read_connection() as conn:
        details = {d.meta.id: d for d in people.details_in(conn, ids)} if ids else {}
    header = ["ID", "Name", "Title", "Institution", "Side", "Role", "Precedence", "E-mail", "Phone"]
    rows: list[list[Cell]] = []
    for p in visit.participants:
        d = details.get(p.person_id)
        rows.append([p.person_id, p.full_name, p.title or "", p.institution or "", _enum(p.side), _enum(p.role),
                     p.precedence or None, "; ".join(e.value for e in d.data.emails) if d else "",
                     "; ".join(x.value for x in d.data.phones) if d else ""])
    return header, rows


def _institutions(db: Database) -> tuple[list[str], Iterable[list[Cell]]]:
    header = ["ID", "Name", "Short name", "Kind", "Part of", "Country", "City"]
    return header, ([r.id, r.name, r.short_name, _enum(r.kind), r.parent_name or "", r.country, r.city]
                    for r in institutions.list_institutions(db))


def _visits(db: Database) -> tuple[list[str], Iterable[list[Cell]]]:
    header = ["ID", "From", "To", "Visit", "Place", "Direction", "Status", "Meetings"]
    return header, ([v.id, v.start_date, v.end_date, v.title, v.place, _enum(v.direction), _enum(v.status),
                     v.meeting_count] for v in visits.list_visits(db))


def _meetings(db: Database, visit_id: int | None) -> tuple[list[str], Iterable[list[Cell]]]:
    header = ["ID", "Starts", "Ends", "Meeting", "Kind", "Venue", "Visit", "Participants"]
    rows: list[tuple[tuple[bool, datetime | None], list[Cell]]] = [
        ((r.starts_at is None, r.starts_at),
         [r.id, r.starts_at, r.ends_at, r.title, _enum(r.kind), ", ".join(x for x in (r.venue or "", r.room) if x),
          r.visit_title or "", "; ".join(r.participants)])
        for r in meetings.list_meetings(db, visit_id=visit_id)]
    if visit_id is not None:  # the visit's programme: its other items too (arrival, transfers, meals), no ID
        rows += [((p.starts_at is None, p.starts_at),
                  [None, p.starts_at, p.ends_at, p.title or _enum(p.kind).capitalize(), _enum(p.kind), p.place,
                   p.visit_title or "", p.escort or ""])
                 for p in programme.list_programme(db, visit_id=visit_id)]
        rows.sort(key=lambda pair: (pair[0][0], pair[0][1] or datetime.min))
    return header, (row for _key, row in rows)


def _followups(db: Database, visit_id: int | None) -> tuple[list[str], Iterable[list[Cell]]]:
    header = ["ID", "Status", "Due", "What", "Owner", "Visit", "Meeting", "Done on"]
    return header, ([f.id, _enum(f.status), f.due_date, f.description, f.owner or "", f.visit_title or "",
                     f.meeting_title or "", f.done_on] for f in followups.list_followups(db, visit_id=visit_id))


def table_of(db: Database, list_name: str, visit_id: int | None = None) -> tuple[list[str], Iterable[list[Cell]]]:
    """The header and rows of a list (see the module docstring)."""
    if list_name not in LISTS:
        raise ValidationError({"list": f"{list_name!r}: one of {', '.join(LISTS)} is exported"})
    if visit_id is not None:
        if list_name in ("institutions", "visits"):
            raise ValidationError({"--visit": f"{list_name} are not a visit's list; --visit goes with people "
                                              "(the delegation), meetings (the programme) and followups"})
        visits.get_visit(db, visit_id)  # NotFoundError for a visit that does not exist
        if list_name == "people":
            return _delegation(db, visit_id)
    builders: dict[str, Callable[[], tuple[list[str], Iterable[list[Cell]]]]] = {
        "people": lambda: _people_all(db), "institutions": lambda: _institutions(db),
        "visits": lambda: _visits(db), "meetings": lambda: _meetings(db, visit_id),
        "followups": lambda: _followups(db, visit_id)}
    return builders[list_name]()


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if text[:1] in ("=", "@") or (text[:1] in ("+", "-") and not text[1:2].isdigit() and text[1:2] != " "):
        return "'" + text  # not a formula (a phone number "+7 ..." or "-5" stays as it is)
    return text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_text(v) for v in row])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def xlsx_bytes(header: Sequence[str], rows: Iterable[Sequence[Cell]], title: str = "Organizer") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    from openpyxl.cell import WriteOnlyCell

    head = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        head.append(cell)
    sheet.append(head)
    for row in rows:
        cells: list[Any] = []
        for v in row:
            if isinstance(v, datetime):
                cell = WriteOnlyCell(sheet, value=v)
                cell.number_format = "yyyy-mm-dd hh:mm"
                cells.append(cell)
            elif isinstance(v, date):
                cell = WriteOnlyCell(sheet, value=v)
                cell.number_format = "yyyy-mm-dd"
                cells.append(cell)
            elif isinstance(v, str) and v[:1] == "=":
                cell = WriteOnlyCell(sheet, value=v)
                cell.data_type = "s"  # text, never a formula
                cells.append(cell)
            else:
                cells.append(v)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_list_file(db: Database, path: Path, fmt: str, list_name: str, visit_id: int | None = None) -> int:
    """Write a list as CSV or .xlsx to ``path`` (atomically); the number of rows written."""
    if fmt not in FORMATS:
        raise ValidationError({"format": f"{fmt!r}: csv or xlsx"})
    header, rows = table_of(db, list_name, visit_id)
    materialised = list(rows)
    content = csv_bytes(header, materialised) if fmt == "csv" else xlsx_bytes(header, materialised, list_name)
    write_file(path, content, database=db.path)
    return len(materialised)
