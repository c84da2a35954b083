"""Record > Duplicate visit…: the new visit's title, first day and whether it is the return visit, asked
before ``services.visit_copy`` copies the selected visit (issue 17, bulk entry).

The title starts as the original's, selected, so typing replaces it; the first day starts as the same day a
year later (next year's visit: the usual case), in any form ``domain.dates`` reads (``16.03.2026``) or from
the calendar, and may be left empty for an undated copy (the note under it says that the programme items,
which need a date, are then left out). "Return visit" swaps the sides. The dialog is window-modal and opened
with ``open()`` (never a nested event loop): ``ask_duplicate`` calls ``on_accept(title, start, swap)`` once it
is accepted with a valid day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from organizer.gui.done_dialog import open_asking
from organizer.gui.editors.datefields import DateField
from organizer.gui.editors.fields import InvalidInputError, TextField


def next_year(day: date | None) -> date | None:
    """The same day a year later (28 February for a 29th that the next year lacks); None stays None."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


class DuplicateVisitDialog(QDialog):
    """The copy's title, first day (or none) and sides."""

    def __init__(self, title: str, start: date | None, items: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Duplicate visit"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 100)  # a long title readable; fits 1366 px
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("A new planned visit with the same delegations, institutions, topics and programme "
                               "(meetings, arrival, transfers, meals). Notes, outcomes, follow-ups, agreements, "
                               "gifts and files are not copied."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.title = TextField()
        self.title.set_value(title)
        self.title.setAccessibleName(self.tr("Title"))
        form.addRow(self.tr("&Title"), self.title)
        self.start = DateField()
        self.start.set_value(next_year(start))
        self.start.setAccessibleName(self.tr("New start date"))
        self.start.setPlaceholderText(self.tr("e.g. %1; empty: no dates yet").replace(
            "%1", date.today().strftime("%d.%m.%Y")))
        form.addRow(self.tr("New &start date"), self.start)
        self.swap = QCheckBox(self.tr("&Return visit (swap sides)"))
        self.swap.setToolTip(self.tr("Guests become hosts and hosts guests; an incoming visit becomes outgoing. "
                                     "The place, the logistics and the escorts are left out."))
        form.addRow("", self.swap)
        layout.addLayout(form)
        hint = self.tr("Every day keeps its distance from the first day, every meeting its time.")
        if items:
            hint += " " + self.tr("Without a start date the %n programme item(s) are left out: they need a date.",
                                  "", items)
        self.hint = QLabel(hint)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Duplicate"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.title.setFocus()
        self.title.setSelection(len(title), -len(title))  # all selected, shown from its start

    def value(self) -> tuple[str, date | None, bool] | None:
        """The title, the first day (None: undated) and the return-visit choice; None (and a message) while
        the day typed is not a date or the title is empty."""
        try:
            start = self.start.value()
        except InvalidInputError:
            self.error.setText(self.tr("Type the first day of the new visit, e.g. %1, or leave it empty.").replace(
                "%1", date.today().strftime("%d.%m.%Y")))
            self.error.show()
            self.start.setFocus()
            return None
        title = self.title.value().strip()
        if not title:
            self.error.setText(self.tr("Give the new visit a title."))
            self.error.show()
            self.title.setFocus()
            return None
        return title, start, self.swap.isChecked()

    def accept(self) -> None:
        if self.value() is not None:
            super().accept()


def ask_duplicate(parent: QWidget, title: str, start: date | None, items: int,
                  on_accept: Callable[[str, date | None, bool], None]) -> DuplicateVisitDialog:
    """Open the dialog over ``parent``; ``on_accept(title, start, swap_sides)`` runs when it is accepted."""
    return open_asking(DuplicateVisitDialog(title, start, items, parent), on_accept)
