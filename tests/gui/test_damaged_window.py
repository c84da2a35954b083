"""The window on files that are not intact Organizer databases, and Qt slots fed hostile user data.

- Started on another application's Alembic-managed SQLite file, the window offers a backup like the
  command line refuses the file: cancelling leaves every byte (sha256) and the folder as they were.
- Opening an attachment named ``..``, ``a/..`` or with a very long name opens a safe copy or says why.
"""
from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer, QUrl
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from organizer.app import _recover_gui
from organizer.cli.main import main
from organizer.domain.records import PersonData
from organizer.gui.backup_offer import BackupOffer
from organizer.gui.editors.person import PersonEditor
from organizer.gui.settings import Settings
from organizer.gui.undo import RecordActions
from organizer.services import people
from organizer.store import Database, open_database, sqlite_url
from tests.hostile_files import damaged_copy, demo_database, files_in, foreign_alembic_file

pytestmark = pytest.mark.usefixtures("gui_close_dialogs_left_open")


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_database(tmp_path_factory.mktemp("demo") / "demo.sqlite")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "organizer.ini"), QSettings.Format.IniFormat))


def _answer(restore: bool, seen: list[BackupOffer]) -> None:
    """Click a button of the BackupOffer once it is shown (it runs modally)."""
    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, BackupOffer):
            QTimer.singleShot(20, click)
            return
        seen.append(box)
        (box.restore_button if restore else box.cancel_button).click()

    QTimer.singleShot(0, click)


def _good_backup_of(database: Path, template: Path) -> Path:
    folder = database.parent / "backups"
    folder.mkdir(mode=0o700, exist_ok=True)
    backup = folder / f"{database.name}-20260101T080000Z-daily.sqlite"
    backup.write_bytes(template.read_bytes())
    backup.chmod(0o600)
    return backup


@pytest.mark.parametrize("revision", ["0003", "0006"])
def test_the_window_on_another_programs_alembic_file_cancelled_changes_no_byte(
        qtbot: QtBot, tmp_path: Path, demo_template: Path, revision: str) -> None:
    target = foreign_alembic_file(tmp_path / "billing.sqlite", revision)
    _good_backup_of(target, demo_template)  # so that the window has a backup to offer
    before = files_in(tmp_path)
    launched: list[Database] = []
    seen: list[BackupOffer] = []
    _answer(False, seen)
    err = io.StringIO()
    code = main(["--db", str(target)], out=io.StringIO(), err=err,
                gui=lambda db, _argv, _options: launched.append(db) or 0, gui_recover=_recover_gui)
    assert code == 1 and not launched, "the window never opens over another program's file"
    assert len(seen) == 1 and "not an Organizer database" in seen[0].text()
    assert files_in(tmp_path) == before, "the file (sha256) and its folder unchanged after cancelling"
    with sqlite3.connect(f"file:{target}?mode=ro", uri=True) as con:
        assert con.execute("SELECT count(*) FROM invoice").fetchone()[0] == 2
    con.close()


@pytest.mark.parametrize("name", ["..", "a/..", "x" * 200 + ".pdf", "я" * 200, "/", "..\\..\\evil.txt"])
def test_opening_an_attachment_with_a_hostile_name_opens_a_safe_copy(qtbot: QtBot, gui_db: Database,
                                                                    name: str) -> None:
    pid = people.create_person(gui_db, PersonData(family_name="Filed")).meta.id
    with gui_db.unit_of_work() as session:  # as an archive from elsewhere or another client may have stored it
        from organizer.store import models as m

        session.add(m.Attachment(name=name, media_type="text/plain", size=5, sha256="0" * 64, content=b"hello",
                                 person_id=pid, uid=f"test:{len(name)}"))
    editor = PersonEditor(RecordActions(gui_db), pid)
    qtbot.addWidget(editor)
    files = editor.files
    opened: list[QUrl] = []
    files.open_url = opened.append
    files.list.setCurrentRow(0)
    path = files.open_current()
    assert path is not None and path.read_bytes() == b"hello"
    assert path.parent.name.startswith("organizer-") and len(path.name.encode()) <= 120
    assert opened == [QUrl.fromLocalFile(str(path))]


def test_damaged_pages_in_the_window_are_messages_not_tracebacks(qtbot: QtBot, tmp_path: Path,
                                                                  demo_template: Path) -> None:
    """Issue 15 point 12: the window on a file whose record pages are damaged (its schema intact, so it
    opens) said nothing and printed a traceback per failed read (pytest-qt fails a test on any exception
    in a Qt slot). Now each failed read is a message: the status bar, or the detail pane."""
    from organizer.gui.main_window import TAB_NAMES, MainWindow

    path = damaged_copy(demo_template, tmp_path / "visits.sqlite")
    db = open_database(sqlite_url(path), create=False)
    window = MainWindow(db, remember_state=False)
    qtbot.addWidget(window)
    window.show()
    said: list[str] = []
    window.statusBar().messageChanged.connect(lambda text: said.append(text) if text else None)
    for name in TAB_NAMES:
        window.show_tab(window.tab(name))
        qtbot.wait(100)
    qtbot.waitUntil(lambda: window.tasks.is_idle() and not any(t.detail_pending for t in window.built_tabs()),
                    timeout=20_000)

    def says_damaged() -> None:
        shown = said + [window.tab(n).detail.toPlainText() for n in TAB_NAMES]
        assert any("damaged" in text for text in shown), shown

    # a pane renders after its list has painted: wait for what it says, do not race it
    qtbot.waitUntil(says_damaged, timeout=20_000)
    window.close()
    db.close()
