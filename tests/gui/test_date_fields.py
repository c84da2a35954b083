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


def test_the_calendar_opens_on_the_typed_day_and_picks_by_keyboard(qtbot: QtBot) -> None:
    from PySide6.QtCore import QDate, Qt

    from organizer.gui.editors.datefields import DateField

    field = DateField()
    qtbot.addWidget(field)
    field.show()
    field.setText("11.03.2025")
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = field.calendar
    assert popup is not None and popup.isVisible()
    assert popup.selectedDate() == QDate(2025, 3, 11), "the calendar opens on the day typed"
    view = popup.focusWidget() or popup
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert field.value() == date(2025, 3, 12)
    assert field.text() == "2025-03-12"
    assert field.calendar_action.toolTip()


def test_the_calendar_keeps_a_meeting_time(qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    from organizer.gui.editors.datefields import DateTimeField

    field = DateTimeField()
    qtbot.addWidget(field)
    field.show()
    field.setText("11.03.2025 10:30")
    field.calendar_action.trigger()
    popup = field.calendar
    assert popup is not None and popup.isVisible()
    view = popup.focusWidget() or popup
    qtbot.keyClick(view, Qt.Key.Key_Down)  # a week later
    qtbot.keyClick(view, Qt.Key.Key_Enter)
    assert field.value() == datetime(2025, 3, 18, 10, 30)
    field.setText("")
    field.calendar_action.trigger()
    assert field.calendar is not None
    field.calendar.activated.emit(field.calendar.selectedDate())
    assert field.text() == field.calendar.selectedDate().toString("yyyy-MM-dd") + " ", "waits for a time"


def test_escape_closes_the_calendar_and_changes_nothing(qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    from organizer.gui.editors.datefields import DateField

    field = DateField()
    qtbot.addWidget(field)
    field.show()
    field.setText("11.03.2025")
    qtbot.keyClick(field, Qt.Key.Key_F4)
    popup = field.calendar
    assert popup is not None and popup.isVisible()
    qtbot.keyClick(popup.focusWidget() or popup, Qt.Key.Key_Escape)
    assert not popup.isVisible()
    assert field.text() == "11.03.2025"


def test_the_calendar_button_is_explained_in_the_interface_language(qtbot: QtBot, language: str) -> None:
    from organizer.gui.editors.datefields import DateField, DateTimeField

    for field in (DateField(), DateTimeField()):
        qtbot.addWidget(field)
        expected = "Выбрать день в календаре" if language == "ru" else "Choose the day from a calendar"
        assert expected in field.calendar_action.toolTip()


def test_a_new_meeting_of_a_visit_starts_on_the_visits_first_day(qtbot: QtBot, gui_demo_db: Database) -> None:
    from datetime import time

    vid = visits.list_visits(gui_demo_db)[0].id
    first = visits.get_visit(gui_demo_db, vid).data.start_date
    assert first is not None
    editor = MeetingEditor(RecordActions(gui_demo_db), visit_id=vid)
    qtbot.addWidget(editor)
    editor.show()
    assert editor.starts_at.value() == datetime.combine(first, time(10, 0))
    assert not editor.has_changes(), "the offered date is where the form starts, not a change"
    assert editor.ends_at.text() == ""
    assert editor.ends_at.open_calendar().selectedDate().toPython() == first, "the calendar opens on the visit"
    editor.title.setText("Courtesy call")
    assert editor.save(), editor.problem_shown("starts_at")
    saved = next(m for m in meetings.list_meetings(gui_demo_db, vid) if m.title == "Courtesy call")
    assert saved.starts_at == datetime.combine(first, time(10, 0))


def test_a_meeting_without_a_visit_or_an_undated_visit_starts_empty(qtbot: QtBot, gui_demo_db: Database) -> None:
    from organizer.domain.records import VisitData

    alone = MeetingEditor(RecordActions(gui_demo_db))
    qtbot.addWidget(alone)
    assert alone.starts_at.text() == ""
    undated = visits.create_visit(gui_demo_db, VisitData("Someday")).meta.id
    editor = MeetingEditor(RecordActions(gui_demo_db), visit_id=undated)
    qtbot.addWidget(editor)
    assert editor.starts_at.text() == ""


def test_date_cells_of_a_table_take_the_same_forms(qapp: QApplication) -> None:
    """A person's positions (From/Until cells) read dates like the fields do; a bad one is refused."""
    from PySide6.QtCore import Qt

    from organizer.gui.editors.fields import RowColumn, RowsModel

    model = RowsModel([RowColumn("start_date", "From", "date", default=None)])
    model.add_row()
    assert model.setData(model.index(0, 0), "11.03.2025", Qt.ItemDataRole.EditRole)
    assert model.rows[0]["start_date"] == date(2025, 3, 11)
    assert model.setData(model.index(0, 0), "1 сентября 2024", Qt.ItemDataRole.EditRole)
    assert model.rows[0]["start_date"] == date(2024, 9, 1)
    assert not model.setData(model.index(0, 0), "31.02.2025", Qt.ItemDataRole.EditRole)
    assert model.rows[0]["start_date"] == date(2024, 9, 1), "a refused cell keeps its value"
    assert model.data(model.index(0, 0)) == "2024-09-01"


def test_a_meetings_fields_offer_the_visits_days_first_and_read_a_time_alone(qtbot: QtBot,
                                                                           gui_demo_db: Database) -> None:
    from PySide6.QtCore import Qt

    from tests.gui.keys import Keys

    vid = visits.list_visits(gui_demo_db)[0].id
    visit = visits.get_visit(gui_demo_db, vid).data
    assert visit.start_date is not None and visit.end_date is not None and visit.end_date > visit.start_date
    editor = MeetingEditor(RecordActions(gui_demo_db), visit_id=vid)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    editor.starts_at.setFocus()
    qtbot.waitUntil(lambda: editor.starts_at.hasFocus())
    keys = Keys()
    keys.key(Qt.Key.Key_Down)
    days = editor.starts_at.day_list
    assert days is not None and days.isVisible()
    assert days.count() == (visit.end_date - visit.start_date).days + 1, "the visit's days, first to last"
    keys.key(Qt.Key.Key_Down)
    keys.enter()
    second = visit.start_date.toordinal() + 1
    assert editor.starts_at.value() == datetime.combine(date.fromordinal(second), datetime.min.time()).replace(
        hour=10), "the second day, the time kept"
    keys.type("14:30")  # the time was selected: typing replaces it
    assert editor.starts_at.value() == datetime.combine(date.fromordinal(second), datetime.min.time()).replace(
        hour=14, minute=30)
    editor.ends_at.setText("15:45")  # a time alone: on the start's day
    assert editor.ends_at.value() == datetime.combine(date.fromordinal(second), datetime.min.time()).replace(
        hour=15, minute=45)
    assert keys.count == 3 + 5
    editor.starts_at.setText("25:00")
    editor.title.setText("Tour")
    assert not editor.save() and editor.problem_shown("starts_at"), "an impossible time is still refused"
