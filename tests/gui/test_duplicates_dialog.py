"""Tools > Find duplicates…: the pairs come from the service on a worker, both records side by side,
Merge through the undo stack (undo unmerges with the same ids and uids, redo merges again), Skip."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from organizer.domain.errors import NotFoundError
from organizer.domain.records import NameVariant, PersonData
from organizer.domain.search import DuplicateCandidate
from organizer.gui.duplicates import FETCH, DuplicatesDialog, PairsModel, reason_text
from organizer.gui.i18n import install_language
from organizer.gui.tasks import TaskRunner
from organizer.gui.undo import RecordActions
from organizer.services import people
from organizer.store import Database


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()


def _korzhikov(db: Database) -> int:
    return next(p.id for p in people.list_people(db) if p.full_name == "Evgeny Korzhikov")


def _open(qtbot: Any, db: Database, runner: TaskRunner, actions: RecordActions) -> DuplicatesDialog:
    dialog = DuplicatesDialog(db, actions, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.searching, timeout=20_000)
    return dialog


def test_a_duplicate_is_found_compared_merged_undone_and_redone(qtbot: Any, qtmodeltester: Any,
                                                                gui_demo_db: Database, runner: TaskRunner) -> None:
    db = gui_demo_db
    original = _korzhikov(db)
    twin = people.create_person(db, PersonData(given_name="Евгений", family_name="Коржиков",
                                               name_variants=(NameVariant("Korjikov Evgeniy", "Latn", "uz"),),
                                               dietary_needs="Halal")).meta
    actions = RecordActions(db)
    dialog = _open(qtbot, db, runner, actions)
    qtmodeltester.check(dialog.model)
    assert "likely duplicate" in dialog.status.text()
    rows = [dialog.model.pair(r) for r in range(dialog.model.rowCount())]
    row = next(i for i, p in enumerate(rows) if p is not None and {p.first_id, p.second_id} == {original, twin.id})
    dialog.view.selectRow(row)
    pair = dialog.current()
    assert pair is not None and pair.kind == "person"
    shown = dialog.left.toPlainText() + dialog.right.toPlainText()
    # the English window shows the twin (entered in Cyrillic) by its Latin variant (issue 18)
    assert "Evgeny Korzhikov" in shown and "Korjikov Evgeniy" in shown
    assert "same name in another spelling or script" in dialog.model.index(row, 4).data()

    keep_first = pair.first_id == original
    qtbot.mouseClick(dialog.keep_left if keep_first else dialog.keep_right, Qt.MouseButton.LeftButton)
    with pytest.raises(NotFoundError):
        people.get_person(db, twin.id)
    kept = people.get_person(db, original)
    assert kept.data.dietary_needs == "Halal", "an empty field of the kept record is filled from the other"
    assert all(twin.id not in (p.first_id, p.second_id) for p in
               (dialog.model.pair(r) for r in range(dialog.model.rowCount())) if p is not None)
    assert actions.stack.count() == 1 and "Merge" in actions.stack.undoText()

    actions.stack.undo()
    back = people.get_person(db, twin.id)
    assert (back.meta.id, back.meta.uid) == (twin.id, twin.uid)
    assert people.get_person(db, original).data.dietary_needs == ""
    actions.stack.redo()
    with pytest.raises(NotFoundError):
        people.get_person(db, twin.id)
    actions.stack.undo()
    assert people.get_person(db, twin.id).meta.uid == twin.uid


def test_skip_hides_a_pair_and_the_buttons_follow_the_selection(qtbot: Any, gui_demo_db: Database,
                                                                runner: TaskRunner) -> None:
    people.create_person(gui_demo_db, PersonData(given_name="Евгений", family_name="Коржиков"))
    dialog = _open(qtbot, gui_demo_db, runner, RecordActions(gui_demo_db))
    before = dialog.model.total()
    assert before >= 1 and dialog.keep_left.isEnabled()
    qtbot.mouseClick(dialog.skip, Qt.MouseButton.LeftButton)
    assert dialog.model.total() == before - 1
    if dialog.model.total() == 0:
        assert not dialog.keep_left.isEnabled() and "No likely duplicates" in dialog.status.text()


def test_an_empty_database_says_no_duplicates(qtbot: Any, gui_db: Database, runner: TaskRunner) -> None:
    dialog = _open(qtbot, gui_db, runner, RecordActions(gui_db))
    assert dialog.model.rowCount() == 0 and "No likely duplicates" in dialog.status.text()
    assert not dialog.keep_left.isEnabled() and not dialog.skip.isEnabled()


def test_pairs_reach_the_view_a_hundred_at_a_time(qtmodeltester: Any, qapp: QApplication) -> None:
    model = PairsModel()
    model.set_pairs([DuplicateCandidate("person", i, i + 1, f"A{i}", f"B{i}", ("same e-mail a@b.uz",), 60.0)
                     for i in range(FETCH * 2 + 5)])
    assert model.rowCount() == FETCH and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == FETCH * 2
    qtmodeltester.check(model)  # the tester fetches the rest
    assert model.rowCount() == FETCH * 2 + 5 and not model.canFetchMore(QModelIndex())
    model.drop(lambda p: p.first_id % 2 == 0)
    assert model.rowCount() == model.total() == FETCH + 3
    qtmodeltester.check(model)


def test_reasons_are_shown_in_russian(qapp: QApplication) -> None:
    install_language(qapp, "ru")
    try:
        assert reason_text("same e-mail a@b.uz") == "тот же e-mail a@b.uz"
        assert reason_text("same name in another spelling or script") == "то же имя в другом написании или алфавите"
        assert reason_text("something new") == "something new"
    finally:
        install_language(qapp, "en")


def test_tools_menu_opens_the_dialog_on_the_windows_undo_stack(qtbot: Any, gui_window: Any) -> None:
    gui_window.duplicates_action.trigger()
    dialog = gui_window.duplicates_dialog
    assert dialog.isVisible() and dialog.records is gui_window.records
    qtbot.waitUntil(lambda: not dialog.searching, timeout=20_000)
    dialog.close()


def test_a_pair_read_while_another_was_chosen_does_not_replace_it(qtbot: Any, gui_demo_db: Database,
                                                                 runner: TaskRunner) -> None:
    """The panes are read on a worker while the window waits in a local event loop; a pair chosen during
    that wait (the list refilled by a search that ended then, say) is shown, and the read it overtook,
    finishing after it, is dropped (it used to replace the newer pair's panes)."""
    import threading

    from PySide6.QtCore import QTimer

    from organizer.gui.panes import DetailBrowser

    for given, family in (("Евгений", "Коржиков"), ("Ильнур", "Хайруллин")):
        people.create_person(gui_demo_db, PersonData(given_name=given, family_name=family))
    dialog = _open(qtbot, gui_demo_db, runner, RecordActions(gui_demo_db))
    assert dialog.model.rowCount() >= 2
    first, second = dialog.model.pair(0), dialog.model.pair(1)
    assert first is not None and second is not None
    gate = threading.Event()
    real = dialog._html

    def held(kind: Any, ident: int) -> str:
        if ident == first.first_id and not gate.is_set():
            gate.wait(30)  # the first pair's read is still on its way ...
        return real(kind, ident)

    def choose_the_second() -> None:
        dialog.view.selectRow(1)  # ... when the second pair is chosen and shown
        gate.set()

    dialog._html = held  # type: ignore[method-assign]
    dialog.view.clearSelection()
    QTimer.singleShot(0, choose_the_second)
    dialog.view.selectRow(0)
    assert dialog.current() == second
    expected = DetailBrowser()
    expected.setHtml(real(second.kind, second.first_id))
    assert dialog.left.toPlainText() == expected.toPlainText()
