"""Editor windows sized for the screen they open on, and their size remembered per record kind.

An editor opens at the size its kind's editor had when last closed (``Settings.save_editor``: the
geometry, the splitters and the tables' column widths), as long as that still fits the screen; the
first time (or on a smaller screen) it opens at ``DEFAULT_SIZE`` cut to the screen's available area,
so the position dates and the participants' Role column are in view on a 1366x768 laptop at 100 % and
125 % scaling (``tests/gui/test_small_screens.py``).
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QWidget,
)

if TYPE_CHECKING:
    from organizer.gui.editors.base import EditorDialog
    from organizer.gui.settings import Settings

DEFAULT_SIZE = QSize(960, 700)
"""An editor's size the first time, where the screen has room for it."""
CHOICE_PADDING = 36
"""Pixels beside a choice's label in a table cell: margins and the open chooser's arrow."""
HEADER_PADDING = 16
"""Pixels beside a column's title in its header (a title is never cut: «исьменност»)."""
FRAME = QSize(8, 32)
"""Room a window's frame takes beyond its size (borders, title bar), about."""
SCREEN_SHARE = 0.92
"""At most this share of the screen's available width and height."""


def available(widget: QWidget) -> QRect:
    """The available area (without task bars) of the screen ``widget`` is on or will open on."""
    parent = widget.parentWidget()
    screen = (widget.screen() if widget.isVisible() else None) or (
        parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def fitting_size(wanted: QSize, area: QRect, minimum: QSize | None = None) -> QSize:
    """``wanted`` cut to ``SCREEN_SHARE`` of ``area`` (never below ``minimum``)."""
    width = min(wanted.width(), int(area.width() * SCREEN_SHARE))
    height = min(wanted.height(), int(area.height() * SCREEN_SHARE))
    if minimum is not None:
        width, height = max(width, minimum.width()), max(height, minimum.height())
    return QSize(width, height)


def fit_window(window: QWidget) -> None:
    """Bring a window whose remembered size no longer fits its screen (a smaller screen, a larger scaling)
    back within the screen's available area."""
    area = available(window)
    size = window.size()
    if window.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen) or (
            size.width() < area.width() - FRAME.width() and size.height() < area.height() - FRAME.height()):
        return  # with its frame, it fits (a size Qt cut to the screen's edge is fitted again)
    window.resize(fitting_size(size, area))
    window.move(area.topLeft())


def fit_editor(editor: EditorDialog, settings: Settings | None) -> None:
    """Put ``editor`` at its kind's remembered size, or the default one, on its screen."""
    area = available(editor)
    if settings is not None and settings.restore_editor(editor.kind.value, editor):
        frame = editor.frameGeometry() if editor.isVisible() else editor.geometry()
        if area.contains(frame) or (frame.width() <= area.width() and frame.height() <= area.height()):
            return
    size = fitting_size(DEFAULT_SIZE, area)
    editor.resize(size)
    parent = editor.parentWidget()
    centre = parent.frameGeometry().center() if parent is not None and parent.isVisible() else area.center()
    left = min(max(area.left(), centre.x() - size.width() // 2), area.right() - size.width())
    top = min(max(area.top(), centre.y() - size.height() // 2), area.bottom() - size.height())
    editor.move(max(area.left(), left), max(area.top(), top))


def fit_field(widget: QWidget) -> None:
    """Make an editor's input take the width it is given rather than the width of its content: a chooser
    holding a long title does not widen the window (it grows with the form instead); in a table, a
    column is as wide as its title, a column of choices (a side, a role) as its longest label, and when
    the last column is a check box the first column takes the room left instead of it."""
    if isinstance(widget, QComboBox):
        widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        widget.setMinimumContentsLength(12)
        policy = widget.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)
        widget.setSizePolicy(policy)
    from organizer.gui.editors.fields import RowsEditor  # the window starts without the editors' modules

    if not isinstance(widget, RowsEditor):
        return
    view, columns = widget.view, widget.model.columns
    header = view.horizontalHeader()
    metrics = view.fontMetrics()
    titles = header.fontMetrics()
    for number, column in enumerate(columns[:-1]):
        needed = titles.horizontalAdvance(column.title) + HEADER_PADDING
        if isinstance(column.default, Enum) and column.choices is not None:
            labels = (metrics.horizontalAdvance(label) for _value, label in column.choices())
            needed = max(needed, max(labels, default=0) + CHOICE_PADDING)
        if view.columnWidth(number) < needed:
            view.setColumnWidth(number, needed)
    if len(columns) > 1 and columns[-1].kind == "check":
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(len(columns) - 1, QHeaderView.ResizeMode.ResizeToContents)


def fit_problems(editor: EditorDialog, area: QRect | None = None) -> list[str]:
    """What of ``editor`` (shown) does not fit: the window beyond the screen's available area, a page whose
    fields need more width than the window gives (cut, as pages never scroll sideways), a table that
    scrolls sideways (a column such as the Role or the dates behind a scroll bar). Each page is shown
    in turn; the first page is shown again at the end. Empty when everything fits."""
    area = area or available(editor)
    problems: list[str] = []
    frame = editor.frameGeometry()
    if frame.width() > area.width() or frame.height() > area.height():
        problems.append(f"window {frame.width()}x{frame.height()} > screen {area.width()}x{area.height()}")
    pages = editor.pages
    current = pages.currentIndex()
    for index in range(pages.count()):
        pages.setCurrentIndex(index)
        QApplication.processEvents()
        page = pages.widget(index)
        if page is None:
            continue
        title = pages.tabText(index).replace("&", "")
        inner = page.widget() if isinstance(page, QScrollArea) else None
        if isinstance(page, QScrollArea) and inner is not None:
            need, have = inner.minimumSizeHint().width(), page.viewport().width()
            if need > have:
                problems.append(f"page {title}: its fields need {need} px, the window gives {have}")
        for view in page.findChildren(QAbstractItemView):
            bar = view.horizontalScrollBar()
            if view.isVisible() and bar is not None and bar.maximum() > 0:
                holder = view.parentWidget()
                name = view.accessibleName() or (holder.accessibleName() if holder is not None else "")
                problems.append(f"page {title}: table {name!r} scrolls sideways by {bar.maximum()} px")
            header = view.horizontalHeader() if isinstance(view, QTableView) else None
            if header is None or not view.isVisible():
                continue
            for section in range(header.count()):
                text = str(view.model().headerData(section, Qt.Orientation.Horizontal) or "")
                needed = header.fontMetrics().horizontalAdvance(text) + HEADER_PADDING // 2
                if text and not header.isSectionHidden(section) and header.sectionSize(section) < needed:
                    problems.append(f"page {title}: column {text!r} is cut ({header.sectionSize(section)} px "
                                    f"of {needed})")
    pages.setCurrentIndex(current)
    return problems
