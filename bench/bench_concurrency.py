"""Concurrent load: N client processes on one SQLite file and on one PostgreSQL database, mixed reads and
writes for a fixed time; throughput, p95 latency, conflicts, and lost updates counted (must be 0).

    python bench/bench_concurrency.py [--clients 8] [--seconds 10] [--pg-url URL] [--writes 0.3]

Each client (its own process, as separate users or scripts would be) loops until the time is up:
with probability ``--writes`` an edit (read a random one of 20 shared people, append a token to the
notes, save with the version it read; a conflict is counted and the edit dropped), otherwise a read
(a person's details, the people list, or a search for a shared name, so the search index is read while
the edits re-index it). Afterwards every token a client reported as saved must be in the notes and each
person's version must count exactly its saves: "lost" is what is missing; and the search index must hold
each shared person's text as it is now ("stale index": records whose index row differs, must be 0).

The floor is the same mix from one client alone on the same database, in the same run. PostgreSQL runs
when ``--pg-url`` (a server URL; a new database is created and dropped) or ``ORGANIZER_TEST_PG_URL`` is set.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import uuid
from pathlib import Path

from organizer.domain.records import PersonData
from organizer.services import people
from organizer.services.demo import load_demo
from organizer.store import open_database, sqlite_url

SHARED = 20

CLIENT = textwrap.dedent("""
    import json, random, sys, time
    from dataclasses import replace
    from organizer.domain.errors import ConflictError
    from organizer.services import people, search
    from organizer.store import open_database

    url, name, seconds, writes = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
    seed = int(sys.argv[5])
    ids = json.loads(sys.argv[6])
    rng = random.Random(seed)
    db = open_database(url, create=False)
    people.get_person(db, ids[0])  # warm up before the clock starts
    read_ms, write_ms, saved, conflicts, n = [], [], [], 0, 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        t0 = time.perf_counter()
        if rng.random() < writes:
            ident = rng.choice(ids)
            token = f"{name}-{n}"
            n += 1
            detail = people.get_person(db, ident)
            try:
                people.update_person(db, ident, replace(detail.data, notes=(detail.data.notes + " " + token).strip()),
                                     expected_version=detail.meta.version)
                saved.append([ident, token])
            except ConflictError:
                conflicts += 1
            write_ms.append((time.perf_counter() - t0) * 1000)
        else:
            pick = rng.random()
            if pick < 0.7:
                people.get_person(db, rng.choice(ids))
            elif pick < 0.85:
                people.list_people(db)
            else:
                assert search.search(db, f"Shared{rng.randrange(20)} Counter").hits
            read_ms.append((time.perf_counter() - t0) * 1000)
    db.close()
    print(json.dumps({"read_ms": read_ms, "write_ms": write_ms, "saved": saved, "conflicts": conflicts}))
""")


def p95(values: list[float]) -> float:
    if not values:
        return 0.0
    if len(values) < 20:
        return max(values)
    return statistics.quantiles(values, n=20)[-1]


def prepare(url: str) -> list[int]:
    db = open_database(url)
    try:
        load_demo(db)
        return [people.create_person(db, PersonData(given_name=f"Shared{i}", family_name="Counter")).meta.id
                for i in range(SHARED)]
    finally:
        db.close()


def load(url: str, ids: list[int], clients: int, seconds: float, writes: float, tag: str) -> dict[str, float]:
    procs = [subprocess.Popen([sys.executable, "-c", CLIENT, url, f"{tag}c{i}", str(seconds), str(writes), str(i),
                               json.dumps(ids)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for i in range(clients)]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=seconds * 20 + 300)
        if p.returncode != 0:
            raise SystemExit(f"a client failed:\n{err[-2000:]}")
        results.append(json.loads(out.strip().splitlines()[-1]))
    reads = [x for r in results for x in r["read_ms"]]
    writes_ms = [x for r in results for x in r["write_ms"]]
    saved = [tuple(s) for r in results for s in r["saved"]]
    return {"reads": len(reads), "writes": len(saved), "conflicts": sum(r["conflicts"] for r in results),
            "ops_per_s": (len(reads) + len(writes_ms)) / seconds, "p95_read_ms": p95(reads),
            "p95_write_ms": p95(writes_ms), "saved": saved}  # type: ignore[dict-item]


def lost_updates(url: str, ids: list[int], saved: list[tuple[int, str]]) -> int:
    """Saved tokens missing from the notes, plus saves the versions do not count."""
    db = open_database(url, create=False)
    try:
        lost = 0
        for ident in ids:
            person = people.get_person(db, ident)
            tokens = person.data.notes.split()
            mine = {t for i, t in saved if i == ident}
            lost += len(mine - set(tokens))
            lost += abs(person.meta.version - 1 - len(tokens))
        return lost
    finally:
        db.close()


def stale_index_rows(url: str, ids: list[int]) -> int:
    """Shared people whose search index row is not their current text (edits lost by the index)."""
    from organizer.store.search.base import documents, indexed_text
    from organizer.store.search.engine import index_for

    db = open_database(url, create=False)
    try:
        with db.reader() as session:
            stored = index_for(session).stored(session, "person", ids)
            now = {i: indexed_text(d) for i, d in documents(session, "person", ids).items()}
        return sum(1 for i in ids if stored.get(i) != now.get(i))
    finally:
        db.close()


def run_backend(label: str, url: str, clients: int, seconds: float, writes: float) -> list[list[str]]:
    ids = prepare(url)
    rows = []
    all_saved: list[tuple[int, str]] = []
    for n, tag in ((1, "floor"), (clients, "load")):
        r = load(url, ids, n, seconds, writes, tag)
        all_saved += r.pop("saved")  # type: ignore[arg-type]
        rows.append([label, f"{n}" + (" (floor)" if tag == "floor" else ""), f"{r['ops_per_s']:.0f}",
                     f"{r['reads']}", f"{r['writes']}", f"{r['conflicts']}", f"{r['p95_read_ms']:.1f}",
                     f"{r['p95_write_ms']:.1f}"])
    lost = lost_updates(url, ids, all_saved)
    stale = stale_index_rows(url, ids)
    for row in rows:
        row += [str(lost), str(stale)]
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--writes", type=float, default=0.3, help="share of operations that are edits")
    parser.add_argument("--pg-url", default=os.environ.get("ORGANIZER_TEST_PG_URL", ""),
                        help="PostgreSQL server URL (a database is created and dropped on it)")
    args = parser.parse_args(argv)
    rows: list[list[str]] = []
    with tempfile.TemporaryDirectory() as folder:
        rows += run_backend("sqlite", sqlite_url(Path(folder) / "load.sqlite"), args.clients, args.seconds,
                            args.writes)
    if args.pg_url:
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        name = f"organizer_bench_{uuid.uuid4().hex[:10]}"
        admin = create_engine(args.pg_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            url = make_url(args.pg_url).set(database=name).render_as_string(hide_password=False)
            rows += run_backend("postgresql", url, args.clients, args.seconds, args.writes)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    header = ["backend", "clients", "ops/s", "reads", "saved edits", "conflicts", "p95 read ms", "p95 write ms",
              "lost updates", "stale index"]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    print(f"{args.seconds:g} s each, {args.writes:.0%} edits of {SHARED} shared people")
    for row in [header, *rows]:
        cells = zip(row, widths, strict=True)
        print("  ".join(c.rjust(w) if i >= 2 else c.ljust(w) for i, (c, w) in enumerate(cells)))
    return 1 if any(r[-1] != "0" or r[-2] != "0" for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
