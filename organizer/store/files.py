"""Private temporary files next to their target, and the cleaning up of those a killed process left.

``check_output_path`` keeps an export or a backup from being written over the open database.

A file that must appear whole (an export, a new database, a backup) is written to a hidden temporary
name in the target's folder and renamed (or linked) into place. The temporary name carries the id of
the process that writes it (``.NAME.<pid>.<random><suffix>``), so a later run can tell a leftover of a
killed process (its process is gone) from the work in progress of a live one, and remove only the former.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from organizer.domain.errors import OrganizerError


class OutputPathError(OrganizerError):
    """A file may not be written there (the open database, a folder)."""


def private_temp(folder: Path, name: str, suffix: str) -> Path:
    """A new empty file, readable by its owner only, in ``folder``; the caller renames or removes it."""
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.{os.getpid()}.", suffix=suffix, dir=folder)
    os.close(fd)
    return Path(tmp)


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


def check_output_path(path: Path, database: Path | None) -> Path:
    """The file an export should replace: ``path`` with symbolic links followed.

    Refuses the open database and its companion files, whichever name (or link) leads to them.
    """
    target = Path(os.path.realpath(path))
    if target.is_dir():
        raise OutputPathError(f"cannot write {path}: it is a folder")
    if database is not None:
        db_real = Path(os.path.realpath(database))
        protected = {db_real} | {db_real.with_name(db_real.name + s) for s in ("-wal", "-shm", "-journal")}
        same = target in protected
        if not same and target.exists():
            same = any(p.exists() and os.path.samefile(target, p) for p in protected)
        if same:
            raise OutputPathError(f"cannot write the archive to {path}: that is the open database "
                                 "(or one of its files); choose another file name")
    return target
