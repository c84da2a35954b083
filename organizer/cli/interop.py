"""``organizer import FILE.vcf...`` and ``organizer export vcard --out FILE``: vCards in and out.

``import`` tells a vCard from an archive by the file's first bytes (``BEGIN:VCARD``), not by its name;
an archive goes on to the archive import unchanged (``cli/archive.py``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from organizer.cli.output import dump
from organizer.cli.safety import inline
from organizer.domain.errors import ImportFormatError, ValidationError

if TYPE_CHECKING:
    from organizer.store.database import Database


def wants_vcard_import(files: list[Path], dry_run: bool) -> bool:
    """True when these files are vCards; ImportFormatError for a mix or several archives."""
    from organizer.services.interop.contacts import is_vcard_file

    kinds = [is_vcard_file(f) for f in files]
    if all(kinds):
        return True
    if any(kinds):
        raise ImportFormatError("give Organizer archives and vCard files in separate `organizer import` commands "
                                f"({inline(str(files[kinds.index(False)]))} is not a vCard file)")
    if len(files) > 1:
        raise ImportFormatError("one Organizer archive at a time (several files are read as vCards only)")
    if dry_run:
        raise ImportFormatError(f"{inline(str(files[0]))}: --dry-run previews vCard files; "
                                "an archive import has no preview yet")
    return False


def cmd_import_vcards(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from organizer.services.interop.contacts import import_vcards

    report = import_vcards(db, list(args.file), dry_run=args.dry_run)
    if args.json:
        dump(report.as_json(), out)
        return 0
    what = "would import" if report.dry_run else "imported"
    names = ", ".join(inline(str(f)) for f in args.file)
    print(f"{what} {names}: {report.created} people created, {report.updated} updated, "
          f"{report.skipped} skipped (nothing new); {report.institutions_created} institutions created", file=out)
    for line in report.left_out:
        print(f"left out: {inline(line)}", file=out)
    if report.left_out_count > len(report.left_out):
        print(f"left out: ... and {report.left_out_count - len(report.left_out)} more", file=out)
    return 0


def wants_vcard_export(args: argparse.Namespace) -> bool:
    vcard_options = bool(args.person) or args.visit is not None or args.vcard_version != "4.0"
    if args.file is not None and str(args.file) == "vcard":
        if args.out is None:
            raise ValidationError({"--out": "`export vcard` needs --out FILE"})
        return True
    if args.out is not None or vcard_options:
        raise ValidationError({"": "--out, --person, --visit and --version go with `export vcard`"})
    if args.file is None:
        raise ValidationError({"": "give the archive file to write, or `vcard --out FILE`"})
    return False


def cmd_export_vcards(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from organizer.services.interop import export

    ids = export.chosen_people(db, person_ids=args.person or (), visit_id=args.visit)
    written = export.export_vcard_file(db, args.out, ids, args.vcard_version)
    print(f"exported {written} {'person' if written == 1 else 'people'} as vCard {args.vcard_version} "
          f"to {inline(str(args.out))}", file=out)
    return 0
