"""Mark done: the day it was done (today unless typed otherwise, any form ``domain.dates`` reads, or picked
from the calendar) and an optional note on how, asked before a follow-up is marked done.

The dialog is window-modal and opened with ``open()`` (never a nested event loop): ``ask_done`` calls
``on_done(day, note)`` once it is accepted with a valid day. A day that is not a date keeps it open
with a message under the field.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, Protocol, TypeVar

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from organizer.gui.editors.datefields import DateField
from organizer.gui.editors.fields import InvalidInputError, TextArea


class DoneDialog(QDialog):
    """The day a follow-up was done and a note (both stored with it)."""

    def __init__(self, description: str, parent: QWidget | None = None, *, today: date | None = None,
                 note: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mark done"))
        layout = QVBoxLayout(self)
        what = QLabel(description.strip().splitlines()[0] if description.strip() else "")
        what.setWordWrap(True)
        layout.addWidget(what)
        form = QFormLayout()
        self.day = DateField()
        self.day.set_value(today or date.today())
        self.day.setAccessibleName(self.tr("Done on"))
        form.addRow(self.tr("Done &on"), self.day)
        self.note = TextArea(lines=3)
        self.note.set_value(note)
        self.note.setPlaceholderText(self.tr("How it was done (optional)"))
        self.note.setAccessibleName(self.tr("Note"))
        form.addRow(self.tr("&Note"), self.note)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Mark &done"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.day.setFocus()
        self.day.selectAll()

    def value(self) -> tuple[date, str] | None:
        """The day and the note; None (and a message) while the day is not a date."""
        try:
            day = self.day.value()
        except InvalidInputError:
            day = None
        if day is None:
            self.error.setText(self.tr("Type the day it was done, e.g. %1.").replace(
                "%1", date.today().strftime("%d.%m.%Y")))
            self.error.show()
            self.day.setFocus()
            return None
        return day, self.note.value().strip()

    def accept(self) -> None:
        if self.value() is not None:
            super().accept()


def ask_done(parent: QWidget, description: str, on_done: Callable[[date, str], None], *,
             note: str = "") -> DoneDialog:
    """Open the dialog over ``parent``; ``on_done(day, note)`` runs when it is accepted."""
    return open_asking(DoneDialog(description, parent, note=note), on_done)


class Asking(Protocol):
    """A small window-modal dialog whose ``value()`` is what was asked (None: not valid)."""

    accepted: Any
    finished: Any

    def value(self) -> tuple[Any, ...] | None: ...

    def deleteLater(self) -> None: ...

    def open(self) -> None: ...


A = TypeVar("A", bound=Asking)


def open_asking(dialog: A, on_value: Callable[..., None]) -> A:
    """Open ``dialog`` (freed when it closes); ``on_value(*dialog.value())`` runs when it is accepted."""

    def accepted() -> None:
        value = dialog.value()
        if value is not None:
            on_value(*value)

    dialog.accepted.connect(accepted)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
