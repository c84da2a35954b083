"""The File menu's database actions: open another database, create a new one, reopen a recent one.

``DatabaseActions`` builds the actions and the "Open Recent" submenu (kept in ``Settings``) and asks
the user for a file; it does not open anything itself. It emits ``chosen(path, create)`` and the
application (``organizer.gui.app``) opens the file through ``organizer.store`` and swaps the window,
so a file that is not a database gets one clear message and the current window stays as it was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from organizer.gui.icons import action_icon
from organizer.gui.settings import Settings

DB_SUFFIX = ".sqlite"


class DatabaseActions(QObject):
    """File > New database…, Open database…, Open Recent; ``chosen`` carries the picked file."""

    chosen = Signal(Path, bool)
    """The file to open and whether it is to be created (New database…)."""

    def __init__(self, parent: QWidget, settings: Settings) -> None:
        super().__init__(parent)
        self._parent = parent
        self._settings = settings
        self.new_action = QAction(action_icon("new"), self.tr("&New Database…"), parent)
        # No shortcut: Ctrl+N is left for creating a record, the far more frequent job.
        self.new_action.setStatusTip(self.tr("Create an empty database file and open it"))
        self.new_action.triggered.connect(self.ask_new)
        self.open_action = QAction(action_icon("open"), self.tr("&Open Database…"), parent)
        self.open_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Open))
        self.open_action.setStatusTip(self.tr("Open another Organizer database file"))
        self.open_action.triggered.connect(self.ask_open)
        self.recent_menu = QMenu(self.tr("Open &Recent"), parent)
        self.recent_menu.setIcon(action_icon("recent"))
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        self.fill_recent_menu()

    def _filter(self) -> str:
        return self.tr("Organizer databases (*.sqlite *.db);;All files (*)")

    def _start_dir(self) -> str:
        recent = self._settings.recent_files()
        return str(recent[0].parent) if recent else str(Path.home())

    def ask_open(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self._parent, self.tr("Open Database"), self._start_dir(),
                                              self._filter())
        if name:
            self.chosen.emit(Path(name), False)

    def ask_new(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self._parent, self.tr("New Database"), str(Path(self._start_dir()) / f"organizer{DB_SUFFIX}"),
            self._filter(), options=QFileDialog.Option.DontConfirmOverwrite)
        if not name:
            return
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(DB_SUFFIX)
        if path.exists():
            # Never replace a file from here: the user may have picked a database full of work.
            QMessageBox.warning(self._parent, self.tr("New Database"),
                                self.tr("%1 already exists. Choose another name, or open it with "
                                        "File > Open Database….").replace("%1", str(path)))
            return
        self.chosen.emit(path, True)

    def fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        recent = self._settings.recent_files()
        for number, path in enumerate(recent, start=1):
            label = f"&{number} {path.name}" if number < 10 else path.name
            action = menu.addAction(label)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.chosen.emit(p, False))
        if not recent:
            empty = menu.addAction(self.tr("No recent databases"))
            empty.setEnabled(False)
            return
        menu.addSeparator()
        menu.addAction(self.tr("&Clear List"), self._clear)

    def _clear(self) -> None:
        self._settings.clear_recent_files()
        self.fill_recent_menu()
