"""What an editor's fields hold, as a draft keeps it (``services.drafts``), and putting it back.

Each field is kept as typed: a line's text (a date that is not a date yet stays text), a text area's
whole text, a chooser's value with the label it showed, a table's rows with the labels of the records
they name (a person beyond the chooser's first names still shows by name when restored). A widget
with ``draft_value()``/``set_draft_value(value)`` keeps what it says; one with neither and no
``value()``/``set_value`` is not kept (a photo frame: its editor keeps the photo itself, ``draft_extra``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QAbstractButton, QLineEdit, QPlainTextEdit, QWidget

from organizer.gui.editors.fields import ChoiceField, RowsEditor

NOT_KEPT: Any = object()


def field_state(widget: QWidget) -> Any:
    """What ``widget`` holds, as a draft keeps it (``NOT_KEPT`` for a widget a draft cannot hold)."""
    hook = getattr(widget, "draft_value", None)
    if callable(hook):
        return hook()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, RowsEditor):
        rows = widget.value()
        labels: dict[str, list[list[Any]]] = {}
        for column in widget.model.columns:
            if column.kind == "choice":
                used = list(dict.fromkeys(r.get(column.key) for r in rows if r.get(column.key) is not None))
                labels[column.key] = [[value, widget.model.label(column, value)] for value in used]
        return {"rows": rows, "labels": labels}
    if isinstance(widget, ChoiceField):
        return {"value": widget.value(), "label": widget.currentText()}
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        return widget.isChecked()
    value = getattr(widget, "value", None)
    return value() if callable(value) and callable(getattr(widget, "set_value", None)) else NOT_KEPT


def set_field_state(widget: QWidget, state: Any) -> None:
    """Put back what ``field_state`` gave (a state of the wrong shape is left out)."""
    hook = getattr(widget, "set_draft_value", None)
    if callable(hook):
        hook(state)
    elif isinstance(widget, QLineEdit):
        widget.setText(str(state or ""))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(str(state or ""))
    elif isinstance(widget, RowsEditor) and isinstance(state, dict):
        labels = state.get("labels") or {}
        for column in widget.model.columns:
            for value, label in labels.get(column.key, []):
                column.labels.setdefault(value, str(label))
        widget.set_value([dict(r) for r in state.get("rows") or [] if isinstance(r, dict)])
    elif isinstance(widget, ChoiceField) and isinstance(state, dict):
        value = state.get("value")
        if value is not None and widget.findData(value) < 0:
            widget.addItem(str(state.get("label") or value), value)
        widget.set_value(value)
    elif isinstance(widget, QAbstractButton) and widget.isCheckable():
        widget.setChecked(bool(state))
    elif callable(getattr(widget, "set_value", None)):
        widget.set_value(state)  # type: ignore[attr-defined]


def form_state(widgets: Mapping[str, QWidget]) -> dict[str, Any]:
    """Every kept field of a form, by data field name."""
    found = {name: field_state(widget) for name, widget in widgets.items()}
    return {name: value for name, value in found.items() if value is not NOT_KEPT}


def apply_state(widgets: Mapping[str, QWidget], fields: Mapping[str, Any], pristine: Mapping[str, Any]) -> list[str]:
    """Put back the fields the user had changed (those differing from ``pristine``, what the form held
    when it opened); fields left alone keep what the form shows now (the stored record may have moved on).
    Returns the names put back."""
    restored = []
    for name, value in fields.items():
        widget = widgets.get(name)
        if widget is None or (name in pristine and pristine[name] == value):
            continue
        set_field_state(widget, value)
        restored.append(name)
    return restored


def as_new_record(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A form's fields for a new record: table rows without the ids of the stored rows they were (a
    position's ``id`` and ``uid``), so a record deleted meanwhile is created afresh."""
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if isinstance(value, dict) and isinstance(value.get("rows"), list):
            rows = [{k: v for k, v in row.items() if k not in ("id", "uid")} if isinstance(row, dict) else row
                    for row in value["rows"]]
            value = {**value, "rows": rows}
        out[name] = value
    return out
