"""Benchmark the store and the read services on a generated database and print a plain-text table.

    python bench/bench_store.py [--people 100000] [--seed 1] [--keep FILE]

Generates a database with ``generate.py`` (in a subprocess, timed, into a temporary folder unless
``--keep FILE`` names where to keep it; an existing FILE with people in it is reused, not regenerated),
then times what the app does when it opens a file, shows lists and opens records. Each row gives the
number of calls, their total time and the time per call. Nothing is asserted: it is a report.

``--people 2000`` makes a smoke run of a few seconds.
"""

from __future__ import annotations

import argparse
import gc
import platform
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy
from sqlalchemy import func, select

from organizer.services import followups, institutions, meetings, people, visits
from organizer.services.browse import people_rows
from organizer.store import models as m
from organizer.store.database import Database, open_database, sqlite_url

GENERATOR = Path(__file__).resolve().parent / "generate.py"


@dataclass(slots=True)
class Row:
    operation: str
    n: int
    total: float | None
    """Seconds; None if the operation failed or does not exist."""
    note: str = ""

    def cells(self) -> tuple[str, str, str, str]:
        if self.total is None:
            return self.operation, f"{self.n:,}", "-", self.note
        per_op = self.total / self.n * 1000 if self.n else 0.0
        return self.operation, f"{self.n:,}", f"{self.total:.3f}", f"{per_op:.3f}"


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size so far, in MB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(who).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak * 1024 / 1e6


def measure(rows: list[Row], operation: str, n: int, call: Callable[[int], Any]) -> Any:
    """Call ``call(i)`` for i in 0..n-1 and add a row; a failure becomes a row, not a crash."""
    gc.collect()
    result = None
    started = time.perf_counter()
    try:
        for i in range(n):
            result = call(i)
    except Exception as err:
        rows.append(Row(operation, n, None, f"FAILED: {type(err).__name__}: {str(err).splitlines()[0][:80]}"))
        return None
    rows.append(Row(operation, n, time.perf_counter() - started))
    return result


def service(module: Any, name: str) -> Callable[..., Any] | None:
    """A service function if it exists (the services are still growing)."""
    found = getattr(module, name, None)
    return found if callable(found) else None


def ids_of(db: Database, model: type[m.RecordMixin]) -> list[int]:
    with db.reader() as session:
        return list(session.scalars(select(model.id).order_by(model.id)))


def participants(db: Database) -> list[int]:
    with db.reader() as session:
        return list(session.scalars(select(m.VisitParticipant.person_id).distinct().order_by(
            m.VisitParticipant.person_id)))


def count_people(db: Database) -> int:
    with db.reader() as session:
        return session.scalar(select(func.count()).select_from(m.Person)) or 0


