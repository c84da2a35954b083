"""The main window's tabs: People, Institutions, Visits, Meetings, Agreements, Topics and Programme (the
Follow-ups board is in ``organizer.gui.board``).

Each list tab is a ``ListTab``: a filter bar, a lazy table over ``LazyListModel`` (ids from
``services.browse.record_ids``, loaded on a worker thread; sorting by clicking a header re-queries in
SQL) and a detail pane rendered by ``organizer.gui.details`` from the services' read calls.
Institutions keep their tree; its filter shows the matches and the institutions above them.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTreeView, QWidget

from organizer.domain.enums import (
    AgreementKind,
    AgreementStatus,
    MeetingKind,
    ProgrammeItemKind,
    RecordKind,
    VisitDirection,
    VisitStatus,
)
from organizer.gui.details import (
    agreement_html,
    institution_html,
    meeting_html,
    person_html,
    programme_item_html,
    topic_html,
    visit_html,
)
from organizer.gui.filters import FilterBar
from organizer.gui.formatting import enum_label, fmt_date, fmt_date_range, fmt_time_span
from organizer.gui.messages import error_text
from organizer.gui.models.lazy import LazyColumn, LazyListModel
from organizer.gui.panes import MasterDetailTab, configure_table, text_width
from organizer.gui.tasks import LatestOnly, TaskContext, TaskRunner

if TYPE_CHECKING:  # the GUI only passes the handle on to organizer.services
    from organizer.domain.records import InstitutionNode
    from organizer.store.database import Database


def widest(enum: type[StrEnum]) -> str:
    """The widest label of ``enum``'s values in the interface language: a column of them shows each whole."""
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QApplication

    metrics = QFontMetrics(QApplication.font())
    return max((enum_label(v) for v in enum), key=metrics.horizontalAdvance)


def status_choices(values: Sequence[Any]) -> list[tuple[str, str]]:
    return [(enum_label(v), str(v.value)) for v in values]


class ListTab(MasterDetailTab):
    """A filter bar, a lazy sortable table of one kind (``record_kind``) and the selected record's detail."""

    record_kind: RecordKind

    def __init__(self, db: Database, runner: TaskRunner | None, columns: Sequence[LazyColumn],
                 orientation: Qt.Orientation, filter_placeholder: str, parent: QWidget | None = None) -> None:
        self.table = QTableView()
        self.filters = FilterBar(filter_placeholder)
        super().__init__(self.table, orientation, parent, top=self.filters)
        self._db = db
        self.detail_runner = runner
        self.model = LazyListModel(db, self.record_kind, columns, self, runner=runner)
        configure_table(self.table)
        self.table.setModel(self.model)
        self.table.setAccessibleName(QCoreApplication.translate("ListTab", "List"))
        self._pending: int | None = None
        self._pending_strict = False
        self._loaded_once = False
        # No sort column until the user clicks a header: the kind's usual order (newest visits first,
        # open follow-ups by due date). Must precede setSortingEnabled, which sorts at once.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.filters.changed.connect(self._apply_filters)
        self.filters.text.returnPressed.connect(self.filters.flush)
        self.model.ids_loaded.connect(self._on_loaded)
        self.model.ids_completed.connect(self._on_completed)
        self.model.load_failed.connect(self.message)
        self.model.load_failed.connect(lambda _text: self.loaded.emit())
        self._watch_selection()

    def _widths(self, samples: Sequence[tuple[int, str]], stretch: int) -> None:
        for column, sample in samples:
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            self.table.setColumnWidth(column, max(text_width(self.table, sample), text_width(self.table, title) + 12))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    # --- loading -----------------------------------------------------------------------------------

    def load(self) -> None:
        """The first load reads a first page of ids (the rest follows once its rows have painted)."""
        self.model.reload(first_page=not self._loaded_once)

    def reload(self) -> None:
        """Re-read the list (keeping the selected record if it is still there)."""
        if self._pending is None:
            self._pending = self.current_id()
            self._pending_strict = False
        self.model.reload()

    def _apply_filters(self) -> None:
        if self._pending is None:
            self._pending = self.current_id()
            self._pending_strict = False
        self.model.set_query(self.filters.query())

    def _on_loaded(self) -> None:
        target, strict = self._pending, self._pending_strict
        self._pending, self._pending_strict = None, False
        self._loaded_once = True
        self.render_detail_after_paint()  # the new rows paint first, then the pane (after a filter keystroke too)
        if self.model.loading:  # a first page: the rest of the ids once its rows and then the pane have painted
            self.after_detail(self.model.load_rest)
            if target is not None and self.model.row_of(target) is None:
                # the selected record may be further down: ``_on_completed`` selects it (or the first row)
                self._pending, self._pending_strict = target, strict
                return
        rendered = self.details_rendered
        if target is None or not self.select_id(target):
            if strict:
                self.message.emit(QCoreApplication.translate("ListTab", "That record is no longer there."))
            self.select_first()
        if self.details_rendered == rendered:  # the new selection has not rendered it already
            self.refresh_detail()
        self.loaded.emit()

    def _on_completed(self) -> None:
        """The rest of the ids arrived: a record asked for meanwhile (a link, quick-open) is selected now."""
        if self._pending is not None:
            self._on_loaded()

    def index_of(self, ident: int) -> QModelIndex:
        row = self.model.row_of(ident)
        return QModelIndex() if row is None else self.model.index(row, 0)

    def records_changed(self, ids: Sequence[int]) -> None:
        """Records of this tab's kind were edited (not created or deleted): their rows are re-fetched in place."""
        self.model.refresh_ids(ids)
        self.refresh_detail()

    def open_id(self, ident: int) -> None:
        """Select a record; if the filter hides it, clear the filter; if the list is stale, reload it."""
        if not self.model.loading and self.select_id(ident):
            return
        self._pending, self._pending_strict = ident, True
        if self.filters.active:
            self.filters.clear()
        elif not self.model.loading:
            self.model.reload()


