"""Backups of the local SQLite database: on demand, daily and before migrations, and restoring one.

- ``backup_database(db, out)``: a consistent copy made with SQLite's online backup API while the
  database stays in use (``store.snapshots``); never over the open database or its companion files.
- ``daily_backup(db)``: an automatic copy in ``backups/`` beside the database when the newest one is
  more than a day old (rotated by age: ``snapshots.rotate``). A copy is also made before every
  migration (``store.database``).
- ``restore_database(path, source)``: refuses a file that is not an intact Organizer backup (checked
  read-only, nothing written to it or beside it: its tables and columns for the revision it claims,
  ``store.recognition``, then ``PRAGMA integrity_check``), keeps the current database aside in
  ``backups/`` (named ``<name>-before-restore-<time>.sqlite``, never rotated away), then copies the
  backup into the database with the backup API (other clients see the restored data; the file keeps
  its name, mode and WAL mode), and brings its schema up to date. A current file that cannot be read,
  or has damaged pages, is renamed aside unchanged. A ``backups`` that is a file or read-only is one
  clear error before anything changed; a step that fails after the current data was kept aside says
  where that copy is.
- ``daily_backup`` and ``restore`` first remove the ``.part`` files a killed backup left
  (``snapshots.clean_stale_parts``: our names only, and only when their process is gone).
- ``purge_erased(db)`` (``organizer backup --purge-erased``): removes the copies in ``backups/`` that
  still hold people erased since they were made (see its docstring); copies elsewhere are out of reach.
- ``newest_good_backup(path)``: the newest automatic backup of a database that opens cleanly (checked
  read-only: ours, not from a newer Organizer, ``integrity_check`` ok); what the window offers when a
  database cannot be opened (``gui.backup_offer``).

A PostgreSQL database is backed up with the server's own tools (``pg_dump``); these calls refuse it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

from organizer.domain.errors import DatabaseError, OrganizerError
from organizer.domain.redact import redact_url
from organizer.store import scrub, snapshots
from organizer.store.database import (
    BUSY_TIMEOUT_MS,
    Database,
    check_sqlite_file,
    integrity_problem,
    open_database,
    sqlite_url,
)
from organizer.store.files import check_existing_file, check_output_path


@dataclass(frozen=True)
class RestoreReport:
    database: Path
    restored_from: Path
    kept_aside: Path | None
    schema_revision: str | None


def _local_path(db: Database) -> Path:
    if db.path is None:
        raise OrganizerError("backups here are for a local database file; back up a PostgreSQL database "
                             "with the server's tools (pg_dump)")
    return db.path


def backup_database(db: Database, out: Path) -> Path:
    """Copy the open database to ``out``; returns the file written. ``check_output_path`` refuses the
    database, its companions and backups, a device, FIFO, folder or symbolic link there."""
    source = _local_path(db)
    target = check_output_path(out, source)
    snapshots.copy_database(source, target)
    return target


def daily_backup(db: Database, *, now: datetime | None = None) -> Path | None:
    """An automatic backup if the last one is more than a day old and the database changed since (its
    history has a newer entry); the new file, or None. The ``.part`` files of a backup killed earlier
    are removed first (``snapshots.clean_stale_parts``). The window makes it on a worker after its first
    rows are shown; the commands that change data before their work."""
    if db.path is None:
        return None
    snapshots.clean_stale_parts(db.path)
    if not snapshots.backup_due(db.path, now=now) or snapshots.unchanged_since_last_backup(db.path):
        return None
    return snapshots.rotate_backup(db.path, "daily", now=now)


def list_backups(db: Database) -> list[Path]:
    """Automatic backups of this database, newest first."""
    return list(reversed(snapshots.automatic_backups(_local_path(db))))


@dataclass(frozen=True)
class BackupChoice:
    """The newest automatic backup of a database that opens cleanly, and the newer ones that did not."""

    path: Path
    made_at: datetime | None
    """When it was made (UTC), from its name."""
    skipped: tuple[tuple[Path, str], ...] = ()
    """Newer backups refused, each with the reason (damaged, not ours, from a newer Organizer)."""


def backups_of(database: Path) -> list[Path]:
    """The automatic backups of the database file ``database``, newest first (not checked: see
    ``newest_good_backup``). Works when the database itself cannot be opened."""
    return list(reversed(snapshots.automatic_backups(database)))


def newest_good_backup(database: Path) -> BackupChoice | None:
    """The newest automatic backup of ``database`` that passes ``check_backup_file`` (an Organizer
    database this version can open, intact by ``PRAGMA integrity_check``), or None. Read-only: no
    backup is changed by the checks."""
    skipped: list[tuple[Path, str]] = []
    for candidate in backups_of(database):
        try:
            check_backup_file(candidate)
        except OrganizerError as err:
            skipped.append((candidate, str(err)))
            continue
        return BackupChoice(candidate, snapshots.made_at(candidate), tuple(skipped))
    return None


def check_backup_file(source: Path) -> None:
    """Refuse what is not a readable, intact Organizer database, without writing to it or beside it:
    its tables and columns are checked for the revision it claims (``store.recognition``), then its
    pages with ``PRAGMA integrity_check``."""
    if not check_sqlite_file(source):
        raise OrganizerError(f"{source} does not exist")
    problem = integrity_problem(source)
    if problem is not None:
        raise DatabaseError(f"{source} is damaged (integrity check: {problem}); it cannot be restored")


def restore_database(database: Path, source: Path, *, now: datetime | None = None,
                     set_aside_unusable: bool = False) -> RestoreReport:
    """Replace the data of ``database`` with the backup ``source``; see the module docstring.

    ``set_aside_unusable``: a current file that is not an Organizer database (or is one of a newer
    Organizer) is renamed aside unchanged, like a damaged one, instead of refused; for the window's
    offer of a backup, which the user confirmed knowing the file will be moved.

    Nothing is lost on any failure: a step that fails before the database is touched leaves it as it
    was ("nothing was changed"); one that fails after says where the copy made before the restore is.
    """
    now = now or datetime.now(UTC)
    check_backup_file(source)
    if database.exists() and os.path.samefile(database, source):
        raise OrganizerError(f"{source} is the database itself, not a backup of it")
    if not database.parent.is_dir():
        raise OrganizerError(f"cannot restore to {database}: the folder {database.parent} does not exist")
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    aside: Path | None = None
    if database.exists():
        readable = _current_state(database, set_aside_unusable)
        folder = _aside_folder(database)
        snapshots.clean_stale_parts(database)
        aside = folder / f"{database.name}-before-restore-{stamp}.sqlite"
        if readable:
            try:
                snapshots.copy_database(database, aside)
            except DatabaseError as err:
                if integrity_problem(database) is None:
                    raise OrganizerError(f"cannot keep the current database aside: {err}; "
                                         "nothing was changed") from None
                readable = False  # damaged pages: set aside as it is, unchanged
        if readable:
            _after_aside(aside, lambda: _copy_into(source, database))
        else:
            aside = aside.with_name(aside.name.replace("before-restore", "unreadable"))
            _set_aside(database, aside, source)
    else:
        try:
            snapshots.copy_database(source, database)
        except DatabaseError as err:
            raise OrganizerError(f"cannot restore to {database}: {err}") from None
    revision = _after_aside(aside, lambda: _open_restored(database))
    return RestoreReport(database=database, restored_from=source, kept_aside=aside, schema_revision=revision)


def _current_state(database: Path, set_aside_unusable: bool) -> bool:
    """True if the current database is ours and readable (copied aside), False if it is to be renamed
    aside unchanged (damaged; or not ours when ``set_aside_unusable``); refuses it otherwise."""
    try:
        return check_sqlite_file(database)
    except DatabaseError as err:
        if " is corrupt " not in str(err) and not set_aside_unusable:  # not ours, or a newer Organizer's
            raise OrganizerError(f"will not restore over {database}: {err}") from None
        return False


def _aside_folder(database: Path) -> Path:
    """The ``backups`` folder beside ``database``, made if missing; a clear error (nothing changed yet)
    if it cannot be: a file of that name, a read-only folder."""
    folder = snapshots.backup_dir(database)
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except FileExistsError:
        raise OrganizerError(f"cannot keep the current database aside: {folder} is a file, not a folder; "
                             "nothing was changed") from None
    except OSError as err:
        raise OrganizerError(f"cannot make the folder {folder} for the current database: {err.strerror}; "
                             "nothing was changed") from None
    return folder


def _set_aside(database: Path, aside: Path, source: Path) -> None:
    """Rename an unreadable current database aside, unchanged, and copy the backup into its place; if
    the copy fails the file is renamed back."""
    try:
        os.replace(database, aside)  # renamed, not changed
    except OSError as err:
        raise OrganizerError(f"cannot move {database} aside to {aside}: {err.strerror}; nothing was changed") from None
    try:
        snapshots.copy_database(source, database)
    except DatabaseError as err:
        try:
            os.replace(aside, database)
        except OSError:
            raise OrganizerError(f"cannot restore to {database}: {err}; the previous file is kept as {aside}") \
                from None
        raise OrganizerError(f"cannot restore to {database}: {err}; nothing was changed") from None
    for companion in ("-wal", "-shm"):
        Path(f"{database}{companion}").unlink(missing_ok=True)


T = TypeVar("T")


def _after_aside(aside: Path | None, step: Callable[[], T]) -> T:
    """Run a step of the restore that comes after the current database was kept aside: if it fails,
    the message says where that copy is."""
    try:
        return step()
    except OrganizerError as err:
        if aside is None:
            raise
        kind = DatabaseError if isinstance(err, DatabaseError) else OrganizerError
        raise kind(f"{err}; the database as it was before the restore is kept as {aside}") from None


def _open_restored(database: Path) -> str | None:
    restored = open_database(sqlite_url(database), create=False)  # migrates an older backup to the head
    try:
        return restored.schema_revision()
    finally:
        restored.close()


def local_database_path(url: str) -> Path | None:
    """The SQLite file a database URL names, or None (a server database, or not a URL)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        u = make_url(url)
    except (ArgumentError, ValueError):
        return None
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def restore_at_url(url: str, source: Path) -> RestoreReport:
    """``restore_database`` for the database a URL names (a local SQLite file only)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        u = make_url(url)
    except (ArgumentError, ValueError):
        raise DatabaseError(f"not a database URL (check its form): {redact_url(url)}") from None
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        raise OrganizerError("restore works on a local database file; restore a PostgreSQL database with the "
                             "server's tools (pg_restore)")
    check_existing_file(Path(u.database), "a database", DatabaseError)  # a FIFO, a device, a name too long
    return restore_database(Path(u.database), source)


def _copy_into(source: Path, database: Path) -> None:
    """Overwrite the live database's pages with the backup's, through SQLite (one transaction)."""
    try:
        src = sqlite3.connect(f"file:{quote(str(source.absolute()))}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(database, timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as err:
        raise DatabaseError(f"cannot restore {source} into {database}: {err}; the database is unchanged") from None


@dataclass(frozen=True)
class PurgeReport:
    """What ``purge_erased`` did."""

    removed: tuple[Path, ...]
    """Copies that held data erased since they were made."""
    kept: tuple[Path, ...]
    """Copies made after every erase."""
    unchecked: tuple[Path, ...]
    """Copies that could not be read (damaged, not ours): left, they may hold erased data."""
    made: Path | None
    """The backup made first because no copy without the erased data existed."""
    erases: int
    """Erases in the database's history."""
    file_problem: str | None = None
    """What kept the database file itself from being rewritten and its log emptied (``scrub.rewrite_file``)."""


