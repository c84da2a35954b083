"""The ``organizer`` command line: the same jobs as the desktop app, headless, for scripts and tests.

Every failure the user can cause (unknown id, a file that is not a database, a database from a newer
Organizer, a bad import file) prints one line to stderr and exits non-zero, never a traceback.
``ORGANIZER_DEBUG=1`` shows the traceback of an unexpected error.

Start-up is kept short (scripts call ``organizer`` in loops): this module imports only argparse and
light parts of the package, so ``--version`` and ``--help`` answer before SQLAlchemy is loaded. Each
command lives in a module of its own (``organizer/cli/<area>.py``) named in ``COMMANDS`` as
``"module:function"`` and imported only when that command runs; the command function imports the
services it uses. To add a command: register its parser in ``build_parser`` and add one ``COMMANDS`` line.

Everything printed goes through one writer (``cli.output.Terminal``, escapes from ``cli.safety``): each
command gets its standard output wrapped in it, error lines (argparse's own too) are escaped, cut short
and have database passwords masked (``domain.redact``).

A new database file is created only when that is asked for: at the default location (in the user
data folder, made owner-only), by ``demo``, or with ``--create``; never in a folder that does not exist.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from organizer import __version__
from organizer.cli import output, safety
from organizer.cli.argtypes import record_id
from organizer.cli.gui_options import GuiOptions, add_gui_arguments, gui_options
from organizer.domain.errors import DatabaseError, OrganizerError
from organizer.domain.kinds import KINDS, RecordKind
from organizer.domain.redact import redact

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from organizer.store.database import Database

GuiLauncher = Callable[["Database", list[str], GuiOptions], int]
GuiRecovery = Callable[[str, str, list[str], GuiOptions], "Database | None"]
"""(url, error, argv, options): the window's offer of a backup when the database cannot be opened."""

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2

LIST_KINDS = tuple(KINDS[kind].collection for kind in RecordKind if kind is not RecordKind.TOPIC)
"""What ``organizer list`` takes: the collection names of ``domain.kinds`` (``people``, ``followups``...)."""
SHOW_KINDS = tuple(kind.value for kind in (RecordKind.PERSON, RecordKind.INSTITUTION, RecordKind.VISIT,
                                           RecordKind.MEETING, RecordKind.PROGRAMME_ITEM))
"""What ``organizer show`` takes."""


