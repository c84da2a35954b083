"""Which texts of a window do not fit where they are shown: labels, buttons, check boxes, group titles, combo
boxes, line edit placeholders, tab titles and table headers, measured with each widget's own font metrics.

``clipped(root)`` walks the visible widgets under ``root`` and returns ``(where, text, needed, available)`` for
each text that is wider than its room (Qt would cut it, elide it with "…", or push it out of sight). Run as a
script (``python -m tests.gui.textfit LANG``) it opens the demo database's main window on a 1366x768 screen
(the offscreen platform configured with ``SCREEN``), visits every tab with its first record selected, opens
every editor on a stored record and a new one, page by page, the thank-you letters and Mark done dialogs, and
prints the clipped texts as JSON lines.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QToolButton,
    QWidget,
)

SCREEN = {"synchronousWindowSystemEvents": True, "windowFrameMargins": False,
          "screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96,
                       "logicalBaseDpi": 96, "dpr": 1}]}
"""A 1366x768 screen at 100 %, for ``QT_QPA_PLATFORM=offscreen:configfile=FILE``."""

Clip = tuple[str, str, int, int]


def _plain(text: str) -> str:
    """The text as drawn: mnemonic ampersands dropped (``&&`` is one ampersand)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _where(widget: QWidget) -> str:
    names = []
    w: QWidget | None = widget
    while w is not None and len(names) < 4:
        names.append(w.objectName() or w.accessibleName() or type(w).__name__)
        w = w.parentWidget()
    return " < ".join(names)


def _shown(widget: QWidget) -> bool:
    if not widget.isVisible() or widget.width() <= 1:
        return False
    w: QWidget | None = widget
    while w is not None:  # inside a scroll area: only what can be scrolled to matters, all of it does
        if not w.isVisible():
            return False
        w = w.parentWidget()
    return True


def _short_values() -> set[str]:
    """The texts of every enum value in the interface language (a kind, a side, a status): a list cell showing
    one must show it whole (free text such as a title may be elided by design)."""
    from organizer.domain import enums
    from organizer.gui.formatting import enum_label

    values = set()
    for item in vars(enums).values():
        if isinstance(item, type) and issubclass(item, enums.StrEnum) and item is not enums.StrEnum:
            values |= {enum_label(v) for v in item}
    return values


def _cells(view: QAbstractItemView, short: set[str]) -> list[Clip]:
    """Cells of the visible rows whose text is an enum value's and does not fit its column."""
    model = view.model()
    if model is None or not hasattr(view, "columnWidth"):
        return []
    out: list[Clip] = []
    fm = view.fontMetrics()
    rows = min(model.rowCount(), 40)
    for row in range(rows):
        for column in range(model.columnCount()):
            if getattr(view, "isColumnHidden", lambda _c: False)(column):
                continue
            index = model.index(row, column)
            text = str(index.data() or "")
            if text not in short:
                continue
            need = fm.horizontalAdvance(text) + 8  # the item's margins (3 px each side) and the grid line
            room = view.columnWidth(column)  # type: ignore[attr-defined]
            if need > room:
                out.append((_where(view), text, need, room))
    return out


