"""Drafts of open editors, kept on disk as the user types, so that nothing typed is lost to a crash.

An editor with changes saves what its fields hold (``fields``, as typed: a date that is not a date yet
stays text) and what they held when it opened (``pristine``) a moment after the last keystroke
(``gui.editors.base``); saving or discarding the edit removes the draft. A draft left behind by a
process that is gone (a crash, a kill, a power cut) is offered back at the next start on that
database (``gui.drafts_offer``): restored, the editor reopens with every field as it was typed.

Drafts live in ``<user data folder>/drafts/<database key>/`` (``ORGANIZER_DRAFTS`` names another
folder: tests, portable installs), one JSON file per editor, named by record kind, record id (or
``new``), the writing process and a number: ``visit-12.4711-1.json``. The database key is a digest of
the database's URL (a server URL's password never appears). Files are written through
``store.files.write_file`` (whole or absent, private to their owner). A file that cannot be read
(damaged, from a newer version) is never offered and never removed.

Values are JSON; dates, times, enum members and bytes (a photo) are tagged objects (``{"$date":
"2025-03-11"}``) read back as the same Python values.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from organizer.domain import enums
from organizer.domain.enums import RecordKind
from organizer.store.database import Database
from organizer.store.files import process_alive, write_file

DRAFTS_ENV = "ORGANIZER_DRAFTS"
FORMAT = 1
"""The draft file format; a file of another format is not offered."""
_NAME = re.compile(r"^([a-z_]+)-(\d+|new)\.(\d+)-(\d+)\.json$")


@dataclass(frozen=True)
class Draft:
    """One editor's unsaved form, as read back from its file."""

    path: Path
    kind: RecordKind
    ident: int | None
    """The edited record's id; None for a new record's form."""
    title: str
    """What the editor was called (its window title and the record's name), for the list of drafts."""
    saved_at: datetime
    pid: int
    fields: dict[str, Any] = field(default_factory=dict)
    pristine: dict[str, Any] = field(default_factory=dict)
    version: int | None = None
    """The record's version the editor had loaded (None for a new record)."""


def drafts_root() -> Path:
    override = os.environ.get(DRAFTS_ENV)
    if override:
        return Path(override)
    from organizer.paths import data_dir

    return data_dir() / "drafts"


def database_key(db: Database) -> str:
    """The name of ``db``'s drafts folder: a digest of its URL (a file's resolved path)."""
    where = str(db.path.resolve()) if db.path is not None else db.url
    return hashlib.sha256(where.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def drafts_folder(db: Database) -> Path:
    return drafts_root() / database_key(db)


def draft_path(db: Database, kind: RecordKind, ident: int | None, serial: int) -> Path:
    """Where this process keeps the draft of its editor number ``serial`` of ``kind``/``ident``."""
    return drafts_folder(db) / f"{kind.value}-{ident if ident is not None else 'new'}.{os.getpid()}-{serial}.json"


# --- values --------------------------------------------------------------------------------------


def encode(value: Any) -> Any:
    """``value`` as JSON: dates, times, enum members and bytes tagged, tuples as lists."""
    if isinstance(value, Enum):
        return {"$enum": type(value).__name__, "value": value.value}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {"$dict": [[encode(k), encode(v)] for k, v in value.items()]}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"a draft cannot hold a {type(value).__name__}")


def decode(value: Any) -> Any:
    """What ``encode`` wrote, back as Python values (an unknown enum or a damaged tag raises ValueError)."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "$enum" in value:
        enum = getattr(enums, str(value["$enum"]), None)
        if not (isinstance(enum, type) and issubclass(enum, Enum)):
            raise ValueError(f"unknown enum {value['$enum']!r}")
        return enum(value["value"])
    if "$datetime" in value:
        return datetime.fromisoformat(str(value["$datetime"]))
    if "$date" in value:
        return date.fromisoformat(str(value["$date"]))
    if "$bytes" in value:
        return base64.b64decode(str(value["$bytes"]), validate=True)
    if "$dict" in value:
        return {decode(k): decode(v) for k, v in value["$dict"]}
    raise ValueError("unknown tagged value in a draft")


# --- files ---------------------------------------------------------------------------------------


def save_draft(db: Database, path: Path, kind: RecordKind, ident: int | None, title: str,
               fields: dict[str, Any], pristine: dict[str, Any], version: int | None = None) -> Path:
    """Write (or replace) the draft at ``path`` (``draft_path``)."""
    from organizer.paths import ensure_private_dir

    ensure_private_dir(path.parent)
    content = {"format": FORMAT, "kind": kind.value, "id": ident, "title": title, "version": version,
               "saved_at": datetime.now().astimezone().isoformat(timespec="seconds"), "pid": os.getpid(),
               "fields": encode(dict(fields)), "pristine": encode(dict(pristine))}
    text = json.dumps(content, ensure_ascii=False, indent=1)
    return write_file(path, text.encode("utf-8"), database=db.path)


def read_draft(path: Path) -> Draft:
    """The draft in ``path``; ValueError (or OSError) if it cannot be read as one."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ValueError("not a draft of this version")
    ident = raw.get("id")
    fields, pristine = decode(raw.get("fields")), decode(raw.get("pristine"))
    if not isinstance(fields, dict) or not isinstance(pristine, dict) or not (
            ident is None or isinstance(ident, int)):
        raise ValueError("not a draft")
    version = raw.get("version")
    return Draft(path, RecordKind(raw["kind"]), ident, str(raw.get("title") or ""),
                 datetime.fromisoformat(str(raw["saved_at"])), int(raw["pid"]), fields, pristine,
                 version if isinstance(version, int) else None)


def left_drafts(db: Database) -> list[Draft]:
    """The drafts on ``db`` whose process is gone (a crash or a kill), oldest first; those of a running
    Organizer (another window on the same database) and unreadable files are left alone."""
    folder = drafts_folder(db)
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    found: list[Draft] = []
    for entry in entries:
        match = _NAME.match(entry.name)
        if match is None or process_alive(int(match.group(3))) or not entry.is_file() or entry.is_symlink():
            continue
        try:
            found.append(read_draft(entry))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return sorted(found, key=lambda d: d.saved_at)


def remove_draft(path: Path) -> None:
    """Remove a draft (saved, discarded or restored into a new one); a draft already gone is fine."""
    with suppress(FileNotFoundError):
        path.unlink()
