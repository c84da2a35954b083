"""Quick-open: the tool bar's search field (Ctrl+K) that finds records of every kind by name as you type.

Each keystroke restarts a short timer; when it fires, ``services.search.quick_open`` (the search
service: any spelling of a name, a typo, words of notes; agreements and topics by name) runs on a
worker thread (a newer query supersedes an older one, whose result is dropped), so typing never
waits for the database. Results fill a ``QCompleter`` pop-up; choosing one (Enter, a click) emits
``open_record(kind, id)`` and clears the field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from organizer.domain.enums import RecordKind
from organizer.domain.listing import QuickHit
from organizer.gui.formatting import fmt_date
from organizer.gui.kinds import kind_title
from organizer.gui.models import ID_ROLE
from organizer.gui.tasks import LatestOnly, TaskContext, TaskRunner

if TYPE_CHECKING:  # the GUI only passes the handle on to organizer.services
    from organizer.store.database import Database

DELAY_MS = 150
KIND_ROLE = int(Qt.ItemDataRole.UserRole) + 10


def kind_label(kind: RecordKind | str) -> str:
    """``Person``, ``Visit`` ... (translated), for a record kind (a hit's kind is its value as text)."""
    try:
        return kind_title(RecordKind(kind))
    except ValueError:
        return str(kind)


def hit_text(hit: QuickHit) -> str:
    """``Evgeny Korzhikov — Person · JSC "Uzkhimyosanoat"``: the line shown in the pop-up."""
    extra = " · ".join(x for x in (kind_label(hit.kind), hit.detail, fmt_date(hit.when)) if x)
    return f"{hit.title} — {extra}"


class QuickOpen(QLineEdit):
    """A search field over every kind of record; ``open_record`` fires when one is chosen."""

    open_record = Signal(str, int)
    results_shown = Signal(int)
    """The pop-up was filled (with this many hits) for the current text."""

    def __init__(self, db: Database, runner: TaskRunner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._tasks = LatestOnly(runner) if runner is not None else None
        self.setPlaceholderText(self.tr("Open a record… (Ctrl+K)"))
        self.setAccessibleName(self.tr("Quick open"))
        self.setToolTip(self.tr("Type part of a name to find people, institutions, visits, meetings, "
                                "agreements, topics and follow-ups"))
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(320)
        self.results = QStandardItemModel(self)
        self.completer_ = QCompleter(self)
        self.completer_.setModel(self.results)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setMaxVisibleItems(16)
        self.completer_.setWidget(self)
        self.completer_.activated[QModelIndex].connect(self._chosen)  # type: ignore[index]
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.textEdited.connect(lambda _text: self._timer.start())
        self.returnPressed.connect(self._enter)

    def search_now(self) -> None:
        """Run the query for the current text (the timer does this after typing stops)."""
        self._timer.stop()
        text, db = self.text().strip(), self._db
        if not text:
            if self._tasks is not None:
                self._tasks.cancel()
            self._show([], text)
            return

        def work(_ctx: TaskContext) -> list[QuickHit]:
            from organizer.services.search import quick_open  # on the worker: the window starts without it

            return quick_open(db, text)

        if self._tasks is None:
            self._show(work(TaskContext()), text)
        else:
            self._tasks.submit(work, lambda hits: self._show(hits, text))

    def _show(self, hits: list[QuickHit], text: str) -> None:
        if text != self.text().strip():
            return  # the user typed on; a newer query is coming
        self.results.clear()
        for hit in hits:
            item = QStandardItem(hit_text(hit))
            item.setData(hit.kind, KIND_ROLE)
            item.setData(hit.id, ID_ROLE)
            item.setEditable(False)
            self.results.appendRow(item)
        if not hits and text:
            item = QStandardItem(self.tr("Nothing found for “%1”").replace("%1", text))
            item.setEnabled(False)
            item.setSelectable(False)
            self.results.appendRow(item)
        if self.results.rowCount():
            self.completer_.complete()
        else:
            self._hide_popup()
        self.results_shown.emit(len(hits))

    def _hide_popup(self) -> None:
        popup = self.completer_.popup()
        if popup is not None:
            popup.hide()

    def hits(self) -> list[tuple[str, int]]:
        """(kind, id) of the results shown now."""
        out = []
        for row in range(self.results.rowCount()):
            item = self.results.item(row)
            if item.data(KIND_ROLE) is not None:
                out.append((str(item.data(KIND_ROLE)), int(item.data(ID_ROLE))))
        return out

    def choose(self, row: int) -> None:
        """Open the result in this row of the pop-up."""
        self._chosen(self.results.index(row, 0))

    def _enter(self) -> None:
        """Enter without choosing in the pop-up opens the first result once it is there."""
        if self._timer.isActive() or (self._tasks is not None and self._tasks.pending):
            self.search_now()
            return
        if self.hits():
            self.choose(0)

    def _chosen(self, index: QModelIndex) -> None:
        kind, ident = index.data(KIND_ROLE), index.data(ID_ROLE)
        if kind is None or ident is None:
            return
        self._hide_popup()
        self.clear()
        self.results.clear()
        self.open_record.emit(str(kind), int(ident))