def clipped(root: QWidget) -> list[Clip]:
    out: list[Clip] = []
    style = root.style()
    short = _short_values()
    for widget in root.findChildren(QWidget):
        if not _shown(widget):
            continue
        fm = widget.fontMetrics()
        if isinstance(widget, QLabel):
            text = widget.text()
            picture = widget.pixmap()
            if not text or widget.wordWrap() or widget.textFormat() == 1 or "<" in text or (
                    picture is not None and not picture.isNull()):
                continue
            room = widget.contentsRect().width() - 2 * widget.margin() - max(widget.indent(), 0)
            for line in _plain(text).split("\n"):
                need = fm.horizontalAdvance(line)
                if need > room + 1:
                    out.append((_where(widget), line, need, room))
        elif isinstance(widget, QPushButton | QCheckBox | QRadioButton) or (
                isinstance(widget, QToolButton) and widget.toolButtonStyle() != 1 and widget.text()):
            button: QAbstractButton = widget
            if button.text() and button.width() + 1 < button.minimumSizeHint().width():
                out.append((_where(widget), _plain(button.text()), button.minimumSizeHint().width(), button.width()))
            elif isinstance(widget, QPushButton | QCheckBox | QRadioButton) and button.text() \
                    and button.width() + 1 < button.sizeHint().width():
                out.append((_where(widget), _plain(button.text()), button.sizeHint().width(), button.width()))
        elif isinstance(widget, QComboBox):
            text = widget.currentText()
            if not text or widget.isEditable():
                continue
            option = QStyleOptionComboBox()
            widget.initStyleOption(option)
            field = style.subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, widget)
            need = fm.horizontalAdvance(text) + (widget.iconSize().width() + 4 if not widget.itemIcon(
                widget.currentIndex()).isNull() else 0)
            if need > field.width() + 1:
                out.append((_where(widget), text, need, field.width()))
        elif isinstance(widget, QLineEdit):
            text = widget.placeholderText()
            if widget.text() or not text:
                continue
            actions = sum(1 for a in widget.actions() if a.isVisible())
            margins = widget.textMargins()
            room = (widget.contentsRect().width() - margins.left() - margins.right() - 4
                    - actions * (widget.height() - 4))
            need = fm.horizontalAdvance(text)
            if need > room + 1:
                out.append((_where(widget), text, need, room))
        elif isinstance(widget, QGroupBox):
            need = fm.horizontalAdvance(_plain(widget.title())) + (20 if widget.isCheckable() else 8)
            if widget.title() and need > widget.width():
                out.append((_where(widget), _plain(widget.title()), need, widget.width()))
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                if not widget.isTabVisible(i):
                    continue
                need = fm.horizontalAdvance(_plain(widget.tabText(i)))
                room = widget.tabRect(i).width() - 8
                if need > room:
                    out.append((_where(widget), _plain(widget.tabText(i)), need, room))
        if isinstance(widget, QAbstractItemView):
            out += _cells(widget, short)
        if isinstance(widget, QHeaderView) and widget.orientation().value == 1:
            view = widget.parentWidget()
            model = widget.model()
            if model is None or not isinstance(view, QAbstractItemView):
                continue
            margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, widget)
            for section in range(widget.count()):
                if widget.isSectionHidden(section) or widget.sectionSize(section) == 0:
                    continue
                text = str(model.headerData(section, widget.orientation()) or "")
                need = fm.horizontalAdvance(text) + 2 * margin
                room = widget.sectionSize(section)
                if text and need > room:
                    out.append((_where(widget), text, need, room))
    return sorted(set(out))


def _settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def walk(lang: str) -> list[dict[str, Any]]:
    """Every clipped text of the window, its tabs and its editors in ``lang`` on the demo database."""
    from organizer.domain.enums import RecordKind
    from organizer.gui.i18n import install_language
    from organizer.gui.kinds import EDITABLE
    from organizer.gui.main_window import MainWindow
    from organizer.services.demo import load_demo
    from organizer.store import open_database, sqlite_url

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    install_language(app, lang)
    folder = Path(tempfile.mkdtemp())
    db = open_database(sqlite_url(folder / "demo.db"))
    load_demo(db)
    from PySide6.QtCore import QSettings

    from organizer.gui.settings import Settings

    # a fresh settings file: the defaults, never the widths a user left in the real one
    settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(db, settings=settings)
    window.resize(app.primaryScreen().availableGeometry().size())
    window.show()
    found: list[dict[str, Any]] = []

    def collect(place: str, root: QWidget) -> None:
        _settle(app)
        for where, text, need, room in clipped(root):
            found.append({"place": place, "where": where, "text": text, "need": need, "room": room})

    for _ in range(200):
        _settle(app, 1)
        if not window.runner.busy:
            break
    tabs = window.tabs
    for i in range(tabs.count()):
        tabs.setCurrentIndex(i)
        tab: Any = tabs.widget(i)
        for _ in range(100):
            _settle(app, 1)
            model = getattr(tab, "model", None)
            if model is None or getattr(model, "loaded", True):
                break
        if callable(getattr(tab, "select_first", None)):
            tab.select_first()
        collect(f"tab {_plain(tabs.tabText(i))}", window)
    for kind in RecordKind:
        if kind not in EDITABLE:
            continue
        tab = window.tab_for(kind)
        ident = tab.current_id() if hasattr(tab, "current_id") else None
        for record in ([ident] if ident is not None else []) + [None]:
            editor = window.record_menu.open_editor(kind, record)
            if editor is None:
                continue
            pages = editor.pages
            for p in range(pages.count()):
                pages.setCurrentIndex(p)
                collect(f"{kind.value} editor ({'stored' if record else 'new'}), page "
                        f"{_plain(pages.tabText(p))}", editor)
            editor.done(0)
    # the dialogs of the daily work: thank-you letters of the selected visit, Mark done on the board
    window.show_tab(window.visits_tab)
    window.visits_tab.select_first()
    window.write_letters()
    collect("thank-you letters dialog", window.letters_dialog)
    window.letters_dialog.done(0)
    board = window.followups_tab
    window.show_tab(board)
    board.select_first()
    done = board.mark_selected_done()
    if done is not None:
        collect("mark done dialog", done)
        done.done(0)
    window.close()
    db.close()
    return found


if __name__ == "__main__":  # python -m tests.gui.textfit LANG
    for item in walk(sys.argv[1] if len(sys.argv) > 1 else "en"):
        print(json.dumps(item, ensure_ascii=False))
    sys.stdout.flush()
    re.purge()
