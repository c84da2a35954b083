"""File > Import… (any file Organizer imports, told by its content), Import contacts (CSV/Excel)…, Import
calendar into the visit (.ics)…, Export list (CSV/Excel)… and Export visit schedule (.ics)…: the interop
services on a worker thread with the archive jobs' progress dialog and Cancel (``ArchiveJobs``).

A contact sheet goes through three steps, as vCards do: the **mapping step** (``MappingDialog``: one
combo box per column, set to what the column was recognised as: Google Contacts, Outlook, or common
English and Russian column names; the first rows shown beside it), then a **dry run** whose counts
(created, updated, skipped, values left out) the user confirms, then the import itself, in one
transaction (Cancel rolls it back).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from organizer.domain.errors import OrganizerError
from organizer.gui.archive import ArchiveJobs
from organizer.gui.i18n import QT_TRANSLATE_NOOP
from organizer.gui.messages import error_text
from organizer.gui.tasks import TaskContext, TaskRunner, call
from organizer.services.interop import ical, sheet_export
from organizer.services.interop.contacts import VCardReport
from organizer.services.interop.filekind import kind_of
from organizer.services.interop.sheet_import import SheetPreview, import_sheets, preview_columns

if TYPE_CHECKING:
    from organizer.store.database import Database

# marked for lupdate here and translated where shown (``self.tr`` of InteropJobs)
ANY_FILTER = QT_TRANSLATE_NOOP("InteropJobs", "Files Organizer imports (*.json *.vcf *.vcard *.csv *.txt *.tsv "
                                              "*.xlsx *.ics);;All files (*)")
SHEET_FILTER = QT_TRANSLATE_NOOP("InteropJobs", "Contact sheets (*.csv *.txt *.tsv *.xlsx);;All files (*)")
EXPORT_FILTERS = {"csv": QT_TRANSLATE_NOOP("InteropJobs", "CSV, UTF-8 (*.csv)"),
                  "xlsx": QT_TRANSLATE_NOOP("InteropJobs", "Excel workbook (*.xlsx)")}
ICS_FILTER = QT_TRANSLATE_NOOP("InteropJobs", "iCalendar (*.ics)")


class MappingDialog(QDialog):
    """One row per column of the sheet: its header, a combo box with the field it goes to, sample values."""

    def __init__(self, name: str, preview: SheetPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import %1: columns").replace("%1", name))
        self.preview = preview
        labels = self.field_labels()
        layout = QVBoxLayout(self)
        found = {"Google Contacts": self.tr("Google Contacts"), "Outlook": self.tr("Outlook"),
                 "auto": self.tr("recognised by their names")}.get(preview.mapping.source, preview.mapping.source)
        layout.addWidget(QLabel(self.tr("%1 rows. Columns: %2. Choose what each column holds:")
                                .replace("%1", f"{preview.rows:,}").replace("%2", found)))
        self.table = QTableWidget(len(preview.header), 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Column"), self.tr("Imported as"), self.tr("First values")])
        self.combos: list[QComboBox] = []
        for row, header in enumerate(preview.header):
            self.table.setItem(row, 0, QTableWidgetItem(header))
            combo = QComboBox(self.table)
            current = preview.mapping.columns.get(row, "ignore")
            keys = list(labels)
            if current not in keys:
                keys.append(current)
            for key in keys:
                combo.addItem(labels.get(key, key), key)
            combo.setCurrentIndex(keys.index(current))
            combo.setAccessibleName(self.tr("Field for column %1").replace("%1", header))
            self.table.setCellWidget(row, 1, combo)
            self.combos.append(combo)
            sample = " | ".join(v[row] for v in preview.sample if row < len(v) and v[row].strip())
            self.table.setItem(row, 2, QTableWidgetItem(sample[:200]))
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 480)

    def field_labels(self) -> dict[str, str]:
        """The fields a column can go to, as the combo boxes show them."""
        return {
            "ignore": self.tr("(not imported)"),
            "given_name": self.tr("Given name"),
            "middle_name": self.tr("Middle name"),
            "family_name": self.tr("Family name"),
            "full_name": self.tr("Full name (given name first)"),
            "full_name_family_first": self.tr("Full name (family name first)"),
            "display_name": self.tr("Display name"),
            "honorific": self.tr("Honorific"),
            "suffix": self.tr("Name suffix"),
            "nickname": self.tr("Nickname"),
            "name_variant": self.tr("Name in another script"),
            "email": self.tr("E-mail"),
            "email:work": self.tr("E-mail (work)"),
            "email:home": self.tr("E-mail (home)"),
            "email_label": self.tr("E-mail label"),
            "phone": self.tr("Phone"),
            "phone:work": self.tr("Phone (work)"),
            "phone:mobile": self.tr("Phone (mobile)"),
            "phone:home": self.tr("Phone (home)"),
            "phone_label": self.tr("Phone label"),
            "organization": self.tr("Organization"),
            "department": self.tr("Department"),
            "title": self.tr("Job title"),
            "notes": self.tr("Notes"),
            "tags": self.tr("Tags"),
            "birthday": self.tr("Birthday"),
            "address": self.tr("Address"),
            "web": self.tr("Web page"),
            "uid": self.tr("Identifier (uid)"),
        }

    def mapping(self) -> dict[str, str]:
        """Column header -> field, for the columns that are imported."""
        out: dict[str, str] = {}
        for header, combo in zip(self.preview.header, self.combos, strict=True):
            key = str(combo.currentData())
            if key != "ignore" and header not in out:
                out[header] = key
        return out


def sheet_job(db: Database, paths: list[Path], mapping: dict[str, str],
              dry_run: bool) -> Callable[[TaskContext], VCardReport]:
    def work(ctx: TaskContext) -> VCardReport:
        def progress(done: int) -> None:
            ctx.check()  # Cancel: raised inside the transaction, which rolls back
            ctx.progress(done, 0)

        return import_sheets(db, paths, mapping=mapping, dry_run=dry_run, progress=progress)

    return work


def ics_job(db: Database, path: Path, visit_id: int, dry_run: bool) -> Callable[[TaskContext], ical.IcsReport]:
    def work(ctx: TaskContext) -> ical.IcsReport:
        ctx.check()
        return ical.import_ics(db, path, visit_id, dry_run=dry_run)

    return work


class InteropJobs(ArchiveJobs):
    """Contact sheets in, lists and schedules out, for a window (progress, Cancel, outcome as ArchiveJobs)."""

    def __init__(self, db: Database, runner: TaskRunner, window: QWidget) -> None:
        super().__init__(db, runner, window)
        self.ask_mapping: Callable[[MappingDialog], dict[str, str] | None] = \
            lambda dialog: dialog.mapping() if dialog.exec() == QDialog.DialogCode.Accepted else None
        """Shows the mapping step; tests answer for the user."""
        self.confirm_import: Callable[[str], bool] = lambda text: QMessageBox.question(
            self._window, self.tr("Import"), text) == QMessageBox.StandardButton.Yes
        """Asks whether to import what the dry run found; tests answer for the user."""
        self.save_file_name: Callable[[str, str, str], tuple[str, str]] = \
            lambda title, default, filters: QFileDialog.getSaveFileName(self._window, title, default, filters)
        """(title, default name, filters) -> (chosen path or '', chosen filter); tests answer for the user."""
        self.choose_visit_list: Callable[[], str | None] = self._choose_visit_list
        """From the Visits tab with a visit selected: which list to export (``visits``, or the visit's
        ``people``, ``meetings`` or ``followups``); None: cancelled. Tests answer for the user."""

    # --- import ------------------------------------------------------------------------------------

    def ask_import_any(self, visit_id: int | None) -> None:
        names, _ = QFileDialog.getOpenFileNames(self._window, self.tr("Import"), "", self.tr(ANY_FILTER))
        if names:
            self.start_import_any([Path(n) for n in names], visit_id)

    def start_import_any(self, paths: list[Path], visit_id: int | None) -> None:
        """File > Import…: each file's kind told by its content (``filekind``), then that kind's own steps:
        an archive's import, vCards' and a sheet's preview (a sheet with its mapping step first), a calendar's
        preview into the visit selected in Visits."""
        kinds = call(self._runner, lambda: [kind_of(p) for p in paths])
        found = {"xlsx": "csv"}.get(kinds[0], kinds[0]) if len(set(kinds)) == 1 or set(kinds) == {"csv", "xlsx"} \
            else "mixed"
        if found == "vcard":
            self.start_vcard_preview(paths)
        elif found == "csv" and len(paths) == 1:
            self.start_sheet_import(paths[0])
        elif found == "ics" and len(paths) == 1 and visit_id is not None:
            self.start_ics_import(paths[0], visit_id)
        elif found == "archive" and len(paths) == 1:
            self.start_import(paths[0])
        else:
            problem = {
                "csv": self.tr("Choose one CSV or Excel file at a time: each gets its own column mapping."),
                "ics": self.tr("Select the visit the calendar's events belong to in Visits first, then import "
                               "one calendar file.") if visit_id is None
                else self.tr("Choose one calendar file at a time."),
                "archive": self.tr("Choose one Organizer archive at a time."),
                "unknown": self.tr("%1 is not a file Organizer imports (an Organizer archive, vCard, CSV, Excel "
                                   "or iCalendar file).").replace("%1", paths[kinds.index("unknown")].name
                                                                  if "unknown" in kinds else ""),
            }.get(found, self.tr("Choose files of one kind: archives, vCards, contact sheets and calendars are "
                                 "imported apart."))
            self._report(problem, changed=False, problem=True)

    def ask_import_sheet(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self._window, self.tr("Import contacts from CSV or Excel"), "",
                                              self.tr(SHEET_FILTER))
        if name:
            self.start_sheet_import(Path(name))

    def start_sheet_import(self, path: Path) -> None:
        """The mapping step, then a dry run whose counts the user confirms, then the import."""
        try:
            preview = call(self._runner, preview_columns, path)
        except OrganizerError as err:
            self._report(error_text(err), changed=False, problem=True)
            return
        mapping = self.ask_mapping(MappingDialog(path.name, preview, self._window))
        if mapping is None:
            self._report(self.tr("Cancelled: nothing was changed."), changed=False)
            return
        if not mapping:
            self._report(self.tr("No column is imported: nothing was changed."), changed=False, problem=True)
            return
        self._start(self.tr("Reading %1…").replace("%1", path.name), sheet_job(self._db, [path], mapping, True),
                    lambda report: self._sheet_previewed(path, mapping, report))

    def _sheet_previewed(self, path: Path, mapping: dict[str, str], report: VCardReport) -> None:
        text = self.tr("%1 people will be created, %2 updated and %3 skipped (nothing new); "
                       "%4 institutions will be created.") \
            .replace("%1", f"{report.created:,}").replace("%2", f"{report.updated:,}") \
            .replace("%3", f"{report.skipped:,}").replace("%4", f"{report.institutions_created:,}")
        if report.left_out_count:
            text += "\n\n" + self.tr("%1 values will be left out, for example:") \
                .replace("%1", f"{report.left_out_count:,}") + "\n" + "\n".join(report.left_out[:5])
        if self.confirm_import(text):
            self._start(self.tr("Importing %1…").replace("%1", path.name),
                        sheet_job(self._db, [path], mapping, False), self._sheet_imported)
        else:
            self._report(self.tr("Cancelled: nothing was changed."), changed=False)

    def _sheet_imported(self, report: VCardReport) -> None:
        text = self.tr("Contact import finished: %1 people created, %2 updated, %3 skipped.") \
            .replace("%1", f"{report.created:,}").replace("%2", f"{report.updated:,}") \
            .replace("%3", f"{report.skipped:,}")
        self._report(text, changed=report.created + report.updated > 0)

    def ask_import_ics(self, visit_id: int) -> None:
        name, _ = QFileDialog.getOpenFileName(self._window, self.tr("Import calendar into the visit"), "",
                                              self.tr(ICS_FILTER))
        if name:
            self.start_ics_import(Path(name), visit_id)

    def start_ics_import(self, path: Path, visit_id: int) -> None:
        """A dry run whose counts the user confirms, then the events imported as the visit's meetings."""
        self._start(self.tr("Reading %1…").replace("%1", path.name), ics_job(self._db, path, visit_id, True),
                    lambda report: self._ics_previewed(path, visit_id, report))

    def _ics_previewed(self, path: Path, visit_id: int, report: ical.IcsReport) -> None:
        text = self.tr("%1 meetings will be created, %2 updated and %3 skipped (nothing new).") \
            .replace("%1", f"{report.created:,}").replace("%2", f"{report.updated:,}") \
            .replace("%3", f"{report.skipped:,}")
        if report.left_out:
            text += "\n\n" + "\n".join(report.left_out[:5])
        if self.confirm_import(text):
            self._start(self.tr("Importing %1…").replace("%1", path.name), ics_job(self._db, path, visit_id, False),
                        self._ics_imported)
        else:
            self._report(self.tr("Cancelled: nothing was changed."), changed=False)

    def _ics_imported(self, report: ical.IcsReport) -> None:
        text = self.tr("Calendar import finished: %1 meetings created, %2 updated, %3 skipped.") \
            .replace("%1", f"{report.created:,}").replace("%2", f"{report.updated:,}") \
            .replace("%3", f"{report.skipped:,}")
        self._report(text, changed=report.created + report.updated > 0)

    # --- export ------------------------------------------------------------------------------------

    def ask_export_list(self, list_name: str, visit_id: int | None = None) -> None:
        filters = ";;".join(self.tr(f) for f in EXPORT_FILTERS.values())
        name, chosen = self.save_file_name(self.tr("Export list"), f"{list_name}.xlsx", filters)
        if name:
            fmt = "csv" if name.lower().endswith(".csv") or ("csv" in chosen.lower() and
                                                            not name.lower().endswith(".xlsx")) else "xlsx"
            self.start_list_export(Path(name), fmt, list_name, visit_id)

    def _choose_visit_list(self) -> str | None:
        choices = {self.tr("All visits"): "visits", self.tr("The selected visit's delegation"): "people",
                   self.tr("The selected visit's programme"): "meetings",
                   self.tr("The selected visit's follow-ups"): "followups"}
        label, ok = QInputDialog.getItem(self._window, self.tr("Export list"), self.tr("Which list:"),
                                         list(choices), 1, False)
        return choices.get(label) if ok else None

    def start_list_export(self, path: Path, fmt: str, list_name: str, visit_id: int | None = None) -> None:
        def work(ctx: TaskContext) -> int:
            ctx.progress(0, 1)
            return sheet_export.export_list_file(self._db, path, fmt, list_name, visit_id)

        self._start(self.tr("Exporting to %1…").replace("%1", path.name), work,
                    lambda count: self._report(self.tr("Exported %1 rows to %2.").replace("%1", f"{count:,}")
                                               .replace("%2", str(path)), changed=False))

    def ask_export_ics(self, visit_id: int) -> None:
        name, _ = self.save_file_name(self.tr("Export visit schedule"), "schedule.ics", self.tr(ICS_FILTER))
        if name:
            self.start_ics_export(Path(name), visit_id)

    def start_ics_export(self, path: Path, visit_id: int) -> None:
        def work(ctx: TaskContext) -> ical.IcsExport:
            ctx.progress(0, 1)
            return ical.export_ics_file(self._db, path, visit_id)

        self._start(self.tr("Exporting to %1…").replace("%1", path.name), work,
                    lambda info: self._report(self.tr("Exported %1 events and %2 due dates to %3 (time zone %4).")
                                              .replace("%1", str(info.events)).replace("%2", str(info.todos))
                                              .replace("%3", str(path)).replace("%4", info.zone), changed=False))


LIST_OF_KIND = {"person": "people", "institution": "institutions", "visit": "visits", "meeting": "meetings",
                "followup": "followups"}
"""The list each tab's record kind exports as (``sheet_export.LISTS``)."""
