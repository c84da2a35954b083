"""An archive import indexes its new people from the rows it writes (``archive.bulk.PeopleIndex``), not by
reading them back at the commit: the index it leaves must be the one a rebuild makes from the tables.

Compared: every row of ``search_person`` (names, keys, body) and ``search_term``, after importing the demo
archive with people made awkward on purpose (positions out of order, undated, ended, with title variants;
tags and topics unsorted; several e-mails; names in other scripts; honorific, biography, notes and their
variants), and after importing an archive of ``bench/generate.py``'s people; then again after
``rebuild_index``. Nothing of the people is left in the queue.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

from organizer.assets import demo_archive
from organizer.services.archive import importer
from organizer.services.archive.export import export_archive
from organizer.services.search import rebuild_index
from organizer.store.database import Database, open_database, sqlite_url

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import generate  # bench/ is not a package: found through sys.path above


def _index(path: Path) -> tuple[list[Any], list[Any], list[Any]]:
    con = sqlite3.connect(path)
    try:
        return (con.execute("SELECT rowid, names, keys, body FROM search_person ORDER BY rowid").fetchall(),
                con.execute("SELECT field, term FROM search_term ORDER BY field, term").fetchall(),
                con.execute("SELECT kind, record_id FROM search_dirty").fetchall())
    finally:
        con.close()


def _same_as_rebuilt(db: Database, path: Path) -> list[Any]:
    imported = _index(path)
    assert imported[2] == []  # nothing left queued
    rebuild_index(db)
    assert _index(path) == imported
    return imported[0]


def _awkward_people() -> dict[str, Any]:
    data = json.loads(demo_archive().read_text(encoding="utf-8"))
    institutions = [i["uid"] for i in data["institutions"]]
    person = dict(data["people"][0], uid="test:awkward", honorific="Dr", biography="Chemist.\nBorn in Fergana.",
                  notes="Prefers Russian", tags=["zeta", "Alpha", "beta", "Ёлка"],
                  topics=["Import substitution", "Petrochemicals"],
                  emails=[{"value": "b@example.org", "label": "work"}, "a@example.org"],
                  phones=["+998 71 234 56 78"],
                  variants={"biography": {"ru": "Химик."}, "notes": {"uz": "Rus tilini afzal ko'radi"}})
    person["positions"] = [
        {"title": "Adviser", "institution": institutions[1], "start_date": "2010-01-01", "end_date": "2012-01-01"},
        {"title": "Undated", "institution": institutions[2]},
        {"title": "Chairman", "institution": institutions[0], "start_date": "2020-05-01", "current": True,
         "variants": {"title": {"ru": "Председатель", "uz": "Rais"}}},
        {"title": "Lecturer", "institution": institutions[1], "start_date": "2015-03-01", "end_date": "2019-01-01"},
        {"title": "Same day", "institution": institutions[3], "start_date": "2015-03-01", "end_date": "2016-01-01"},
    ]
    no_current = dict(person, uid="test:no-current", positions=[  # the newest open one becomes current
        {"title": "Old", "institution": institutions[0], "start_date": "2001-01-01"},
        {"title": "New", "institution": institutions[1], "start_date": "2011-01-01"}])
    data["people"] += [person, no_current]
    return data


def test_imported_people_are_indexed_as_a_rebuild_indexes_them(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    db = open_database(sqlite_url(path))
    try:
        report = importer.import_archive(db, _awkward_people())
        assert report.added["people"] == 8
        rows = _same_as_rebuilt(db, path)
    finally:
        db.close()
    assert len(rows) == 8
    awkward = next(body for _id, _names, _keys, body in rows if "chairman" in body and "adviser" in body)
    assert awkward.index("chairman") < awkward.index("lecturer") < awkward.index("same day") < awkward.index(
        "adviser") < awkward.index("undated")  # current first, then newest start, undated last


def test_generated_people_are_indexed_as_a_rebuild_indexes_them(tmp_path: Path) -> None:
    source = open_database(sqlite_url(tmp_path / "gen.sqlite"))
    path = tmp_path / "copy.sqlite"
    target = open_database(sqlite_url(path))
    try:
        generate.generate(source, 300, seed=3, progress=lambda _m: None)
        importer.import_archive(target, export_archive(source))
        assert len(_same_as_rebuilt(target, path)) == 300
    finally:
        source.close()
        target.close()
