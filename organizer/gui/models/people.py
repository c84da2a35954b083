"""The people list as a lazy table model (Qt's "Fetch More" pattern).

The model holds only the ordered id list from ``person_ids``; rows are fetched with ``people_rows`` in
batches of ``BATCH_SIZE`` as the view scrolls (``canFetchMore``/``fetchMore``) and kept. A database of
tens of thousands of people opens as fast as one of six. ``reload`` re-reads the ids, e.g. after F5.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from organizer.domain.records import PersonRow
from organizer.gui.models import ID_ROLE, SORT_ROLE, column_header
from organizer.services.people import people_rows, person_ids

if TYPE_CHECKING:  # the GUI only passes the handle on to organizer.services
    from organizer.store.database import Database

BATCH_SIZE = 200
COLUMNS = ("Name", "Title", "Institution", "Tags")

AnyIndex = QModelIndex | QPersistentModelIndex


def _cell(row: PersonRow, column: int) -> str:
    if column == 0:
        return row.full_name
    if column == 1:
        return row.current_title or ""
    if column == 2:
        return row.current_institution or ""
    return ", ".join(row.tags)


class PeopleModel(QAbstractTableModel):
    """People in name order; only the rows fetched so far are visible to views."""

    def __init__(self, db: Database, parent: QObject | None = None, *, batch_size: int = BATCH_SIZE) -> None:
        super().__init__(parent)
        self._db = db
        self._batch_size = batch_size
        self._ids: list[int] = []
        self._rows: list[PersonRow] = []
        self.reload()

    # --- loading -----------------------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read the id list and the first batch of rows (a model reset)."""
        self.beginResetModel()
        self._ids = person_ids(self._db)
        self._rows = []
        self._rows.extend(self._next_batch())
        self.endResetModel()

    def _next_batch(self) -> list[PersonRow]:
        """Fetch the rows after those already loaded; ids deleted meanwhile drop out of the list."""
        start = len(self._rows)
        wanted = self._ids[start:start + self._batch_size]
        rows = people_rows(self._db, wanted)
        if len(rows) != len(wanted):
            self._ids[start:start + len(wanted)] = [r.id for r in rows]
        return rows

    @property
    def total_count(self) -> int:
        """How many people the list holds, fetched or not."""
        return len(self._ids)

    @property
    def loaded_count(self) -> int:
        return len(self._rows)

    def id_at(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, person_id: int) -> int | None:
        """The row of a person, fetching batches until it is loaded; None if not in the list.

        Loaded rows always mirror the start of the id list, so the row is the id's position.
        """
        while person_id in self._ids:
            position = self._ids.index(person_id)
            if position < len(self._rows):
                return position
            self.fetchMore(QModelIndex())
        return None

    # --- Qt overrides ------------------------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and len(self._rows) < len(self._ids)

    def fetchMore(self, parent: AnyIndex) -> None:
        if parent.isValid():
            return
        rows = self._next_batch()
        if not rows:
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = _cell(row, index.column())
            return text if role == Qt.ItemDataRole.DisplayRole or text else None
        if role == ID_ROLE:
            return row.id
        if role == SORT_ROLE:
            return _cell(row, index.column()).casefold()
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return column_header(COLUMNS, section, orientation, role)
