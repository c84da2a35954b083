"""``organizer list`` and ``organizer show``: records of one kind, as a table, a sheet or JSON.

Loaded only when one of these commands runs (see ``COMMANDS`` in ``cli/main.py``); each branch imports
just the service it needs, so ``list visits`` does not pay for the people or meetings modules.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

from organizer.cli import jsonout
from organizer.cli.output import dump, dump_array

if TYPE_CHECKING:
    from organizer.store.database import Database


def _items(db: Database, args: argparse.Namespace) -> Iterable[dict[str, Any]]:
    kind = args.kind
    if kind == "people":
        from organizer.services import people

        return map(jsonout.person_listing, people.iter_people_listing(db))
    if kind == "institutions":
        from organizer.services import institutions

        return map(jsonout.institution, institutions.list_institutions(db))
    if kind == "visits":
        from organizer.services import visits

        return map(jsonout.visit, visits.list_visits(db))
    if kind == "meetings":
        from organizer.services import meetings

        return map(jsonout.meeting, meetings.list_meetings(db, visit_id=args.visit))
    if kind == "followups":
        from organizer.services import followups

        return map(jsonout.followup, followups.list_followups(db, status=args.status, visit_id=args.visit))
    from organizer.services import agreements

    return map(jsonout.agreement, agreements.list_agreements(db))


def cmd_list(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    items = _items(db, args)
    if args.json:
        dump_array(items, out)
    else:
        from organizer.cli import text

        print(text.table(args.kind, list(items)), file=out)
    return 0


def _record(db: Database, kind: str, ident: int) -> dict[str, Any]:
    if kind == "person":
        from organizer.services import people

        return jsonout.person_full(*people.person_record(db, ident))
    if kind == "institution":
        from organizer.services import institutions

        return jsonout.institution_full(institutions.get_institution(db, ident))
    if kind == "visit":
        from organizer.services import visits

        return jsonout.visit_full(visits.get_visit(db, ident))
    from organizer.services import meetings

    return jsonout.meeting_full(meetings.get_meeting(db, ident))


def cmd_show(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    item = _record(db, args.kind, args.id)
    if args.json:
        dump(item, out)
    else:
        from organizer.cli import text

        print(text.record(args.kind, item), file=out)
    return 0
