"""The main window's four tabs: People, Institutions, Visits and Follow-ups.

Each is a ``MasterDetailTab``: a list over one of the item models and a detail pane rendered by
``organizer.gui.details`` from the corresponding ``organizer.services`` read call.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTreeView, QWidget

from organizer.domain.enums import FollowUpStatus, RecordKind, VisitStatus
from organizer.domain.records import FollowUpRow, VisitRow
from organizer.gui.details import followup_html, institution_html, person_html, visit_html
from organizer.gui.formatting import enum_label, fmt_date, fmt_date_range, fmt_number, longest_label, sort_date
from organizer.gui.i18n import QT_TRANSLATE_NOOP
from organizer.gui.models import ID_ROLE, SORT_ROLE
from organizer.gui.models.institutions import InstitutionTreeModel
from organizer.gui.models.people import PeopleModel
from organizer.gui.models.rows import Column, RowTableModel
from organizer.gui.panes import MasterDetailTab, configure_table, text_width
from organizer.services.followups import get_followup, list_followups
from organizer.services.institutions import get_institution
from organizer.services.people import get_person, person_history
from organizer.services.visits import get_visit, list_visits

if TYPE_CHECKING:  # the GUI only passes the handle on to organizer.services
    from organizer.store.database import Database


class PeopleTab(MasterDetailTab):
    """People in name order (lazy list) with the selected person's detail and history."""

    record_kind = RecordKind.PERSON

    placeholder = QT_TRANSLATE_NOOP("MasterDetailTab",
                                    "Select a person to see their positions and the visits they took part in.")
    empty_message = QT_TRANSLATE_NOOP("MasterDetailTab",
                                      "No people in this database yet. File > Open Database… opens another one.")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        self.table = QTableView()
        super().__init__(self.table, Qt.Orientation.Horizontal, parent)
        self._db = db
        self.model = PeopleModel(db, self)
        configure_table(self.table)
        self.table.setModel(self.model)
        for column, sample in ((0, "Abduhomid Salomov Jr."), (1, "Vice-Rector for Digital Transformation"),
                               (3, "delegation, host")):
            self.table.setColumnWidth(column, text_width(self.table, sample))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.splitter.setSizes([760, 520])
        self._watch_selection()
        self.reload()

    def load(self) -> None:
        self.model.reload()

    def index_of(self, ident: int) -> QModelIndex:
        row = self.model.row_of(ident)
        return QModelIndex() if row is None else self.model.index(row, 0)

    def detail_html(self, ident: int) -> str:
        return person_html(get_person(self._db, ident), person_history(self._db, ident))


class InstitutionsTab(MasterDetailTab):
    """Institutions with their units as a tree, and the selected one's profile and people."""

    record_kind = RecordKind.INSTITUTION

    placeholder = QT_TRANSLATE_NOOP("MasterDetailTab", "Select an institution to see its profile, units and people.")
    empty_message = QT_TRANSLATE_NOOP("MasterDetailTab", "No institutions in this database yet.")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        self.tree = QTreeView()
        super().__init__(self.tree, Qt.Orientation.Horizontal, parent)
        self._db = db
        self.model = InstitutionTreeModel(db, self)
        self.tree.setModel(self.model)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setColumnWidth(1, text_width(self.tree, "Government body"))
        self.splitter.setSizes([650, 550])
        self._watch_selection()
        self.reload()

    def load(self) -> None:
        self.model.reload()
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)

    def index_of(self, ident: int) -> QModelIndex:
        return self.model.index_of(ident)

    def detail_html(self, ident: int) -> str:
        return institution_html(get_institution(self._db, ident))


