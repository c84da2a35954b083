"""Every file Organizer writes for the user goes through here: one output-path guard, one atomic writer.

``check_output_path(path, database)`` decides whether a file may be written at ``path``. It refuses:

- the open database, its ``-wal``/``-shm``/``-journal`` files and any file in its ``backups`` folder,
  whichever name leads there: a relative path, a symbolic link (to the file or to a folder on the way),
  a hard link (same device and inode), another spelling on a case-insensitive file system;
- an existing target that is not a regular file: a folder, a named pipe (FIFO), a device such as
  ``/dev/null``, a socket. Such a node is never replaced, and a FIFO is never opened (no hang);
- a symbolic link at the target itself. It is not followed, so a link planted at the output name by
  someone else (``/tmp/report.pdf`` -> the victim's file) cannot make us overwrite its target; the link
  is refused rather than replaced, so a user's own link is not silently turned into a plain file;
- a name the system cannot take (too long) or a folder that does not exist.

``write_file(path, content)`` and the ``atomic_output(path)`` context manager (for writers that need a
file name, such as SQLite's backup API or Qt's image writer) write a temporary file created exclusively
(``O_CREAT|O_EXCL``, mode 0600, by ``tempfile.mkstemp``) in the target's folder, sync it, check the
target once more and rename the temporary file over it. The result is whole or absent; a replaced file
keeps its permissions, a new one is private to its owner. Messages are one line, naming the path with
control characters escaped and its length cut.

The temporary name carries the id of the process that writes it (``.NAME.<pid>.<random><suffix>``),
so a later run can tell a leftover of a killed process (its process is gone) from the work in progress
of a live one, and remove only the former (``clean_stale_temps``).

``check_existing_file(path, what)`` is the reading side: a database or backup path that is a FIFO,
a device or a folder is refused before anything opens it.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from organizer.domain.errors import OrganizerError, excerpt

COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")
"""The files SQLite keeps beside a database."""
BACKUP_FOLDER = "backups"
"""The folder of automatic backups beside a database (``store.snapshots.BACKUP_DIR``)."""
_SHOWN_LIMIT = 200
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


class OutputPathError(OrganizerError):
    """A file may not be written there (the open database, a device, a folder, a link...)."""


def shown(path: str | os.PathLike[str]) -> str:
    """A path for a one-line message: control and bidi characters escaped, a long one cut in the middle."""
    text = _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                       else f"\\u{ord(m.group()):04x}", os.fspath(path))
    return excerpt(text, _SHOWN_LIMIT)


def _reason(err: OSError) -> str:
    if err.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    return err.strerror or str(err)


def kind_of(mode: int) -> str | None:
    """What a file of this ``st_mode`` is, when it is not a regular file (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def check_existing_file(path: Path, what: str, error: type[OrganizerError] = OrganizerError) -> bool:
    """True if ``path`` is a regular file (links followed), False if nothing is there; ``error`` for a
    folder, FIFO, device or socket (never opened, so a FIFO cannot hang us), or a name the system refuses.

    A dangling symbolic link counts as present (True): opening it then says what is wrong."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return os.path.islink(path)
    except OSError as err:
        raise error(f"cannot use {shown(path)} as {what}: {_reason(err)}") from None
    kind = kind_of(st.st_mode)
    if kind is not None:
        raise error(f"{shown(path)} is {kind}, not {what} file")
    return True


# --- temporary files ------------------------------------------------------------------------------


def _new_temp(folder: Path, name: str, suffix: str) -> tuple[int, Path]:
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.{os.getpid()}.", suffix=suffix, dir=folder)
    return fd, Path(tmp)


def private_temp(folder: Path, name: str, suffix: str) -> Path:
    """A new empty file, readable by its owner only, in ``folder``; the caller renames or removes it."""
    fd, tmp = _new_temp(folder, name, suffix)
    os.close(fd)
    return tmp


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (someone else's process counts as running): files it left
    are in use."""
    return _alive(pid)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: leave its files alone
    return True


def clean_stale_temps(folder: Path, name: str, suffix: str) -> list[Path]:
    """Remove ``.NAME.<pid>.*SUFFIX`` files (and their SQLite companions) whose process is gone."""
    pattern = re.compile(rf"^\.{re.escape(name)}\.(\d+)\.[^/]*{re.escape(suffix)}(?:-wal|-shm|-journal)?$")
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = pattern.match(entry.name)
        if match is None or _alive(int(match.group(1))):
            continue
        try:
            if entry.is_file() and not entry.is_symlink():
                entry.unlink()
                removed.append(entry)
        except OSError:
            pass
    return removed


# --- the guard -------------------------------------------------------------------------------------


def _stat(path: Path, *, follow: bool = True) -> os.stat_result | None:
    """``os.stat``, or None when there is nothing to compare (absent, a link loop, no access)."""
    try:
        return os.stat(path, follow_symlinks=follow)
    except (OSError, ValueError):
        return None


def _same(a: os.stat_result | None, b: os.stat_result | None) -> bool:
    return a is not None and b is not None and (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _database_conflict(folder: Path, name: str, target: os.stat_result | None, database: Path) -> str | None:
    """Why writing ``folder/name`` would touch the open database's files, or None. The database is
    looked for under the name it was opened by and, if that is a link, where the link leads (SQLite
    keeps the -wal beside the real file)."""
    shown_db = shown(os.path.abspath(database))
    here = _stat(folder)
    for db in dict.fromkeys((Path(os.path.abspath(database)), Path(os.path.realpath(database)))):
        names = {db.name + s: f"a file of the open database {shown_db}" for s in COMPANION_SUFFIXES}
        names[db.name] = f"the open database {shown_db}"
        if _same(here, _stat(db.parent)) or os.path.normcase(folder) == os.path.normcase(os.path.realpath(db.parent)):
            for protected, what in names.items():  # also names not there yet (a -wal appears later)
                if name.casefold() == protected.casefold():
                    return f"it is {what}"
        backups = _stat(db.parent / BACKUP_FOLDER)
        if backups is not None and _same(here, backups):
            return f"it is in the backups folder of the open database {shown_db}"
        if target is None:
            continue
        for protected, what in names.items():
            if _same(target, _stat(db.parent / protected)):
                return f"it leads to {what}"
        if target.st_nlink > 1 and backups is not None and stat.S_ISDIR(backups.st_mode):
            try:
                for entry in os.scandir(db.parent / BACKUP_FOLDER):
                    if _same(target, _stat(Path(entry.path), follow=False)):
                        return f"it leads to a file in the backups folder of the open database {shown_db}"
            except OSError:
                pass
    return None


def check_output_path(path: Path, database: Path | None) -> Path:
    """The file to write for ``path``: absolute, its folder's links resolved, its own name kept (a link
    there is refused, not followed). OutputPathError with one line for anything the module docstring
    lists; ``database`` is the open SQLite file (None for a server database)."""
    path = Path(path)
    what = f"cannot write {shown(path)}"
    name = path.name
    if name in ("", ".", ".."):
        raise OutputPathError(f"{what}: it is a folder")
    try:
        folder = Path(os.path.realpath(path.parent))
        target = folder / name
        lst = os.lstat(target)
    except FileNotFoundError:
        lst = None
    except OSError as err:
        raise OutputPathError(f"{what}: {_reason(err)}") from None
    folder_stat = _stat(folder)
    if folder_stat is None or not stat.S_ISDIR(folder_stat.st_mode):
        raise OutputPathError(f"{what}: the folder {shown(path.parent)} does not exist")
    followed = _stat(target) if lst is not None and stat.S_ISLNK(lst.st_mode) else lst
    if database is not None:
        conflict = _database_conflict(folder, name, followed, database)
        if conflict is not None:
            raise OutputPathError(f"{what}: {conflict}; choose another file name")
    if lst is not None and stat.S_ISLNK(lst.st_mode):
        try:
            points_to = os.readlink(target)
        except OSError:
            points_to = "?"
        raise OutputPathError(f"{what}: it is a symbolic link (to {shown(points_to)}), which is not "
                              "followed; give the file it points to, or another name")
    kind = kind_of(lst.st_mode) if lst is not None else None
    if kind == "a folder":
        raise OutputPathError(f"{what}: it is a folder")
    if kind is not None:
        raise OutputPathError(f"{what}: it is {kind}, not a regular file; it was left as it is")
    return target


# --- the writer ------------------------------------------------------------------------------------


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename itself is done
    finally:
        os.close(fd)


def _remove_temp(tmp: Path) -> None:
    for leftover in (tmp, *(Path(f"{tmp}{s}") for s in COMPANION_SUFFIXES)):
        with suppress(OSError):
            leftover.unlink()


def _install(tmp: Path, target: Path, *, replace: bool, keep_mode: bool) -> str | None:
    """Sync ``tmp`` and move it to ``target``: renamed over it (``replace``), or linked only when
    nothing is there yet (another writer's file wins). Returns why it was not done, if refused."""
    fd = os.open(tmp, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    if not replace:
        try:
            os.link(tmp, target)
            return None
        except FileExistsError:
            return None  # created by another process meanwhile: theirs is kept
        except OSError:
            if _stat(target, follow=False) is not None:  # a file system without hard links
                return None
    now = _stat(target, follow=False)  # once more: something may have appeared since the check
    if now is not None and not stat.S_ISREG(now.st_mode):
        return f"it is {kind_of(now.st_mode)} now; it was left as it is"
    if keep_mode and now is not None:  # a replaced file keeps its permissions; a new one stays 0600
        os.chmod(tmp, stat.S_IMODE(now.st_mode))
    os.replace(tmp, target)
    return None


@contextmanager
def _atomic(path: Path, database: Path | None, *, suffix: str, replace: bool, keep_mode: bool,
            check: bool, verb: str = "write",
            error: type[OrganizerError] = OutputPathError) -> Iterator[tuple[int, Path, Path]]:
    """(open descriptor, name) of a new private temporary file beside the target, and the target; the
    file is moved into place when the block ends without an error, removed otherwise."""
    target = check_output_path(path, database) if check else Path(os.path.realpath(path.parent)) / path.name
    folder = target.parent
    clean_stale_temps(folder, target.name, suffix)
    try:
        fd, tmp = _new_temp(folder, target.name, suffix)
    except OSError as err:
        raise error(f"cannot {verb} {shown(path)}: {_reason(err)}") from None
    try:
        try:
            yield fd, tmp, target
        finally:
            os.close(fd)
        refused = _install(tmp, target, replace=replace, keep_mode=keep_mode)
        if refused is not None:
            raise error(f"cannot {verb} {shown(path)}: {refused}")
    except OSError as err:
        raise error(f"cannot {verb} {shown(path)}: {_reason(err)}") from None
    finally:
        _remove_temp(tmp)
    _fsync_folder(folder)


@contextmanager
def atomic_output(path: Path, *, database: Path | None = None, suffix: str = ".tmp", replace: bool = True,
                  keep_mode: bool = True, check: bool = True, verb: str = "write",
                  error: type[OrganizerError] = OutputPathError) -> Iterator[Path]:
    """The name of a private temporary file next to ``path`` for a writer that needs a name (SQLite's
    backup API, Qt's image writer); moved into place when the ``with`` block ends without an error,
    removed otherwise (see the module docstring).

    ``check``: run ``check_output_path`` (with ``database``) first. Internal writers whose target the
    guard refuses by design (an automatic backup in ``backups/``, the database itself on restore) pass
    False and still get the check at the rename (a folder, device, FIFO or link there is refused).
    ``replace=False``: an existing file is kept (another process created it first); ``keep_mode=False``:
    the file stays private (0600) even when it replaces one with wider permissions. ``verb`` and
    ``error``: the wording and class of a write error ("cannot create ...", a DatabaseError)."""
    with _atomic(Path(path), database, suffix=suffix, replace=replace, keep_mode=keep_mode,
                 check=check, verb=verb, error=error) as (_fd, tmp, _target):
        yield tmp


def write_file(path: Path, content: bytes | Callable[[BinaryIO], None], *, database: Path | None = None,
               suffix: str = ".tmp") -> Path:
    """Write ``content`` (bytes, or a function writing to a binary file) to ``path`` atomically, after
    ``check_output_path(path, database)``; returns the file written. Refused targets and write errors
    are one-line ``OutputPathError``s."""
    with _atomic(Path(path), database, suffix=suffix, replace=True, keep_mode=True, check=True) as (fd, _, target):
        try:
            with os.fdopen(fd, "wb", closefd=False) as fh:  # mkstemp's descriptor: never reopened by name
                if isinstance(content, bytes):
                    fh.write(content)
                else:
                    content(fh)
                fh.flush()
        except OSError as err:
            raise OutputPathError(f"cannot write {shown(path)}: {_reason(err)}") from None
    return target
