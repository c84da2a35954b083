"""The archive import writes with the search queue's insert triggers off and queues what it created
itself (store/search/queue.py): the index afterwards is what a rebuild gives, the triggers are all
back (also after a failed import), and later edits are queued by them as before."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from organizer.assets import demo_archive
from organizer.domain.errors import ValidationError
from organizer.domain.records import PersonData
from organizer.services import people, search
from organizer.services.archive import importer as interchange
from organizer.store import Database
from organizer.store.search.base import KINDS
from organizer.store.search.sqlite import TRIGGERS


def _triggers(db: Database) -> dict[str, str]:
    with db.read_connection() as conn:
        return dict(conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all())


def _index(db: Database) -> dict[str, list[Any]]:
    with db.read_connection() as conn:
        out = {kind: conn.exec_driver_sql(f"SELECT rowid, names, keys, body FROM search_{kind} ORDER BY rowid").all()
               for kind in KINDS}
        out["terms"] = conn.exec_driver_sql("SELECT field, term FROM search_term ORDER BY field, term").all()
        out["dirty"] = conn.exec_driver_sql("SELECT kind, record_id FROM search_dirty").all()
    return out


def _archive() -> dict[str, Any]:
    return dict(json.loads(demo_archive().read_text(encoding="utf-8")))


def test_the_import_leaves_the_index_a_rebuild_gives(db: Database, db_path: Path) -> None:
    before = _triggers(db)
    assert set(TRIGGERS) <= set(before)
    data = _archive()
    data["people"][0]["uid"] = "  " + data["people"][0]["uid"] + " "  # stored trimmed: still queued
    interchange.import_archive(db, data)
    assert _triggers(db) == before
    imported = _index(db)
    assert imported["dirty"] == []
    assert all(imported[kind] for kind in KINDS), {kind: len(imported[kind]) for kind in KINDS}
    search.rebuild_index(db)
    assert _index(db) == imported
    hits = search.search(db, data["people"][0]["family_name"])
    assert hits.hits, "the first person of the archive is found"


def test_triggers_are_back_after_a_failed_import_and_queue_later_edits(db: Database, db_path: Path) -> None:
    before = _triggers(db)
    data = _archive()
    data["followups"][-1]["due_date"] = "not a date"
    with pytest.raises(ValidationError):
        interchange.import_archive(db, data)
    assert _triggers(db) == before
    interchange.import_archive(db, _archive())
    person = people.create_person(db, PersonData(given_name="Gulnora", family_name="Oʻrinboyeva"))
    assert [h.id for h in search.search(db, "Orinboyeva").hits] == [person.meta.id]
