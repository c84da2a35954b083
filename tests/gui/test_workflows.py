"""Working in the window: quick-open, filters and sorting per tab, the follow-ups board, import and export."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from organizer.domain.enums import FollowUpStatus
from organizer.domain.records import FollowUpData
from organizer.gui.main_window import MainWindow
from organizer.gui.quickopen import hit_text
from organizer.services.browse import record_ids
from organizer.services.followups import create_followup, get_followup, list_followups
from organizer.services.people import list_people
from organizer.services.related import followup_owners
from organizer.services.visits import list_visits
from organizer.store import Database, open_database, sqlite_url


def _person_id(db: Database, name: str) -> int:
    return next(p.id for p in list_people(db) if p.full_name == name)


# --- quick-open ----------------------------------------------------------------------------------


def test_quick_open_finds_as_you_type_and_jumps_to_the_record(qtbot: Any, gui_window: MainWindow,
                                                             gui_demo_db: Database) -> None:
    field = gui_window.quick_open
    qtbot.keyClick(gui_window.people_tab.view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert field.hasFocus()
    with qtbot.waitSignal(field.results_shown, timeout=20_000):
        qtbot.keyClicks(field, "korzh")
    assert field.hits() == [("person", _person_id(gui_demo_db, "Evgeny Korzhikov"))]
    assert field.completer_.popup().isVisible()
    gui_window.show_tab(gui_window.topics_tab)
    field.choose(0)
    assert gui_window.tabs.currentWidget() is gui_window.people_tab
    assert gui_window.people_tab.current_id() == _person_id(gui_demo_db, "Evgeny Korzhikov")
    assert field.text() == ""


def test_quick_open_with_enter_opens_a_meeting(qtbot: Any, gui_window: MainWindow, gui_demo_db: Database) -> None:
    field = gui_window.quick_open
    field.setFocus()
    with qtbot.waitSignal(field.results_shown, timeout=20_000):
        qtbot.keyClicks(field, "tour laborator")
    kind, ident = field.hits()[0]
    assert kind == "meeting"
    field.completer_.popup().hide()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert gui_window.tabs.currentWidget() is gui_window.meetings_tab
    assert gui_window.meetings_tab.current_id() == ident
    qtbot.waitUntil(lambda: "Tour of the laboratories" in gui_window.meetings_tab.detail.toPlainText())


def test_quick_open_in_cyrillic_and_with_nothing_found(qtbot: Any, qtmodeltester: Any, gui_window: MainWindow) -> None:
    field = gui_window.quick_open
    qtmodeltester.check(field.results)  # stays attached: the refills below are checked too
    field.setText("Хайруллин")  # no keyClicks with non-ASCII text (a Qt assertion aborts the process)
    with qtbot.waitSignal(field.results_shown, timeout=20_000):
        field.search_now()
    # the person, then the meeting whose Russian outcome names him (the index holds the language variants)
    assert [k for k, _ in field.hits()] == ["person", "meeting"]
    assert "Ilnur Khairullin" in field.results.item(0).text()
    field.setText("zzzz-nothing")
    with qtbot.waitSignal(field.results_shown, timeout=20_000) as blocker:
        field.search_now()
    assert blocker.args == [0] and field.hits() == []
    assert "Nothing found" in field.results.item(0).text()


def test_hit_text_names_the_kind_and_context() -> None:
    from organizer.domain.listing import QuickHit

    assert hit_text(QuickHit("visit", 1, "Delegation", "Kazan", date(2025, 3, 11))) == \
        "Delegation — Visit · Kazan · 11 Mar 2025"


# --- filters and sorting in each tab -------------------------------------------------------------


def test_each_tab_filters_and_sorts_through_the_services(qtbot: Any, gui_window: MainWindow,
                                                         gui_demo_db: Database) -> None:
    people = gui_window.people_tab
    combo = people.filters.tag
    assert combo is not None and [combo.itemText(i) for i in range(combo.count())] == ["Any tag", "delegation",
                                                                                        "host"]
    combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: people.model.loaded and people.model.rowCount() == 2)
    people.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: people.model.loaded and people.model.query.descending)
    assert [people.model.index(r, 0).data() for r in range(2)] == ["Abduhomid Salomov", "Evgeny Korzhikov"]
    people.filters.clear()
    qtbot.waitUntil(lambda: people.model.loaded and people.model.rowCount() == 6)

    meetings = gui_window.meetings_tab
    assert meetings.filters.date_from is not None
    meetings.filters.date_from.set_value(date(2025, 3, 12))
    qtbot.waitUntil(lambda: meetings.model.loaded and meetings.model.rowCount() == 1)
    assert "Academy of Sciences" in meetings.model.index(0, 1).data()
    meetings.filters.clear()
    qtbot.waitUntil(lambda: meetings.model.loaded and meetings.model.rowCount() == 4)
    meetings.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: meetings.model.loaded and meetings.model.query.sort == "title")
    titles = [meetings.model.index(r, 1).data() for r in range(4)]
    assert titles == sorted(titles, key=str.lower)

    visits = gui_window.visits_tab
    assert visits.filters.status is not None
    visits.filters.status.setCurrentIndex(visits.filters.status.findData("planned"))
    qtbot.waitUntil(lambda: visits.model.loaded and visits.model.rowCount() == 0)
    assert "No visit matches the filter" in visits.detail.toPlainText()
    visits.filters.clear()
    qtbot.waitUntil(lambda: visits.model.loaded and visits.model.rowCount() == 1)

    topics = gui_window.topics_tab
    topics.filters.text.setText("chem")
    topics.filters.flush()
    qtbot.waitUntil(lambda: topics.model.loaded and topics.model.rowCount() < 8)
    assert all("chem" in topics.model.index(r, 0).data().lower() for r in range(topics.model.rowCount()))
    assert topics.current_id() is not None
    chosen = topics.model.index(topics.model.row_of(topics.current_id()), 0).data()
    qtbot.waitUntil(lambda: topics.detail.toPlainText().startswith(chosen))

    institutions = gui_window.institutions_tab
    institutions.filters.text.setText("pharmaceutical")
    institutions.filters.flush()
    qtbot.waitUntil(lambda: institutions.is_loaded and institutions.model.rowCount() == 1)
    assert institutions.model.index(0, 0).data() == "Kazan Federal University"
    assert institutions.current_id() is not None


def test_the_institution_filter_includes_units(qtbot: Any, gui_window: MainWindow, gui_demo_db: Database) -> None:
    people = gui_window.people_tab
    combo = people.filters.institution
    assert combo is not None
    names = [combo.itemText(i) for i in range(combo.count())]
    assert "Kazan Federal University" in names
    assert any(n.startswith("    ") and "Butlerov" in n for n in names)  # units indented under their parent
    combo.setCurrentIndex(names.index("Kazan Federal University"))
    qtbot.waitUntil(lambda: people.model.loaded and people.model.query.institution_id is not None)
    shown = {people.model.index(r, 0).data() for r in range(people.model.rowCount())}
    assert "D. Pashin" in shown and "Evgeny Korzhikov" not in shown


# --- the follow-ups board ------------------------------------------------------------------------


def test_board_shows_open_items_marks_overdue_and_filters_by_owner_and_visit(
        qtbot: Any, gui_window: MainWindow, gui_demo_db: Database) -> None:
    board = gui_window.followups_tab
    later = create_followup(gui_demo_db, FollowUpData(description="Send the photos", due_date=date(2999, 1, 1)))
    first = list_followups(gui_demo_db)[0]
    from organizer.services.followups import set_status

    set_status(gui_demo_db, first.id, FollowUpStatus.DONE)
    gui_window.refresh()
    qtbot.waitUntil(lambda: board.model.loaded and not gui_window.runner.busy)
    shown = list(board.model.ids())
    assert first.id not in shown and later.id in shown  # the board shows open items
    statuses = {board.model.id_at(r): board.model.index(r, 0).data() for r in range(board.model.rowCount())}
    assert statuses[later.id] == "Open"
    assert all(text == "Overdue" for ident, text in statuses.items() if ident != later.id)
    assert set(board.overdue_ids()) == set(shown) - {later.id}
    row = board.model.row_of(later.id)
    assert board.model.index(0 if row else 1, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert row is not None and board.model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is None

    owner = followup_owners(gui_demo_db)[0]
    assert board.filters.owner is not None
    board.filters.owner.setCurrentIndex(board.filters.owner.findData(owner.id))
    qtbot.waitUntil(lambda: board.model.loaded and board.model.query.owner_person_id == owner.id)
    assert set(board.model.ids()) == set(record_ids(gui_demo_db, "followup", board.filters.query()))
    board.filters.clear()
    qtbot.waitUntil(lambda: board.model.loaded and board.model.query.owner_person_id is None)
    assert board.filters.visit is not None
    visit_id = list_visits(gui_demo_db)[0].id
    board.filters.visit.setCurrentIndex(board.filters.visit.findData(visit_id))
    qtbot.waitUntil(lambda: board.model.loaded and board.model.query.visit_id == visit_id)
    assert later.id not in board.model.ids() and len(board.model.ids()) == 2
    assert board.filters.status is not None
    board.filters.status.setCurrentIndex(0)  # any status: the done one is back
    qtbot.waitUntil(lambda: board.model.loaded and board.model.query.status == "")
    assert first.id in board.model.ids()


def test_mark_done_asks_the_day_and_a_note_stores_them_and_leaves_the_open_board_at_once(
        qtbot: Any, gui_window: MainWindow, gui_demo_db: Database) -> None:
    from organizer.gui.done_dialog import DoneDialog

    gui_window.show_tab(gui_window.followups_tab)
    board = gui_window.followups_tab
    target = board.model.id_at(1)
    assert target is not None
    board.select_id(target)
    assert board.done_button.isEnabled()
    qtbot.mouseClick(board.done_button, Qt.MouseButton.LeftButton)
    dialog = board.done_dialog
    assert isinstance(dialog, DoneDialog) and dialog.isVisible()
    assert dialog.day.value() == date.today()  # today unless typed otherwise
    assert get_followup(gui_demo_db, target).row.status is FollowUpStatus.OPEN  # nothing before it is accepted
    dialog.day.setText("not a day")
    dialog.accept()
    assert dialog.isVisible() and dialog.error.isVisibleTo(dialog)  # refused, still asking
    dialog.day.setText("05.03.2025")  # typed as people write dates
    dialog.note.setPlainText("Sent by **courier**")
    dialog.accept()
    stored = get_followup(gui_demo_db, target).data
    assert (stored.status, stored.done_on, stored.done_note) == (FollowUpStatus.DONE, date(2025, 3, 5),
                                                                 "Sent by **courier**")
    # the board shows open follow-ups: the done one leaves it at once, no reload needed
    qtbot.waitUntil(lambda: board.model.loaded and target not in board.model.ids())
    qtbot.waitUntil(lambda: "(2 open)" in gui_window.counts_label.text())
    # undo puts it back, open and without its completion day
    gui_window.record_menu.undo_action.trigger()
    restored = get_followup(gui_demo_db, target).data
    assert (restored.status, restored.done_on, restored.done_note) == (FollowUpStatus.OPEN, None, "")
    qtbot.waitUntil(lambda: board.model.loaded and target in board.model.ids())
    # Any status: a done follow-up shows its day in the list and its note in the pane
    gui_window.record_menu.redo_action.trigger()
    assert board.filters.status is not None
    board.filters.status.setCurrentIndex(0)
    qtbot.waitUntil(lambda: board.model.loaded and board.model.query.status == "" and target in board.model.ids())
    row = board.model.row_of(target)
    assert row is not None
    # a row's batch is read again on a worker when the window notices its own edit (gui.watch): wait for it
    qtbot.waitUntil(lambda: board.model.index(row, 6).data() == "5 Mar 2025")
    board.select_id(target)
    qtbot.waitUntil(lambda: "courier" in board.detail.toPlainText())
    # Ctrl+D asks too; accepted as offered, it is done today
    board.filters.status.setCurrentIndex(board.filters.status.findData(FollowUpStatus.OPEN.value))
    qtbot.waitUntil(lambda: board.model.loaded and board.model.query.status == "open")
    other = board.model.id_at(0)
    assert other is not None
    board.select_id(other)
    board.table.setFocus()
    gui_window.activateWindow()  # the offscreen platform does not give it back when a dialog closes
    qtbot.waitUntil(lambda: QApplication.activeWindow() is gui_window)
    qtbot.keyClick(board.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    asked = gui_window.record_menu.done_dialog
    assert isinstance(asked, DoneDialog)
    asked.accept()
    assert get_followup(gui_demo_db, other).data.done_on == date.today()
    qtbot.waitUntil(lambda: board.model.loaded and other not in board.model.ids())


def test_mark_done_goes_through_the_given_callable(qtbot: Any, gui_demo_db: Database) -> None:
    from organizer.gui.board import FollowUpsTab

    calls: list[tuple[int, date, str]] = []
    board = FollowUpsTab(gui_demo_db, mark_done=lambda *args: calls.append(args))
    qtbot.addWidget(board)
    board.reload()
    qtbot.waitUntil(lambda: board.model.loaded)
    board.select_first()
    dialog = board.mark_selected_done()
    assert dialog is not None and calls == []
    dialog.day.setText("2025-03-11")
    dialog.note.setPlainText("phoned")
    dialog.accept()
    assert calls == [(board.current_id(), date(2025, 3, 11), "phoned")]


# --- import and export ---------------------------------------------------------------------------


def test_export_then_import_with_progress(qtbot: Any, gui_window: MainWindow, tmp_path: Path,
                                          gui_wait: Any) -> None:
    target = tmp_path / "out.json"
    messages: list[tuple[str, bool]] = []
    gui_window.archive.finished.connect(lambda text, changed: messages.append((text, changed)))
    gui_window.archive.start_export(target)
    qtbot.waitUntil(lambda: bool(messages), timeout=20_000)
    assert messages[0][0].startswith("Exported") and json.loads(target.read_text())["people"]

    other = open_database(sqlite_url(tmp_path / "empty.sqlite"))
    window = MainWindow(other)
    qtbot.addWidget(window)
    gui_wait(window)
    assert window.people_tab.model.rowCount() == 0
    done: list[tuple[str, bool]] = []
    window.archive.finished.connect(lambda text, changed: done.append((text, changed)))
    progress: list[int] = []
    task = window.archive.start_import(target)
    task.on_progress = (lambda d, _t, _s, old=task.on_progress: (progress.append(d), old and old(d, _t, _s)))
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    assert done[0][1] is True and "records added" in done[0][0]
    gui_wait(window)
    assert window.people_tab.model.rowCount() == 6
    assert progress and progress[-1] >= 6
    window.close()
    other.close()


def test_a_bad_archive_gives_one_clear_message_and_changes_nothing(qtbot: Any, gui_window: MainWindow,
                                                                   tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "organizer-archive", "version": 1, "people": [{"uid": 5}]}')
    problems: list[str] = []
    gui_window.archive.show_problem = problems.append
    done: list[tuple[str, bool]] = []
    gui_window.archive.finished.connect(lambda text, changed: done.append((text, changed)))
    gui_window.archive.start_import(bad)
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    assert len(problems) == 1 and "uid" in problems[0] and done[0][1] is False
    assert gui_window.counts["person"] == 6


def test_quick_open_finds_any_spelling_of_a_name(qtbot: Any, gui_window: MainWindow, gui_demo_db: Database) -> None:
    field = gui_window.quick_open
    field.setFocus()
    with qtbot.waitSignal(field.results_shown, timeout=20_000):
        qtbot.keyClicks(field, "Korschikow")  # German spelling: the search service's name keys
    assert field.hits()[0] == ("person", _person_id(gui_demo_db, "Evgeny Korzhikov"))
    field.setText("Minnihanov")
    with qtbot.waitSignal(field.results_shown, timeout=20_000):
        field.search_now()
    assert field.hits()[0] == ("person", _person_id(gui_demo_db, "Rifkat Minnikhanov"))
