"""The window's first rows without SQLAlchemy: ``services.paging`` and ``store.people_read``'s plain reads
against its Core reads.

On a SQLite file the people list's first page and its rows are read with plain ``sqlite3``
(``store.people_read.plain_list_rows``); everything else, and every list on PostgreSQL, through
``services.browse``. These tests hold both ways to the same ids and rows on a generated database (people
with and without positions, tags, honorifics and display names; more than one statement's worth of ids),
and check the parts that let a SQLite file open without SQLAlchemy: the URL written and read by hand as
SQLAlchemy does, the schema check with ``sqlite3``, and a subprocess that opens a file and reads a first
page.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import URL, make_url

from organizer.domain.errors import DatabaseError, ValidationError
from organizer.domain.listing import ListQuery
from organizer.domain.records import PersonData
from organizer.services import browse, paging, people
from organizer.store import people_read
from organizer.store.database import (
    HEAD_REVISION,
    Database,
    open_database,
    sqlite_file_of,
    sqlite_url,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import generate  # bench/ is not a package: found through sys.path above

TRICKY = ["/tmp/a b.sqlite", "/tmp/a%20b.sqlite", "/tmp/q?x=1.sqlite", "/tmp/h#x.sqlite", "/tmp/Пример.sqlite",
          "/tmp/a@b:c.sqlite", "/tmp/a+b.sqlite", "/tmp/semi;colon/x.db", "/tmp/100%.sqlite"]


@pytest.fixture(scope="module")
def gen_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A SQLite file with 618 generated people (more than one plain statement's 500 ids) and two made by
    hand: one without a position, tags or honorific, one with only a display name."""
    path = tmp_path_factory.mktemp("plain") / "gen.sqlite"
    db = open_database(sqlite_url(path))
    generate.generate(db, 618, seed=3, progress=lambda _m: None)
    people.create_person(db, PersonData(given_name="Zoë", family_name="Östberg"))
    people.create_person(db, PersonData(display_name="Wang Fang", tags=("b", "a")))
    db.close()
    return path


@pytest.fixture
def gen_db(gen_file: Path) -> Iterator[Database]:
    db = open_database(sqlite_url(gen_file))
    yield db
    db.close()


@pytest.mark.parametrize("path", TRICKY)
def test_sqlite_urls_are_written_and_read_as_sqlalchemy_does(path: str) -> None:
    url = sqlite_url(path)
    assert url == str(URL.create("sqlite+pysqlite", database=path))
    assert sqlite_file_of(url) == Path(str(make_url(url).database))
    assert sqlite_file_of(url.replace("sqlite+pysqlite:", "sqlite:")) == Path(path)


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:", "sqlite+pysqlite:///x.db?mode=ro&uri=true",
                                 "postgresql+psycopg://u:p@host/db", "sqlite+aiosqlite:///x.db", "not a url"])
def test_other_urls_are_left_to_sqlalchemy(url: str) -> None:
    assert sqlite_file_of(url) is None


def test_the_first_page_and_rows_match_the_core_reads(gen_db: Database) -> None:
    everyone = browse.record_ids(gen_db, "person")
    assert len(everyone) == 620
    for limit in (0, 1, 200, 619, 620, 621, 5000):
        assert paging.first_record_ids(gen_db, "person", limit=limit) == \
            browse.first_record_ids(gen_db, "person", limit=limit), limit
    assert paging.first_record_ids(gen_db, "person", ListQuery(sort="name"), limit=50) == (everyone[:50], 620)
    wanted = [*everyone[::-1], 10**9, everyone[0]]  # any order, an unknown id, a repeated one
    rows = paging.record_rows(gen_db, "person", wanted)
    assert rows == browse.people_rows(gen_db, wanted)
    assert [r.id for r in rows] == [*everyone[::-1], everyone[0]]
    # the data covers what the rows show: people with and without a current position, tags, honorific
    assert any(r.current_institution for r in rows) and any(r.current_title is None for r in rows)
    assert any(len(r.tags) > 1 for r in rows) and any(not r.tags for r in rows)
    assert any(r.honorific for r in rows) and any(r.full_name == "Wang Fang" and r.tags == ("a", "b") for r in rows)


