"""Benchmark of filling the search index (what runs before an archive import's commit) next to its floor.

    python bench/bench_search_index.py DB.sqlite [--repeat 3] [--kinds person,institution,...]

Works on a copy of ``DB.sqlite`` (a ``generate.py`` database, e.g. 50,000 people; the file itself is only
read). Each round empties the index, queues every record, as an import of these records leaves the
queue, and times ``SqliteFtsIndex.apply_pending`` in this process (CPU seconds, name caches emptied first:
an import runs in a fresh process). Floor in the same run: the rows the index ended up holding, inserted
with raw ``sqlite3`` into empty FTS5 tables of the same shape, and its ``search_term`` rows: what
SQLite's FTS5 costs with the text already computed. The difference is reading the records back and
folding and keying their text. Prints the best of ``--repeat`` and the load average.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile
import time
from pathlib import Path

from organizer.domain import namekeys
from organizer.store import open_database, sqlite_url
from organizer.store.search.base import KINDS, SOURCE_TABLES
from organizer.store.search.sqlite import FTS_OPTIONS, SqliteFtsIndex


def _reset(path: Path, kinds: tuple[str, ...]) -> int:
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("BEGIN")
        for kind in KINDS:
            con.execute(f"DELETE FROM search_{kind}")
        con.execute("DELETE FROM search_term")
        con.execute("DELETE FROM search_dirty")
        for kind in kinds:
            con.execute(f"INSERT INTO search_dirty (kind, record_id) SELECT '{kind}', id FROM {SOURCE_TABLES[kind]}")
        queued = int(con.execute("SELECT count(*) FROM search_dirty").fetchone()[0])
        con.execute("COMMIT")
        return queued
    finally:
        con.close()


def _clear_caches() -> None:
    for name in dir(namekeys):
        function = getattr(namekeys, name)
        if hasattr(function, "cache_clear"):
            function.cache_clear()


def app_round(path: Path, kinds: tuple[str, ...]) -> tuple[float, int]:
    queued = _reset(path, kinds)
    _clear_caches()
    db = open_database(sqlite_url(path))
    try:
        with db.unit_of_work() as session:
            start = time.process_time()
            done = SqliteFtsIndex().apply_pending(session)
            spent = time.process_time() - start
    finally:
        db.engine.dispose()
    assert done == queued, (done, queued)
    return spent, done


def floor_round(path: Path, workdir: Path) -> float:
    src = sqlite3.connect(path)
    rows = {kind: src.execute(f"SELECT rowid, names, keys, body FROM search_{kind} ORDER BY rowid").fetchall()
            for kind in KINDS}
    terms = src.execute("SELECT field, term FROM search_term").fetchall()
    src.close()
    target = workdir / "floor.sqlite"
    target.unlink(missing_ok=True)
    con = sqlite3.connect(target, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    for kind in KINDS:
        con.execute(f"CREATE VIRTUAL TABLE search_{kind} USING fts5(names, keys, body, {FTS_OPTIONS})")
    con.execute("CREATE TABLE search_term (field CHAR(1) NOT NULL, term VARCHAR(300) NOT NULL, "
                "PRIMARY KEY (field, term)) WITHOUT ROWID")
    con.execute("BEGIN")
    start = time.process_time()
    for kind in KINDS:
        con.executemany(f"INSERT INTO search_{kind} (rowid, names, keys, body) VALUES (?, ?, ?, ?)", rows[kind])
    con.executemany("INSERT OR IGNORE INTO search_term (field, term) VALUES (?, ?)", terms)
    spent = time.process_time() - start
    con.execute("COMMIT")
    con.close()
    return spent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, help="a generated SQLite database (read only: the bench works on a copy)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--kinds", default=",".join(KINDS), help="record kinds to queue (default: all)")
    args = parser.parse_args()
    kinds = tuple(k for k in args.kinds.split(",") if k)
    unknown = set(kinds) - set(KINDS)
    if unknown:
        parser.error(f"unknown kinds: {', '.join(sorted(unknown))} (known: {', '.join(KINDS)})")
    with tempfile.TemporaryDirectory(prefix="bench-search-index-") as tmp:
        work = Path(tmp)
        copy = work / "copy.sqlite"
        src = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
        dst = sqlite3.connect(copy)
        src.backup(dst)
        src.close()
        dst.close()
        app, floor, records = [], [], 0
        for _ in range(args.repeat):
            spent, records = app_round(copy, kinds)
            app.append(spent)
            floor.append(floor_round(copy, work))
    best_app, best_floor = min(app), min(floor)
    print(f"search index of {records:,} records ({', '.join(kinds)}), CPU s, best of {args.repeat}, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"{'path':58s} | {'CPU s':>6s} | vs floor")
    print(f"{'apply_pending (read back, fold and key, FTS5 inserts)':58s} | {best_app:6.2f} | "
          f"{best_app / best_floor:.2f}x")
    print(f"{'floor: raw sqlite3 FTS5 + search_term inserts, same rows':58s} | {best_floor:6.2f} | 1.00x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
