"""Benchmark of the archive import and export: prints a table, asserts nothing.

    python bench/bench_import.py [--people 1000 5000]

For each size it builds an archive in memory (institutions, topics, people with a Cyrillic name
variant, an e-mail, tags, a topic and a position), imports it into a new database, imports it again
(every record already present: the idempotent path), and exports the database back to a dict.
Compare the per-person columns between sizes: they should stay flat as the size grows.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from organizer.services.archive import importer as interchange
from organizer.services.archive.export import export_archive
from organizer.store import open_database, sqlite_url


def build_archive(people: int) -> dict[str, Any]:
    institutions = max(5, people // 50)
    return {
        "format": "organizer-archive", "version": 1,
        "topics": [{"name": f"Topic {i}"} for i in range(30)],
        "institutions": [{"uid": f"bench:i{i}", "name": f"Institute {i}", "kind": "institute"}
                         for i in range(institutions)],
        "people": [
            {"uid": f"bench:p{i}", "given_name": "Gʻulom", "family_name": f"Oʻrinboyev{i}",
             "name_variants": [{"name": f"Ғулом Ўринбоев{i}", "script": "Cyrl", "language": "uz"}],
             "emails": [f"person{i}@example.org"], "tags": ["bench", f"group{i % 7}"], "topics": [f"Topic {i % 30}"],
             "positions": [{"title": "Researcher", "institution": f"bench:i{i % institutions}"}]}
            for i in range(people)
        ],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="+", default=[1000, 5000])
    args = parser.parse_args()
    print(f"{'people':>8} | {'import s':>8} | {'ms/person':>9} | {'again s':>7} | {'export s':>8} | {'ms/person':>9}")
    print("-" * 9 + "+" + "-" * 10 + "+" + "-" * 11 + "+" + "-" * 9 + "+" + "-" * 10 + "+" + "-" * 10)
    for n in args.people:
        archive = build_archive(n)
        with tempfile.TemporaryDirectory() as folder:
            db = open_database(sqlite_url(Path(folder) / "bench.sqlite"))
            try:
                t0 = time.perf_counter()
                report = interchange.import_archive(db, archive)
                t1 = time.perf_counter()
                again = interchange.import_archive(db, archive)
                t2 = time.perf_counter()
                exported = export_archive(db)
                t3 = time.perf_counter()
            finally:
                db.close()
        assert report.added["people"] == n and again.total_added == 0 and len(exported["people"]) == n
        print(f"{n:>8,} | {t1 - t0:>8.2f} | {(t1 - t0) / n * 1000:>9.2f} | {t2 - t1:>7.2f} | {t3 - t2:>8.2f} | "
              f"{(t3 - t2) / n * 1000:>9.3f}")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
