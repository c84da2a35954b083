"""Opening a database: engine, SQLite pragmas, file checks, Alembic upgrade, unit of work.

Opening an up-to-date database imports neither Alembic nor the ORM: reads run on Core connections
(``read_connection``); the ORM session factories are made on the first unit of work. Opening an
up-to-date SQLite file does not even import SQLAlchemy: the file check below reads its revision with the
standard library's ``sqlite3``, the engine is made on first use (``Database.engine``), and the window's
first rows come through ``plain_reader`` (see ``store/people_read.py``), so the desktop app paints its first
rows before SQLAlchemy is loaded.

``open_database(url)`` is the single entry point. For SQLite it
- checks that an existing file is ours *without changing a byte of it*: the header is read, then the
  file is opened read-only (``mode=ro``, or ``immutable=1`` when no write-ahead log exists that could
  hold newer pages) to look at its tables and Alembic version. An empty file, an empty SQLite database,
  a file of another program (also one that uses Alembic) are refused as "not an Organizer database";
- creates a new database only when asked to (``create=True``) and only in an existing folder, and
  atomically: the schema is built in a private temporary file (mode 0600) that is then linked to the
  final name, so no other process ever sees a half-made or empty database file;
- sets on every connection: foreign keys on, WAL journal, a busy timeout and ``synchronous=FULL``;
- takes control of transactions (pysqlite's own implicit BEGIN is switched off, the documented
  SQLAlchemy recipe). A unit of work that may write starts with ``BEGIN IMMEDIATE``: it takes the
  write lock up front, so concurrent writers queue (for up to the busy timeout) instead of failing
  with "database is locked" when a deferred transaction cannot upgrade its read lock. Reads stay
  deferred and never wait.

Then it brings the schema to the newest Alembic revision (the "connection sharing" recipe, with the
script location set in code so it also works frozen), or refuses a database that a newer Organizer
wrote. A database with tables but no Alembic version is not ours and is refused too. On PostgreSQL
the migration runs under a transaction-level advisory lock, so clients starting at once on a new
database migrate it one after the other (the later ones find it at head and do nothing).

Errors of the database become one-line ``OrganizerError`` messages: a unique constraint another
client won in a race is a ``ConflictError`` (``write`` retries such units of work), a lock not
obtained within the busy timeout says so, and a URL is never shown with its password.

Longer than 500 lines: opening a database (URL, SQLite file checks before anything touches it,
pragmas, migrations) and the ``Database`` class with its units of work, retries and error messages;
they share the engine set-up and the error translation, and ``store.recognition`` already holds what
a revision's schema looks like.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast
from urllib.parse import quote, unquote

from organizer.domain.errors import ConflictError, DamagedDatabaseError, DatabaseError, SchemaTooNewError
from organizer.domain.redact import redact, redact_url
from organizer.store.decoding import decode
from organizer.store.files import atomic_output, check_existing_file
from organizer.store.migrations import HEAD_REVISION, KNOWN_REVISIONS
from organizer.store.recognition import describe_missing, expected_tables, is_damaged_error, missing_parts

if TYPE_CHECKING:  # SQLAlchemy is imported where it is used: an up-to-date SQLite file opens without it
    from alembic.config import Config
    from sqlalchemy import Connection, Engine
    from sqlalchemy import exc as sa_exc
    from sqlalchemy.orm import Session, sessionmaker

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 60_000
"""How long a writer waits for another one to finish. Readers never wait (WAL), so this is the time a
queue of writers may take: twenty clients importing at once on a busy laptop need well over 10 s."""
SQLITE_BUSY_SNAPSHOT = 517
"""A read transaction tried to write after another connection committed (WAL): a conflict, not a lock."""
SQLITE_CONSTRAINT_UNIQUE = 2067
SQLITE_CONSTRAINT_PRIMARYKEY = 1555
PG_UNIQUE_VIOLATION = "23505"
PG_RETRYABLE = {"40001", "40P01"}  # serialization failure, deadlock detected
MIGRATION_LOCK_KEY = 0x0F6A_17E5
"""PostgreSQL advisory lock key under which migrations run (any constant; ours)."""
OUR_TABLES = frozenset({"person", "institution", "topic", "person_name", "institution_name"})
"""Tables every Organizer schema has had since revision 0001: how a newer Organizer's file is told
apart from another program's file that also uses Alembic."""
NEW_DB_SUFFIX = ".new"
WRITE_OPTION = "organizer_write"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
T = TypeVar("T")


