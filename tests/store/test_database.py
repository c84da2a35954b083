"""Opening databases: pragmas, file mode, refusing what is not ours, migrations from the first one."""

from __future__ import annotations

import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import exc as sa_exc
from sqlalchemy import text

from organizer.domain.errors import DatabaseError, SchemaTooNewError
from organizer.services import people
from organizer.store import Database, open_database, sqlite_url
from organizer.store.database import head_revision, upgrade_to
from organizer.store.models import Base
from organizer.store.search.base import include_name


def test_new_database_is_private_wal_with_foreign_keys_and_versioned(db: Database, db_path: Path) -> None:
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
        # Statement journals in memory: on disk they cost a file write per trigger-firing insert.
        assert conn.exec_driver_sql("PRAGMA temp_store").scalar() == 2  # MEMORY
    assert db.schema_revision() == head_revision()
    # Seen from a plain sqlite3 connection too: the file itself carries WAL mode and Alembic's version.
    raw = sqlite3.connect(db_path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    finally:
        raw.close()


def test_wal_and_shared_memory_files_are_private_too(demo_db: Database, db_path: Path) -> None:
    companions = [db_path.with_name(db_path.name + suffix) for suffix in ("-wal", "-shm")]
    assert all(p.exists() for p in companions)
    assert [stat.S_IMODE(p.stat().st_mode) for p in companions] == [0o600, 0o600]


def test_a_path_in_a_missing_folder_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "org.sqlite"
    with pytest.raises(DatabaseError, match="does not exist"):
        open_database(sqlite_url(path))
    assert list(tmp_path.iterdir()) == []


def test_foreign_keys_are_enforced(db: Database, db_path: Path) -> None:
    with pytest.raises(sa_exc.IntegrityError), db.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO position (uid, person_id, institution_id, title, is_current, created_at, updated_at, version)"
            " VALUES ('x', 999, 999, 't', 0, '2020-01-01', '2020-01-01', 1)"
        ))


def test_random_bytes_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "random.db"
    content = bytes(range(256)) * 64
    path.write_bytes(content)
    with pytest.raises(DatabaseError, match="not an Organizer database"):
        open_database(sqlite_url(path))
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["random.db"]


def test_corrupt_sqlite_file_is_refused_without_writing(tmp_path: Path, db_path: Path) -> None:
    open_database(sqlite_url(db_path)).close()
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xde\xad\xbe\xef" * ((4096 - 100) // 4)  # wreck the schema page after the header
    db_path.write_bytes(bytes(data))
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError) as info:
        open_database(sqlite_url(db_path))
    assert "\n" not in str(info.value)
    assert db_path.read_bytes() == before


def test_database_from_a_newer_organizer_is_refused(db: Database, db_path: Path) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.close()
    with pytest.raises(SchemaTooNewError, match="newer Organizer"):
        open_database(sqlite_url(db_path))
    raw = sqlite3.connect(db_path)
    assert raw.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "9999"
    raw.close()


def test_someone_elses_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    raw.commit()
    raw.close()
    with pytest.raises(DatabaseError, match="not an Organizer database"):
        open_database(sqlite_url(path))
    raw = sqlite3.connect(path)
    assert [r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")] == ["invoices"]
    raw.close()


def test_missing_file_without_create_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="does not exist"):
        open_database(sqlite_url(tmp_path / "nope.sqlite"), create=False)


def test_database_at_first_migration_upgrades_to_head_keeping_data(db_path: Path) -> None:
    old = open_database(sqlite_url(db_path), upgrade=False)
    upgrade_to(old, "0001")
    assert old.schema_revision() == "0001"
    with old.engine.begin() as conn:
        tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "person" in tables and "visit" not in tables
        conn.execute(text(
            "INSERT INTO institution (uid, name, short_name, kind, country, city, address, website, profile,"
            " created_at, updated_at, version) VALUES ('i1', 'Kazan Federal University', 'KFU', 'university',"
            " '', 'Kazan', '', '', '', '2024-01-01', '2024-01-01', 1)"
        ))
        conn.execute(text(
            "INSERT INTO person (uid, given_name, family_name, middle_name, honorific, form_of_address,"
            " display_name, sort_name, languages, biography, photo_type, notes, created_at, updated_at, version)"
            " VALUES ('p1', 'Ilnur', 'Khairullin', '', '', '', '', 'khairullin ilnur', '[]', '', '', '',"
            " '2024-01-01', '2024-01-01', 1)"
        ))
        conn.execute(text(
            "INSERT INTO position (uid, person_id, institution_id, title, is_current, created_at, updated_at,"
            " version) VALUES ('pos1', 1, 1, 'Vice-Rector', 1, '2024-01-01', '2024-01-01', 1)"
        ))
    old.close()

    upgraded = open_database(sqlite_url(db_path))
    try:
        assert upgraded.schema_revision() == head_revision()
        person = people.get_person(upgraded, 1)
        assert person.full_name == "Ilnur Khairullin"
        assert [(p.title, p.institution_name, p.current) for p in person.positions] == [
            ("Vice-Rector", "Kazan Federal University", True)
        ]
        with upgraded.engine.connect() as conn:
            tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"visit", "meeting", "followup", "agreement", "attachment"} <= tables
    finally:
        upgraded.close()


