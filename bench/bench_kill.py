"""Crash safety at scale: SIGKILL a writer at random points, many times, and check nothing is lost or half-done.

    python bench/bench_kill.py [--rounds 20] [--people 400] [--seed 1] [--db-url URL]

A worker process loops over two kinds of writes on one database and prints a line after each commit:
an import of an archive of ``--people`` people (uids ``k<round>-<n>:p<i>``) and an edit of a shared
person (a token appended to the notes, saved with the version it read). The worker is killed with
SIGKILL after a random delay, ``--rounds`` times on the same database. After every kill:

- ``PRAGMA integrity_check`` is ok (SQLite),
- every import the worker reported as committed is there in full, and no import is there in part,
- every edit reported as committed is in the notes, the notes hold no token that was never attempted,
  and the person's version counts exactly the saves in the notes (no lost or doubled update).

Prints a table (rounds, commits seen, imports found whole, checks) and exits 1 if any check failed.
``tests/store/test_kill.py`` runs a bounded version of this in CI.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

from sqlalchemy import text

from organizer.domain.records import PersonData
from organizer.services import people
from organizer.store import open_database, sqlite_url

WORKER = textwrap.dedent("""
    import json, sys
    from dataclasses import replace
    from organizer.services import people
    from organizer.services.archive import importer as interchange
    from organizer.store import open_database

    url, ident, round_no, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    db = open_database(url, create=False)
    n = 0
    while True:
        tag = f"k{round_no}-{n}"
        archive = {"format": "organizer-archive", "version": 1,
                   "institutions": [{"uid": f"{tag}:inst", "name": f"Institute {tag}"}],
                   "people": [{"uid": f"{tag}:p{i}", "given_name": f"G{i}", "family_name": f"F {tag}",
                               "positions": [{"title": "Engineer", "institution": f"{tag}:inst"}]}
                              for i in range(size)]}
        print("begin import", tag, flush=True)
        interchange.import_archive(db, archive)
        print("committed import", tag, flush=True)
        detail = people.get_person(db, ident)
        print("begin edit", tag, flush=True)
        people.update_person(db, ident, replace(detail.data, notes=(detail.data.notes + " " + tag).strip()),
                             expected_version=detail.meta.version)
        print("committed edit", tag, flush=True)
        n += 1
""")


def run_round(url: str, ident: int, round_no: int, size: int, delay: float) -> list[str]:
    """Start the worker, kill it after ``delay`` seconds of work; its output lines."""
    proc = subprocess.Popen([sys.executable, "-c", WORKER, url, str(ident), str(round_no), str(size)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    lines: list[str] = []
    started = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line.strip())
            started.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    started.wait(timeout=120)  # the worker is up and writing
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    reader.join(timeout=10)
    if proc.returncode != -signal.SIGKILL:
        raise SystemExit(f"worker ended by itself ({proc.returncode}): {proc.stderr.read() if proc.stderr else ''}")
    return lines


def check(url: str, ident: int, size: int, logs: list[str]) -> list[str]:
    """Every problem found after the kills (an empty list when all is well)."""
    problems: list[str] = []
    events = [ln.split() for ln in logs]
    events = [e for e in events if len(e) == 3]  # a line the kill cut short says nothing
    committed_imports = {tag for what, kind, tag in events if (what, kind) == ("committed", "import")}
    attempted_edits = {tag for what, kind, tag in events if (what, kind) == ("begin", "edit")}
    committed_edits = {tag for what, kind, tag in events if (what, kind) == ("committed", "edit")}
    db = open_database(url, create=False)
    try:
        if db.path is not None:
            con = sqlite3.connect(db.path)
            try:
                result = con.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                con.close()
            if result != "ok":
                problems.append(f"integrity_check: {result}")
        with db.reader() as session:
            rows = session.execute(text(
                "SELECT substr(uid, 1, instr(uid, ':') - 1) AS tag, count(*) FROM person "
                "WHERE uid LIKE 'k%' GROUP BY tag")).all()
        found = {tag: n for tag, n in rows}
        for tag, n in found.items():
            if n != size:
                problems.append(f"import {tag} is there in part: {n} of {size} people")
        for tag in committed_imports - set(found):
            problems.append(f"committed import {tag} is missing")
        person = people.get_person(db, ident)
        tokens = person.data.notes.split()
        if missing := committed_edits - set(tokens):
            problems.append(f"committed edits lost: {sorted(missing)[:5]}")
        if stray := set(tokens) - attempted_edits:
            problems.append(f"edits never attempted are in the notes: {sorted(stray)[:5]}")
        if len(tokens) != len(set(tokens)) or person.meta.version != 1 + len(tokens):
            problems.append(f"version {person.meta.version} does not count the {len(tokens)} saves")
    finally:
        db.close()
    return problems


def run(url: str, rounds: int, size: int, seed: int, max_delay: float) -> tuple[list[list[str]], list[str]]:
    db = open_database(url)
    try:
        ident = people.create_person(db, PersonData(given_name="Shared", family_name="Record")).meta.id
    finally:
        db.close()
    rng = random.Random(seed)
    logs: list[str] = []
    table: list[list[str]] = []
    problems: list[str] = []
    for round_no in range(rounds):
        delay = rng.uniform(0.0, max_delay)
        lines = run_round(url, ident, round_no, size, delay)
        logs += lines
        found = check(url, ident, size, logs)
        problems += [f"round {round_no}: {p}" for p in found]
        table.append([str(round_no), f"{delay:.2f}", str(sum(ln.startswith("committed") for ln in lines)),
                      lines[-1] if lines else "-", "ok" if not found else "FAILED"])
    return table, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--people", type=int, default=400, help="people in each imported archive")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-delay", type=float, default=3.0, help="longest run before a kill, in seconds")
    parser.add_argument("--db-url", help="a database to use (default: a new SQLite file in a temporary folder)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        url = args.db_url or sqlite_url(Path(folder) / "kill.sqlite")
        table, problems = run(url, args.rounds, args.people, args.seed, args.max_delay)
    if args.json:
        print(json.dumps({"rounds": table, "problems": problems}))
    else:
        header = ["round", "killed after s", "commits", "last line before the kill", "checks"]
        widths = [max(len(h), *(len(r[i]) for r in table)) for i, h in enumerate(header)]
        for row in [header, *table]:
            print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
        print("all checks passed" if not problems else "\n".join(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