SQLITE_FILE_URL = re.compile(r"sqlite(?:\+pysqlite)?:///(?P<database>[^?]*)")
"""A SQLite file URL without query options, as ``sqlite_url`` writes it: read without SQLAlchemy."""


def sqlite_url(path: str | os.PathLike[str]) -> str:
    """The URL of a SQLite file: what ``sqlalchemy.engine.URL.create("sqlite+pysqlite", database=...)``
    renders (its quoting of the database part; a test checks they agree), made without importing SQLAlchemy."""
    return "sqlite+pysqlite:///" + quote(str(Path(path).expanduser().absolute()), safe=" +/")


def sqlite_file_of(url: str) -> Path | None:
    """The file a plain SQLite URL names (as ``make_url(url).database`` reads it), or None for any other
    URL (a server, ``:memory:``, query options): those are read by SQLAlchemy."""
    match = SQLITE_FILE_URL.fullmatch(url)
    if match is None:
        return None
    database = unquote(match["database"])
    return Path(database) if database and database != ":memory:" else None


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


def check_sqlite_file(path: Path) -> bool:
    """True if ``path`` is an Organizer database, False if it does not exist; otherwise DatabaseError.

    Nothing is written to the file: see the module docstring.
    """
    return sqlite_file_revision(path) is not None


def sqlite_file_revision(path: Path) -> str | None:
    """The schema revision of the Organizer database ``path``, None if the file does not exist;
    DatabaseError (or SchemaTooNewError) if it is not an Organizer database this version can open.

    Nothing is written to the file: see the module docstring.
    """
    if not check_existing_file(path, "a database", DatabaseError):  # a FIFO is refused, never opened
        return None
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as err:
        raise DatabaseError(f"cannot read {path}: {err.strerror}") from None
    if not header:
        raise DatabaseError(f"{path} is an empty file (0 bytes), not an Organizer database; "
                            "remove it or choose another file")
    if not header.startswith(SQLITE_HEADER):
        raise DatabaseError(f"{path} is not an Organizer database (not a SQLite file)")
    tables, revision, columns = _read_schema_read_only(path, wal=len(header) > 18 and header[18] == 2)
    if not tables:
        raise DatabaseError(f"{path} is an empty SQLite database (no tables), not an Organizer database")
    if "alembic_version" not in tables:
        raise DatabaseError(f"{path} holds tables but no Organizer schema version: not an Organizer database")
    if revision not in KNOWN_REVISIONS:
        if revision is not None and tables >= OUR_TABLES:
            raise SchemaTooNewError(
                f"the database {path} was written by a newer Organizer (schema {revision}); "
                f"this version knows schemas up to {HEAD_REVISION}: please upgrade Organizer"
            )
        raise DatabaseError(f"{path} is not an Organizer database (its schema version {revision!r} is not ours)")
    missing = missing_parts(revision, columns)
    if missing:
        raise DatabaseError(f"{path} is not an Organizer database (it claims schema {revision} "
                            f"but lacks {describe_missing(missing)})")
    return revision


def _read_schema_read_only(path: Path, *, wal: bool) -> tuple[set[str], str | None, dict[str, set[str]]]:
    """Table names, Alembic revision and the columns of the tables that revision should have, read
    without writing to the file.

    A file in WAL mode without a ``-wal`` file is read as immutable (a read-only connection would
    create the ``-wal`` and ``-shm`` files); otherwise ``mode=ro``. A damaged file is not tried again
    with ``mode=ro``: that would leave empty ``-wal``/``-shm`` files beside a file that is refused.
    """
    def read(con: sqlite3.Connection) -> tuple[set[str], str | None, dict[str, set[str]]]:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        revision = None
        if "alembic_version" in tables:
            rows = [r[0] for r in con.execute("SELECT version_num FROM alembic_version")]
            if len(rows) > 1:
                raise DatabaseError(f"the database {path} records several schema versions "
                                    f"({', '.join(sorted(map(str, rows)))}); it was not written by Organizer")
            revision = rows[0] if rows else None
        return tables, revision, _columns(con, tables, revision)

    found, last = _read_only(path, read, wal=wal)
    if found is not None:
        return found
    detail = str(last) if last is not None else "unreadable"
    kind = DamagedDatabaseError if last is not None and is_damaged_error(last) else DatabaseError
    raise kind(f"{path} is corrupt or not an Organizer database ({detail})")


