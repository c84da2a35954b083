"""A table pasted from a spreadsheet, Word or a web page, as people: each row found or created (issue 17, 5).

An office's delegation list arrives as a table: "name, title, institution" in Excel, a Word programme or a
partner's web page. ``read_pasted(text, html)`` turns what the clipboard holds into rows of cells: the HTML
table a spreadsheet or browser puts on the clipboard (``text/html``) when there is one, else the plain text
split at tabs (Excel and LibreOffice copy cells as tab-separated lines), else at ``;`` or two or more
spaces. ``paste_people(db, rows, dry_run=...)`` then goes through the contact import of CSV and Excel files
(``services.interop.sheet_import``): the same column names recognised (a first row of headers such as
"ФИО", "Должность", "Организация", "Name", "Title", "Institution"), and without headers the columns taken
in the usual order of a delegation list (``POSITIONAL``: name, title, institution, e-mail, phone); the
same matching of each row to a person already stored (by e-mail, or by name and a position at the same
institution, in any script: the vCard import's writer), the same report of created / updated / skipped,
all in one transaction. With ``dry_run`` nothing is written: the report is the preview the window shows
before the user confirms. The report names the person of each row (``PasteResult.person_ids``), so the
rows can go straight into a delegation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

from organizer.domain.errors import ValidationError
from organizer.domain.namekeys import fold
from organizer.services import browse, picking
from organizer.services.interop import sheet_map
from organizer.services.interop.contacts import VCardReport
from organizer.services.interop.sheet_import import import_sheets
from organizer.services.search import search
from organizer.store.database import Database
from organizer.store.search.base import SearchUnavailableError

POSITIONAL = ("display_name", "title", "organization", "email", "phone")
"""What the columns of a table without a header row hold, in order (a delegation list's usual layout)."""
MAX_ROWS = 2_000
"""Rows taken from one paste (a delegation list is a few dozen; more is not a delegation)."""
MAX_CELL = 2_000
"""Characters kept of one cell."""
_SPACES = re.compile(r" {2,}")


class _Tables(HTMLParser):
    """The cells of the first table of an HTML fragment (what Excel, Word and browsers copy)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._tables = 0
        self._done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._done:
            return
        if tag == "table":
            self._tables += 1
        elif tag == "tr" and self._tables:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._done:
            return
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if any(self._row):
                self.rows.append(self._row)
            self._row = None
        elif tag == "table" and self._tables:
            self._tables -= 1
            self._done = self._tables == 0 and bool(self.rows)

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _clip(cell: str) -> str:
    cell = "".join(ch if ch.isprintable() else " " for ch in cell)
    return " ".join(cell.split())[:MAX_CELL]


def read_pasted(text: str, html: str = "") -> list[list[str]]:
    """The rows of cells of a pasted table (empty rows left out; cells trimmed, controls made spaces)."""
    rows: list[list[str]] = []
    if html and "<t" in html.lower():
        parser = _Tables()
        parser.feed(html)
        parser.close()
        rows = parser.rows
    if not rows:
        lines = [line for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]
        if any("\t" in line for line in lines):
            rows = [line.split("\t") for line in lines]
        elif any(";" in line for line in lines):
            rows = [line.split(";") for line in lines]
        else:
            rows = [_SPACES.split(line.strip()) for line in lines]
    out = [[_clip(c) for c in row] for row in rows[:MAX_ROWS]]
    return [row for row in out if any(row)]


@dataclass(frozen=True)
class PasteResult:
    """What a paste did (or, with ``dry_run``, would do)."""

    report: VCardReport
    header: tuple[str, ...]
    """The columns as they were read: the pasted header row, or the fields taken by position."""
    body: tuple[tuple[str, ...], ...]
    """The rows that name people (the pasted rows but a header row), padded to the same width."""
    person_ids: tuple[int | None, ...]
    """The person of each row, in order (None in a dry run for a person who would be created)."""
    actions: tuple[str, ...]
    """``created``, ``updated`` or ``skipped`` (found, nothing new) for each row."""


def _has_header(first: Sequence[str]) -> bool:
    return sum(1 for cell in first if cell and sheet_map.field_of_header(cell)) >= 1


def paste_people(db: Database, rows: Sequence[Sequence[str]], *, dry_run: bool = False) -> PasteResult:
    """Find or create the people of a pasted table, in one transaction (see the module docstring)."""
    if not rows:
        raise ValidationError({"table": "nothing to paste: no rows of cells"})
    width = max(len(r) for r in rows)
    if _has_header(rows[0]):
        header = [c or f"column {i + 1}" for i, c in enumerate(rows[0])] + [
            f"column {i + 1}" for i in range(len(rows[0]), width)]
        body = [list(r) + [""] * (width - len(r)) for r in rows[1:]]
        columns = sheet_map.auto_mapping(header).columns
        mapping = None
    else:
        header = [POSITIONAL[i] if i < len(POSITIONAL) else f"column {i + 1}" for i in range(width)]
        body = [list(r) + [""] * (width - len(r)) for r in rows]
        mapping = {h: h for h in header if h in POSITIONAL}
        columns = {i: h for i, h in enumerate(header) if h in POSITIONAL}
    if not body:
        raise ValidationError({"table": "only a header row was pasted"})
    found = _existing(db, body, columns)
    new = [n for n in range(len(body)) if found[n] is None]
    person_ids: list[int | None] = list(found)
    actions = ["skipped" if f is not None else "created" for f in found]
    report = VCardReport(dry_run=dry_run)
    if new:
        lines = ["\t".join(_tsv(c) for c in header)] + ["\t".join(_tsv(c) for c in body[n]) for n in new]
        content = ("\n".join(lines) + "\n").encode("utf-8")
        report = import_sheets(db, [("pasted table", content)], mapping=mapping, dry_run=dry_run)
        by_row = {c.card: c for c in report.cards}  # the rows of the sheet handed over: a header, then ``new``
        for k, n in enumerate(new):
            outcome = by_row.get(k + 2)
            if outcome is not None:
                person_ids[n], actions[n] = outcome.person_id, outcome.action
                if dry_run and outcome.action == "created":
                    person_ids[n] = None  # rolled back: no such person
    report.skipped += sum(1 for f in found if f is not None)
    return PasteResult(report=report, header=tuple(header), body=tuple(tuple(r) for r in body),
                       person_ids=tuple(person_ids), actions=tuple(actions))


NAME_SCORE = 85.0
"""A stored person is the person of a row when the row's name matches their name this well (every word a
whole name word or name key in some script: ``services.search``'s scale)."""


def _existing(db: Database, body: Sequence[Sequence[str]], columns: dict[int, str]) -> list[int | None]:
    """The person already stored that each row names, or None: the spelling-insensitive search by the name
    (any script: "Д. Пашин" is D. Pashin), then, where the row names an institution, a person holding a
    position there (any of its names, a unit of it) among the close matches; without one, the only close
    match. Rows naming the same person twice both get them. (A row found by none of these still goes to the
    import, which finds a person by an e-mail address.)"""
    name_cols = [i for i, f in columns.items() if f in ("display_name", "given_name", "middle_name", "family_name")]
    org_cols = [i for i, f in columns.items() if f == "organization"]
    out: list[int | None] = []
    for row in body:
        name = " ".join(row[i] for i in sorted(name_cols) if row[i])
        ident = None
        if fold(name).strip():
            try:
                hits = [h for h in search(db, name, kinds=["person"], limit=5).hits
                        if h.field.startswith("name") and h.score >= NAME_SCORE]
            except SearchUnavailableError:
                hits = []
            places = " ".join(row[i] for i in org_cols if row[i]).strip()
            if places and hits:
                wanted = browse.institution_matches(db, places)
                held = {pid for pid in (h.id for h in hits) if wanted & set(picking.institutions_of(db, pid))}
                ident = next((h.id for h in hits if h.id in held), None)
            elif len(hits) == 1:
                ident = hits[0].id
        out.append(ident)
    return out


def _tsv(cell: str) -> str:
    """A cell as one field of a tab-separated line (quoted when it holds a quote)."""
    cell = cell.replace("\t", " ")
    return '"' + cell.replace('"', '""') + '"' if '"' in cell else cell