class Parser(argparse.ArgumentParser):
    """argparse, with what it echoes of the command line escaped: its errors quote arguments as typed
    (``unrecognized arguments: ...``), and those may hold terminal controls or line breaks."""

    def error(self, message: str) -> NoReturn:
        super().error(safety.message(message))

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if message:
            super()._print_message(safety.terminal_text(message), file)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``only`` (one of ``QUICK_COMMANDS``), a parser that knows just that
    command (the same global options, the same parser for it): building and importing the others is most
    of a reading command's parsing (see ``parse``)."""
    parser = Parser(
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
    parser.add_argument("--user", metavar="NAME",
                        help="who makes the changes, for the audit trail (default: $ORGANIZER_USER or the login name)")
    parser.add_argument("--create", action="store_true",
                        help="create the --db file if it does not exist (its folder must exist); "
                             "`demo` and the default location create it anyway")
    sub: argparse._SubParsersAction[argparse.ArgumentParser] = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=Parser)
    if only == "gui":
        _add_gui_parser(sub)
        return parser
    if only is not None:
        _add_record_parsers(sub, only)
        return parser

    _add_gui_parser(sub)
    sub.add_parser("demo", help="load the demo visit (Uzkhimyosanoat delegation to Kazan)",
                   description="Load the demo visit through the archive import; loading it again adds nothing.")
    imp = sub.add_parser("import", help="import an Organizer archive, vCard, CSV, Excel or iCalendar files in one "
                                        "transaction",
                         description="Import an Organizer archive (JSON), vCard files (.vcf), contact sheets (CSV "
                                     "in any encoding Excel writes, Excel .xlsx; Google Contacts and Outlook "
                                     "headers recognised), an iCalendar file (.ics, as meetings of --visit) or a news "
                                     "report (.txt, .md, .html prose in English: a draft visit with its people, "
                                     "institutions, meetings and follow-ups; check it with --dry-run --json), each "
                                     "told by its content, not its name. All or nothing: on any error nothing is "
                                     "written. An archive record already present (same uid) is left alone when equal, "
                                     "replaced when the file's copy is newer (updated_at), kept otherwise; a person "
                                     "found (by UID, e-mail, or name and institution) gets what is new to them.")
    imp.add_argument("file", type=Path, nargs="+",
                     help="the archive file, or one or more vCard, CSV, .xlsx or .ics files, or one report")
    imp.add_argument("--json", action="store_true", help="print the report as JSON")
    imp.add_argument("--dry-run", action="store_true",
                     help="say what would be created (added), updated and skipped, write nothing")
    imp.add_argument("--mapping", type=Path, metavar="FILE",
                     help='CSV/.xlsx: a JSON file mapping column headers to fields, e.g. {"Фамилия": '
                          '"family_name", "Почта": "email"} (see README: Import and export)')
    imp.add_argument("--visit", type=record_id, metavar="ID", help=".ics: import the events as this visit's meetings")

    exp = sub.add_parser("export", help="export everything as an Organizer archive (JSON), or vCards, CSV, Excel, "
                                        "iCalendar",
                         description="Write the whole database as an Organizer archive (JSON) that "
                                     "`organizer import` reads back; or (`export vcard --out FILE`) people as "
                                     "vCards: those given with --person, a visit's participants, or everyone; or "
                                     "(`export csv|xlsx LIST --out FILE`) a list as the app shows it, one row per "
                                     "record (people, institutions, visits, meetings, followups; with --visit the "
                                     "visit's delegation, programme or follow-ups); or (`export ics --visit ID "
                                     "--out FILE`) a visit's schedule and follow-up due dates as iCalendar. "
                                     "The file is replaced atomically.")
    exp.add_argument("file", type=Path, nargs="?",
                     help="the archive file to write, or archive, vcard, csv, xlsx, ics (with --out FILE)")
    exp.add_argument("list", nargs="?", metavar="LIST",
                     help="with csv/xlsx: people, institutions, visits, meetings or followups")
    exp.add_argument("--out", type=Path, metavar="FILE", help="with archive, vcard, csv, xlsx, ics: the file to write")
    exp.add_argument("--person", type=record_id, nargs="+", action="extend", metavar="ID",
                     help="with `vcard`: these people")
    exp.add_argument("--visit", type=record_id, metavar="ID",
                     help="with vcard: this visit's participants; csv/xlsx: this visit's delegation (people), "
                          "programme (meetings) or follow-ups; ics: this visit's schedule")
    exp.add_argument("--version", choices=("4.0", "3.0"), default="4.0", dest="vcard_version",
                     help="with `vcard`: vCard 4.0 (default) or 3.0 for old clients")

    _add_record_parsers(sub)
    from organizer.cli.briefing import add_parsers as add_briefing_parsers

    add_briefing_parsers(sub)

    from organizer.cli.backup import add_parsers as add_backup_parsers

    add_backup_parsers(sub)
    from organizer.cli.erase import add_parsers as add_erase_parsers

    add_erase_parsers(sub, record_id)
    from organizer.cli.history import add_parsers as add_history_parsers

    add_history_parsers(sub, record_id)
    from organizer.cli.duplicate import add_parsers as add_duplicate_parsers

    add_duplicate_parsers(sub, record_id)
    from organizer.cli.search import register as register_search  # search, duplicates, merge

    register_search(sub)
    return parser


def _add_gui_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    gui = sub.add_parser("gui", help="open the desktop app (the default)",
                         description="Open the desktop app on the chosen database.")
    add_gui_arguments(gui)