# --- people --------------------------------------------------------------------------------------


class PeopleTab(ListTab):
    """People in name order (a lazy list of any length) with the selected person's detail and history."""

    record_kind = RecordKind.PERSON


    def __init__(self, db: Database, runner: TaskRunner | None = None, parent: QWidget | None = None) -> None:
        columns = [
            LazyColumn(self.tr("Name"), lambda r: r.full_name, "name"),
            LazyColumn(self.tr("Title"), lambda r: r.current_title or "", "title"),
            LazyColumn(self.tr("Institution"), lambda r: r.current_institution or "", "institution"),
            LazyColumn(self.tr("Tags"), lambda r: ", ".join(r.tags)),
        ]
        super().__init__(db, runner, columns, Qt.Orientation.Horizontal,
                         self.tr("Filter by name (any script)…"), parent)
        self.filters.add_tag()
        self.filters.add_institution()
        self._widths(((0, "Abduhomid Salomov Jr."), (1, "Vice-Rector for Digital Transformation"),
                      (3, "delegation, host")), stretch=2)
        self.splitter.setSizes([760, 520])

    @property
    def placeholder(self) -> str:
        return QCoreApplication.translate(
            "MasterDetailTab", "Select a person to see their positions and the visits they took part in.")

    @property
    def empty_message(self) -> str:
        if self.filters.active:
            return QCoreApplication.translate("ListTab", "Nobody matches the filter. Clear it to see everyone.")
        return QCoreApplication.translate(
            "MasterDetailTab", "No people yet: add the people you receive and visit, with their positions.")

    def detail_html(self, ident: int) -> str:
        from organizer.gui.history import history_of
        from organizer.services.plain import person_pane  # plain sqlite3 on a file: no SQLAlchemy for the pane

        pane = person_pane(self._db, ident)
        return (person_html(pane.detail, pane.history, pane.followups)
                + history_of(pane.entries, ident, RecordKind.PERSON))


# --- institutions --------------------------------------------------------------------------------


