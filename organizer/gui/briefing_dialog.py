"""Export a briefing (visit) or a dossier (person, institution): choices, a worker thread, then the preview.

The document is assembled and laid out by ``services.documents.render`` (the same call as the command
line's) on the window's ``TaskRunner``; page progress and the finished PDF come back to the UI thread,
which opens ``PdfPreview``. ReportLab renders one document at a time (a lock in
``organizer.briefing.fonts``), so a second export waits its turn.
"""

from __future__ import annotations

import re
import traceback
from dataclasses import replace
from typing import TYPE_CHECKING

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
from organizer.domain.enums import RecordKind
from organizer.domain.errors import OrganizerError
from organizer.gui.i18n import current_language
from organizer.gui.messages import error_text
from organizer.gui.pdf_preview import PdfPreview
from organizer.gui.tasks import Task, TaskContext, TaskRunner, call
from organizer.services.documents import Document, DocumentRequest, render

if TYPE_CHECKING:
    from organizer.store.database import Database

KINDS = ("visit", "person", "institution")


class BriefingDialog(QDialog):
    """Choices for one document, then generation with a progress bar, then the preview window."""

    def __init__(self, db: Database, kind: RecordKind, ident: int, title: str, parent: QWidget | None = None,
                 *, runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.runner = runner if runner is not None else TaskRunner(self)
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        self.db = db
        self.kind = kind
        self.ident = ident
        self.record_title = title
        self.preview: PdfPreview | None = None
        self.job: Task | None = None
        self.setWindowTitle(self.tr("Briefing") if kind == RecordKind.VISIT else self.tr("Dossier"))

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
        if kind == RecordKind.VISIT:
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
        if kind == RecordKind.VISIT:  # two columns: the delegation lists and the programme in both languages
            self.lang_combo.addItem("Русский + English", "ru+en")
            self.lang_combo.addItem("English + Русский", "en+ru")
        self.paper_combo = QComboBox()
        self.paper_combo.addItem("A4", "a4")
        self.paper_combo.addItem(self.tr("Letter"), "letter")
        self.marking_edit = QLineEdit()
        self.marking_edit.setPlaceholderText(self.tr("e.g. For official use"))
        self.lang_combo.setCurrentIndex(max(0, self.lang_combo.findData(current_language())))  # the interface's
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
            "purpose": self.tr("At a glance (one-page summary)"), "topics": self.tr("Topics"),
            "delegation": self.tr("Delegation") if not report else self.tr("Participants"),
            "itinerary": self.tr("Programme"), "biographies": self.tr("Biographies"),
            "hosts": self.tr("Host participants"), "institutions": self.tr("Institutions"),
            "history": self.tr("History of relations"), "followups": self.tr("Open follow-ups"),
            "logistics": self.tr("Logistics and gifts"), "summary": self.tr("Summary"),
            "meetings": self.tr("Meetings, notes and outcomes"), "agreed": self.tr("Agreed follow-ups"),
            "agreements": self.tr("Agreements of the visit"),
        }
        for i, name in enumerate(names):
            check = QCheckBox(labels.get(name, name))
            check.setChecked(True)
            self.section_checks[name] = check
            self.sections_grid.addWidget(check, i // 2, i % 2)

    def request(self) -> DocumentRequest:
        sections: tuple[str, ...] | None = None
        if self.kind == RecordKind.VISIT:
            chosen = tuple(name for name, check in self.section_checks.items() if check.isChecked())
            sections = None if len(chosen) == len(self.section_checks) else chosen
        return DocumentRequest(
            kind=self.kind, ident=self.ident, lang=str(self.lang_combo.currentData()),
            paper=str(self.paper_combo.currentData()),
            report=self.kind == RecordKind.VISIT and self.report_radio.isChecked(),
            sections=sections, marking=self.marking_edit.text().strip(),
        )

    def start(self) -> None:
        """Generate on a worker; the dialog stays responsive and shows the page count reached."""
        if self.job is not None:
            return
        self.generate_button.setEnabled(False)
        self.progress.show()
        self.status.setText(self.tr("Laying out the document…"))
        db, request = self.db, self.request()

        def work(ctx: TaskContext) -> Document:
            reached = [0]

            def pages(page: int) -> None:
                # A page count per page is plenty; only forward steps (later passes start at page 1 again).
                if page > reached[0]:
                    reached[0] = page
                    ctx.progress(page, 0)

            return render(db, request, pages)

        self.job = self.runner.submit(work, on_done=self._on_finished, on_error=self._on_error,
                                      on_progress=lambda page, _total, _text: self._on_progress(page))

    def _on_progress(self, page: int) -> None:
        self.status.setText(self.tr("Laying out the document… page %1").replace("%1", str(page)))

    def _on_finished(self, document: Document) -> None:
        pdf = document.pdf
        self.job = None
        self.progress.hide()
        stem = re.sub(r"[^\w.-]+", "-", self.record_title).strip("-")[:60] or self.kind
        if self.kind == RecordKind.VISIT:
            prefix = "report" if self.report_radio.isChecked() else "briefing"
        else:
            prefix = "dossier"
        db, request = self.db, replace(self.request(), format="docx")

        def editable() -> bytes:
            return render(db, request).pdf

        self.preview = PdfPreview(pdf, f"{prefix}-{stem}.pdf", self.record_title, self.parentWidget(),
                                  database=self.db.path, editable=editable, runner=self.runner)
        self.preview.show()
        self.accept()

    def _on_error(self, error: BaseException) -> None:
        if not isinstance(error, OrganizerError):  # one line to the user, never a crash of the worker
            traceback.print_exception(error)
        self._on_failed(error_text(error) if isinstance(error, OrganizerError) else f"{type(error).__name__}: {error}")

    def _on_failed(self, message: str) -> None:
        self.job = None
        self.progress.hide()
        self.generate_button.setEnabled(True)
        self.status.setText(self.tr("Could not generate the document: %1").replace("%1", message))

    def reject(self) -> None:
        if self.job is not None:  # stops at the next page; its result is dropped
            self.job.cancel()
            self.job = None
        super().reject()


def record_title(db: Database, kind: RecordKind, ident: int) -> str:
    """The name a dialog and a file name show for the record (in the window's language, issue 18)."""
    from organizer.domain.variants import shown_texts
    from organizer.services import institutions, people, visits

    if kind == RecordKind.VISIT:
        return shown_texts(visits.get_visit(db, ident).data).title
    if kind == RecordKind.PERSON:
        return people.get_person(db, ident).full_name
    detail = institutions.get_institution(db, ident)
    return detail.path[-1] if detail.path else detail.data.name


def open_export_dialog(parent: QWidget, db: Database, kind: RecordKind, ident: int,
                       runner: TaskRunner | None = None) -> BriefingDialog:
    title = call(runner, record_title, db, kind, ident)
    dialog = BriefingDialog(db, kind, ident, title, parent, runner=runner)
    dialog.setModal(True)
    dialog.show()
    return dialog
