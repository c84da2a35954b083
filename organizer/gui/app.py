"""Starting the desktop application: the QApplication, the main window and the event loop."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from organizer.gui.main_window import APP_NAME, MainWindow
from organizer.store.database import Database


def application(argv: list[str]) -> QApplication:
    """The running QApplication, created with ``argv`` if there is none yet."""
    existing = QApplication.instance()
    if existing is not None:
        if not isinstance(existing, QApplication):
            raise RuntimeError("a non-GUI Qt application is already running; cannot open windows")
        return existing
    app = QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    return app


def run_gui(db: Database, argv: list[str]) -> int:
    """Show the main window over ``db`` and run the event loop; returns the exit code."""
    app = application(argv)
    window = MainWindow(db)
    window.show()
    return app.exec()
