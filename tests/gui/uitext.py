"""Collecting the user-visible text of a window, for the test that no English is left in the Russian UI.

``window_texts`` walks a top-level widget: its title, every visible widget's text (labels, buttons,
group boxes, tab titles, placeholders, tool tips, accessible names, combo box items), the headers and
first rows of every item view, every action (menus, tool bars, context menus) and the text of the
detail panes. ``english_words`` finds Latin words that are not on a whitelist of brand names and
abbreviations, nor record data (``data_words``: every word of the records the database was loaded from).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

ALWAYS_ALLOWED = {
    "Organizer", "GNU", "General", "Public", "License", "English", "sqlite", "db", "Ctrl", "Alt", "Shift",
    "Esc", "Del", "Enter", "Tab", "PDF", "JSON", "CSV", "vCard", "URL", "ID", "Qt", "PySide", "Markdown", "SQLite",
    "PostgreSQL", "UTF", "ru", "en", "png", "jpg", "jpeg", "svg", "Cyrl", "Latn", "Cyrillic", "Latin", "MoU",
    "PgUp", "PgDown", "OK", "Home", "End", "Backspace", "Space", "Ins", "Excel", "xlsx", "iCalendar", "ics", "Google",
    "Outlook", "Word",
}
_WORD = re.compile(r"[A-Za-z]{2,}")
CELL_LIMIT = 40
"""Rows read from each item view (and from each level of a tree)."""


def data_words(values: object) -> set[str]:
    """Every word of the string values in a loaded archive (JSON). Matching is case-sensitive, so the
    archive's lowercase codes (``done``, ``host``) never excuse a label (``Done``, ``Host``)."""
    words: set[str] = set()
    if isinstance(values, dict):
        for value in values.values():
            words |= data_words(value)
    elif isinstance(values, list):
        for value in values:
            words |= data_words(value)
    elif isinstance(values, str):
        words |= set(_WORD.findall(values))
    return words


def _cells(model: QAbstractItemModel, parent: QModelIndex, where: str, limit: int) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for row in range(min(model.rowCount(parent), limit)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = index.data(role)
                if isinstance(value, str) and value:
                    out.append((f"{where} cell ({row}, {column})", value))
        first = model.index(row, 0, parent)
        if model.rowCount(first) > 0:
            out += _cells(model, first, where, limit)
    return out


def _plain(text: str) -> str:
    if "<" in text and ">" in text:
        text = re.sub(r"<[^>]+>", " ", text)
    return html.unescape(text).replace("&", "")


def _inside_file_dialog(widget: QWidget) -> bool:
    parent: QWidget | None = widget
    while parent is not None:
        if isinstance(parent, QFileDialog):
            return True
        parent = parent.parentWidget()
    return False


def action_texts(actions: Iterable[QAction], where: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for action in actions:
        if action.isSeparator():
            continue
        name = action.text()
        for kind, text in (("text", action.text()), ("tooltip", action.toolTip()),
                           ("status tip", action.statusTip()), ("what's this", action.whatsThis())):
            if text:
                out.append((f"{where} action {name!r} {kind}", _plain(text)))
        menu = action.menu()
        if isinstance(menu, QMenu):
            out.append((f"{where} menu", _plain(menu.title())))
            out += action_texts(menu.actions(), f"{where} > {name}")
    return out


def window_texts(top: QWidget) -> list[tuple[str, str]]:
    """(where, text) of everything a user can read in ``top`` (see the module docstring)."""
    out: list[tuple[str, str]] = [("window title", top.windowTitle())]
    widgets = [top, *top.findChildren(QWidget)]
    actions: list[QAction] = list(top.findChildren(QAction))
    for widget in widgets:
        if _inside_file_dialog(widget) or (widget is not top and not widget.isVisibleTo(top)):
            continue
        where = f"{type(widget).__name__} {widget.objectName()!r}"
        for kind, text in (("tooltip", widget.toolTip()), ("accessible name", widget.accessibleName()),
                           ("accessible description", widget.accessibleDescription()),
                           ("status tip", widget.statusTip()), ("what's this", widget.whatsThis())):
            if text:
                out.append((f"{where} {kind}", _plain(text)))
        if widget.isWindow() and widget is not top and widget.windowTitle():
            out.append((f"{where} title", widget.windowTitle()))
        if isinstance(widget, QLabel | QAbstractButton):
            out.append((f"{where} text", _plain(widget.text())))
        elif isinstance(widget, QGroupBox):
            out.append((f"{where} title", _plain(widget.title())))
        elif isinstance(widget, QLineEdit):
            out.append((f"{where} placeholder", widget.placeholderText()))
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            out.append((f"{where} placeholder", widget.placeholderText()))
            if widget.isReadOnly():
                out.append((f"{where} text", widget.toPlainText()))
        elif isinstance(widget, QComboBox):
            out += [(f"{where} item", widget.itemText(i)) for i in range(widget.count())]
            if widget.lineEdit() is not None:
                out.append((f"{where} placeholder", widget.lineEdit().placeholderText()))
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                out.append((f"{where} tab", _plain(widget.tabText(i))))
                if widget.tabToolTip(i):
                    out.append((f"{where} tab tooltip", _plain(widget.tabToolTip(i))))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for column in range(model.columnCount()):
                header = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
                if header:
                    out.append((f"{where} column header", str(header)))
                tip = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
                if tip:
                    out.append((f"{where} column header tooltip", str(tip)))
            out += _cells(model, QModelIndex(), where, limit=CELL_LIMIT)
        actions += widget.actions()
    out += action_texts(dict.fromkeys(actions), type(top).__name__)
    return [(where, text) for where, text in out if text and text.strip()]


def english_words(text: str, allowed: set[str]) -> list[str]:
    return [w for w in _WORD.findall(text) if w not in ALWAYS_ALLOWED and w not in allowed]