class InstitutionsTab(MasterDetailTab):
    """Institutions with their units as a tree, and the selected one's profile, people and visits."""

    record_kind = RecordKind.INSTITUTION

    def __init__(self, db: Database, runner: TaskRunner | None = None, parent: QWidget | None = None) -> None:
        self.tree = QTreeView()
        self.filters = FilterBar(self.tr("Filter by name…"))
        super().__init__(self.tree, Qt.Orientation.Horizontal, parent, top=self.filters)
        self._db = db
        self._tasks = LatestOnly(runner) if runner is not None else None
        self.detail_runner = runner
        from organizer.gui.models.institutions import InstitutionTreeModel  # built when the tab is first shown

        self.model = InstitutionTreeModel(db, self, load=False)
        self.tree.setModel(self.model)
        self.tree.setAccessibleName(self.tr("Institutions"))
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setColumnWidth(1, text_width(self.tree, "Government body"))
        self.splitter.setSizes([650, 550])
        self.filters.changed.connect(self.reload)
        self.filters.text.returnPressed.connect(self.filters.flush)
        self._pending: int | None = None
        self._watch_selection()
        self.is_loaded = False

    @property
    def placeholder(self) -> str:
        return self.tr("Select an institution to see its profile, units, people and visits.")

    @property
    def empty_message(self) -> str:
        if self.filters.active:
            return self.tr("No institution matches the filter. Clear it to see them all.")
        return QCoreApplication.translate(
            "MasterDetailTab", "No institutions yet: add the ministries, companies and universities you work with.")

    def load(self) -> None:
        db, text = self._db, self.filters.query().text

        def work(_ctx: TaskContext) -> tuple[list[InstitutionNode], set[int] | None]:
            from organizer.services.browse import institution_matches
            from organizer.services.institutions import institution_tree

            return institution_tree(db), (institution_matches(db, text) if text else None)

        if self._tasks is None:
            self._show(work(TaskContext()))
        else:
            self.is_loaded = False
            self._tasks.submit(work, self._show, self._failed)

    def _failed(self, error: BaseException) -> None:
        self.is_loaded = True
        self.message.emit(error_text(error))
        self.loaded.emit()

    def _show(self, result: tuple[list[InstitutionNode], set[int] | None]) -> None:
        nodes, visible = result
        self.model.set_tree(nodes, visible)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        target, self._pending = self._pending, None
        rendered = self.details_rendered
        if target is None or not self.select_id(target):
            self.select_first()
        if self.details_rendered == rendered:
            self.refresh_detail()
        self.is_loaded = True
        self.loaded.emit()

    def reload(self) -> None:
        if self._pending is None:
            self._pending = self.current_id()
        self.load()

    def open_id(self, ident: int) -> None:
        if self.is_loaded and self.select_id(ident):
            return
        self._pending = ident
        if self.filters.active:
            self.filters.clear()
        else:
            self.load()

    def index_of(self, ident: int) -> QModelIndex:
        return self.model.index_of(ident)

    def detail_html(self, ident: int) -> str:
        from organizer.gui.history import history_section
        from organizer.services import shown
        from organizer.services.institutions import get_institution
        from organizer.services.related import institution_activity

        return (institution_html(shown.pane(self._db, get_institution(self._db, ident)),
                                 institution_activity(self._db, ident))
                + history_section(self._db, RecordKind.INSTITUTION, ident))


# --- visits, meetings, agreements, topics ----------------------------------------------------------


class VisitsTab(ListTab):
    """Visits, newest first, with the selected visit's delegations, programme and follow-ups below."""

    record_kind = RecordKind.VISIT

    action_names: frozenset[str] = frozenset()
    """Action links the window can serve (set by the window when editors register)."""

    def __init__(self, db: Database, runner: TaskRunner | None = None, parent: QWidget | None = None) -> None:
        columns = [
            LazyColumn(self.tr("Dates"), lambda v: fmt_date_range(v.start_date, v.end_date), "date"),
            LazyColumn(self.tr("Visit"), lambda v: v.title, "title"),
            LazyColumn(self.tr("Place"), lambda v: v.place, "place"),
            LazyColumn(self.tr("Direction"), lambda v: enum_label(v.direction), "direction"),
            LazyColumn(self.tr("Status"), lambda v: enum_label(v.status), "status"),
            LazyColumn(self.tr("Meetings"), lambda v: str(v.meeting_count), "meetings", align_right=True),
        ]
        super().__init__(db, runner, columns, Qt.Orientation.Vertical, self.tr("Filter by title or place…"), parent)
        self.filters.add_status(self.tr("Status"), self.tr("Any status"), status_choices(list(VisitStatus)))
        self.filters.add_institution()
        self.filters.add_dates()
        self._widths(((0, "30 Sep – 12 Oct 2025"), (2, "Kazan, Republic of Tatarstan"),
                      (3, widest(VisitDirection)), (4, widest(VisitStatus)), (5, "Meetings")), stretch=1)
        self.splitter.setSizes([180, 600])

    @property
    def placeholder(self) -> str:
        return QCoreApplication.translate(
            "MasterDetailTab", "Select a visit to see its participants, programme and follow-ups.")

    @property
    def empty_message(self) -> str:
        if self.filters.active:
            return QCoreApplication.translate("ListTab", "No visit matches the filter. Clear it to see them all.")
        return QCoreApplication.translate(
            "MasterDetailTab", "No visits yet: add one to plan its delegations, programme and logistics.")

    def detail_html(self, ident: int) -> str:
        from organizer.gui.history import history_section
        from organizer.services import shown
        from organizer.services.people import needs_of
        from organizer.services.visits import get_visit

        detail = shown.pane(self._db, get_visit(self._db, ident))
        needs = needs_of(self._db, [p.person_id for p in detail.participants])
        return visit_html(detail, self.action_names, needs) + history_section(self._db, RecordKind.VISIT, ident)


