"""``organizer duplicate visit ID``: a new planned visit copied from one (next year's, or ``--return``).

What is copied and what is not: ``services.visit_copy``. Without ``--json`` one line says what was made;
with it the new visit is printed as ``organizer show visit --json`` prints it. Programme items left out of an
undated copy (they need a date) are said after that line, or on standard error with ``--json``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from organizer.cli.safety import inline

if TYPE_CHECKING:
    from organizer.store.database import Database


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser], id_type: Callable[[str], int]) -> None:
    dup = sub.add_parser("duplicate", help="copy a visit as a new planned one (next year's, or the return visit)",
                         description="Create a new planned visit from an existing one, in one transaction: its "
                                     "title, direction, place, purpose, topics, institutions and participants "
                                     "(sides, roles, precedence), logistics texts, and its programme skeleton "
                                     "(meetings with their venue, room, participants and topics; arrival, "
                                     "transfers, meals...), with their language variants. Not copied: the status, "
                                     "summary, desired outcomes, key messages, sensitivities, meeting notes, "
                                     "agendas and outcomes, follow-ups, agreements, gifts, attachments. With "
                                     "--start every date keeps its offset from the visit's first day and its "
                                     "time; without it the copy is undated and programme items, which need a "
                                     "date, are left out. --return swaps the sides (guests become hosts), the "
                                     "direction and the side-bound roles, and leaves out the place, the "
                                     "logistics and the escorts.")
    dup.add_argument("kind", choices=("visit",))
    dup.add_argument("id", type=id_type, help="the visit to copy")
    dup.add_argument("--start", default=None, metavar="DATE",
                     help="the new visit's first day (11.03.2026, 2026-03-11, 11 мар 2026...); default: undated")
    dup.add_argument("--return", dest="swap_sides", action="store_true",
                     help="the return visit: guests become hosts and hosts guests, incoming becomes outgoing")
    dup.add_argument("--title", default=None, metavar="TEXT", help="the new visit's title (default: the same)")
    dup.add_argument("--json", action="store_true", help="print the new visit as `show visit --json` does")


def cmd_duplicate(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from organizer.cli import jsonout
    from organizer.cli.output import dump, stderr
    from organizer.domain.dates import parse_date
    from organizer.domain.errors import ValidationError
    from organizer.services.visit_copy import duplicate_visit

    try:
        start = parse_date(args.start or "")
    except ValueError:
        raise ValidationError({"start": f"{args.start.strip()!r} is not a date (e.g. 11.03.2026 or 2026-03-11)"}
                              ) from None
    result = duplicate_visit(db, args.id, start=start, swap_sides=args.swap_sides, title=args.title)
    detail = result.visit
    if args.json:
        dump(jsonout.visit_full(detail), out)
    else:
        d = detail.data
        dates = f"{d.start_date} – {d.end_date}" if d.end_date and d.end_date != d.start_date else str(
            d.start_date or "undated")
        kind = "return visit" if args.swap_sides else "visit"
        print(f"{kind} {detail.meta.id} created from visit {args.id}: {inline(d.title)} ({dates}); "
              f"{len(detail.participants)} participants, {len(detail.meetings)} meetings, "
              f"{len(detail.programme)} programme items", file=out)
    if result.skipped_items:
        print(f"note: {result.skipped_items} programme item(s) not copied: they need a date (give --start)",
              file=stderr() if args.json else out)
    return 0
