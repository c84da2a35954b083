"""``organizer search``, ``organizer duplicates`` and ``organizer merge``: find records however a
name was spelt, list likely duplicates, merge two records (and undo a merge).

Each ``cmd_*`` takes the open database, the parsed arguments and the output stream, like the other
commands in ``cli/main.py``; ``register`` adds the sub-commands to the main parser. Services are
imported inside the commands so ``organizer --help`` stays fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from organizer.store.database import Database

SEARCH_KINDS = ("person", "institution", "visit", "meeting", "followup")
KIND_LABELS = {"person": "People", "institution": "Institutions", "visit": "Visits", "meeting": "Meetings",
               "followup": "Follow-ups"}


def register(sub: Any) -> None:
    """Add ``search``, ``duplicates`` and ``merge`` to the main parser's sub-parsers."""
    s = sub.add_parser("search", help="find people, institutions, visits, meetings, follow-ups",
                       description="Find records by any word of their names or text. Names match however "
                                   "they were spelt: in Cyrillic or Latin, in any common romanization "
                                   "(Korzhikov, Korjikov, Коржиков), with Uzbek apostrophes in any form, "
                                   "by their start as you type, and with one typo.")
    s.add_argument("query", nargs="?", default="", help="what to look for")
    s.add_argument("--kind", action="append", choices=SEARCH_KINDS, metavar="KIND",
                   help=f"only this kind (repeat for several): {', '.join(SEARCH_KINDS)}")
    s.add_argument("--limit", type=int, default=20, metavar="N", help="at most N hits (default 20)")
    s.add_argument("--json", action="store_true",
                   help="print a JSON array of hits (kind, id, title, snippet, score, field)")
    s.add_argument("--rebuild", action="store_true",
                   help="rebuild the search index from the data (if it was ever damaged), then search")


def _dump(value: Any, out: TextIO) -> None:
    json.dump(value, out, ensure_ascii=False, indent=2)
    out.write("\n")


def cmd_search(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from organizer.services import search

    if args.rebuild:
        counts = search.rebuild_index(db, progress=lambda msg: print(msg, file=sys.stderr))
        print("search index rebuilt: " + ", ".join(f"{n:,} {k}" for k, n in counts.items()),
              file=sys.stderr if args.json else out)
        if not args.query.strip():
            if args.json:
                _dump([], out)
            return 0
    elif not args.query.strip():
        print("organizer: search: give something to look for (or --rebuild)", file=sys.stderr)
        return 2
    results = search.search(db, args.query, kinds=args.kind, limit=args.limit)
    if args.json:
        _dump([{"kind": h.kind, "id": h.id, "title": h.title, "snippet": h.snippet, "score": h.score,
                "field": h.field} for h in results.hits], out)
        return 0
    if not results.hits:
        print(f"nothing found for {args.query!r}", file=out)
        return 0
    for kind, hits in results.groups():
        print(f"{KIND_LABELS.get(kind, kind)}:", file=out)
        for h in hits:
            print(f"  {h.id:>6}  {h.title}", file=out)
            if h.snippet and h.snippet != h.title:
                print(f"          {h.field}: {h.snippet}", file=out)
    return 0
