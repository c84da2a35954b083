"""``organizer gui --screenshot FILE.png [--view VIEW]``: a picture of the window on real data, for checks and docs.

The window opens on the database, shows the view's tab, selects its first record so the detail pane
is filled, waits until the data is shown (no background task running, the detail pane rendered),
saves the window to a PNG and returns; it never enters the event loop, so it works under
``QT_QPA_PLATFORM=offscreen`` as under a real display and ends on its own.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QThreadPool
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget

from organizer.domain.errors import OrganizerError
from organizer.domain.kinds import KINDS
from organizer.store.files import atomic_output, shown

VIEWS = tuple(info.collection for info in KINDS.values())
"""The views a screenshot can show: the window's tabs, one per record kind."""
DEFAULT_VIEW = "people"
WAIT_SECONDS = 30.0


class ScreenshotError(Exception):
    """The screenshot could not be taken; the message says why (shown to the user as is)."""


def view_tab(window: QMainWindow, view: str) -> QWidget:
    """The tab showing ``view`` (the window's ``<view>_tab`` attribute)."""
    if view not in VIEWS:
        raise ScreenshotError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")
    tab = getattr(window, f"{view}_tab", None)
    if not isinstance(tab, QWidget):
        raise ScreenshotError(f"this version of Organizer has no {view} view")
    return tab


def _busy(window: QMainWindow) -> bool:
    """Whether background work for the window is still running."""
    if QThreadPool.globalInstance().activeThreadCount() > 0:
        return True
    tasks = getattr(window, "tasks", None)
    is_idle = getattr(tasks, "is_idle", None)
    if callable(is_idle) and not is_idle():
        return True
    built_tabs = getattr(window, "built_tabs", None)  # a detail pane waiting for its list to paint
    return callable(built_tabs) and any(getattr(tab, "detail_pending", False) for tab in built_tabs())


def settle(window: QMainWindow, seconds: float = WAIT_SECONDS) -> None:
    """Process events until no background task runs (and a little longer, for the last repaints)."""
    deadline = time.monotonic() + seconds
    quiet_rounds = 0
    while quiet_rounds < 5:
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents()
        if _busy(window):
            quiet_rounds = 0
            if time.monotonic() > deadline:
                raise ScreenshotError(f"the window was still loading after {seconds:.0f} s")
            time.sleep(0.02)
        else:
            quiet_rounds += 1
            time.sleep(0.01)


def take_screenshot(window: QMainWindow, path: Path, view: str = DEFAULT_VIEW, database: Path | None = None) -> Path:
    """Show ``view`` with its first record selected and save the window as a PNG at ``path`` (through
    ``store.files.atomic_output``: never over ``database``'s files, a device, FIFO or link)."""
    tab = view_tab(window, view)
    tabs = window.centralWidget()
    if not window.isVisible():
        window.show()
    settle(window)
    show_tab = getattr(window, "show_tab", None)
    if callable(show_tab):
        show_tab(tab)
    elif isinstance(tabs, QTabWidget):
        tabs.setCurrentWidget(tab)
    settle(window)
    select_first = getattr(tab, "select_first", None)
    current_id = getattr(tab, "current_id", None)
    if callable(select_first) and (not callable(current_id) or current_id() is None):
        select_first()
    settle(window)
    window.repaint()
    QApplication.processEvents()
    return save_picture(window, path, database)


def save_picture(widget: QWidget, path: Path, database: Path | None = None) -> Path:
    """Save ``widget`` as it is drawn now as a PNG at ``path`` (through ``store.files.atomic_output``)."""
    image = widget.grab()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(path, database=database, suffix=".png") as tmp:
            if not image.save(str(tmp), "PNG"):
                raise ScreenshotError(f"cannot write {shown(path)}")
    except OSError as err:
        raise ScreenshotError(f"cannot write {shown(path)}: {err.strerror or err}") from None
    except OrganizerError as err:
        raise ScreenshotError(str(err)) from None
    return path


def editor_pictures(window: QMainWindow, folder: Path, suffix: str = "", database: Path | None = None) -> list[Path]:
    """Open every kind's editor on its first record (a new record's form where there is none) at the
    size it opens at, and save each of its pages as ``editor-<kind>-<page number><suffix>.png`` in
    ``folder``; each editor is closed again. The pictures are the editor without its window frame."""
    from organizer.gui.kinds import EDITABLE

    menu = getattr(window, "record_menu", None)
    tab_for = getattr(window, "tab_for", None)
    saved: list[Path] = []
    if menu is None or not callable(tab_for):
        raise ScreenshotError("this window opens no editors")
    for kind in (k for k in KINDS if k in EDITABLE):
        tab = tab_for(kind)
        settle(window)
        tab.select_first()
        settle(window)
        editor = menu.open_editor(kind, tab.current_id())
        if editor is None:
            raise ScreenshotError(f"the {kind.value} editor did not open")
        settle(window)
        for index in range(editor.pages.count()):
            editor.pages.setCurrentIndex(index)
            editor.repaint()
            QApplication.processEvents()
            saved.append(save_picture(editor, folder / f"editor-{kind.value}-{index + 1}{suffix}.png", database))
        editor.done(0)
        settle(window)
    return saved
