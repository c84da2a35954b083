"""The preview of a pasted table of people (``services.pasting``): what each row will be, before anything is
written.

Opened by Ctrl+V (or "Paste a table…") on a delegation's members table, and by Record > Paste people from a
table (Ctrl+Shift+V) in the main window. The rows are matched on a worker thread (the service's dry run):
each is shown with the person it was found to be ("D. Pashin — Kazan Federal University") or "new person".
Confirming writes all of them in one transaction and gives the person of each row (``person_ids``); with
``with_side`` the dialog also asks which side they join (guests by default). Cancel writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from organizer.domain.enums import ParticipantRole, RecordKind, Side
from organizer.domain.errors import OrganizerError
from organizer.gui.editors import choices
from organizer.gui.messages import error_text
from organizer.services import pasting, picking

if TYPE_CHECKING:
    from organizer.gui.editors.base import EditorDialog
    from organizer.gui.editors.table import RowsEditor
    from organizer.gui.undo import RecordActions
    from organizer.store.database import Database

class PasteDialog(QDialog):
    """Which people a pasted table holds; confirming finds or creates them (see the module docstring)."""

    def __init__(self, parent: QWidget | None, records: RecordActions, db: Database, rows: Sequence[Sequence[str]],
                 *, with_side: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Paste people from a table"))
        self.records, self.db, self.rows = records, db, [list(r) for r in rows]
        self.person_ids: tuple[int | None, ...] = ()
        self.row_actions: tuple[str, ...] = ()
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        layout.addWidget(self.table, 1)
        self.side: QComboBox | None = None
        if with_side:
            form = QFormLayout()
            self.side = QComboBox()
            self.side.addItem(self.tr("Guests"), Side.GUEST)
            self.side.addItem(self.tr("Hosts"), Side.HOST)
            self.side.setAccessibleName(self.tr("They join"))
            form.addRow(self.tr("They join"), self.side)
            layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(760, 420)
        self.preview()

    @property
    def chosen_side(self) -> Side:
        return self.side.currentData() if self.side is not None else Side.GUEST

    def preview(self) -> None:
        """Match the rows (a dry run on a worker) and show what each will be."""
        try:
            result = self.records.call(pasting.paste_people, self.db, self.rows, dry_run=True)
            found = [i for i in result.person_ids if i is not None]
            names = self.records.call(picking.labels, self.db, RecordKind.PERSON, found) if found else {}
        except OrganizerError as err:
            self.summary.setText(error_text(err))
            self.ok_button.setEnabled(False)
            self.table.setRowCount(0)
            return
        header, body = list(result.header), result.body
        named = {"display_name": self.tr("Name"), "title": self.tr("Title"), "organization": self.tr("Institution"),
                 "email": self.tr("E-mail"), "phone": self.tr("Phone")}
        titles = [named.get(h, h) for h in header]
        self.table.setColumnCount(len(titles) + 1)
        self.table.setHorizontalHeaderLabels([self.tr("Will be"), *titles])
        self.table.setRowCount(len(body))
        new = 0
        for number, (row, ident, action) in enumerate(zip(body, result.person_ids, result.actions, strict=False)):
            if ident is not None and action != "created":
                what = self.tr("found: %1").replace("%1", names.get(ident, str(ident)))
            else:
                what = self.tr("new person")
                new += 1
            self.table.setItem(number, 0, QTableWidgetItem(what))
            for column, cell in enumerate(row):
                self.table.setItem(number, column + 1, QTableWidgetItem(cell))
        self.table.resizeColumnsToContents()
        found_count = len(body) - new
        self.summary.setText(self.tr("%1 rows: %2 found among the people stored, %3 new. Nothing is written "
                                     "until you confirm.").replace("%1", str(len(body)))
                             .replace("%2", str(found_count)).replace("%3", str(new)))
        self.ok_button.setText(self.tr("Add %1 people").replace("%1", str(len(body))))
        self.ok_button.setEnabled(bool(body))

    def accept(self) -> None:
        """Write the rows (one transaction); on a refusal say why and stay open."""
        try:
            result = self.records.call(pasting.paste_people, self.db, self.rows)
        except OrganizerError as err:
            self.summary.setText(error_text(err))
            return
        self.person_ids, self.row_actions = result.person_ids, result.actions
        super().accept()


def paste_members(editor: EditorDialog, members: RowsEditor, text: str, html: str) -> bool:
    """Pasted rows of people into an editor's members table (a visit's delegations): the preview shown; once
    confirmed, they join on the side chosen, after the members already listed. False when the clipboard
    holds no rows (the cell takes the text as usual)."""
    rows = pasting.read_pasted(text, html)
    if not rows:
        return False
    dialog = PasteDialog(editor, editor.records, editor.db, rows, with_side=True)

    def add(code: int) -> None:
        if code != QDialog.DialogCode.Accepted:
            return
        ids = [i for i in dialog.person_ids if i is not None]
        people = getattr(editor, "_people", None)
        if isinstance(people, list):  # the members' chooser list: the new people in it
            people[:] = editor.offer(choices.with_people, people, ids)
        kept = members.value()
        listed = {r.get("person_id") for r in kept}
        kept += [{"person_id": i, "side": dialog.chosen_side, "role": ParticipantRole.MEMBER}
                 for i in dict.fromkeys(ids) if i not in listed]
        members.set_value(kept)
        members.edited.emit()

    dialog.finished.connect(add)
    dialog.open()
    return True
