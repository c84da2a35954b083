"""A person's gender in the window: chosen in the editor, shown in the pane, named in the history, in
Russian too (the label comes from the person's field table, ``domain.fields.PERSON``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from organizer.domain.enums import Gender
from organizer.domain.records import PersonData
from organizer.gui.details import person_html
from organizer.gui.editors.person import PersonEditor
from organizer.gui.history import history_html
from organizer.gui.i18n import install_language
from organizer.gui.undo import RecordActions
from organizer.services import people
from organizer.services.audit import record_history
from organizer.store.database import Database

pytestmark = pytest.mark.usefixtures("gui_close_dialogs_left_open")


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[None]:
    install_language(qapp, "ru")
    yield
    install_language(qapp, "en")


def test_chosen_in_the_editor_shown_in_the_pane_and_the_history(qtbot: QtBot, gui_db: Database,
                                                                 russian: None) -> None:
    pid = people.create_person(gui_db, PersonData(family_name="Galieva", given_name="Alsu")).meta.id
    editor = PersonEditor(RecordActions(gui_db), pid)
    qtbot.addWidget(editor)
    assert editor.gender.value() == Gender.UNSPECIFIED
    editor.gender.set_value(Gender.FEMALE)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert people.get_person(gui_db, pid).data.gender is Gender.FEMALE

    detail, history = people.person_record(gui_db, pid)
    assert "Пол" in person_html(detail, history) and "Женский" in person_html(detail, history)
    assert "изменено: пол" in history_html(record_history(gui_db, "person", pid), pid, "person")
