"""The window's Save as (PDF preview) and archive export go through the same output guard as the command
line (issue 15 points 1, 2, 10): never over the open database, a device, a FIFO or through a link."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from organizer.domain.errors import OrganizerError
from organizer.gui.archive import export_job
from organizer.gui.briefing_dialog import BriefingDialog
from organizer.gui.pdf_preview import PdfPreview
from organizer.services.documents import Document
from organizer.store import Database

PDF = b"%PDF-1.4\n%%EOF\n"


class _Ctx:
    def progress(self, done: int, total: int) -> None:
        pass

    def check(self) -> None:
        pass


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: shown.append(text))
    return shown


def test_save_as_refuses_the_database_and_what_leads_to_it(qtbot, gui_demo_db: Database, tmp_path: Path,
                                                           warnings: list[str]) -> None:
    db = gui_demo_db.path
    if db is None:
        pytest.skip("a server database has no file to protect")
    before = db.read_bytes()
    dialog = BriefingDialog(gui_demo_db, "visit", 1, "Demo visit")
    qtbot.addWidget(dialog)
    dialog._on_finished(Document(PDF, "Demo visit"))  # what the worker hands back: the preview opens
    preview = dialog.preview
    assert isinstance(preview, PdfPreview) and preview.database == db
    qtbot.addWidget(preview)
    link = tmp_path / "innocent.pdf"
    link.symlink_to(db)
    for target in (db, Path(f"{db}-wal"), link):
        assert not preview.save_to(target)
        assert "open database" in warnings[-1]
    assert db.read_bytes() == before and link.is_symlink()


def test_save_as_refuses_devices_fifos_and_links(qtbot, tmp_path: Path, warnings: list[str]) -> None:
    preview = PdfPreview(PDF, "briefing.pdf", "Demo")
    qtbot.addWidget(preview)
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep")
    link = tmp_path / "link.pdf"
    link.symlink_to(victim)
    for target, words in ((fifo, "FIFO"), (link, "symbolic link"), (tmp_path / ("a" * 120_000), "too long")):
        assert not preview.save_to(target)
        assert words in warnings[-1] and len(warnings[-1]) < 500
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and victim.read_bytes() == b"keep"
    assert preview.save_to(tmp_path / "ok.pdf") and (tmp_path / "ok.pdf").read_bytes() == PDF


def test_archive_export_from_the_window_does_not_follow_a_link(gui_demo_db: Database, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep")
    link = tmp_path / "archive.json"
    link.symlink_to(victim)
    with pytest.raises(OrganizerError, match="symbolic link"):
        export_job(gui_demo_db, link)(_Ctx())  # type: ignore[arg-type]
    assert victim.read_bytes() == b"keep"