class MeetingsTab(ListTab):
    """Every meeting in time order (as a programme reads), with its participants, notes, outcomes and follow-ups."""

    record_kind = RecordKind.MEETING

    action_names: frozenset[str] = frozenset()
    """Action links the window can serve ("+ Add a follow-up"; set by the window)."""

    def __init__(self, db: Database, runner: TaskRunner | None = None, parent: QWidget | None = None) -> None:
        columns = [
            LazyColumn(self.tr("When"), lambda m: fmt_time_span(m.starts_at, m.ends_at) if m.starts_at else "",
                       "date"),
            LazyColumn(self.tr("Meeting"), lambda m: m.title, "title"),
            LazyColumn(self.tr("Kind"), lambda m: enum_label(m.kind), "kind"),
            LazyColumn(self.tr("Venue"), lambda m: ", ".join(x for x in (m.venue or "", m.room) if x), "venue"),
            LazyColumn(self.tr("Visit"), lambda m: m.visit_title or "", "visit"),
            LazyColumn(self.tr("Participants"), lambda m: ", ".join(m.participants)),
        ]
        super().__init__(db, runner, columns, Qt.Orientation.Vertical, self.tr("Filter by title…"), parent)
        self.filters.add_status(self.tr("Kind"), self.tr("Any kind"), status_choices(list(MeetingKind)))
        self.filters.add_institution()
        self.filters.add_dates()
        self._widths(((0, "Tue 11 Mar 2025, 10:00–11:15"), (1, "Meeting with the university's leadership"),
                      (2, widest(MeetingKind)), (3, "Kazan Federal University"), (4, "Delegation of JSC to Kazan")),
                     stretch=5)
        self.splitter.setSizes([260, 520])

    @property
    def placeholder(self) -> str:
        return self.tr("Select a meeting to see its participants, notes and outcomes.")

    @property
    def empty_message(self) -> str:
        if self.filters.active:
            return self.tr("No meeting matches the filter. Clear it to see them all.")
        return self.tr("No meetings yet: add one here or in the programme of a visit.")

    def detail_html(self, ident: int) -> str:
        from organizer.services import shown
        from organizer.services.meetings import get_meeting

        return meeting_html(shown.pane(self._db, get_meeting(self._db, ident)), self.action_names)


