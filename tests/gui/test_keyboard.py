"""Keyboard access to every action: each menu entry has a mnemonic unique in its menu (in English and
in Russian), the menu titles too, and every tool bar action is also in a menu or has a shortcut."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QToolBar, QToolButton

from organizer.gui.i18n import install_language
from organizer.gui.main_window import MainWindow
from organizer.store import Database


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def _menu_problems(actions: list[QAction], where: str) -> list[str]:
    problems: list[str] = []
    seen: dict[str, str] = {}
    for action in actions:
        if action.isSeparator() or not action.isVisible() or not action.isEnabled():
            continue
        key = _mnemonic(action.text())
        if key is None:
            problems.append(f"{where}: {action.text()!r} has no mnemonic (&)")
        elif key in seen:
            problems.append(f"{where}: {action.text()!r} and {seen[key]!r} share the mnemonic {key!r}")
        else:
            seen[key] = action.text()
        menu = action.menu()
        if isinstance(menu, QMenu):
            menu.aboutToShow.emit()  # menus filled on demand (recent files)
            problems += _menu_problems(menu.actions(), f"{where} > {action.text()}")
    return problems


def _menu_actions(actions: list[QAction]) -> set[QAction]:
    found: set[QAction] = set()
    for action in actions:
        found.add(action)
        menu = action.menu()
        if isinstance(menu, QMenu):
            found |= _menu_actions(menu.actions())
    return found


@pytest.fixture(params=["en", "ru"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    install_language(qapp, request.param)
    yield request.param
    install_language(qapp, "en")


def test_every_menu_entry_has_its_own_mnemonic(qtbot: Any, gui_demo_db: Database, language: str) -> None:
    window = MainWindow(gui_demo_db)
    qtbot.addWidget(window)
    problems = _menu_problems(window.menuBar().actions(), f"menu bar ({language})")
    tabs = window.tabs
    problems += _menu_problems([QAction(tabs.tabText(i), window) for i in range(tabs.count())], f"tabs ({language})")
    assert not problems, "\n".join(problems)


def test_tool_bar_actions_are_reachable_by_keyboard(qtbot: Any, gui_demo_db: Database) -> None:
    window = MainWindow(gui_demo_db)
    qtbot.addWidget(window)
    in_menus = _menu_actions(window.menuBar().actions())
    bars = window.findChildren(QToolBar)
    assert bars
    for bar in bars:
        for action in bar.actions():
            if action.isSeparator() or not isinstance(bar.widgetForAction(action), QToolButton):
                continue  # a separator, or a widget (a search field) that has a shortcut of its own
            assert action in in_menus or not action.shortcut().isEmpty(), \
                f"tool bar action {action.text()!r} is neither in a menu nor has a shortcut"


def test_no_two_actions_share_a_shortcut(qtbot: Any, gui_demo_db: Database) -> None:
    """Qt fires neither of two actions with the same shortcut in one window (an "ambiguous shortcut")."""
    window = MainWindow(gui_demo_db)
    qtbot.addWidget(window)
    owners: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            if action.shortcutContext() != Qt.ShortcutContext.WidgetShortcut and not sequence.isEmpty():
                owners.setdefault(sequence.toString(), []).append(action.text())
    shared = {key: texts for key, texts in owners.items() if len(set(texts)) > 1}
    assert not shared, f"shortcuts used by more than one action: {shared}"


def test_tool_bar_is_ordered_by_daily_use_with_undo_redo_icons_not_navigation_arrows(
        qtbot: Any, gui_demo_db: Database) -> None:
    from PySide6.QtWidgets import QApplication, QStyle

    from organizer.gui.icons import action_icon

    window = MainWindow(gui_demo_db)
    qtbot.addWidget(window)
    actions = [a for a in window.tool_bar.actions() if not a.isSeparator()]
    records = window.record_menu
    assert actions[:5] == [records.new_action, records.edit_action, records.delete_action, records.undo_action,
                           records.redo_action]
    assert actions[-1] is window.database_actions.open_action  # opening a database is the rarest
    style = QApplication.style()
    for name, arrow in (("undo", QStyle.StandardPixmap.SP_ArrowBack), ("redo", QStyle.StandardPixmap.SP_ArrowForward)):
        icon = action_icon(name).pixmap(24).toImage()
        assert not icon.isNull()
        assert icon != style.standardIcon(arrow).pixmap(24).toImage()
