"""``organizer backup --out FILE`` and ``organizer restore FILE``: copies of the local database.

``restore`` runs without opening the current database first (it may be the one that cannot be
opened); see ``services.backup`` for what it checks and what it keeps aside.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from organizer.cli.safety import inline

if TYPE_CHECKING:
    from organizer.store.database import Database


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    bk = sub.add_parser("backup", help="copy the local database to a file (safe while it is in use)",
                        description="Write a consistent copy of the local SQLite database (SQLite's online "
                                    "backup API), checked for integrity. Automatic copies are also made daily "
                                    "and before every migration, in a 'backups' folder beside the database "
                                    "(each is kept for 7 days after a newer one is made; the newest is always "
                                    "kept). --purge-erased removes the automatic copies that still hold people "
                                    "erased since (organizer erase) at once.")
    what = bk.add_mutually_exclusive_group(required=True)
    what.add_argument("--out", type=Path, metavar="FILE", help="the file to write")
    what.add_argument("--purge-erased", action="store_true",
                      help="remove the copies in the 'backups' folder made before an erase (a fresh backup "
                           "is made first if none is newer); copies elsewhere are not touched")
    rs = sub.add_parser("restore", help="replace the database's data with a backup",
                        description="Replace the data of the local database with an Organizer backup. The file "
                                    "is checked first (not an Organizer database, damaged or from a newer "
                                    "Organizer: refused, nothing changed); the current database is kept aside "
                                    "in the 'backups' folder.")
    rs.add_argument("file", type=Path, help="the backup file")


def cmd_backup(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from organizer.services import backup

    if args.purge_erased:
        return _purge(db, out)
    written = backup.backup_database(db, args.out)
    print(f"backed up {inline(db.path)} to {inline(written)}", file=out)
    return 0


def _purge(db: Database, out: TextIO) -> int:
    from organizer.services import backup

    report = backup.purge_erased(db)
    if report.made is not None:
        print(f"made a backup without the erased data first: {inline(report.made)}", file=out)
    for path in report.removed:
        print(f"removed {inline(path)} (made before an erase)", file=out)
    if not report.removed:
        print("no backup holds erased data" + ("" if report.erases else " (nothing was ever erased here)"), file=out)
    for path in report.unchecked:
        print(f"could not check {inline(path)} (damaged or not an Organizer database): left as it is; "
              "delete it by hand if it may hold erased data", file=out)
    if report.file_problem:
        print(f"warning: {inline(report.file_problem)}", file=out)
    print("copies outside the backups folder are not touched: files written with backup --out, exported "
          "archives, PDFs, vCards, other computers' copies", file=out)
    return 0


def cmd_restore(url: str, args: argparse.Namespace, out: TextIO) -> int:
    from organizer.services import backup

    report = backup.restore_at_url(url, args.file)
    aside = f"; the previous database is kept as {inline(report.kept_aside)}" if report.kept_aside else ""
    print(f"restored {inline(report.database)} from {inline(report.restored_from)}{aside}", file=out)
    return 0
