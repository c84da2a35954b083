"""Building blocks of the main window's tabs: a read-only detail browser and a list-plus-detail tab.

``MasterDetailTab`` owns a view (table or tree), optionally a filter bar above it, and a
``DetailBrowser``; selecting a row renders that record's HTML in the browser. Subclasses say how to
load their model, find a row by id and render a record. Id lists load on a worker thread (see
``organizer.gui.tasks``); a detail pane (the record's reads and its HTML) is rendered on a worker too,
through ``tasks.call``, when the tab has a runner (the window's).

Links in a pane are ``kind:id`` (``person:12``) and lead to the record's tab; action links
(``add-meeting:3``) ask the window to open an editor for that record.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QItemSelection, QModelIndex, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from organizer.domain.enums import RecordKind
from organizer.domain.errors import NotFoundError, OrganizerError
from organizer.gui.details import ACTIONS, NEW_RECORD, esc, link_scheme, message_html
from organizer.gui.kinds import add_text
from organizer.gui.messages import error_text
from organizer.gui.models import ID_ROLE
from organizer.gui.tasks import TaskRunner, call

RECORD_KINDS = {link_scheme(kind): kind.value for kind in RecordKind}
"""A link's scheme -> the record kind it opens (``programme-item`` -> ``programme_item``)."""
"""Link schemes a detail pane follows (``person:12``)."""

translate = QCoreApplication.translate
"""Base classes translate in their own context: ``self.tr`` would look the text up under the subclass."""

class DetailBrowser(QTextBrowser):
    """A read-only rich-text pane; clicks on ``kind:id`` links are emitted as ``record_link``, clicks
    on action links (``add-meeting:ID``) as ``action_link``."""

    record_link = Signal(str, int)
    action_link = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor)
        self.document().setDocumentMargin(10)
        self._apply_style()

    def _apply_style(self) -> None:
        pal = self.palette()
        muted = pal.color(QPalette.ColorRole.PlaceholderText).name()
        header_bg = pal.color(QPalette.ColorRole.AlternateBase).name()
        self.document().setDefaultStyleSheet(
            "h2 { margin-top: 0px; margin-bottom: 6px; }"
            "h3 { margin-top: 14px; margin-bottom: 4px; }"
            f".muted {{ color: {muted}; }}"
            f"td.label {{ color: {muted}; padding-right: 12px; }}"
            f"th {{ text-align: left; background-color: {header_bg}; }}"
            "td.group { padding-top: 8px; }"
            "ul { margin-top: 0px; }"
            ".overdue { color: #b00020; font-weight: bold; }"
        )

    def _on_anchor(self, url: QUrl) -> None:
        kind, ident = url.scheme(), url.path()
        if not ident.isdigit():
            return
        if kind in RECORD_KINDS:
            self.record_link.emit(RECORD_KINDS[kind], int(ident))
        elif kind in ACTIONS:
            self.action_link.emit(kind, int(ident))


