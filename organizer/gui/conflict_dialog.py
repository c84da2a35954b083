"""The choice offered when a save is refused because the record changed elsewhere meanwhile.

The dialog shows every field where my form and the stored record differ, side by side: the value I
started from (when known), mine and theirs. Fields only one side changed are marked as taken
automatically; for each field both changed, a box chooses mine or theirs. Three ways out:

- **Keep mine**: my whole form is saved on top of the new version (their changes to the fields
  listed are overwritten);
- **Keep theirs**: my edit is dropped and the editor shows the stored record;
- **Merge**: the automatic picks plus my choice per conflicting field.

The merge itself is ``domain.conflicts`` (tested without Qt); the editor (``editors.base``) saves the
result through the normal update, with the version check and the undo stack.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date, datetime
from enum import Enum, StrEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from organizer.domain.conflicts import FieldDiff, MergePlan, Side, keep_mine, resolve
from organizer.domain.fields import FieldTable, table_of
from organizer.gui import messages
from organizer.gui.formatting import enum_label
from organizer.gui.history import field_name

CELL_LIMIT = 200
"""Characters of a value shown in a cell (the whole value is in the cell's tooltip)."""

MINE, THEIRS, MERGE = "mine", "theirs", "merge"


def show_value(value: Any) -> str:
    """A field's value as one readable line: lists joined with "; ", rows by their fields."""
    if value is None or value == "" or value == ():
        return "—"
    if isinstance(value, StrEnum):
        return enum_label(value)
    if isinstance(value, Enum):
        return str(value.value).replace("_", " ")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return QCoreApplication.translate("ConflictDialog", "yes") if value else \
            QCoreApplication.translate("ConflictDialog", "no")
    if isinstance(value, bytes):
        return f"({len(value):,} bytes)"
    if isinstance(value, tuple | list):
        return "; ".join(show_value(v) for v in value) or "—"
    if is_dataclass(value) and not isinstance(value, type):
        parts = [show_value(getattr(value, f.name)) for f in fields(value)
                 if f.name != "id" and getattr(value, f.name) not in (None, "", (), False, 0)]
        return ", ".join(p for p in parts if p != "—")
    return " ".join(str(value).split())


def field_label(name: str, table: FieldTable | None = None) -> str:
    """A field's name in the interface language: ``notes`` -> ``Notes``, ``logistics.lodging`` ->
    ``Logistics: lodging`` (the labels of ``table``, the kind's field table, ``organizer.domain.fields``)."""
    head, _, rest = name.partition(".")
    text = messages.field_label(head, table)
    text = text[:1].upper() + text[1:]
    return f"{text}: {field_name(name, table.kind if table is not None else None)}" if rest else text


class ConflictDialog(QDialog):
    """Both versions side by side and the three choices; ``outcome`` is mine, theirs or merge."""

    def __init__(self, plan: MergePlan[Any], what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflict")
        self.plan = plan
        self.field_table = table_of(plan.mine)
        self.outcome: str | None = None
        self.choosers: dict[str, QComboBox] = {}
        self.setWindowTitle(self.tr("Changed elsewhere"))
        self.setModal(True)
        self.setMinimumWidth(760)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("This %1 was changed elsewhere while you were editing it. The fields that differ "
                               "are below: choose which version to keep, or merge them field by field "
                               "(fields only one side changed are taken from that side).").replace("%1", what))
        intro.setWordWrap(True)
        self.intro = intro
        layout.addWidget(intro)

        columns = [self.tr("Field"), self.tr("I started from"), self.tr("Mine"), self.tr("Theirs (stored now)"),
                   self.tr("Take")]
        self.table = QTableWidget(len(plan.diffs), len(columns))
        self.table.setObjectName("conflict_fields")
        self.table.setHorizontalHeaderLabels(columns)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for row, diff in enumerate(plan.diffs):
            self._fill_row(row, diff)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table)

        self.buttons = QDialogButtonBox()
        self.keep_mine_button: QPushButton = self.buttons.addButton(
            self.tr("Keep &mine"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.keep_mine_button.setToolTip(self.tr("Save my whole form over the other change"))
        self.keep_theirs_button: QPushButton = self.buttons.addButton(
            self.tr("Keep &theirs"), QDialogButtonBox.ButtonRole.RejectRole)
        self.keep_theirs_button.setToolTip(self.tr("Drop my changes and show the stored version"))
        self.merge_button: QPushButton = self.buttons.addButton(
            self.tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setToolTip(self.tr("Save the fields as chosen above"))
        self.merge_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.keep_mine_button.clicked.connect(lambda: self._finish(MINE))
        self.keep_theirs_button.clicked.connect(lambda: self._finish(THEIRS))
        self.merge_button.clicked.connect(lambda: self._finish(MERGE))
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)

    def _fill_row(self, row: int, diff: FieldDiff) -> None:
        values = (field_label(diff.name, self.field_table),
                  show_value(diff.base) if diff.has_base else self.tr("(not kept)"),
                  show_value(diff.mine), show_value(diff.theirs))
        for column, text in enumerate(values):
            item = QTableWidgetItem(text if len(text) <= CELL_LIMIT else text[:CELL_LIMIT] + "…")
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, diff.name)
            self.table.setItem(row, column, item)
        if diff.conflict:
            chooser = QComboBox()
            chooser.setObjectName(f"take_{diff.name}")
            chooser.addItem(self.tr("Mine"), MINE)
            chooser.addItem(self.tr("Theirs"), THEIRS)
            chooser.setAccessibleName(self.tr("Take for %1").replace("%1", field_label(diff.name, self.field_table)))
            self.choosers[diff.name] = chooser
            self.table.setCellWidget(row, 4, chooser)
        else:
            text = self.tr("mine (only I changed it)") if diff.taken == MINE else \
                self.tr("theirs (only they changed it)")
            self.table.setItem(row, 4, QTableWidgetItem(text))

    def choose(self, name: str, side: Side) -> None:
        """Take ``side`` for the conflicting field ``name`` (what the row's box does)."""
        chooser = self.choosers[name]
        chooser.setCurrentIndex(chooser.findData(side))

    def choices(self) -> dict[str, Side]:
        return {name: "theirs" if box.currentData() == THEIRS else "mine" for name, box in self.choosers.items()}

    def result_data(self) -> Any:
        """The input to save for the chosen outcome (None for "keep theirs": nothing to save)."""
        if self.outcome == MINE:
            return keep_mine(self.plan)
        if self.outcome == MERGE:
            return resolve(self.plan, self.choices())
        return None

    def _finish(self, outcome: str) -> None:
        self.outcome = outcome
        self.accept()
