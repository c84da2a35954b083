"""SIGKILL in the middle of merge, unmerge, erase and restore: each is applied whole or not at all.

    python bench/bench_kill_ops.py [--rounds 20] [--seed 1] [--ops merge,unmerge,erase,restore]

For each operation a SQLite database is prepared from the demo data, with a fresh daily backup beside it
(so the command's time goes to the operation itself):

- merge:   ``merge person 1 2`` on the demo data (person 2 has a position, participations, tags, topics);
- unmerge: ``unmerge 1`` on the demo data after that merge;
- erase:   ``erase person 2`` on the demo data;
- restore: ``restore BACKUP`` on the merged demo data, BACKUP a copy of the demo data.

Its state is read: every table, sorted, with times blanked (they differ from run to run). The command runs
once to the end on a copy: the "after" state. Then ``--rounds`` times on a fresh copy: the command (the CLI's
``main``, exactly as a user runs it) in a process forked from this one, which has imported everything, is
killed with SIGKILL after a random delay between 0 and a little past the moment the command typically
commits its last transaction (measured in the whole runs; for restore, which copies pages with ``sqlite3``,
the whole command's typical duration); then

- ``PRAGMA integrity_check`` is ok,
- the state is the "before" or the "after" state, nothing in between.

Prints a row per operation (rounds, kills that left it undone, kills after it was applied, problems) and
exits 1 if any check failed. ``tests/store/test_kill_ops.py`` runs it in CI.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import shutil
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from organizer.cli.main import main as organizer
from organizer.services.demo import load_demo
from organizer.store import open_database, sqlite_url

OPS = ("merge", "unmerge", "erase", "restore")
DB_NAME = "organizer.sqlite"
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[+-]\d{2}:\d{2}|Z)?")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
"""Erase gives the record a new random uid."""
State = dict[str, list[str]]


def run_cli(folder: Path, *args: str) -> int:
    return organizer(["--db", str(folder / DB_NAME), *args], out=io.StringIO(), err=io.StringIO())


def state(folder: Path) -> tuple[str, State]:
    """(integrity_check result, every table's rows as sorted text with times blanked)."""
    con = sqlite3.connect(f"file:{folder / DB_NAME}?mode=rw", uri=True)
    try:
        check = "; ".join(r[0] for r in con.execute("PRAGMA integrity_check"))
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_stat%' ORDER BY name")]
        dump: State = {}
        for table in tables:
            rows = con.execute(f'SELECT * FROM "{table}"').fetchall()
            dump[table] = sorted(_UUID.sub("<uuid>", _TIME.sub("<time>", repr(row))) for row in rows)
        return check, dump
    finally:
        con.close()


def copy_folder(template: Path, target: Path) -> Path:
    shutil.copytree(template, target, ignore=shutil.ignore_patterns("*-wal", "*-shm"))
    return target


def prepare(base: Path) -> dict[str, tuple[Path, list[str]]]:
    """For each operation: the folder to copy before each run, and the command's arguments."""
    demo = base / "demo"
    demo.mkdir()
    db = open_database(sqlite_url(demo / DB_NAME))
    try:
        load_demo(db)
    finally:
        db.close()
    assert run_cli(demo, "backup", "--out", str(base / "demo-backup.sqlite")) == 0
    merged = copy_folder(demo, base / "merged")
    assert run_cli(merged, "merge", "person", "1", "2") == 0  # makes the day's backup beside it, then merges
    # That backup (of the demo data, named after the database file) serves the demo folder too: the
    # commands run there below find the day's backup made and go straight to their work.
    shutil.copytree(merged / "backups", demo / "backups")
    return {"merge": (demo, ["merge", "person", "1", "2"]),
            "unmerge": (merged, ["unmerge", "1"]),
            "erase": (demo, ["erase", "person", "2"]),
            "restore": (merged, ["restore", str(base / "demo-backup.sqlite")])}


def forked(folder: Path, args: list[str], commits: int | None = None) -> int:
    """Start the command in a child process (forked: no start-up time); its pid. With ``commits`` (a pipe's
    write end), the child writes there the time of each commit of its database connections."""
    sys.stdout.flush()
    sys.stderr.flush()
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: run the command, leave without running the parent's clean-ups
        try:
            if commits is not None:
                from sqlalchemy import event
                from sqlalchemy.engine import Engine

                event.listen(Engine, "commit", lambda _conn: os.write(
                    commits, f"{time.perf_counter() - start:.6f}\n".encode()))
            code = run_cli(folder, *args)
        except BaseException:  # a child must never return into the parent's code
            code = 99
        os._exit(code)
    return pid


def timed_run(folder: Path, args: list[str]) -> tuple[float, float | None, int]:
    """(seconds the whole command took, seconds to its last commit or None, exit code)."""
    read_end, write_end = os.pipe()
    start = time.perf_counter()
    pid = forked(folder, args, write_end)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        commits = [float(x) for x in pipe.read().split()]
    _, status = os.waitpid(pid, 0)
    return time.perf_counter() - start, max(commits, default=None), os.waitstatus_to_exitcode(status)


def run_op(base: Path, name: str, template: Path, args: list[str], rounds: int,
           rng: random.Random, log: Callable[[str], None]) -> tuple[list[str], list[str]]:
    """(table row, problems) for one operation."""
    problems: list[str] = []
    check, before = state(template)
    if check != "ok":
        return [name, "-", "-", "-", "-", "-", "bad template"], [f"{name}: the template fails integrity_check: {check}"]
    durations: list[float] = []
    last_commits: list[float] = []
    after: State | None = None
    for i in range(3):
        folder = copy_folder(template, base / f"{name}-ref{i}")
        seconds, last_commit, code = timed_run(folder, args)
        if code != 0:
            return [name, "-", "-", "-", "-", "-", "FAILED"], [f"{name}: the command failed by itself (exit {code})"]
        durations.append(seconds)
        if last_commit is not None:
            last_commits.append(last_commit)
        check, reached = state(folder)
        if check != "ok":
            problems.append(f"{name}: integrity_check after a whole run: {check}")
        if after is not None and reached != after:
            problems.append(f"{name}: two whole runs ended in different states: {_diff(after, reached)}")
        after = reached
    assert after is not None
    if after == before:
        problems.append(f"{name}: the command changed nothing")
    # Kills land anywhere from the start to a little past the last commit (what follows it, closing and
    # exiting, cannot undo anything); restore copies pages with sqlite3 itself, so its window is the whole run.
    typical = statistics.median(durations)
    window = min(typical, statistics.median(last_commits) * 1.15) if last_commits else typical
    undone = applied = 0
    for r in range(rounds):
        folder = copy_folder(template, base / f"{name}-{r}")
        delay = rng.uniform(0.0, window)
        pid = forked(folder, args)
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)  # a child that has finished is a zombie until waited for: harmless
        _, status = os.waitpid(pid, 0)
        exit_code = os.waitstatus_to_exitcode(status)
        if exit_code not in (0, -signal.SIGKILL):
            problems.append(f"{name} round {r}: the command failed by itself (exit {exit_code})")
        check, reached = state(folder)
        if check != "ok":
            problems.append(f"{name} round {r} (killed after {delay:.3f} s): integrity_check: {check}")
        if reached == before:
            undone += 1
        elif reached == after:
            applied += 1
        else:
            problems.append(f"{name} round {r} (killed after {delay:.3f} s): half applied: "
                            f"{_diff(before, reached)} / {_diff(after, reached)}")
        shutil.rmtree(folder)
        log(f"{name} {r}: {delay:.3f} s, {'undone' if reached == before else 'applied' if reached == after else '?'}")
    row = [name, f"{typical:.3f}", f"{window:.3f}", str(rounds), str(undone), str(applied),
           "ok" if not problems else "FAILED"]
    return row, problems


def _diff(expected: State, found: State) -> str:
    tables = sorted(t for t in set(expected) | set(found) if expected.get(t) != found.get(t))
    return "differs in " + (", ".join(tables[:8]) or "nothing")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20, help="kills per operation")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ops", default=",".join(OPS), help=f"which operations, comma-separated ({', '.join(OPS)})")
    parser.add_argument("--verbose", action="store_true", help="a line per kill")
    args = parser.parse_args(argv)
    ops = [o.strip() for o in args.ops.split(",") if o.strip()]
    if unknown := set(ops) - set(OPS):
        parser.error(f"unknown operation(s): {', '.join(sorted(unknown))}")
    rng = random.Random(args.seed)
    table: list[list[str]] = []
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        prepared = prepare(base)
        for name in ops:
            template, command = prepared[name]
            row, found = run_op(base, name, template, command, args.rounds, rng,
                                lambda line: print(line, flush=True) if args.verbose else None)
            table.append(row)
            problems += found
    header = ["operation", "typical s", "kill window s", "kills", "left undone", "applied", "checks"]
    widths = [max(len(h), *(len(r[i]) for r in table)) for i, h in enumerate(header)]
    for row in [header, *table]:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)))
    print("all checks passed" if not problems else "\n".join(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
