"""``organizer erase person ID``: remove a person's personal data (see ``services.erase`` for what stays)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from organizer.cli.safety import inline

if TYPE_CHECKING:
    from organizer.store.database import Database


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser], id_type: Callable[[str], int]) -> None:
    er = sub.add_parser("erase", help="remove a person's personal data (data-protection requests)",
                        description="Remove a person's names, contacts, photo, notes, positions, topics and "
                                    "attached files everywhere. The record stays as 'Erased person ID' so visits, "
                                    "meetings and agreements keep an anonymous participant. Free text elsewhere "
                                    "(meeting notes, summaries) is not changed. Nothing of the person is left in "
                                    "the database file, its search index or its write-ahead log; an automatic "
                                    "backup is made after the erase (none before). Backups made before keep "
                                    "the data until they are 7 days old (organizer backup --purge-erased "
                                    "removes them now); exports, PDFs and copies elsewhere keep it until they "
                                    "are deleted. The record's history (organizer history) "
                                    "keeps who changed it, when and which fields, without uids. Merges into this "
                                    "person can no longer be undone: the copies they kept are deleted too.")
    er.add_argument("kind", choices=("person",))
    er.add_argument("id", type=id_type)


def cmd_erase(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from organizer.services import erase
    from organizer.services.backup import list_backups

    report = erase.erase_person(db, args.id)
    what = ", ".join(f"{n} {k}" if k != "photo" else "the photo" for k, n in report.removed.items())
    print(f"erased person {report.id}: names and notes{', ' + what if what else ''}; "
          "participations kept anonymously", file=out)
    if report.backup is not None:
        older = [p for p in list_backups(db) if p != report.backup]
        note = (f"; {len(older)} older backup(s) may still hold the person until they are 7 days old "
                "(organizer backup --purge-erased removes them now)") if older else ""
        print(f"backed up the database after the erase to {inline(report.backup)}{note}", file=out)
    for warning in report.warnings:
        print(f"warning: {inline(warning)}", file=out)
    return 0
