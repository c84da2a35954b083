"""A database written by ``bench/generate.py`` survives its own archive: export, import, same counts.

The generator bypasses the services for speed; this keeps it honest about their rules (an archive of
any database this version wrote must import back).
"""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import func, select

from organizer.services.archive import importer as interchange
from organizer.services.archive.export import export_archive
from organizer.store import models as m
from organizer.store.database import Database, open_database, sqlite_url

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import generate  # bench/ is not a package: found through sys.path above

TABLES = [m.Person, m.PersonName, m.PersonEmail, m.PersonPhone, m.PersonTag, m.Position, m.Institution,
          m.Visit, m.VisitParticipant, m.Meeting, m.MeetingParticipant, m.FollowUp, m.Agreement, m.Gift,
          m.Topic]


def counts(db: Database) -> dict[str, int]:
    with db.reader() as session:
        return {t.__name__: session.scalar(select(func.count()).select_from(t)) or 0 for t in TABLES}


def test_generated_database_round_trips_through_its_archive(tmp_path: Path) -> None:
    source = open_database(sqlite_url(tmp_path / "gen.sqlite"))
    target = open_database(sqlite_url(tmp_path / "copy.sqlite"))
    try:
        generate.generate(source, 300, seed=1, progress=lambda _m: None)
        before = counts(source)
        assert before["Person"] == 300 and before["Visit"] >= 3 and before["Meeting"] > 0
        with source.reader() as session:  # the case that used to break: arrival and departure on one day
            assert session.scalar(select(func.count()).select_from(m.Visit)
                                  .where(m.Visit.start_date == m.Visit.end_date)), "seed has no one-day visit"
        report = interchange.import_archive(target, export_archive(source))
        assert report.added["people"] == 300
        assert counts(target) == before
    finally:
        source.close()
        target.close()
