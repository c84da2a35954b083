"""Benchmark of the archive import against its floors (issue 20 point 6): prints tables, asserts nothing.

    python bench/bench_import.py                         # 50,000 generated people, 5 runs of each
    python bench/bench_import.py --people 5000 --repeat 3
    python bench/bench_import.py --baseline main~3        # also the import as it was at a git ref, in turn
    python bench/bench_import.py --in-process 1000 5000  # the older per-size table (import, again, export)

The database is made by ``bench/generate.py`` (cached in ``--cache``) and exported once with
``organizer export``; then, ``--repeat`` times and in turn (app, floor, floor with JSON, app, ...: a change
in the machine's load falls on all three), each of these runs as a process of its own into a copy of the
same empty, migrated database:

- **app**: ``organizer --db COPY import ARCHIVE`` (the whole command: start-up, streaming the file,
  checks, writes, audit entries, the search index built at the commit);
- **floor**: ``floors.py raw-insert``: every row of the generated database inserted with sqlite3
  ``executemany``, one transaction, without the search queue's per-row insert triggers (the import drops
  them too);
- **floor + JSON**: ``floors.py raw-insert-json``: the same after ``json.load`` of the archive file.

Reported: median CPU seconds (user + system) and wall seconds of each, peak RSS, the ratios of the app's
CPU to each floor (issue 20's target: at most 3x the floor with JSON, under 150 MiB), and the load
average before and after.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_all import ORGANIZER, PY, Proc, baseline_tree, database  # noqa: E402  (bench/ is not a package)


def compare(people: int, repeat: int, cache: Path, baseline: str | None = None) -> None:
    source = database(cache, people)
    print(f"# load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        archive = work / "archive.json"
        Proc([*ORGANIZER, "--db", str(source), "export", str(archive)])
        empty = work / "empty.sqlite"
        Proc([*ORGANIZER, "--create", "--db", str(empty), "list", "visits"])  # an empty, migrated database

        def fresh() -> Path:
            target = work / "target.sqlite"
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(empty, target)
            return target

        jobs = {
            "app (organizer import)": lambda t: [*ORGANIZER, "--db", str(t), "import", str(archive)],
            "floor (raw-insert)": lambda t: [PY, str(HERE / "floors.py"), "raw-insert", str(source), str(t)],
            "floor + JSON (raw-insert-json)": lambda t: [PY, str(HERE / "floors.py"), "raw-insert-json",
                                                         str(archive), str(source), str(t)],
        }
        envs: dict[str, dict[str, str] | None] = {label: None for label in jobs}
        if baseline:  # the same command with the ``organizer`` package as it was at ``baseline``
            tree = baseline_tree(baseline, work)
            subprocess.run([PY, "-m", "compileall", "-q", str(tree)], check=True)  # as the worktree's is
            label = f"app at {baseline[:12]}"
            jobs[label] = jobs["app (organizer import)"]
            envs[label] = dict(os.environ, PYTHONPATH=str(tree))
        runs: dict[str, list[Proc]] = {label: [] for label in jobs}
        for _ in range(repeat):
            for label, cmd in jobs.items():
                runs[label].append(Proc(cmd(fresh()), env=envs[label]))
        size = archive.stat().st_size
    print(f"# load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"archive import of {people:,} people ({size / 1e6:.1f} MB archive), median of {repeat}, "
          "app and floors alternating")
    print(f"{'':32s} | {'CPU s':>7} | {'wall s':>7} | {'peak RSS MiB':>12} | CPU runs")
    cpu = {label: statistics.median(p.cpu for p in r) for label, r in runs.items()}
    for label, r in runs.items():
        wall = statistics.median(p.seconds for p in r)
        rss = max(p.rss_mb for p in r)
        print(f"{label:32s} | {cpu[label]:7.2f} | {wall:7.2f} | {rss:12.0f} | "
              + " ".join(f"{p.cpu:.2f}" for p in r))
    app, floor, with_json, *before = cpu.values()
    print(f"app / floor: {app / floor:.2f}x; app / floor + JSON: {app / with_json:.2f}x (target <= 3x)")
    if before:
        print(f"app at {baseline}: {before[0] / floor:.2f}x the floor, {before[0] / with_json:.2f}x the floor + JSON")


def in_process(sizes: list[int]) -> None:
    """The older table: import into a new database, the same again (every record present), export."""
    from organizer.services.archive import importer as interchange
    from organizer.services.archive.export import export_archive
    from organizer.store import open_database, sqlite_url

    print(f"{'people':>8} | {'import s':>8} | {'ms/person':>9} | {'again s':>7} | {'export s':>8} | {'ms/person':>9}")
    for n in sizes:
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


def build_archive(people: int) -> dict[str, Any]:
    institutions = max(5, people // 50)
    return {
        "format": "organizer-archive", "version": 2,
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
    parser.add_argument("--people", type=int, default=50_000, help="people in the generated database (50,000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each; the median counts (5)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "organizer-bench",
                        help="where generated databases are kept")
    parser.add_argument("--baseline", metavar="REF",
                        help="also run the import with the organizer package of this git ref, in the same turns")
    parser.add_argument("--in-process", type=int, nargs="+", metavar="N",
                        help="instead: the in-process table at these sizes")
    args = parser.parse_args()
    if args.in_process:
        in_process(args.in_process)
        return 0
    args.cache.mkdir(parents=True, exist_ok=True)
    compare(args.people, args.repeat, args.cache, args.baseline)
    return 0


if __name__ == "__main__":
    sys.exit(main())
