"""Picking a record by typing its name: ``RecordPicker``, a line with a completion list.

Each key typed asks ``services.picking.find`` (the spelling-insensitive search: any script, a typo) on
a worker thread (``RecordActions.call``) and lists the matches under the line, the best one current:
Up/Down move, Enter, Tab or a click pick, Escape closes the list. The last entry, "Create «…»",
creates the record from the text typed (``new_person_form``: a small form for a person's name,
position and institution; an institution is created from its name alone), an undoable step of the
undo stack, and picks it. ``picked`` tells the table holding the picker to store the value and move
on to the next row (``fields.ChoiceDelegate``).

Callables handed to a picker (``find``, ``create``, ``describe``) hold the ``RecordActions``, never
an editor dialog: a field keeping its dialog alive makes a reference cycle through Qt-owned children, and
PySide6 can crash when the garbage collector breaks it (``tests/gui/test_editor_lifetime.py``);
``finder``/``creator`` build them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from organizer.domain.enums import RecordKind
from organizer.domain.errors import OrganizerError
from organizer.domain.records import InstitutionData, PersonData, PositionData
from organizer.domain.typed_names import split_typed_name
from organizer.gui.messages import problem_text
from organizer.gui.undo import RecordActions

if TYPE_CHECKING:
    from organizer.store.database import Database

AnyIndex = QModelIndex | QPersistentModelIndex
Find = Callable[[str], Sequence[tuple[Any, str, str]]]
"""(value, label, another spelling that matched or "") of the records matching typed text."""
Create = Callable[["RecordPicker", str], object]
"""Starts creating a record from the typed text; calls ``picker.choose(id, label)`` once it exists."""
Describe = Callable[[Sequence[Any]], dict[Any, str]]
CREATE = "\x00create"
"""The value of the "Create «…»" entry."""
POPUP_MIN_WIDTH = 420


class PickModel(QAbstractListModel):
    """The matches listed under a picker, then (if it can create) "Create «…»"."""

    VALUE_ROLE = Qt.ItemDataRole.UserRole

    LABEL_ROLE = Qt.ItemDataRole.UserRole + 1
    """The record's label without the spelling that matched (what the picker shows once picked)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hits: list[tuple[Any, str, str]] = []
        self.create_label = ""

    def set_hits(self, hits: Sequence[tuple[Any, str, str]], create_label: str = "") -> None:
        self.beginResetModel()
        self.hits = list(hits)
        self.create_label = create_label
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.hits) + (1 if self.create_label else 0)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        row = index.row()
        create = row == len(self.hits)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            if create:
                return self.create_label
            _value, label, other = self.hits[row]
            return f"{label} · {other}" if other else label
        if role == self.LABEL_ROLE:
            return self.create_label if create else self.hits[row][1]
        if role == self.VALUE_ROLE:
            return CREATE if create else self.hits[row][0]
        return None


