"""``RowsEditor``: a ``rows.RowsModel`` in a table with Add, Remove (Delete) and, for an order that matters,
Up and Down (Ctrl+Up/Down; rows also drag), made for the keyboard: typing in a cell opens it with what is
typed, a record picked moves on to the next row (a new one at the end), an empty table that picks records
gets a row to type in when it gets the focus, Tab leaves the table; a table copied from a spreadsheet may
be pasted (``enable_paste``).
"""

from __future__ import annotations

import inspect
import weakref
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from organizer.gui.editors.rows import BLANK, ChoiceDelegate, RowColumn, RowsModel


class RowsEditor(QWidget):
    """A ``RowsModel`` in a table with Add, Remove, Up and Down buttons (rows also drag to reorder)."""

    edited = Signal()

    def _fitting_width(self, column: RowColumn) -> int:
        """The width that shows ``column``'s title and its fixed labels whole (the delegate's arrow included)."""
        header = self.view.horizontalHeader()
        margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        need = header.fontMetrics().horizontalAdvance(column.title) + 2 * margin + 8
        labels = [str(t) for t in column.labels.values()]
        if column.kind == "choice" and column.choices is not None and column.search is None and column.pick is None:
            offered = column.choices()  # a fixed list (sides, roles): records are searched, never listed here
            labels += [str(label) for _value, label in offered] if len(offered) <= 50 else []
        if labels:
            need = max(need, max(self.view.fontMetrics().horizontalAdvance(t) for t in labels) + 28)
        return need

    def __init__(self, columns: Sequence[RowColumn], parent: QWidget | None = None, *,
                 reorder: bool = False, rank_by: str | None = None) -> None:
        super().__init__(parent)
        self.model = RowsModel(columns, self)
        self.model.rank_by = rank_by
        self.model.edited.connect(self.edited)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.delegate = ChoiceDelegate(self.model, self.view)
        self.delegate.picked_at.connect(self.next_row)
        self.view.setItemDelegate(self.delegate)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Every trigger but moving onto a cell: arrows move freely, typing opens the cell with what is typed.
        triggers = QAbstractItemView.EditTrigger
        self.view.setEditTriggers(triggers.DoubleClicked | triggers.SelectedClicked | triggers.EditKeyPressed
                                  | triggers.AnyKeyPressed)
        self.view.setTabKeyNavigation(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(reorder)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        self.view.setMinimumHeight(self.view.fontMetrics().height() * 6)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        for number, column in enumerate(columns):
            if column.width:
                self.view.setColumnWidth(number, column.width)
            else:
                header.setSectionResizeMode(number, QHeaderView.ResizeMode.Interactive)
            # never narrower than its title or its longest fixed label (a side, a role) in this language
            need = self._fitting_width(column)
            if need > self.view.columnWidth(number):
                self.view.setColumnWidth(number, need)
        if reorder:
            self.view.setDragEnabled(True)
            self.view.setAcceptDrops(True)
            self.view.setDropIndicatorShown(True)
            self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
            self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.add_button = QPushButton(self.tr("Add"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        if reorder:
            self.up_button = QPushButton(self.tr("Up"))
            self.down_button = QPushButton(self.tr("Down"))
            self.up_button.clicked.connect(lambda: self._move(-1))
            self.down_button.clicked.connect(lambda: self._move(1))
            buttons.addWidget(self.up_button)
            buttons.addWidget(self.down_button)
        buttons.addStretch(1)
        self._buttons = buttons
        # Tab goes from table to field, past these buttons: the keys do their work in the table (Delete
        # removes the row, Ctrl+Up/Down move it), and an empty table that picks records gets a row to type
        # in when it gets the focus.
        self.remove_button.setToolTip(self.tr("Delete in the table"))
        for button in (self.add_button, self.remove_button):
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        if reorder:
            self.up_button.setToolTip(self.tr("Ctrl+Up in the table"))
            self.down_button.setToolTip(self.tr("Ctrl+Down in the table"))
            self.up_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            self.down_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.view.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(buttons)

    def enable_paste(self, handler: Callable[[str, str], bool]) -> None:
        """Let a table copied from a spreadsheet, Word or a web page be pasted here (Ctrl+V in the table, or
        the "Paste a table…" button): ``handler(text, html)`` gets the clipboard's text and HTML and says
        whether it took them (a single value pastes into the cell as usual)."""
        # A bound method (an editor's) is held weakly: the table must not keep its editor alive in a cycle
        # (tests/gui/test_editor_lifetime.py).
        self._paste_handler = weakref.WeakMethod(handler) if inspect.ismethod(handler) else (lambda: handler)
        self.paste_button = QPushButton(self.tr("Paste a table…"))
        self.paste_button.setToolTip(self.tr("People copied from a spreadsheet, Word or a web page: one a row, "
                                             "name, title and institution (Ctrl+V in the table)"))
        self.paste_button.clicked.connect(self.paste_table)
        self.paste_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Ctrl+V in the table
        self._buttons.insertWidget(self._buttons.count() - 1, self.paste_button)
        self.view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            control = event.modifiers() == Qt.KeyboardModifier.ControlModifier
            spaced = [n for n, c in enumerate(self.model.columns) if c.space]
            if event.key() == Qt.Key.Key_Space and not event.modifiers() and spaced and self.model.rows:
                index = self.model.index(max(self.view.currentIndex().row(), 0), spaced[0])
                ticked = self.model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
                self.model.setData(index, Qt.CheckState.Unchecked if ticked else Qt.CheckState.Checked,
                                   Qt.ItemDataRole.CheckStateRole)
                self.view.setCurrentIndex(index.siblingAtColumn(max(self.view.currentIndex().column(), 0)))
                return True
            if event.key() == Qt.Key.Key_Delete and not event.modifiers() and self.model.rows:
                self._remove()
                return True
            if control and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and hasattr(self, "up_button"):
                self._move(-1 if event.key() == Qt.Key.Key_Up else 1)
                return True
        if watched is self.view and event.type() == QEvent.Type.FocusIn and not self.model.rows:
            picks = [n for n, c in enumerate(self.model.columns) if c.pick is not None]
            if picks:
                self.view.setCurrentIndex(self.model.index(self.model.add_row(blank=True), picks[0]))
        if (watched is self.view and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.matches(QKeySequence.StandardKey.Paste) and self._paste()):
            return True
        return super().eventFilter(watched, event)

    def paste_table(self) -> bool:
        """The "Paste a table…" button: whatever text the clipboard holds is offered as rows."""
        return self._paste(force=True)

    def _paste(self, *, force: bool = False) -> bool:
        ref = getattr(self, "_paste_handler", None)
        handler = ref() if ref is not None else None
        if handler is None:
            return False
        text, html = clipboard()
        table = "\t" in text or "\n" in text.strip() or "<table" in html.casefold()
        if not (table or (force and text.strip())):
            return False
        return bool(handler(text, html))

    def value(self) -> list[dict[str, Any]]:
        picks = [c.key for c in self.model.columns if c.pick is not None]
        return [{k: v for k, v in r.items() if k != BLANK} for r in self.model.rows
                if not (r.get(BLANK) and all(r[k] is None for k in picks))]

    def next_row(self, row: int, column: int) -> None:
        """After a record was picked in (row, column): the same column of the next row, a new one if it
        was the last, ready for typing the next name."""
        if row == len(self.model.rows) - 1:
            above = self.model.rows[row]
            self.model.add_row({c.key: above[c.key] for c in self.model.columns if c.inherit}, blank=True)
        self.view.setFocus()  # first: moving there opens the cell's editor, which then takes the focus
        self.view.setCurrentIndex(self.model.index(row + 1, column))

    def set_value(self, rows: Sequence[dict[str, Any]]) -> None:
        self._name(rows)
        self.model.set_rows(rows)

    def add_row(self, values: dict[str, Any] | None = None) -> int:
        self._name([values or {}])
        return self.model.add_row(values)

    def _name(self, rows: Sequence[dict[str, Any]]) -> None:
        """Labels for the records these rows name that the columns do not know yet (``RowColumn.describe``),
        read now rather than while the table paints."""
        for column in self.model.columns:
            if column.describe is not None:
                unknown = [r[column.key] for r in rows if r.get(column.key) is not None
                           and r[column.key] not in column.labels]
                if unknown:
                    column.labels.update(column.describe(list(dict.fromkeys(unknown))))

    def _add(self) -> None:
        """A new row, the keyboard in it; in a table that picks records, a row left without one is left out."""
        row = self.model.add_row(blank=any(c.pick is not None for c in self.model.columns))
        self.view.setFocus()
        self.view.setCurrentIndex(self.model.index(row, 0))

    def _remove(self) -> None:
        self.model.remove_row(self.view.currentIndex().row())

    def _move(self, step: int) -> None:
        row = self.view.currentIndex().row()
        if self.model.move_row(row, row + step):
            self.view.selectRow(row + step)


def clipboard() -> tuple[str, str]:
    """The clipboard's text and HTML ("" for what it does not hold): what a pasted table is read from."""
    mime = QApplication.clipboard().mimeData()
    if mime is None:
        return "", ""
    return mime.text() if mime.hasText() else "", mime.html() if mime.hasHtml() else ""