class AgreementsTab(ListTab):
    """Memoranda and agreements, newest signed first, with their parties."""

    record_kind = RecordKind.AGREEMENT


    def __init__(self, db: Database, runner: TaskRunner | None = None, parent: QWidget | None = None) -> None:
        columns = [
            LazyColumn(self.tr("Signed"), lambda a: fmt_date(a.signed_date), "date"),
            LazyColumn(self.tr("Agreement"), lambda a: a.title, "title"),
            LazyColumn(self.tr("Kind"), lambda a: enum_label(a.kind), "kind"),
            LazyColumn(self.tr("Status"), lambda a: enum_label(a.status), "status"),
            LazyColumn(self.tr("Valid until"), lambda a: fmt_date(a.valid_until), "valid_until"),
            LazyColumn(self.tr("Parties"), lambda a: "; ".join(a.parties)),
        ]
        super().__init__(db, runner, columns, Qt.Orientation.Vertical, self.tr("Filter by title…"), parent)
        self.filters.add_status(self.tr("Status"), self.tr("Any status"), status_choices(list(AgreementStatus)))
        self.filters.add_institution()
        self.filters.add_dates()
        self._widths(((0, "30 Sep 2025"), (1, "Memorandum of understanding on cooperation"),
                      (2, widest(AgreementKind)), (3, widest(AgreementStatus)), (4, "30 Sep 2025")), stretch=5)
        self.splitter.setSizes([260, 520])

    @property
    def placeholder(self) -> str:
        return self.tr("Select an agreement to see its parties, dates and summary.")

    @property
    def empty_message(self) -> str:
        if self.filters.active:
            return self.tr("No agreement matches the filter. Clear it to see them all.")
        return self.tr("No agreements yet: record the memoranda and agreements signed with your partners.")

    def detail_html(self, ident: int) -> str:
        from organizer.services.agreements import get_agreement

        detail = get_agreement(self._db, ident)
        return agreement_html(detail.row, detail.data)


class TopicsTab(ListTab):
    """Topics (areas of cooperation) and what is filed under each."""

    record_kind = RecordKind.TOPIC


    def __init__(self, db: Database, runner: TaskRunner | None = None, parent: QWidget | None = None) -> None:
        columns = [
            LazyColumn(self.tr("Topic"), lambda t: t.name, "name"),
            LazyColumn(self.tr("Description"), lambda t: " ".join(t.description.split())),
        ]
        super().__init__(db, runner, columns, Qt.Orientation.Horizontal, self.tr("Filter by name…"), parent)
        self._widths(((0, "Import-substituting products and localization"),), stretch=1)
        self.splitter.setSizes([600, 600])

    @property
    def placeholder(self) -> str:
        return self.tr("Select a topic to see the people, institutions, visits and meetings filed under it.")

    @property
    def empty_message(self) -> str:
        if self.filters.active:
            return self.tr("No topic matches the filter. Clear it to see them all.")
        return self.tr("No topics yet: give them to people, institutions, visits and meetings in their editors.")

    def detail_html(self, ident: int) -> str:
        from organizer.services.related import topic_usage

        return topic_html(topic_usage(self._db, ident))


class ProgrammeTab(ListTab):
    """The programme items that are not meetings (arrivals, transfers, meals...) of every visit, newest first."""

    record_kind = RecordKind.PROGRAMME_ITEM


    def __init__(self, db: Database, runner: TaskRunner | None = None, parent: QWidget | None = None) -> None:
        columns = [
            LazyColumn(self.tr("When"), lambda p: fmt_time_span(p.starts_at, p.ends_at) if p.starts_at else "",
                       "date"),
            LazyColumn(self.tr("Kind"), lambda p: enum_label(p.kind), "kind"),
            LazyColumn(self.tr("Title"), lambda p: p.title, "title"),
            LazyColumn(self.tr("Place"), lambda p: p.place, "place"),
            LazyColumn(self.tr("Visit"), lambda p: p.visit_title or "", "visit"),
            LazyColumn(self.tr("Escort"), lambda p: p.escort or ""),
        ]
        super().__init__(db, runner, columns, Qt.Orientation.Vertical, self.tr("Filter by title or place…"), parent)
        self.filters.add_status(self.tr("Kind"), self.tr("Any kind"), status_choices(list(ProgrammeItemKind)))
        self.filters.add_institution()
        self.filters.add_dates()
        self._widths(((0, "Tue 11 Mar 2025, 10:00–11:15"), (1, "Free time"), (2, "Transfer to the hotel"),
                      (3, "Kazan International Airport"), (4, "Delegation of JSC to Kazan")), stretch=5)
        self.splitter.setSizes([260, 520])

    @property
    def placeholder(self) -> str:
        return self.tr("Select a programme item to see its time, place, escort and transport.")

    @property
    def empty_message(self) -> str:
        if self.filters.active:
            return self.tr("No programme item matches the filter. Clear it to see them all.")
        return self.tr("No programme items yet: add arrivals, transfers and meals in the programme of a visit.")

    def detail_html(self, ident: int) -> str:
        from organizer.services.programme import get_programme_item

        return programme_item_html(get_programme_item(self._db, ident).row)
