"""``organizer search``, ``organizer duplicates`` and ``organizer merge``: find records however a
name was spelt, list likely duplicates, merge two records (and undo a merge).

Each ``cmd_*`` takes the open database, the parsed arguments and the output stream, like the other
commands in ``cli/main.py``; ``register`` adds the sub-commands to the main parser. Services are
imported inside the commands so ``organizer --help`` stays fast.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, TextIO

from organizer.cli import argtypes
from organizer.cli.output import dump, stderr
from organizer.cli.safety import inline
from organizer.domain.enums import RecordKind

if TYPE_CHECKING:
    from organizer.store.database import Database

SEARCH_KINDS = ("person", "institution", "visit", "meeting", "followup")



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
    s.add_argument("--limit", type=argtypes.limit, default=20, metavar="N", help="at most N hits (default 20)")
    s.add_argument("--json", action="store_true",
                   help="print a JSON array of hits (kind, id, title, snippet, score, field)")
    s.add_argument("--rebuild", action="store_true",
                   help="rebuild the search index from the data (if it was ever damaged), then search")

    d = sub.add_parser("duplicates", help="list likely duplicate people and institutions",
                       description="List pairs of records that are likely the same person or institution "
                                   "(the same name in another script or romanization, the same e-mail or "
                                   "phone, near-identical names at one institution), surest first, with the "
                                   "reasons. Merge a pair with `organizer merge`.")
    d.add_argument("--kind", choices=("person", "institution"), help="only people or only institutions")
    d.add_argument("--limit", type=argtypes.limit, metavar="N", help="at most N pairs")
    d.add_argument("--json", action="store_true", help="print a JSON array of pairs")

    mg = sub.add_parser("merge", help="merge two records of one person or institution (undoable)",
                        description="Merge OTHER_ID into KEEP_ID: every position, name variant, contact, "
                                    "participation, follow-up and note of both is kept; the other record is "
                                    "deleted and its uid kept as an alias. Prints a token for "
                                    "`organizer unmerge`, which restores both records exactly.")
    mg.add_argument("kind", choices=("person", "institution"))
    mg.add_argument("keep_id", type=argtypes.record_id, metavar="KEEP_ID")
    mg.add_argument("other_id", type=argtypes.record_id, metavar="OTHER_ID")
    mg.add_argument("--json", action="store_true", help="print what was moved as JSON")

    um = sub.add_parser("unmerge", help="undo a merge: restore both records exactly",
                        description="Undo the merge with this token (printed by `organizer merge`; "
                                    "`organizer unmerge --list` shows them).")
    um.add_argument("token", nargs="?", type=argtypes.merge_token, help="the merge token")
    um.add_argument("--list", action="store_true", help="list the merges, newest first")
    um.add_argument("--json", action="store_true", help="print JSON")


def cmd_search(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from organizer.services import search

    if args.rebuild:
        from organizer.services.invalid_text import Watch

        watch = Watch(db)
        counts = search.rebuild_index(db, progress=lambda msg: print(inline(msg), file=stderr()))
        print("search index rebuilt: " + ", ".join(f"{n:,} {k}" for k, n in counts.items()),
              file=stderr() if args.json else out)
        if (damaged := watch.message("indexed")) is not None:
            print(f"organizer: warning: {inline(damaged)}", file=stderr())
        if not args.query.strip():
            if args.json:
                dump([], out)
            return 0
    elif not args.query.strip():
        print("organizer: search: give something to look for (or --rebuild)", file=stderr())
        return 2
    kinds = [RecordKind(k) for k in args.kind] if args.kind else None  # argparse checked the words
    results = search.search(db, args.query, kinds=kinds, limit=args.limit)
    if args.json:
        dump([{"kind": h.kind, "id": h.id, "title": h.title, "snippet": h.snippet, "score": h.score,
                "field": h.field} for h in results.hits], out)
        return 0
    if not results.hits:
        print(f"nothing found for {inline(repr(args.query))}", file=out)
        return 0
    for kind, hits in results.groups():
        print(f"{kind.info.words.capitalize()}:", file=out)
        for h in hits:
            print(f"  {h.id:>6}  {inline(h.title)}", file=out)
            if h.snippet and h.snippet != h.title:
                print(f"          {inline(h.field)}: {inline(h.snippet)}", file=out)
    return 0


def cmd_duplicates(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from organizer.services import duplicates

    pairs = duplicates.find_duplicates(db, RecordKind(args.kind) if args.kind else None, args.limit)
    if args.json:
        dump([{"kind": c.kind, "first_id": c.first_id, "second_id": c.second_id, "first_title": c.first_title,
                "second_title": c.second_title, "reasons": list(c.reasons), "score": c.score} for c in pairs], out)
        return 0
    if not pairs:
        print("no likely duplicates", file=out)
        return 0
    width = max(len(f"{c.first_id} {inline(c.first_title)}") for c in pairs[:200])
    for c in pairs:
        left = f"{c.first_id} {inline(c.first_title)}"
        print(f"{c.kind:<11} {left:<{min(width, 50)}}  <->  {c.second_id} {inline(c.second_title)}", file=out)
        print(f"{'':<11} {c.score:.0f}: {'; '.join(inline(r) for r in c.reasons)}", file=out)
    return 0


def cmd_merge(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from organizer.services import merging

    result = merging.merge(db, RecordKind(args.kind), args.keep_id, args.other_id)
    if args.json:
        dump(result.as_dict(), out)
        return 0
    moved = ", ".join(f"{n} {t}" for t, n in sorted(result.moved.items())) or "nothing to move"
    print(f"merged {args.kind} {result.merged_id} into {result.kept_id}: moved {moved}", file=out)
    if result.dropped:
        print("already there, not doubled: " + ", ".join(f"{n} {t}" for t, n in sorted(result.dropped.items())),
              file=out)
    print(f"undo with: organizer unmerge {result.undo_token}", file=out)
    return 0


def cmd_unmerge(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from organizer.services import merging

    if args.list:
        history = merging.merge_history(db)
        if args.json:
            dump(history, out)
        for h in [] if args.json else history:
            state = f"undone {h['undone_at'][:16]}" if h["undone_at"] else "active"
            print(f"{h['token']:>5}  {h['merged_at'][:16]}  {h['kind']} {h['merged_id']} ({inline(h['merged_title'])}) "
                  f"-> {h['kept_id']}  [{state}]", file=out)
        return 0
    if not args.token:
        print("organizer: unmerge: give a merge token (see `organizer unmerge --list`)", file=stderr())
        return 2
    result = merging.undo_merge(db, args.token)
    if args.json:
        dump(result.as_dict(), out)
    else:
        print(f"restored {result.kind} {result.merged_id} and {result.kept_id} as they were before the merge",
              file=out)
    return 0