class RecordPicker(QLineEdit):
    """A record chosen by typing (``value()`` is its id, None while nothing is picked)."""

    edited = Signal()
    picked = Signal()
    """A record was picked from the list (or created): the value is final."""

    def __init__(self, find: Find, *, create: Create | None = None, describe: Describe | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._find = find
        self._create = create
        self._describe = describe
        self._value: Any = None
        self._label = ""
        self.typed = ""
        """The text typed since the last pick (what "Create «…»" creates)."""
        self.advance = False
        """Move the focus to the next field once a record is picked (a form's field; a table moves on itself)."""
        self.model = PickModel(self)
        self.matches = QCompleter(self.model, self)
        self.matches.setWidget(self)  # not setCompleter: the line keeps what is typed while the list moves
        self.matches.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.matches.setMaxVisibleItems(10)
        self.matches.activated[QModelIndex].connect(self._activated)  # type: ignore[index]  # the overload by index
        self.textEdited.connect(self._typed)
        self.setPlaceholderText(self.tr("Type to search"))
        self.setClearButtonEnabled(True)
        self.textChanged.connect(self._cleared)

    def popup(self) -> QAbstractItemView:
        """The list of matches under the line."""
        view = self.matches.popup()
        assert view is not None
        return view

    # --- value -----------------------------------------------------------------------------------

    def value(self) -> Any:
        return self._value

    def label(self) -> str:
        return self._label

    def set_value(self, value: Any, label: str | None = None) -> None:
        if label is None:
            label = "" if value is None else (self._describe([value]).get(value) if self._describe else None) or ""
        self._value, self._label = value, label if value is not None else ""
        self.setText(self._label)
        self.setCursorPosition(0)

    def draft_value(self) -> dict[str, Any]:
        """What a draft keeps (``editors.drafting``): the record picked with its label, or the text typed."""
        return {"value": self._value, "label": self._label, "text": self.text()}

    def set_draft_value(self, state: Any) -> None:
        if not isinstance(state, dict):
            return
        self.set_value(state.get("value"), str(state.get("label") or ""))
        if state.get("value") is None and state.get("text"):
            self.setText(str(state["text"]))
            self.typed = self.text().strip()

    def choose(self, value: Any, label: str) -> None:
        """Pick ``value`` (shown as ``label``), as if chosen from the list."""
        self.popup().hide()
        self.set_value(value, label)
        self.edited.emit()
        self.picked.emit()
        if self.advance and self.hasFocus():
            self.focusNextChild()

    # --- typing ----------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        """Tab (or Shift+Tab) with the list open picks its current entry, as Enter does."""
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)):
            popup = self.popup()
            if popup.isVisible() and popup.currentIndex().isValid():
                popup.hide()
                self._activated(popup.currentIndex())
                return True
        return super().event(event)

    def _cleared(self, text: str) -> None:
        if not text and self._value is not None:  # the clear button, or everything deleted
            self._value, self._label = None, ""
            self.edited.emit()

    def _typed(self, text: str) -> None:
        self.typed = text.strip()
        if self._value is not None and text != self._label:
            self._value = None  # the text no longer names the picked record
            self.edited.emit()
        self.refresh_list()

    def type_in(self, text: str) -> None:
        """``text`` as if it had been typed (the matches listed)."""
        self.setText(text)
        self._typed(text)

    def refresh_list(self) -> None:
        """List the records matching the text typed (and "Create «…»"), the best one current. Only the
        text before a comma is looked for: "D. Pashin, Vice-Rector, KFU" finds D. Pashin (and "Create «…»"
        creates him with that position and institution, ``NewPersonForm``)."""
        typed = self.typed
        looked_for = typed.split(",")[0].strip()
        try:
            hits = self._find(looked_for) if looked_for else []
        except OrganizerError as err:  # the database went away: say so, keep what was typed
            hits = []
            self.setToolTip(str(err))
        create = self.tr("Create «%1»").replace("%1", typed) if typed and self._create is not None else ""
        self.model.set_hits(hits, create)
        popup = self.popup()
        if not self.model.rowCount():
            popup.hide()
            return
        area = self.rect()
        area.setWidth(max(area.width(), POPUP_MIN_WIDTH))
        self.matches.complete(area)
        popup.setCurrentIndex(self.model.index(0, 0))

    def _activated(self, index: QModelIndex) -> None:
        value = index.data(PickModel.VALUE_ROLE)
        if value == CREATE:
            if self._create is not None:
                self._create(self, self.typed)
            return
        self.choose(value, str(index.data(PickModel.LABEL_ROLE)))


# --- the callables a picker is built with ----------------------------------------------------------


# ``services.picking`` (the search service, so SQLAlchemy's ORM) is imported by the worker that runs the
# call, not when a form with a picker is first built: the follow-ups tab's first show imported it on the UI
# thread (through the done dialog's date fields), a stall of 0.1-0.2 s on a quiet machine.


def _picking_find(db: Database, kind: RecordKind, text: str) -> list[tuple[int, str, str]]:
    from organizer.services import picking

    return picking.find(db, kind, text)


def _picking_labels(db: Database, kind: RecordKind, ids: list[int]) -> dict[int, str]:
    from organizer.services import picking

    return picking.labels(db, kind, ids)


def _find(actions: RecordActions, kind: RecordKind, text: str) -> list[tuple[int, str, str]]:
    return actions.call(_picking_find, actions.db, kind, text)


def _describe(actions: RecordActions, kind: RecordKind, ids: Sequence[int]) -> dict[int, str]:
    return actions.call(_picking_labels, actions.db, kind, list(ids))


def finder(actions: RecordActions, kind: RecordKind) -> Find:
    """Records of ``kind`` matching typed text (``services.picking.find``), read on a worker thread."""
    return partial(_find, actions, kind)


def describer(actions: RecordActions, kind: RecordKind) -> Describe:
    return partial(_describe, actions, kind)


def creator(actions: RecordActions, kind: RecordKind) -> Create | None:
    """How a picker of ``kind`` creates a record from typed text (None: it cannot)."""
    if kind is RecordKind.PERSON:
        return PersonCreator(actions)
    if kind is RecordKind.INSTITUTION:
        return partial(_new_institution, actions)
    return None


def record_picker(actions: RecordActions, kind: RecordKind, parent: QWidget | None = None) -> RecordPicker:
    """A picker of records of ``kind`` that can create one where that makes sense."""
    return RecordPicker(finder(actions, kind), create=creator(actions, kind), describe=describer(actions, kind),
                        parent=parent)


def _column_picker(actions: RecordActions, kind: RecordKind, create: Create | None,
                   parent: QWidget | None) -> RecordPicker:
    return RecordPicker(finder(actions, kind), create=create, describe=describer(actions, kind), parent=parent)


def picks(actions: RecordActions, kind: RecordKind) -> Callable[[QWidget], RecordPicker]:
    """What a table column that picks records of ``kind`` edits its cells with (``fields.RowColumn.pick``):
    the column's pickers share one creator (a person's form offers the institution chosen last)."""
    return partial(_column_picker, actions, kind, creator(actions, kind))


