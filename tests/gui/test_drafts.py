"""Nothing typed is lost to a crash (issue 17, scope 1): an editor's form is kept on disk as a draft a
moment after the last change; a window killed with SIGKILL leaves its drafts, the next start offers them
back, and Restore reopens each editor with every field as typed (long notes, table rows, a date typed
halfway, a photo). Saving or discarding an edit removes its draft; a running window's drafts are never
offered to another."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from organizer.domain.enums import MeetingKind, RecordKind
from organizer.gui.drafts_offer import DraftsOffer
from organizer.gui.editors.base import EditorDialog
from organizer.gui.editors.person import PersonEditor
from organizer.gui.editors.records import MeetingEditor, VisitEditor
from organizer.gui.main_window import MainWindow
from organizer.services import drafts, meetings, people, visits
from organizer.services.demo import load_demo
from organizer.store.database import Database, open_database, sqlite_url
from tests.gui import draft_typist as typed

pytestmark = pytest.mark.usefixtures("gui_close_dialogs_left_open")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    db = open_database(sqlite_url(path))
    load_demo(db)
    db.close()
    return path


def _type_and_kill(db_file: Path, tmp_path: Path) -> int:
    """Run the typist window in a subprocess until its drafts are written, then SIGKILL it; its pid."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ORGANIZER_DRAFTS": os.environ["ORGANIZER_DRAFTS"],
           "ORGANIZER_SETTINGS": str(tmp_path / "typist.ini"),
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, str(Path(typed.__file__)), str(db_file)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == "READY", proc.stderr.read() if proc.stderr else ""
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    return proc.pid


_START_SCRIPT = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from organizer.gui.app import application, run_gui
from organizer.gui.drafts_offer import DraftsOffer
from organizer.store import open_database

waited = [0]

def report_and_quit():  # once the offer is shown (or after 30 s)
    offers = [w for w in QApplication.topLevelWidgets() if isinstance(w, DraftsOffer) and w.isVisible()]
    waited[0] += 1
    if not offers and waited[0] < 150:
        QTimer.singleShot(200, report_and_quit)
        return
    print(json.dumps([offer.list.item(i).text() for offer in offers for i in range(offer.list.count())]))
    QApplication.instance().exit(3)

application(sys.argv)  # before the timer: a timer needs the application's event dispatcher
QTimer.singleShot(200, report_and_quit)
sys.exit(run_gui(open_database(sys.argv[1]), sys.argv))
"""


def _offered_at_start(db_file: Path, tmp_path: Path) -> list[str]:
    """What the application started on ``db_file`` (``run_gui``, in a subprocess) offers back."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ORGANIZER_SETTINGS": str(tmp_path / "start.ini"),
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", _START_SCRIPT, sqlite_url(db_file)], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 3, done.stderr[-2000:]
    offered: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return offered


