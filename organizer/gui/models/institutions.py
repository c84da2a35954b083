"""The institution tree (units under their parent) as a Qt item model over ``institution_tree``.

The tree is small (hundreds of institutions at most) and read whole. Each index points at an
``_Item`` the model keeps alive in ``self._items``, so ``internalPointer`` is always valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from organizer.domain.records import InstitutionNode, InstitutionRow
from organizer.gui.formatting import enum_label
from organizer.gui.i18n import QT_TRANSLATE_NOOP
from organizer.gui.models import ID_ROLE, SORT_ROLE, column_header
from organizer.services.institutions import institution_tree

if TYPE_CHECKING:  # the GUI only passes the handle on to organizer.services
    from organizer.store.database import Database

COLUMNS = (
    QT_TRANSLATE_NOOP("InstitutionTreeModel", "Name"),
    QT_TRANSLATE_NOOP("InstitutionTreeModel", "Kind"),
    QT_TRANSLATE_NOOP("InstitutionTreeModel", "Place"),
)

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(eq=False)
class _Item:
    row: InstitutionRow
    parent: _Item | None
    position: int
    """Row number among its siblings."""
    children: list[_Item] = field(default_factory=list)


def _cell(row: InstitutionRow, column: int) -> str:
    if column == 0:
        return row.name
    if column == 1:
        return enum_label(row.kind)
    return ", ".join(x for x in (row.city, row.country) if x)


class InstitutionTreeModel(QAbstractItemModel):
    """Top-level institutions sorted by name, each with its units as children."""

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._top: list[_Item] = []
        self._items: dict[int, _Item] = {}
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._items = {}
        self._top = [self._build(node, None, i) for i, node in enumerate(institution_tree(self._db))]
        self.endResetModel()

    def _build(self, node: InstitutionNode, parent: _Item | None, position: int) -> _Item:
        item = _Item(node.row, parent, position)
        self._items[node.row.id] = item
        item.children = [self._build(child, item, i) for i, child in enumerate(node.children)]
        return item

    @property
    def total_count(self) -> int:
        return len(self._items)

    def index_of(self, institution_id: int, column: int = 0) -> QModelIndex:
        """The index of an institution, or an invalid index if it is not in the tree."""
        item = self._items.get(institution_id)
        return QModelIndex() if item is None else self.createIndex(item.position, column, item)

    def _item(self, index: AnyIndex) -> _Item | None:
        return index.internalPointer() if index.isValid() else None

    def _children(self, parent: AnyIndex) -> list[_Item]:
        item = self._item(parent)
        return self._top if item is None else item.children

    # --- Qt overrides ------------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._children(parent)[row])

    def parent(self, child: AnyIndex | None = None) -> Any:
        if child is None:  # QObject.parent()
            return super().parent()
        item = self._item(child)
        if item is None or item.parent is None:
            return QModelIndex()
        return self.createIndex(item.parent.position, 0, item.parent)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self._item(index)
        if item is None:
            return None
        row = item.row
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            names = [row.name] + ([row.short_name] if row.short_name and row.short_name != row.name else [])
            return " — ".join(names)
        if role == ID_ROLE:
            return row.id
        if role == SORT_ROLE:
            return _cell(row, index.column()).casefold()
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return column_header([self.tr(c) for c in COLUMNS], section, orientation, role)
