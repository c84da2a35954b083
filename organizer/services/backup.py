"""Backups of the local SQLite database: on demand, daily and before migrations, and restoring one.

- ``backup_database(db, out)``: a consistent copy made with SQLite's online backup API while the
  database stays in use (``store.snapshots``); never over the open database or its companion files.
- ``daily_backup(db)``: an automatic copy in ``backups/`` beside the database when the newest one is
  more than a day old (rotated by age: ``snapshots.rotate``). A copy is also made before every
  migration (``store.database``).
- ``restore_database(path, source)``: refuses a file that is not an Organizer database (checked
  read-only, nothing written to it), keeps the current database aside in ``backups/`` (named
  ``<name>-before-restore-<time>.sqlite``, never rotated away), then copies the backup into the
  database with the backup API (other clients see the restored data; the file keeps its name, mode
  and WAL mode), and brings its schema up to date. A current file that cannot be read at all is
  renamed aside, unchanged.
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
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from organizer.domain.errors import DatabaseError, OrganizerError
from organizer.domain.redact import redact_url
from organizer.store import scrub, snapshots
from organizer.store.database import (
    BUSY_TIMEOUT_MS,
    Database,
    check_sqlite_file,
    open_database,
    sqlite_url,
)
from organizer.store.files import check_output_path


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
    """Copy the open database to ``out`` (a symbolic link is written through); returns the file written."""
    source = _local_path(db)
    target = check_output_path(out, source)
    if not target.parent.is_dir():
        raise OrganizerError(f"cannot write {out}: the folder {target.parent} does not exist")
    snapshots.copy_database(source, target)
    return target


def daily_backup(db: Database, *, now: datetime | None = None) -> Path | None:
    """An automatic backup if the last one is more than a day old; the new file, or None."""
    if db.path is None or not snapshots.backup_due(db.path, now=now):
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
    """Refuse what is not a readable, intact Organizer database, without writing to it."""
    if not check_sqlite_file(source):
        raise OrganizerError(f"{source} does not exist")
    header = source.read_bytes()[:20]
    mode = "immutable=1" if header[18:19] == b"\x01" else "mode=ro"
    try:
        con = sqlite3.connect(f"file:{quote(str(source.absolute()))}?{mode}", uri=True)
        try:
            result = con.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error as err:
        raise DatabaseError(f"{source} cannot be read as a backup: {err}") from None
    if result != "ok":
        raise DatabaseError(f"{source} is damaged (integrity check: {str(result)[:200]}); it cannot be restored")


def restore_database(database: Path, source: Path, *, now: datetime | None = None,
                     set_aside_unusable: bool = False) -> RestoreReport:
    """Replace the data of ``database`` with the backup ``source``; see the module docstring.

    ``set_aside_unusable``: a current file that is not an Organizer database (or is one of a newer
    Organizer) is renamed aside unchanged, like a damaged one, instead of refused; for the window's
    offer of a backup, which the user confirmed knowing the file will be moved.
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
        folder = snapshots.backup_dir(database)
        folder.mkdir(mode=0o700, exist_ok=True)
        aside = folder / f"{database.name}-before-restore-{stamp}.sqlite"
        try:
            readable = check_sqlite_file(database)
        except DatabaseError as err:
            if " is corrupt " not in str(err) and not set_aside_unusable:  # not ours, or a newer Organizer's
                raise OrganizerError(f"will not restore over {database}: {err}") from None
            readable = False
        if readable:
            snapshots.copy_database(database, aside)
            _copy_into(source, database)
        else:
            aside = aside.with_name(aside.name.replace("before-restore", "unreadable"))
            os.replace(database, aside)  # renamed, not changed
            for companion in ("-wal", "-shm"):
                Path(f"{database}{companion}").unlink(missing_ok=True)
            snapshots.copy_database(source, database)
    else:
        snapshots.copy_database(source, database)
    restored = open_database(sqlite_url(database), create=False)  # migrates an older backup to the head
    try:
        revision = restored.schema_revision()
    finally:
        restored.close()
    return RestoreReport(database=database, restored_from=source, kept_aside=aside, schema_revision=revision)


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


_ERASES = "SELECT id, record_id, at FROM audit_entry WHERE action = 'erase' AND kind = 'person'"


def _erases_in(con: sqlite3.Connection) -> set[tuple[object, ...]]:
    if con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_entry'").fetchone() is None:
        return set()  # from before the audit trail, so from before any erase
    return {tuple(r) for r in con.execute(_ERASES)}


def _erases_in_copy(copy: Path) -> set[tuple[object, ...]]:
    con = sqlite3.connect(f"file:{quote(str(copy.absolute()))}?mode=ro", uri=True)
    try:
        return _erases_in(con)
    finally:
        con.close()


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
        erases = _erases_in(con)
    copies = snapshots.automatic_backups(database) + snapshots.set_aside_copies(database)
    if not erases:
        return PurgeReport((), tuple(copies), (), None, 0)
    problem = scrub.rewrite_file(database)
    holding: list[Path] = []
    clean: list[Path] = []
    unchecked: list[Path] = []
    for copy in copies:
        try:
            (clean if erases <= _erases_in_copy(copy) else holding).append(copy)
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
