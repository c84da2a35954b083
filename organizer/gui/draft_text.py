"""File > New visit from text (Ctrl+Shift+T): a report pasted or opened (.txt, .md, .html) becomes a draft visit.

``DraftTextDialog`` takes the text (pasted, or read from a file by ``review.report_text``); ``DraftJobs`` runs
the extractor and the matching (``review.draft_for_review``, what ``organizer import`` does) on a worker with
the import jobs' progress dialog and Cancel, then opens the review (``draft_review.DraftReviewDialog``). Nothing
is written before the review's Import; after it the new visit opens (``visit_imported``). A report with no
people or institutions in it is said so and its text stays in the dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from organizer.domain.errors import ImportFormatError, OrganizerError
from organizer.gui.archive import ArchiveJobs
from organizer.gui.draft_review import DraftReviewDialog
from organizer.gui.messages import error_text
from organizer.gui.tasks import Task, TaskContext, TaskRunner, call
from organizer.services.drafting import review

if TYPE_CHECKING:
    from organizer.gui.undo import RecordActions
    from organizer.store.database import Database

class DraftTextDialog(QDialog):
    """The report's text: pasted, typed or opened from a file; Draft (Ctrl+Enter) asks for ``drafting``."""

    draft_requested = Signal(str)

    def __init__(self, runner: TaskRunner | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setWindowTitle(self.tr("New visit from text"))
        self.open_file_name: Callable[[], str] = lambda: QFileDialog.getOpenFileName(
            self, self.tr("Open a report"), "",
            self.tr("Reports (*.txt *.md *.markdown *.html *.htm);;All files (*)"))[0]
        """Asks which report file to open ('' for none); tests answer for the user."""
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("Paste a news report or memo about a visit (English or Russian), or open one "
                               "(Ctrl+O). Its people, institutions, meetings and follow-ups are proposed for "
                               "your review; nothing is written before you import them."))
        label.setWordWrap(True)
        layout.addWidget(label)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("Report text"))
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(self.tr("The report's text"))
        layout.addWidget(self.text, 1)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.hide()
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox()
        self.open_button = QPushButton(self.tr("&Open file… (Ctrl+O)"))
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.draft_button = self.buttons.addButton(self.tr("&Draft (Ctrl+Enter)"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.open_button.clicked.connect(self.open_file)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+O"), self, self.open_file)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self, self.accept)
        self.resize(760, 520)
        self.text.setFocus()

    def open_file(self) -> None:
        name = self.open_file_name()
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> None:
        """The report's prose in the text field (a problem reading it is said below the field)."""
        try:
            text = call(self.runner, review.report_text, path)
        except (OrganizerError, OSError) as err:
            self.show_problem(error_text(err))
            return
        self.text.setPlainText(text)
        self.show_problem("")

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def accept(self) -> None:
        """Draft: the dialog stays open (its text kept) until the draft is ready."""
        text = self.text.toPlainText()
        if not text.strip():
            self.show_problem(self.tr("Paste the report's text first, or open a report file."))
            return
        self.show_problem("")
        self.draft_requested.emit(text)

    def done_drafting(self) -> None:
        super().accept()


def draft_job(db: Database, text: str) -> Callable[[TaskContext], review.ReviewDraft]:
    def work(ctx: TaskContext) -> review.ReviewDraft:
        ctx.progress(0, 0)
        return review.draft_for_review(db, text, check=ctx.check)

    return work


class DraftJobs(ArchiveJobs):
    """The text, the draft on a worker, the review, the import; ``finished`` as the other import jobs."""

    visit_imported = Signal(int)
    """The visit a reviewed draft was imported into (the window opens it)."""

    def __init__(self, db: Database, runner: TaskRunner, window: QWidget, records: RecordActions) -> None:
        super().__init__(db, runner, window)
        self.records = records
        self.text_dialog: DraftTextDialog | None = None
        self.review_dialog: DraftReviewDialog | None = None
        self.show_review: Callable[[DraftReviewDialog], Any] = lambda dialog: dialog.open()
        """Shows the review (window-modal); tests look at it and answer for the user."""

    def ask_new_visit_from_text(self) -> DraftTextDialog:
        dialog = DraftTextDialog(self._runner, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # once drafted or cancelled: gone
        dialog.draft_requested.connect(lambda text: self.start_draft(text, dialog))
        self.text_dialog = dialog
        dialog.open()
        return dialog

    def start_draft(self, text: str, text_dialog: DraftTextDialog | None = None) -> Task:
        """Extract and match ``text`` on a worker (progress, Cancel), then show the review."""

        def drafted(result: review.ReviewDraft) -> None:
            if text_dialog is not None and shiboken6.isValid(text_dialog):
                text_dialog.done_drafting()
            self.open_review(result)

        def failed(error: BaseException) -> None:
            text = self.tr("No people or institutions were found in this text: there is nothing to draft.") \
                if isinstance(error, ImportFormatError) else error_text(error)
            if text_dialog is not None and shiboken6.isValid(text_dialog) and text_dialog.isVisible():
                text_dialog.show_problem(text)  # the text stays, to be corrected or replaced
                self.finished.emit(text, False)
            else:
                self._report(text, changed=False, problem=True)

        return self._start(self.tr("Reading the report…"), draft_job(self._db, text), drafted, failed)

    def open_review(self, drafted: review.ReviewDraft) -> DraftReviewDialog:
        dialog = DraftReviewDialog(self.records, drafted, self._window)
        self.review_dialog = dialog
        dialog.finished.connect(lambda code: self._reviewed(dialog, code))
        self.show_review(dialog)
        return dialog

    def _reviewed(self, dialog: DraftReviewDialog, code: int) -> None:
        written = dialog.written
        self.review_dialog = None
        dialog.deleteLater()
        if code != QDialog.DialogCode.Accepted or written is None:
            self._report(self.tr("Cancelled: nothing was changed."), changed=False)
            return
        made, kept = sum(written.created.values()), sum(written.linked.values())
        self._report(self.tr("Visit imported from the text: %1 records created, %2 linked to stored ones.")
                     .replace("%1", str(made)).replace("%2", str(kept)), changed=True)
        if written.visit_id is not None:
            self.visit_imported.emit(written.visit_id)
