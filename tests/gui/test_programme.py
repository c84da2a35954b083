"""Programme items that are not meetings in the window (issue 18): the visit's programme is one timeline of
meetings and items in time order, an item's link opens it in the Programme tab, the tab's model passes Qt's
model tester, and the editor creates an item for a visit and shows a stored one exactly."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import QUrl

from organizer.domain.enums import ProgrammeItemKind
from organizer.gui.details import ADD_PROGRAMME_ITEM
from organizer.gui.editors.programme import ProgrammeItemEditor
from organizer.gui.editors.variants import with_variants
from organizer.gui.main_window import MainWindow
from organizer.gui.undo import RecordActions
from organizer.services import programme
from organizer.services.visits import get_visit, list_visits
from organizer.store import Database

pytestmark = pytest.mark.usefixtures("gui_close_dialogs_left_open")


def test_the_visit_shows_meetings_and_other_items_on_one_timeline(qtbot: Any, gui_window: MainWindow,
                                                                  gui_demo_db: Database) -> None:
    tab = gui_window.visits_tab
    visit = get_visit(gui_demo_db, list_visits(gui_demo_db)[0].id)
    tab.open_id(visit.meta.id)
    qtbot.waitUntil(lambda: tab.current_id() == visit.meta.id and "Programme" in tab.detail.toPlainText())
    text = tab.detail.toPlainText()
    order = ["Arrival of the delegation in Kazan", "Transfer to the hotel",
             "Transfer to the A.M. Butlerov Chemical Institute", "Tour of the laboratories",
             "Meeting with the university's leadership", "Working lunch",
             "Visit to the Pharmaceutical Scientific-Educational Center", "Transfer to the Academy of Sciences",
             "Meeting with the President of the Academy", "Departure of the delegation to Tashkent"]
    start = text.index("Programme")
    positions = [text.index(title, start) for title in order]
    assert positions == sorted(positions), "meetings and items in time order"
    assert text.index("10:00", start) < text.index("Tour of the laboratories", start)
    assert "D. Pashin" in text[text.index("Working lunch"):text.index("Visit to the Pharmaceutical")]
    assert f'href="{ADD_PROGRAMME_ITEM}:{visit.meta.id}"' in tab.detail.toHtml()


def test_an_item_link_opens_it_in_the_programme_tab(qtbot: Any, qtmodeltester: Any, gui_window: MainWindow,
                                                    gui_demo_db: Database) -> None:
    tab = gui_window.visits_tab
    vid = list_visits(gui_demo_db)[0].id
    tab.open_id(vid)
    lunch = next(i for i in programme.list_programme(gui_demo_db, visit_id=vid) if i.kind is ProgrammeItemKind.MEAL)
    qtbot.waitUntil(lambda: f'href="programme-item:{lunch.id}"' in tab.detail.toHtml())
    tab.detail.anchorClicked.emit(QUrl(f"programme-item:{lunch.id}"))
    items = gui_window.programme_tab
    assert gui_window.tabs.currentWidget() is items
    qtbot.waitUntil(lambda: items.current_id() == lunch.id)
    # the pane may render after the list has painted: wait for it, do not race it
    qtbot.waitUntil(lambda: "Working lunch" in items.detail.toPlainText())
    detail = items.detail.toPlainText()
    assert "Working lunch" in detail and "Kazan Federal University" in detail and "D. Pashin" in detail
    assert items.model.rowCount() == 6
    qtmodeltester.check(items.model)


def test_the_editor_adds_an_item_to_a_visit_and_shows_a_stored_one_exactly(qtbot: Any,
                                                                            gui_demo_db: Database) -> None:
    vid = list_visits(gui_demo_db)[0].id
    actions = RecordActions(gui_demo_db)
    editor = ProgrammeItemEditor(actions, visit_id=vid)
    qtbot.addWidget(editor)
    assert editor.starts_at.value() == datetime(2025, 3, 11, 10, 0), "offered on the visit's first day"
    editor.kind_field.set_value(ProgrammeItemKind.FREE_TIME)
    editor.starts_at.set_value(datetime(2025, 3, 11, 16, 0))
    editor.ends_at.set_value(datetime(2025, 3, 11, 18, 0))
    editor.place.setText("Kremlin embankment")
    assert editor.save()
    (added,) = [i for i in programme.list_programme(gui_demo_db, visit_id=vid) if i.kind is ProgrammeItemKind.FREE_TIME]
    assert (added.title, added.place, added.starts_at) == ("", "Kremlin embankment", datetime(2025, 3, 11, 16, 0))
    again = ProgrammeItemEditor(actions, added.id)
    qtbot.addWidget(again)
    stored = programme.get_programme_item(gui_demo_db, added.id).data
    assert with_variants(again.variants_panel, again.collect()) == stored  # with the Languages page (issue 18)


def test_an_item_without_a_start_is_refused_naming_the_field(qtbot: Any, gui_demo_db: Database) -> None:
    vid = list_visits(gui_demo_db)[0].id
    editor = ProgrammeItemEditor(RecordActions(gui_demo_db), visit_id=vid)
    qtbot.addWidget(editor)
    editor.starts_at.set_value(None)
    assert "starts_at" in editor.check_now()
