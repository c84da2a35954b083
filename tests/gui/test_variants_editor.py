"""Language variants edited next to the record (issue 18, point 4): every editor of a kind with translatable
texts has a Languages page; a variant changed there is saved with the record, one left alone stays; a
person's name in a script nobody wrote is shown as automatic and can be kept as written."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from organizer.domain.records import NameVariant, PersonData, TextVariant
from organizer.domain.variants import pick
from organizer.gui.editors.person import PersonEditor
from organizer.gui.editors.records import VisitEditor
from organizer.gui.undo import RecordActions
from organizer.services import people, visits
from organizer.store.database import Database

pytestmark = pytest.mark.usefixtures("gui_close_dialogs_left_open")


def test_a_visits_variants_are_shown_edited_and_saved(qtbot: QtBot, gui_demo_db: Database) -> None:
    vid = visits.list_visits(gui_demo_db)[0].id
    before = visits.get_visit(gui_demo_db, vid).data
    editor = VisitEditor(RecordActions(gui_demo_db), vid)
    qtbot.addWidget(editor)
    panel = editor.variants_panel
    assert panel is not None
    assert editor.pages.tabText(editor.pages.count() - 1).replace("&", "") == "Languages"
    assert panel.value() == before.variants and not editor.has_changes()
    rows = panel.rows.value()
    place = next(r for r in rows if r["field"] == "place")
    place["text"] = "г. Казань"
    panel.rows.set_value([*rows, {"field": "title", "lang": "uz", "text": "Oʻzkimyosanoat delegatsiyasi tashrifi"}])
    assert editor.has_changes()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    after = visits.get_visit(gui_demo_db, vid).data
    assert pick(after, "place", "ru").text == "г. Казань"
    assert TextVariant("title", "uz", "Oʻzkimyosanoat delegatsiyasi tashrifi") in after.variants
    assert pick(after, "summary", "ru").text == pick(before, "summary", "ru").text  # untouched ones stay


def test_an_automatic_name_is_marked_and_can_be_kept(qtbot: QtBot, gui_db: Database) -> None:
    pid = people.create_person(gui_db, PersonData(given_name="Алсу", family_name="Галиева")).meta.id
    editor = PersonEditor(RecordActions(gui_db), pid)
    qtbot.addWidget(editor)
    panel = editor.variants_panel
    assert panel is not None
    english = panel.findChild(QLabel, "name_en")
    assert english is not None and "Alsu Galiyeva" in english.text() and "automatic" in english.text()
    russian = panel.findChild(QLabel, "name_ru")
    assert russian is not None and "Галиева Алсу" in russian.text() and "automatic" not in russian.text()
    keep = panel.findChild(QPushButton, "keep_en")
    assert keep is not None and panel.findChild(QPushButton, "keep_ru") is None
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert people.get_person(gui_db, pid).data.name_variants == (NameVariant("Alsu Galiyeva", "Latn", "en"),)
