"""The window in the UI language (issue 18 point 3): what showing names and texts in the display language's
variants costs each read the window makes, next to the same read with no display language (the floor: the
texts as stored, what the command line reads).

    python bench/bench_window_language.py --db FILE        # a database from generate.py (e.g. --people 50000)
    python bench/bench_window_language.py --people 2000    # smoke run: a fresh database in a temporary folder

Reads: a batch of 200 list rows of each kind (people on the plain sqlite3 road and on SQLAlchemy Core, visits,
meetings, follow-ups, agreements), 100 people (the people list's batch) on both roads, 200 and 100 people never
read before in the process (each round the next ones: names no cache has seen, though their name parts may have
been), the whole institution tree, a visit's pane data (``get_visit``), a meeting's
(``get_meeting``), quick open. Each read runs ``--rounds`` times, Russian and as stored alternating pair by
pair; printed: the median ms of each, their ratio, the load average. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from organizer.domain.enums import RecordKind  # noqa: E402
from organizer.domain.variants import set_display_language  # noqa: E402
from organizer.services import browse, institutions, meetings, paging, search, visits  # noqa: E402
from organizer.store.database import Database, open_database, sqlite_url  # noqa: E402

BATCH = 200
SMALL = 100
"""The people list's batch (the window reads 100 rows at a time)."""


def _reads(db: Database) -> list[tuple[str, Callable[[], Any]]]:
    ids = {kind: browse.record_ids(db, kind)[:BATCH] for kind in (RecordKind.PERSON, RecordKind.VISIT,
                                                                 RecordKind.MEETING, RecordKind.FOLLOWUP,
                                                                 RecordKind.AGREEMENT)}
    visit = ids[RecordKind.VISIT][0]
    meeting = ids[RecordKind.MEETING][0]
    people = ids[RecordKind.PERSON]
    every = browse.record_ids(db, RecordKind.PERSON)
    unread = iter(every[len(every) // 5:])  # people no read below has named yet

    def fresh(n: int) -> list[int]:
        return [ident for ident, _ in zip(unread, range(n), strict=False)] or people[:n]

    return [
        ("people rows (plain sqlite3)", lambda: paging.record_rows(db, RecordKind.PERSON, people)),
        ("people rows (Core)", lambda: browse.people_rows(db, people)),
        ("people 100 rows (plain sqlite3)", lambda: paging.record_rows(db, RecordKind.PERSON, people[:SMALL])),
        ("people 100 rows (Core)", lambda: browse.people_rows(db, people[:SMALL])),
        ("people rows never read (plain)", lambda: paging.record_rows(db, RecordKind.PERSON, fresh(BATCH))),
        ("people 100 never read (plain)", lambda: paging.record_rows(db, RecordKind.PERSON, fresh(SMALL))),
        ("visit rows", lambda: paging.record_rows(db, RecordKind.VISIT, ids[RecordKind.VISIT])),
        ("meeting rows", lambda: paging.record_rows(db, RecordKind.MEETING, ids[RecordKind.MEETING])),
        ("follow-up rows", lambda: paging.record_rows(db, RecordKind.FOLLOWUP, ids[RecordKind.FOLLOWUP])),
        ("agreement rows", lambda: paging.record_rows(db, RecordKind.AGREEMENT, ids[RecordKind.AGREEMENT])),
        ("institution tree", lambda: institutions.institution_tree(db)),
        ("visit pane data", lambda: visits.get_visit(db, visit)),
        ("meeting pane data", lambda: meetings.get_meeting(db, meeting)),
        ("quick open 'kaz'", lambda: search.quick_open(db, "kaz")),
    ]


def _timed(read: Callable[[], Any], lang: str | None) -> float:
    set_display_language(lang)
    try:
        start = time.perf_counter()
        read()
        return (time.perf_counter() - start) * 1000
    finally:
        set_display_language(None)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a database made by bench/generate.py")
    parser.add_argument("--people", type=int, default=2000, help="people in a fresh database (without --db)")
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db
        if path is None:
            path = Path(tmp) / "bench.sqlite"
            subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--db", str(path),
                            "--people", str(args.people)], check=True, stdout=subprocess.DEVNULL)
        db = open_database(sqlite_url(path))
        reads = _reads(db)
        for _name, read in reads:  # warm the caches and the statements
            _timed(read, "ru")
            _timed(read, None)
        print(f"{path.name}: {db.path and os.path.getsize(db.path) / 1e6:.1f} MB, {args.rounds} rounds, "
              f"batches of {BATCH} rows")
        print(f"{'read':32} {'ru ms':>9} {'stored ms':>10} {'ratio':>6}")
        for name, read in reads:
            ru: list[float] = []
            stored: list[float] = []
            for _ in range(args.rounds):  # alternating pair by pair
                ru.append(_timed(read, "ru"))
                stored.append(_timed(read, None))
            a, b = statistics.median(ru), statistics.median(stored)
            print(f"{name:32} {a:9.1f} {b:10.1f} {a / b if b else float('nan'):6.2f}")
        print("load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()))
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
