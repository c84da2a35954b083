"""The people list as a lazy table model (the Anki browser's pattern).

The model holds only the ordered id list from ``person_ids`` and reports its full length as the row
count, so the scroll bar shows the true size. Rows are built on the first ``data()`` call for them:
``people_rows`` fetches the whole batch of ``BATCH_SIZE`` around the row and the batch is kept. Jumping
to any row (``row_of``, the end of the scroll bar) costs one batch, however far down it is; scrolling
to the end loads only the batches that were shown. ``reload`` re-reads the ids, e.g. after F5.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from organizer.domain.records import PersonRow
from organizer.gui.i18n import QT_TRANSLATE_NOOP
from organizer.gui.models import ID_ROLE, SORT_ROLE, column_header
from organizer.services.people import people_rows, person_ids

if TYPE_CHECKING:  # the GUI only passes the handle on to organizer.services
    from organizer.store.database import Database

BATCH_SIZE = 200
COLUMNS = (
    QT_TRANSLATE_NOOP("PeopleModel", "Name"),
    QT_TRANSLATE_NOOP("PeopleModel", "Title"),
    QT_TRANSLATE_NOOP("PeopleModel", "Institution"),
    QT_TRANSLATE_NOOP("PeopleModel", "Tags"),
)

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
        self._position: dict[int, int] = {}
        self._batches: dict[int, dict[int, PersonRow]] = {}
        self.reload()

    # --- loading -----------------------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read the id list and forget the rows built so far (a model reset)."""
        self.beginResetModel()
        self._ids = person_ids(self._db)
        self._position = {ident: row for row, ident in enumerate(self._ids)}
        self._batches = {}
        self.endResetModel()

    def _row(self, row: int) -> PersonRow | None:
        """The row's data, fetching its batch on first use; None for a person deleted meanwhile."""
        number = row // self._batch_size
        batch = self._batches.get(number)
        if batch is None:
            start = number * self._batch_size
            batch = {r.id: r for r in people_rows(self._db, self._ids[start:start + self._batch_size])}
            self._batches[number] = batch
        return batch.get(self._ids[row])

    @property
    def total_count(self) -> int:
        """How many people the list holds."""
        return len(self._ids)

    @property
    def loaded_count(self) -> int:
        """How many rows have been built (batches fetched so far)."""
        return sum(len(batch) for batch in self._batches.values())

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, person_id: int) -> int | None:
        """The row of a person (no database work: the row's batch is fetched when it is shown)."""
        return self._position.get(person_id)

    # --- Qt overrides ------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, SORT_ROLE):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = _cell(row, index.column())
            return text if role == Qt.ItemDataRole.DisplayRole or text else None
        if role == SORT_ROLE:
            return _cell(row, index.column()).casefold()
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return column_header([self.tr(c) for c in COLUMNS], section, orientation, role)
