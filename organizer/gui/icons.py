"""Icons: the application icon and one small, consistent set of action icons.

The application icon is ``resources/icons/organizer.svg`` rendered to PNGs of 16..512 px beside it
(``packaging/make-icons.py``); the window uses the PNGs (a size in between is scaled from the nearest one),
read when first drawn: the SVG would load Qt's SVG icon engine and decode every PNG before the window opens
(about 10 ms of CPU at each start). Action icons come from the desktop's icon theme when it has one
(freedesktop names), else from the Qt style's standard pixmaps, which every platform has, so the
set looks native and never goes missing. Qt's styles have no undo and redo pixmaps (their back and forward
arrows read as navigation), so those two fall back to the curved arrows shipped in
``resources/icons/actions``. Every action that has an icon gets it through ``action_icon``.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from organizer.assets import resource

ACTION_ICONS: dict[str, tuple[str, str]] = {
    "open": ("document-open", "SP_DialogOpenButton"),
    "new": ("document-new", "SP_FileIcon"),
    "quit": ("application-exit", "SP_DialogCloseButton"),
    "refresh": ("view-refresh", "SP_BrowserReload"),
    "preferences": ("preferences-system", "SP_FileDialogDetailedView"),
    "about": ("help-about", "SP_MessageBoxInformation"),
    "recent": ("document-open-recent", "SP_DirOpenIcon"),
    "add": ("list-add", "SP_FileDialogNewFolder"),
    "edit": ("document-edit", "SP_FileDialogContentsView"),
    "delete": ("edit-delete", "SP_TrashIcon"),
    "undo": ("edit-undo", "SP_ArrowBack"),
    "redo": ("edit-redo", "SP_ArrowForward"),
    "find": ("edit-find", "SP_FileDialogContentsView"),
    "save": ("document-save", "SP_DialogSaveButton"),
    "back": ("go-previous", "SP_ArrowBack"),
    "forward": ("go-next", "SP_ArrowForward"),
    "warning": ("dialog-warning", "SP_MessageBoxWarning"),
    "calendar": ("x-office-calendar", "SP_ArrowDown"),
}
"""Action -> (its freedesktop theme name, the name of its ``QStyle.StandardPixmap`` fallback): ``QStyle`` is
looked up only when the theme lacks an icon (its enums cost about 10 ms of CPU to create)."""


SHIPPED_ICONS = {"undo": "edit-undo.svg", "redo": "edit-redo.svg"}
"""Actions whose fallback is a shipped icon (``resources/icons/actions``), not a style pixmap."""


def action_icon(name: str) -> QIcon:
    """The icon for an action (``open``, ``refresh``, ... see ``ACTION_ICONS``)."""
    theme_name, fallback = ACTION_ICONS[name]
    if QIcon.hasThemeIcon(theme_name):
        return QIcon.fromTheme(theme_name)
    if name in SHIPPED_ICONS:
        return QIcon(str(resource("icons", "actions", SHIPPED_ICONS[name])))
    from PySide6.QtWidgets import QStyle

    style = QApplication.style()
    return style.standardIcon(getattr(QStyle.StandardPixmap, fallback)) if style is not None else QIcon()


def app_icon() -> QIcon:
    """Organizer's icon in every shipped size (a size in between is scaled from the nearest)."""
    icon = QIcon()
    for path in sorted(resource("icons", "app").glob("organizer-*.png")):
        icon.addFile(str(path))
    return icon
