"""File > Import archive…, Import vCards… and Export archive…: the archive and vCard services on a worker
thread, with a progress dialog and Cancel.

vCards are read twice: first as a dry run (``import_vcards(dry_run=True)``, nothing written) whose counts
(created, updated, skipped, values left out) the user confirms, then for real, in one transaction.

An import is one transaction: Cancel raises inside the import's progress callback, the unit of work
rolls back and nothing is added. An export writes a temporary file and renames it over the target
(``export_archive_file``, streamed record by record), so Cancel before the rename leaves no half-written file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from organizer.gui.i18n import QT_TRANSLATE_NOOP
from organizer.gui.messages import error_text
from organizer.gui.tasks import Task, TaskContext, TaskRunner
from organizer.services.archive.export import check_output_path, export_archive_file
from organizer.services.archive.importer import ImportReport, import_archive, open_archive_file
from organizer.services.interop.contacts import VCardReport, import_vcards

if TYPE_CHECKING:  # the GUI only passes the handle on to organizer.services
    from organizer.store.database import Database

# marked for lupdate here and translated where shown (``self.tr`` of ArchiveJobs)
FILE_FILTER = QT_TRANSLATE_NOOP("ArchiveJobs", "Organizer archive (*.json);;All files (*)")
VCARD_FILTER = QT_TRANSLATE_NOOP("ArchiveJobs", "vCard files (*.vcf *.vcard);;All files (*)")


def vcard_job(db: Database, paths: list[Path], dry_run: bool) -> Callable[[TaskContext], VCardReport]:
    def work(ctx: TaskContext) -> VCardReport:
        def progress(done: int) -> None:
            ctx.check()  # Cancel: raised inside the transaction, which rolls back
            ctx.progress(done, 0)

        return import_vcards(db, paths, dry_run=dry_run, progress=progress)

    return work


def import_job(db: Database, path: Path) -> Callable[[TaskContext], ImportReport]:
    def work(ctx: TaskContext) -> ImportReport:
        data = open_archive_file(path)  # streamed: one record in memory at a time, the count is free
        ctx.check()
        return import_archive(db, data, progress=lambda done, total: ctx.progress(done, total))

    return work


def export_job(db: Database, path: Path) -> Callable[[TaskContext], int]:
    def work(ctx: TaskContext) -> int:
        ctx.progress(0, 2)
        target = check_output_path(path, db.path)  # never over the open database or its -wal/-shm
        ctx.progress(1, 2)
        # Streamed record by record as `organizer export` writes it: attachments (up to 50 MB each) are
        # never all in memory at once.
        written = export_archive_file(db, target)
        ctx.progress(2, 2)
        return sum(written.values())

    return work


class ArchiveJobs(QObject):
    """Runs imports and exports for a window: asks for the file, shows progress, reports the outcome."""

    finished = Signal(str, bool)
    """(message, changed): when a job ends; ``changed`` says whether the database got new records."""

    def __init__(self, db: Database, runner: TaskRunner, window: QWidget) -> None:
        super().__init__(window)
        self._db = db
        self._runner = runner
        self._window = window
        self.dialog: QProgressDialog | None = None
        self.task: Task | None = None
        self.show_problem: Callable[[str], object] = lambda text: QMessageBox.warning(
            self._window, self.tr("Organizer"), text)
        self.confirm_vcards: Callable[[str], bool] = lambda text: QMessageBox.question(
            self._window, self.tr("Import vCards"), text) == QMessageBox.StandardButton.Yes

    # --- entry points ------------------------------------------------------------------------------

    def ask_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self._window, self.tr("Import archive"), "", self.tr(FILE_FILTER))
        if name:
            self.start_import(Path(name))

    def ask_import_vcards(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self._window, self.tr("Import vCards"), "", self.tr(VCARD_FILTER))
        if names:
            self.start_vcard_preview([Path(n) for n in names])

    def start_vcard_preview(self, paths: list[Path]) -> Task:
        """Read the files as a dry run, then ask (``confirm_vcards``) whether to import what it found."""
        return self._start(self.tr("Reading %1…").replace("%1", paths[0].name), vcard_job(self._db, paths, True),
                           lambda report: self._previewed(paths, report))

    def _previewed(self, paths: list[Path], report: VCardReport) -> None:
        text = self.tr("%1 people will be created, %2 updated and %3 skipped (nothing new); "
                       "%4 institutions will be created.") \
            .replace("%1", f"{report.created:,}").replace("%2", f"{report.updated:,}") \
            .replace("%3", f"{report.skipped:,}").replace("%4", f"{report.institutions_created:,}")
        if report.left_out_count:
            text += "\n\n" + self.tr("%1 values will be left out, for example:") \
                .replace("%1", f"{report.left_out_count:,}") + "\n" + "\n".join(report.left_out[:5])
        if self.confirm_vcards(text):
            self._start(self.tr("Importing %1…").replace("%1", paths[0].name), vcard_job(self._db, paths, False),
                        self._vcards_imported)
        else:
            self._report(self.tr("Cancelled: nothing was changed."), changed=False)

    def _vcards_imported(self, report: VCardReport) -> None:
        text = self.tr("vCard import finished: %1 people created, %2 updated, %3 skipped.") \
            .replace("%1", f"{report.created:,}").replace("%2", f"{report.updated:,}") \
            .replace("%3", f"{report.skipped:,}")
        self._report(text, changed=report.created + report.updated > 0)

    def ask_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self._window, self.tr("Export archive"), "organizer-archive.json",
                                              self.tr(FILE_FILTER))
        if name:
            self.start_export(Path(name))

    def start_import(self, path: Path) -> Task:
        return self._start(self.tr("Importing %1…").replace("%1", path.name), import_job(self._db, path),
                           self._imported)

    def start_export(self, path: Path) -> Task:
        return self._start(self.tr("Exporting to %1…").replace("%1", path.name), export_job(self._db, path),
                           lambda count: self._exported(count, path))

    # --- running -----------------------------------------------------------------------------------

    def _start(self, label: str, work: Callable[[TaskContext], Any], done: Callable[[Any], None],
               failed: Callable[[BaseException], None] | None = None) -> Task:
        dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, self._window)
        dialog.setWindowTitle(self.tr("Organizer"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        self.dialog = dialog

        def progress(value: int, total: int, _text: str) -> None:
            if total and dialog.maximum() != total:
                dialog.setMaximum(total)
            dialog.setValue(value)

        def finish_ok(result: Any) -> None:
            self._close_dialog()
            done(result)

        def finish_error(error: BaseException) -> None:
            self._close_dialog()
            if failed is not None:
                failed(error)
                return
            self._report(error_text(error), changed=False, problem=True)

        task = self._runner.submit(work, on_done=finish_ok, on_error=finish_error, on_progress=progress)
        self.task = task

        def cancel() -> None:
            task.cancel()
            self._close_dialog()
            self._report(self.tr("Cancelled: nothing was changed."), changed=False)

        dialog.canceled.connect(cancel)
        return task

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.blockSignals(True)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _imported(self, report: ImportReport) -> None:
        added = report.total_added
        unchanged = sum(report.unchanged.values())
        text = self.tr("Import finished: %1 records added, %2 already present.") \
            .replace("%1", f"{added:,}").replace("%2", f"{unchanged:,}")
        updated, skipped = sum(report.updated.values()), sum(report.skipped.values())
        if updated or skipped:  # the archive's merge rule (services.archive.merge)
            text += " " + self.tr("%1 updated (newer in the file), %2 kept as they are (the database's copy is "
                                  "as new or newer).").replace("%1", f"{updated:,}").replace("%2", f"{skipped:,}")
        self._report(text, changed=added > 0 or updated > 0)

    def _exported(self, count: int, path: Path) -> None:
        self._report(self.tr("Exported %1 records to %2.").replace("%1", f"{count:,}").replace("%2", str(path)),
                     changed=False)

    def _report(self, text: str, *, changed: bool, problem: bool = False) -> None:
        if problem:
            self.show_problem(text)
        self.finished.emit(text, changed)