def _add_record_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser], only: str | None = None) -> None:
    """``list``, ``show`` and ``done`` (with ``only``: that one of them)."""
    if only in (None, "list"):
        lst = sub.add_parser("list", help="list records", description="List records of one kind.")
        lst.add_argument("kind", choices=LIST_KINDS)
        lst.add_argument("--json", action="store_true", help="print one JSON array")
        lst.add_argument("--visit", type=record_id, metavar="ID",
                         help="meetings, follow-ups or programme items of this visit only")
        lst.add_argument("--status", help="follow-ups with this status only (open, done, dropped)")

    if only in (None, "show"):
        show = sub.add_parser("show", help="show one record in full", description="Show one record in full.")
        show.add_argument("kind", choices=SHOW_KINDS)
        show.add_argument("id", type=record_id)
        show.add_argument("--json", action="store_true", help="print one JSON object")
    if only is None:
        done = sub.add_parser("done", help="mark a follow-up done (on a day, with a note)",
                              description="Mark a follow-up done: the day it was done (default: today; 11.03.2025, "
                                          "2025-03-11, 11 мар 2025...) and an optional note on how, both stored "
                                          "(list followups --json: done_on, done_note).")
        done.add_argument("id", type=record_id, help="the follow-up's id")
        done.add_argument("--on", default="", metavar="DATE", help="the day it was done (default: today)")
        done.add_argument("--note", default=None, metavar="TEXT", help="how it was done")


QUICK_COMMANDS = frozenset({"list", "show", "gui"})
"""Commands parsed by a parser that knows only them when the arguments parse (``_quick_parse``): the
reads that scripts run in loops, whose whole run on a SQLite file costs little more than building the full
parser, and the window, whose first rows would wait for it (the full parser imports every command's
module for its constants: about 20 ms of CPU; issue 20)."""
_VALUED = frozenset({"--db", "--db-url", "--user"})
"""The global options that take a value (the next argument)."""


def _command_word(args: Sequence[str]) -> str | None:
    """The command of these arguments if it is one of ``QUICK_COMMANDS`` (the first argument that is not a
    global option or its value; ``gui`` when there is none: the window is the default), else None."""
    rest = iter(args)
    for arg in rest:
        if arg == "--":
            return None
        if arg in _VALUED:
            next(rest, None)
        elif not arg.startswith("-"):
            return arg if arg in QUICK_COMMANDS else None
    return "gui"


