"""Private temporary files next to their target, and the cleaning up of those a killed process left.

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
