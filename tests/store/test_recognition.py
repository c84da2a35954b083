"""A file is recognised as ours before anything touches it: the Alembic version alone is not enough.

Another program's SQLite file whose Alembic version reads 0001-0006 is refused with every byte, its
mode and its folder unchanged (no switch to WAL, no ``before-0006`` copy in ``backups/``, no
``-wal``/``-shm``); so is a file that has our tables but lacks a column of the revision it claims, and
a damaged file (no empty ``-wal``/``-shm`` left beside it). ``REVISION_TABLES`` agrees with what the
migrations build, revision by revision.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from organizer.domain.errors import DamagedDatabaseError, DatabaseError, SchemaTooNewError
from organizer.store import open_database, sqlite_url
from organizer.store.database import create_sqlite_database
from organizer.store.migrations import KNOWN_REVISIONS
from organizer.store.recognition import INDEX_PREFIX, REVISION_TABLES
from tests.hostile_files import damaged_copy, demo_database, files_in, foreign_alembic_file


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_database(tmp_path_factory.mktemp("demo") / "demo.sqlite")


def _tables_and_columns(path: Path) -> dict[str, frozenset[str]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT m.name, p.name FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS p "
                           "WHERE m.type = 'table'").fetchall()
    finally:
        con.close()
    found: dict[str, set[str]] = {}
    for table, column in rows:
        if not table.startswith(INDEX_PREFIX):
            found.setdefault(table, set()).add(column)
    return {table: frozenset(columns) for table, columns in found.items()}


@pytest.mark.parametrize("revision", KNOWN_REVISIONS)
def test_the_signature_of_each_revision_is_what_its_migrations_build(tmp_path: Path, revision: str) -> None:
    path = tmp_path / f"at-{revision}.sqlite"
    create_sqlite_database(path, revision)
    assert _tables_and_columns(path) == dict(REVISION_TABLES[revision])


@pytest.mark.parametrize("wal", [False, True], ids=["rollback-journal", "wal"])
@pytest.mark.parametrize("revision", KNOWN_REVISIONS)
def test_another_programs_alembic_file_at_our_revisions_is_refused_untouched(tmp_path: Path, revision: str,
                                                                            wal: bool) -> None:
    path = foreign_alembic_file(tmp_path / "billing.sqlite", revision, wal=wal)
    before = files_in(tmp_path)
    mode = path.stat().st_mode
    for create in (False, True):
        with pytest.raises(DatabaseError, match="not an Organizer database") as info:
            open_database(sqlite_url(path), create=create)
        assert not isinstance(info.value, SchemaTooNewError)
        assert f"claims schema {revision}" in str(info.value)
    # Same bytes (the header still says its journal mode), same mode; no backup, no -wal/-shm beside it.
    assert files_in(tmp_path) == before and path.stat().st_mode == mode
    assert not (tmp_path / "backups").exists()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        assert con.execute("SELECT count(*) FROM invoice").fetchone()[0] == 2
    con.close()


def test_a_file_lacking_one_column_of_its_revision_is_not_ours(tmp_path: Path) -> None:
    path = tmp_path / "almost.sqlite"
    create_sqlite_database(path, "0005")
    with sqlite3.connect(path) as con:
        con.execute("ALTER TABLE audit_entry DROP COLUMN detail")
    con.close()
    before = files_in(tmp_path)
    with pytest.raises(DatabaseError, match=r"not an Organizer database .*audit_entry\.detail"):
        open_database(sqlite_url(path))
    assert files_in(tmp_path) == before and not (tmp_path / "backups").exists()


def test_a_real_older_database_is_still_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    create_sqlite_database(path, "0003")
    db = open_database(sqlite_url(path))
    try:
        assert db.schema_revision() == KNOWN_REVISIONS[-1]
    finally:
        db.close()
    assert [p.name.endswith(f"before-{KNOWN_REVISIONS[-1]}.sqlite") for p in (tmp_path / "backups").iterdir()] == [True]


def test_a_database_with_damaged_schema_pages_is_refused_with_nothing_left_beside_it(tmp_path: Path) -> None:
    source = tmp_path / "good.sqlite"
    open_database(sqlite_url(source)).close()  # a WAL-mode file, as every Organizer database
    assert source.read_bytes()[18] == 2
    broken = bytearray(source.read_bytes())
    broken[100:4096] = b"\xde\xad" * ((4096 - 100) // 2)  # the schema's root page, the header kept
    path = tmp_path / "damaged" / "visits.sqlite"
    path.parent.mkdir()
    path.write_bytes(bytes(broken))
    before = files_in(path.parent)
    with pytest.raises(DamagedDatabaseError, match="corrupt"):
        open_database(sqlite_url(path))
    assert files_in(path.parent) == before, "no empty -wal/-shm (nor anything else) beside the refused file"


def test_damaged_data_pages_are_a_clear_error_when_read(tmp_path: Path, demo_file: Path) -> None:
    path = damaged_copy(demo_file, tmp_path / "damaged.sqlite")
    db = open_database(sqlite_url(path), create=False)
    try:
        from organizer.services import people

        with pytest.raises(DamagedDatabaseError, match=r"is damaged .*organizer restore"):
            people.list_people(db)
    finally:
        db.close()



def test_the_head_agrees_with_the_schema() -> None:
    """``schema.py`` and the migrations describe the same head."""
    from organizer.store.migrations import HEAD_REVISION
    from organizer.store.recognition import schema_tables

    derived = {table: frozenset(columns) for table, columns in schema_tables().items()}
    assert dict(REVISION_TABLES[HEAD_REVISION]) == derived


def test_a_revision_after_the_frozen_lists_is_read_from_its_migrations(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unfreeze the newest lists: what the migrations' ``upgrade()`` add gives the same signatures, so a
    new migration needs no edit in recognition.py (0006 adds its columns in a loop: a form the reading
    does not follow, so its list stays frozen)."""
    from organizer.store import recognition

    frozen = dict(recognition._FROZEN)
    unfrozen = ("0011", "0010", "0009", "0008", "0007", "0004")
    for revision in unfrozen:
        monkeypatch.delitem(recognition._FROZEN, revision)
    for revision in reversed(unfrozen):
        assert recognition._tables_at(revision).keys() == frozen[revision].keys()
        assert {t: frozenset(c) for t, c in recognition._tables_at(revision).items()} == {
            t: frozenset(c) for t, c in frozen[revision].items()}, revision
