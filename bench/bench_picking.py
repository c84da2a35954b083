"""Typing a name in an editor's picker: each keystroke's lookup (``services.picking.find``) next to its floor.

    python bench/bench_picking.py --db FILE          # a database from generate.py (e.g. --people 100000)
    python bench/bench_picking.py --people 2000      # smoke run: a fresh database in a temporary folder

The picker asks ``picking.find(db, kind, text)`` for every key typed (issue 17 point 2): the search
service limited to one kind's name matches, then the labels of the hits (a person with their
institution, a unit with its parent, a visit with its date). Queries are the prefixes a person types
(2, 3, 4, 5 letters and the whole word) of names drawn from the data (``--seed``): family names,
their Cyrillic forms, institution and visit title words. The floor is the same search alone
(``search.search(db, text, kinds=[kind], limit=12)``), which the picker cannot beat; app and floor
alternate query by query. Printed: p50/p95/max in ms per kind, the ratio of the p95s, the load average.
Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from organizer.domain.enums import RecordKind  # noqa: E402
from organizer.services import institutions, people, picking, search, visits  # noqa: E402
from organizer.store.database import Database, open_database, sqlite_url  # noqa: E402


def _prefixes(word: str) -> list[str]:
    return [word[:n] for n in (2, 3, 4, 5) if n < len(word)] + [word]


def _queries(db: Database, rng: random.Random, count: int) -> dict[RecordKind, list[str]]:
    rows = people.list_people(db)
    names = [r.full_name.split()[-1] for r in rng.sample(rows, min(count, len(rows)))]
    details = [people.get_person(db, r.id) for r in rng.sample(rows, min(count, len(rows)))]
    cyrillic = [v.name.split()[0] for d in details for v in d.data.name_variants if v.script == "Cyrl"][:count]
    words = [w for r in institutions.list_institutions(db) for w in r.name.split() if len(w) > 4]
    titles = [w for r in visits.list_visits(db) for w in r.title.split() if len(w) > 4]
    return {
        RecordKind.PERSON: [p for n in names + cyrillic for p in _prefixes(n)],
        RecordKind.INSTITUTION: [p for w in rng.sample(words, min(count, len(words))) for p in _prefixes(w)],
        RecordKind.VISIT: [p for w in rng.sample(titles, min(count, len(titles))) for p in _prefixes(w)],
    }


def _ms(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"{statistics.median(ordered):7.1f} {p95:7.1f} {ordered[-1]:7.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="a database filled by generate.py")
    parser.add_argument("--people", type=int, default=2000, help="without --db: generate this many people")
    parser.add_argument("--names", type=int, default=40, help="names drawn per kind")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    path = args.db
    if path is None:
        path = Path(tempfile.mkdtemp(prefix="bench-picking-")) / "p.sqlite"
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--db", str(path), "--people",
                        str(args.people)], check=True, stdout=subprocess.DEVNULL)
    db = open_database(sqlite_url(path))
    rng = random.Random(args.seed)
    queries = _queries(db, rng, args.names)
    picking.find(db, RecordKind.PERSON, "warm")  # the index catches up with anything queued
    print(f"{path}: load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'kind':12} {'queries':>7}   {'picker p50/p95/max ms':>24}   {'floor p50/p95/max ms':>24}   p95 ratio")
    for kind, texts in queries.items():
        app: list[float] = []
        floor: list[float] = []
        for text in texts:  # alternating, query by query
            start = time.perf_counter()
            picking.find(db, kind, text)
            app.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            search.search(db, text, kinds=[kind], limit=picking.FIND_LIMIT)
            floor.append((time.perf_counter() - start) * 1000)
        ratio = sorted(app)[int(len(app) * 0.95)] / max(sorted(floor)[int(len(floor) * 0.95)], 1e-6)
        print(f"{kind.value:12} {len(texts):7}   {_ms(app):>24}   {_ms(floor):>24}   {ratio:6.2f}")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
