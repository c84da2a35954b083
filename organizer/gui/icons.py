"""Icons: the application icon and one small, consistent set of action icons.

The application icon is ``resources/icons/organizer.svg`` with PNGs of 16..512 px beside it
(``packaging/make-icons.py``). Action icons come from the desktop's icon theme when it has one
(freedesktop names), else from the Qt style's standard pixmaps, which every platform has, so the
set looks native and never goes missing. Qt's styles have no undo and redo pixmaps (their back and forward
arrows read as navigation), so those two fall back to the curved arrows shipped in
``resources/icons/actions``. Every action that has an icon gets it through ``action_icon``.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from organizer.assets import resource

_SP = QStyle.StandardPixmap

ACTION_ICONS: dict[str, tuple[str, QStyle.StandardPixmap]] = {
    "open": ("document-open", _SP.SP_DialogOpenButton),
    "new": ("document-new", _SP.SP_FileIcon),
    "quit": ("application-exit", _SP.SP_DialogCloseButton),
    "refresh": ("view-refresh", _SP.SP_BrowserReload),
    "preferences": ("preferences-system", _SP.SP_FileDialogDetailedView),
    "about": ("help-about", _SP.SP_MessageBoxInformation),
    "recent": ("document-open-recent", _SP.SP_DirOpenIcon),
    "add": ("list-add", _SP.SP_FileDialogNewFolder),
    "edit": ("document-edit", _SP.SP_FileDialogContentsView),
    "delete": ("edit-delete", _SP.SP_TrashIcon),
    "undo": ("edit-undo", _SP.SP_ArrowBack),
    "redo": ("edit-redo", _SP.SP_ArrowForward),
    "find": ("edit-find", _SP.SP_FileDialogContentsView),
    "save": ("document-save", _SP.SP_DialogSaveButton),
    "back": ("go-previous", _SP.SP_ArrowBack),
    "forward": ("go-next", _SP.SP_ArrowForward),
    "warning": ("dialog-warning", _SP.SP_MessageBoxWarning),
    "calendar": ("x-office-calendar", _SP.SP_ArrowDown),
}


SHIPPED_ICONS = {"undo": "edit-undo.svg", "redo": "edit-redo.svg"}
"""Actions whose fallback is a shipped icon (``resources/icons/actions``), not a style pixmap."""


def action_icon(name: str) -> QIcon:
    """The icon for an action (``open``, ``refresh``, ... see ``ACTION_ICONS``)."""
    theme_name, fallback = ACTION_ICONS[name]
    if name in SHIPPED_ICONS:
        return QIcon.fromTheme(theme_name, QIcon(str(resource("icons", "actions", SHIPPED_ICONS[name]))))
    style = QApplication.style()
    standard = style.standardIcon(fallback) if style is not None else QIcon()
    return QIcon.fromTheme(theme_name, standard)


def app_icon() -> QIcon:
    """Organizer's icon in every shipped size (the SVG scales for anything in between)."""
    icon = QIcon(str(resource("icons", "organizer.svg")))
    for path in sorted(resource("icons", "app").glob("organizer-*.png")):
        icon.addFile(str(path))
    return icon