def _quick_parse(args: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of a ``list``, ``show`` or ``gui`` command (typed or implied) as parsed by a parser of
    just that command; None for any other command, and whenever that parser stops (an error, ``--help``):
    the full parser then parses and answers, so what is printed and parsed is always what the full parser
    says."""
    word = _command_word(args)
    if word is None:
        return None
    quiet = io.StringIO()
    try:
        with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
            parsed = build_parser(word).parse_args(args)
    except SystemExit:
        return None
    return parsed if (parsed.command or "gui") == word else None


def main(argv: Sequence[str] | None = None, *, gui: GuiLauncher | None = None,
         out: TextIO | None = None, err: TextIO | None = None, gui_recover: GuiRecovery | None = None) -> int:
    raw_out = out or sys.stdout
    err = output.terminal(err or sys.stderr)
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list == ["--version"]:  # before the parser: its subcommands import their modules' constants
        print(f"organizer {__version__}", file=raw_out)
        return EXIT_OK
    args = _quick_parse(args_list)
    if args is None:
        parser = build_parser()
        try:  # argparse prints its usage errors and help itself: to this call's streams, like every message
            with contextlib.redirect_stdout(raw_out), contextlib.redirect_stderr(err):
                args = parser.parse_args(args_list)
        except SystemExit as exc:
            return int(exc.code or 0)
    command = args.command or "gui"
    out = output.terminal(raw_out, json=bool(getattr(args, "json", False)))
    db: Database | None = None
    urls = [u for u in (args.db_url, os.environ.get("ORGANIZER_DB_URL")) if u]

    def say(text: str) -> None:
        """One error line on stderr: passwords of the database URLs masked, controls escaped, cut short."""
        print(f"organizer: {safety.message(text, *urls)}", file=err)

    try:
        from organizer.paths import ensure_private_dir, explicit_db_choice, resolve_db_url
        from organizer.store.database import open_database

        explicit = explicit_db_choice(args.db, args.db_url)
        if not explicit:
            ensure_private_dir()
        if command == "restore":  # also for a database that cannot be opened
            from organizer.cli.backup import cmd_restore

            return cmd_restore(resolve_db_url(args.db, args.db_url), args, out)
        create = args.create or command == "demo" or not explicit
        try:
            db = open_database(resolve_db_url(args.db, args.db_url), create=create)
        except DatabaseError as exc:
            # The desktop app offers the newest good backup of a file it cannot open.
            if command != "gui" or gui is None or gui_recover is None:
                raise
            db = gui_recover(resolve_db_url(args.db, args.db_url), str(exc),
                             [sys.argv[0] if sys.argv else "organizer"], gui_options(args))
            if db is None:
                raise
        if args.user is not None:
            db.user = args.user.strip()
        if command in CHANGING_COMMANDS:
            from organizer.services.backup import daily_backup

            try:
                daily_backup(db)
            except OrganizerError as exc:  # a read-only folder, a full disk: say so, but do the work asked for
                say(f"warning: no automatic backup made: {exc}")
        if command == "gui":
            if gui is None:
                print("organizer: the desktop app is not available here", file=err)
                return EXIT_ERROR
            return gui(db, [sys.argv[0] if sys.argv else "organizer"], gui_options(args))
        return load_command(command)(db, args, out)
    except OrganizerError as exc:
        say(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("organizer: interrupted", file=err)
        return 130
    except BrokenPipeError:
        # The reader went away (`organizer list people | head`): not an error worth a message.
        # Point stdout at /dev/null so the interpreter's final flush does not complain either.
        if raw_out is sys.stdout:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # never a traceback for the user; one line that says what happened
        if os.environ.get("ORGANIZER_DEBUG"):
            import traceback

            err.write(redact(traceback.format_exc(), *urls) if urls else traceback.format_exc())
        known = safety.describe_unexpected(exc)
        if known is not None:
            say(known)
            return EXIT_ERROR
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        say(f"unexpected error: {type(exc).__name__}: {detail} (set ORGANIZER_DEBUG=1 for details)")
        return EXIT_ERROR
    finally:
        if db is not None:
            db.close()


Command = Callable[["Database", argparse.Namespace, TextIO], int]

COMMANDS: dict[str, str] = {
    "demo": "organizer.cli.archive:cmd_demo",
    "import": "organizer.cli.archive:cmd_import",
    "export": "organizer.cli.archive:cmd_export",
    "list": "organizer.cli.records:cmd_list",
    "show": "organizer.cli.records:cmd_show",
    "done": "organizer.cli.records:cmd_done",
    "briefing": "organizer.cli.briefing:cmd_briefing",
    "dossier": "organizer.cli.briefing:cmd_dossier",
    "letters": "organizer.cli.briefing:cmd_letters",
    "backup": "organizer.cli.backup:cmd_backup",
    "erase": "organizer.cli.erase:cmd_erase",
    "search": "organizer.cli.search:cmd_search",
    "duplicates": "organizer.cli.search:cmd_duplicates",
    "merge": "organizer.cli.search:cmd_merge",
    "unmerge": "organizer.cli.search:cmd_unmerge",
    "history": "organizer.cli.history:cmd_history",
    "duplicate": "organizer.cli.duplicate:cmd_duplicate",
}
"""Command name -> ``"module:function"``; the module is imported only when its command runs."""

CHANGING_COMMANDS = frozenset({"demo", "import", "merge", "unmerge", "duplicate"})
"""The commands that can change the data: the first of them each day makes the daily backup. The others
only read (a copy of a large database before ``show`` would cost the script that calls it many seconds
once a day, to protect nothing). ``erase`` changes data but makes its backup after the erase, never
before: a copy made first would hold exactly the data being erased (``services.erase``). The window
(``gui``) makes it itself, on a worker once its first rows are shown: never before them."""


def load_command(name: str) -> Command:
    module, _, function = COMMANDS[name].partition(":")
    command: Command = getattr(import_module(module), function)
    return command