def test_the_plain_statements_are_the_ones_sqlalchemy_renders(gen_db: Database) -> None:
    """Also read directly: three statements per 500 ids, the tags of each person in alphabetical order."""
    ids = browse.record_ids(gen_db, "person")
    with gen_db.plain_reader() as con:
        rows = people_read.plain_list_rows(con, ids)
        assert people_read.first_person_ids(con, 3) == (ids[:3], 620)
    assert [r.id for r in rows] == ids and all(list(r.tags) == sorted(r.tags) for r in rows)
    with gen_db.read_connection() as conn:
        assert rows == people_read.list_rows(conn, ids) == browse.people_rows(gen_db, ids)


def test_other_lists_filters_and_sorts_go_through_browse(gen_db: Database) -> None:
    some = browse.people_rows(gen_db, browse.record_ids(gen_db, "person")[:40])
    tag = next(t for r in some for t in r.tags)
    for query in (ListQuery(tag=tag), ListQuery(text="a"), ListQuery(sort="name", descending=True),
                  ListQuery(sort="institution")):
        assert paging.first_record_ids(gen_db, "person", query, limit=7) == \
            browse.first_record_ids(gen_db, "person", query, limit=7)
        assert paging.record_ids(gen_db, "person", query) == browse.record_ids(gen_db, "person", query)
    for kind in ("visit", "meeting", "followup", "agreement", "topic"):
        ids = browse.record_ids(gen_db, kind)
        assert paging.first_record_ids(gen_db, kind, limit=5) == browse.first_record_ids(gen_db, kind, limit=5)
        assert paging.record_rows(gen_db, kind, ids[:30]) == browse.record_rows(gen_db, kind, ids[:30])
    with pytest.raises(ValidationError):
        paging.first_record_ids(gen_db, "person", limit=-1)
    with pytest.raises(ValidationError):
        paging.first_record_ids(gen_db, "nothing")


def test_paging_agrees_with_browse_on_any_database(demo_db: Database) -> None:
    """The test database of this pass (a SQLite file, or PostgreSQL, where everything goes through browse)."""
    ids = browse.record_ids(demo_db, "person")
    assert ids and paging.first_record_ids(demo_db, "person", limit=2) == browse.first_record_ids(
        demo_db, "person", limit=2)
    assert paging.record_rows(demo_db, "person", ids) == browse.record_rows(demo_db, "person", ids)
    assert paging.record_rows(demo_db, "person", []) == []


def test_the_plain_reader_only_reads_and_never_creates_a_file(gen_db: Database, tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match=r"readonly|read-only|query_only|attempt to write"), \
            gen_db.plain_reader() as con:
        con.execute("DELETE FROM person")
    assert len(browse.record_ids(gen_db, "person")) == 620
    gone = Database(sqlite_url(tmp_path / "missing.sqlite"))
    with pytest.raises(DatabaseError), gone.plain_reader():
        pass
    assert not (tmp_path / "missing.sqlite").exists()


def test_an_up_to_date_file_opens_without_sqlalchemy_and_an_old_one_is_migrated(
        gen_file: Path, tmp_path: Path, db_path: Path) -> None:
    child = r"""
import json, sys
from organizer.services.paging import first_record_ids, record_rows
from organizer.store.database import open_database, sqlite_url
db = open_database(sqlite_url(sys.argv[1]))
ids, total = first_record_ids(db, "person", limit=5)
rows = record_rows(db, "person", ids)
print(json.dumps({"sqlalchemy": sorted(m for m in sys.modules if m.startswith("sqlalchemy")),
                  "ids": ids, "total": total, "names": [r.full_name for r in rows], "is_sqlite": db.is_sqlite}))
"""
    done = subprocess.run([sys.executable, "-c", child, str(gen_file)], capture_output=True, text=True, timeout=120,
                          check=False, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["sqlalchemy"] == [] and report["is_sqlite"] is True
    assert report["total"] == 620 and len(report["ids"]) == 5 and len(report["names"]) == 5

    # a file at an older revision is still migrated when opened (through SQLAlchemy and Alembic)
    from organizer.store.database import upgrade_to

    old = Database(sqlite_url(db_path))
    upgrade_to(old, "0001")
    old.close()
    opened = open_database(sqlite_url(db_path))
    try:
        assert opened.schema_revision() == HEAD_REVISION
    finally:
        opened.close()


def test_a_file_with_several_schema_versions_is_refused(db_path: Path) -> None:
    open_database(sqlite_url(db_path)).close()
    con = sqlite3.connect(db_path)
    con.execute("INSERT INTO alembic_version VALUES ('0001')")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="several schema versions"):
        open_database(sqlite_url(db_path))
