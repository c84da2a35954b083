"""Editors are freed as soon as they are dropped, never left for the garbage collector.

An editor whose field kept a callable over the dialog (a column's ``lambda: self._people``, a
``search=self._find_people``) sat in a reference cycle through its Qt-owned children. When Python's
garbage collector broke such a cycle later, at whatever moment a collection happened to run, PySide6
deleted the widgets in an order Qt does not survive: the whole process died with "Fatal Python error:
Segmentation fault ... Garbage-collecting" (seen in test_every_editor_shows_a_stored_record_exactly,
during an unrelated save, once the audit trail changed when collections ran).
"""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from organizer.domain.enums import RecordKind
from organizer.domain.records import AgreementData, FollowUpData, SignatoryData
from organizer.gui.editors.menu import EDITORS
from organizer.gui.undo import RecordActions
from organizer.services import agreements, followups, meetings, visits
from organizer.store.database import Database


def _one_record_of_each_kind(db: Database) -> dict[RecordKind, int]:
    vid = visits.list_visits(db)[0].id
    detail = visits.get_visit(db, vid)
    signer = detail.participants[0].person_id
    institution = detail.institutions[0].institution_id
    agreement = agreements.create_agreement(db, AgreementData(
        "Memorandum", party_ids=(institution,), signatories=(SignatoryData(signer, institution),), visit_id=vid))
    followup = followups.create_followup(db, FollowUpData("Write", visit_id=vid, owner_person_id=signer))
    return {RecordKind.PERSON: signer, RecordKind.INSTITUTION: institution, RecordKind.VISIT: vid,
            RecordKind.MEETING: meetings.list_meetings(db, vid)[0].id, RecordKind.FOLLOWUP: followup.id,
            RecordKind.AGREEMENT: agreement.id}


@pytest.fixture
def _no_automatic_collection() -> Iterator[None]:
    """Only reference counting frees objects during the test (a collection would hide a cycle)."""
    gc.collect()
    gc.disable()
    yield
    gc.enable()


@pytest.mark.usefixtures("_no_automatic_collection")
def test_every_editor_is_freed_when_dropped_without_the_garbage_collector(qtbot: QtBot,
                                                                           gui_demo_db: Database) -> None:
    actions = RecordActions(gui_demo_db)
    in_cycles = []
    for kind, ident in _one_record_of_each_kind(gui_demo_db).items():
        for opened in (ident, None):
            editor = EDITORS[kind](actions, opened)
            if opened is not None:
                assert editor.save(), kind
            alive = weakref.ref(editor)
            del editor
            if alive() is not None:
                in_cycles.append((kind.value, "existing" if opened else "new"))
                alive().deleteLater()  # type: ignore[union-attr]
    assert in_cycles == [], "editors kept alive by a reference cycle (freed only by the garbage collector)"


def test_collecting_garbage_after_every_editor_does_not_crash(tmp_path: Path) -> None:
    """The crash itself, in a child process: open and save every editor, drop it, collect garbage."""
    script = textwrap.dedent(f"""
        import faulthandler, gc, os, sys
        faulthandler.enable()
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from test_editor_lifetime import _one_record_of_each_kind
        from organizer.gui.editors.menu import EDITORS
        from organizer.gui.undo import RecordActions
        from organizer.services.demo import load_demo
        from organizer.store import open_database, sqlite_url
        db = open_database(sqlite_url({str(tmp_path / "t.sqlite")!r}))
        load_demo(db)
        actions = RecordActions(db)
        for kind, ident in _one_record_of_each_kind(db).items():
            for opened in (ident, None):
                editor = EDITORS[kind](actions, opened)
                if opened is not None:
                    assert editor.save(), kind
                del editor
                gc.collect()
        db.close()
        print("all collected")
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "all collected" in done.stdout


@pytest.mark.parametrize("choice", ["cancel", "keep_mine", "keep_theirs", "merge"])
@pytest.mark.usefixtures("_no_automatic_collection")
def test_an_editor_that_went_through_the_conflict_dialog_is_freed_without_the_garbage_collector(
        qtbot: QtBot, gui_demo_db: Database, choice: str) -> None:
    """The conflict dialog's answer reached the editor through a closure over both: the pair was freed
    only by the garbage collector (the pattern behind the earlier segfault)."""
    from dataclasses import replace

    from PySide6.QtWidgets import QDialog

    from organizer.services import people

    actions = RecordActions(gui_demo_db)
    pid = people.list_people(gui_demo_db)[0].id
    editor = EDITORS[RecordKind.PERSON](actions, pid)
    stored = people.get_person(gui_demo_db, pid)
    people.update_person(gui_demo_db, pid, replace(stored.data, notes="Theirs"), stored.meta.version)
    editor.notes.setPlainText("Mine")  # type: ignore[attr-defined]
    assert not editor.save()
    box = editor.conflict_box
    assert box is not None
    if choice == "cancel":
        box.done(QDialog.DialogCode.Rejected)
    else:
        getattr(box, f"{choice}_button").click()
    del box
    alive = weakref.ref(editor)
    del editor
    assert alive() is None, f"the editor stayed alive after '{choice}' in the conflict dialog"


@pytest.mark.usefixtures("_no_automatic_collection")
def test_record_actions_with_commands_on_their_stack_are_freed_without_the_garbage_collector(
        qtbot: QtBot, gui_demo_db: Database) -> None:
    """Every command held its RecordActions, whose stack owns the commands: a cycle the garbage collector
    broke later, crashing the process (after test_files_are_attached_opened_removed_and_undone)."""
    kinds = _one_record_of_each_kind(gui_demo_db)
    actions = RecordActions(gui_demo_db)
    row = actions.attach(RecordKind.PERSON, kinds[RecordKind.PERSON], "a.txt", b"text", "text/plain")
    actions.detach(RecordKind.PERSON, kinds[RecordKind.PERSON], row)
    assert actions.stack.count() == 2
    alive = weakref.ref(actions)
    del actions
    assert alive() is None, "RecordActions kept alive by its commands (freed only by the garbage collector)"
