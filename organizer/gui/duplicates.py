"""Tools > Find duplicates…: likely duplicate people and institutions side by side, merged through the
undo stack.

``services.duplicates.find_duplicates`` runs on a worker thread (it reads every name: seconds at
100,000 people) while the dialog shows a busy bar; closing the dialog cancels the wait. The pairs fill
``PairsModel``, which hands them to the view a hundred at a time (``canFetchMore``/``fetchMore``), so a
long list costs nothing until it is scrolled. Selecting a pair shows both records' detail pages side by
side. "Keep left" / "Keep right" merges the other record into the one kept, as a ``MergeCommand`` on
the window's undo stack: Undo unmerges (``merging.undo_merge`` brings both records back with their
ids and uids), Redo merges again. "Skip" hides a pair for this session only: the service keeps no
"not a duplicate" mark, so a later search proposes the pair again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from organizer.domain.enums import RecordKind
from organizer.domain.errors import OrganizerError
from organizer.domain.search import DuplicateCandidate, MergeResult
from organizer.gui.details import institution_html, message_html, person_html
from organizer.gui.i18n import QT_TRANSLATE_NOOP
from organizer.gui.messages import error_text
from organizer.gui.panes import DetailBrowser
from organizer.gui.tasks import Task, TaskContext, TaskRunner, call
from organizer.gui.undo import RecordActions, StackCommand
from organizer.services import duplicates, merging

if TYPE_CHECKING:
    from organizer.store.database import Database

translate = QCoreApplication.translate
FETCH = 100
"""Pairs handed to the view per ``fetchMore``."""
AnyIndex = QModelIndex | QPersistentModelIndex

_REASONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^same name in another spelling or script$"),
     QT_TRANSLATE_NOOP("Duplicates", "same name in another spelling or script")),
    (re.compile(r"^same e-mail (.*)$"), QT_TRANSLATE_NOOP("Duplicates", "same e-mail %1")),
    (re.compile(r"^same phone number (.*)$"), QT_TRANSLATE_NOOP("Duplicates", "same phone number %1")),
    (re.compile(r"^both at (.*)$"), QT_TRANSLATE_NOOP("Duplicates", "both at %1")),
    (re.compile(r"^similar names at (.*)$"), QT_TRANSLATE_NOOP("Duplicates", "similar names at %1")),
    (re.compile(r"^same website (.*)$"), QT_TRANSLATE_NOOP("Duplicates", "same website %1")),
    (re.compile(r"^near-identical names$"), QT_TRANSLATE_NOOP("Duplicates", "near-identical names")),
]
"""The service's reasons (English, with a value) and their translatable templates (marked for lupdate
here, translated by ``reason_text`` when shown)."""


def reason_text(reason: str) -> str:
    """A reason from ``find_duplicates`` in the interface language (unknown ones as they are)."""
    for pattern, template in _REASONS:
        found = pattern.match(reason)
        if found:
            text = translate("Duplicates", template)
            return text.replace("%1", found.group(1)) if found.groups() else text
    return reason


class PairsModel(QAbstractTableModel):
    """Candidate pairs, surest first; rows reach the view ``FETCH`` at a time."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pairs: list[DuplicateCandidate] = []
        self._shown = 0

    def headers(self) -> list[str]:
        return [translate("Duplicates", "Score"), translate("Duplicates", "Kind"),
                translate("Duplicates", "First record"), translate("Duplicates", "Second record"),
                translate("Duplicates", "Why")]

    def set_pairs(self, pairs: Sequence[DuplicateCandidate]) -> None:
        self.beginResetModel()
        self._pairs = list(pairs)
        self._shown = min(FETCH, len(self._pairs))
        self.endResetModel()

    def pair(self, row: int) -> DuplicateCandidate | None:
        return self._pairs[row] if 0 <= row < self._shown else None

    def total(self) -> int:
        return len(self._pairs)

    def drop(self, keep: Callable[[DuplicateCandidate], bool]) -> None:
        """Remove the pairs ``keep`` refuses (merged or skipped ones), row by row."""
        row = len(self._pairs) - 1
        while row >= 0:
            if not keep(self._pairs[row]):
                if row < self._shown:
                    self.beginRemoveRows(QModelIndex(), row, row)
                    del self._pairs[row]
                    self._shown -= 1
                    self.endRemoveRows()
                else:
                    del self._pairs[row]
            row -= 1

    # --- Qt model interface ---------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and self._shown < len(self._pairs)

    def fetchMore(self, parent: AnyIndex) -> None:
        if parent.isValid():
            return
        more = min(FETCH, len(self._pairs) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 5:
            return self.headers()[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        pair = self.pair(index.row()) if index.isValid() else None
        if pair is None or not 0 <= index.column() < 5:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            kind = translate("Duplicates", "Person") if pair.kind == RecordKind.PERSON else translate("Duplicates",
                                                                                            "Institution")
            return [f"{pair.score:.0f}", kind, pair.first_title, pair.second_title,
                    "; ".join(reason_text(r) for r in pair.reasons)][column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == 4:
            return "\n".join(reason_text(r) for r in pair.reasons)
        return None


class MergeCommand(StackCommand):
    """One merge on the undo stack: ``redo`` merges (the first time it was done already), ``undo``
    unmerges with the merge's token. A step that fails (a record changed or deleted meanwhile) says why
    through ``RecordActions.failed`` and leaves the stack."""

    def __init__(self, actions: RecordActions, result: MergeResult, text: str) -> None:
        super().__init__(actions, text)
        self.kind = result.kind
        self.keep_id, self.other_id = result.kept_id, result.merged_id
        self.token = result.undo_token
        self._pushed = True

    def _after(self, result: MergeResult) -> None:
        self.actions.forget(self.kind, self.other_id)
        self.actions.forget(self.kind, self.keep_id)
        if result.changes is not None:
            self.actions.changed.emit(result.changes)

    def _run(self, step: Callable[[], MergeResult]) -> None:
        try:
            result = self.actions.call(step)  # on the window's runner
        except OrganizerError as err:
            self.setObsolete(True)
            self.actions.failed.emit(self.text(), error_text(err))
            return
        self._after(result)

    def redo(self) -> None:
        if self._pushed:
            self._pushed = False
            return

        def merge_again() -> MergeResult:
            result = merging.merge(self.actions.db, self.kind, self.keep_id, self.other_id)
            self.token = result.undo_token
            return result

        self._run(merge_again)

    def undo(self) -> None:
        self._run(lambda: merging.undo_merge(self.actions.db, self.token))


def merge_pair(actions: RecordActions, kind: RecordKind, keep_id: int, other_id: int, text: str) -> MergeResult:
    """Merge ``other_id`` into ``keep_id`` now and put the step on the undo stack; raises OrganizerError
    (nothing is pushed then)."""
    result = actions.call(merging.merge, actions.db, kind, keep_id, other_id)
    command = MergeCommand(actions, result, text)
    actions.stack.push(command)
    command._after(result)
    return result


class DuplicatesDialog(QDialog):
    """The list of candidate pairs, both records of the selected pair side by side, and the merge buttons."""

    def __init__(self, db: Database, actions: RecordActions, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.records, self.runner = db, actions, runner
        self.setWindowTitle(self.tr("Find duplicates"))
        self.setAccessibleName(self.tr("Find duplicates"))
        self._task: Task | None = None
        self._skipped: set[tuple[str, int, int]] = set()

        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind of record"))
        self.kind.addItem(self.tr("People and institutions"), None)
        self.kind.addItem(self.tr("People"), RecordKind.PERSON.value)
        self.kind.addItem(self.tr("Institutions"), RecordKind.INSTITUTION.value)
        self.kind.currentIndexChanged.connect(lambda _i: self.search())
        kind_label = QLabel(self.tr("&Look for:"))
        kind_label.setBuddy(self.kind)
        self.status = QLabel()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(160)
        self.busy.setAccessibleName(self.tr("Searching"))
        top = QHBoxLayout()
        top.addWidget(kind_label)
        top.addWidget(self.kind)
        top.addWidget(self.status, 1)
        top.addWidget(self.busy)

        self.model = PairsModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Likely duplicates"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((60, 110, 230, 230)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._pairs_shown = 0
        """Counts the pairs read for the panes: a read that another one overtook is not shown."""
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.show_pair())

        self.left, self.right = DetailBrowser(), DetailBrowser()
        self.left.setAccessibleName(self.tr("First record"))
        self.right.setAccessibleName(self.tr("Second record"))
        sides = QSplitter(Qt.Orientation.Horizontal)
        sides.addWidget(self.left)
        sides.addWidget(self.right)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(sides)
        split.setSizes([220, 420])

        self.keep_left = QPushButton(self.tr("Keep &left, merge the right into it"))
        self.keep_right = QPushButton(self.tr("Keep &right, merge the left into it"))
        self.skip = QPushButton(self.tr("&Skip"))
        self.skip.setToolTip(self.tr("Hide this pair until the list is searched again"))
        self.keep_left.clicked.connect(lambda: self.merge(keep_first=True))
        self.keep_right.clicked.connect(lambda: self.merge(keep_first=False))
        self.skip.clicked.connect(self.skip_pair)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        actions_row = QHBoxLayout()
        for button in (self.keep_left, self.keep_right, self.skip):
            actions_row.addWidget(button)
        actions_row.addStretch(1)
        actions_row.addWidget(buttons)
        note = QLabel(self.tr("A merge moves everything of the other record to the one kept. "
                              "Undo (Ctrl+Z) brings both back as they were."))
        note.setWordWrap(True)
        note.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(note)
        layout.addLayout(actions_row)
        self.resize(1000, 700)
        self._enable()
        self.search()

    # --- finding ------------------------------------------------------------------------------------

    def search(self) -> None:
        """(Re)run the search on the worker; the list fills when it is done."""
        if self._task is not None:
            self._task.cancel()
        chosen = self.kind.currentData()  # Qt hands the kind back as plain text
        kind = RecordKind(chosen) if chosen else None
        db = self.db
        self.busy.show()
        self.status.setText(self.tr("Looking for likely duplicates…"))
        self.model.set_pairs([])

        def work(ctx: TaskContext) -> list[DuplicateCandidate]:
            found = duplicates.find_duplicates(db, kind)
            ctx.check()
            return found

        self._task = self.runner.submit(work, on_done=self._found, on_error=self._failed)

    @property
    def searching(self) -> bool:
        return self._task is not None

    def _found(self, pairs: list[DuplicateCandidate]) -> None:
        self._task = None
        self.busy.hide()
        self.model.set_pairs([p for p in pairs if (p.kind, p.first_id, p.second_id) not in self._skipped])
        self._count_changed()
        if self.model.rowCount():
            self.view.selectRow(0)
        self.show_pair()

    def _failed(self, error: BaseException) -> None:
        self._task = None
        self.busy.hide()
        self.status.setText(self.tr("The search failed: %1").replace("%1", error_text(error)))

    def _count_changed(self) -> None:
        n = self.model.total()
        self.status.setText(self.tr("%n likely duplicate pair(s)", "", n) if n else
                            self.tr("No likely duplicates found."))
        self._enable()

    # --- the selected pair ----------------------------------------------------------------------------

    def current(self) -> DuplicateCandidate | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.pair(rows[0].row()) if rows else None

    def _html(self, kind: RecordKind, ident: int) -> str:
        from organizer.services import shown
        from organizer.services.institutions import get_institution
        from organizer.services.people import get_person, person_history
        from organizer.services.related import institution_activity, open_followups_owned

        try:
            if kind == RecordKind.PERSON:
                return person_html(shown.pane(self.db, get_person(self.db, ident)), person_history(self.db, ident),
                                   open_followups_owned(self.db, ident))
            return institution_html(shown.pane(self.db, get_institution(self.db, ident)),
                                    institution_activity(self.db, ident))
        except OrganizerError as err:
            return message_html(error_text(err))

    def show_pair(self) -> None:
        self._pairs_shown += 1
        shown = self._pairs_shown
        pair = self.current()
        if pair is None:
            empty = message_html(self.tr("Select a pair to compare the two records."))
            self.left.setHtml(empty)
            self.right.setHtml(empty)
        else:
            # read and rendered on the runner's worker, like the window's detail panes
            left, right = call(self.runner, lambda: (self._html(pair.kind, pair.first_id),
                                                     self._html(pair.kind, pair.second_id)))
            if not shiboken6.isValid(self.left) or shown != self._pairs_shown:
                return  # the dialog closed while the records were read, or another pair was shown meanwhile
            self.left.setHtml(left)
            self.right.setHtml(right)
        self._enable()

    def _enable(self) -> None:
        chosen = self.current() is not None
        for button in (self.keep_left, self.keep_right, self.skip):
            button.setEnabled(chosen)

    # --- acting on it -----------------------------------------------------------------------------------

    def merge(self, *, keep_first: bool) -> MergeResult | None:
        pair = self.current()
        if pair is None:
            return None
        keep, other = (pair.first_id, pair.second_id) if keep_first else (pair.second_id, pair.first_id)
        kept_title, other_title = ((pair.first_title, pair.second_title) if keep_first
                                   else (pair.second_title, pair.first_title))
        text = self.tr("Merge “%1” into “%2”").replace("%1", other_title).replace("%2", kept_title)
        row = self.view.selectionModel().selectedRows()[0].row()
        try:
            result = merge_pair(self.records, pair.kind, keep, other, text)
        except OrganizerError as err:
            self.status.setText(error_text(err))
            return None
        # The merged record is gone: every pair that named it goes too.
        self.model.drop(lambda p: not (p.kind == pair.kind and other in (p.first_id, p.second_id)))
        self._after_removal(row)
        return result

    def skip_pair(self) -> None:
        pair = self.current()
        if pair is None:
            return
        row = self.view.selectionModel().selectedRows()[0].row()
        self._skipped.add((pair.kind, pair.first_id, pair.second_id))
        self.model.drop(lambda p: p is not pair)
        self._after_removal(row)

    def _after_removal(self, row: int) -> None:
        self._count_changed()
        if self.model.rowCount():
            self.view.selectRow(min(row, self.model.rowCount() - 1))
        self.show_pair()

    def done(self, result: int) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
        super().done(result)
