"""Input widgets of the editors, each with ``value()``/``set_value()`` and an ``edited`` signal.

The choice field and the tables of rows (``RowsModel``, ``RowsEditor``...) live in ``rows`` and are
re-exported here.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QWidget

from organizer.domain.fields import Field, FieldType
from organizer.gui.editors.rows import (
    BLANK,
    ChoiceDelegate,
    ChoiceField,
    Choices,
    RowColumn,
    RowsModel,
    Search,
)
from organizer.gui.editors.table import RowsEditor
from organizer.gui.formatting import enum_label

__all__ = ["BLANK", "CheckField", "ChoiceDelegate", "ChoiceField", "Choices", "InvalidInputError", "ListField",
           "RowColumn", "RowsEditor", "RowsModel", "Search", "TextArea", "TextField", "generic_widget"]


class InvalidInputError(ValueError):
    """A field holds text that is not a value of its type (a date that is not a date)."""


# --- single-value fields -------------------------------------------------------------------------


class TextField(QLineEdit):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.textChanged.connect(self.edited)

    def value(self) -> str:
        return self.text()

    def set_value(self, value: str) -> None:
        self.setText(value or "")


class TextArea(QPlainTextEdit):
    """Multi-line text (notes, biography), saved exactly as typed (plain text or Markdown)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None, *, lines: int = 4) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * lines + 12)
        self.textChanged.connect(self.edited)

    def value(self) -> str:
        return self.toPlainText()

    def set_value(self, value: str) -> None:
        self.setPlainText(value or "")


class ListField(TextField):
    """A short list typed with commas: ``ru, en, uz``."""

    def value(self) -> tuple[str, ...]:  # type: ignore[override]
        return tuple(part.strip() for part in self.text().split(",") if part.strip())

    def set_value(self, value: Sequence[str]) -> None:
        self.setText(", ".join(value))


class CheckField(QCheckBox):
    """Yes or no."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggled.connect(self.edited)

    def value(self) -> bool:
        return self.isChecked()

    def set_value(self, value: bool) -> None:
        self.setChecked(bool(value))


def generic_widget(fld: Field) -> QWidget:
    """The input of a generic field (``domain.fields.Field.page``): a line for a text, a few lines for a
    long text, a list of the enum's labels (``gui.formatting.ENUM_LABELS``) for an enum, a check box for
    a bool."""
    if fld.type is FieldType.ENUM:
        assert fld.enum is not None, fld.name
        return ChoiceField([(v, enum_label(v)) for v in fld.enum])
    if fld.type is FieldType.BOOL:
        return CheckField()
    if fld.type is FieldType.LONG_TEXT:
        return TextArea(lines=2)
    return TextField()
