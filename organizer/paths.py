"""Where things live on the user's machine (platformdirs), and which database to open.

Precedence for the database: ``--db-url`` > ``--db`` > ``ORGANIZER_DB_URL`` > ``ORGANIZER_DB`` >
``<user data dir>/organizer.sqlite``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "Organizer"
APP_AUTHOR = "Organizer"
DB_FILENAME = "organizer.sqlite"


def data_dir() -> Path:
    from platformdirs import user_data_path  # only for the default location: not when a database is named

    return user_data_path(APP_NAME, APP_AUTHOR)


def ensure_private_dir(folder: Path | None = None) -> Path:
    """Create the user data folder (or ``folder``) if needed, and make it owner-only (0700)."""
    folder = data_dir() if folder is None else folder
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix" and (folder.stat().st_mode & 0o077):
        folder.chmod(0o700)
    return folder


def explicit_db_choice(db_path: str | None = None, db_url: str | None = None,
                       environ: Mapping[str, str] | None = None) -> bool:
    """True if the user named a database (option or environment); False for the default location."""
    env = os.environ if environ is None else environ
    return bool(db_url or db_path or env.get("ORGANIZER_DB_URL") or env.get("ORGANIZER_DB"))


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


def resolve_db_url(db_path: str | None = None, db_url: str | None = None,
                   environ: Mapping[str, str] | None = None) -> str:
    """The SQLAlchemy URL to open, from the command line, then the environment, then the default."""
    from organizer.store.database import sqlite_url

    env = os.environ if environ is None else environ
    if db_url:
        return db_url
    if db_path:
        return sqlite_url(db_path)
    if env.get("ORGANIZER_DB_URL"):
        return env["ORGANIZER_DB_URL"]
    if env.get("ORGANIZER_DB"):
        return sqlite_url(env["ORGANIZER_DB"])
    return sqlite_url(default_db_path())
