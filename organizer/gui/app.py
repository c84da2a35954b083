"""Starting the desktop application: the QApplication, its language, the main window and the event loop.

``run_gui`` installs the interface language before any widget exists (see ``organizer.gui.i18n``),
shows a ``MainWindow`` and, when File > Open/New picks another database, opens it and replaces the
window (the old database is closed only once the new one opened; a file that is not a database
gets one message and nothing changes). A language chosen in Preferences replaces the window the same
way, on the same database. With ``screenshot`` it saves a picture of one view and exits
instead of running the event loop (``organizer.gui.screenshot``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from organizer.domain.errors import OrganizerError
from organizer.gui.i18n import choose_language, install_language
from organizer.gui.icons import app_icon
from organizer.gui.main_window import APP_NAME, MainWindow
from organizer.gui.settings import Settings
from organizer.store.database import Database, open_database, sqlite_url

SCREENSHOT_SIZE = (1366, 768)
DESKTOP_FILE_NAME = "io.github.organizer.Organizer"
"""The installed desktop entry (packaging/linux/<this>.desktop): Wayland matches windows to it by name."""


def application(argv: list[str]) -> QApplication:
    """The running QApplication, created with ``argv`` if there is none yet."""
    existing = QApplication.instance()
    if existing is not None:
        if not isinstance(existing, QApplication):
            raise RuntimeError("a non-GUI Qt application is already running; cannot open windows")
        return existing
    # Fractional scale factors (125 %, 150 %) as the desktop asks, not rounded to whole pixels.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    # No setApplicationDisplayName: Qt would append it to every window title ("Organizer — x.sqlite — Organizer").
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    app.setWindowIcon(app_icon())
    return app


class WindowManager(QObject):
    """Keeps the one main window and swaps it (and its database) when another database is chosen."""

    def __init__(self, db: Database, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.window = self._make_window(db)

    def _make_window(self, db: Database) -> MainWindow:
        if db.path is not None:
            self.settings.add_recent_file(db.path)
        window = MainWindow(db, settings=self.settings, daily_backup=True)
        window.open_database_requested.connect(self.open_database)
        window.switch_language = self.switch_language
        return window

    def switch_language(self) -> None:
        """Show the window again, on the same database and tab, in the language now saved in Preferences
        (every label is built anew in it, which is simpler and surer than re-translating each widget)."""
        old = self.window
        if not old.close_editors():
            return
        old.save_state()
        app = QCoreApplication.instance()
        if app is not None:
            install_language(app, choose_language(None, self.settings.language))
        self.window = self._make_window(old.db)
        self.window.tabs.setCurrentIndex(old.tabs.currentIndex())
        self.window.show()
        old.hide()
        old.runner.shutdown()  # its background work ends here, not on a deleted runner or a closed database
        old.deleteLater()

    def open_database(self, path: Path, create: bool) -> bool:
        """Open (or create) the database at ``path`` in place of the current one; False if it failed."""
        old = self.window
        if not old.close_editors():  # each with changes asks first; Cancel keeps this database open
            return False
        try:
            db = open_database(sqlite_url(path), create=create)
        except OrganizerError as err:
            # Says so, and offers the newest good backup of that file if there is one (gui.backup_offer).
            from organizer.gui.backup_offer import offer_backup

            if not offer_backup(old, path, str(err)):
                return False
            try:
                db = open_database(sqlite_url(path), create=False)
            except OrganizerError as again:
                QMessageBox.warning(old, QCoreApplication.translate("WindowManager", "Cannot Open Database"),
                                    QCoreApplication.translate("WindowManager", "Organizer could not open %1.")
                                    .replace("%1", str(path)) + "\n\n" + str(again))
                return False
        old.save_state()
        self.window = self._make_window(db)
        self.window.show()
        old.hide()
        old.runner.shutdown()  # its background work ends here, not on a deleted runner or a closed database
        old.deleteLater()
        old.db.close()
        self.window.after_start(self.window.offer_drafts)
        return True


def run_gui(db: Database, argv: list[str], *, language: str | None = None, screenshot: Path | None = None,
            view: str | None = None, settings: Settings | None = None) -> int:
    """Show the main window over ``db`` and run the event loop; returns the exit code.

    ``language`` (``en``/``ru``) overrides the preference and the system locale for this run.
    With ``screenshot``, save a PNG of ``view`` (default: people) and return instead.
    """
    app = application(argv)
    settings = settings if settings is not None else Settings()
    install_language(app, choose_language(language, settings.language))
    if screenshot is not None or view is not None:
        from organizer.gui.screenshot import DEFAULT_VIEW, ScreenshotError, take_screenshot, view_tab
    if screenshot is not None:
        window = MainWindow(db, settings=settings, remember_state=False)
        window.resize(*SCREENSHOT_SIZE)
        try:
            take_screenshot(window, screenshot, view or DEFAULT_VIEW, db.path)
        except ScreenshotError as err:
            print(f"organizer: {err}", file=sys.stderr)
            return 1
        finally:
            window.close()
        return 0
    manager = WindowManager(db, settings)
    manager.window.show()
    if view is not None:
        try:
            manager.window.tabs.setCurrentWidget(view_tab(manager.window, view))
        except ScreenshotError as err:
            print(f"organizer: {err}", file=sys.stderr)
    # Edits a killed or crashed run left unsaved, offered once the first rows and their pane are shown, from
    # the event loop (its read waits in a local loop, which must not be the one an early quit() ends).
    manager.window.after_start(manager.window.offer_drafts)
    return app.exec()


def recover_at_start(url: str, error: str, argv: list[str], *, language: str | None = None,
                     settings: Settings | None = None) -> Database | None:
    """The database given at start-up cannot be opened: say so in a window and offer its newest good
    backup (``gui.backup_offer``). The reopened database once a backup was restored, else None."""
    app = application(argv)
    settings = settings if settings is not None else Settings()
    install_language(app, choose_language(language, settings.language))
    from organizer.gui.backup_offer import offer_backup

    if not offer_backup(None, url, error):
        return None
    try:
        return open_database(url, create=False)
    except OrganizerError as err:
        QMessageBox.warning(None, QCoreApplication.translate("WindowManager", "Cannot Open Database"), str(err))
        return None
