"""Shared fixtures: file databases in tmp_path (never :memory:), with or without the demo visit.

With ``ORGANIZER_TEST_DB_URL`` set to a PostgreSQL server URL (``.ci/run`` does so in a second pass),
``db`` and ``demo_db`` are fresh databases on that server instead (each a copy of a template migrated
once per session), so the service, store and command-line tests run against PostgreSQL too. Tests that
are about the SQLite file itself ask for ``db_path``; under PostgreSQL they are skipped, with that reason.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from organizer.services.demo import load_demo
from organizer.store import Database, open_database, sqlite_url

SERVER_URL = os.environ.get("ORGANIZER_TEST_DB_URL", "")
DB_PATH_SKIP = "about the SQLite database file itself (this pass runs on ORGANIZER_TEST_DB_URL)"


@pytest.fixture(autouse=True)
def _display_language_as_stored() -> Iterator[None]:
    """The window's display language (``domain.variants.set_display_language``) is process state that the GUI
    tests set; every test starts and ends with texts as stored, so a test's outcome never depends on the order."""
    from organizer.domain.variants import set_display_language

    set_display_language(None)
    yield
    set_display_language(None)


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A database migrated to the newest schema, copied for each test (CREATE DATABASE ... TEMPLATE)."""
    from sqlalchemy import create_engine, text

    name = f"organizer_tmpl_{uuid.uuid4().hex[:10]}"
    admin = create_engine(SERVER_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    from sqlalchemy.engine import make_url

    open_database(make_url(SERVER_URL).set(database=name).render_as_string(hide_password=False)).close()
    yield name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    if SERVER_URL:
        pytest.skip(DB_PATH_SKIP)
    return tmp_path / "organizer.sqlite"


def fresh_database(request: pytest.FixtureRequest, sqlite_path: Callable[[], Path]) -> Iterator[Database]:
    """A new, migrated database for a test (a generator for fixtures to ``yield from``): a file at
    ``sqlite_path()`` on SQLite; on the PostgreSQL pass a copy of ``pg_template``, dropped afterwards."""
    if not SERVER_URL:
        database = open_database(sqlite_url(sqlite_path()))
        yield database
        database.close()
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    template = request.getfixturevalue("pg_template")
    name = f"organizer_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(SERVER_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    database = open_database(make_url(SERVER_URL).set(database=name).render_as_string(hide_password=False))
    yield database
    database.close()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def db(request: pytest.FixtureRequest) -> Iterator[Database]:
    yield from fresh_database(request, lambda: request.getfixturevalue("db_path"))


@pytest.fixture
def db_args(db: Database) -> list[str]:
    """The command-line options that open ``db``: ``--db FILE`` on SQLite, ``--db-url URL`` on PostgreSQL."""
    path = db.path
    return ["--db", str(path)] if path is not None else ["--db-url", db.url]


@pytest.fixture
def outside_sql(db: Database) -> Iterator[Callable[[str], None]]:
    """``outside_sql(statement)`` runs SQL on ``db`` the way another program would (the ``sqlite3`` shell,
    ``psql``): its own connection, committed at once, no Organizer code in between."""
    if db.path is not None:
        import sqlite3

        raw = sqlite3.connect(db.path, isolation_level=None)
        yield lambda sql: raw.execute(sql) and None
        raw.close()
        return
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(db.url)
    conn = psycopg.connect(dbname=url.database, user=url.username, password=url.password, host=url.query.get("host"),
                           port=url.query.get("port") or url.port, autocommit=True)
    yield lambda sql: conn.execute(sql) and None  # type: ignore[arg-type]
    conn.close()


@pytest.fixture
def demo_db(db: Database) -> Database:
    load_demo(db)
    return db


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On ``ORGANIZER_TEST_DB_URL``, run only the tests that use the ``db`` fixture (or the GUI tests'
    ``gui_db``, which is ``db`` in that pass): the others would only repeat their SQLite run."""
    if not SERVER_URL:
        return
    def uses_db(item: pytest.Item) -> bool:
        return bool({"db", "gui_db"} & set(getattr(item, "fixturenames", ())))

    keep = [item for item in items if uses_db(item)]
    dropped = [item for item in items if not uses_db(item)]
    for item in keep:  # skipped before any fixture is set up (a database made and then skipped is wasted work)
        if "db_path" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.skip(reason=DB_PATH_SKIP))
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    items[:] = keep
