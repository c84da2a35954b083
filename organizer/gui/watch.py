"""Changes made elsewhere (another window, a script, a colleague on the same server) appear by themselves.

While the main window is the active window, ``ChangeWatcher`` asks the audit trail every
``INTERVAL_MS`` (and at once when the window becomes active) for entries it has not seen: one
primary-key range query (``services.audit.changes_after``), nothing when nothing changed. For each kind
that changed, the tabs refresh the way they do after the window's own edits: a changed record's rows
are re-read in place, a created or deleted one reloads its list (keeping the selection); every other
tab re-reads the record its detail pane shows (it may show the changed one's name). An archive import
reloads everything. F5 still reloads everything at once.

Entries of the window's own changes come back here too; they refresh what is already fresh, which
costs a re-read and nothing else.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from organizer.domain.changes import ChangeSet
from organizer.domain.enums import RecordKind
from organizer.domain.errors import OrganizerError
from organizer.gui.panes import MasterDetailTab
from organizer.gui.tabs import ListTab
from organizer.gui.tasks import TaskRunner, call
from organizer.store.database import Database

if TYPE_CHECKING:
    from organizer.services.audit import RecentChange

INTERVAL_MS = 3000
LOOKBACK = 200
"""Entries re-read below the newest seen: a PostgreSQL transaction may commit a lower id later."""


def last_entry_id(db: Database) -> int:
    """``services.audit.last_entry_id``, imported where it runs: on a worker (with SQLAlchemy, which the
    window's first rows and pane do without: importing it on the UI thread would stall it)."""
    from organizer.services.audit import last_entry_id

    return last_entry_id(db)


def changes_after(db: Database, after: int) -> list[RecentChange]:
    """``services.audit.changes_after``, imported on the worker that runs it (see ``last_entry_id``)."""
    from organizer.services.audit import changes_after

    return changes_after(db, after)


def change_sets(changes: Sequence[RecentChange]) -> tuple[list[ChangeSet], bool]:
    """Per-kind change sets of these entries, and whether everything must reload (an import)."""
    everything = False
    created: dict[str, list[int]] = defaultdict(list)
    changed: dict[str, list[int]] = defaultdict(list)
    deleted: dict[str, list[int]] = defaultdict(list)
    for change in changes:
        if change.kind is None or change.record_id is None:
            everything = True
            continue
        target = {"create": created, "delete": deleted}.get(change.action, changed)
        if change.action in ("merge", "unmerge"):  # records come and go
            target = deleted if change.action == "merge" else created
        target[change.kind].append(change.record_id)
    sets = [ChangeSet(RecordKind(kind), created=tuple(created[kind]), changed=tuple(changed[kind]),
                      deleted=tuple(deleted[kind]))
            for kind in sorted(set(created) | set(changed) | set(deleted))]
    return sets, everything


class ChangeWatcher(QObject):
    """Polls for other clients' changes while ``window`` is active; see the module docstring."""

    noticed = Signal(object)
    """The ``ChangeSet``s of changes noticed (after the tabs refreshed)."""

    def __init__(self, db: Database, window: QWidget, tabs: Callable[[], Sequence[MasterDetailTab]],
                 after: Callable[[], None] | None = None, runner: TaskRunner | None = None) -> None:
        super().__init__(window)
        self.db = db
        self.runner = runner
        """Where the look-ups run (the window's runner; None: on this thread)."""
        self.window = window
        self.tabs = tabs
        self.after = after
        self.last = 0
        self.seen: set[int] = set()
        self._baseline()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check_now)
        window.installEventFilter(self)

    def _baseline(self) -> None:
        """What is in the database now counts as seen: only later entries refresh anything."""
        try:
            self.last = call(self.runner, last_entry_id, self.db)
            self.seen = {c.entry_id for c in call(self.runner, changes_after, self.db, max(0, self.last - LOOKBACK))}
        except OrganizerError:
            self.last, self.seen = 0, set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.ActivationChange:
            if self.window.isActiveWindow():
                self.check_now()
                self.timer.start()
            else:
                self.timer.stop()
        return False

    def check_now(self) -> bool:
        """Look for new entries now and refresh what they concern; True if there were any."""
        try:
            found = call(self.runner, changes_after, self.db, max(0, self.last - LOOKBACK))
        except OrganizerError:
            return False  # the database is gone or busy: the next tick tries again
        new = [c for c in found if c.entry_id not in self.seen and c.entry_id > 0]
        if not new:
            return False
        self.seen.update(c.entry_id for c in new)
        self.last = max(self.last, *(c.entry_id for c in new))
        self.seen = {i for i in self.seen if i > self.last - LOOKBACK}
        sets, everything = change_sets(new)
        self._refresh(sets, everything)
        if self.after is not None:
            self.after()
        self.noticed.emit(sets)
        return True

    def _refresh(self, sets: Sequence[ChangeSet], everything: bool) -> None:
        for tab in self.tabs():
            kind = tab.record_kind
            mine = [s for s in sets if kind is not None and s.kind is kind]
            if everything or any(s.created or s.deleted for s in mine):
                tab.reload()  # keeps the selected record if it is still there
            elif mine and isinstance(tab, ListTab):
                tab.model.refresh_ids([i for s in mine for i in s.changed])
                tab.refresh_detail()
            elif sets:
                tab.refresh_detail()
