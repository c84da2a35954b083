"""A lazy table over any list kind: the full id list, rows built a batch at a time on first ``data()``.

As Anki's browser does, the model reports every id as a row (the scroll bar shows the true size) and
fetches the rows of a batch of ``batch_size`` ids (``services.browse.record_rows``) the first time a
view asks for one of them; at most ``max_batches`` batches are kept (least recently used dropped), so
scrolling through 100,000 people or jumping to the end costs a batch per screenful, never the list.

The id list comes from ``services.browse.record_ids`` with a ``ListQuery``: filtering and sorting
happen in SQL. With a ``TaskRunner`` the id query runs on a worker thread and the model resets when
it arrives (``ids_loaded``); a newer request supersedes an older one. Without one it runs inline.
The model reads through ``services.paging``, which serves the people list's first page and rows on a
SQLite file without SQLAlchemy: the window's first rows paint before SQLAlchemy is imported.

The model keeps the last whole list it showed in the kind's usual order (``_held``, the same array while it
is shown): a filter in that order is then answered by which records match, kept in that order
(``paging.held_matches``), not sorted again in SQL; a new filter's first page is shown before the rest is
put in order, which ``load_rest()`` does once those rows have painted. ``reload()`` and ``refresh_ids()``
(records were created, deleted or changed) let the held list go; a filter or a sort does not, and after a
filter read without one the whole list is read again in the background.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from organizer.domain.enums import RecordKind
from organizer.domain.listing import ListQuery
from organizer.gui.models import ID_ROLE, column_header
from organizer.gui.tasks import LatestOnly, TaskContext, TaskRunner
from organizer.services.paging import (
    HeldMatches,
    every_record,
    first_record_ids,
    held_matches,
    in_usual_order,
    ordered_ids,
    record_ids,
    record_rows,
)

if TYPE_CHECKING:  # the GUI only passes the handle on to organizer.services
    from PySide6.QtGui import QBrush, QFont

    from organizer.store.database import Database

BATCH_SIZE = 100
"""Rows read at a time: more than a tall screen shows (the first batch is what a filter's or the window's first
rows wait for; 200 cost a filter keystroke twice the rows it paints, 10-25 ms of CPU at 100,000 people)."""
MAX_BATCHES = 64

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class LazyColumn:
    """A column: its (translated) header, how a row shows in it, and the service sort key behind it."""

    header: str
    text: Callable[[Any], str]
    sort: str | None = None
    align_right: bool = False
    tooltip: Callable[[Any], str] | None = None


def _read_batches(db: Database, kind: RecordKind, ids: Sequence[int], numbers: Sequence[int],
                  size: int) -> dict[int, dict[int, Any]]:
    """The rows of batches ``numbers`` of the id list ``ids`` (on the worker that read the list)."""
    batches: dict[int, dict[int, Any]] = {}
    for number in numbers:
        wanted = list(ids[number * size:(number + 1) * size])
        if wanted:
            batches[number] = {r.id: r for r in record_rows(db, kind, wanted)}
    return batches


class LazyListModel(QAbstractTableModel):
    """The records of one kind that a ``ListQuery`` selects, in its order."""

    ids_loaded = Signal()
    """The list was (re)loaded: the model was reset (after a first page, only that page's ids are known)."""
    ids_completed = Signal()
    """The rest of the ids arrived after a first page (no reset: the rows already shown stay as they are)."""
    load_failed = Signal(str)

    def __init__(self, db: Database, kind: RecordKind, columns: Sequence[LazyColumn], parent: QObject | None = None, *,
                 runner: TaskRunner | None = None, batch_size: int = BATCH_SIZE,
                 max_batches: int = MAX_BATCHES) -> None:
        super().__init__(parent)
        self._db = db
        self.kind = kind
        self._columns = tuple(columns)
        self._runner = LatestOnly(runner) if runner is not None else None
        self._row_runner = runner
        """Row batches a view asks for are read here, in the background (None: at once, on this thread)."""
        self._generation = 0
        """Counts resets of the id list: a batch read for an older list is dropped when it arrives."""
        self._fetching: dict[int, int] = {}
        """Batches being read in the background: number -> the read's serial (only that read is kept)."""
        self._fetch_serial = 0
        self._batch_size = batch_size
        self._max_batches = max_batches
        self._ids = array("q")
        """The ids in list order, 8 bytes each (a list of ints would take 36: 3.6 MB at 100,000 people)."""
        self._held: array[int] | None = None
        """Every id of the kind in its usual order, as last read (``paging.ordered_ids``); None: not known, or
        records changed since."""
        self._held_epoch = 0
        """Counts the times ``_held`` was let go: a whole list read before that is not kept."""
        self._reading_epoch = 0
        """``_held_epoch`` when the list being read was asked for."""
        self._rest: HeldMatches | None = None
        """A filter's matches whose first page is shown: ``load_rest`` puts the rest in the held order."""
        self._rows = 0
        """Rows reported to views: ``len(self._ids)``, or the full count while only a first page is known."""
        self._partial = False
        self._batches: OrderedDict[int, dict[int, Any]] = OrderedDict()
        self._query = ListQuery()
        self.batches_fetched = 0
        """How many batches of rows have been fetched since the model was made (for tests and benchmarks)."""
        self.loaded = False
        self._started = False
        self.foreground: Callable[[Any, int], QBrush | None] | None = None
        self.font: Callable[[Any, int], QFont | None] | None = None

    # --- the id list -------------------------------------------------------------------------------

    @property
    def query(self) -> ListQuery:
        return self._query

    def set_query(self, query: ListQuery) -> None:
        """Show what ``query`` selects (keeps the current sort unless the query names one)."""
        if not query.sort:
            query = replace(query, sort=self._query.sort, descending=self._query.descending)
        self._query = query
        # no text: maybe every record (100,000 people): the first page shows as soon as it is read and the
        # rest of the ids follows once those rows have painted (``ListTab``), as at start-up. Text goes
        # through the search index (``services.browse``): the whole list of matches costs less than a first
        # page and a count of them
        self._load(first_page=not query.text.strip(), top=True)

    def reload(self, *, first_page: bool = False, top: bool = False) -> None:
        """Re-read the id list (in the background when the model has a runner): records may have been created,
        deleted or changed, so the whole list held in the usual order is read again too when it is needed.

        With ``first_page`` (a window's first load) only the first batch of ids and the count are read:
        the rows can be shown, with a scroll bar of the right size, before the whole list is read, which
        ``load_rest()`` then starts (the window calls it once those rows have painted). With ``top`` (a new
        filter) only the first rows are read with the list, not those of the batches in view now.
        """
        self._let_go()
        self._load(first_page=first_page, top=top)

    def _let_go(self) -> None:
        self._held = None
        self._held_epoch += 1

    def _hold_later(self, query: ListQuery) -> None:
        """Read the whole list in the usual order in the background for the next filter, where none is held
        and ``query`` (what the list shows: a filter read without it, or records changed) is in that order."""
        if self._held is not None or self._row_runner is None or self._row_runner.closed \
                or not in_usual_order(self.kind, query):
            return
        db, kind, epoch = self._db, self.kind, self._held_epoch

        def keep(ids: array[int]) -> None:
            if epoch == self._held_epoch and self._held is None:
                self._held = ids

        self._row_runner.submit(lambda _ctx: array("q", record_ids(db, kind, ListQuery())), on_done=keep,
                                on_error=lambda _error: None)  # the next filter sorts in SQL, as without it

    def _load(self, *, first_page: bool = False, top: bool = False) -> None:
        query, db, kind = self._query, self._db, self.kind
        self._started = True
        self._rest = None
        self._reading_epoch = self._held_epoch
        held = self._held if in_usual_order(kind, query) else None
        if self._runner is None:
            ids = ordered_ids(db, kind, query, held) if held is not None else None
            self._apply_ids(record_ids(db, kind, query) if ids is None else ids, query=query)
            return
        self.loaded = False
        limit, size = self._batch_size, self._batch_size
        # the batches in view now are read with the new list (no blank rows); a new filter shows its top
        shown = [0] if top else list(self._batches)

        def work(_ctx: TaskContext) -> tuple[array[int], dict[int, dict[int, Any]]]:
            ids = ordered_ids(db, kind, query, held) if held is not None else None
            if ids is None:
                ids = array("q", record_ids(db, kind, query))  # on the worker: the list is dropped there
            return ids, _read_batches(db, kind, ids, shown, size)

        def first(_ctx: TaskContext) -> tuple[array[int], int, dict[int, dict[int, Any]]]:
            ids, total = first_record_ids(db, kind, query, limit=limit)
            page = array("q", ids)
            return page, total, _read_batches(db, kind, page, [0], size)

        def held_first(_ctx: TaskContext) -> tuple[HeldMatches | None, array[int], int, dict[int, dict[int, Any]]]:
            found = held_matches(db, kind, query, held) if held is not None else None
            ids = array("q", record_ids(db, kind, query)) if found is None else found.first(limit)
            return found, ids, len(ids) if found is None else len(found), _read_batches(db, kind, ids, [0], size)

        if first_page:
            self._runner.submit(first, lambda result: self._apply_first_page(*result, query=query), self._on_error)
        elif top and held is not None:  # a new filter: its first page in the held order, the rest after the paint
            self._runner.submit(held_first, lambda result: self._apply_held_first(query, *result), self._on_error)
        else:
            self._runner.submit(work, lambda result: self._apply_ids(*result, query=query), self._on_error)

    def load_rest(self) -> None:
        """Read the whole id list after a first page; nothing if the list is complete or being reloaded."""
        if not self._partial or self._runner is None or self._runner.pending:
            return
        query, db, kind = self._query, self._db, self.kind
        found = self._rest  # None, or records changed since its first page (another held list): sorted in SQL
        if found is not None and found.held is not self._held:
            found = None
        self._reading_epoch = self._held_epoch

        def work(_ctx: TaskContext) -> array[int]:
            ids = found.all() if found is not None else None  # None: the held list lacks a match: sorted in SQL
            return array("q", record_ids(db, kind, query)) if ids is None else ids

        self._runner.submit(work, lambda ids: self._apply_rest(ids, query), self._rest_failed)

    @property
    def loading(self) -> bool:
        """The id list is being read, or only its first page is known yet."""
        return self._partial or (self._runner is not None and self._runner.pending)

    @property
    def complete(self) -> bool:
        """Every id of the list is known (not only a first page)."""
        return self.loaded and not self._partial

    def _on_error(self, error: BaseException) -> None:
        self.loaded = True
        self.load_failed.emit(str(error))

    def _apply_ids(self, ids: Sequence[int], batches: dict[int, dict[int, Any]] | None = None, *,
                   query: ListQuery | None = None) -> None:
        """Show ``ids``, the whole list ``query`` selects (None: not known to be whole)."""
        self.beginResetModel()
        self._ids = ids if isinstance(ids, array) else array("q", ids)
        if query is not None and every_record(self.kind, query) and self._reading_epoch == self._held_epoch:
            self._held = self._ids
        self._rows = len(self._ids)
        self._partial = False
        self._new_list(batches)
        self.endResetModel()
        self.loaded = True
        self.ids_loaded.emit()
        if query is not None:
            self._hold_later(query)

    def _new_list(self, batches: dict[int, dict[int, Any]] | None) -> None:
        self._generation += 1
        self._fetching.clear()
        self._batches.clear()
        for number, batch in (batches or {}).items():
            self._batches[number] = batch
            self.batches_fetched += 1

    def _apply_first_page(self, ids: array[int], total: int, batches: dict[int, dict[int, Any]] | None = None,
                          *, query: ListQuery | None = None) -> None:
        if len(ids) >= total:  # that is the whole list
            self._apply_ids(ids, batches, query=query)
            return
        self.beginResetModel()
        self._ids = ids
        self._rows = total
        self._partial = True
        self._new_list(batches)
        self.endResetModel()
        self.loaded = True
        self.ids_loaded.emit()

    def _apply_held_first(self, query: ListQuery, found: HeldMatches | None, ids: array[int], total: int,
                          batches: dict[int, dict[int, Any]]) -> None:
        self._apply_first_page(ids, total, batches, query=query)
        self._rest = found if self._partial else None

    def _apply_rest(self, ids: array[int], query: ListQuery) -> None:
        self._rest = None
        if not self._partial:
            return
        shown = len(self._ids)
        if len(ids) != self._rows or ids[:shown] != self._ids:  # the list changed meanwhile: start over
            self._apply_ids(ids, query=query)
            return
        self._ids = ids
        if every_record(self.kind, query) and self._reading_epoch == self._held_epoch:
            self._held = ids
        self._partial = False
        if self._rows > shown:
            self.dataChanged.emit(self.index(shown, 0), self.index(self._rows - 1, len(self._columns) - 1))
        self.ids_completed.emit()

    def _rest_failed(self, error: BaseException) -> None:
        self._apply_ids(self._ids)  # keep the first page; the message says why the rest is missing
        self.load_failed.emit(str(error))

    @property
    def total_count(self) -> int:
        return self._rows

    @property
    def loaded_count(self) -> int:
        """Rows held in memory now."""
        return sum(len(b) for b in self._batches.values())

    def ids(self) -> tuple[int, ...]:
        return tuple(self._ids)

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, ident: int) -> int | None:
        """The row of a record in the list, or None; fetches nothing (a scan of the id array: a few
        milliseconds at 100,000 ids, and no index kept in memory)."""
        try:
            return self._ids.index(ident)
        except ValueError:
            return None

    # --- rows --------------------------------------------------------------------------------------

    def row_at(self, row: int) -> Any:
        """The row object at ``row``, fetching its batch if needed; None if the record is gone."""
        if not 0 <= row < len(self._ids):
            return None
        number = row // self._batch_size
        batch = self._batches.get(number)
        if batch is None:
            start = number * self._batch_size
            wanted = self._ids[start:start + self._batch_size].tolist()
            batch = {r.id: r for r in record_rows(self._db, self.kind, wanted)}
            self.batches_fetched += 1
            self._batches[number] = batch
            while len(self._batches) > self._max_batches:
                self._batches.popitem(last=False)
        else:
            self._batches.move_to_end(number)
        return batch.get(self._ids[row])

    def row_held(self, row: int) -> Any:
        """The row object at ``row`` if its batch is in memory, else None: reads nothing (for the UI
        thread's own decisions, e.g. whether a button is enabled)."""
        if not 0 <= row < len(self._ids):
            return None
        batch = self._batches.get(row // self._batch_size)
        return batch.get(self._ids[row]) if batch is not None else None

    def _row_if_read(self, row: int) -> Any:
        """For painting: the row object if its batch is in memory; else None, and with a runner the batch
        is read in the background (the rows show once it is back), without a runner here and now."""
        if self._row_runner is None or self._row_runner.closed:
            return self.row_at(row)
        if not 0 <= row < len(self._ids):
            return None
        number = row // self._batch_size
        batch = self._batches.get(number)
        if batch is not None:
            self._batches.move_to_end(number)
            return batch.get(self._ids[row])
        if number not in self._fetching:
            self._fetch_serial += 1
            serial = self._fetching[number] = self._fetch_serial
            db, kind, size, generation = self._db, self.kind, self._batch_size, self._generation
            wanted = self._ids[number * size:(number + 1) * size].tolist()
            self._row_runner.submit(
                lambda _ctx: {r.id: r for r in record_rows(db, kind, wanted)},
                on_done=lambda batch: self._batch_read(generation, number, serial, batch),
                on_error=lambda error: self._batch_failed(generation, number, serial, error))
        return None

    def _batch_read(self, generation: int, number: int, serial: int, batch: dict[int, Any]) -> None:
        if generation != self._generation or self._fetching.get(number) != serial:
            return  # read for a list replaced meanwhile, or before its rows changed (``refresh_ids``)
        del self._fetching[number]
        self._batches[number] = batch
        self.batches_fetched += 1
        while len(self._batches) > self._max_batches:
            self._batches.popitem(last=False)
        first, last = number * self._batch_size, min(self._rows, (number + 1) * self._batch_size) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self._columns) - 1))

    def _batch_failed(self, generation: int, number: int, serial: int, error: BaseException) -> None:
        if generation == self._generation and self._fetching.get(number) == serial:
            del self._fetching[number]
            self.load_failed.emit(str(error))

    def refresh_ids(self, ids: Sequence[int]) -> None:
        """Re-fetch the rows of these records (after they changed) and tell the views; the list held in the
        usual order is let go (a changed name may move a record in it). A read of their batch still on its
        way may have read them before the change: it is dropped when it arrives."""
        if ids:
            self._let_go()
            self._hold_later(self._query)
        for ident in ids:
            row = self.row_of(ident)
            if row is None:
                continue
            self._batches.pop(row // self._batch_size, None)
            self._fetching.pop(row // self._batch_size, None)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._columns) - 1))

    # --- Qt overrides ------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._rows:
            return None
        if role == ID_ROLE:
            return self.id_at(index.row())
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
                        Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole):
            return None
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter) if column.align_right else None
        row = self._row_if_read(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = column.tooltip(row) if column.tooltip is not None else column.text(row)
            return text or None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row, index.column()) if self.foreground is not None else None
        return self.font(row, index.column()) if self.font is not None else None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return column_header([c.header for c in self._columns], section, orientation, role)

    def sortable(self, column: int) -> bool:
        return 0 <= column < len(self._columns) and self._columns[column].sort is not None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-query the ids in the order of a column's sort key; -1 (or an unsortable column) is the
        kind's usual order."""
        key = self._columns[column].sort if self.sortable(column) else None
        descending = order == Qt.SortOrder.DescendingOrder
        if key is None:
            new = replace(self._query, sort="", descending=False)
        else:
            new = replace(self._query, sort=key, descending=descending)
        if new == self._query and (self.loaded or not self._started):
            return  # nothing changed, or not shown yet: the first reload will use the new order
        self._query = new
        self._load()
