"""The command line's reads against their stdlib floors (issue 20 point 5): whole processes, CPU seconds.

``organizer list visits --json`` and ``organizer show person ID --json`` on a SQLite file against
``floors.py list-visits`` and ``floors.py show-person`` (sqlite3 + json writing the same bytes, checked
before timing). App and floor alternate run by run; the medians of the CPU time (user + system, from
``wait4``) and their ratio are printed with the load average before and after.

    python bench/bench_cli_reads.py DB [--id ID] [--repeat 11]

Make DB with ``bench/generate.py --db DB --people 20000 --quiet``. Run the package byte-compiled (the
script compiles it first), as installed copies are.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--id", type=int, default=77, help="the person to show (default 77)")
    parser.add_argument("--repeat", type=int, default=11, help="runs of each command (default 11)")
    args = parser.parse_args(argv)
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "organizer")], check=True, stdout=subprocess.DEVNULL)
    db = str(args.db)
    app = [PY, "-m", "organizer", "--db", db]
    floor = [PY, str(HERE / "floors.py")]
    pairs = [("list visits --json", [*app, "list", "visits", "--json"], [*floor, "list-visits", db]),
             (f"show person {args.id} --json", [*app, "show", "person", str(args.id), "--json"],
              [*floor, "show-person", db, str(args.id)])]
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'command':28} {'app CPU s':>10} {'floor CPU s':>12} {'ratio':>7}")
    for label, app_cmd, floor_cmd in pairs:
        if output(app_cmd) != output(floor_cmd):
            raise AssertionError(f"{label}: the app and the floor wrote different output")
        a: list[float] = []
        f: list[float] = []
        for _ in range(args.repeat):
            a.append(cpu_seconds(app_cmd))
            f.append(cpu_seconds(floor_cmd))
        ma, mf = statistics.median(a), statistics.median(f)
        print(f"{label:28} {ma:10.3f} {mf:12.3f} {ma / mf:6.2f}x")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
