"""Preferences and window state kept between sessions (QSettings, an INI file in the user's config folder).

What is kept: the interface language, the user name for the audit trail ("user name"), the recently
opened databases, the main window's geometry and tool bar/dock state, each splitter's sizes and each
table's or tree's column widths and sort order (``QHeaderView.saveState``), and each record kind's
editor window size, splitters and column widths (``save_editor``). Everything goes through
``Settings`` so the keys live in one place.

The file is ``<config dir>/Organizer/Organizer.ini`` (``$XDG_CONFIG_HOME`` on Linux);
``ORGANIZER_SETTINGS=/path/file.ini`` overrides it (tests and portable installs use that).
Values read back are checked: a damaged or foreign value is ignored, never trusted.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMainWindow, QSplitter, QTableView, QTreeView, QWidget

from organizer.gui.i18n import SUPPORTED_LANGUAGES, SYSTEM

W = TypeVar("W", bound=QWidget)

ORGANIZATION = "Organizer"
APPLICATION = "Organizer"
MAX_RECENT = 8
SETTINGS_ENV = "ORGANIZER_SETTINGS"


def open_settings() -> QSettings:
    """The application's settings store (see the module docstring for where it lives)."""
    override = os.environ.get(SETTINGS_ENV)
    if override:
        return QSettings(override, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


class Settings:
    """Typed access to the settings store; pass a ``QSettings`` over a temporary file in tests."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else open_settings()

    # --- language ----------------------------------------------------------------------------------

    @property
    def language(self) -> str:
        """``system`` or one of ``SUPPORTED_LANGUAGES``."""
        value = str(self.store.value("language", SYSTEM) or SYSTEM)
        return value if value in (SYSTEM, *SUPPORTED_LANGUAGES) else SYSTEM

    @language.setter
    def language(self, value: str) -> None:
        if value not in (SYSTEM, *SUPPORTED_LANGUAGES):
            raise ValueError(f"unknown language {value!r}")
        self.store.setValue("language", value)
        self.store.sync()

    # --- who is making changes (the audit trail) --------------------------------------------------

    @property
    def user_name(self) -> str:
        """The name written with every change (``store.audit``); "" means the login name."""
        value = self.store.value("user name", "")
        return " ".join(str(value).split())[:300] if isinstance(value, str) else ""

    @user_name.setter
    def user_name(self, value: str) -> None:
        self.store.setValue("user name", " ".join(value.split())[:300])
        self.store.sync()

    # --- recent databases --------------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        """Recently opened database files, newest first, those that no longer exist left out."""
        raw = self.store.value("recent_files", [])
        values = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, list | tuple) else []
        paths = [Path(str(v)) for v in values if str(v)]
        return [p for p in paths if p.is_file()][:MAX_RECENT]

    def add_recent_file(self, path: Path) -> None:
        path = path.resolve()
        known = self.recent_files()
        others = [p for p in known if p.resolve() != path]
        recent = [str(p) for p in [path, *others][:MAX_RECENT]]
        if recent == [str(p) for p in known]:
            return  # already the newest: nothing to write (the same database started again)
        self.store.setValue("recent_files", recent)
        self.store.sync()

    def clear_recent_files(self) -> None:
        self.store.remove("recent_files")
        self.store.sync()

    # --- window state ------------------------------------------------------------------------------

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.store.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def save_window(self, window: QMainWindow) -> None:
        self.store.setValue("window/geometry", window.saveGeometry())
        self.store.setValue("window/state", window.saveState())

    def restore_window(self, window: QMainWindow) -> bool:
        """Put the window back where it was; False (nothing changed) the first time."""
        geometry = self._bytes("window/geometry")
        state = self._bytes("window/state")
        restored = geometry is not None and window.restoreGeometry(geometry)
        if state is not None:
            window.restoreState(state)
        return bool(restored)

    def save_editor(self, kind: str, editor: QWidget) -> None:
        """An editor window's size and place, splitters and column widths, kept per record kind."""
        self.store.setValue(f"editors/{kind}/geometry", editor.saveGeometry())
        self.save_widgets(editor, f"editors/{kind}")

    def restore_editor(self, kind: str, editor: QWidget) -> bool:
        """Put back what ``save_editor`` kept for ``kind``; False (nothing changed) the first time."""
        geometry = self._bytes(f"editors/{kind}/geometry")
        if geometry is None or not editor.restoreGeometry(geometry):
            return False
        self.restore_widgets(editor, f"editors/{kind}")
        return True

    def save_splitter(self, name: str, splitter: QSplitter) -> None:
        self.store.setValue(f"splitters/{name}", splitter.saveState())

    def restore_splitter(self, name: str, splitter: QSplitter) -> bool:
        state = self._bytes(f"splitters/{name}")
        return state is not None and splitter.restoreState(state)

    def save_header(self, name: str, header: QHeaderView) -> None:
        """Column widths, order and sort indicator of a table or tree (kept per column count, so a
        version with other columns starts from its defaults instead of misplacing widths)."""
        self.store.setValue(f"headers/{name}/{header.count()}", header.saveState())

    def restore_header(self, name: str, header: QHeaderView) -> bool:
        state = self._bytes(f"headers/{name}/{header.count()}")
        return state is not None and header.restoreState(state)

    def save_widgets(self, root: QWidget, prefix: str) -> None:
        """Save every splitter and item-view header under ``root`` (names from their position)."""
        for name, splitter in _named(root, QSplitter, prefix):
            self.save_splitter(name, splitter)
        for name, view in _named(root, QAbstractItemView, prefix):
            header = _header_of(view)
            if header is not None:
                self.save_header(name, header)

    def restore_widgets(self, root: QWidget, prefix: str) -> None:
        for name, splitter in _named(root, QSplitter, prefix):
            self.restore_splitter(name, splitter)
        for name, view in _named(root, QAbstractItemView, prefix):
            header = _header_of(view)
            if header is not None and header.count():
                self.restore_header(name, header)

    def sync(self) -> None:
        self.store.sync()


def _named(root: QWidget, kind: type[W], prefix: str) -> list[tuple[str, W]]:
    """The widgets of ``kind`` under ``root``, each named by prefix, object name or position."""
    found = root.findChildren(kind)
    return [(f"{prefix}/{w.objectName() or f'{kind.__name__}{i}'}", w) for i, w in enumerate(found)]


def _header_of(view: QAbstractItemView) -> QHeaderView | None:
    if isinstance(view, QTableView):
        return view.horizontalHeader()
    if isinstance(view, QTreeView):
        return view.header()
    return None
