"""``organizer history KIND ID [--json]``: who changed a record, what and when (the audit trail).

The user name written with each change is ``--user``, else ``$ORGANIZER_USER``, else the login name
(``store.database.default_user``). A record that absorbed others by merging shows their entries too
(``services.audit``).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

from organizer.cli.output import dump
from organizer.cli.safety import inline
from organizer.domain import audit as audit_domain
from organizer.domain.enums import RecordKind

if TYPE_CHECKING:
    from organizer.domain.audit import AuditEntryView
    from organizer.store.database import Database

HISTORY_KINDS = tuple(kind.value for kind in audit_domain.HISTORY_KINDS)
"""The kinds ``organizer history`` takes (``domain.audit.HISTORY_KINDS``), as typed."""


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser], id_type: Callable[[str], int]) -> None:
    hs = sub.add_parser("history", help="who changed a record, what and when",
                        description="Show a record's audit trail, oldest first: when, who (--user, "
                                    "$ORGANIZER_USER or the login name of whoever made the change), what "
                                    "(created, which fields changed, merged, deleted...). Entries of records "
                                    "merged into this one are shown too. Values are not recorded, only "
                                    "field names; the trail stays in this database (not in exports).")
    hs.add_argument("kind", choices=HISTORY_KINDS)
    hs.add_argument("id", type=id_type)
    hs.add_argument("--json", action="store_true", help="print one JSON array")


def entry_json(entry: AuditEntryView, ident: int) -> dict[str, Any]:
    return {"id": entry.id, "at": entry.at.isoformat(), "user": entry.user, "action": entry.action,
            "kind": entry.kind, "record_id": entry.record_id, "merged_record": entry.record_id != ident,
            "fields": list(entry.fields), "detail": entry.detail, "description": entry.describe()}


def cmd_history(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from organizer.services import audit

    entries = audit.record_history(db, RecordKind(args.kind), args.id)
    if args.json:
        dump([entry_json(e, args.id) for e in entries], out)
        return 0
    if not entries:
        print(f"{args.kind} {args.id}: no recorded changes (history starts with this version)", file=out)
        return 0
    for e in entries:
        via = f" [as {e.kind} {e.record_id}]" if e.record_id != args.id else ""
        who = inline(e.user) if e.user else "unknown user"
        print(f"{e.at:%Y-%m-%d %H:%M:%S} UTC  {who}: {inline(e.describe())}{via}", file=out)
    return 0