def _read_only(path: Path, read: Callable[[sqlite3.Connection], T], *,
               wal: bool | None = None) -> tuple[T | None, sqlite3.Error | None]:
    """``read`` on a connection that writes nothing to ``path`` or beside it, trying ``read_only_modes``
    in turn: (its result, None), or (None, the last error). A damaged file is not tried again with
    ``mode=ro``: that would leave empty ``-wal``/``-shm`` files beside a file that is refused."""
    quoted = quote(str(path.absolute()))
    last: sqlite3.Error | None = None
    for mode in read_only_modes(path, wal=wal):
        try:
            con = sqlite3.connect(f"file:{quoted}?{mode}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error as err:
            last = err
            continue
        try:
            return read(con), None
        except sqlite3.Error as err:
            last = err
            if is_damaged_error(err):
                break
        finally:
            con.close()
    return None, last


def read_only_modes(path: Path, *, wal: bool | None = None) -> list[str]:
    """The URI options to read the SQLite file ``path`` without writing a byte to it or beside it, in
    the order to try: ``immutable=1`` for a file in WAL mode with no ``-wal`` file (``mode=ro`` would
    create ``-wal`` and ``-shm``), then ``mode=ro``. ``wal`` is read from the header when not given."""
    if wal is None:
        try:
            with path.open("rb") as fh:
                header = fh.read(20)
        except OSError:
            header = b""
        wal = len(header) > 18 and header[18] == 2
    return ["immutable=1", "mode=ro"] if wal and not Path(f"{path}-wal").exists() else ["mode=ro"]


def integrity_problem(path: Path) -> str | None:
    """What ``PRAGMA integrity_check`` finds wrong with the SQLite file ``path`` (its first lines), or
    None if it is intact. Read-only: nothing is written to the file or beside it."""

    def read(con: sqlite3.Connection) -> str:
        rows = [str(r[0]) for r in con.execute("PRAGMA integrity_check(5)")]
        return "" if rows == ["ok"] else " ".join("; ".join(rows).split())[:300]

    found, last = _read_only(path, read)
    if found is not None:
        return found or None
    return str(last) if last is not None else "unreadable"


def _columns(con: sqlite3.Connection, tables: set[str], revision: object) -> dict[str, set[str]]:
    """The columns of the tables that ``revision`` should have (``store.recognition``), as found."""
    if not isinstance(revision, str) or revision not in KNOWN_REVISIONS:
        return {}
    wanted = sorted(expected_tables(revision) & tables)
    found: dict[str, set[str]] = {table: set() for table in wanted}
    if wanted:
        marks = ", ".join("?" * len(wanted))
        for table, column in con.execute(
                "SELECT m.name, p.name FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS p "
                f"WHERE m.type = 'table' AND m.name IN ({marks})", wanted):
            found[table].add(column)
    return found


def create_sqlite_database(path: Path, revision: str | None = "head") -> None:
    """Create a new, migrated, private database at ``path`` atomically (see the module docstring).

    If another process creates it first, theirs is kept and this returns normally. ``revision=None``
    leaves the schema empty (for tests that start from an old revision).
    """
    folder = path.parent
    if not folder.is_dir():
        raise DatabaseError(f"cannot create {path}: the folder {folder} does not exist")
    with atomic_output(path, suffix=NEW_DB_SUFFIX, replace=False, check=False, verb="create",
                       error=DatabaseError) as tmp:  # linked into place: another process's file wins
        db = Database(sqlite_url(tmp))
        try:
            if revision is not None:
                upgrade_to(db, revision)
            else:
                db.engine.connect().close()  # WAL mode is set on connect
        finally:
            db.close()  # the last connection closes: the log is checkpointed into the file


def _install_sqlite_pragmas(engine: Engine) -> None:
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, see below
        dbapi_connection.text_factory = decode  # invalid UTF-8 written by another tool: U+FFFD, not a failed read
        cur = dbapi_connection.cursor()
        try:
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            # Statement journals (SQLite opens one for each statement that fires a trigger, such as
            # the search index's queue triggers on every person, name, e-mail... row) and temporary
            # sort tables stay in memory: on a file they cost a create/write/truncate per row, which
            # made an archive import's inserts take twice their CPU time (bench/README.md).
            cur.execute("PRAGMA temp_store=MEMORY")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn: Any) -> None:
        # A unit of work that may write takes the write lock now and waits for it (busy timeout);
        # a deferred BEGIN that later upgrades to a write lock cannot wait and fails at once.
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


