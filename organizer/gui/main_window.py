"""The main window: tabs for every kind of record, the quick-open field, menus and a status bar.

Keyboard: Alt+letter or Ctrl+1…8 switches tabs, Ctrl+K goes to quick-open, arrow keys move through a
list, Tab reaches the detail pane (whose links are followed with Enter), F5 reloads, Ctrl+D marks a
follow-up done on the board.

Database reads that can take longer than a frame (id lists, the institution tree, quick-open, the
filter choices, the counts, import and export) run on ``self.runner`` (``organizer.gui.tasks``); the
window shuts the runner down before it closes so no worker outlives the database.

The record editors are opened through ``RecordMenu`` (``organizer.gui.editors.menu``); the action links
of the detail panes (``details.ADD_MEETING`` ...) are wired with ``register_editor(action, handler)``:
the visit view shows the matching "+ Add …" link and a click calls ``handler(visit_id)``.

Longer than 500 lines: one class, in sections (tabs built on first show, tool bar and menus,
behaviour, editors, loading); each record kind's view lives in its own module already (``tabs``,
``board``, ``panes``), what is left is the wiring between them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QToolButton,
    QWidget,
)

import organizer
from organizer.domain.enums import FollowUpStatus, RecordKind
from organizer.domain.errors import OrganizerError
from organizer.gui.databases import DatabaseActions
from organizer.gui.details import (
    ADD_FOLLOWUP,
    ADD_MEETING,
    ADD_MEETING_FOLLOWUP,
    ADD_MEMBER,
    ADD_PROGRAMME_ITEM,
    DUPLICATE_VISIT,
    NEW_RECORD,
)
from organizer.gui.editors.menu import RecordMenu
from organizer.gui.editors.sizes import available, fit_window, fitting_size
from organizer.gui.formatting import fmt_date_range
from organizer.gui.icons import action_icon, app_icon
from organizer.gui.kinds import GUI_KINDS
from organizer.gui.messages import error_text
from organizer.gui.panes import MasterDetailTab, after_paint
from organizer.gui.quickopen import QuickOpen
from organizer.gui.settings import Settings
from organizer.gui.tabs import ListTab, PeopleTab
from organizer.gui.tasks import LatestOnly, TaskContext, TaskRunner
from organizer.gui.undo import RecordActions

if TYPE_CHECKING:  # the GUI only passes the handle on to organizer.services
    from organizer.domain.changes import ChangeSet
    from organizer.domain.records import InstitutionNode
    from organizer.gui.archive import ArchiveJobs
    from organizer.gui.board import FollowUpsTab
    from organizer.gui.draft_text import DraftJobs
    from organizer.gui.interop import InteropJobs
    from organizer.gui.tabs import (
        AgreementsTab,
        InstitutionsTab,
        MeetingsTab,
        ProgrammeTab,
        TopicsTab,
        VisitsTab,
    )
    from organizer.store.database import Database

APP_NAME = "Organizer"
DEFAULT_SIZE = (1280, 800)
"""The window's size the first time, cut to the screen's available area (a 1366x768 laptop)."""

TAB_NAMES = tuple(GUI_KINDS[kind].tab for kind in RecordKind)
"""The tabs in their order, one per record kind (``gui.kinds``); ``MainWindow.<name>_tab`` is each one (built
on first use)."""

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


def _flatten(nodes: list[InstitutionNode]) -> list[tuple[str, object]]:
    """Institution choices for a combo box, units indented under their parent (no recursion: a chain can
    be deeper than Python's stack; the indent stops growing at 20 levels)."""
    out: list[tuple[str, object]] = []
    stack = [(0, node) for node in reversed(nodes)]
    while stack:
        depth, node = stack.pop()
        out.append(("    " * min(depth, 20) + node.row.name, node.row.id))
        stack.extend((depth + 1, child) for child in reversed(node.children))
    return out


class MainWindow(QMainWindow):
    """One open database, browsed in eight tabs."""

    open_database_requested = Signal(Path, bool)
    """File > Open/New/Recent picked a database file (path, create); the application opens it."""

    def __init__(self, db: Database, parent: QWidget | None = None, *, runner: TaskRunner | None = None,
                 settings: Settings | None = None, remember_state: bool = True, daily_backup: bool = False) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = runner or TaskRunner(self)
        self.tasks = self.runner
        """Background work (``is_idle()`` tells a screenshot when the data is shown)."""
        # a newer read of the counts or the filter choices supersedes an older one still running: two reads
        # on the two workers may finish in either order, and the older (made before a change) came last
        self._counts_read = LatestOnly(self.runner)
        self._choices_read = LatestOnly(self.runner)
        self.settings = settings if settings is not None else Settings()
        self.remember_state = remember_state
        self.make_daily_backup = daily_backup
        """Make the day's automatic backup once the first rows are shown (the application's window)."""
        self.daily_backup_problem = ""
        """Why the day's automatic backup failed ("" when it did not)."""
        """Restore the window's geometry and column widths now and save them on close (not for screenshots)."""
        self.setWindowTitle(f"{APP_NAME} — {database_label(db)}")
        self.setWindowIcon(app_icon())
        self._editors: dict[str, Callable[[int], Any]] = {}
        self.counts: dict[str, int] = {}
        self.records = RecordActions(db, self, runner=self.runner)
        """The undo stack of this database and the undoable record operations."""
        self.records.changed.connect(self.apply_changes)
        self.switch_language: Callable[[], None] | None = None
        """Set by the application: show the window again in the language chosen in Preferences."""

        # Only the shown tab is built now; the others are placeholders until first shown (or asked for
        # by name: ``self.visits_tab``), so the window starts with one list and its modules.
        self._built: dict[str, MasterDetailTab] = {}
        self._swapping = False
        self._loading = False
        self._choices: tuple[Any, ...] | None = None
        self._archive: ArchiveJobs | None = None
        self._interop: InteropJobs | None = None
        self._drafts: DraftJobs | None = None
        self._after_start: list[Callable[[], object]] | None = []
        """What waits for the first list, its pane and its ids (``after_start``); None once they are in."""
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for label in self._labels():
            placeholder = QWidget()
            placeholder.setAccessibleName(label.replace("&", ""))
            self.tabs.addTab(placeholder, label)
        self.tabs.currentChanged.connect(self._on_current_changed)
        self.setCentralWidget(self.tabs)
        self.tabs.setAccessibleName(self.tr("Record lists"))
        self.tab(TAB_NAMES[0])

        self.quick_open = QuickOpen(db, self.runner)
        self.quick_open.open_record.connect(self.open_record)

        self.counts_label = QLabel()
        self.counts_label.setAccessibleName(self.tr("Record counts"))
        self.statusBar().addPermanentWidget(self.counts_label)
        self._build_toolbar()
        self._build_menus()
        self.resize(fitting_size(QSize(*DEFAULT_SIZE), available(self)))
        if remember_state and self.settings.restore_window(self):
            fit_window(self)  # remembered on a larger screen, or before the scaling went up
            for name, tab in self._built.items():
                self.settings.restore_widgets(tab, f"main/{name}")
        self._start_loading()
        from organizer.store.database import default_user

        self._user_given = db.user != default_user()
        """``--user`` named someone: Preferences do not override it."""
        self.apply_user_name()

    def _start_loading(self) -> None:
        """The shown tab's list first, alone on the workers; the filter choices and the counts once it is
        on screen (so the first rows appear as early as the database allows). Other tabs load when they
        are first shown."""
        self._loading = True
        first = self.tabs.currentWidget()
        if not isinstance(first, MasterDetailTab):
            return

        def load_the_rest() -> None:
            first.loaded.disconnect(load_the_rest)
            after_paint(first.view.viewport(), lambda: self._when_complete(first))

        first.loaded.connect(load_the_rest)
        first.load()

    def _when_complete(self, first: MasterDetailTab) -> None:
        """Load the choices and counts once the first list has all its ids (one read at a time: the
        window's peak memory stays that of the largest)."""
        model = first.model if isinstance(first, ListTab) else None
        if model is None or model.complete:
            self._load_choices_and_counts()
            return

        def done() -> None:
            if model.complete:
                model.ids_completed.disconnect(done)
                model.ids_loaded.disconnect(done)
                self._load_choices_and_counts()

        model.ids_completed.connect(done)
        model.ids_loaded.connect(done)

    def _load_choices_and_counts(self) -> None:
        self.load_choices()
        self.update_counts()
        self._watch_changes()
        if self.make_daily_backup:
            self._daily_backup()
        waiting, self._after_start = self._after_start, None
        for then in waiting or ():
            QTimer.singleShot(0, self, then)

    def after_start(self, then: Callable[[], object]) -> None:
        """Run ``then`` once the first list is on screen with its detail pane and all its ids (when the
        counts load), from the event loop; at once (from the event loop) if that has happened. The
        application offers back unsaved drafts then (``offer_drafts``): nothing the first screen does not
        need runs before it."""
        if self._after_start is None:
            QTimer.singleShot(0, self, then)
        else:
            self._after_start.append(then)

    def _daily_backup(self) -> None:
        """The day's automatic backup (``services.backup.daily_backup``), on a worker once the first rows
        are shown, so it never delays them; a failure is said in the status bar."""
        self.make_daily_backup = False
        db = self.db

        def work(_ctx: TaskContext) -> object:
            from organizer.services.backup import daily_backup

            return daily_backup(db)

        def failed(error: BaseException) -> None:
            self.daily_backup_problem = str(error)
            self.statusBar().showMessage(
                self.tr("No automatic backup was made today: %1").replace("%1", str(error)), 15000)

        self.runner.submit(work, on_error=failed)

    def _watch_changes(self) -> None:
        """From now on, other clients' changes show while this window is active (``gui.watch``); started
        once the first rows are on screen, like the counts."""
        if getattr(self, "watcher", None) is not None:
            return
        from organizer.gui.watch import ChangeWatcher

        self.watcher = ChangeWatcher(self.db, self, self._all_tabs, self.update_counts, self.runner)
        if self.isActiveWindow():
            self.watcher.timer.start()

    def _labels(self) -> list[str]:
        return [self.tr("&People"), self.tr("&Institutions"), self.tr("Vi&sits"), self.tr("&Meetings"),
                self.tr("F&ollow-ups"), self.tr("&Agreements"), self.tr("&Topics"),
                self.tr("Pro&gramme")]

    # --- the tabs, each built when first shown -----------------------------------------------------

    def _make_tab(self, name: str) -> MasterDetailTab:
        db, runner = self.db, self.runner
        if name == "people":
            return PeopleTab(db, runner)
        if name == "followups":
            from organizer.gui.board import FollowUpsTab

            board = FollowUpsTab(db, runner, mark_done=self.mark_followup_done)
            board.changed.connect(self.update_counts)
            return board
        from organizer.gui import tabs

        factory = {"institutions": tabs.InstitutionsTab, "visits": tabs.VisitsTab, "meetings": tabs.MeetingsTab,
                   "agreements": tabs.AgreementsTab, "topics": tabs.TopicsTab, "programme": tabs.ProgrammeTab}[name]
        return factory(db, runner)

    def tab(self, name: str) -> MasterDetailTab:
        """The tab ``name`` (one of ``TAB_NAMES``), built, put in its place and loading if it was not yet."""
        built = self._built.get(name)
        if built is not None:
            return built
        index = TAB_NAMES.index(name)
        tab = self._make_tab(name)
        self._built[name] = tab
        label = self._labels()[index]
        title = label.replace("&", "")
        tab.setAccessibleName(title)
        tab.view.setAccessibleName(self.tr("%1: list").replace("%1", title))
        tab.detail.setAccessibleName(self.tr("%1: details").replace("%1", title))
        tab.record_link.connect(self.open_record)
        tab.action_link.connect(self.request_action)
        tab.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        if name in ("visits", "meetings") and isinstance(tab, ListTab):
            cast(Any, tab).action_names = frozenset(self._editors)
        if hasattr(self, "record_menu"):  # built after the first tab
            self._enter_to_edit(tab)
        if self._choices is not None and isinstance(tab, ListTab):
            self._fill_tab_choices(tab, self._choices)
        if self.remember_state:
            self.settings.restore_widgets(tab, f"main/{name}")
        placeholder = self.tabs.widget(index)
        current = self.tabs.currentIndex()
        self._swapping = True
        try:
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, tab, label)
            self.tabs.setCurrentIndex(current)
        finally:
            self._swapping = False
        if placeholder is not None:
            placeholder.deleteLater()
        if self._loading:
            tab.load()
        return tab

    def _on_current_changed(self, index: int) -> None:
        if self._swapping or not 0 <= index < len(TAB_NAMES):
            return
        tab = self.tab(TAB_NAMES[index])
        if self.tabs.currentWidget() is tab:
            tab.setFocus()

    def built_tabs(self) -> list[MasterDetailTab]:
        """The tabs built so far (the shown one and those shown or asked for before), in tab order."""
        return [self._built[name] for name in TAB_NAMES if name in self._built]

    @property
    def people_tab(self) -> PeopleTab:
        return cast(PeopleTab, self.tab("people"))

    @property
    def institutions_tab(self) -> InstitutionsTab:
        return cast("InstitutionsTab", self.tab("institutions"))

    @property
    def visits_tab(self) -> VisitsTab:
        return cast("VisitsTab", self.tab("visits"))

    @property
    def meetings_tab(self) -> MeetingsTab:
        return cast("MeetingsTab", self.tab("meetings"))

    @property
    def followups_tab(self) -> FollowUpsTab:
        return cast("FollowUpsTab", self.tab("followups"))

    @property
    def agreements_tab(self) -> AgreementsTab:
        return cast("AgreementsTab", self.tab("agreements"))

    @property
    def topics_tab(self) -> TopicsTab:
        return cast("TopicsTab", self.tab("topics"))

    @property
    def interop(self) -> InteropJobs:
        """Contact sheets in, lists and visit schedules out (their services load on first use)."""
        if self._interop is None:
            from organizer.gui.interop import InteropJobs

            self._interop = InteropJobs(self.db, self.runner, self)
            self._interop.finished.connect(self._archive_finished)
        return self._interop

    @property
    def programme_tab(self) -> ProgrammeTab:
        return cast("ProgrammeTab", self.tab("programme"))

    @property
    def archive(self) -> ArchiveJobs:
        """Import and export of archives (their services load on first use)."""
        if self._archive is None:
            from organizer.gui.archive import ArchiveJobs

            self._archive = ArchiveJobs(self.db, self.runner, self)
            self._archive.finished.connect(self._archive_finished)
        return self._archive

    def tab_for(self, kind: RecordKind) -> MasterDetailTab:
        """The tab that lists ``kind`` (``gui.kinds``), built if it was not yet."""
        return self.tab(GUI_KINDS[kind].tab)

    # --- tool bar and menus ------------------------------------------------------------------------

    def _action(self, text: str, shortcut: str | QKeySequence | QKeySequence.StandardKey | None, slot: object,
                icon: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(action_icon(icon))
        action.triggered.connect(slot)
        return action

    def _build_toolbar(self) -> None:
        """The main tool bar (open a database, refresh); filled once the menus exist. Quick-open sits at the
        right end of the menu bar."""
        self.tool_bar = QToolBar(self.tr("Main Tool Bar"))
        self.tool_bar.setObjectName("main_tool_bar")
        self.tool_bar.setMovable(False)
        self.tool_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.tool_bar)
        self.quick_open_action = self._action(self.tr("&Quick open…"), "Ctrl+K", self.focus_quick_open)

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        self.database_actions = DatabaseActions(self, self.settings)
        self.database_actions.chosen.connect(self.open_database_requested)
        self.briefing_action = self._action(self.tr("&Briefing…"), "Ctrl+B", self.export_briefing)
        self.dossier_action = self._action(self.tr("&Dossier…"), "Ctrl+Shift+D", self.export_dossier)
        self.letters_action = self._action(self.tr("&Thank-you letters…"), None, self.write_letters)
        file_menu.addAction(self.database_actions.new_action)
        file_menu.addAction(self.database_actions.open_action)
        file_menu.addMenu(self.database_actions.recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.briefing_action, self.dossier_action, self.letters_action])
        file_menu.addSeparator()
        self.draft_action = self._action(self.tr("Ne&w visit from text…"), "Ctrl+Shift+T", self.new_visit_from_text)
        self.draft_action.setStatusTip(self.tr("Paste or open a report of a visit; review what it proposes, then "
                                               "import it"))
        file_menu.addAction(self.draft_action)
        self.import_any_action = self._action(self.tr("I&mport…"), None, self.import_any)
        self.import_action = self._action(self.tr("&Import archive…"), None, lambda: self.archive.ask_import())
        self.export_action = self._action(self.tr("&Export archive…"), None, lambda: self.archive.ask_export())
        self.import_vcards_action = self._action(self.tr("Import &vCards…"), None,
                                                 lambda: self.archive.ask_import_vcards())
        self.import_sheet_action = self._action(self.tr("Import contacts from CSV or E&xcel…"), None,
                                                lambda: self.interop.ask_import_sheet())
        self.export_list_action = self._action(self.tr("Export &list to CSV or Excel…"), None, self.export_list)
        self.export_ics_action = self._action(self.tr("Export visit &schedule (.ics)…"), None, self.export_ics)
        self.import_ics_action = self._action(self.tr("Import c&alendar (.ics) into the visit…"), None,
                                              self.import_ics)
        file_menu.addAction(self.import_any_action)
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.import_vcards_action)
        file_menu.addAction(self.import_sheet_action)
        file_menu.addAction(self.import_ics_action)
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.export_list_action)
        file_menu.addAction(self.export_ics_action)
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
        view_menu.addAction(self.quick_open_action)
        self.refresh_action = self._action(self.tr("&Refresh"), "F5", self.refresh, "refresh")
        view_menu.addAction(self.refresh_action)
        view_menu.addSeparator()
        for number, (name, label) in enumerate(zip(TAB_NAMES, self._labels(), strict=True), start=1):
            view_menu.addAction(self._action(label, f"Ctrl+{number}",
                                             lambda _checked=False, n=name: self.show_tab(self.tab(n))))

        self.record_menu = RecordMenu(self, self.records, self.current_record)
        self.record_menu.settings = self.settings if self.remember_state else None
        menu.addMenu(self.record_menu.menu)
        for tab in self._all_tabs():
            self._enter_to_edit(tab)
        self.register_editor(ADD_MEETING, lambda visit: self.record_menu.open_editor(RecordKind.MEETING,
                                                                                     visit_id=visit))
        self.register_editor(ADD_FOLLOWUP, lambda visit: self.record_menu.open_editor(RecordKind.FOLLOWUP,
                                                                                      visit_id=visit))
        self.register_editor(ADD_MEMBER, lambda visit: self.record_menu.open_editor(RecordKind.VISIT, visit,
                                                                                    add_member=True))
        self.register_editor(ADD_MEETING_FOLLOWUP, self._add_meeting_followup)
        self.register_editor(ADD_PROGRAMME_ITEM, lambda visit: self.record_menu.open_editor(
            RecordKind.PROGRAMME_ITEM, visit_id=visit))
        self.register_editor(NEW_RECORD, lambda _zero: self.record_menu.new_record())
        self.register_editor(DUPLICATE_VISIT, lambda visit: self.record_menu.duplicate_visit(visit))
        tools_menu = menu.addMenu(self.tr("&Tools"))
        self.duplicates_action = self._action(self.tr("Find &duplicates…"), None, self.find_duplicates)
        self.duplicates_action.setStatusTip(self.tr("People and institutions that may be recorded twice; merge them"))
        tools_menu.addAction(self.duplicates_action)
        self._add_record_tools()  # by daily use: records first, then refresh; opening a database is rare
        self.tool_bar.addSeparator()
        self.tool_bar.addAction(self.refresh_action)
        self.tool_bar.addAction(self.database_actions.open_action)
        self.quick_open_box = QWidget(self)
        row = QHBoxLayout(self.quick_open_box)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(self.quick_open)
        self.menuBar().setCornerWidget(self.quick_open_box, Qt.Corner.TopRightCorner)

        help_menu = menu.addMenu(self.tr("&Help"))
        self.about_action = self._action(self.tr("&About Organizer"), None, self.show_about, "about")
        help_menu.addAction(self.about_action)

    # --- behaviour ---------------------------------------------------------------------------------

    def _enter_to_edit(self, tab: MasterDetailTab) -> None:
        # Enter on a follow-up opens its visit, not an editor
        if tab.record_kind is not None and tab.record_kind is not RecordKind.FOLLOWUP:
            self.record_menu.add_enter_to_edit(tab.view)

    def _all_tabs(self) -> list[MasterDetailTab]:
        return self.built_tabs()

    def list_tabs(self) -> list[ListTab]:
        """The list tabs built so far."""
        return [t for t in self._all_tabs() if isinstance(t, ListTab)]

    def show_tab(self, tab: MasterDetailTab) -> None:
        self.tabs.setCurrentWidget(tab)
        tab.setFocus()

    def _add_record_tools(self) -> None:
        """New, Edit, Delete, Undo and Redo on the tool bar, with icons (also in the Record menu)."""
        records = self.record_menu
        for action, icon in ((records.new_action, "add"), (records.edit_action, "edit"),
                             (records.delete_action, "delete"), (records.undo_action, "undo"),
                             (records.redo_action, "redo")):
            action.setIcon(action_icon(icon))
            if action is records.undo_action:
                self.tool_bar.addSeparator()
            self.tool_bar.addAction(action)
        for action in (records.undo_action, records.redo_action):  # their text names the edit: icon only
            button = self.tool_bar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)

    def focus_quick_open(self) -> None:
        self.quick_open.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.quick_open.selectAll()

    def open_record(self, kind: str, ident: int) -> None:
        """Follow a link or a quick-open choice (their signals carry the kind's value as text, ``person``):
        show the record selected in its own tab."""
        try:
            tab = self.tab_for(RecordKind(kind))
        except ValueError:  # no kind of record: a link of a newer version, say
            return
        self.show_tab(tab)
        tab.open_id(ident)

    # --- editors -----------------------------------------------------------------------------------

    def current_record(self) -> tuple[RecordKind | None, int | None]:
        """The kind of the current tab and its selected record's id (for the Record menu)."""
        tab = self.tabs.currentWidget()
        if not isinstance(tab, MasterDetailTab) or tab.record_kind is None:
            return None, None
        return tab.record_kind, tab.current_id()

    def apply_changes(self, changes: ChangeSet) -> None:
        """Refresh the tabs a change concerns: an edit re-reads its rows in place, a create or delete
        reloads the list (a created or restored record is then selected in its tab)."""
        for tab in self._all_tabs():
            if tab.record_kind is None or not changes.touches(tab.record_kind):
                continue
            if isinstance(tab, ListTab) and tab.record_kind is changes.kind and not (changes.created
                                                                                     or changes.deleted):
                tab.records_changed(changes.changed)
            elif tab.record_kind is changes.kind and changes.created:
                tab.reload()
                tab.open_id(changes.created[0])
            else:
                tab.reload()
        self.update_counts()

    def mark_followup_done(self, ident: int, day: date | None = None, note: str | None = None) -> None:
        """The board's "Mark done" (once it has asked the day and the note): an undoable edit of the
        follow-up's status, completion day and note."""
        from organizer.services.followups import done_data, get_followup

        detail = get_followup(self.db, ident)
        if detail.data.status is not FollowUpStatus.DONE:
            self.records.update(RecordKind.FOLLOWUP, ident, detail.data, done_data(detail.data, day, note),
                                detail.meta.version)

    def _add_meeting_followup(self, meeting_id: int) -> None:
        """The meeting pane's "+ Add a follow-up": a new follow-up of that meeting and of its visit."""
        from organizer.services.meetings import get_meeting

        try:
            visit_id = self.records.call(get_meeting, self.db, meeting_id).data.visit_id
        except OrganizerError as err:
            self.statusBar().showMessage(error_text(err), 5000)
            return
        self.record_menu.open_editor(RecordKind.FOLLOWUP, visit_id=visit_id, meeting_id=meeting_id)

    def register_editor(self, action: str, handler: Callable[[int], Any]) -> None:
        """Offer an action link (``details.ADD_MEETING`` ...) in the detail panes; ``handler(visit_id)``
        runs when it is clicked."""
        self._editors[action] = handler
        for name in ("visits", "meetings"):
            tab = self._built.get(name)
            if tab is not None:
                cast(Any, tab).action_names = frozenset(self._editors)
                tab.refresh_detail()

    def request_action(self, action: str, ident: int) -> None:
        handler = self._editors.get(action)
        if handler is not None:
            handler(ident)

    # --- loading -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload every tab from the database (changes made elsewhere become visible)."""
        for tab in self._all_tabs():
            tab.reload()
        self.load_choices()
        self.update_counts()
        self.statusBar().showMessage(self.tr("Reloaded."), 2000)

    def load_choices(self) -> None:
        """Fill the filters' choices (institutions, tags, owners, visits) in the background."""
        db = self.db

        def work(_ctx: TaskContext) -> tuple[list[tuple[str, object]], list[str], list[tuple[str, object]],
                                             list[tuple[str, object]]]:
            from organizer.services.institutions import institution_tree
            from organizer.services.people import list_tags
            from organizer.services.related import followup_owners
            from organizer.services.visits import list_visits

            institutions = _flatten(institution_tree(db))
            owners: list[tuple[str, object]] = [(o.name, o.id) for o in followup_owners(db)]
            visits: list[tuple[str, object]] = [
                (" ".join(x for x in (fmt_date_range(v.start_date, v.end_date), v.title) if x), v.id)
                for v in list_visits(db)]
            return institutions, [t.tag for t in list_tags(db)], owners, visits

        self._choices_read.submit(work, self._fill_choices)

    def _fill_choices(self, result: tuple[list[tuple[str, object]], list[str], list[tuple[str, object]],
                                          list[tuple[str, object]]]) -> None:
        self._choices = result
        for tab in self.list_tabs():
            self._fill_tab_choices(tab, result)

    @staticmethod
    def _fill_tab_choices(tab: ListTab, result: tuple[Any, ...]) -> None:
        institutions, tags, owners, visits = result
        bar = tab.filters
        if bar.institution is not None:
            bar.fill(bar.institution, institutions)
        if bar.tag is not None:
            bar.fill(bar.tag, [(t, t) for t in tags])
        if bar.owner is not None:
            bar.fill(bar.owner, owners)
        if bar.visit is not None:
            bar.fill(bar.visit, visits)

    def update_counts(self) -> None:
        db = self.db

        def work(_ctx: TaskContext) -> dict[str, int]:
            from organizer.services.browse import record_counts

            return record_counts(db)

        self._counts_read.submit(work, self._show_counts)

    def _show_counts(self, counts: dict[str, int]) -> None:
        self.counts = counts
        n = counts
        self.counts_label.setText("   ·   ".join([
            self.tr("%Ln person(s)", "", n["person"]),
            self.tr("%Ln institution(s)", "", n["institution"]),
            self.tr("%Ln visit(s)", "", n["visit"]),
            self.tr("%Ln meeting(s)", "", n["meeting"]),
            self.tr("%Ln follow-up(s)", "", n["followup"]) + " " + self.tr("(%Ln open)", "", n["followup_open"]),
        ]))

    def _archive_finished(self, text: str, changed: bool) -> None:
        if changed:
            self.refresh()  # first: its "Reloaded." would replace the outcome
        self.statusBar().showMessage(text, 10_000)

    def export_list(self) -> None:
        """The current tab's list as CSV or .xlsx (File > Export list…)."""
        from organizer.gui.interop import LIST_OF_KIND

        kind, ident = self.current_record()
        name = LIST_OF_KIND.get(str(kind)) if kind is not None else None
        if name is None:
            self.statusBar().showMessage(self.tr("This list cannot be exported; choose People, Institutions, "
                                                 "Visits, Meetings or Follow-ups."), 5000)
            return
        if kind is RecordKind.VISIT and ident is not None:  # the visits, or the selected visit's own lists
            chosen = self.interop.choose_visit_list()
            if chosen is None:
                return
            if chosen != "visits":
                self.interop.ask_export_list(chosen, ident)
                return
        self.interop.ask_export_list(name)

    def _selected_visit(self) -> int | None:
        visits = self._built.get("visits")
        ident = visits.current_id() if visits is not None else None
        if ident is None:
            self.show_tab(self.visits_tab)
            self.statusBar().showMessage(self.tr("Select a visit first."), 5000)
        return ident

    def export_ics(self) -> None:
        """The schedule of the visit selected in the Visits tab as iCalendar."""
        if (ident := self._selected_visit()) is not None:
            self.interop.ask_export_ics(ident)

    def import_any(self) -> None:
        """File > Import…: archives, vCards, contact sheets or a calendar (into the visit selected in Visits)."""
        visits = self._built.get("visits")
        self.interop.ask_import_any(visits.current_id() if visits is not None else None)

    def new_visit_from_text(self) -> None:
        """File > New visit from text: a report's text drafted, reviewed, then imported (``gui.draft_text``)."""
        self.drafts.ask_new_visit_from_text()

    @property
    def drafts(self) -> DraftJobs:
        """Visits drafted from a report's text (their services load on first use)."""
        if self._drafts is None:
            from organizer.gui.draft_text import DraftJobs

            self._drafts = DraftJobs(self.db, self.runner, self, self.records)
            self._drafts.finished.connect(self._archive_finished)
            self._drafts.visit_imported.connect(lambda ident: self.open_record(RecordKind.VISIT.value, ident))
        return self._drafts

    def import_ics(self) -> None:
        """An .ics file's events as meetings of the visit selected in the Visits tab."""
        if (ident := self._selected_visit()) is not None:
            self.interop.ask_import_ics(ident)

    def export_briefing(self) -> None:
        """The briefing dialog for the visit selected in the Visits tab."""
        visits = self._built.get("visits")
        ident = visits.current_id() if visits is not None else None
        if ident is None:
            self.show_tab(self.visits_tab)
            self.statusBar().showMessage(self.tr("Select a visit first."), 5000)
            return
        from organizer.gui.briefing_dialog import open_export_dialog

        self.export_dialog = open_export_dialog(self, self.db, RecordKind.VISIT, ident, self.runner)

    def write_letters(self) -> None:
        """The thank-you letters of the visit selected in the Visits tab (or of the selected meeting's)."""
        tab = self.tabs.currentWidget()
        ident: int | None = None
        on_meeting = isinstance(tab, MasterDetailTab) and tab.record_kind is RecordKind.MEETING
        meeting = tab.current_id() if on_meeting and isinstance(tab, MasterDetailTab) else None
        if meeting is not None:
            from organizer.services.meetings import get_meeting

            try:
                ident = self.records.call(get_meeting, self.db, meeting).data.visit_id
            except OrganizerError:
                ident = None
        if ident is None:
            visits = self._built.get("visits")
            ident = visits.current_id() if visits is not None else None
        if ident is None:
            self.show_tab(self.visits_tab)
            self.statusBar().showMessage(self.tr("Select a visit first."), 5000)
            return
        from organizer.gui.letters_dialog import open_letters_dialog

        self.letters_dialog = open_letters_dialog(self, self.db, ident, self.runner)

    def export_dossier(self) -> None:
        """The dossier dialog for the person or institution selected in the current tab."""
        tab = self.tabs.currentWidget()
        dossier_kinds = (RecordKind.PERSON, RecordKind.INSTITUTION)
        kind = tab.record_kind if isinstance(tab, MasterDetailTab) and tab.record_kind in dossier_kinds else None
        ident = tab.current_id() if kind is not None and isinstance(tab, MasterDetailTab) else None
        if kind is None or ident is None:
            self.statusBar().showMessage(self.tr("Select a person or an institution first."), 5000)
            return
        from organizer.gui.briefing_dialog import open_export_dialog

        self.export_dialog = open_export_dialog(self, self.db, kind, ident, self.runner)

    def find_duplicates(self) -> None:
        """Tools > Find duplicates…: the pairs side by side, merges on this window's undo stack."""
        from organizer.gui.duplicates import DuplicatesDialog

        self.duplicates_dialog = DuplicatesDialog(self.db, self.records, self.runner, self)
        self.duplicates_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.duplicates_dialog.show()

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About Organizer"), about_text())

    def apply_user_name(self) -> None:
        """The name from Preferences goes into the audit trail, unless ``--user`` or ``$ORGANIZER_USER``
        named someone (the login name is only the default)."""
        from organizer.store.database import default_user

        if not self._user_given and not os.environ.get("ORGANIZER_USER"):
            self.db.user = self.settings.user_name or default_user()

    def show_preferences(self) -> None:
        from organizer.gui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self)
        accepted = dialog.exec()
        if accepted:
            self.apply_user_name()
        if not (accepted and dialog.restart_needed()):
            return
        if self.switch_language is not None and (self.records.stack.count() == 0 or QMessageBox.question(
                self, self.tr("Preferences"),
                self.tr("Show the window in the new language now? This clears the undo history of this session; "
                        "otherwise the new language is used when you start Organizer again.")
        ) == QMessageBox.StandardButton.Yes):
            self.switch_language()
            return
        QMessageBox.information(self, self.tr("Preferences"),
                                self.tr("The new language will be used when you start Organizer again."))

    def save_state(self) -> None:
        """Remember the window's geometry, splitters and column widths for the next start."""
        if not self.remember_state:
            return
        self.settings.save_window(self)
        for name, tab in self._built.items():
            self.settings.save_widgets(tab, f"main/{name}")
        self.settings.sync()

    def offer_drafts(self) -> QDialog | None:
        """Offer back the unsaved edits a killed or crashed Organizer left on this database
        (``gui.drafts_offer``); None when there are none."""
        from organizer.services.drafts import left_drafts

        found = self.records.call(left_drafts, self.db)
        if not found:
            return None
        from organizer.gui.drafts_offer import DraftsOffer

        offer = DraftsOffer(found, self)
        offer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        offer.restore.connect(self._restore_drafts)
        offer.discard.connect(self._discard_drafts)
        self.drafts_offer = offer
        offer.open()
        return offer

    def _restore_drafts(self, chosen: list[Any]) -> None:
        for draft in chosen:
            self.record_menu.restore_draft(draft)

    def _discard_drafts(self, chosen: list[Any]) -> None:
        from organizer.services.drafts import remove_draft

        for draft in chosen:
            self.records.call(remove_draft, draft.path)

    def close_editors(self) -> bool:
        """Close the open editors before the window closes or another database opens: each with changes
        asks Save / Discard / Cancel; False (nothing closed further) if one was kept open."""
        return self.record_menu.close_editors()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.close_editors():
            event.ignore()
            return
        self.save_state()
        self.runner.shutdown()
        super().closeEvent(event)

