"""File > Thank-you letters…: who gets a letter, who signs, in which language; a preview; save them all.

The recipients are a checklist of the visit's participants: the other side (the guests of an incoming
visit) is ticked, its interpreters and our own staff are not (tick them to thank them too). The signatory
is one of our side's participants, the office's most senior one preselected (or the office itself). The
language starts as the interface's. Preview lays out the letter of the selected recipient (or the first
ticked one) and opens it in ``PdfPreview`` (which can save it as .docx too); Save all… asks a folder and
writes one PDF (or, with the format Word, one editable .docx) per recipient through ``services.letters``
(checked targets, atomic writes). Every service call runs on the window's ``TaskRunner`` (``tasks.call``);
errors are one line in the dialog, in the interface language.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from organizer.domain.briefing import LetterCandidate
from organizer.domain.errors import OrganizerError
from organizer.gui.formatting import enum_label
from organizer.gui.i18n import current_language
from organizer.gui.messages import error_text
from organizer.gui.pdf_preview import PdfPreview
from organizer.gui.tasks import TaskRunner, call
from organizer.services import letters as service

if TYPE_CHECKING:
    from organizer.store.database import Database

PERSON_ROLE = Qt.ItemDataRole.UserRole


class LettersDialog(QDialog):
    """Recipients, signatory, language and paper for one visit's thank-you letters."""

    def __init__(self, db: Database, visit_id: int, title: str, parent: QWidget | None = None, *,
                 runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.visit_id = visit_id
        self.runner = runner
        self.preview: PdfPreview | None = None
        self.written: list[Path] = []
        self.setWindowTitle(self.tr("Thank-you letters"))
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(QLabel(self.tr("&Recipients:")))
        self.recipients = QListWidget()
        self.recipients.setAccessibleName(self.tr("Recipients"))
        layout.itemAt(layout.count() - 1).widget().setBuddy(self.recipients)  # type: ignore[union-attr]
        layout.addWidget(self.recipients, 1)
        form = QFormLayout()
        self.signatory = QComboBox()
        self.lang_combo = QComboBox()
        self.lang_combo.addItem("English", "en")
        self.lang_combo.addItem("Русский", "ru")
        self.lang_combo.setCurrentIndex(max(0, self.lang_combo.findData(current_language())))
        self.paper_combo = QComboBox()
        self.paper_combo.addItem("A4", "a4")
        self.paper_combo.addItem(self.tr("Letter"), "letter")
        form.addRow(self.tr("&Signed by:"), self.signatory)
        form.addRow(self.tr("&Language:"), self.lang_combo)
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText(self.tr("blank: filled in by hand"))
        self.format_combo = QComboBox()
        self.format_combo.addItem("PDF", "pdf")
        self.format_combo.addItem(self.tr("Word (.docx), editable"), "docx")
        form.addRow(self.tr("&Paper:"), self.paper_combo)
        form.addRow(self.tr("Outgoing &number:"), self.number_edit)
        form.addRow(self.tr("&Format:"), self.format_combo)
        layout.addLayout(form)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.preview_button = QPushButton(self.tr("Pre&view"))
        self.save_button = QPushButton(self.tr("Save &all…"))
        self.save_button.setDefault(True)
        self.buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.preview_button.clicked.connect(self.show_preview)
        self.save_button.clicked.connect(self.ask_folder)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.recipients.itemChanged.connect(lambda _item: self._update())
        self.signatory.currentIndexChanged.connect(lambda _i: self._update())
        self.resize(560, 520)
        self._fill()

    # --- the choices -------------------------------------------------------------------------------

    def _fill(self) -> None:
        try:
            data = call(self.runner, service.choices, self.db, self.visit_id, current_language())
        except OrganizerError as err:
            self._fail(err)
            return
        self.recipients.blockSignals(True)
        for c in data.candidates:
            item = QListWidgetItem(self._label(c))
            item.setData(PERSON_ROLE, c.person_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if c.recipient else Qt.CheckState.Unchecked)
            self.recipients.addItem(item)
        self.recipients.blockSignals(False)
        self.signatory.addItem(self.tr("The office (no one signs by name)"), None)
        for c in data.candidates:
            if c.ours:
                self.signatory.addItem(c.name, c.person_id)
        if data.signatory_id is not None:
            self.signatory.setCurrentIndex(self.signatory.findData(data.signatory_id))
        if self.recipients.count():
            self.recipients.setCurrentRow(0)
        self._update()

    def _label(self, c: LetterCandidate) -> str:
        side = self.tr("our side") if c.ours else enum_label(c.side)
        details = ", ".join(x for x in (enum_label(c.role), side) if x)
        return f"{c.name} — {c.institution}  ({details})" if c.institution else f"{c.name}  ({details})"

    def chosen(self) -> list[int]:
        """The ticked recipients (person ids), the signatory left out."""
        signer = self.signatory.currentData()
        out = []
        for row in range(self.recipients.count()):
            item = self.recipients.item(row)
            ident = item.data(PERSON_ROLE)
            if item.checkState() == Qt.CheckState.Checked and ident != signer:
                out.append(int(ident))
        return out

    def request(self) -> service.LetterRequest:
        signer = self.signatory.currentData()
        return service.LetterRequest(self.visit_id, lang=str(self.lang_combo.currentData()),
                                     paper=str(self.paper_combo.currentData()), recipient_ids=tuple(self.chosen()),
                                     signatory_id=int(signer) if signer is not None else None,
                                     number=self.number_edit.text().strip(),
                                     format=str(self.format_combo.currentData()))

    def _update(self) -> None:
        signer = self.signatory.currentData()
        blocked = self.recipients.blockSignals(True)  # a flag change emits itemChanged, which comes back here
        try:
            for row in range(self.recipients.count()):  # the signatory writes, never receives
                item = self.recipients.item(row)
                enabled = item.data(PERSON_ROLE) != signer
                flags = item.flags()
                wanted = flags | Qt.ItemFlag.ItemIsEnabled if enabled else flags & ~Qt.ItemFlag.ItemIsEnabled
                if wanted != flags:
                    item.setFlags(wanted)
        finally:
            self.recipients.blockSignals(blocked)
        count = len(self.chosen())
        self.save_button.setEnabled(count > 0)
        self.preview_button.setEnabled(count > 0)
        self.status.setText(self.tr("%n letter(s) to write.", "", count) if count else
                            self.tr("Tick at least one recipient."))

    # --- preview and save --------------------------------------------------------------------------

    def show_preview(self) -> PdfPreview | None:
        """The letter of the selected recipient if ticked, else of the first ticked one."""
        chosen = self.chosen()
        if not chosen:
            return None
        item = self.recipients.currentItem()
        current = item.data(PERSON_ROLE) if item is not None else None
        who = current if current in chosen else chosen[0]
        db, request = self.db, replace(self.request(), format="pdf")
        try:
            done = call(self.runner, service.letters, db, request, [who])
        except OrganizerError as err:
            self._fail(err)
            return None
        if not done:
            return None
        letter = done[0]
        def editable() -> bytes:
            return service.letters(db, replace(request, format="docx"), [who])[0].pdf

        self.preview = PdfPreview(letter.pdf, letter.filename, letter.recipient.name, self.parentWidget(),
                                  database=self.db.path, editable=editable, runner=self.runner)
        self.preview.show()
        return self.preview

    def ask_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Save the letters in"))
        if folder:
            self.save_all_to(Path(folder))

    def save_all_to(self, folder: Path) -> list[Path]:
        """Lay out every letter and write them into ``folder``; the paths written ([] on an error, shown)."""
        self.status.setText(self.tr("Writing the letters…"))
        db, request = self.db, self.request()

        def work() -> list[Path]:
            return service.save_letters(service.letters(db, request), folder, db.path)

        try:
            self.written = call(self.runner, work)
        except OrganizerError as err:
            self._fail(err)
            return []
        self.status.setText(self.tr("%n letter(s) saved in %1.", "", len(self.written)).replace("%1", str(folder)))
        return self.written

    def _fail(self, err: OrganizerError) -> None:
        self.status.setText(self.tr("Could not write the letters: %1").replace("%1", error_text(err)))


def open_letters_dialog(parent: QWidget, db: Database, visit_id: int,
                        runner: TaskRunner | None = None) -> LettersDialog:
    from organizer.domain.variants import shown_texts
    from organizer.services.visits import get_visit

    title = shown_texts(call(runner, get_visit, db, visit_id).data).title  # in the window's language
    dialog = LettersDialog(db, visit_id, title, parent, runner=runner)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
