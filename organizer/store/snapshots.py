"""Copies of a local SQLite database made with SQLite's online backup API, and their rotation.

A copy is consistent even while other clients write (the backup API reads one snapshot), is a single
self-contained file (switched from WAL to a rollback journal, so it needs no ``-wal`` beside it), is
checked with ``PRAGMA integrity_check``, and appears under its final name only when complete
(written to a private temporary name, synced, renamed). Files and folder are owner-only.

Automatic copies live in a ``backups`` folder beside the database, named
``<database name>-<UTC time>-<reason>.sqlite`` (reason ``daily``, ``before-<revision>`` or ``after-erase``).

Rotation is by age (``rotate``, after every automatic backup): a backup made more than ``KEEP_FOR`` (7
days) before the new one is removed, whatever its reason, except the newest backup of the database,
which is always kept (a database changed once a month still has a way back). So on a database changed
daily about 7 copies are kept, on one changed weekly one or two, and no automatic copy outlives the week
after a newer one was made: data erased with ``organizer erase`` is gone from the automatic backups at
most ``KEEP_FOR`` after the erase, which makes an ``after-erase`` backup at once (see
``services.erase``; ``organizer backup --purge-erased`` removes the older copies without waiting). The
age is read from the UTC time in the name, not from the file's modification time (a copy of the folder
keeps the names, not always the times). Only files matching that pattern are ever removed.
"""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from organizer.domain.errors import DamagedDatabaseError, DatabaseError
from organizer.store.files import atomic_output, clean_stale_temps
from organizer.store.recognition import is_damaged_error

AFTER_ERASE = "after-erase"
"""The reason in the name of the backup ``organizer erase`` makes after the erase."""
KEEP_FOR = timedelta(days=7)
"""Automatic backups made more than this before the newest one are removed (the newest is always kept)."""
DAILY = timedelta(hours=24)
BACKUP_DIR = "backups"
TEMP_SUFFIX = ".part"
_STAMP = "%Y%m%dT%H%M%SZ"


def backup_dir(database: Path) -> Path:
    return database.parent / BACKUP_DIR


def _private_folder(folder: Path) -> Path:
    folder.mkdir(mode=0o700, exist_ok=True)
    if os.name == "posix" and folder.stat().st_mode & 0o077:
        folder.chmod(0o700)
    return folder


def copy_database(source: Path, target: Path) -> None:
    """Write a consistent, self-contained copy of the SQLite database ``source`` to ``target`` atomically
    (``files.atomic_output``: a private temporary file renamed over the target, never onto a device, FIFO
    or link). The caller guards the target (``files.check_output_path``) when the user chose it."""
    try:
        with atomic_output(target, suffix=TEMP_SUFFIX, check=False, keep_mode=False,
                           error=DatabaseError) as tmp:
            src = sqlite3.connect(f"file:{quote(str(source.absolute()))}?mode=ro", uri=True, timeout=60)
            try:
                dst = sqlite3.connect(tmp)
                try:
                    src.backup(dst)
                    dst.execute("PRAGMA journal_mode=DELETE")
                    check = dst.execute("PRAGMA integrity_check").fetchone()[0]
                    if check != "ok":
                        raise DatabaseError(f"the copy of {source} failed its integrity check: {check}")
                finally:
                    dst.close()
            finally:
                src.close()
    except sqlite3.Error as err:
        if is_damaged_error(err):
            raise DamagedDatabaseError(f"cannot copy {source}: it is damaged ({err})") from None
        raise DatabaseError(f"cannot copy {source}: {err}") from None


def _pattern(database: Path) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(database.name)}-(\d{{8}}T\d{{6}}Z)-([a-z0-9-]+)\.sqlite$")


def automatic_backups(database: Path) -> list[Path]:
    """The automatic backups of ``database``, oldest first."""
    folder = backup_dir(database)
    if not folder.is_dir():
        return []
    pattern = _pattern(database)
    found = [(m.group(1), p) for p in folder.iterdir() if (m := pattern.match(p.name)) and p.is_file()]
    return [p for _, p in sorted(found)]


def set_aside_copies(database: Path) -> list[Path]:
    """The copies ``restore`` set aside in ``backups/`` (``<name>-before-restore-<time>.sqlite`` and
    ``<name>-unreadable-<time>.sqlite``; never rotated away), oldest first."""
    folder = backup_dir(database)
    if not folder.is_dir():
        return []
    pattern = re.compile(rf"^{re.escape(database.name)}-(?:before-restore|unreadable)-(\d{{8}}T\d{{6}}Z)\.sqlite$")
    found = [(m.group(1), p) for p in folder.iterdir() if (m := pattern.match(p.name)) and p.is_file()]
    return [p for _, p in sorted(found)]


_ERASES = "SELECT id, record_id, at FROM audit_entry WHERE action = 'erase' AND kind = 'person'"


