"""The visit view lists its participants' own dietary and interpretation needs with the visit's logistics."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from organizer.services import people
from organizer.store import Database


def test_the_visit_view_shows_each_members_needs(gui_window: Any, gui_demo_db: Database) -> None:
    ident = next(p.id for p in people.list_people(gui_demo_db) if p.full_name == "Evgeny Korzhikov")
    d = people.get_person(gui_demo_db, ident)
    people.update_person(gui_demo_db, ident, replace(d.data, dietary_needs="Halal",
                                                      interpreter_needs="Uzbek–Russian, consecutive"))
    tab = gui_window.visits_tab
    gui_window.show_tab(tab)
    tab.select_first()
    tab.refresh_detail()
    text = tab.detail.toPlainText()
    assert "Evgeny Korzhikov: Halal" in text
    assert "Evgeny Korzhikov: Uzbek–Russian, consecutive" in text
    assert "Abduhomid Salomov:" not in text, "people without needs are not listed"
