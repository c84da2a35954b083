"""Empty states: on an empty database every view says what to do and offers the action that does it
("No meetings yet: ..." with "Add meeting…"), which opens that kind's editor; a filter that hides
everything says so instead, without the link."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication, QDialog

from organizer.domain.enums import RecordKind
from organizer.gui.details import NEW_RECORD
from organizer.gui.main_window import MainWindow
from organizer.store import Database

ADD = {
    RecordKind.PERSON: "Add person…",
    RecordKind.INSTITUTION: "Add institution…",
    RecordKind.VISIT: "Add visit…",
    RecordKind.MEETING: "Add meeting…",
    RecordKind.FOLLOWUP: "Add follow-up…",
    RecordKind.AGREEMENT: "Add agreement…",
    RecordKind.PROGRAMME_ITEM: "Add programme item…",
}


@pytest.fixture
def empty_window(qtbot: Any, gui_db: Database, gui_wait: Any) -> Iterator[MainWindow]:
    win = MainWindow(gui_db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    gui_wait(win)
    yield win
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.done(QDialog.DialogCode.Rejected)
    win.close()


def test_every_empty_view_says_what_to_do_and_its_link_opens_the_editor(empty_window: MainWindow) -> None:
    seen = set()
    for tab in empty_window._all_tabs():
        empty_window.show_tab(tab)
        tab.refresh_detail()
        text = tab.detail.toPlainText()
        assert "yet" in text or "No open follow-ups" in text, f"{tab.record_kind}: {text!r}"
        assert "File > Open" not in text
        if tab.record_kind not in ADD:
            assert tab.record_kind is RecordKind.TOPIC and "editors" in text
            continue
        assert ADD[tab.record_kind] in text
        assert f'href="{NEW_RECORD}:0"' in tab.detail.toHtml()
        tab.detail.anchorClicked.emit(QUrl(f"{NEW_RECORD}:0"))
        editor: Any = empty_window.record_menu.editor
        assert editor is not None and editor.isVisible()
        assert editor.kind is tab.record_kind and editor.ident is None, "a new record of the view's kind"
        seen.add(editor.kind)
        editor.reject()
    assert len(seen) == len(ADD), "each kind's link opened its own editor"


def test_a_filter_that_hides_everything_says_so_without_the_link(qtbot: Any, empty_window: MainWindow) -> None:
    tab = empty_window.meetings_tab
    empty_window.show_tab(tab)
    tab.filters.text.setText("nothing like this")
    qtbot.waitUntil(lambda: tab.filters.active and "matches the filter" in tab.detail.toPlainText(), timeout=20_000)
    assert "Add meeting…" not in tab.detail.toPlainText()
