"""The main window: tabs for people, institutions, visits and follow-ups, menus and a status bar.

A later issue adds editing; this shell already lets a protocol officer browse a database with the
keyboard alone: Alt+letter or Ctrl+Tab switches tabs, arrow keys move through a list, Tab reaches the
detail pane (whose links to people, institutions and visits are followed with Enter), F5 reloads.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

import organizer
from organizer.domain.changes import ChangeSet
from organizer.domain.enums import RecordKind
from organizer.gui.databases import DatabaseActions
from organizer.gui.editors.menu import RecordMenu
from organizer.gui.icons import action_icon, app_icon
from organizer.gui.panes import MasterDetailTab
from organizer.gui.preferences import PreferencesDialog
from organizer.gui.settings import Settings
from organizer.gui.tabs import FollowUpsTab, InstitutionsTab, PeopleTab, VisitsTab
from organizer.gui.undo import RecordActions

if TYPE_CHECKING:  # the GUI only passes the handle on to organizer.services
    from organizer.store.database import Database

APP_NAME = "Organizer"


def database_label(db: Database) -> str:
    """The database file name, or host and database name (never credentials) for a server URL."""
    if db.path is not None:
        return db.path.name
    parts = urlsplit(db.url)
    host = parts.hostname or ""
    return f"{host}{parts.path}" or parts.scheme or "database"


def about_text() -> str:
    translate = QCoreApplication.translate
    version = translate("MainWindow", "Version %1").replace("%1", organizer.__version__)
    purpose = translate("MainWindow", "Prepare and record official delegation visits: people, institutions, "
                                      "visits, meetings, follow-ups and briefings.")
    licence = translate("MainWindow", "Licensed under the GNU General Public License, version 3 or later.")
    return f"<h3>{APP_NAME}</h3><p>{version}</p><p>{purpose}</p><p>{licence}</p>"


class MainWindow(QMainWindow):
    """One open database, browsed in four tabs."""

    open_database_requested = Signal(Path, bool)
    """File > Open/New/Recent picked a database file (path, create); the application opens it."""

    def __init__(self, db: Database, parent: QWidget | None = None, *, settings: Settings | None = None,
                 remember_state: bool = True) -> None:
        super().__init__(parent)
        self.db = db
        self.settings = settings if settings is not None else Settings()
        self.remember_state = remember_state
        """Restore the window's geometry and column widths now and save them on close (not for screenshots)."""
        self.setWindowTitle(f"{APP_NAME} — {database_label(db)}")
        self.setWindowIcon(app_icon())
        self.records = RecordActions(db, self)
        """The undo stack of this database and the undoable record operations."""
        self.records.changed.connect(self.apply_changes)

        self.people_tab = PeopleTab(db)
        self.institutions_tab = InstitutionsTab(db)
        self.visits_tab = VisitsTab(db)
        self.followups_tab = FollowUpsTab(db)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for tab, label in ((self.people_tab, self.tr("&People")), (self.institutions_tab, self.tr("&Institutions")),
                           (self.visits_tab, self.tr("Vi&sits")), (self.followups_tab, self.tr("F&ollow-ups"))):
            self.tabs.addTab(tab, label)
            name = label.replace("&", "")
            tab.setAccessibleName(name)
            tab.view.setAccessibleName(self.tr("%1: list").replace("%1", name))
            tab.detail.setAccessibleName(self.tr("%1: details").replace("%1", name))
            tab.record_link.connect(self.open_record)
        self.tabs.currentChanged.connect(self._focus_current_tab)
        self.setCentralWidget(self.tabs)

        self.tabs.setAccessibleName(self.tr("Record lists"))

        self.counts_label = QLabel()
        self.counts_label.setAccessibleName(self.tr("Record counts"))
        self.statusBar().addWidget(self.counts_label)
        self._build_menus()
        self.update_counts()
        self.resize(1200, 780)
        if remember_state:
            self.settings.restore_window(self)
            self.settings.restore_widgets(self.tabs, "main")

    # --- menus -------------------------------------------------------------------------------------

    def _action(self, text: str, shortcut: str | QKeySequence | QKeySequence.StandardKey | None, slot: object,
                icon: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(action_icon(icon))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        self.database_actions = DatabaseActions(self, self.settings)
        self.database_actions.chosen.connect(self.open_database_requested)
        self.briefing_action = self._action(self.tr("&Briefing…"), "Ctrl+B", self.export_briefing)
        self.dossier_action = self._action(self.tr("&Dossier…"), "Ctrl+Shift+D", self.export_dossier)
        file_menu.addAction(self.database_actions.new_action)
        file_menu.addAction(self.database_actions.open_action)
        file_menu.addMenu(self.database_actions.recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.briefing_action, self.dossier_action])
        file_menu.addSeparator()
        self.preferences_action = self._action(self.tr("&Preferences…"), QKeySequence.StandardKey.Preferences,
                                               self.show_preferences, "preferences")
        if self.preferences_action.shortcut().isEmpty():
            self.preferences_action.setShortcut(QKeySequence("Ctrl+,"))
        file_menu.addAction(self.preferences_action)
        file_menu.addSeparator()
        self.quit_action = self._action(self.tr("&Quit"), "Ctrl+Q", self.close, "quit")
        file_menu.addAction(self.quit_action)

        view_menu = menu.addMenu(self.tr("&View"))
        self.refresh_action = self._action(self.tr("&Refresh"), "F5", self.refresh, "refresh")
        view_menu.addAction(self.refresh_action)
        view_menu.addSeparator()
        for number, tab in enumerate(self._all_tabs(), start=1):
            label = self.tabs.tabText(self.tabs.indexOf(tab))
            view_menu.addAction(self._action(label, f"Ctrl+{number}",
                                             lambda _checked=False, t=tab: self.show_tab(t)))

        self.record_menu = RecordMenu(self, self.records, self.current_record)
        menu.addMenu(self.record_menu.menu)
        for tab in self._all_tabs():
            if tab.record_kind is not None and tab.record_kind is not RecordKind.FOLLOWUP:  # Enter opens the visit
                self.record_menu.add_enter_to_edit(tab.view)
        self.tool_bar = self.addToolBar(self.tr("Main Tool Bar"))
        self.tool_bar.setObjectName("main_tool_bar")
        self.tool_bar.setMovable(False)
        self.tool_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.tool_bar.addAction(self.database_actions.open_action)
        self.tool_bar.addAction(self.refresh_action)

        help_menu = menu.addMenu(self.tr("&Help"))
        self.about_action = self._action(self.tr("&About Organizer"), None, self.show_about, "about")
        help_menu.addAction(self.about_action)

    # --- behaviour ---------------------------------------------------------------------------------

    def _all_tabs(self) -> list[MasterDetailTab]:
        return [self.people_tab, self.institutions_tab, self.visits_tab, self.followups_tab]

    def show_tab(self, tab: MasterDetailTab) -> None:
        self.tabs.setCurrentWidget(tab)
        tab.setFocus()

    def _focus_current_tab(self, _index: int) -> None:
        current = self.tabs.currentWidget()
        if current is not None:
            current.setFocus()

    def open_record(self, kind: str, ident: int) -> None:
        """Follow a link from a detail pane: show the record in its own tab."""
        tabs: dict[str, MasterDetailTab] = {
            "person": self.people_tab, "institution": self.institutions_tab, "visit": self.visits_tab,
        }
        tab = tabs.get(kind)
        if tab is None:
            return
        self.show_tab(tab)
        if not tab.select_id(ident):
            self.statusBar().showMessage(self.tr("That record is no longer in the list (press F5 to reload)."), 5000)

    def current_record(self) -> tuple[RecordKind | None, int | None]:
        """The kind of the current tab and its selected record's id (for the Record menu)."""
        tab = self.tabs.currentWidget()
        if not isinstance(tab, MasterDetailTab) or tab.record_kind is None:
            return None, None
        return tab.record_kind, tab.current_id()

    def apply_changes(self, changes: ChangeSet) -> None:
        """Refresh the tabs a change concerns; show a created or restored record in its tab."""
        for tab in self._all_tabs():
            if tab.record_kind is not None and changes.touches(tab.record_kind):
                tab.reload()
                if tab.record_kind is changes.kind and changes.created:
                    tab.select_id(changes.created[0])
        self.update_counts()

    def refresh(self) -> None:
        """Reload every tab from the database (changes made elsewhere become visible)."""
        for tab in self._all_tabs():
            tab.reload()
        self.update_counts()
        self.statusBar().showMessage(self.tr("Reloaded."), 2000)

    def update_counts(self) -> None:
        followups = self.followups_tab
        self.counts_label.setText("   ·   ".join([
            self.tr("%Ln person(s)", "", self.people_tab.model.total_count),
            self.tr("%Ln institution(s)", "", self.institutions_tab.model.total_count),
            self.tr("%Ln visit(s)", "", len(self.visits_tab.visits)),
            self.tr("%Ln follow-up(s)", "", len(followups.followups)) + " "
            + self.tr("(%Ln open)", "", followups.open_count),
        ]))

    def export_briefing(self) -> None:
        """The briefing dialog for the visit selected in the Visits tab."""
        ident = self.visits_tab.current_id()
        if ident is None:
            self.show_tab(self.visits_tab)
            self.statusBar().showMessage(self.tr("Select a visit first."), 5000)
            return
        from organizer.gui.briefing_dialog import open_export_dialog

        self.export_dialog = open_export_dialog(self, self.db, "visit", ident)

    def export_dossier(self) -> None:
        """The dossier dialog for the person or institution selected in the current tab."""
        tab = self.tabs.currentWidget()
        kind = {id(self.people_tab): "person", id(self.institutions_tab): "institution"}.get(id(tab))
        ident = self.people_tab.current_id() if kind == "person" else self.institutions_tab.current_id()
        if kind is None or ident is None:
            self.statusBar().showMessage(self.tr("Select a person or an institution first."), 5000)
            return
        from organizer.gui.briefing_dialog import open_export_dialog

        self.export_dialog = open_export_dialog(self, self.db, kind, ident)

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About Organizer"), about_text())

    def show_preferences(self) -> None:
        dialog = PreferencesDialog(self.settings, self)
        if dialog.exec() and dialog.restart_needed():
            QMessageBox.information(self, self.tr("Preferences"),
                                    self.tr("The new language will be used when you start Organizer again."))

    def save_state(self) -> None:
        """Remember the window's geometry, splitters and column widths for the next start."""
        if not self.remember_state:
            return
        self.settings.save_window(self)
        self.settings.save_widgets(self.tabs, "main")
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)
