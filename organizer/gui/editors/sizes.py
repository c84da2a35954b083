"""Editor windows sized for the screen they open on, and their size remembered per record kind.

An editor opens at the size its kind's editor had when last closed (``Settings.save_editor``: the
geometry, the splitters and the tables' column widths), as long as that still fits the screen; the
first time (or on a smaller screen) it opens at ``DEFAULT_SIZE`` cut to the screen's available area,
so the position dates and the participants' Role column are in view on a 1366x768 laptop at 100 % and
125 % scaling (``tests/gui/test_small_screens.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from organizer.gui.editors.base import EditorDialog
    from organizer.gui.settings import Settings

DEFAULT_SIZE = QSize(960, 700)
"""An editor's size the first time, where the screen has room for it."""
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
