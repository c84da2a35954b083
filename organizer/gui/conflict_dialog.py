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

from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from enum import Enum, StrEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap, QResizeEvent
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
from organizer.domain.fields import Field, FieldTable, FieldType, table_of
from organizer.domain.fields import resolve as field_at
from organizer.gui import messages
from organizer.gui.formatting import enum_label, fmt_date, fmt_time
from organizer.gui.history import field_name

CELL_LIMIT = 800
"""Characters of a value shown in a cell (the whole value is in the cell's tooltip)."""
TAKE_WIDTH = 200
"""Pixels of the "Take" column at most (its texts wrap)."""
THUMBNAIL = 64
"""Pixels of a photo's thumbnail in a cell."""

MINE, THEIRS, MERGE = "mine", "theirs", "merge"
ATTACHMENTS = "attachments"
"""The extra (``domain.conflicts``) naming the record's attached files."""

Names = Mapping[str, Mapping[int, str]]
"""Records' names by kind and id (``services.names.record_names``)."""


def references(plan: MergePlan[Any]) -> dict[str, set[int]]:
    """The ids of other records the differing fields name, by kind (to be read as names)."""
    found: dict[str, set[int]] = {}
    table = table_of(plan.mine)
    for diff in plan.diffs:
        described = field_at(diff.name, table) if table is not None else None
        for value in (diff.base, diff.mine, diff.theirs):
            _collect(described, value, found)
    return found


def _collect(described: Field | None, value: Any, found: dict[str, set[int]]) -> None:
    if described is None or value is None:
        return
    if described.type is FieldType.REF and isinstance(value, int):
        found.setdefault(described.ref, set()).add(value)
    elif described.type is FieldType.REFS and isinstance(value, tuple | list):
        found.setdefault(described.ref, set()).update(v for v in value if isinstance(v, int))
    elif described.type in (FieldType.ROWS, FieldType.NESTED):
        rows = value if isinstance(value, tuple | list) else [value]
        for row in rows:
            for inner in described.row_table:
                _collect(inner, getattr(row, inner.name, None), found)


def _name(described: Field, ident: Any, names: Names) -> str:
    name = names.get(described.ref, {}).get(ident) if isinstance(ident, int) else None
    return name if name else QCoreApplication.translate("ConflictDialog", "(a deleted record)")


def show_value(value: Any, described: Field | None = None, names: Names | None = None) -> str:
    """A field's value as people read it: records by their names (never ids), choices by their labels,
    dates as the interface writes them, rows one per line ("Evgeny Korzhikov — guest, head of delegation"),
    a photo as "photo" (its picture is in the cell)."""
    names = names or {}
    if value is None or value == "" or value == ():
        return "—"
    if described is not None and described.type is FieldType.REF:
        return _name(described, value, names)
    if described is not None and described.type is FieldType.REFS and isinstance(value, tuple | list):
        return "\n".join(_name(described, v, names) for v in value) or "—"
    if described is not None and described.type is FieldType.ROWS and isinstance(value, tuple | list):
        return "\n".join(_row_text(row, described.row_table, names) for row in value) or "—"
    if described is not None and described.type is FieldType.NESTED and is_dataclass(value):
        return _row_text(value, described.row_table, names)
    if isinstance(value, StrEnum):
        return enum_label(value)
    if isinstance(value, Enum):
        return str(value.value).replace("_", " ")
    if isinstance(value, datetime):
        return f"{fmt_date(value.date())} {fmt_time(value)}"
    if isinstance(value, date):
        return fmt_date(value)
    if isinstance(value, bool):
        return (QCoreApplication.translate("ConflictDialog", "yes") if value
                else QCoreApplication.translate("ConflictDialog", "no"))
    if isinstance(value, bytes):
        return QCoreApplication.translate("ConflictDialog", "photo")
    if isinstance(value, tuple | list):
        return "; ".join(show_value(v, None, names) for v in value) or "—"
    if is_dataclass(value) and not isinstance(value, type):
        return _row_text(value, table_of(value), names)
    return " ".join(str(value).split())


