"""Qt item models over service data: the lazy people list, the institution tree, simple row tables.

Every model exposes the record id under ``ID_ROLE`` so views and proxies can map a selection back to
a record without knowing the model's internals.
"""

from PySide6.QtCore import Qt

ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
"""Item data role holding the record id (an ``int``) of a row."""

SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 2
"""Item data role holding a sort key (a ``str``) for a cell, used by sort proxies."""

__all__ = ["ID_ROLE", "SORT_ROLE"]
