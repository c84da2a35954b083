"""``organizer import``, ``export`` and ``demo``: Organizer archives in and out.

Loaded only when one of these commands runs (see ``COMMANDS`` in ``cli/main.py``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from organizer.cli.output import dump
from organizer.cli.safety import inline
from organizer.domain.errors import ValidationError

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
        if kind == "ics":
            return interop.cmd_import_ics(db, args, out)
        if kind == "report":
            return interop.cmd_import_report(db, args, out)
        args.file = args.file[0]
    from organizer.services.archive import importer

    report = importer.import_archive(db, importer.open_archive_file(args.file), dry_run=args.dry_run)
    if args.json:
        dump(report.as_json(), out)
    else:
        from organizer.cli import text

        print(text.import_report(report, str(args.file)), file=out)
    return 0


def _archive_target(args: argparse.Namespace) -> Path | None:
    """The file ``export archive --out FILE`` (or the shorthand ``export FILE``) writes; None for other kinds."""
    if args.file is not None and str(args.file) == "archive":
        if args.out is None:
            raise ValidationError({"--out": "`export archive` needs --out FILE"})
        if args.person or args.visit is not None:
            raise ValidationError({"": "`export archive` writes everything: --person and --visit go with other kinds"})
        return Path(args.out)
    return None


def cmd_export(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from organizer.cli import interop

    if args.file is not None and str(args.file) in ("csv", "xlsx"):
        return interop.cmd_export_list(db, args, out)
    if args.file is not None and str(args.file) == "ics":
        return interop.cmd_export_ics(db, args, out)
    if args.list is not None:
        raise ValidationError({"": f"{inline(str(args.list))}: a list name goes with `export csv` or `export xlsx`"})
    path = _archive_target(args)
    if path is None:
        if interop.wants_vcard_export(args):
            return interop.cmd_export_vcards(db, args, out)
        path = args.file
    from organizer.services.archive import export
    from organizer.services.invalid_text import Watch

    target = export.check_output_path(path, db.path)
    watch = Watch(db)
    written = export.export_archive_file(db, target)
    counts = ", ".join(f"{n} {section}" for section, n in written.items() if n)
    print(f"exported to {inline(path)}: {counts or 'nothing (the database is empty)'}", file=out)
    if (damaged := watch.message("exported")) is not None:
        print(f"warning: {inline(damaged)}", file=out)
    return 0
