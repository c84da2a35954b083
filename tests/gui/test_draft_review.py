"""File > New visit from text (issue 21, scopes 1 and 3): a report opened in the app is drafted on a worker, then
reviewed: each proposal listed with what importing it does, its source sentence highlighted; dropping, editing
and merging change only the draft; Import writes exactly what was accepted, Cancel writes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt

from organizer.domain.enums import RecordKind
from organizer.gui.draft_review import DraftReviewDialog
from organizer.gui.draft_text import DraftTextDialog
from organizer.services import browse, people, visits
from organizer.store import Database
from tests.gui.keys import Keys

pytestmark = pytest.mark.usefixtures("gui_close_dialogs_left_open")

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"
ARTICLE = REPORTS / "visit-article.txt"
ARTICLE_RU = REPORTS / "visit-article-ru.txt"


def snapshot(db: Database) -> tuple[Any, ...]:
    """Every count, every person's data and every visit's data: what Cancel must leave as it was."""
    return (browse.record_counts(db), [d.data for d in people.iter_people_details(db)],
            [visits.get_visit(db, v.id).data for v in visits.list_visits(db)])


def drafted_in(qtbot: Any, window: Any, path: Path) -> DraftReviewDialog:
    """File > New visit from text, the report opened from its file, Draft: the review it opens."""
    shown: list[DraftReviewDialog] = []
    window.drafts.show_review = lambda dialog: (shown.append(dialog), dialog.show())
    window.draft_action.trigger()
    text_dialog = window.drafts.text_dialog
    assert isinstance(text_dialog, DraftTextDialog) and text_dialog.isVisible()
    text_dialog.open_file_name = lambda: str(path)
    text_dialog.activateWindow()
    qtbot.waitUntil(text_dialog.isActiveWindow)  # shortcuts reach the active window only
    qtbot.keyClick(text_dialog.text, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert "Kazan" in text_dialog.text.toPlainText() or "Казан" in text_dialog.text.toPlainText()
    qtbot.keyClick(text_dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(shown), timeout=60_000)
    assert not shiboken6.isValid(text_dialog) or not text_dialog.isVisible()  # closed, then deleted
    review = shown[0]
    review.activateWindow()
    qtbot.waitUntil(review.isActiveWindow)
    return review


def children(dialog: DraftReviewDialog, section: str) -> list[Any]:
    return [item for key, item in dialog.items.items() if key[0] == section]


def test_the_article_lists_six_people_matched_and_imports_what_was_reviewed(qtbot: Any, gui_window: Any,
                                                                           gui_demo_db: Database) -> None:
    db = gui_demo_db
    before = snapshot(db)
    dialog = drafted_in(qtbot, gui_window, ARTICLE)
    rows = children(dialog, "people")
    assert [r.text(0).split(",")[0] for r in rows] == [
        "Evgeny Korzhikov", "Abduhomid Salomov", "D. Pashin", "Mikhail Varfolomeyev", "Ilnur Khairullin",
        "Rifkat Minnikhanov"]
    assert all(r.text(1).startswith("existing: ") for r in rows)
    assert len(children(dialog, "institutions")) == 6 and len(children(dialog, "meetings")) == 4
    assert len(children(dialog, "followups")) == 3 and children(dialog, "topics")
    assert snapshot(db) == before  # nothing written by drafting

    # Korzhikov: the stored person pre-selected in the merge picker, his sentence highlighted
    dialog.tree.setFocus()
    dialog.tree.setCurrentItem(rows[0])
    korzhikov = dialog.draft.people[0].existing_id
    assert dialog.forms.person_merge.value() == korzhikov
    assert dialog.forms.person_name.text() == "Evgeny Korzhikov"
    assert "background-color:#ffe066" in dialog.forms.source.toHtml()
    assert "Evgeny Korzhikov" in dialog.forms.source.toPlainText()

    # Minnikhanov dropped by keyboard (Space on his row), Korzhikov's title edited by typing
    dialog.tree.setCurrentItem(rows[5])
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Space)
    assert ("people", 5) in dialog.dropped and rows[5].text(1) == "dropped"
    dialog.tree.setCurrentItem(rows[0])
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Tab)  # Tab from the list reaches the proposal's fields
    assert dialog.focusWidget() is dialog.forms.person_name
    qtbot.keyClick(dialog.forms.person_name, Qt.Key.Key_Tab)
    title = dialog.forms.person_title
    assert dialog.focusWidget() is title
    title.selectAll()
    qtbot.keyClicks(title, "Chief Adviser to the Chairman")
    assert rows[0].text(0) == 'Evgeny Korzhikov, Chief Adviser to the Chairman, JSC "Uzkhimyosanoat"'

    visit_id = dialog.draft.visit.existing_id
    assert visit_id is not None  # the demo holds this visit: its people, meetings and follow-ups
    # the topics the stored visit lacks would be added to it: dropped here (Delete on their rows)
    topics = {item.text(0): item for item in children(dialog, "topics")}
    assert topics["petrochemicals"].text(1) == "on the visit already"
    for item in topics.values():
        if item.text(1) == "new topic of the visit":
            dialog.tree.setCurrentItem(item)
            qtbot.keyClick(dialog.tree, Qt.Key.Key_Delete)
            assert item.text(1) == "dropped"
    minnikhanov = dialog.draft.people[5].existing_id
    held_before = {p.person_id for p in visits.get_visit(db, visit_id).data.participants}
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    written = dialog.written
    assert written is not None and written.visit_id == visit_id
    assert written.created == {**dict.fromkeys(written.created, 0), "position": 1}  # exactly the new title
    counts = browse.record_counts(db)
    assert counts == before[0]
    positions = people.get_person(db, korzhikov).data.positions
    assert [p.title for p in positions if p.title == "Chief Adviser to the Chairman"] == [
        "Chief Adviser to the Chairman"]
    assert minnikhanov in held_before  # dropped: the visit keeps what it had, nothing of his changed
    assert people.get_person(db, minnikhanov).data == next(
        d for d in before[1] if d.family_name == "Minnikhanov")
    assert gui_window.statusBar().currentMessage().startswith("Visit imported from the text: 1 records created")
    # the visit opens in its tab
    qtbot.waitUntil(lambda: gui_window.tabs.currentWidget() is gui_window.visits_tab
                    and gui_window.visits_tab.current_id() == visit_id)


def test_cancel_writes_nothing_and_asks_before_discarding_edits(qtbot: Any, gui_window: Any,
                                                               gui_demo_db: Database) -> None:
    before = snapshot(gui_demo_db)
    dialog = drafted_in(qtbot, gui_window, ARTICLE)
    asked: list[bool] = []
    dialog.ask_discard = lambda: (asked.append(True), len(asked) > 1)[1]
    dialog.set_dropped("people", 2)
    dialog.set_dropped("institutions", 0)
    dialog.tree.setCurrentItem(children(dialog, "followups")[0])
    dialog.forms.followup_text.setFocus()
    qtbot.keyClicks(dialog.forms.followup_text, " within a year")
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Escape)
    assert asked == [True] and dialog.isVisible()  # the first answer keeps the review open
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert len(asked) == 2 and dialog.written is None
    assert snapshot(gui_demo_db) == before
    assert "nothing was changed" in gui_window.statusBar().currentMessage()


def test_a_russian_report_merges_a_person_the_search_missed(qtbot: Any, gui_window: Any,
                                                           gui_demo_db: Database) -> None:
    db = gui_demo_db
    before = browse.record_counts(db)
    dialog = drafted_in(qtbot, gui_window, ARTICLE_RU)
    rows = children(dialog, "people")
    assert [r.text(0).split(",")[0] for r in rows][:2] == ["Евгений Коржиков", "Абдухомид Саломов"]
    assert rows[0].text(1).startswith("existing: Evgeny Korzhikov")
    n, row = next((n, r) for n, r in enumerate(rows) if "Пашин" in r.text(0))
    dialog.tree.setCurrentItem(row)
    assert "Пашин" in dialog.forms.source.toPlainText()
    picker = dialog.forms.person_merge
    picker.setFocus()
    picker.clear()  # (the demo's "D. Pashin" was not found for "Дмитрий Пашин": the picker is empty already)
    assert row.text(1) == "new person" and dialog.draft.people[n].existing_id is None
    keys = Keys()
    keys.type("Пашин")  # typed in Cyrillic: the spelling-insensitive search finds the stored D. Pashin
    assert picker.model.data(picker.model.index(0, 0)).startswith("D. Pashin")
    keys.enter()
    pashin = picker.value()
    assert pashin is not None and row.text(1).startswith("existing: D. Pashin")
    title = dialog.draft.people[n].title
    new_institutions = [n for n, i in enumerate(dialog.draft.institutions) if i.existing_id is None]
    for n in new_institutions:  # the institute the matching did not find is dropped, not created
        dialog.set_dropped("institutions", n)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.written is not None
    assert browse.record_counts(db)["person"] == before["person"]
    assert browse.record_counts(db)["institution"] == before["institution"]
    titles = [p.title for p in people.get_person(db, pashin).data.positions]
    assert title and title in titles  # his title in the report became a position of the stored D. Pashin


def test_a_text_without_people_says_so_and_keeps_the_text(qtbot: Any, gui_window: Any) -> None:
    window = gui_window
    window.drafts.show_review = lambda dialog: pytest.fail("no review for an empty draft")
    window.draft_action.trigger()
    text_dialog = window.drafts.text_dialog
    assert text_dialog is not None
    text_dialog.activateWindow()
    qtbot.waitUntil(text_dialog.isActiveWindow)
    qtbot.keyClick(text_dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "Paste the report's text first" in text_dialog.problem.text()
    text_dialog.text.setPlainText("the weather was fine and nothing happened")
    text_dialog.draft_button.click()
    qtbot.waitUntil(lambda: "nothing to draft" in text_dialog.problem.text(), timeout=30_000)
    assert text_dialog.isVisible() and text_dialog.text.toPlainText().startswith("the weather")


def test_the_menu_names_the_shortcut(gui_window: Any) -> None:
    action = gui_window.draft_action
    assert action.shortcut().toString() == "Ctrl+Shift+T"
    assert action in gui_window.menuBar().actions()[0].menu().actions()
    assert RecordKind.VISIT.value == "visit"


def test_cancelling_the_drafting_keeps_the_text_and_shows_no_review(qtbot: Any, gui_window: Any) -> None:
    window = gui_window
    shown: list[Any] = []
    window.drafts.show_review = shown.append
    window.draft_action.trigger()
    text_dialog = window.drafts.text_dialog
    text_dialog.text.setPlainText(ARTICLE_RU.read_text(encoding="utf-8"))
    text_dialog.draft_button.click()
    task, progress = window.drafts.task, window.drafts.dialog
    assert task is not None and progress is not None
    said: list[str] = []
    window.statusBar().messageChanged.connect(lambda text: said.append(text) if text else None)
    progress.canceled.emit()  # the progress dialog's Cancel button (or Esc on it)
    assert task.cancelled
    # said at once; the status bar shows it for 10 s, and the worker may take longer to notice the cancel
    assert window.statusBar().currentMessage() == "Cancelled: nothing was changed."
    qtbot.waitUntil(lambda: not task.running and window.runner.is_idle(), timeout=60_000)
    assert shown == [] and text_dialog.isVisible()
    assert text_dialog.text.toPlainText().startswith("Делегация")
    assert said == ["Cancelled: nothing was changed."], "nothing else was said when the worker stopped"


def test_emptying_the_visit_picker_makes_a_new_visit_and_meetings_merge_by_hand(qtbot: Any, gui_window: Any,
                                                                      gui_demo_db: Database) -> None:
    dialog = drafted_in(qtbot, gui_window, ARTICLE)
    dialog.tree.setCurrentItem(dialog.items[("visit", 0)])
    picker = dialog.forms.visit_merge
    assert dialog.draft.visit.existing_id is not None and picker.value() == dialog.draft.visit.existing_id
    picker.clear()  # its clear button
    assert dialog.draft.visit.existing_id is None and dialog.items[("visit", 0)].text(1) == "new visit"
    assert {item.text(1) for item in children(dialog, "meetings")} == {"new meeting"}
    # the first meeting merged by hand with the stored laboratory tour (typed, Enter on the best match)
    dialog.tree.setCurrentItem(dialog.items[("meetings", 0)])
    meeting_picker = dialog.forms.meeting_merge
    assert meeting_picker.value() is None
    meeting_picker.setFocus()
    Keys().type("Tour of the laboratories")
    Keys().enter()
    assert meeting_picker.value() is not None
    assert dialog.items[("meetings", 0)].text(1).startswith("existing: Tour of the laboratories")
    dialog.tree.setCurrentItem(dialog.items[("visit", 0)])
    dialog.forms.visit_start.setFocus()
    qtbot.keyClicks(dialog.forms.visit_start, "11 March")
    dialog.accept()
    assert dialog.isVisible() and "A date is not a date" in dialog.summary.text()
    dialog.forms.visit_start.setText("")
    qtbot.keyClicks(dialog.forms.visit_start, "2025-03-11")
    before = browse.record_counts(gui_demo_db)
    dialog.accept()
    assert not dialog.isVisible() and dialog.written is not None
    after = browse.record_counts(gui_demo_db)
    assert (after["visit"], after["meeting"], after["person"]) == (before["visit"] + 1, before["meeting"] + 3,
                                                                  before["person"])
    assert str(visits.get_visit(gui_demo_db, dialog.written.visit_id).data.start_date) == "2025-03-11"