class Database:
    """An open database: an engine plus a session factory. One per open file or server.

    The engine is made on first use (``engine``): a SQLite file whose schema is up to date is opened,
    and the window's first rows read (``plain_reader``), without importing SQLAlchemy.
    """

    def __init__(self, url: str, engine: Engine | None = None, user: str | None = None) -> None:
        self.url = url
        self.user = user if user is not None else default_user()
        """Who makes the changes, for the audit trail (``store.audit``): the CLI's ``--user``, the
        window's Preferences, else ``$ORGANIZER_USER`` or the operating system's user name."""
        self._engine = engine
        self._write_engine: Engine | None = None
        self._engine_lock = threading.Lock()  # the first use may come from the UI thread and a worker at once
        self._backend = url.split("://", 1)[0].split("+", 1)[0].lower()
        self._factories: tuple[sessionmaker[Session], sessionmaker[Session]] | None = None

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made (and SQLAlchemy imported) on first use."""
        engine = self._engine
        if engine is None:
            with self._engine_lock:
                if self._engine is None:
                    self._engine = create_db_engine(self.url)
                engine = self._engine
        return engine

    @property
    def write_engine(self) -> Engine:
        """The engine with the option that makes a SQLite transaction begin with ``BEGIN IMMEDIATE``."""
        engine = self._write_engine
        if engine is None:
            base = self.engine
            with self._engine_lock:
                if self._write_engine is None:
                    self._write_engine = base.execution_options(**{WRITE_OPTION: True})
                engine = self._write_engine
        return engine

    def _session_factories(self) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
        """(read, write) session factories, made on the first ORM unit of work.

        The ORM and the mapped classes are imported only then: commands and views that only read run
        on Core connections (``read_connection``) and never load them (see ``store/schema.py``).
        """
        if self._factories is None:
            from sqlalchemy import event
            from sqlalchemy.orm import configure_mappers, sessionmaker

            # the mapped classes must exist to be configured; audit listens to the write sessions
            from organizer.store import audit, models  # noqa: F401

            configure_mappers()  # once per process, outside any transaction (not while holding the write lock)
            # No autoflush: services validate a whole input (with look-ups) before anything reaches the
            # database, and flush explicitly once it is valid.
            writes = sessionmaker(self.write_engine, expire_on_commit=False, autoflush=False)
            event.listen(writes, "before_flush", audit.collect)
            self._factories = (sessionmaker(self.engine, expire_on_commit=False, autoflush=False), writes)
        return self._factories

    @property
    def is_sqlite(self) -> bool:
        return self._backend == "sqlite"

    @property
    def path(self) -> Path | None:
        """The SQLite file of this database, or None (a server, or an in-memory database)."""
        if not self.is_sqlite:
            return None
        plain = sqlite_file_of(self.url)
        if plain is not None:
            return plain
        from sqlalchemy.engine import make_url

        database = make_url(self.url).database
        return Path(database) if database and database != ":memory:" else None

    @contextmanager
    def plain_reader(self) -> Iterator[sqlite3.Connection]:
        """One read transaction on a standard-library ``sqlite3`` connection to this SQLite file.

        For the few reads that must not wait for SQLAlchemy to load (the window's first rows, see
        ``store/people_read.py``). The connection is read-only (``query_only``), never creates the file, waits
        for locks like the engine's connections (busy timeout) and is closed at the end; errors become
        ``DatabaseError``. A database that is not a SQLite file has no plain reader (``path`` is None). Once
        the engine is made (SQLAlchemy is loaded by then), the read runs on a connection of its pool instead,
        with the same guarantees (``_pooled_reader``).
        """
        path = self.path
        if path is None:
            raise DatabaseError("plain reads need a SQLite database file")
        if self._engine is not None and self._engine.dialect.driver == "pysqlite":  # the same reads on its pool
            with self._pooled_reader() as pooled:
                yield pooled
            return
        try:
            con = sqlite3.connect(f"file:{quote(str(path.absolute()))}?mode=rw", uri=True, isolation_level=None,
                                  timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error as err:
            raise operational_error(err, self.url) from None
        con.text_factory = decode
        try:
            con.execute("PRAGMA query_only=ON")
            con.execute("BEGIN")
            yield con
        except sqlite3.Error as err:
            raise operational_error(err, self.url) from None
        finally:
            con.close()  # closing ends the read transaction

    @contextmanager
    def _pooled_reader(self) -> Iterator[sqlite3.Connection]:
        """``plain_reader`` on a connection of the engine's pool, once the engine is made: its schema is parsed
        and its pages are cached (a batch of 100 people's list rows costs 1.6 ms of CPU there, 5.5 ms on a
        new connection at 100,000 people), one read transaction (rolled back at the end)."""
        with self.read_connection() as conn:
            conn.begin()
            con = cast(sqlite3.Connection, conn.connection.driver_connection)  # pysqlite: see plain_reader
            try:
                con.execute("PRAGMA query_only=ON")  # for this read only: the pool's connections also write
                try:
                    yield con
                finally:
                    con.execute("PRAGMA query_only=OFF")
            except sqlite3.Error as err:
                raise operational_error(err, self.url) from None

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One write transaction: committed if the block ends normally, rolled back on any exception.

        On SQLite it begins with ``BEGIN IMMEDIATE`` (see the module docstring).
        """
        from sqlalchemy import exc as sa_exc
        from sqlalchemy.orm.exc import StaleDataError

        from organizer.store import audit
        from organizer.store.search import engine as search_engine

        with self._session_factories()[1]() as session:
            session.info[audit.USER] = self.user
            try:
                with session.begin():
                    yield session
                    session.flush()
                    audit.write_pending(session)  # who changed what, in the same transaction
                    search_engine.sync_before_commit(session)  # the index changes with the data
            except StaleDataError as err:
                raise ConflictError(
                    "the record was changed or deleted elsewhere while you edited it; reload it and try again"
                ) from err
            except sa_exc.IntegrityError as err:
                if is_unique_race(err):
                    raise RaceConflictError(
                        "someone else saved a record with the same unique name or uid at the same moment; "
                        "nothing was saved, try again"
                    ) from err
                raise DatabaseError(f"the change breaks a rule of the database ({_first_line(err)}); "
                                    "nothing was saved") from err
            except sa_exc.DBAPIError as err:
                if getattr(err.orig, "sqlite_errorcode", None) == SQLITE_BUSY_SNAPSHOT or is_retryable(err):
                    raise RaceConflictError(
                        "the database was changed elsewhere during this operation; nothing was saved, try again"
                    ) from err
                if _is_sqlite_busy(err):
                    raise DatabaseError(
                        f"the database is busy: another program kept it locked for more than "
                        f"{BUSY_TIMEOUT_MS // 1000} s; nothing was saved, try again"
                    ) from err
                raise operational_error(err, self.url) from err
            except sqlite3.DatabaseError as err:  # raw cursors (the search index) on a damaged file
                if not is_damaged_error(err):
                    raise
                raise operational_error(err, self.url) from err

    def write(self, work: Callable[[Session], T], *, attempts: int = 5) -> T:
        """Run ``work`` in a unit of work, again (up to ``attempts`` times) if it lost a race to a
        concurrent client (a unique uid or name inserted at the same moment, a deadlock): the next
        attempt sees the winner's rows. Only for work that is safe to repeat from the start."""
        for attempt in range(1, attempts + 1):
            try:
                with self.unit_of_work() as session:
                    return work(session)
            except RaceConflictError:
                if attempt == attempts:
                    raise
        raise AssertionError("unreachable")

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A read-only session (a transaction that is rolled back at the end)."""
        from sqlalchemy import exc as sa_exc

        with self._session_factories()[0]() as session:
            try:
                yield session
            except (sa_exc.OperationalError, sa_exc.DatabaseError, sqlite3.DatabaseError) as err:
                if not isinstance(err, sa_exc.OperationalError) and not is_damaged_error(err):
                    raise
                raise operational_error(err, self.url) from err
            finally:
                session.rollback()

    @contextmanager
    def read_connection(self) -> Iterator[Connection]:
        """A Core connection in one read transaction (rolled back at the end), for queries of plain rows.

        Cheaper than ``reader()`` (no ORM session): record views and listings that read columns, not
        objects, use it.
        """
        from sqlalchemy import exc as sa_exc

        try:
            with self.engine.connect() as conn:
                yield conn
        except (sa_exc.OperationalError, sa_exc.DatabaseError, sqlite3.DatabaseError) as err:
            if not isinstance(err, sa_exc.OperationalError) and not is_damaged_error(err):
                raise
            raise operational_error(err, self.url) from err

    def schema_revision(self) -> str | None:
        from sqlalchemy import inspect

        with self.engine.connect() as conn:
            return _stored_revision(conn, set(inspect(conn).get_table_names()))

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


def default_user() -> str:
    """``$ORGANIZER_USER``, else the operating system's login name, else "" (unknown)."""
    name = os.environ.get("ORGANIZER_USER", "").strip()
    if name:
        return name
    try:
        import getpass

        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


