"""The filter bar above a list: a text field and, as fits the kind, status, tag, institution, owner,
visit and a date range. It builds a ``ListQuery``; the list asks the services with it (SQL filtering).

Typing is debounced (a quarter of a second after the last key) so a fast typist starts one query,
not one per letter; choosing in a combo box applies at once. Combo boxes whose choices come from the
database (institutions, tags, owners, visits) are filled by the tab, in the background.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QAbstractListModel, QDate, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

from organizer.domain.listing import ListQuery

DEBOUNCE_MS = 250
_NO_DATE = QDate(1900, 1, 1)



class _Choices(QAbstractListModel):
    """A filter combo's choices, "any …" first: replaced in one reset. Filling a combo item by item cost the
    follow-ups tab's first show about 0.2 s on the UI thread at 100,000 people (4,365 owners, ``addItem``
    and ``removeItem`` one at a time); a model hands Qt only the rows it shows."""

    def __init__(self, any_text: str, choices: Sequence[tuple[str, object]], parent: QObject) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, object]] = [(any_text, None), *choices]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        text, value = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            return text
        if role == Qt.ItemDataRole.UserRole:
            return value
        return None

    def replace(self, choices: Sequence[tuple[str, object]]) -> None:
        self.beginResetModel()
        self._rows = [self._rows[0], *choices]
        self.endResetModel()

class _DateField(QDateEdit):
    """A date or "any": the minimum date stands for no date (shown as the special value text)."""

    def __init__(self, any_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(_NO_DATE)
        self.setSpecialValueText(any_text)
        self.setDate(_NO_DATE)

    def value(self) -> date | None:
        current = self.date()
        return None if current == _NO_DATE else date(current.year(), current.month(), current.day())

    def set_value(self, value: date | None) -> None:
        self.setDate(_NO_DATE if value is None else QDate(value.year, value.month, value.day))

    def clear_value(self) -> None:
        self.setDate(_NO_DATE)


class FilterBar(QWidget):
    """Filter fields for one list; ``changed`` fires when the query they describe changes."""

    changed = Signal()

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows = QVBoxLayout(self)
        self._rows.setContentsMargins(4, 4, 4, 2)
        self._rows.setSpacing(4)
        self._layout = QHBoxLayout()
        self._layout.setSpacing(6)
        self._rows.addLayout(self._layout)
        self._row = self._layout
        """Where the next filters go: the first row (before Clear), or a row of their own (``new_row``)."""
        self.text = QLineEdit()
        self.text.setPlaceholderText(placeholder)
        self.text.setClearButtonEnabled(True)
        # the placeholder says what the field filters by: never cut (room for the clear button too)
        self.text.setMinimumWidth(self.text.fontMetrics().horizontalAdvance(placeholder) + 40)
        self.text.setAccessibleName(self.tr("Filter"))
        self._layout.addWidget(self.text, 3)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.changed)
        self.text.textChanged.connect(lambda _t: self._timer.start())
        self.status: QComboBox | None = None
        self.tag: QComboBox | None = None
        self.institution: QComboBox | None = None
        self.owner: QComboBox | None = None
        self.visit: QComboBox | None = None
        self.date_from: _DateField | None = None
        self.date_to: _DateField | None = None
        self._default_status = ""
        self.clear_button = QToolButton()
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Show everything again"))
        self.clear_button.clicked.connect(self.clear)
        self._layout.addWidget(self.clear_button)

    # --- building ----------------------------------------------------------------------------------

    def _combo(self, label: str, any_text: str, choices: Sequence[tuple[str, object]] = ()) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(label)
        combo.setToolTip(label)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        combo.setModel(_Choices(any_text, choices, combo))
        # "any …" and the fixed choices (statuses, kinds) are shown whole; long names of records may be cut
        fixed = [any_text, *(text for text, _value in choices)]
        combo.setMinimumWidth(max(combo.fontMetrics().horizontalAdvance(t) for t in fixed) + 36)
        combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self._place(combo, 1)
        return combo

    def _place(self, widget: QWidget, stretch: int = 0) -> None:
        if self._row is self._layout:
            self._layout.insertWidget(self._layout.count() - 1, widget, stretch)  # before Clear
        else:
            self._row.insertWidget(self._row.count() - 1, widget, stretch)  # before the row's closing stretch

    def new_row(self) -> None:
        """The filters added from now on go on a second row (a bar with many filters fits a small screen)."""
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addStretch(1)
        self._rows.addLayout(row)
        self._row = row

    def add_widget(self, widget: QWidget) -> None:
        """Another control at the end of the bar (the board's "Mark done")."""
        if self._row is self._layout:
            self._layout.addWidget(widget)
        else:
            self._place(widget)

    def add_status(self, label: str, any_text: str, choices: Sequence[tuple[str, str]], default: str = "") -> None:
        self.status = self._combo(label, any_text, choices)
        self._default_status = default
        if default:
            self.status.setCurrentIndex(self.status.findData(default))

    def add_tag(self) -> None:
        self.tag = self._combo(self.tr("Tag"), self.tr("Any tag"))

    def add_institution(self) -> None:
        self.institution = self._combo(self.tr("Institution"), self.tr("Any institution"))
        self.institution.setMinimumContentsLength(18)

    def add_owner(self) -> None:
        self.owner = self._combo(self.tr("Owner"), self.tr("Any owner"))

    def add_visit(self) -> None:
        self.visit = self._combo(self.tr("Visit"), self.tr("Any visit"))
        self.visit.setMinimumContentsLength(18)

    def add_dates(self) -> None:
        label = QLabel(self.tr("From"))
        self.date_from = _DateField(self.tr("any date"))
        self.date_from.setAccessibleName(self.tr("From date"))
        label.setBuddy(self.date_from)
        to_label = QLabel(self.tr("to"))
        self.date_to = _DateField(self.tr("any date"))
        self.date_to.setAccessibleName(self.tr("To date"))
        to_label.setBuddy(self.date_to)
        for widget in (label, self.date_from, to_label, self.date_to):
            self._place(widget)
        self.date_from.dateChanged.connect(lambda _d: self.changed.emit())
        self.date_to.dateChanged.connect(lambda _d: self.changed.emit())

    def fill(self, combo: QComboBox, choices: Sequence[tuple[str, object]]) -> None:
        """Replace a combo's choices (after "any"), keeping the chosen value if it is still there."""
        keep = combo.currentData()
        combo.blockSignals(True)
        model = combo.model()
        assert isinstance(model, _Choices)
        model.replace(choices)
        found = combo.findData(keep) if keep is not None else 0
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)
        if keep is not None and found < 0:
            self.changed.emit()

    # --- reading and resetting ---------------------------------------------------------------------

    def flush(self) -> None:
        """Apply pending typing now (Enter in the field, tests)."""
        if self._timer.isActive():
            self._timer.stop()
            self.changed.emit()

    def query(self) -> ListQuery:
        def chosen(combo: QComboBox | None) -> object:
            return combo.currentData() if combo is not None else None

        status, tag, institution, owner, visit = (chosen(c) for c in (self.status, self.tag, self.institution,
                                                                       self.owner, self.visit))
        return ListQuery(
            text=self.text.text().strip(),
            status=str(status) if status else "",
            tag=str(tag) if tag else "",
            institution_id=int(str(institution)) if institution is not None else None,
            owner_person_id=int(str(owner)) if owner is not None else None,
            visit_id=int(str(visit)) if visit is not None else None,
            date_from=self.date_from.value() if self.date_from is not None else None,
            date_to=self.date_to.value() if self.date_to is not None else None,
        )

    @property
    def active(self) -> bool:
        """Whether anything is filtered out (the status default of a board does not count)."""
        q = self.query()
        status_default = self._default_status
        return bool(q.text or q.tag or q.institution_id is not None or q.owner_person_id is not None
                    or q.visit_id is not None or q.date_from or q.date_to or (q.status and q.status != status_default))

    def clear(self, *, include_status: bool = False) -> None:
        """Back to showing everything (a board keeps its default status unless ``include_status``)."""
        widgets = [w for w in (self.text, self.status, self.tag, self.institution, self.owner, self.visit,
                               self.date_from, self.date_to) if w is not None]
        for widget in widgets:
            widget.blockSignals(True)
        self.text.clear()
        self._timer.stop()
        for combo in (self.tag, self.institution, self.owner, self.visit):
            if combo is not None:
                combo.setCurrentIndex(0)
        if self.status is not None:
            default = "" if include_status else self._default_status
            self.status.setCurrentIndex(max(self.status.findData(default) if default else 0, 0))
        for field in (self.date_from, self.date_to):
            if field is not None:
                field.clear_value()
        for widget in widgets:
            widget.blockSignals(False)
        self.changed.emit()
