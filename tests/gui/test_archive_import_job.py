"""File > Import archive… streams the file like ``organizer import``: progress of every record, Cancel adds nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from organizer.assets import demo_archive
from organizer.domain.errors import ImportFormatError
from organizer.gui.archive import import_job
from organizer.gui.tasks import CancelledError
from organizer.services.archive.importer import SECTIONS
from organizer.store import Database
from organizer.store import models as m


class _Ctx:
    def __init__(self, cancel_at: int | None = None) -> None:
        self.seen: list[tuple[int, int]] = []
        self.cancel_at = cancel_at

    def progress(self, done: int, total: int) -> None:
        self.seen.append((done, total))
        if done == self.cancel_at:
            raise CancelledError

    def check(self) -> None:
        pass


def _archive(tmp_path: Path) -> tuple[Path, int]:
    data = json.loads(demo_archive().read_text(encoding="utf-8"))
    reordered = {key: data[key] for key in reversed(list(data))}  # sections last to first, header at the end
    path = tmp_path / "import.json"
    path.write_text(json.dumps(reordered, ensure_ascii=False, indent=1), encoding="utf-8")
    return path, sum(len(data.get(s, [])) for s in SECTIONS)


def _people(db: Database) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(m.Person)) or 0


def test_import_from_the_window_reports_progress_of_every_record(db: Database, tmp_path: Path) -> None:
    path, total = _archive(tmp_path)
    ctx = _Ctx()
    report = import_job(db, path)(ctx)  # type: ignore[arg-type]
    assert report.total_added == total > 20
    assert ctx.seen == [(done, total) for done in range(1, total + 1)]
    assert _people(db) == report.added["people"] > 0


def test_cancel_during_an_import_from_the_window_adds_nothing(db: Database, tmp_path: Path) -> None:
    path, total = _archive(tmp_path)
    ctx = _Ctx(cancel_at=total - 1)
    with pytest.raises(CancelledError):
        import_job(db, path)(ctx)  # type: ignore[arg-type]
    assert ctx.seen[-1] == (total - 1, total)
    assert _people(db) == 0


def test_the_window_refuses_a_key_twice_like_the_command(db: Database, tmp_path: Path) -> None:
    path, _ = _archive(tmp_path)
    text = path.read_text(encoding="utf-8").rstrip()[:-1] + ', "people": []}'
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFormatError, match='"people" appears twice'):
        import_job(db, path)(_Ctx())  # type: ignore[arg-type]
    assert _people(db) == 0


def test_the_window_reports_updated_and_kept_records_and_refreshes(qtbot: object, tmp_path: Path) -> None:
    """An import that only updated records (the archive's merge rule) still says so and refreshes the view."""
    from PySide6.QtWidgets import QWidget

    from organizer.gui.archive import ArchiveJobs
    from organizer.services.archive.importer import ImportReport

    window = QWidget()
    jobs = ArchiveJobs(None, None, window)  # type: ignore[arg-type]  # only its report is used here
    seen: list[tuple[str, bool]] = []
    jobs.finished.connect(lambda text, changed: seen.append((text, changed)))
    jobs._imported(ImportReport(added={"people": 0}, unchanged={"people": 4}, updated={"people": 2},
                                skipped={"people": 1}))
    jobs._imported(ImportReport(added={"people": 0}, unchanged={"people": 7}))
    assert seen[0][1] is True and "2 updated" in seen[0][0] and "1 kept" in seen[0][0]
    assert seen[1] == ("Import finished: 0 records added, 7 already present.", False)


def test_export_from_the_window_writes_the_full_archive(demo_db: Database, tmp_path: Path) -> None:
    """The window's export is the command's (streamed): attachments and time stamps are in it."""
    from organizer.domain.enums import RecordKind
    from organizer.gui.archive import export_job
    from organizer.services import attachments

    with demo_db.reader() as s:
        person = s.scalar(select(m.Person.id))
    assert person is not None
    attachments.add_attachment(demo_db, RecordKind.PERSON, person, "a.txt", b"hello")
    path = tmp_path / "out.json"
    count = export_job(demo_db, path)(_Ctx())  # type: ignore[arg-type]
    data = json.loads(path.read_text(encoding="utf-8"))
    assert count == sum(len(data[s]) for s in SECTIONS) and data["attachments"][0]["name"] == "a.txt"
    assert all("updated_at" in p for p in data["people"])
