"""CSV and Excel (.xlsx) import of contacts into people, in one transaction, the way vCards are imported.

``import_sheets(db, files, mapping=..., dry_run=...)`` reads each file (``sheet_read``: encoding and
delimiter told from the content), maps its columns (``sheet_map``: Google Contacts and Outlook headers and
common English and Russian column names found by themselves, or a mapping by hand), turns each row into a
card and hands it to the vCard import's writer (``contacts._Writer``): the same matching (by uid, e-mail, or
name and institution), the same report of created/updated/skipped, the same checks. A row's uid is a hash of
its mapped values, so importing the same file again finds the same people and adds nothing.

Any error (a row cut short, a quoted value not closed, bytes that do not decode, a value the services
refuse, a mapping naming a column the file lacks) leaves the database as it was, and the message names the
file and the row. ``dry_run`` does everything and rolls back: the report is the preview.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from organizer.domain.errors import ImportFormatError, ValidationError
from organizer.services._gc import fewer_collections
from organizer.services.interop import sheet_map, sheet_read
from organizer.services.interop.cards import contact_of
from organizer.services.interop.contacts import Progress, VCardReport, _DryRunDone, _Writer, open_file
from organizer.store.database import Database

SAMPLE_ROWS = 5
SHEET_LIMIT = 128 * 1024 * 1024
"""Largest CSV or .xlsx file read, in bytes (a sheet is read whole: some 400,000 contacts of Google's CSV)."""
MAPPING_LIMIT = 1024 * 1024


@dataclass
class SheetPreview:
    """What the mapping step shows: the header, how each column is mapped, a few rows."""

    header: list[str]
    mapping: sheet_map.ColumnMap
    sample: list[list[str]]
    rows: int
    encoding: str
    delimiter: str
    kind: str


def read_file(source: Path | tuple[str, bytes], sheet: str | None = None) -> tuple[str, sheet_read.Sheet]:
    name, content = (str(source), None) if isinstance(source, Path) else source
    try:
        if content is None:
            with open_file(Path(name)) as f:
                content = f.read(SHEET_LIMIT + 1)
        if len(content) > SHEET_LIMIT:
            raise ImportFormatError(f"larger than {SHEET_LIMIT:,} bytes; split the sheet")
        return name, sheet_read.read_sheet(content, sheet)
    except ImportFormatError as err:
        raise ImportFormatError(f"{name}: {err}") from None
    except OSError as err:
        raise ImportFormatError(f"cannot read {name}: {err.strerror}") from None


def preview_columns(source: Path | tuple[str, bytes], sheet: str | None = None) -> SheetPreview:
    """The header, the automatic mapping and the first rows of a sheet (the GUI's mapping step)."""
    _name, data = read_file(source, sheet)
    return SheetPreview(data.header, sheet_map.auto_mapping(data.header),
                        [values for _n, _l, values in data.rows[:SAMPLE_ROWS]], len(data.rows), data.encoding,
                        data.delimiter, data.kind)


def load_mapping(path: Path) -> tuple[dict[str, str], str | None]:
    """A mapping file (JSON: column header -> field; see ``sheet_map``)."""
    try:
        with open_file(path) as f:
            text = f.read(MAPPING_LIMIT + 1)
        if len(text) > MAPPING_LIMIT:
            raise ImportFormatError(f"{path}: larger than {MAPPING_LIMIT:,} bytes; not a mapping file")
        return sheet_map.parse_mapping(text, str(path))
    except OSError as err:
        raise ImportFormatError(f"cannot read {path}: {err.strerror}") from None


def import_sheets(db: Database, files: Sequence[Path] | Sequence[tuple[str, bytes]], *,
                  mapping: Mapping[str, str] | None = None, sheet: str | None = None, dry_run: bool = False,
                  progress: Progress | None = None) -> VCardReport:
    """Import the contacts of these CSV/.xlsx files (paths, or (name, content) pairs) in one transaction.
    ``mapping``: column header -> field for every file (else each file's header is recognised by itself)."""
    sheets = [read_file(f, sheet) for f in files]  # every file is read and checked before anything is written
    plans: list[tuple[str, sheet_read.Sheet, sheet_map.ColumnMap]] = []
    for name, data in sheets:
        try:
            cols = sheet_map.mapping_by_hand(data.header, mapping) if mapping else sheet_map.auto_mapping(data.header)
        except ImportFormatError as err:
            raise ImportFormatError(f"{name}: {err}") from None
        fields = {f.partition(":")[0] for f in cols.columns.values()}
        if not fields & {"given_name", "family_name", "display_name", "email", "organization", "nickname"}:
            shown = ", ".join(repr(h) for h in data.header[:12]) + (" ..." if len(data.header) > 12 else "")
            raise ImportFormatError(f"{name}: no column for a name or an e-mail address was recognised (the "
                                    f"columns: {shown}); map them with --mapping FILE")
        plans.append((name, data, cols))

    def attempt(session: Session) -> VCardReport:
        report = VCardReport(dry_run=dry_run)
        writer = _Writer(session, report, "sheet")
        done = 0
        for name, data, cols in plans:
            try:
                for number, line, values in data.rows:
                    writer.add(name, contact_of(sheet_map.row_card(number, line, values, cols)))
                    done += 1
                    if progress is not None:
                        progress(done)
                writer.flush()
            except ImportFormatError as err:
                raise ImportFormatError(f"{name}: {err}") from None
            except ValidationError as err:
                record = err.record or ""
                if not record.startswith(f"{name}: "):  # an institution's problem names the file already
                    record = f"{name}: {record}".rstrip(": ")
                raise ValidationError(err.issues, record=record) from None
        writer.finish()
        if dry_run:
            raise _DryRunDone(report)
        return report

    try:
        with fewer_collections():  # as the vCard import (services._gc)
            return db.write(attempt)
    except _DryRunDone as done:
        return done.report
