"""``organizer import FILE...`` of vCard, CSV, Excel and iCalendar files, and ``organizer export vcard``.

``import`` tells the kind of each file by its content, not its name (``services.interop.filekind``): an
archive goes on to the archive import unchanged (``cli/archive.py``); the others come here.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from organizer.cli.output import dump
from organizer.cli.safety import inline
from organizer.domain.errors import ImportFormatError, ValidationError

if TYPE_CHECKING:
    from organizer.services.interop.contacts import VCardReport
    from organizer.store.database import Database


KIND_NAMES = {"vcard": "vCard", "csv": "CSV", "xlsx": "Excel (.xlsx)", "ics": "iCalendar (.ics)",
              "archive": "Organizer archive", "report": "report (prose)", "unknown": "unknown"}


def import_kind(files: list[Path], args: argparse.Namespace) -> str:
    """What these files are (``vcard``, ``sheet``, ``ics`` or ``archive``), told by their content;
    ImportFormatError for a mix, several archives, or options that do not go with the kind."""
    from organizer.services.interop.filekind import kind_of
    from organizer.store.files import check_existing_file

    kinds = [kind_of(f) for f in files]
    groups = {"csv": "sheet", "xlsx": "sheet"}
    found = {groups.get(k, k) for k in kinds}
    if "unknown" in kinds:
        bad = files[kinds.index("unknown")]
        if not check_existing_file(bad, "an import", ImportFormatError):
            raise ImportFormatError(f"{inline(str(bad))}: no such file")
        raise ImportFormatError(f"{inline(str(bad))}: not a file Organizer imports (an Organizer archive, vCard, "
                                "CSV, Excel .xlsx or iCalendar .ics file)")
    if len(found) > 1:
        first, other = kinds[0], next(k for k in kinds if groups.get(k, k) != groups.get(kinds[0], kinds[0]))
        raise ImportFormatError(f"give {KIND_NAMES[first]} and {KIND_NAMES[other]} files in separate "
                                f"`organizer import` commands ({inline(str(files[kinds.index(other)]))} is "
                                f"{KIND_NAMES[other]})")
    kind = found.pop()
    if kind == "ics" and len(files) > 1:
        raise ImportFormatError("one iCalendar file at a time")
    if getattr(args, "mapping", None) is not None and kind != "sheet":
        raise ImportFormatError("--mapping goes with CSV and Excel (.xlsx) files")
    if getattr(args, "visit", None) is not None and kind != "ics":
        raise ImportFormatError("--visit goes with iCalendar (.ics) files: their events become that visit's meetings")
    if kind == "ics" and getattr(args, "visit", None) is None:
        raise ImportFormatError(f"{inline(str(files[0]))}: an iCalendar file is imported as meetings of a visit: "
                                "give --visit ID")
    if kind == "report" and len(files) > 1:
        raise ImportFormatError("one report at a time: each report drafts one visit")
    if kind == "archive" and len(files) > 1:
        raise ImportFormatError("one Organizer archive at a time (several files are read as vCards, CSV, "
                                "Excel or iCalendar files only)")
    return kind


def _print_people_report(report: VCardReport, files: list[Path], out: TextIO) -> None:
    what = "would import" if report.dry_run else "imported"
    names = ", ".join(inline(str(f)) for f in files)
    print(f"{what} {names}: {report.created} people created, {report.updated} updated, "
          f"{report.skipped} skipped (nothing new); {report.institutions_created} institutions created", file=out)
    for line in report.left_out:
        print(f"left out: {inline(line)}", file=out)
    if report.left_out_count > len(report.left_out):
        print(f"left out: ... and {report.left_out_count - len(report.left_out)} more", file=out)


def cmd_import_vcards(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from organizer.services.interop.contacts import import_vcards

    report = import_vcards(db, list(args.file), dry_run=args.dry_run)
    if args.json:
        dump(report.as_json(), out)
    else:
        _print_people_report(report, list(args.file), out)
    return 0


def cmd_import_sheets(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from organizer.services.interop.sheet_import import import_sheets, load_mapping

    mapping, sheet = load_mapping(args.mapping) if args.mapping is not None else (None, None)
    report = import_sheets(db, list(args.file), mapping=mapping, sheet=sheet, dry_run=args.dry_run)
    if args.json:
        dump(report.as_json(), out)
    else:
        _print_people_report(report, list(args.file), out)
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


def cmd_import_ics(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from organizer.services.interop.ical import import_ics

    report = import_ics(db, args.file[0], args.visit, dry_run=args.dry_run)
    if args.json:
        dump(report.as_json(), out)
        return 0
    what = "would import" if report.dry_run else "imported"
    print(f"{what} {inline(str(args.file[0]))} into visit {args.visit}: {report.created} meetings created, "
          f"{report.updated} updated, {report.skipped} skipped (nothing new)", file=out)
    for line in report.left_out:
        print(f"left out: {inline(line)}", file=out)
    return 0


def cmd_import_report(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from organizer.services import drafting

    path = args.file[0]
    draft = drafting.draft_from_file(db, path)
    if not args.dry_run:
        from organizer.services.drafting.writing import write_draft

        written = write_draft(db, draft)
        if args.json:
            dump({**draft.as_json(), "written": written.as_json()}, out)
        else:
            print(f"imported {inline(str(path))}: {written.summary()}", file=out)
        return 0
    if args.json:
        dump(draft.as_json(), out)
        return 0
    print(f"would draft from {inline(str(path))}: visit {inline(draft.visit.title)!s}", file=out)
    for person in draft.people:
        link = f"existing #{person.existing_id}" if person.existing_id else "new"
        print(f"  person ({person.side}, {link}): {inline(person.full_name)}, {inline(person.title)}, "
              f"{inline(person.institution)}", file=out)
    for inst in draft.institutions:
        link = f"existing #{inst.existing_id}" if inst.existing_id else "new"
        under = f" (under {inline(inst.parent)})" if inst.parent else ""
        print(f"  institution ({link}): {inline(inst.name)}{under}", file=out)
    for n, meeting in enumerate(draft.meetings, 1):
        print(f"  meeting {n}: {inline(meeting.title)} ({', '.join(inline(p) for p in meeting.participants)})",
              file=out)
    for followup in draft.followups:
        print(f"  follow-up: {inline(followup.description)}", file=out)
    return 0


def _needs_out(args: argparse.Namespace, what: str) -> Path:
    if args.out is None:
        raise ValidationError({"--out": f"`export {what}` needs --out FILE"})
    if args.person:
        raise ValidationError({"--person": f"--person goes with `export vcard`, not `export {what}`"})
    if args.vcard_version != "4.0":
        raise ValidationError({"--version": f"--version goes with `export vcard`, not `export {what}`"})
    path: Path = args.out
    return path


def cmd_export_list(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from organizer.services.interop import sheet_export

    fmt = str(args.file)
    target = _needs_out(args, fmt)
    if args.list is None or args.list not in sheet_export.LISTS:
        raise ValidationError({"LIST": f"`export {fmt}` needs the list to write: {', '.join(sheet_export.LISTS)}"})
    written = sheet_export.export_list_file(db, target, fmt, args.list, args.visit)
    what = f"visit {args.visit}'s {args.list}" if args.visit is not None else args.list
    print(f"exported {written} {'row' if written == 1 else 'rows'} of {what} to {inline(str(target))}", file=out)
    return 0


def cmd_export_ics(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from organizer.services.interop import ical

    target = _needs_out(args, "ics")
    if args.visit is None:
        raise ValidationError({"--visit": "`export ics` needs --visit ID: the visit whose schedule to write"})
    if args.list is not None:
        raise ValidationError({"": f"{inline(str(args.list))}: `export ics` takes no list name"})
    info = ical.export_ics_file(db, target, args.visit)
    extra = f" ({info.unscheduled} meetings without a time left out)" if info.unscheduled else ""
    print(f"exported visit {args.visit}'s schedule to {inline(str(target))}: {info.events} events, "
          f"{info.todos} follow-up due dates, time zone {info.zone}{extra}", file=out)
    return 0
