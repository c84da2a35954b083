"""The ``organizer`` command line: the same jobs as the desktop app, headless, for scripts and tests.

Every failure the user can cause (unknown id, a file that is not a database, a database from a newer
Organizer, a bad import file) prints one line to stderr and exits non-zero, never a traceback.
``ORGANIZER_DEBUG=1`` shows the traceback of an unexpected error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from organizer import __version__
from organizer.cli import jsonout, text
from organizer.domain.errors import OrganizerError
from organizer.paths import resolve_db_url
from organizer.services import (
    agreements,
    archive_export,
    demo,
    followups,
    institutions,
    interchange,
    meetings,
    people,
    visits,
)
from organizer.store.database import Database, open_database

GuiLauncher = Callable[[Database, list[str]], int]

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2

LIST_KINDS = ("people", "institutions", "visits", "meetings", "followups", "agreements")
SHOW_KINDS = ("person", "institution", "visit", "meeting")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="organizer",
        description="Prepare and record official delegation visits. Without a command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"organizer {__version__}")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", metavar="PATH",
                       help="SQLite database file (default: $ORGANIZER_DB or the user data folder)")
    where.add_argument("--db-url", metavar="URL",
                       help="any SQLAlchemy URL, e.g. postgresql+psycopg://user@host/organizer "
                            "(default: $ORGANIZER_DB_URL)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("gui", help="open the desktop app (the default)",
                   description="Open the desktop app on the chosen database.")
    sub.add_parser("demo", help="load the demo visit (Uzkhimyosanoat delegation to Kazan)",
                   description="Load the demo visit through the archive import; loading it again adds nothing.")
    imp = sub.add_parser("import", help="import an Organizer archive (JSON) in one transaction",
                         description="Import an Organizer archive (JSON). All or nothing: on any error "
                                     "nothing is written. Records already present (same uid) are left alone.")
    imp.add_argument("file", type=Path, help="the archive file")
    imp.add_argument("--json", action="store_true", help="print the report as JSON")

    exp = sub.add_parser("export", help="export everything as an Organizer archive (JSON)",
                         description="Write the whole database as an Organizer archive (JSON) that "
                                     "`organizer import` reads back. The file is replaced atomically.")
    exp.add_argument("file", type=Path, help="the archive file to write")

    lst = sub.add_parser("list", help="list records", description="List records of one kind.")
    lst.add_argument("kind", choices=LIST_KINDS)
    lst.add_argument("--json", action="store_true", help="print one JSON array")
    lst.add_argument("--visit", type=int, metavar="ID", help="meetings or follow-ups of this visit only")
    lst.add_argument("--status", help="follow-ups with this status only (open, done, dropped)")

    show = sub.add_parser("show", help="show one record in full", description="Show one record in full.")
    show.add_argument("kind", choices=SHOW_KINDS)
    show.add_argument("id", type=int)
    show.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def main(argv: Sequence[str] | None = None, *, gui: GuiLauncher | None = None,
         out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:
        return int(exc.code or 0)
    command = args.command or "gui"
    db: Database | None = None
    try:
        db = open_database(resolve_db_url(args.db, args.db_url))
        if command == "gui":
            if gui is None:
                print("organizer: the desktop app is not available here", file=err)
                return EXIT_ERROR
            return gui(db, [sys.argv[0] if sys.argv else "organizer"])
        return COMMANDS[command](db, args, out)
    except OrganizerError as exc:
        print(f"organizer: {exc}", file=err)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("organizer: interrupted", file=err)
        return 130
    except BrokenPipeError:
        # The reader went away (`organizer list people | head`): not an error worth a message.
        # Point stdout at /dev/null so the interpreter's final flush does not complain either.
        if out is sys.stdout:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # never a traceback for the user; one line that says what happened
        if os.environ.get("ORGANIZER_DEBUG"):
            traceback.print_exc(file=err)
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        print(f"organizer: unexpected error: {type(exc).__name__}: {detail} "
              "(set ORGANIZER_DEBUG=1 for details)", file=err)
        return EXIT_ERROR
    finally:
        if db is not None:
            db.close()


def _dump(value: Any, out: TextIO) -> None:
    json.dump(value, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _dump_array(items: Iterable[dict[str, Any]], out: TextIO) -> None:
    """One JSON array, written item by item so a long list never sits in memory whole."""
    out.write("[")
    empty = True
    for item in items:
        out.write("\n  " if empty else ",\n  ")
        out.write(json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  "))
        empty = False
    out.write("]\n" if empty else "\n]\n")


def cmd_demo(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    report = demo.load_demo(db)
    print(text.import_report(report, "demo visit"), file=out)
    return EXIT_OK


def cmd_import(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    report = interchange.import_archive(db, interchange.load_archive_file(args.file))
    if args.json:
        _dump({"added": report.added, "unchanged": report.unchanged}, out)
    else:
        print(text.import_report(report, str(args.file)), file=out)
    return EXIT_OK


def cmd_export(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    data = archive_export.export_archive(db)
    archive_export.write_archive(data, args.file)
    counts = ", ".join(f"{len(data[s])} {s}" for s in interchange.SECTIONS if data[s])
    print(f"exported to {args.file}: {counts or 'nothing (the database is empty)'}", file=out)
    return EXIT_OK


def cmd_list(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    kind = args.kind
    items: Iterable[dict[str, Any]]
    if kind == "people":
        items = (jsonout.person(p) for p in people.iter_people_details(db))
    elif kind == "institutions":
        items = [jsonout.institution(r) for r in institutions.list_institutions(db)]
    elif kind == "visits":
        items = [jsonout.visit(r) for r in visits.list_visits(db)]
    elif kind == "meetings":
        items = [jsonout.meeting(r) for r in meetings.list_meetings(db, visit_id=args.visit)]
    elif kind == "followups":
        items = [jsonout.followup(r) for r in followups.list_followups(db, status=args.status, visit_id=args.visit)]
    else:
        items = [jsonout.agreement(r) for r in agreements.list_agreements(db)]
    if args.json:
        _dump_array(items, out)
    else:
        print(text.table(kind, list(items)), file=out)
    return EXIT_OK


def cmd_show(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    kind, ident = args.kind, args.id
    if kind == "person":
        item = jsonout.person_full(people.get_person(db, ident), people.person_history(db, ident))
    elif kind == "institution":
        item = jsonout.institution_full(institutions.get_institution(db, ident))
    elif kind == "visit":
        item = jsonout.visit_full(visits.get_visit(db, ident))
    else:
        item = jsonout.meeting_full(meetings.get_meeting(db, ident))
    if args.json:
        _dump(item, out)
    else:
        print(text.record(kind, item), file=out)
    return EXIT_OK


COMMANDS: dict[str, Callable[[Database, argparse.Namespace, TextIO], int]] = {
    "demo": cmd_demo,
    "import": cmd_import,
    "export": cmd_export,
    "list": cmd_list,
    "show": cmd_show,
}