def test_migrations_match_the_models(db: Database) -> None:
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"include_name": include_name}), Base.metadata)
    assert diff == []


def test_downgrade_to_first_migration_and_back(db: Database) -> None:
    from alembic import command

    from organizer.store.database import alembic_config

    cfg = alembic_config(db.url)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    assert db.schema_revision() == "0001"
    upgrade_to(db, "head")
    assert db.schema_revision() == head_revision()


def test_known_revisions_match_the_alembic_scripts() -> None:
    """``open_database`` skips Alembic on a database at ``HEAD_REVISION``: the constants must match the scripts."""
    from alembic.script import ScriptDirectory

    from organizer.store.database import alembic_config
    from organizer.store.migrations import HEAD_REVISION, KNOWN_REVISIONS

    script = ScriptDirectory.from_config(alembic_config())
    in_order = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    assert list(KNOWN_REVISIONS) == in_order
    assert HEAD_REVISION == head_revision() == script.get_current_head()


def test_an_up_to_date_database_opens_without_alembic(tmp_path: Path) -> None:
    path = tmp_path / "fresh.sqlite"
    open_database(sqlite_url(path)).close()
    probe = ("import sys; from organizer.store.database import open_database, sqlite_url; "
             f"db = open_database(sqlite_url({str(path)!r})); print(db.schema_revision()); db.close(); "
             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.split("\n")[:2] == [head_revision(), "[]"]


def _schema(path: Path) -> list[tuple[str, str, str, str | None]]:
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name != 'alembic_version'")
        return sorted(rows, key=repr)
    finally:
        con.close()


def test_migrations_never_import_the_live_code() -> None:
    """A migration is history: it creates what its revision created, whatever the code says today. One that
    imports ``organizer`` (the search index's triggers, the models) silently changes with the code."""
    import ast

    from organizer.store import migrations

    versions = Path(migrations.__file__).parent / "versions"
    scripts = sorted(versions.glob("0*.py"))
    assert len(scripts) >= 6
    live = []
    for script in scripts:
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            live += [f"{script.name}:{node.lineno} imports {n}" for n in names if n.split(".")[0] == "organizer"
                     or (isinstance(node, ast.ImportFrom) and node.level)]
    assert live == []


def test_each_revision_in_turn_gives_the_schema_of_a_new_database(tmp_path: Path) -> None:
    """Migrated one revision at a time from an empty file, a database ends with the tables, indexes and
    search triggers of a new one and of the models, and its triggers are the ones the search index's code
    re-creates (``store.search.sqlite``; ``rebuild`` only adds missing ones)."""
    from organizer.store.migrations import KNOWN_REVISIONS
    from organizer.store.search.sqlite import TABLES_SQL, TRIGGERS

    new = tmp_path / "new.sqlite"
    open_database(sqlite_url(new)).close()
    stepped = tmp_path / "stepped.sqlite"
    db = open_database(sqlite_url(stepped), upgrade=False)
    try:
        for revision in KNOWN_REVISIONS:
            upgrade_to(db, revision)
            assert db.schema_revision() == revision
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"include_name": include_name}),
                                    Base.metadata)
        assert diff == []
    finally:
        db.close()
    assert _schema(stepped) == _schema(new)
    triggers = {name: sql for kind, name, _table, sql in _schema(stepped) if kind == "trigger"}
    assert set(triggers) == set(TRIGGERS)
    for name, sql in TRIGGERS.items():  # SQLite stores the statement without IF NOT EXISTS
        assert triggers[name] == sql.replace("CREATE TRIGGER IF NOT EXISTS", "CREATE TRIGGER"), name
    tables = {name: sql for kind, name, _table, sql in _schema(stepped) if kind == "table"}
    for sql in TABLES_SQL:
        name = sql.split(" EXISTS ")[1].split()[0]
        assert tables[name] == sql.replace(" IF NOT EXISTS", ""), name
