"""The main window: tabs for people, institutions, visits and follow-ups, menus and a status bar.

A later issue adds editing; this shell already lets a protocol officer browse a database with the
keyboard alone: Alt+letter or Ctrl+Tab switches tabs, arrow keys move through a list, Tab reaches the
detail pane (whose links to people, institutions and visits are followed with Enter), F5 reloads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

import organizer
from organizer.gui.formatting import plural
from organizer.gui.panes import MasterDetailTab
from organizer.gui.tabs import FollowUpsTab, InstitutionsTab, PeopleTab, VisitsTab

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
    return (
        f"<h3>{APP_NAME} {organizer.__version__}</h3>"
        "<p>Prepare and record official delegation visits: people, institutions, visits, meetings, "
        "follow-ups and briefings.</p>"
        "<p>Licensed under the GNU General Public License, version 3 or later.</p>"
    )


class MainWindow(QMainWindow):
    """One open database, browsed in four tabs."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(f"{APP_NAME} — {database_label(db)}")

        self.people_tab = PeopleTab(db)
        self.institutions_tab = InstitutionsTab(db)
        self.visits_tab = VisitsTab(db)
        self.followups_tab = FollowUpsTab(db)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for tab, label in ((self.people_tab, "&People"), (self.institutions_tab, "&Institutions"),
                           (self.visits_tab, "Vi&sits"), (self.followups_tab, "F&ollow-ups")):
            self.tabs.addTab(tab, label)
            tab.record_link.connect(self.open_record)
        self.tabs.currentChanged.connect(self._focus_current_tab)
        self.setCentralWidget(self.tabs)

        self.counts_label = QLabel()
        self.statusBar().addWidget(self.counts_label)
        self._build_menus()
        self.update_counts()
        self.resize(1200, 780)

    # --- menus -------------------------------------------------------------------------------------

    def _action(self, text: str, shortcut: str | QKeySequence | None, slot: object) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        self.quit_action = self._action("&Quit", "Ctrl+Q", self.close)
        file_menu.addAction(self.quit_action)

        view_menu = menu.addMenu("&View")
        self.refresh_action = self._action("&Refresh", "F5", self.refresh)
        view_menu.addAction(self.refresh_action)
        view_menu.addSeparator()
        for number, tab in enumerate(self._all_tabs(), start=1):
            label = self.tabs.tabText(self.tabs.indexOf(tab)).replace("&", "")
            view_menu.addAction(self._action(label, f"Ctrl+{number}",
                                             lambda _checked=False, t=tab: self.show_tab(t)))

        help_menu = menu.addMenu("&Help")
        self.about_action = self._action(f"&About {APP_NAME}", None, self.show_about)
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
            self.statusBar().showMessage(f"That {kind} is no longer in the list (press F5 to reload).", 5000)

    def refresh(self) -> None:
        """Reload every tab from the database (changes made elsewhere become visible)."""
        for tab in self._all_tabs():
            tab.reload()
        self.update_counts()
        self.statusBar().showMessage("Reloaded.", 2000)

    def update_counts(self) -> None:
        followups = self.followups_tab
        self.counts_label.setText("   ·   ".join([
            plural(self.people_tab.model.total_count, "person", "people"),
            plural(self.institutions_tab.model.total_count, "institution"),
            plural(len(self.visits_tab.visits), "visit"),
            f"{plural(len(followups.followups), 'follow-up')} ({followups.open_count:,} open)",
        ]))

    def show_about(self) -> None:
        QMessageBox.about(self, f"About {APP_NAME}", about_text())
