"""The institution tree (units under their parent) as a Qt item model over ``institution_tree``.

The tree is small (a few thousand institutions at most) and read whole. Each index points at an
``_Item`` the model keeps alive in ``self._items``, so ``internalPointer`` is always valid.
``set_tree(nodes, visible)`` shows only the institutions in ``visible`` and their ancestors (a filter
keeps the tree's shape); the tab reads the tree on a worker thread and hands it over.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt

from organizer.domain.records import InstitutionNode, InstitutionRow
from organizer.gui.formatting import enum_label
from organizer.gui.models import ID_ROLE, SORT_ROLE, column_header

if TYPE_CHECKING:  # the GUI only passes the handle on to organizer.services
    from organizer.store.database import Database

def _headers() -> tuple[str, ...]:
    return (QCoreApplication.translate("InstitutionTreeModel", "Name"),
            QCoreApplication.translate("InstitutionTreeModel", "Kind"),
            QCoreApplication.translate("InstitutionTreeModel", "Place"))


COLUMNS = ("Name", "Kind", "Place")

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(eq=False)
class _Item:
    row: InstitutionRow
    parent: _Item | None
    position: int
    """Row number among its siblings."""
    children: list[_Item] = field(default_factory=list)


_Pending = tuple[InstitutionNode, _Item | None, int]
"""A node to build, the item of its parent (None at the top) and its row among its siblings."""


def _shown(nodes: Sequence[InstitutionNode], visible: Collection[int]) -> set[int]:
    """Ids of the nodes that are visible or have a visible unit somewhere below them (no recursion: a chain
    of institutions can be deeper than Python's stack)."""
    order: list[InstitutionNode] = []
    stack = list(nodes)
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(node.children)
    shown: set[int] = set()
    for node in reversed(order):  # units before their parents
        if node.row.id in visible or any(c.row.id in shown for c in node.children):
            shown.add(node.row.id)
    return shown


def _cell(row: InstitutionRow, column: int) -> str:
    if column == 0:
        return row.name
    if column == 1:
        return enum_label(row.kind)
    return ", ".join(x for x in (row.city, row.country) if x)


class InstitutionTreeModel(QAbstractItemModel):
    """Top-level institutions sorted by name, each with its units as children."""

    def __init__(self, db: Database, parent: QObject | None = None, *, load: bool = True) -> None:
        super().__init__(parent)
        self._db = db
        self._top: list[_Item] = []
        self._items: dict[int, _Item] = {}
        if load:
            self.reload()

    def reload(self) -> None:
        from organizer.services.institutions import institution_tree

        self.set_tree(institution_tree(self._db))

    def set_tree(self, nodes: Sequence[InstitutionNode], visible: Collection[int] | None = None) -> None:
        """Show these nodes; with ``visible``, only those institutions and the ones above them."""
        self.beginResetModel()
        self._items = {}
        self._top = []
        shown = None if visible is None else _shown(nodes, visible)

        def kept(items: Sequence[InstitutionNode], parent: _Item | None) -> list[_Pending]:
            items = [n for n in items if shown is None or n.row.id in shown]
            return [(node, parent, i) for i, node in enumerate(items)][::-1]

        stack = kept(nodes, None)  # depth first, each unit after its parent and before the parent's next unit
        while stack:
            node, parent, position = stack.pop()
            item = _Item(node.row, parent, position)
            self._items[node.row.id] = item
            (self._top if parent is None else parent.children).append(item)
            stack.extend(kept(node.children, item))
        self.endResetModel()

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
        return column_header(_headers(), section, orientation, role)
