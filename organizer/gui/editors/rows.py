"""The tables of the editors and the choice field: ``RowsModel`` is the editable table behind every list
inside a record (name variants, positions, e-mails, participants...): rows of plain values, cells edited
in place (choices through a combo box, records through a ``picker.RecordPicker``), rows reordered by drag
and drop or with the Up/Down buttons (a visit's order of precedence, numbered per side: ``rank_by``).
``ChoiceField`` is one of a list of (value, label). ``table.RowsEditor`` shows a ``RowsModel`` for
editing; ``fields`` re-exports them all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QCompleter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from organizer.domain import dates
from organizer.gui.editors.picker import RecordPicker

AnyIndex = QModelIndex | QPersistentModelIndex
Choices = Callable[[], Sequence[tuple[Any, str]]]
Search = Callable[[str], Sequence[tuple[Any, str]]]
ROW_MIME = "application/x-organizer-row"
BLANK = "__blank__"
"""Marks a row added for typing the next record (``RowsEditor.next_row``): left out while nothing is picked."""


class ChoiceField(QComboBox):
    """One of a list of (value, label); ``optional`` adds a "none" entry. Typing filters long lists."""

    edited = Signal()

    def __init__(self, choices: Sequence[tuple[Any, str]], *, optional: bool = False,
                 parent: QWidget | None = None, search: Search | None = None) -> None:
        super().__init__(parent)
        self._optional = optional
        self._search = search
        self.set_choices(choices)
        self.currentIndexChanged.connect(self.edited)
        if search is not None:
            self.setEditable(True)
            line = self.lineEdit()
            if line is not None:
                line.textEdited.connect(self._offer_matches)

    def _offer_matches(self, text: str) -> None:
        """Add the records matching the typed text that the list does not hold yet (a long list is cut)."""
        if self._search is None or len(text.strip()) < 2:
            return
        for value, label in self._search(text.strip()):
            if self.findData(value) < 0:
                self.addItem(label, value)

    def set_choices(self, choices: Sequence[tuple[Any, str]]) -> None:
        current = self.value() if self.count() else None
        self.blockSignals(True)
        self.clear()
        if self._optional:
            self.addItem(self.tr("—"), None)
        for value, label in choices:
            self.addItem(label, value)
        if len(choices) > 15:
            self.setEditable(True)
            self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            completer = self.completer()
            if completer is not None:
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
                completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.blockSignals(False)
        if current is not None:
            self.set_value(current)

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        index = self.findData(value)
        self.setCurrentIndex(index if index >= 0 else 0)



# --- rows -----------------------------------------------------------------------------------------


@dataclass
class RowColumn:
    """One column of a ``RowsModel``: ``kind`` is ``text``, ``date``, ``check`` or ``choice``."""

    key: str
    title: str
    kind: str = "text"
    choices: Choices | None = None
    default: Any = ""
    width: int = 0
    labels: dict[Any, str] = field(default_factory=dict)
    search: Search | None = None
    """For a choice among many records: finds those matching typed text beyond ``choices``."""
    pick: Callable[[QWidget], RecordPicker] | None = None
    """For a choice of a record: the cell is edited with this ``picker.RecordPicker`` (type a name, Enter
    picks, "Create «…»"); ``choices`` then only names the values already in the rows."""
    inherit: bool = False
    """A row added for typing the next record takes this column's value from the row above (a side)."""
    describe: Callable[[Sequence[Any]], dict[Any, str]] | None = None
    """For a choice of a record: the labels of records by id, read when rows are set or added."""
    space: bool = False
    """For a check column: Space in any cell of a row ticks or unticks it (who attends a meeting)."""


