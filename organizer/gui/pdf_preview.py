"""An in-app PDF preview (QtPdf) with Save as…, Save as .docx…, Print and Open in the system viewer.

The document is held in memory (a QBuffer over the PDF bytes); nothing is written until the user
saves. Saving goes through ``store.files.write_file``: never over the open database, its companion files
or backups, a device, FIFO or symbolic link; a temporary file renamed into place. Printing renders each page to an image
at the printer's resolution; when the installed Qt has no QtPrintSupport the Print action is hidden.
Save as .docx… (shown when the caller gives ``editable``) lays the same document out as an editable Word
file on a worker (``gui.tasks.call``) and saves it the same guarded way.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QMainWindow, QMessageBox, QToolBar, QWidget

from organizer.domain.errors import OrganizerError
from organizer.gui.tasks import TaskRunner, call
from organizer.store.files import write_file

try:  # QtPrintSupport ships with PySide6-Essentials, but a trimmed bundle may leave it out
    from PySide6 import QtPrintSupport
except ImportError:  # pragma: no cover - depends on the installed wheels
    QtPrintSupport = None  # type: ignore[assignment]


class PdfPreview(QMainWindow):
    """A window showing one PDF held in memory."""

    def __init__(self, pdf: bytes, suggested_name: str, title: str, parent: QWidget | None = None,
                 opener: Callable[[QUrl], bool] = QDesktopServices.openUrl, database: Path | None = None,
                 editable: Callable[[], bytes] | None = None, runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.editable = editable  # lays the document out as .docx (a service call: run on a worker)
        self.runner = runner
        self.opener = opener
        self.database = database  # the open database file: Save as refuses it, its companions and backups
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Preview — %1").replace("%1", title))
        self.pdf = pdf
        self.suggested_name = suggested_name
        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.setCentralWidget(self.view)

        bar = QToolBar(self.tr("Document"), self)
        bar.setMovable(False)
        self.addToolBar(bar)
        self.save_action = self._action(self.tr("&Save as…"), QKeySequence.StandardKey.SaveAs, self.save_as)
        self.docx_action = self._action(self.tr("Save as .&docx…"), None, self.save_docx)
        self.docx_action.setVisible(editable is not None)
        self.print_action = self._action(self.tr("&Print…"), QKeySequence.StandardKey.Print, self.print_document)
        self.print_action.setVisible(QtPrintSupport is not None)
        self.open_action = self._action(self.tr("&Open in system viewer"), None, self.open_external)
        self.zoom_in_action = self._action(self.tr("Zoom &in"), QKeySequence.StandardKey.ZoomIn,
                                           lambda: self._zoom(1.25))
        self.zoom_out_action = self._action(self.tr("Zoom &out"), QKeySequence.StandardKey.ZoomOut,
                                            lambda: self._zoom(0.8))
        self.fit_action = self._action(self.tr("&Fit width"), None, self._fit_width)
        for action in (self.save_action, self.docx_action, self.print_action, self.open_action):
            bar.addAction(action)
        bar.addSeparator()
        for action in (self.zoom_out_action, self.zoom_in_action, self.fit_action):
            bar.addAction(action)
        self.pages_label = QLabel(self.tr("%n page(s)", "", self.page_count()))
        self.statusBar().addPermanentWidget(self.pages_label)
        self.resize(900, 1000)

    def _action(self, text: str, shortcut: QKeySequence.StandardKey | None, slot: object) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def page_count(self) -> int:
        return int(self.document.pageCount())

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.1, min(8.0, self.view.zoomFactor() * factor)))

    def _fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    # --- actions ---------------------------------------------------------------------------------

    def save_to(self, path: Path) -> bool:
        """Write the PDF to ``path`` (atomically); a failure is shown, never raised."""
        try:
            write_file(path, self.pdf, database=self.database)
        except OrganizerError as exc:
            QMessageBox.warning(self, self.tr("Cannot save"), str(exc))
            return False
        self.statusBar().showMessage(self.tr("Saved to %1").replace("%1", str(path)), 5000)
        return True

    def save_as(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save PDF"), str(Path(folder) / self.suggested_name),
                                              self.tr("PDF documents (*.pdf)"))
        if name:
            path = Path(name)
            if path.suffix.lower() != ".pdf":
                path = path.with_name(path.name + ".pdf")
            self.save_to(path)

    def save_docx_to(self, path: Path) -> bool:
        """Lay the document out as .docx (on a worker) and write it to ``path``; a failure is shown."""
        if self.editable is None:
            return False
        try:
            content = call(self.runner, self.editable)
            write_file(path, content, database=self.database)
        except OrganizerError as exc:
            QMessageBox.warning(self, self.tr("Cannot save"), str(exc))
            return False
        self.statusBar().showMessage(self.tr("Saved to %1").replace("%1", str(path)), 5000)
        return True

    def save_docx(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / Path(self.suggested_name).with_suffix(".docx").name)
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save as .docx"), suggested,
                                              self.tr("Word documents (*.docx)"))
        if name:
            path = Path(name)
            if path.suffix.lower() != ".docx":
                path = path.with_name(path.name + ".docx")
            self.save_docx_to(path)

    def print_document(self) -> None:
        if QtPrintSupport is None:
            return
        printer = QtPrintSupport.QPrinter(QtPrintSupport.QPrinter.PrinterMode.HighResolution)
        dialog = QtPrintSupport.QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: object) -> None:
        from PySide6.QtGui import QPainter

        painter = QPainter()
        if not painter.begin(printer):  # type: ignore[arg-type]
            QMessageBox.warning(self, self.tr("Cannot print"), self.tr("The printer could not be started."))
            return
        try:
            first, last = printer.fromPage(), printer.toPage()  # type: ignore[attr-defined]
            pages = range(self.page_count()) if first == 0 else range(first - 1, min(last, self.page_count()))
            for n, page in enumerate(pages):
                if n:
                    printer.newPage()  # type: ignore[attr-defined]
                target = painter.viewport()
                size = self.document.pagePointSize(page).toSize().scaled(target.size(),
                                                                         Qt.AspectRatioMode.KeepAspectRatio)
                image = self.document.render(page, QSize(size.width(), size.height()))
                painter.drawImage(target.topLeft(), image)
        finally:
            painter.end()

    def open_external(self) -> Path | None:
        """Write a copy to the temporary folder and hand it to the desktop's PDF viewer."""
        folder = Path(tempfile.mkdtemp(prefix="organizer-"))
        path = folder / self.suggested_name
        if not self.save_to(path):
            return None
        if not self.opener(QUrl.fromLocalFile(str(path))):
            QMessageBox.information(self, self.tr("No PDF viewer"),
                                    self.tr("No program to open PDF files was found. The file is at %1")
                                    .replace("%1", str(path)))
        return path