def _row_text(row: Any, table: FieldTable | None, names: Names) -> str:
    """One row: the records it names first, then its other values (``1.`` for a precedence)."""
    if table is None:
        parts = [show_value(getattr(row, f.name), None, names) for f in fields(row)]
        return ", ".join(p for p in parts if p != "—")
    named: list[str] = []
    others: list[str] = []
    rank = ""
    for described in table:
        value = getattr(row, described.name, None)
        if described.type in (FieldType.ID, FieldType.UID) or value in (None, "", (), False):
            continue
        if described.name == "precedence" and isinstance(value, int):
            rank = f"{value}. "
            continue
        text = show_value(value, described, names)
        if text == "—":
            continue
        (named if described.type in (FieldType.REF, FieldType.REFS) else others).append(text)
    head = ", ".join(named)
    tail = ", ".join(others)
    return rank + (f"{head} — {tail}" if head and tail else head or tail)


def field_label(name: str, table: FieldTable | None = None) -> str:
    """A field's name in the interface language: ``notes`` -> ``Notes``, ``logistics.lodging`` ->
    ``Logistics: lodging`` (the labels of ``table``, the kind's field table, ``organizer.domain.fields``)."""
    if name == ATTACHMENTS:
        return QCoreApplication.translate("ConflictDialog", "Attached files")
    head, _, rest = name.partition(".")
    text = messages.field_label(head, table)
    text = text[:1].upper() + text[1:]
    return f"{text}: {field_name(name, table.kind if table is not None else None)}" if rest else text


def _thumbnail(content: bytes) -> QPixmap | None:
    pixmap = QPixmap()
    if not pixmap.loadFromData(content):
        return None
    return pixmap.scaled(THUMBNAIL, THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio,
                         Qt.TransformationMode.SmoothTransformation)


class ConflictDialog(QDialog):
    """Both versions side by side and the three choices; ``outcome`` is mine, theirs or merge."""

    def __init__(self, plan: MergePlan[Any], what: str, parent: QWidget | None = None,
                 names: Names | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflict")
        self.plan = plan
        self.names: Names = names or {}
        """The names of the records the differing fields refer to (``references``, read by the editor)."""
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

        columns = [self.tr("Field"), self.tr("I started from"), self.tr("Mine"),
                   self.tr("Theirs (stored now)", "the other user's version"), self.tr("Take")]
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
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(4)
        self.table.setColumnWidth(4, min(self.table.columnWidth(4), TAKE_WIDTH))
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
        described = field_at(diff.name, self.field_table) if self.field_table is not None else None
        values = (field_label(diff.name, self.field_table),
                  show_value(diff.base, described, self.names) if diff.has_base else self.tr("(not kept)"),
                  show_value(diff.mine, described, self.names), show_value(diff.theirs, described, self.names))
        raw = (None, diff.base if diff.has_base else None, diff.mine, diff.theirs)
        for column, text in enumerate(values):
            item = QTableWidgetItem(text if len(text) <= CELL_LIMIT else text[:CELL_LIMIT] + "…")
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, diff.name)
            value = raw[column]
            picture = _thumbnail(value) if isinstance(value, bytes) else None
            if picture is not None:
                item.setData(Qt.ItemDataRole.DecorationRole, picture)
            self.table.setItem(row, column, item)
        if diff.conflict:
            chooser = QComboBox()
            chooser.setObjectName(f"take_{diff.name}")
            chooser.addItem(self.tr("Mine"), MINE)
            chooser.addItem(self.tr("Theirs", "the other user's version"), THEIRS)
            chooser.setAccessibleName(self.tr("Take for %1").replace("%1", field_label(diff.name, self.field_table)))
            self.choosers[diff.name] = chooser
            self.table.setCellWidget(row, 4, chooser)
        else:
            text = self.tr("mine (only I changed it)") if diff.taken == MINE else \
                self.tr("theirs (only they changed it)")
            self.table.setItem(row, 4, QTableWidgetItem(text))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Rows as high as their wrapped text at the widths the columns have now."""
        super().resizeEvent(event)
        self.table.resizeRowsToContents()

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
