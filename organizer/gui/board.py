"""The follow-ups board: open items first (overdue ones marked), filters for owner, institution, visit,
status and due date, and "Mark done" in place.

Mark done first asks the day it was done (today by default) and an optional note (``done_dialog``), then
goes through a ``mark_done(ident, day, note)`` callable, by default ``services.followups.mark_done``; the
window passes one that goes through its undo stack (Record > Mark done, Ctrl+D, does the same). A board
filtered by status reloads at once (a done follow-up leaves the "Open" board); otherwise the row is
re-fetched in place and shows its new status.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QPushButton, QWidget

from organizer.domain.enums import FollowUpStatus, RecordKind
from organizer.domain.errors import OrganizerError
from organizer.domain.records import FollowUpRow
from organizer.gui.details import followup_html, is_overdue
from organizer.gui.done_dialog import DoneDialog, ask_done
from organizer.gui.formatting import enum_label, fmt_date
from organizer.gui.messages import error_text
from organizer.gui.models import ID_ROLE
from organizer.gui.models.lazy import LazyColumn
from organizer.gui.tabs import ListTab, status_choices, widest
from organizer.gui.tasks import TaskRunner, call
from organizer.services.followups import get_followup
from organizer.services.followups import mark_done as mark_done_in

if TYPE_CHECKING:  # the GUI only passes the handle on to organizer.services
    from organizer.store.database import Database

OVERDUE_COLOR = QColor(176, 0, 32)


def _first_line(f: FollowUpRow) -> str:
    lines = f.description.strip().splitlines()
    return lines[0] if lines else ""


class FollowUpsTab(ListTab):
    """Follow-ups as a board: open ones by due date; Enter or a double click opens the visit."""

    record_kind = RecordKind.FOLLOWUP

    kind = "followup"
    changed = Signal()
    """A follow-up was changed from the board (the window updates its counts)."""

    def __init__(self, db: Database, runner: TaskRunner | None = None, parent: QWidget | None = None, *,
                 mark_done: Callable[[int, date, str], Any] | None = None) -> None:
        columns = [
            LazyColumn(self.tr("Status"), self._status_text, "status"),
            LazyColumn(self.tr("Due"), lambda f: fmt_date(f.due_date), "due"),
            LazyColumn(self.tr("What"), _first_line, "description", tooltip=lambda f: f.description),
            LazyColumn(self.tr("Owner"), lambda f: f.owner or "", "owner"),
            LazyColumn(self.tr("Visit"), lambda f: f.visit_title or "", "visit"),
            LazyColumn(self.tr("Meeting"), lambda f: f.meeting_title or "", "meeting"),
            LazyColumn(self.tr("Done on"), lambda f: fmt_date(f.done_on),
                       tooltip=lambda f: f.done_note),
        ]
        super().__init__(db, runner, columns, Qt.Orientation.Vertical, self.tr("Filter by what is to be done…"),
                         parent)
        self._mark_done = mark_done or (lambda ident, day, note: mark_done_in(db, ident, day, note))
        self.filters.add_status(self.tr("Status"), self.tr("Any status"), status_choices(list(FollowUpStatus)),
                                default=FollowUpStatus.OPEN.value)
        self.filters.add_owner()
        self.filters.add_institution()
        self.filters.add_visit()
        self.filters.new_row()  # the dates and Mark done below: one row would not fit 1366x768 at 125 %
        self.filters.add_dates()
        self.model.set_query(self.filters.query())
        self.model.foreground = self._foreground
        self.model.font = self._font
        self.done_button = QPushButton(self.tr("Mark &done"))
        self.done_button.setToolTip(self.tr("Mark the selected follow-up done (Ctrl+D)"))
        self.done_button.clicked.connect(self.mark_selected_done)
        self.filters.add_widget(self.done_button)
        # overdue rows are bold: room for the translated word in bold, and for a long date of the locale
        status = max(self.tr("Overdue"), widest(FollowUpStatus), key=len)
        self._widths(((0, status + "MM"), (1, fmt_date(date(2025, 9, 30)) + "M"),
                      (3, "Mikhail Varfolomeyev / Technopark"),
                      (4, "Delegation of JSC to Kazan"), (5, "Meeting with the university's leader")), stretch=2)
        self.table.activated.connect(self._open_visit)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_button())
        self.model.modelReset.connect(self._update_button)
        self.model.dataChanged.connect(lambda *_: self._update_button())  # a batch read after the reset
        self.splitter.setSizes([500, 200])

    @property
    def placeholder(self) -> str:
        return self.tr("Select a follow-up to see its notes.")

    @property
    def empty_message(self) -> str:
        if self.filters.active:
            return self.tr("No follow-up matches the filter. Clear it to see them all.")
        if self.filters.query().status == FollowUpStatus.OPEN.value:
            return self.tr("No open follow-ups: everything agreed has been done. Choose “Any status” to see them all.")
        return QCoreApplication.translate("MasterDetailTab",
                                          "No follow-ups yet: add one here or from a visit's meetings.")

    # --- how rows look -----------------------------------------------------------------------------

    def _status_text(self, f: FollowUpRow) -> str:
        return self.tr("Overdue") if is_overdue(f) else enum_label(f.status)

    def _foreground(self, f: FollowUpRow, column: int) -> QBrush | None:
        return QBrush(OVERDUE_COLOR) if is_overdue(f) and column in (0, 1) else None

    def _font(self, f: FollowUpRow, column: int) -> QFont | None:
        if is_overdue(f) and column in (0, 1):
            font = QFont(self.table.font())
            font.setBold(True)
            return font
        return None

    def overdue_ids(self, today: date | None = None) -> list[int]:
        """Ids of the overdue rows fetched so far (for tests and the status bar)."""
        out = []
        for row in range(self.model.rowCount()):
            f = self.model.row_at(row)
            if f is not None and is_overdue(f, today):
                out.append(f.id)
        return out

    # --- actions -----------------------------------------------------------------------------------

    def detail_html(self, ident: int) -> str:
        detail = get_followup(self._db, ident)
        return followup_html(detail.row, detail.data, detail.row.visit_title, detail.row.meeting_title)

    def _update_button(self) -> None:
        """Enabled for an open follow-up. Only rows already read decide it (nothing is read on the UI thread):
        a row whose batch is still on its way leaves the button on, and the batch's arrival updates it."""
        current = self.table.currentIndex()
        row = self.model.row_held(current.row()) if current.isValid() else None
        self.done_button.setEnabled(current.isValid() and (row is None or row.status is not FollowUpStatus.DONE))

    def records_changed(self, ids: Sequence[int]) -> None:
        """A board filtered by status reloads (a follow-up done or reopened leaves or joins it at once)."""
        if self.filters.query().status:
            self.reload()
        else:
            super().records_changed(ids)
        self._update_button()

    def mark_selected_done(self) -> DoneDialog | None:
        """Ask the day and a note (``done_dialog``), then mark the selected follow-up done."""
        ident = self.current_id()
        if ident is None:
            return None
        row = self.model.row_held(self.table.currentIndex().row())
        if row is None:  # its batch is not read yet: read the follow-up on the worker
            try:
                row = call(self.detail_runner, get_followup, self._db, ident).row
            except OrganizerError as err:
                self.message.emit(error_text(err))
                return None
        if row.status is FollowUpStatus.DONE:
            return None
        self.done_dialog = ask_done(self, row.description, lambda day, note: self._done(ident, day, note))
        return self.done_dialog

    def _done(self, ident: int, day: date, note: str) -> None:
        try:
            call(self.detail_runner, self._mark_done, ident, day, note)
        except OrganizerError as err:
            self.message.emit(error_text(err))
            return
        self.records_changed([ident])
        self.message.emit(self.tr("Marked done."))
        self.changed.emit()

    def _open_visit(self, index: QModelIndex) -> None:
        f = self.model.row_held(index.row())  # a row double-clicked is shown, so read
        if f is not None and f.visit_id is not None:
            self.record_link.emit("visit", f.visit_id)
        elif index.data(ID_ROLE) is not None:
            self.refresh_detail()
