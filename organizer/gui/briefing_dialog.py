"""Export a briefing (visit) or a dossier (person, institution): choices, a worker thread, then the preview.

The document is assembled and laid out on a ``QThreadPool`` worker (a ``QRunnable``); its signals bring
page progress and the finished PDF back to the UI thread, which opens ``PdfPreview``. ReportLab renders
one document at a time (a lock in ``organizer.briefing.fonts``), so a second export waits its turn.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from organizer.domain.briefing import REPORT_SECTIONS, SECTIONS
from organizer.domain.errors import OrganizerError
from organizer.gui.pdf_preview import PdfPreview

if TYPE_CHECKING:
    from organizer.store.database import Database

KINDS = ("visit", "person", "institution")
_RUNNING: set[ExportJob] = set()
"""Jobs on the pool: kept alive here until their result is back on the UI thread."""


@dataclass(frozen=True)
class ExportRequest:
    kind: str
    ident: int
    lang: str = "en"
    paper: str = "a4"
    report: bool = False
    sections: tuple[str, ...] | None = None
    marking: str = ""


def generate(db: Database, request: ExportRequest, progress: Callable[[int], None] | None = None) -> bytes:
    """Assemble and lay out the document (runs on the worker thread; no Qt here)."""
    from organizer.briefing import (
        BriefingOptions,
        render_institution_dossier,
        render_person_dossier,
        render_visit_briefing,
    )
    from organizer.services import briefing as assembly

    options = BriefingOptions(lang=request.lang, paper=request.paper, report=request.report,
                              sections=request.sections, marking=request.marking)
    if request.kind == "visit":
        return render_visit_briefing(assembly.visit_briefing(db, request.ident, lang=request.lang), options, progress)
    if request.kind == "person":
        return render_person_dossier(assembly.person_dossier(db, request.ident, lang=request.lang), options, progress)
    dossier = assembly.institution_dossier(db, request.ident, lang=request.lang)
    return render_institution_dossier(dossier, options, progress)


class JobSignals(QObject):
    progress = Signal(int)
    finished = Signal(bytes)
    failed = Signal(str)


class ExportJob(QRunnable):
    """One export on the global thread pool; results come back through ``signals``."""

    def __init__(self, db: Database, request: ExportRequest) -> None:
        super().__init__()
        self.db = db
        self.request = request
        self.signals = JobSignals()
        self._last_page = 0

    def _progress(self, page: int) -> None:
        # A page count per page is plenty; report only forward steps (later passes start at page 1 again).
        if page > self._last_page:
            self._last_page = page
            self.signals.progress.emit(page)

    def run(self) -> None:
        try:
            pdf = generate(self.db, self.request, self._progress)
        except OrganizerError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # shown to the user as one line, never a crash of the worker thread
            traceback.print_exc()
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.signals.finished.emit(pdf)


class BriefingDialog(QDialog):
    """Choices for one document, then generation with a progress bar, then the preview window."""

    def __init__(self, db: Database, kind: str, ident: int, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        self.db = db
        self.kind = kind
        self.ident = ident
        self.record_title = title
        self.preview: PdfPreview | None = None
        self.job: ExportJob | None = None
        self.setWindowTitle(self.tr("Briefing") if kind == "visit" else self.tr("Dossier"))

        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setWordWrap(True)
        layout.addWidget(heading)

        self.briefing_radio = QRadioButton(self.tr("Pre-visit &briefing book"))
        self.report_radio = QRadioButton(self.tr("Post-visit &report"))
        self.briefing_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.briefing_radio)
        group.addButton(self.report_radio)
        self.sections_box = QGroupBox(self.tr("Sections"))
        self.sections_grid = QGridLayout(self.sections_box)
        self.section_checks: dict[str, QCheckBox] = {}
        if kind == "visit":
            layout.addWidget(self.briefing_radio)
            layout.addWidget(self.report_radio)
            layout.addWidget(self.sections_box)
            self.report_radio.toggled.connect(self._fill_sections)
            self._fill_sections()
        else:
            self.briefing_radio.hide()
            self.report_radio.hide()
            self.sections_box.hide()

        form = QFormLayout()
        self.lang_combo = QComboBox()
        self.lang_combo.addItem("English", "en")
        self.lang_combo.addItem("Русский", "ru")
        self.paper_combo = QComboBox()
        self.paper_combo.addItem("A4", "a4")
        self.paper_combo.addItem(self.tr("Letter"), "letter")
        self.marking_edit = QLineEdit()
        self.marking_edit.setPlaceholderText(self.tr("e.g. For official use"))
        form.addRow(self.tr("&Language:"), self.lang_combo)
        form.addRow(self.tr("&Paper:"), self.paper_combo)
        form.addRow(self.tr("&Marking:"), self.marking_edit)
        layout.addLayout(form)

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.generate_button = self.buttons.addButton(self.tr("&Generate"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.generate_button.setDefault(True)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _fill_sections(self) -> None:
        for check in self.section_checks.values():
            self.sections_grid.removeWidget(check)
            check.deleteLater()
        self.section_checks = {}
        report = self.report_radio.isChecked()
        names = REPORT_SECTIONS if report else SECTIONS
        labels = {
            "purpose": self.tr("Purpose and outcomes"), "topics": self.tr("Topics"),
            "delegation": self.tr("Delegation") if not report else self.tr("Participants"),
            "itinerary": self.tr("Programme"), "biographies": self.tr("Biographies"),
            "hosts": self.tr("Host participants"), "institutions": self.tr("Institutions"),
            "history": self.tr("History of relations"), "followups": self.tr("Open follow-ups"),
            "logistics": self.tr("Logistics and gifts"), "summary": self.tr("Summary"),
            "meetings": self.tr("Meetings, notes and outcomes"), "agreed": self.tr("Agreed follow-ups"),
        }
        for i, name in enumerate(names):
            check = QCheckBox(labels.get(name, name))
            check.setChecked(True)
            self.section_checks[name] = check
            self.sections_grid.addWidget(check, i // 2, i % 2)

    def request(self) -> ExportRequest:
        sections: tuple[str, ...] | None = None
        if self.kind == "visit":
            chosen = tuple(name for name, check in self.section_checks.items() if check.isChecked())
            sections = None if len(chosen) == len(self.section_checks) else chosen
        return ExportRequest(
            kind=self.kind, ident=self.ident, lang=str(self.lang_combo.currentData()),
            paper=str(self.paper_combo.currentData()), report=self.kind == "visit" and self.report_radio.isChecked(),
            sections=sections, marking=self.marking_edit.text().strip(),
        )

    def start(self) -> None:
        """Generate on the thread pool; the dialog stays responsive and shows the page count reached."""
        if self.job is not None:
            return
        self.generate_button.setEnabled(False)
        self.progress.show()
        self.status.setText(self.tr("Laying out the document…"))
        self.job = ExportJob(self.db, self.request())
        self.job.signals.progress.connect(self._on_progress)
        self.job.signals.finished.connect(self._on_finished)
        self.job.signals.failed.connect(self._on_failed)
        job = self.job
        _RUNNING.add(job)
        job.signals.finished.connect(lambda _pdf: _RUNNING.discard(job))
        job.signals.failed.connect(lambda _msg: _RUNNING.discard(job))
        QThreadPool.globalInstance().start(job)

    def _on_progress(self, page: int) -> None:
        self.status.setText(self.tr("Laying out the document… page %1").replace("%1", str(page)))

    def _on_finished(self, pdf: bytes) -> None:
        self.job = None
        self.progress.hide()
        stem = re.sub(r"[^\w.-]+", "-", self.record_title).strip("-")[:60] or self.kind
        prefix = {"visit": "report" if self.report_radio.isChecked() else "briefing"}.get(self.kind, "dossier")
        self.preview = PdfPreview(pdf, f"{prefix}-{stem}.pdf", self.record_title, self.parentWidget(),
                                  database=self.db.path)
        self.preview.show()
        self.accept()

    def _on_failed(self, message: str) -> None:
        self.job = None
        self.progress.hide()
        self.generate_button.setEnabled(True)
        self.status.setText(self.tr("Could not generate the document: %1").replace("%1", message))

    def reject(self) -> None:
        if self.job is not None:  # the worker cannot be interrupted mid-page; let it finish unseen
            self.job.signals.finished.disconnect(self._on_finished)
            self.job.signals.failed.disconnect(self._on_failed)
            self.job.signals.progress.disconnect(self._on_progress)
            self.job = None
        super().reject()


def record_title(db: Database, kind: str, ident: int) -> str:
    """The name a dialog and a file name show for the record."""
    from organizer.services import institutions, people, visits

    if kind == "visit":
        return visits.get_visit(db, ident).data.title
    if kind == "person":
        return people.get_person(db, ident).full_name
    return institutions.get_institution(db, ident).data.name


def open_export_dialog(parent: QWidget, db: Database, kind: str, ident: int) -> BriefingDialog:
    dialog = BriefingDialog(db, kind, ident, record_title(db, kind, ident), parent)
    dialog.setModal(True)
    dialog.show()
    return dialog