class RaceConflictError(ConflictError):
    """A concurrent client won a race (unique value inserted first, deadlock): repeating the work helps."""


def is_unique_race(err: sa_exc.DBAPIError) -> bool:
    orig = err.orig
    return (getattr(orig, "sqlite_errorcode", None) in (SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY)
            or getattr(orig, "sqlstate", None) == PG_UNIQUE_VIOLATION)


def is_retryable(err: sa_exc.DBAPIError) -> bool:
    return getattr(err.orig, "sqlstate", None) in PG_RETRYABLE


def _is_sqlite_busy(err: sa_exc.DBAPIError) -> bool:
    return getattr(err.orig, "sqlite_errorcode", 0) & 0xFF in (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED


def _first_line(err: sa_exc.DBAPIError) -> str:
    detail = str(err.orig) if err.orig is not None else str(err)
    return (detail.strip().splitlines() or [""])[0][:300]


def operational_error(err: sa_exc.DBAPIError | sqlite3.Error, url: str) -> DatabaseError:
    """The ``DatabaseError`` (``DamagedDatabaseError`` for damaged pages) to raise for a driver error."""
    message = _describe_operational_error(err, url)
    return DamagedDatabaseError(message) if is_damaged_error(err) else DatabaseError(message)


def _describe_operational_error(err: sa_exc.DBAPIError | sqlite3.Error, where: str) -> str:
    orig = getattr(err, "orig", None)
    detail = str(orig) if orig is not None else str(err)
    if is_damaged_error(err):
        return redact(damaged_message(where, detail), where)
    return redact(f"database error ({redact_url(where)}): {detail}", where)


def damaged_message(url: str, detail: str) -> str:
    """The one line for a database with damaged pages: what SQLite said, and the way out."""
    lines = detail.strip().splitlines()
    said = lines[0][:200] if lines else "corrupt"
    path = sqlite_file_of(url)
    if path is None:
        return f"the database {redact_url(url)} is damaged ({said}); nothing was changed"
    return (f"the database {path} is damaged ({said}); nothing was changed. Restore a backup with "
            f"`organizer restore FILE` (automatic backups are in {path.parent / 'backups'})")


def create_db_engine(url: str) -> Engine:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        engine = create_engine(u, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _install_sqlite_pragmas(engine)
        return engine
    from organizer.store.schema import add_postgresql_options

    add_postgresql_options()
    return create_engine(u, pool_pre_ping=True)


def open_database(url: str, *, create: bool = True, upgrade: bool = True) -> Database:
    """Open (and if needed create and migrate) the database at ``url``.

    Raises DatabaseError with a one-line message for anything that makes the database unusable.
    An existing SQLite file at the newest revision is checked with ``sqlite3`` alone and opened without
    importing SQLAlchemy (its engine is made on first use); anything else goes through the engine.
    """
    plain = sqlite_file_of(url)
    if plain is not None and upgrade and sqlite_file_revision(plain) == HEAD_REVISION:
        return Database(url)  # checked above: ours, one revision, the newest; nothing to migrate
    from sqlalchemy import exc as sa_exc
    from sqlalchemy.engine import make_url

    try:
        u = make_url(url)
        u.port  # noqa: B018 - a bad port raises here
    except (sa_exc.ArgumentError, ValueError):
        raise DatabaseError(f"not a database URL (check its form, e.g. the port): {redact_url(url)}") from None
    if u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:":
        path = Path(u.database)
        if not check_sqlite_file(path):
            if not create:
                raise DatabaseError(f"{path} does not exist (to create a new database there, use --create)")
            create_sqlite_database(path, "head" if upgrade else None)
    try:
        engine = create_db_engine(url)
    except (sa_exc.ArgumentError, ImportError, ValueError) as err:
        raise DatabaseError(redact(f"cannot use database URL {redact_url(url)}: {err}", url)) from None
    db = Database(url, engine)
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
        return redact(f"{redact_url(url)} is corrupt or not an Organizer database ({detail})", url)
    return redact(f"cannot open database {redact_url(url)}: {detail.strip().splitlines()[0] if detail else err}",
                  url)


def _stored_revision(conn: Any, tables: set[str]) -> str | None:
    """The schema revision recorded in the database (Alembic's version table), read without Alembic."""
    from sqlalchemy import text

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
    from sqlalchemy import inspect

    with db.engine.connect() as conn:
        inspector = inspect(conn)
        tables = set(inspector.get_table_names())
        current = _stored_revision(conn, tables)
        columns: dict[str, set[str]] = {}
        if current in KNOWN_REVISIONS:
            wanted = sorted(expected_tables(current) & tables)
            found = inspector.get_multi_columns(filter_names=wanted) if wanted else {}
            columns = {table: {column["name"] for column in found_columns}
                       for (_schema, table), found_columns in found.items()}
    if current is None and tables - {"alembic_version"}:
        raise DatabaseError(
            f"{redact_url(db.url)} holds tables but no Organizer schema version: not an Organizer database"
        )
    if current is not None and current not in KNOWN_REVISIONS and not tables >= OUR_TABLES:
        raise DatabaseError(f"{redact_url(db.url)} is not an Organizer database (its schema version "
                            f"{current!r} is not ours)")
    if current is not None and current not in KNOWN_REVISIONS:
        raise SchemaTooNewError(
            f"the database {redact_url(db.url)} was written by a newer Organizer (schema {current}); "
            f"this version knows schemas up to {HEAD_REVISION}: please upgrade Organizer"
        )
    missing = missing_parts(current, columns) if current in KNOWN_REVISIONS else []
    if current is not None and missing:
        raise DatabaseError(f"{redact_url(db.url)} is not an Organizer database (it claims schema {current} "
                            f"but lacks {describe_missing(missing)})")
    if upgrade and current != HEAD_REVISION:
        if db.path is not None and current is not None:
            from organizer.store.snapshots import rotate_backup

            rotate_backup(db.path, f"before-{HEAD_REVISION}")  # a way back if the migration goes wrong
        upgrade_to(db, "head")


def upgrade_to(db: Database, revision: str) -> None:
    """Run Alembic migrations up to ``revision`` on this database's engine (one transaction).

    On SQLite, foreign keys are switched off for the migration (batch mode recreates tables, and a
    DROP TABLE with foreign keys on would fire ON DELETE CASCADE) and checked before the commit.
    """
    from alembic import command

    cfg = alembic_config(db.url)
    with db.write_engine.connect() as conn:
        raw = conn.connection.driver_connection if db.is_sqlite else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                if db.engine.dialect.name == "postgresql":
                    # Clients starting at once on a new database migrate one after the other; Alembic
                    # then reads the version inside this transaction and finds the work done.
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, revision)
                if raw is not None:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise DatabaseError(f"migration to {revision} left broken references: {broken[:3]}")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")
