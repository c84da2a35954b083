"""Opening a database: engine, SQLite pragmas, file checks, Alembic upgrade, unit of work.

``open_database(url)`` is the single entry point. For SQLite it
- refuses a file that is not a SQLite database (checked from its header, before SQLite touches it),
- creates a new file readable by its owner only (mode 0600) and its folder if needed,
- sets on every connection: foreign keys on, WAL journal, a busy timeout and ``synchronous=FULL``,
- takes control of transactions (pysqlite's own implicit BEGIN is switched off, the documented
  SQLAlchemy recipe) so a unit of work is exactly one SQLite transaction.

Then it brings the schema to the newest Alembic revision (the "connection sharing" recipe, with the
script location set in code so it also works frozen), or refuses a database that a newer Organizer
wrote. A database with tables but no Alembic version is not ours and is refused too.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from organizer.domain.errors import ConflictError, DatabaseError, SchemaTooNewError
from organizer.store.migrations import HEAD_REVISION, KNOWN_REVISIONS

if TYPE_CHECKING:
    from alembic.config import Config

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
SQLITE_BUSY_SNAPSHOT = 517
"""A read transaction tried to write after another connection committed (WAL): a conflict, not a lock."""
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def sqlite_url(path: str | os.PathLike[str]) -> str:
    return str(URL.create("sqlite+pysqlite", database=str(Path(path).expanduser().absolute())))


def alembic_config(url: str | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def head_revision() -> str:
    """The newest revision in the Alembic script directory (``HEAD_REVISION`` is kept equal by a test)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def _check_sqlite_file(path: Path, create: bool) -> None:
    """Refuse what is not a SQLite file without writing a byte; create a private new file."""
    if path.exists():
        if path.is_dir():
            raise DatabaseError(f"{path} is a folder, not a database file")
        try:
            with path.open("rb") as fh:
                header = fh.read(len(SQLITE_HEADER))
        except OSError as err:
            raise DatabaseError(f"cannot read {path}: {err.strerror}") from None
        if header and header != SQLITE_HEADER:
            raise DatabaseError(f"{path} is not an Organizer database (not a SQLite file)")
        return
    if not create:
        raise DatabaseError(f"{path} does not exist")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except OSError as err:
        raise DatabaseError(f"cannot create {path}: {err.strerror}") from None


def _install_sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, see below
        cur = dbapi_connection.cursor()
        try:
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")


class Database:
    """An open database: an engine plus a session factory. One per open file or server."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        # No autoflush: services validate a whole input (with look-ups) before anything reaches the
        # database, and flush explicitly once it is valid.
        self._sessions = sessionmaker(engine, expire_on_commit=False, autoflush=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def path(self) -> Path | None:
        if not self.is_sqlite:
            return None
        database = make_url(self.url).database
        return Path(database) if database and database != ":memory:" else None

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One transaction: committed if the block ends normally, rolled back on any exception."""
        with self._sessions() as session:
            try:
                with session.begin():
                    yield session
            except StaleDataError as err:
                raise ConflictError(
                    "the record was changed or deleted elsewhere while you edited it; reload it and try again"
                ) from err
            except sa_exc.OperationalError as err:
                if getattr(err.orig, "sqlite_errorcode", None) == SQLITE_BUSY_SNAPSHOT:
                    raise ConflictError(
                        "the database was changed elsewhere during this operation; nothing was saved, try again"
                    ) from err
                raise DatabaseError(_describe_operational_error(err, self.url)) from err

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A read-only session (a transaction that is rolled back at the end)."""
        with self._sessions() as session:
            try:
                yield session
            except sa_exc.OperationalError as err:
                raise DatabaseError(_describe_operational_error(err, self.url)) from err
            finally:
                session.rollback()

    def schema_revision(self) -> str | None:
        with self.engine.connect() as conn:
            return _stored_revision(conn, set(inspect(conn).get_table_names()))

    def close(self) -> None:
        self.engine.dispose()


def _describe_operational_error(err: sa_exc.DBAPIError, where: str) -> str:
    detail = str(err.orig) if err.orig is not None else str(err)
    return f"database error ({_safe_url(where)}): {detail}"


def _safe_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except sa_exc.ArgumentError:
        return "?"


def create_db_engine(url: str) -> Engine:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        engine = create_engine(u, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _install_sqlite_pragmas(engine)
        return engine
    return create_engine(u, pool_pre_ping=True)


def open_database(url: str, *, create: bool = True, upgrade: bool = True) -> Database:
    """Open (and if needed create and migrate) the database at ``url``.

    Raises DatabaseError with a one-line message for anything that makes the database unusable.
    """
    try:
        u = make_url(url)
    except sa_exc.ArgumentError:
        raise DatabaseError(f"not a database URL: {url!r}") from None
    if u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:":
        _check_sqlite_file(Path(u.database), create)
    try:
        engine = create_db_engine(url)
    except (sa_exc.ArgumentError, ImportError) as err:
        raise DatabaseError(f"cannot use database URL {_safe_url(url)}: {err}") from None
    db = Database(engine, url)
    try:
        _prepare_schema(db, upgrade=upgrade)
    except DatabaseError:
        engine.dispose()
        raise
    except sa_exc.DBAPIError as err:
        engine.dispose()
        raise DatabaseError(_describe_db_error(err, url)) from None
    return db


def _describe_db_error(err: sa_exc.DBAPIError, url: str) -> str:
    detail = str(err.orig) if err.orig is not None else str(err)
    if "file is not a database" in detail or "malformed" in detail:
        return f"{_safe_url(url)} is corrupt or not an Organizer database ({detail})"
    return f"cannot open database {_safe_url(url)}: {detail.strip().splitlines()[0] if detail else err}"


def _stored_revision(conn: Any, tables: set[str]) -> str | None:
    """The schema revision recorded in the database (Alembic's version table), read without Alembic."""
    if "alembic_version" not in tables:
        return None
    rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(rows) > 1:
        raise DatabaseError(f"the database records several schema versions ({', '.join(sorted(rows))}); "
                            "it was not written by Organizer")
    return str(rows[0]) if rows else None


def _prepare_schema(db: Database, *, upgrade: bool) -> None:
    """Check the stored schema revision; run Alembic only when it is not the head this code knows.

    An up-to-date database (the usual case) costs one small query and never imports Alembic, which
    would add about a fifth of a second to every command.
    """
    with db.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        current = _stored_revision(conn, tables)
    if current is None and tables - {"alembic_version"}:
        raise DatabaseError(
            f"{_safe_url(db.url)} holds tables but no Organizer schema version: not an Organizer database"
        )
    if current is not None and current not in KNOWN_REVISIONS:
        raise SchemaTooNewError(
            f"the database {_safe_url(db.url)} was written by a newer Organizer (schema {current}); "
            f"this version knows schemas up to {HEAD_REVISION}: please upgrade Organizer"
        )
    if upgrade and current != HEAD_REVISION:
        upgrade_to(db, "head")


def upgrade_to(db: Database, revision: str) -> None:
    """Run Alembic migrations up to ``revision`` on this database's engine (one transaction).

    On SQLite, foreign keys are switched off for the migration (batch mode recreates tables, and a
    DROP TABLE with foreign keys on would fire ON DELETE CASCADE) and checked before the commit.
    """
    from alembic import command

    cfg = alembic_config(db.url)
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection if db.is_sqlite else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, revision)
                if raw is not None:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise DatabaseError(f"migration to {revision} left broken references: {broken[:3]}")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")
