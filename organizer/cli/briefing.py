"""``organizer briefing``, ``organizer dossier`` and ``organizer letters``: PDF documents from the command line.

ReportLab and the assembly service are imported inside the commands, so ``organizer --help`` and the
other commands do not pay for them. Every file goes through ``store.files.write_file``: never over the
open database, its companion files or its backups, never onto a device, FIFO or link; written to a
temporary name in the target folder and renamed into place, so it is replaced whole or not at all.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from organizer.cli.argtypes import record_id
from organizer.cli.safety import inline
from organizer.domain.enums import RecordKind
from organizer.domain.sections import REPORT_SECTIONS, SECTIONS

if TYPE_CHECKING:
    from organizer.store.database import Database

BRIEFING_SECTIONS = SECTIONS


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the three commands on the main parser's sub-commands."""
    br = sub.add_parser(
        "briefing", help="write the PDF briefing book (or --report) of a visit",
        description="Write the pre-visit briefing book of a visit as PDF, or with --report the post-visit "
                    "report. VISIT is an id or a unique part of the title.")
    br.add_argument("visit", metavar="VISIT", help="visit id or a unique part of its title")
    br.add_argument("--report", action="store_true", help="the post-visit report instead of the briefing")
    br.add_argument("--lang", choices=("en", "ru", "ru+en", "en+ru"), default="en",
                    help="the reader's language: labels, dates, names and texts (their variants); ru+en or "
                         "en+ru: the delegation lists and the programme in two columns, one per language")
    br.add_argument("--out", type=Path, metavar="FILE.pdf", help="output file (default: briefing-ID.pdf, or .docx)")
    _common(br, lang=False)
    br.add_argument("--sections", nargs="+", metavar="SECTION",
                    help=f"sections to print (briefing: {', '.join(BRIEFING_SECTIONS)}; "
                         f"report: {', '.join(REPORT_SECTIONS)}); default: all")
    br.add_argument("--marking", default="", metavar="TEXT",
                    help='handling marking on the cover and every page, e.g. "For official use"')
    br.add_argument("--office", default="", metavar="TEXT",
                    help="issuing office on the cover (default: our side's institution)")
    br.add_argument("--prepared-by", default="", metavar="NAME",
                    help="who prepared it, on the cover (default: the database user, see --user)")
    br.add_argument("--doc-version", default="", metavar="TEXT",
                    help="the document's version on the cover (default: the date and time it is made)")

    do = sub.add_parser("dossier", help="write the PDF dossier of a person or an institution",
                        description="Write a one-person or one-institution dossier as PDF.")
    do.add_argument("kind", choices=("person", "institution"))
    do.add_argument("id", type=record_id)
    do.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="output file")
    _common(do)
    do.add_argument("--marking", default="", metavar="TEXT", help="handling marking on every page")

    le = sub.add_parser("letters", help="write thank-you letters after a visit (one PDF per recipient)",
                        description="Write thank-you letters after a visit, one PDF each. By default they go to "
                                    "the other side's participants but their interpreters (the guests of an "
                                    "incoming visit); --to names the recipients instead (our own staff and "
                                    "interpreters only that way). The letters come from the issuing office (our "
                                    "side's first institution, or --office) and are signed by the most senior "
                                    "participant who works there, or by --signatory; guests are thanked for their "
                                    "visit, other host institutions for receiving the delegation, colleagues for "
                                    "their part.")
    le.add_argument("visit", metavar="VISIT", help="visit id or a unique part of its title")
    le.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for the letters (created)")
    le.add_argument("--lang", choices=("en", "ru"), default="en", help="language of the letters")
    le.add_argument("--paper", choices=("a4", "letter"), default="a4")
    le.add_argument("--format", choices=("pdf", "docx"), default="pdf", help="pdf, or docx for editable copies")
    le.add_argument("--number", default="", metavar="TEXT",
                    help="outgoing number; with several letters each gets TEXT-1, TEXT-2... (default: a blank "
                         "to fill in)")
    le.add_argument("--office", default="", metavar="INSTITUTION",
                    help="issuing institution (id or name); default: our side's first institution")
    le.add_argument("--to", nargs="+", type=record_id, metavar="ID", dest="recipients",
                    help="person ids of the recipients (participants of the visit); default: the other side "
                         "but its interpreters")
    le.add_argument("--signatory", type=record_id, metavar="ID",
                    help="person id of the participant who signs; default: the office's most senior participant")


def _common(parser: argparse.ArgumentParser, *, lang: bool = True) -> None:
    if lang:
        parser.add_argument("--lang", choices=("en", "ru"), default="en",
                            help="the reader's language: labels, dates, names and texts (their variants)")
    parser.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size")
    _format(parser)


def _format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("pdf", "docx"), default=None,
                        help="pdf, or docx for an editable copy (default: from the --out file's "
                             "extension, else pdf)")


def _chosen_format(args: argparse.Namespace, out: Path | None) -> str:
    if args.format:
        return str(args.format)
    return "docx" if out is not None and out.suffix.casefold() == ".docx" else "pdf"


def cmd_briefing(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from organizer.services import briefing as assembly
    from organizer.services.documents import DocumentRequest, render
    from organizer.store.files import check_output_path, write_file

    visit_id = assembly.resolve_visit(db, args.visit)
    fmt = _chosen_format(args, args.out)
    target: Path = args.out or Path(f"{'report' if args.report else 'briefing'}-{visit_id}.{fmt}")
    check_output_path(target, db.path)  # before the layout work; checked again when written
    document = render(db, DocumentRequest(
        RecordKind.VISIT, visit_id, lang=args.lang, paper=args.paper, report=args.report, marking=args.marking,
        sections=tuple(args.sections) if args.sections else None, issuing_office=args.office or None,
        format=fmt, prepared_by=args.prepared_by, version=args.doc_version))
    write_file(target, document.pdf, database=db.path)
    print(f"wrote {inline(target)} ({'report' if args.report else 'briefing'} of visit {visit_id}: "
          f"{inline(document.title)})", file=out)
    return 0


def cmd_dossier(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from organizer.services.documents import DocumentRequest, render
    from organizer.store.files import check_output_path, write_file

    check_output_path(args.out, db.path)  # before the layout work; checked again when written
    document = render(db, DocumentRequest(RecordKind(args.kind), args.id, lang=args.lang, paper=args.paper,
                                          marking=args.marking, format=_chosen_format(args, args.out)))
    write_file(args.out, document.pdf, database=db.path)
    print(f"wrote {inline(args.out)} (dossier of {args.kind} {args.id})", file=out)
    return 0


def cmd_letters(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from organizer.services import briefing as assembly
    from organizer.services.letters import LetterRequest, letters, save_letters

    visit_id = assembly.resolve_visit(db, args.visit)
    office_id = assembly.resolve_institution(db, args.office) if args.office.strip() else None
    request = LetterRequest(visit_id, lang=args.lang, paper=args.paper, office_id=office_id,
                            recipient_ids=tuple(args.recipients) if args.recipients else None,
                            signatory_id=args.signatory, number=args.number, format=args.format)
    folder: Path = args.out
    written = save_letters(letters(db, request), folder, db.path)
    print(f"wrote {len(written)} letters to {inline(folder)}", file=out)
    return 0
