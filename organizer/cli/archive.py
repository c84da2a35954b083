"""``organizer import``, ``export`` and ``demo``: Organizer archives in and out.

Loaded only when one of these commands runs (see ``COMMANDS`` in ``cli/main.py``).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from organizer.cli.output import dump
from organizer.cli.safety import inline

if TYPE_CHECKING:
    from organizer.store.database import Database


def cmd_demo(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from organizer.cli import text
    from organizer.services import demo

    report = demo.load_demo(db)
    print(text.import_report(report, "demo visit"), file=out)
    return 0


def cmd_import(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from organizer.cli import interop

    if isinstance(args.file, list):  # one archive, or vCard/CSV/xlsx/ics files (told by their content)
        kind = interop.import_kind(args.file, args)
        if kind == "vcard":
            return interop.cmd_import_vcards(db, args, out)
        if kind == "sheet":
            return interop.cmd_import_sheets(db, args, out)
        args.file = args.file[0]
    from organizer.services.archive import importer

    report = importer.import_archive(db, importer.open_archive_file(args.file))
    if args.json:
        dump({"added": report.added, "unchanged": report.unchanged}, out)
    else:
        from organizer.cli import text

        print(text.import_report(report, str(args.file)), file=out)
    return 0


def cmd_export(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from organizer.cli import interop

    if interop.wants_vcard_export(args):
        return interop.cmd_export_vcards(db, args, out)
    from organizer.services.archive import export
    from organizer.services.invalid_text import Watch

    target = export.check_output_path(args.file, db.path)
    watch = Watch(db)
    written = export.export_archive_file(db, target)
    counts = ", ".join(f"{n} {section}" for section, n in written.items() if n)
    print(f"exported to {inline(args.file)}: {counts or 'nothing (the database is empty)'}", file=out)
    if (damaged := watch.message("exported")) is not None:
        print(f"warning: {inline(damaged)}", file=out)
    return 0
