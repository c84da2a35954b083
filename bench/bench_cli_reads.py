"""The command line's reads against their stdlib floors (issue 20 point 5): whole processes, CPU seconds.

Every ``organizer list KIND --json`` and ``organizer show KIND ID --json`` on a SQLite file against its floor
in ``floors.py`` (``list-people``, ``list-visits``, ``list-institutions``, ... ``show-programme-item``: sqlite3
+ json writing the same bytes, checked before timing). App and floor alternate run by run; the medians of the
CPU time (user + system, from ``wait4``), their ratio and whether it is within 3x are printed, with the load
average before and after each command.

    python bench/bench_cli_reads.py DB [--repeat 7] [--only list-meetings,show-visit]

Make DB with ``bench/generate.py --db DB --people 20000 --quiet``. The records shown are picked from DB: person
``--id`` (default 77), the institution with the most positions, the visit with the most meetings, the meeting
with the most participants, the first programme item. The generator writes no programme items: when DB has
none, the bench works on a copy of it with three items a visit added (plain INSERTs: arrival, lunch,
departure, an escort from the visit's participants), so that ``list programme`` has something to write. The
package is byte-compiled first, as installed copies are.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable


def cpu_seconds(cmd: list[str], stdout: int | None = subprocess.DEVNULL) -> float:
    proc = subprocess.Popen(cmd, stdout=stdout, cwd=ROOT)
    _pid, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed")
    return usage.ru_utime + usage.ru_stime


def output(cmd: list[str]) -> bytes:
    return subprocess.run(cmd, capture_output=True, check=True, cwd=ROOT).stdout


def add_programme(db: Path) -> None:
    """Three programme items for each visit with a start date (plain INSERTs into ``programme_item``)."""
    con = sqlite3.connect(db)
    with con:
        visits = con.execute("SELECT v.id, v.start_date, v.end_date, (SELECT min(person_id) FROM visit_participant "
                             "WHERE visit_id = v.id) FROM visit v WHERE v.start_date IS NOT NULL").fetchall()
        now = "2026-12-07 12:00:00.000000"
        rows = []
        for vid, start, end, escort in visits:
            last = end or start
            for kind, day, at, until, title in (("arrival", start, "09:15", "10:00", "Arrival"),
                                                ("meal", start, "13:00", "14:00", "Lunch"),
                                                ("departure", last, "18:00", None, "Departure")):
                rows.append((vid, kind, title, f"{day} {at}:00.000000", f"{day} {until}:00.000000" if until else None,
                             "Airport" if kind != "meal" else "Hotel", escort, "Car", "", uuid.uuid4().hex, now, now, 1,
                             '{"title": {"ru": "Пункт"}}'))
        con.executemany("INSERT INTO programme_item (visit_id, kind, title, starts_at, ends_at, place, "
                        "escort_person_id, "
                        "transport, notes, uid, created_at, updated_at, version, variants) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    con.close()


def picks(db: Path, person: int) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        def one(sql: str) -> int:
            row = con.execute(sql).fetchone()
            if row is None:
                raise SystemExit(f"{db}: nothing for {sql}")
            return int(row[0])

        return {
            "person": person,
            "institution": one("SELECT institution_id FROM position GROUP BY institution_id "
                               "ORDER BY count(*) DESC, institution_id LIMIT 1"),
            "visit": one("SELECT visit_id FROM meeting WHERE visit_id IS NOT NULL GROUP BY visit_id "
                         "ORDER BY count(*) DESC, visit_id LIMIT 1"),
            "meeting": one("SELECT meeting_id FROM meeting_participant GROUP BY meeting_id "
                           "ORDER BY count(*) DESC, meeting_id LIMIT 1"),
            "programme_item": one("SELECT min(id) FROM programme_item"),
        }
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--id", type=int, default=77, help="the person to show (default 77)")
    parser.add_argument("--repeat", type=int, default=7, help="runs of each command (default 7)")
    parser.add_argument("--only", default="", help="comma-separated floor words (list-meetings,show-visit...)")
    args = parser.parse_args(argv)
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "organizer"), str(HERE / "floors.py")], check=True,
                   stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory(prefix="bench-cli-reads-") as tmp:
        db_path = args.db
        con = sqlite3.connect(db_path)
        empty = con.execute("SELECT count(*) FROM programme_item").fetchone()[0] == 0
        con.close()
        if empty:
            db_path = Path(tmp) / args.db.name
            shutil.copyfile(args.db, db_path)
            add_programme(db_path)
            print(f"(no programme items in {args.db}: working on a copy with three a dated visit)")
        ids = picks(db_path, args.id)
        print("records shown: " + ", ".join(f"{k} {v}" for k, v in ids.items()))
        db = str(db_path)
        app = [PY, "-m", "organizer", "--db", db]
        floor = [PY, str(HERE / "floors.py")]
        pairs = [(f"list-{k}", ["list", k, "--json"], [f"list-{k}", db])
                 for k in ("people", "institutions", "visits", "meetings", "followups", "agreements", "programme")]
        pairs += [(f"show-{k.replace('_', '-')}", ["show", k, str(ids[k]), "--json"],
                   [f"show-{k.replace('_', '-')}", db, str(ids[k])])
                  for k in ("person", "institution", "visit", "meeting", "programme_item")]
        only = {w for w in args.only.split(",") if w}
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"{'command':34} {'bytes':>9} {'app CPU s':>10} {'floor CPU s':>12} {'ratio':>7}  {'<= 3x':5} load")
        for word, app_args, floor_args in pairs:
            if only and word not in only:
                continue
            app_cmd, floor_cmd = [*app, *app_args], [*floor, *floor_args]
            written = output(app_cmd)
            if written != output(floor_cmd):
                raise AssertionError(f"{word}: the app and the floor wrote different output")
            a: list[float] = []
            f: list[float] = []
            for _ in range(args.repeat):
                a.append(cpu_seconds(app_cmd))
                f.append(cpu_seconds(floor_cmd))
            ma, mf = statistics.median(a), statistics.median(f)
            print(f"{' '.join(app_args):34} {len(written):9,} {ma:10.3f} {mf:12.3f} {ma / mf:6.2f}x  "
                  f"{'yes' if ma <= 3 * mf else 'NO':5} {os.getloadavg()[0]:.2f}")
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