def _window(qtbot: Any, db: Database) -> MainWindow:
    win = MainWindow(db, remember_state=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_a_killed_windows_drafts_are_offered_back_and_restore_every_field(qtbot: Any, tmp_path: Path,
                                                                         demo_file: Path) -> None:
    killed = _type_and_kill(demo_file, tmp_path)
    offered = _offered_at_start(demo_file, tmp_path)  # the next start of the application offers them
    assert len(offered) == 3 and any(text.startswith("Edit visit: ") for text in offered), offered
    db = open_database(sqlite_url(demo_file))
    try:
        meetings_before = len(meetings.list_meetings(db))
        visit_before = visits.get_visit(db, typed.demo_visit(db))
        left = drafts.left_drafts(db)
        assert sorted(d.kind for d in left) == sorted([RecordKind.MEETING, RecordKind.VISIT, RecordKind.PERSON])
        assert {d.pid for d in left} == {killed}
        win = _window(qtbot, db)
        offer = win.offer_drafts()
        assert isinstance(offer, DraftsOffer) and offer.isVisible() and offer.list.count() == 3
        assert any("Edit visit" in offer.list.item(i).text() for i in range(3))
        qtbot.mouseClick(offer.restore_button, Qt.MouseButton.LeftButton)
        editors = {type(e): e for e in win.record_menu.open_editors()}
        assert set(editors) == {MeetingEditor, VisitEditor, PersonEditor}

        meeting: Any = editors[MeetingEditor]
        ids = typed.people_ids(db)
        assert meeting.ident is None
        assert meeting.title.text() == typed.MEETING_TITLE
        assert meeting.kind_field.value() == MeetingKind.LAB_TOUR
        assert meeting.visit.value() == typed.demo_visit(db)
        assert meeting.starts_at.text() == typed.MEETING_STARTS
        assert meeting.ends_at.text() == typed.MEETING_ENDS, "a time typed halfway comes back as typed"
        assert meeting.room.text() == typed.MEETING_ROOM and meeting.topics.text() == typed.MEETING_TOPICS
        assert [(r["person_id"], r["side"], r["role"]) for r in meeting.participants.value()] == \
            typed.meeting_participants(ids)
        assert meeting.participants.model.index(0, 0).data().startswith("Evgeny Korzhikov")
        assert meeting.notes.toPlainText() == typed.MEETING_NOTES and len(typed.MEETING_NOTES) > 4000
        assert meeting.outcomes.toPlainText() == typed.OUTCOMES

        visit: Any = editors[VisitEditor]
        assert visit.ident == visit_before.meta.id
        assert visit.summary.toPlainText() == typed.VISIT_SUMMARY
        kept = [p.person_id for p in sorted(visit_before.data.participants,
                                           key=lambda p: (p.side.value != "guest", p.precedence or 10**6))][1:]
        assert [r["person_id"] for r in visit.participants.value()] == kept
        assert visit.title.text() == visit_before.data.title

        person: Any = editors[PersonEditor]
        assert (person.given_name.text(), person.family_name.text()) == (typed.PERSON_GIVEN, typed.PERSON_FAMILY)
        assert [r["title"] for r in person.positions.value()] == [typed.PERSON_POSITION]
        assert person._photo_changed and person.photo and person.photo[:2] == b"\xff\xd8"

        # Restoring wrote nothing to the database; the killed process's files are gone, each editor
        # keeps a draft of its own now.
        assert len(meetings.list_meetings(db)) == meetings_before
        assert visits.get_visit(db, visit_before.meta.id).meta.version == visit_before.meta.version
        assert not any(d.path.exists() for d in left)
        assert all(e.draft_path is not None and e.draft_path.exists() for e in editors.values())
        assert drafts.left_drafts(db) == [], "a running window's drafts are not offered"
        # The restored form saves as typed once finished.
        meeting.ends_at.setText("11.03.2025 11:30")
        assert meeting.save()
        stored = next(m for m in meetings.list_meetings(db) if m.title == typed.MEETING_TITLE)
        assert meetings.get_meeting(db, stored.id).data.notes == typed.MEETING_NOTES
        win.close()
    finally:
        db.close()


def test_saving_or_discarding_removes_the_draft(qtbot: Any, gui_demo_db: Database,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    win = _window(qtbot, gui_demo_db)
    pid = next(r.id for r in people.list_people(gui_demo_db) if "Korzhikov" in r.full_name)
    editor: Any = win.record_menu.open_editor(RecordKind.PERSON, pid)
    editor.notes.setPlainText("kept as a draft")
    qtbot.waitUntil(lambda: editor.draft_path is not None and editor.draft_path.exists(), timeout=20_000)
    path = editor.draft_path
    assert drafts.read_draft(path).fields["notes"] == "kept as a draft"
    editor.notes.setPlainText(people.get_person(gui_demo_db, pid).data.notes)  # typed back: no changes
    editor.keep_draft()
    assert not path.exists() and editor.draft_path is None
    editor.notes.setPlainText("saved now")
    editor.keep_draft()
    path = editor.draft_path
    assert path is not None and path.exists()
    assert editor.save() and not path.exists()
    monkeypatch.setattr(EditorDialog, "ask_keep_changes", lambda _e: QMessageBox.StandardButton.Discard)
    again: Any = win.record_menu.open_editor(RecordKind.PERSON, pid)
    again.notes.setPlainText("thrown away")
    again.keep_draft()
    path = again.draft_path
    assert path is not None and path.exists()
    qtbot.keyClick(again, Qt.Key.Key_Escape)
    assert not again.isVisible() and not path.exists()
    win.close()


def test_later_keeps_the_drafts_and_discard_removes_them(qtbot: Any, gui_demo_db: Database,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    dead = 2**22 + 12345  # no such process
    folder = drafts.drafts_folder(gui_demo_db)
    folder.mkdir(parents=True)
    paths = []
    for serial in (1, 2):
        path = folder / f"meeting-new.{dead}-{serial}.json"
        drafts.save_draft(gui_demo_db, path, RecordKind.MEETING, None, "New meeting", {"title": f"T{serial}"},
                          {"title": ""})
        paths.append(path)
    (folder / f"meeting-new.{dead}-3.json").write_bytes(b"{not json")  # unreadable: never offered or removed
    assert len(drafts.left_drafts(gui_demo_db)) == 2
    win = _window(qtbot, gui_demo_db)
    offer = win.offer_drafts()
    assert isinstance(offer, DraftsOffer)
    qtbot.mouseClick(offer.later_button, Qt.MouseButton.LeftButton)
    assert all(p.exists() for p in paths) and win.record_menu.open_editors() == []
    offer = win.offer_drafts()
    assert isinstance(offer, DraftsOffer)
    offer.list.item(1).setCheckState(Qt.CheckState.Unchecked)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Discard)
    qtbot.mouseClick(offer.discard_button, Qt.MouseButton.LeftButton)
    assert not paths[0].exists() and paths[1].exists()
    assert (folder / f"meeting-new.{dead}-3.json").exists()
    win.close()


def test_draft_values_read_back_as_written() -> None:
    from datetime import date, datetime

    from organizer.domain.enums import Side

    value = {"rows": [{"person_id": 3, "side": Side.HOST, "from": date(2025, 3, 11)}], "labels": {"side": []},
             "at": datetime(2025, 3, 11, 10, 0), "photo": b"\xff\xd8", "none": None, "list": ("a", "b")}
    back = drafts.decode(drafts.encode(value))
    assert back == value | {"list": ["a", "b"]}
    assert back["rows"][0]["side"] is Side.HOST
    with pytest.raises(ValueError):
        drafts.decode({"$enum": "NoSuchEnum", "value": "x"})


def test_a_record_deleted_underneath_keeps_the_typed_text_and_its_draft_restores_as_new(
        qtbot: Any, gui_demo_db: Database) -> None:
    from organizer.domain.records import PersonData, PositionData
    from organizer.services.institutions import list_institutions

    win = _window(qtbot, gui_demo_db)
    where = list_institutions(gui_demo_db)[0].id
    pid = people.create_person(gui_demo_db, PersonData(given_name="Gulnara", family_name="Karimova", positions=(
        PositionData("Adviser", where, current=True),))).meta.id
    editor: Any = win.record_menu.open_editor(RecordKind.PERSON, pid)
    editor.notes.setPlainText("Met at the signing; prefers e-mail")
    editor.keep_draft()
    draft_file = editor.draft_path
    stored = people.get_person(gui_demo_db, pid)
    people.delete_person(gui_demo_db, pid, stored.meta.version)
    assert not editor.save(), "the record is gone: nothing saved"
    assert editor.isVisible() and editor.notes.toPlainText() == "Met at the signing; prefers e-mail"
    assert editor.problem_shown("")
    assert draft_file is not None and draft_file.exists(), "the draft stays while the form is open"
    # The window is killed now: the draft names a record that no longer exists.
    dead = draft_file.with_name(f"person-{pid}.{2**22 + 4321}-1.json")
    draft = drafts.read_draft(draft_file)
    drafts.save_draft(gui_demo_db, dead, RecordKind.PERSON, pid, draft.title, draft.fields, draft.pristine,
                      draft.version)
    restored: Any = win.record_menu.restore_draft(drafts.read_draft(dead))
    assert isinstance(restored, PersonEditor) and restored.ident is None, "reopened as a new record's form"
    assert (restored.given_name.text(), restored.family_name.text()) == ("Gulnara", "Karimova")
    assert restored.notes.toPlainText() == "Met at the signing; prefers e-mail"
    assert [(r["title"], r["institution_id"], r.get("id")) for r in restored.positions.value()] == [
        ("Adviser", where, None)], "the deleted position row's id is not carried"
    assert not dead.exists()
    assert restored.save()
    again = next(r for r in people.list_people(gui_demo_db) if r.full_name == "Gulnara Karimova")
    assert people.get_person(gui_demo_db, again.id).data.notes == "Met at the signing; prefers e-mail"
    assert [p.title for p in people.get_person(gui_demo_db, again.id).data.positions] == ["Adviser"]
    win.close()
