"""Typing in GUI tests as a keyboard does: each key goes where Qt would deliver it (an open popup, such
as a completion list or a menu, else the focused widget), one ``QKeyEvent`` per character, so
non-ASCII text works (``qtbot.keyClicks`` with Cyrillic aborts the process: PITFALLS.md). ``Keys``
counts every key it sends (``count``) and every action (``actions``: a typed text or one key), for the
keyboard-only scenarios' action counts."""

from __future__ import annotations

from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

_NAMED = {"\t": Qt.Key.Key_Tab, "\n": Qt.Key.Key_Return, " ": Qt.Key.Key_Space}


def target() -> QWidget:
    """Where a key pressed now goes: the open popup, else the focused widget."""
    widget = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard focus"
    return widget


@dataclass
class Keys:
    """Sends keys to ``target()`` and counts them (one per character or named key)."""

    count: int = 0
    actions: int = 0

    def key(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
            text: str = "", to: QWidget | None = None) -> None:
        widget = to or target()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            if shiboken6.isValid(widget):  # a key that closes a window: the release finds it gone
                QApplication.sendEvent(widget, QKeyEvent(kind, key, modifiers, text))
        QApplication.processEvents()
        self.count += 1
        self.actions += 1

    def type(self, text: str, to: QWidget | None = None) -> None:
        """Each character of ``text`` as a key press (the first one to ``to`` if given): one action."""
        before = self.actions
        for char in text:
            if char in _NAMED:
                self.key(_NAMED[char], text=char if char != "\t" else "", to=to)
            else:
                code = ord(char.upper()) if char.isascii() else 0
                self.key(Qt.Key(code) if code else Qt.Key.Key_unknown, text=char, to=to)
            to = None
        self.actions = before + 1

    def enter(self) -> None:
        self.key(Qt.Key.Key_Return)

    def tab(self) -> None:
        self.key(Qt.Key.Key_Tab)