def _find_except(actions: RecordActions, kind: RecordKind, left_out: int, text: str) -> list[tuple[int, str, str]]:
    return [hit for hit in _find(actions, kind, text) if hit[0] != left_out]


def record_field(actions: RecordActions, kind: RecordKind, value: int | None = None, *,
                 left_out: int | None = None) -> RecordPicker:
    """A form's field choosing a record of ``kind`` by typing (empty: none); picking moves to the next field.
    ``left_out`` is never offered (an institution as its own parent)."""
    picker = record_picker(actions, kind)
    if left_out is not None:
        picker._find = partial(_find_except, actions, kind, left_out)
    picker.advance = True
    if value is not None:
        picker.set_value(value)
    return picker


def _new_institution(actions: RecordActions, picker: RecordPicker, text: str) -> None:
    try:
        detail = actions.create(RecordKind.INSTITUTION, InstitutionData(name=text))
    except OrganizerError as err:
        picker.setToolTip(str(err))
        return
    ident = detail.meta.id
    picker.choose(ident, _describe(actions, RecordKind.INSTITUTION, [ident]).get(ident, text))


def _type_in(picker: RecordPicker, text: str) -> None:
    if shiboken6.isValid(picker):
        picker.type_in(text)


class NewPersonForm(QDialog):
    """Name, position and institution of a person created from a picker; Enter creates and picks them."""

    created = Signal(object, str)
    """(id, label) of the person created."""
    institution_used = Signal(object, str)
    """(id, label) of the institution of the person created (emitted before ``created``)."""

    def __init__(self, actions: RecordActions, text: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New person"))
        self.records = actions
        form = QFormLayout()
        self.name = QLineEdit(text)
        self.name.setToolTip(self.tr("Given name and family name, or «Family Given Patronymic»"))
        self.position = QLineEdit()
        self.institution = record_picker(actions, RecordKind.INSTITUTION)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Position"), self.position)
        form.addRow(self.tr("&Institution"), self.institution)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.name.setFocus()
        self._fill(text)

    def _fill(self, text: str) -> None:
        """What was typed in the picker, as a press report writes it: "name, title, institution" (the title
        may hold commas: the last part is the institution), or "name, title". The parts go to their
        fields and the keyboard to the institution's matches, so that Enter picks it (or creates it) and
        Enter again creates the person. Without a comma the name is all there is: the keyboard stays in it."""
        parts = [p.strip() for p in text.split(",")]
        if len(parts) < 2 or not parts[0]:
            return
        self.name.setText(parts[0])
        place = parts[-1] if len(parts) >= 3 else ""
        self.position.setText(", ".join(p for p in parts[1:len(parts) - 1 if place else len(parts)] if p))
        self.institution.setFocus()
        if place:
            QTimer.singleShot(0, partial(_type_in, self.institution, place))

    def data(self) -> PersonData:
        given, middle, family = split_typed_name(self.name.text())
        institution = self.institution.value()
        positions = (PositionData(self.position.text().strip(), institution, current=True),) \
            if institution is not None else ()
        return PersonData(given_name=given, middle_name=middle, family_name=family, positions=positions)

    def accept(self) -> None:
        """Create the person (an undoable step); a refused input is shown and the form stays."""
        if self.position.text().strip() and self.institution.value() is None:
            self._show(self.tr("Choose the institution of the position, or leave the position empty."))
            return
        try:
            detail = self.records.create(RecordKind.PERSON, self.data())
        except OrganizerError as err:
            problems = getattr(err, "issues", None)
            self._show("\n".join(problem_text(p) for p in problems.values()) if problems else str(err))
            return
        ident = detail.meta.id
        label = _describe(self.records, RecordKind.PERSON, [ident]).get(ident, detail.full_name)
        super().accept()  # before the pick: the picker's table closes it and moves on
        if self.institution.value() is not None:
            self.institution_used.emit(self.institution.value(), self.institution.label())
        self.created.emit(ident, label)

    def _show(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


class PersonCreator:
    """Creates a person from a picker's text with a ``NewPersonForm`` over the picker; the person created is
    picked there. The institution chosen last is offered again (a delegation's members often share it)."""

    def __init__(self, actions: RecordActions) -> None:
        self.actions = actions
        self.last_institution: tuple[Any, str] | None = None

    def __call__(self, picker: RecordPicker, text: str) -> NewPersonForm:
        form = NewPersonForm(self.actions, text, picker)
        if self.last_institution is not None:
            form.institution.set_value(*self.last_institution)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.institution_used.connect(self.remember)
        form.finished.connect(picker.window().activateWindow)  # back to the editor, the keyboard with it
        form.created.connect(picker.choose)
        form.open()
        return form

    def remember(self, ident: Any, label: str) -> None:
        self.last_institution = (ident, label)