class _SortedTableTab(MasterDetailTab):
    """A sortable table over a ``RowTableModel`` (through a proxy sorting on ``SORT_ROLE``)."""

    def __init__(self, columns: list[Column], orientation: Qt.Orientation,
                 parent: QWidget | None = None) -> None:
        self.table = QTableView()
        super().__init__(self.table, orientation, parent)
        self.model = RowTableModel(columns, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        configure_table(self.table)
        self.table.setModel(self.proxy)
        # No sort column until the user clicks a header: keep the order the service chose
        # (newest visits first; open follow-ups first by due date). Must precede setSortingEnabled.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self._watch_selection()

    def index_of(self, ident: int) -> QModelIndex:
        row = self.model.row_of(ident)
        return QModelIndex() if row is None else self.proxy.mapFromSource(self.model.index(row, 0))


def _visit_columns() -> list[Column]:
    translate = QCoreApplication.translate
    return [
        Column(translate("VisitsTab", "Dates"), lambda v: fmt_date_range(v.start_date, v.end_date),
               lambda v: sort_date(v.start_date)),
        Column(translate("VisitsTab", "Visit"), lambda v: v.title),
        Column(translate("VisitsTab", "Place"), lambda v: v.place),
        Column(translate("VisitsTab", "Direction"), lambda v: enum_label(v.direction)),
        Column(translate("VisitsTab", "Status"), lambda v: enum_label(v.status)),
        Column(translate("VisitsTab", "Meetings"), lambda v: fmt_number(v.meeting_count),
               lambda v: f"{v.meeting_count:09d}", align_right=True),
    ]


class VisitsTab(_SortedTableTab):
    """Visits, newest first, with the selected visit's participants, programme and follow-ups below."""

    record_kind = RecordKind.VISIT

    placeholder = QT_TRANSLATE_NOOP("MasterDetailTab",
                                    "Select a visit to see its participants, programme and follow-ups.")
    empty_message = QT_TRANSLATE_NOOP("MasterDetailTab", "No visits in this database yet.")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(_visit_columns(), Qt.Orientation.Vertical, parent)
        self._db = db
        heading = self.model.headerData
        for column, sample in ((0, fmt_date_range(date(2025, 9, 30), date(2025, 10, 12))),
                               (2, "Kazan, Republic of Tatarstan"), (3, heading(3, Qt.Orientation.Horizontal)),
                               (4, longest_label(VisitStatus)), (5, heading(5, Qt.Orientation.Horizontal))):
            self.table.setColumnWidth(column, text_width(self.table, sample))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.splitter.setSizes([180, 600])
        self.reload()

    @property
    def visits(self) -> tuple[VisitRow, ...]:
        return self.model.rows

    def load(self) -> None:
        self.model.set_rows(list_visits(self._db))

    def detail_html(self, ident: int) -> str:
        return visit_html(get_visit(self._db, ident))


class FollowUpsTab(_SortedTableTab):
    """Every follow-up, open ones first by due date; Enter or a double click opens its visit."""

    record_kind = RecordKind.FOLLOWUP

    placeholder = QT_TRANSLATE_NOOP("MasterDetailTab", "Select a follow-up to see its notes.")
    empty_message = QT_TRANSLATE_NOOP("MasterDetailTab",
                                      "No follow-ups yet: they are recorded with the meetings of a visit.")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        self._db = db
        super().__init__(self._columns(), Qt.Orientation.Vertical, parent)
        for column, sample in ((0, longest_label(FollowUpStatus)), (1, fmt_date(date(2025, 9, 30))),
                               (3, "Mikhail Varfolomeyev / Technopark"),
                               (4, "Delegation of JSC to Kazan"), (5, "Meeting with the university's leader")):
            self.table.setColumnWidth(column, text_width(self.table, sample))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._open_visit)
        self.splitter.setSizes([500, 200])
        self.reload()

    def _columns(self) -> list[Column]:
        def first_line(f: FollowUpRow) -> str:
            return f.description.strip().splitlines()[0] if f.description.strip() else ""

        return [
            Column(self.tr("Status"), lambda f: enum_label(f.status),
                   lambda f: f"{f.status != FollowUpStatus.OPEN:d}{f.status}"),
            Column(self.tr("Due"), lambda f: fmt_date(f.due_date), lambda f: sort_date(f.due_date)),
            Column(self.tr("What"), first_line),
            Column(self.tr("Owner"), lambda f: f.owner or ""),
            Column(self.tr("Visit"), lambda f: f.visit_title or ""),
            Column(self.tr("Meeting"), lambda f: f.meeting_title or ""),
        ]

    @property
    def followups(self) -> tuple[FollowUpRow, ...]:
        return self.model.rows

    @property
    def open_count(self) -> int:
        return sum(1 for f in self.followups if f.status == FollowUpStatus.OPEN)

    def load(self) -> None:
        self.model.set_rows(list_followups(self._db))

    def detail_html(self, ident: int) -> str:
        detail = get_followup(self._db, ident)
        return followup_html(detail.row, detail.data, detail.row.visit_title, detail.row.meeting_title)

    def _open_visit(self, index: QModelIndex) -> None:
        row = self.model.row_of(int(index.data(ID_ROLE)))
        visit_id = self.model.rows[row].visit_id if row is not None else None
        if visit_id is not None:
            self.record_link.emit("visit", visit_id)