class _PaintWatcher(QObject):
    """Calls ``then`` once, just after ``widget`` next paints (or after ``FALLBACK_MS`` if it does not)."""

    FALLBACK_MS = 1000

    def __init__(self, widget: QWidget, then: Callable[[], object]) -> None:
        super().__init__(widget)
        self._then: Callable[[], object] | None = then
        widget.installEventFilter(self)
        QTimer.singleShot(self.FALLBACK_MS, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._fire)  # after this paint has finished
        return False

    def _fire(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            parent = self.parent()
            if isinstance(parent, QWidget):
                parent.removeEventFilter(self)
            self.deleteLater()
            then()


def after_paint(widget: QWidget, then: Callable[[], object]) -> None:
    """Run ``then`` once ``widget`` has painted (at once if it is not shown): background work that the
    first screen does not need waits until the first rows are on it."""
    if widget.isVisible():
        _PaintWatcher(widget, then)
    else:
        then()


def text_width(view: QAbstractItemView, sample: str) -> int:
    """A column width that fits ``sample`` in the view's font, with room for cell padding."""
    return view.fontMetrics().horizontalAdvance(sample) + 24


def configure_table(view: QTableView) -> None:
    """Row-wise, single-selection, keyboard-friendly table (Tab leaves the table instead of walking cells)."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setTabKeyNavigation(False)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)


class MasterDetailTab(QWidget):
    """A list (table or tree) with the selected record's detail beside or below it."""

    record_link = Signal(str, int)
    action_link = Signal(str, int)
    loaded = Signal()
    """The list has (re)loaded and restored or made a selection."""
    record_kind: RecordKind | None = None
    """The kind of record listed (the Record menu creates, edits and deletes that kind)."""
    message = Signal(str)
    """A short note for the status bar (a record not found, a failed load)."""

    def __init__(self, view: QAbstractItemView, orientation: Qt.Orientation,
                 parent: QWidget | None = None, *, top: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.detail_runner: TaskRunner | None = None
        """Where ``detail_html`` runs (set by subclasses to the window's runner; None: here)."""
        self.detail = DetailBrowser()
        self.detail.setAccessibleName(translate("MasterDetailTab", "Details"))
        self.splitter = QSplitter(orientation)
        self.splitter.setChildrenCollapsible(False)
        if top is None:
            self.splitter.addWidget(view)
        else:
            left = QWidget()
            column = QVBoxLayout(left)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(0)
            column.addWidget(top)
            column.addWidget(view)
            self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.setFocusProxy(view)
        self.detail.record_link.connect(self.record_link)
        self.detail.action_link.connect(self.action_link)

    @property
    def placeholder(self) -> str:
        """Shown in the detail pane when nothing is selected."""
        return translate("MasterDetailTab", "Select an item to see its details.")

    @property
    def empty_message(self) -> str:
        """Shown in the detail pane when the list is empty: says what to do."""
        return translate("MasterDetailTab", "Nothing here yet.")

    @property
    def empty_action(self) -> str:
        """The link under ``empty_message`` that creates the first record ("" when a filter hides them)."""
        filters = getattr(self, "filters", None)
        label = add_text(self.record_kind) if self.record_kind is not None else None
        if label is None or (filters is not None and filters.active):
            return ""
        return label

    def empty_html(self) -> str:
        html = message_html(self.empty_message)
        action = self.empty_action
        if action:
            html += f'<p><a href="{NEW_RECORD}:0">{esc(action)}</a></p>'
        return html

    def _watch_selection(self) -> None:
        """Call once the view has its model (the selection model comes with it)."""
        self.view.selectionModel().selectionChanged.connect(self._on_selection)

    # --- to implement ------------------------------------------------------------------------------

    def load(self) -> None:
        """(Re)load the model from the database."""
        raise NotImplementedError

    def index_of(self, ident: int) -> QModelIndex:
        """The view's index (column 0) of a record, or an invalid index."""
        raise NotImplementedError

    def detail_html(self, ident: int) -> str:
        """The detail HTML of a record."""
        raise NotImplementedError

    # --- shared behaviour --------------------------------------------------------------------------

    def current_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        value = rows[0].data(ID_ROLE) if rows else None
        return int(value) if value is not None else None

    def select_id(self, ident: int) -> bool:
        """Select a record's row and scroll to it; False if it is not in the list."""
        index = self.index_of(ident)
        if not index.isValid():
            return False
        # scrolled there first: selecting renders the detail pane, and the row's batch is read while it does
        self.view.scrollTo(index)
        self.view.setCurrentIndex(index)
        return True

    def open_id(self, ident: int) -> None:
        """Show a record (a followed link, quick-open): select it, reloading or clearing the filter
        if it is not in the list yet."""
        if not self.select_id(ident):
            self.reload()
            if not self.select_id(ident):
                self.message.emit(translate("MasterDetailTab", "That record is no longer there (press F5 to reload)."))

    def select_first(self) -> None:
        index = self.view.model().index(0, 0)
        if index.isValid():
            self.view.setCurrentIndex(index)

    def reload(self) -> None:
        """Reload from the database, keeping the selected record if it still exists."""
        keep = self.current_id()
        self.load()
        if keep is None or not self.select_id(keep):
            self.select_first()
        self.refresh_detail()

    details_rendered = 0
    """How many times the detail pane was rendered (a list that reloads renders it once, not twice)."""
    detail_pending = False
    """The detail pane waits for the list to paint (see ``render_detail_after_paint``)."""

    def render_detail_after_paint(self) -> None:
        """Render the detail pane only once the list has painted: on a first load the rows come first and the
        selected record's detail a moment later. Nothing waits when the list is not shown."""
        if self.detail_pending or not self.view.viewport().isVisible():
            return
        self.detail_pending = True
        after_paint(self.view.viewport(), self._render_pending_detail)

    def after_detail(self, then: Callable[[], object]) -> None:
        """Run ``then`` once the list has painted and then the detail pane waiting for it (at once when
        nothing waits and the list is not shown): work the first screen does not need (the rest of a long
        list's ids) does not compete with the pane."""
        if not self.detail_pending:
            after_paint(self.view.viewport(), then)
            return
        if self._after_detail is None:
            self._after_detail = []
        self._after_detail.append(then)

    _after_detail: list[Callable[[], object]] | None = None

    def _render_pending_detail(self) -> None:
        if self.detail_pending:
            self.detail_pending = False
            self.refresh_detail()
        waiting, self._after_detail = self._after_detail, None
        for then in waiting or ():
            after_paint(self.detail.viewport(), then)

    def refresh_detail(self) -> None:
        if self.detail_pending:
            return
        self.details_rendered += 1
        ident = self.current_id()
        if ident is None:
            model = self.view.model()
            empty = model is not None and model.rowCount() == 0
            self.detail.setHtml(self.empty_html() if empty else message_html(self.placeholder))
            return
        generation = self.details_rendered
        try:
            body = call(self.detail_runner, self.detail_html, ident)
        except NotFoundError as err:  # its message says to press F5 already
            body = message_html(error_text(err))
        except OrganizerError as err:
            body = message_html(translate("MasterDetailTab", "%1 (press F5 to reload)").replace("%1", error_text(err)))
        if generation != self.details_rendered or not shiboken6.isValid(self.detail):
            return  # another record was rendered while this one was read (or the tab is gone)
        self.detail.setHtml(body)

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.refresh_detail()