def erases_in(con: sqlite3.Connection) -> set[tuple[object, ...]]:
    """The erases in a database's audit trail, as (entry id, person id, time): a copy that lacks one the
    database has was made before that erase, and may hold the person (``services.backup.purge_erased``)."""
    if con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_entry'").fetchone() is None:
        return set()  # from before the audit trail, so from before any erase
    return {tuple(r) for r in con.execute(_ERASES)}


def erases_in_copy(copy: Path) -> set[tuple[object, ...]]:
    """``erases_in`` of a copy, opened read-only (``sqlite3.Error`` if it cannot be read)."""
    con = sqlite3.connect(f"file:{quote(str(copy.absolute()))}?mode=ro", uri=True)
    try:
        return erases_in(con)
    finally:
        con.close()


def last_change(path: Path) -> int | None:
    """The id of the newest entry of a database file's history (``audit_entry``), read without writing to
    it; None when it has no history or cannot be read. Every change the services make writes one."""
    try:
        con = sqlite3.connect(f"file:{quote(str(path.absolute()))}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        row = con.execute("SELECT max(id) FROM audit_entry").fetchone()
    except sqlite3.Error:
        return None
    finally:
        con.close()
    return int(row[0]) if row is not None and row[0] is not None else None


def unchanged_since_last_backup(database: Path) -> bool:
    """True if the newest automatic backup already holds every change of ``database`` (by the history:
    a change written by another program without a history entry is not seen)."""
    backups = automatic_backups(database)
    if not backups:
        return False
    newest = last_change(backups[-1])
    return newest is not None and newest == last_change(database)


def rotate_backup(database: Path, reason: str, *, now: datetime | None = None) -> Path:
    """Make an automatic backup of ``database`` now, then remove the ones older than ``KEEP_FOR`` (``rotate``)."""
    now = now or datetime.now(UTC)
    try:
        folder = _private_folder(backup_dir(database))
    except OSError as err:
        raise DatabaseError(f"cannot make the backup folder {backup_dir(database)}: {err.strerror}") from None
    target = folder / f"{database.name}-{now.strftime(_STAMP)}-{reason}.sqlite"
    copy_database(database, target)
    rotate(database, now=now)
    return target


def rotate(database: Path, *, now: datetime | None = None) -> list[Path]:
    """Remove the automatic backups of ``database`` made more than ``KEEP_FOR`` before ``now``, except the
    newest one; returns the files removed. Backups stamped in the future (the clock went back) stay."""
    limit = ((now or datetime.now(UTC)).astimezone(UTC) - KEEP_FOR).strftime(_STAMP)
    pattern = _pattern(database)
    removed = []
    for old in automatic_backups(database)[:-1]:
        stamp = pattern.match(old.name)
        if stamp is not None and stamp.group(1) <= limit:  # text order is time order (see ``backup_due``)
            old.unlink(missing_ok=True)
            removed.append(old)
    return removed


def made_at(backup: Path) -> datetime | None:
    """When an automatic backup was made (UTC, from its name), or None for another name."""
    stamp = re.match(r"^.*-(\d{8}T\d{6}Z)-[a-z0-9-]+\.sqlite$", backup.name)
    return datetime.strptime(stamp.group(1), _STAMP).replace(tzinfo=UTC) if stamp else None


def backup_due(database: Path, *, now: datetime | None = None) -> bool:
    """True if the newest automatic backup is older than a day (or there is none)."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    backups = automatic_backups(database)
    if not backups:
        return True
    stamp = _pattern(database).match(backups[-1].name)
    assert stamp is not None
    # Compared as text: the stamps are UTC times to the second, written most significant digit first, so
    # they sort as the times do (and the check that runs before every command needs no date parser).
    made = stamp.group(1)
    return made <= (now - DAILY).strftime(_STAMP) or made > now.strftime(_STAMP)


def clean_stale_parts(database: Path) -> list[Path]:
    """Remove the ``.part`` files that a killed backup of ``database`` left in its ``backups`` folder.

    Only our own temporary names (``.<database name>-<time>-<reason>.sqlite.<pid>.<random>.part``, for
    automatic and before-restore copies) and only those whose process is gone
    (``store.files.clean_stale_temps``): a backup another process is writing right now is left alone.
    """
    folder = backup_dir(database)
    backup_name = (rf"{re.escape(database.name)}-(?:\d{{8}}T\d{{6}}Z-[a-z0-9-]+|before-restore-\d{{8}}T\d{{6}}Z)"
                   r"\.sqlite")
    part = re.compile(rf"^\.(?P<name>{backup_name})\.\d+\.[^/]*{re.escape(TEMP_SUFFIX)}(?:-wal|-shm|-journal)?$")
    try:
        names = {m["name"] for entry in folder.iterdir() if (m := part.match(entry.name))}
    except OSError:
        return []
    removed: list[Path] = []
    for name in sorted(names):
        removed.extend(clean_stale_temps(folder, name, TEMP_SUFFIX))
    return removed
