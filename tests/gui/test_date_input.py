"""Dates typed as people write them are accepted by the editors, in the Russian and the English interface."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from organizer.gui.editors.records import MeetingEditor, VisitEditor
from organizer.gui.i18n import install_language
from organizer.gui.undo import RecordActions
from organizer.services import meetings, visits
from organizer.store.database import Database

pytestmark = pytest.mark.usefixtures("gui_close_dialogs_left_open")


@pytest.fixture(params=["ru", "en"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    install_language(qapp, request.param)
    yield request.param
    install_language(qapp, "en")


def test_a_visit_takes_dates_typed_day_first(qtbot: QtBot, gui_demo_db: Database, language: str) -> None:
    vid = visits.list_visits(gui_demo_db)[0].id
    editor = VisitEditor(RecordActions(gui_demo_db), vid)
    qtbot.addWidget(editor)
    editor.start_date.clear()
    qtbot.keyClicks(editor.start_date, "11.03.2025")
    editor.end_date.setText("14 мар 2025")  # keyClicks with Cyrillic aborts Qt (PITFALLS): setText
    assert editor.save(), editor.problem_shown("start_date") or editor.problem_shown("end_date")
    data = visits.get_visit(gui_demo_db, vid).data
    assert (data.start_date, data.end_date) == (date(2025, 3, 11), date(2025, 3, 14))
    reopened = VisitEditor(RecordActions(gui_demo_db), vid)
    qtbot.addWidget(reopened)
    assert reopened.start_date.text() == "2025-03-11", "the field still shows what it showed before"


def test_a_date_that_does_not_exist_is_refused_and_nothing_saved(qtbot: QtBot, gui_demo_db: Database,
                                                                 language: str) -> None:
    vid = visits.list_visits(gui_demo_db)[0].id
    before = visits.get_visit(gui_demo_db, vid).data
    editor = VisitEditor(RecordActions(gui_demo_db), vid)
    qtbot.addWidget(editor)
    editor.start_date.setText("31.02.2025")
    assert not editor.save()
    expected = "это не дата или время" if language == "ru" else "is not a valid date or time"
    assert expected in editor.problem_shown("start_date")
    assert editor.start_date.text() == "31.02.2025", "the typed text is kept for correction"
    assert visits.get_visit(gui_demo_db, vid).data == before


def test_a_meeting_takes_a_date_and_time_typed_the_russian_way(qtbot: QtBot, gui_demo_db: Database) -> None:
    mid = meetings.list_meetings(gui_demo_db, visits.list_visits(gui_demo_db)[0].id)[0].id
    editor = MeetingEditor(RecordActions(gui_demo_db), mid)
    qtbot.addWidget(editor)
    editor.starts_at.setText("11.03.2025 10.00")
    editor.ends_at.setText("11 марта 2025 11:30")
    assert editor.save(), editor.problem_shown("starts_at") or editor.problem_shown("ends_at")
    data = meetings.get_meeting(gui_demo_db, mid).data
    assert (data.starts_at, data.ends_at) == (datetime(2025, 3, 11, 10, 0), datetime(2025, 3, 11, 11, 30))