class RowsModel(QAbstractTableModel):
    """Editable rows of plain values (one dict per row), reorderable by drag and drop."""

    edited = Signal()

    def __init__(self, columns: Sequence[RowColumn], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[dict[str, Any]] = []
        self.rank_by: str | None = None
        """Rows are numbered within each value of this column (a visit's precedence restarts per side)."""
        self.dataChanged.connect(self._renumber)
        self.rowsMoved.connect(self._renumber)
        self.rowsRemoved.connect(self._renumber)

    # --- content ---------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = [self._complete(r) for r in rows]
        self.endResetModel()
        self.edited.emit()

    def _complete(self, row: dict[str, Any]) -> dict[str, Any]:
        return {c.key: row.get(c.key, c.default) for c in self.columns} | {
            k: v for k, v in row.items() if k not in {c.key for c in self.columns}}

    def add_row(self, values: dict[str, Any] | None = None, *, blank: bool = False) -> int:
        position = len(self.rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self.rows.append(self._complete(values or {}) | ({BLANK: True} if blank else {}))
        self.endInsertRows()
        self.edited.emit()
        return position

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.removeRows(row, 1)

    def move_row(self, source: int, destination: int) -> bool:
        """Move row ``source`` so it ends up at index ``destination``."""
        if not (0 <= source < len(self.rows) and 0 <= destination < len(self.rows)) or source == destination:
            return False
        return self.moveRows(QModelIndex(), source, 1, QModelIndex(),
                             destination + 1 if destination > source else destination)

    def label(self, column: RowColumn, value: Any) -> str:
        if column.kind == "choice":
            if column.choices is not None and value not in column.labels:
                column.labels.update(dict(column.choices()))
            return column.labels.get(value, "" if value is None else str(value))
        if isinstance(value, date):
            return value.isoformat()
        return "" if value is None else str(value)

    # --- Qt overrides ----------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
                return self.columns[section].title
            if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
                if self.rank_by is not None:
                    group = self.rows[section].get(self.rank_by)
                    return str(sum(1 for r in self.rows[:section + 1] if r.get(self.rank_by) == group))
                return str(section + 1)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        column = self.columns[index.column()]
        value = self.rows[index.row()][column.key]
        if column.kind == "check":
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.label(column, value)
        if role == Qt.ItemDataRole.EditRole:
            return value if column.kind == "choice" else self.label(column, value)
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return False
        column = self.columns[index.column()]
        if column.kind == "check":
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            value = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        elif role != Qt.ItemDataRole.EditRole:
            return False
        elif column.kind == "date":
            try:
                value = dates.parse_date(str(value or ""))
            except ValueError:
                return False
        elif column.kind == "text":
            value = "" if value is None else str(value)
        self.rows[index.row()][column.key] = value
        self.dataChanged.emit(index, index, [role, Qt.ItemDataRole.DisplayRole])
        self.edited.emit()
        return True

    def _renumber(self, *_args: Any) -> None:
        if self.rank_by is not None and self.rows:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self.rows) - 1)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        if self.columns[index.column()].kind == "check":
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def removeRows(self, row: int, count: int, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or row < 0 or count < 1 or row + count > len(self.rows):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self.rows[row:row + count]
        self.endRemoveRows()
        self.edited.emit()
        return True

    def moveRows(self, source_parent: AnyIndex, source_row: int, count: int, destination_parent: AnyIndex,
                 destination_child: int) -> bool:
        if source_parent.isValid() or destination_parent.isValid() or count < 1:
            return False
        if source_row < 0 or source_row + count > len(self.rows) or not 0 <= destination_child <= len(self.rows):
            return False
        if source_row <= destination_child <= source_row + count:
            return False  # no move
        if not self.beginMoveRows(QModelIndex(), source_row, source_row + count - 1, QModelIndex(),
                                  destination_child):
            return False
        moving = self.rows[source_row:source_row + count]
        del self.rows[source_row:source_row + count]
        insert_at = destination_child - count if destination_child > source_row else destination_child
        self.rows[insert_at:insert_at] = moving
        self.endMoveRows()
        self.edited.emit()
        return True

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROW_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            mime.setData(ROW_MIME, QByteArray(str(rows[0]).encode()))
        return mime

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: AnyIndex) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(ROW_MIME):
            return False
        source = int(bytes(data.data(ROW_MIME).data()).decode() or -1)
        target = parent.row() if row < 0 and parent.isValid() else row
        if target < 0:
            target = len(self.rows)
        self.moveRows(QModelIndex(), source, 1, QModelIndex(), target)
        return False  # the move is done: the view must not remove the source row


class ChoiceDelegate(QStyledItemDelegate):
    """Edits the choice columns of a ``RowsModel`` with a ``ChoiceField``, or with the column's
    ``RecordPicker``: a record picked there is stored at once and ``picked_at`` names its cell."""

    picked_at = Signal(int, int)

    def __init__(self, model: RowsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        column = self._model.columns[index.column()]
        if column.kind == "choice" and column.pick is not None:
            picker = column.pick(parent)
            picker.setFrame(False)
            picker.cell = (index.row(), index.column())  # type: ignore[attr-defined]
            picker.picked.connect(self._picked)
            return picker
        if column.kind != "choice" or column.choices is None:
            return super().createEditor(parent, option, index)
        editor = ChoiceField(column.choices(), optional=column.default is None, parent=parent, search=column.search)
        editor.setFrame(False)
        return editor

    def _picked(self) -> None:
        picker = self.sender()
        if not isinstance(picker, RecordPicker):
            return
        self.commitData.emit(picker)
        self.closeEditor.emit(picker, QAbstractItemDelegate.EndEditHint.NoHint)
        row, column = picker.cell  # type: ignore[attr-defined]
        self.picked_at.emit(row, column)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, RecordPicker):
            value = index.data(Qt.ItemDataRole.EditRole)
            editor.set_value(value, self._model.label(self._model.columns[index.column()], value))
        elif isinstance(editor, ChoiceField):
            editor.set_value(index.data(Qt.ItemDataRole.EditRole))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: AnyIndex) -> None:
        if isinstance(editor, RecordPicker):
            if editor.value() is None and editor.text().strip():
                return  # typed but nothing picked: the cell keeps what it had
            self._model.columns[index.column()].labels[editor.value()] = editor.label()
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, ChoiceField):
            column = self._model.columns[index.column()]
            column.labels[editor.value()] = editor.currentText()
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)
