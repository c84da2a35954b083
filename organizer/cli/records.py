"""``organizer list`` and ``organizer show``: records of one kind, as a table, a sheet or JSON; ``organizer done``
marks a follow-up done.

Loaded only when one of these commands runs (see ``COMMANDS`` in ``cli/main.py``); each branch imports
just the service it needs, so ``list visits`` does not pay for the people or meetings modules. On a SQLite
file every list and every ``show`` read through ``services.plain`` (sqlite3, no SQLAlchemy:
issue 20); on PostgreSQL they take the services' road, and tests hold the two equal.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

from organizer.cli import jsonout
from organizer.cli.output import dump, dump_array
from organizer.domain.kinds import RecordKind, of_collection

if TYPE_CHECKING:
    from organizer.store.database import Database


PLAIN_LISTS = frozenset({RecordKind.INSTITUTION, RecordKind.MEETING, RecordKind.FOLLOWUP, RecordKind.AGREEMENT,
                         RecordKind.PROGRAMME_ITEM})
"""The lists that ``services.plain.list_items`` writes on a SQLite file (``list visits`` and ``list people`` go
through ``services.plain`` too, as the services' rows)."""
PLAIN_SHOWS = frozenset({RecordKind.INSTITUTION, RecordKind.VISIT, RecordKind.MEETING, RecordKind.PROGRAMME_ITEM})
"""The records that ``services.plain.show_item`` writes on a SQLite file (``show person`` goes through
``services.plain`` too, as a detail)."""


def _items(db: Database, kind: RecordKind, args: argparse.Namespace) -> Iterable[dict[str, Any]]:
    if kind in PLAIN_LISTS:
        from organizer.services import plain

        if plain.reads_plainly(db):
            return plain.list_items(db, kind, visit_id=args.visit, status=args.status)
    if kind == RecordKind.PERSON:
        from organizer.services import plain  # sqlite3 on a SQLite file: SQLAlchemy never imported

        return map(jsonout.person_listing, plain.people_listing(db))
    if kind == RecordKind.INSTITUTION:
        from organizer.services import institutions

        return map(jsonout.institution, institutions.list_institutions(db))
    if kind == RecordKind.VISIT:
        from organizer.services import plain  # sqlite3 on a SQLite file: SQLAlchemy never imported

        return map(jsonout.visit, plain.list_visits(db))
    if kind == RecordKind.MEETING:
        from organizer.services import meetings

        return map(jsonout.meeting, meetings.list_meetings(db, visit_id=args.visit))
    if kind == RecordKind.FOLLOWUP:
        from organizer.services import followups

        return map(jsonout.followup, followups.list_followups(db, status=args.status, visit_id=args.visit))
    if kind == RecordKind.PROGRAMME_ITEM:
        from organizer.services import programme

        return map(jsonout.programme_item, programme.list_programme(db, visit_id=args.visit))
    from organizer.services import agreements

    return map(jsonout.agreement, agreements.list_agreements(db))


def cmd_list(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    kind = of_collection(args.kind)  # argparse checked the word (``people``, ``followups``...)
    items = _items(db, kind, args)
    if args.json:
        dump_array(items, out)
    else:
        from organizer.cli import text

        print(text.table(kind, list(items)), file=out)
    return 0


def _record(db: Database, kind: RecordKind, ident: int) -> dict[str, Any]:
    if kind in PLAIN_SHOWS:
        from organizer.services import plain

        if plain.reads_plainly(db):
            return plain.show_item(db, kind, ident)
    if kind == RecordKind.PERSON:
        from organizer.services import plain  # sqlite3 on a SQLite file: SQLAlchemy never imported

        return jsonout.person_full(*plain.person_record(db, ident))
    if kind == RecordKind.INSTITUTION:
        from organizer.services import institutions

        return jsonout.institution_full(institutions.get_institution(db, ident))
    if kind == RecordKind.VISIT:
        from organizer.services import visits

        return jsonout.visit_full(visits.get_visit(db, ident))
    if kind == RecordKind.PROGRAMME_ITEM:
        from organizer.services import programme

        return jsonout.programme_item_full(programme.get_programme_item(db, ident))
    from organizer.services import meetings

    return jsonout.meeting_full(meetings.get_meeting(db, ident))


def cmd_show(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    kind = RecordKind(args.kind)
    item = _record(db, kind, args.id)
    if args.json:
        dump(item, out)
    else:
        from organizer.cli import text

        print(text.record(kind, item), file=out)
    return 0


def cmd_done(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    """``organizer done ID [--on DATE] [--note TEXT]``: the follow-up marked done, the day and note stored."""
    from organizer.domain.dates import parse_date
    from organizer.domain.errors import ValidationError
    from organizer.services import followups

    try:
        day = parse_date(args.on)
    except ValueError:
        raise ValidationError({"on": f"{args.on.strip()!r} is not a date (e.g. 11.03.2025 or 2025-03-11)"}) from None
    detail = followups.mark_done(db, args.id, day, args.note)
    print(f"follow-up {detail.id} done on {detail.data.done_on}", file=out)
    return 0