def purge_erased(db: Database, *, now: datetime | None = None) -> PurgeReport:
    """Remove the automatic backups and the copies ``restore`` set aside that still hold data erased since
    they were made: a copy holds it when the database's audit trail has an erase that the copy's trail lacks
    (exact, whatever the clocks said). First, when no copy has every erase, a fresh backup is made, so a way
    back always remains. Copies that cannot be read are left and reported. Copies outside ``backups/``
    (``backup --out``, exports, PDFs, other computers) are out of reach.

    The database file is also rewritten and its write-ahead log emptied again (``scrub.rewrite_file``),
    for an erase that could not do it because another program was reading."""
    database = _local_path(db)
    with db.plain_reader() as con:
        erases = snapshots.erases_in(con)
    copies = snapshots.automatic_backups(database) + snapshots.set_aside_copies(database)
    if not erases:
        return PurgeReport((), tuple(copies), (), None, 0)
    problem = scrub.rewrite_file(database)
    holding: list[Path] = []
    clean: list[Path] = []
    unchecked: list[Path] = []
    for copy in copies:
        try:
            (clean if erases <= snapshots.erases_in_copy(copy) else holding).append(copy)
        except sqlite3.Error:
            unchecked.append(copy)
    made = None
    if holding and not clean:
        made = snapshots.rotate_backup(database, snapshots.AFTER_ERASE, now=now)
        clean.append(made)
    removed: list[Path] = []
    for copy in holding:
        if copy.exists():  # the new backup's rotation may have taken it already
            try:
                copy.unlink()
            except OSError as err:
                raise OrganizerError(f"cannot remove {copy}: {err.strerror}; removed so far: "
                                     f"{', '.join(map(str, removed)) or 'none'}") from None
        removed.append(copy)
    return PurgeReport(tuple(removed), tuple(p for p in clean if p.exists()), tuple(unchecked), made, len(erases),
                       problem)
