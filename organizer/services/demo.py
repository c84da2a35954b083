"""Loading the demo visit: the shipped archive, through the same import users use."""

from __future__ import annotations

from organizer.assets import demo_archive
from organizer.services.archive.importer import ImportReport, Progress, import_archive, load_archive_file
from organizer.store.database import Database


def load_demo(db: Database, progress: Progress | None = None) -> ImportReport:
    """Import the demo visit; records already present (by uid) are left alone, so it is idempotent."""
    return import_archive(db, load_archive_file(demo_archive()), progress)
