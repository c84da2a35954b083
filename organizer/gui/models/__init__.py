"""Qt item models over service data: the lazy people list, the institution tree, simple row tables.

Every model exposes the record id under ``ID_ROLE`` so views and proxies can map a selection back to
a record without knowing the model's internals.
"""

from collections.abc import Sequence

from PySide6.QtCore import Qt

ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
"""Item data role holding the record id (an ``int``) of a row."""

SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 2
"""Item data role holding a sort key (a ``str``) for a cell, used by sort proxies."""



def column_header(headers: Sequence[str], section: int, orientation: Qt.Orientation, role: int) -> str | None:
    """``headerData`` for a model whose columns have these titles (no vertical header text)."""
    if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(headers):
        return headers[section]
    return None


__all__ = ["ID_ROLE", "SORT_ROLE", "column_header"]