def generate(path: Path, people_count: int, seed: int) -> tuple[float, float]:
    """Run generate.py in a subprocess; (seconds, the child's peak RSS in MB)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, str(GENERATOR), "--db", str(path), "--people", str(people_count),
                    "--seed", str(seed), "--quiet"], check=True)
    return time.perf_counter() - started, peak_rss_mb(resource.RUSAGE_CHILDREN)


def run(path: Path, people_count: int, seed: int, rows: list[Row]) -> dict[str, float]:
    """Fill ``rows`` with timings; returns extra figures (file size, RSS) for the footer."""
    extra: dict[str, float] = {}
    rng = random.Random(seed)

    with tempfile.TemporaryDirectory() as scratch:
        fresh = sqlite_url(Path(scratch) / "empty.sqlite")
        measure(rows, "create an empty database (all migrations)", 1, lambda _i: open_database(fresh).close())

    url = sqlite_url(path)
    measure(rows, "open_database (migration check) + close", 5, lambda _i: open_database(url).close())
    db = open_database(url)
    try:
        measure(rows, "count_people", 5, lambda _i: count_people(db))
        ids: list[int] = measure(rows, "person_ids (all, in name order)", 3, lambda _i: people.person_ids(db)) or []
        if ids:
            batch = 200
            starts = [rng.randrange(0, max(1, len(ids) - batch)) for _ in range(50)]
            measure(rows, f"people_rows ({batch} consecutive ids of the list)", len(starts),
                    lambda i: people_rows(db, ids[starts[i]:starts[i] + batch]))
            picks = rng.sample(ids, min(200, len(ids)))
            measure(rows, "get_person (random ids)", len(picks), lambda i: people.get_person(db, picks[i]))
            attendees = participants(db)
            picks = rng.sample(attendees, min(50, len(attendees)))
            measure(rows, "person_history (people who attended visits)", len(picks),
                    lambda i: people.person_history(db, picks[i]))
            picks = rng.sample(ids, min(50, len(ids)))
            measure(rows, "person_history (random ids)", len(picks), lambda i: people.person_history(db, picks[i]))

        visit_ids = ids_of(db, m.Visit)
        picks = rng.sample(visit_ids, min(50, len(visit_ids)))
        measure(rows, "get_visit (random)", len(picks), lambda i: visits.get_visit(db, picks[i]))
        meeting_ids = ids_of(db, m.Meeting)
        picks = rng.sample(meeting_ids, min(50, len(meeting_ids)))
        measure(rows, "get_meeting (random)", len(picks), lambda i: meetings.get_meeting(db, picks[i]))
        institution_ids = ids_of(db, m.Institution)
        picks = rng.sample(institution_ids, min(50, len(institution_ids)))
        measure(rows, "get_institution (random)", len(picks), lambda i: institutions.get_institution(db, picks[i]))

        measure(rows, f"list_visits ({len(visit_ids):,} rows)", 3, lambda _i: visits.list_visits(db))
        measure(rows, f"list_meetings ({len(meeting_ids):,} rows)", 3, lambda _i: meetings.list_meetings(db))
        measure(rows, "list_followups (all)", 3, lambda _i: followups.list_followups(db))
        measure(rows, f"list_institutions ({len(institution_ids):,} rows)", 3,
                lambda _i: institutions.list_institutions(db))
        measure(rows, "institution_tree", 3, lambda _i: institutions.institution_tree(db))

        list_people = service(people, "list_people")
        if list_people is not None:
            measure(rows, "list_people (every row at once)", 1, lambda _i: list_people(db))
        extra["rss_before_details"] = peak_rss_mb()
        details = service(people, "list_people_details")
        if details is not None:
            measure(rows, "list_people_details (all; CLI list people)", 1, lambda _i: len(details(db)))
    finally:
        db.close()
    extra["rss_end"] = peak_rss_mb()
    extra["file_mb"] = path.stat().st_size / 1e6
    return extra


def print_table(rows: Sequence[Row]) -> None:
    header = ("operation", "n", "total s", "per op ms")
    cells = [r.cells() for r in rows]
    widths = [max(len(header[c]), *(len(row[c]) for row in cells)) for c in range(4)]
    line = "-+-".join("-" * w for w in widths)
    print(" | ".join(h.ljust(w) if c == 0 else h.rjust(w) for c, (h, w) in enumerate(zip(header, widths, strict=True))))
    print(line)
    for row, cell in zip(rows, cells, strict=True):
        if row.total is None:
            print(f"{cell[0].ljust(widths[0])} | {cell[1].rjust(widths[1])} | {cell[3]}")
        else:
            print(" | ".join(v.ljust(w) if c == 0 else v.rjust(w)
                             for c, (v, w) in enumerate(zip(cell, widths, strict=True))))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the Organizer store on generated data.")
    parser.add_argument("--people", type=int, default=100_000, help="people to generate (default 100,000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed for data and samples (default 1)")
    parser.add_argument("--keep", type=Path, metavar="FILE",
                        help="keep the database at FILE (reused if it already holds people)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="organizer-bench-") as tmp:
        path: Path = args.keep or Path(tmp) / "bench.sqlite"
        rows: list[Row] = []
        existing = 0
        if path.exists():
            db = open_database(sqlite_url(path))
            try:
                existing = count_people(db)
            finally:
                db.close()
        gen_rss = 0.0
        if existing:
            print(f"Reusing {path} ({existing:,} people); --people is ignored")
            people_count = existing
        else:
            people_count = args.people
            print(f"Generating {people_count:,} people into {path} ...", flush=True)
            seconds, gen_rss = generate(path, people_count, args.seed)
            rows.append(Row("generate.py (whole run, per person)", people_count, seconds))
        extra = run(path, people_count, args.seed, rows)

    print()
    print(f"Organizer store benchmark: {people_count:,} people, seed {args.seed}; Python {platform.python_version()}, "
          f"SQLAlchemy {sqlalchemy.__version__}, SQLite {sqlite3.sqlite_version}, {platform.system()} "
          f"{platform.machine()}")
    print()
    print_table(rows)
    print()
    print(f"database file: {extra['file_mb']:.1f} MB")
    rss = f"peak RSS: benchmark process {extra['rss_end']:.0f} MB"
    if extra["rss_end"] > extra["rss_before_details"] + 1:
        rss += f" ({extra['rss_before_details']:.0f} MB before list_people_details)"
    if gen_rss:
        rss += f"; generator subprocess {gen_rss:.0f} MB"
    print(rss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
