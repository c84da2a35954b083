"""Search latency at scale: the search service next to a bare FTS5 query, same machine, same run.

    python bench/bench_search.py                               # 100,000 people, ~200,000 meetings
    python bench/bench_search.py --people 2000 --visits 500    # smoke run
    python bench/bench_search.py --keep /tmp/s.sqlite          # keep (and reuse) the database

The database comes from ``generate.py`` (run as a subprocess; ``--visits`` sets the number of
visits, about 4.1 meetings each). The index is built (``rebuild_index``, timed) if anything is queued.
Then queries of several kinds are drawn from the data itself (``--seed``): family names as stored,
their Cyrillic forms, the same names in another romanization (a random iuliia scheme), prefixes as
typed (first 5 letters), one typo (a letter dropped), Uzbek names with an ASCII apostrophe, and
topic words that hit thousands of meetings. Each query runs through ``services.search.search``
(limit 20, all kinds) and, alternating with it query by query, through two floors:

- **raw FTS5, same statements** (the floor of issue 20): every statement the service sent to SQLite for
  that query (captured with ``sqlite3``'s trace callback on the service's own connection: the FTS5
  tiers of every kind, the vocabulary look-ups for typo corrections, the stored text of the
  candidates), replayed on a plain ``sqlite3`` connection of the same file, fetching every row. It leaves
  out what is not database work: folding and keying the words, scoring, snippets, building results,
  SQLAlchemy's session;
- **one bare query per kind** (the old floor, kept for comparison): ``MATCH '"word"*' ORDER BY rowid DESC
  LIMIT 20`` on the first folded word, on the same raw connection.

Nothing is asserted: the output is a table (p50/p95/max in ms). "service" is wall-clock time; "CPU" is the
process's CPU time for the same call (``time.process_time``), which on a machine shared with other jobs
shows the service's own cost apart from waiting for a core. The last column is the service's p95 over the
same-statements floor's p95 (goal: at most 5x), wall clock and, beside it, CPU time (``process_time``
of the service's call against that of the replay), which a loaded machine disturbs less.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

from sqlalchemy import event, func, select, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from organizer.domain.namekeys import SCHEME_NAMES, fold  # noqa: E402
from organizer.services import search  # noqa: E402
from organizer.store import models as m  # noqa: E402
from organizer.store.database import Database, open_database, sqlite_url  # noqa: E402
from organizer.store.search.base import KINDS  # noqa: E402

warnings.filterwarnings("ignore", category=DeprecationWarning)


def _generate(path: Path, people: int, visits: int | None) -> float:
    cmd = [sys.executable, str(ROOT / "bench" / "generate.py"), "--db", str(path), "--people", str(people),
           "--quiet"]
    if visits:
        cmd += ["--visits", str(visits)]
    started = time.perf_counter()
    subprocess.run(cmd, check=True)
    return time.perf_counter() - started


def _queries(db: Database, rng: random.Random, n: int) -> dict[str, list[str]]:
    import iuliia

    with db.reader() as s:
        max_id = s.scalar(select(func.max(m.Person.id))) or 0
        ids = [rng.randint(1, max_id) for _ in range(n * 4)]
        family = {r.id: r.family_name for r in s.execute(select(m.Person.id, m.Person.family_name)
                                                         .where(m.Person.id.in_(ids)))}
        ru = {r.person_id: r.name for r in s.execute(select(m.PersonName.person_id, m.PersonName.name)
                                                     .where(m.PersonName.person_id.in_(ids),
                                                            m.PersonName.language == "ru"))}
        uz = [r[0] for r in s.execute(select(m.PersonName.name).where(m.PersonName.name.like("%ʻ%")).limit(n * 20))]
    fams = [f for f in family.values() if f and len(f) >= 5][:n]
    cyr = [ru[i].split()[0] for i in ids if i in ru][:n]
    other = [str(getattr(iuliia, rng.choice(SCHEME_NAMES)).translate(c)) for c in cyr]
    typos = []
    for f in fams:
        k = rng.randint(2, len(f) - 1)
        typos.append(f[:k] + f[k + 1:])
    uz_ascii = [rng.choice(uz).replace("ʻ", "'").split()[0] for _ in range(min(n, len(uz)))] if uz else []
    topics = ["catalysis", "chemistry", "laboratory", "memorandum", "petrochemicals", "composite materials",
              "pharmaceuticals", "joint proposals", "exchange", "Kazan"]
    return {
        "family name as stored": fams,
        "Cyrillic form": cyr,
        "another romanization": other,
        "prefix as typed (5 letters)": [f[:5] for f in fams],
        "one typo": typos,
        "Uzbek, ASCII apostrophe": uz_ascii,
        "topic words (many hits)": (topics * (n // len(topics) + 1))[:n],
    }


def _bare(raw: sqlite3.Connection, query: str) -> None:
    words = fold(query).split()
    if not words:
        return
    for kind in KINDS:
        raw.execute(f"SELECT rowid FROM search_{kind} WHERE search_{kind} MATCH ? ORDER BY rowid DESC LIMIT 20",
                    (f'"{words[0]}"*',)).fetchall()


class _Statements:
    """Every statement SQLite runs on the service's connections (its trace callback: the SQL with the
    bound values written in), so that the floor can replay exactly them."""

    def __init__(self, db: Database) -> None:
        self.seen: list[str] = []
        event.listen(db.engine, "connect", lambda con, _record: con.set_trace_callback(self.seen.append))
        db.engine.dispose()  # connections made from now on are traced

    def take(self) -> list[str]:
        out = [s for s in self.seen if s.lstrip().upper().startswith(("SELECT", "WITH"))]
        self.seen.clear()
        return out


def _replay(raw: sqlite3.Connection, statements: list[str]) -> None:
    for sql in statements:
        raw.execute(sql).fetchall()


def _pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--visits", type=int, default=49_000, help="visits to generate (default 49,000: "
                                                                    "~200,000 meetings)")
    parser.add_argument("--keep", type=Path, help="database file to keep and reuse")
    parser.add_argument("--queries", type=int, default=60, help="queries per row (default 60)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    tmp = None
    if args.keep:
        path = args.keep
    else:
        tmp = tempfile.TemporaryDirectory()
        path = Path(tmp.name) / "bench.sqlite"
    gen_s = None
    if not path.exists():
        gen_s = _generate(path, args.people, args.visits)
    db = open_database(sqlite_url(path))
    try:
        with db.reader() as s:
            counts = {k: s.scalar(text(f"SELECT count(*) FROM {k}")) for k in KINDS}
        pending = search.pending_count(db)
        rebuild_s = None
        if pending:
            started = time.perf_counter()
            search.rebuild_index(db)
            rebuild_s = time.perf_counter() - started
        rng = random.Random(args.seed)
        queries = _queries(db, rng, args.queries)
        traced = _Statements(db)
        raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        for q in ("warm-up", "Korzhikov", "Коржиков"):
            search.search(db, q)
            _replay(raw, traced.take())
        print(f"data: {', '.join(f'{n:,} {k}' for k, n in counts.items())}")
        print(f"load average at start: {os.getloadavg()[0]:.1f} (2 cores shared with other jobs)")
        if gen_s is not None:
            print(f"generate.py: {gen_s:.0f} s")
        if rebuild_s is not None:
            print(f"index rebuild ({pending:,} records queued): {rebuild_s:.1f} s")
        print()
        header = (f"{'queries':<28} | {'n':>3} | {'service p50':>11} | {'p95':>7} | {'max':>7} | "
                  f"{'CPU p50':>7} | {'p95':>6} | {'same stmts p50':>14} | {'p95':>6} | {'stmts':>5} | "
                  f"{'1/kind p50':>10} | {'p95':>6} | {'p95 ratio':>9} | {'CPU ratio':>9} | hits (mean)")
        print(header)
        print("-" * len(header))
        every: list[float] = []
        every_bare: list[float] = []
        every_cpu: list[float] = []
        every_same: list[float] = []
        every_same_cpu: list[float] = []
        for label, qs in queries.items():
            service_ms: list[float] = []
            cpu_ms: list[float] = []
            bare_ms: list[float] = []
            same_ms: list[float] = []
            same_cpu: list[float] = []
            statements = 0
            hits = 0
            for q in qs:  # service and floors alternate, query by query
                traced.take()
                started, cpu_started = time.perf_counter(), time.process_time()
                found = search.search(db, q, limit=20)
                service_ms.append((time.perf_counter() - started) * 1000)
                cpu_ms.append((time.process_time() - cpu_started) * 1000)
                hits += len(found.hits)
                sent = traced.take()
                statements += len(sent)
                started, cpu_started = time.perf_counter(), time.process_time()
                _replay(raw, sent)
                same_ms.append((time.perf_counter() - started) * 1000)
                same_cpu.append((time.process_time() - cpu_started) * 1000)
                started = time.perf_counter()
                _bare(raw, q)
                bare_ms.append((time.perf_counter() - started) * 1000)
            every += service_ms
            every_cpu += cpu_ms
            every_bare += bare_ms
            every_same += same_ms
            print(f"{label:<28} | {len(qs):>3} | {statistics.median(service_ms):>11.1f} | "
                  f"{_pct(service_ms, 95):>7.1f} | {max(service_ms):>7.1f} | "
                  f"{statistics.median(cpu_ms):>7.1f} | {_pct(cpu_ms, 95):>6.1f} | "
                  f"{statistics.median(same_ms):>14.2f} | {_pct(same_ms, 95):>6.2f} | "
                  f"{statements / max(1, len(qs)):>5.1f} | "
                  f"{statistics.median(bare_ms):>10.2f} | {_pct(bare_ms, 95):>6.2f} | "
                  f"{_pct(service_ms, 95) / _pct(same_ms, 95):>8.1f}x | "
                  f"{_pct(cpu_ms, 95) / _pct(same_cpu, 95):>8.1f}x | "
                  f"{hits / max(1, len(qs)):.1f}")
            every_same_cpu += same_cpu
        print("-" * len(header))
        print(f"{'all':<28} | {len(every):>3} | {statistics.median(every):>11.1f} | {_pct(every, 95):>7.1f} | "
              f"{max(every):>7.1f} | {statistics.median(every_cpu):>7.1f} | {_pct(every_cpu, 95):>6.1f} | "
              f"{statistics.median(every_same):>14.2f} | {_pct(every_same, 95):>6.2f} | {'':>5} | "
              f"{statistics.median(every_bare):>10.2f} | {_pct(every_bare, 95):>6.2f} | "
              f"{_pct(every, 95) / _pct(every_same, 95):>8.1f}x | "
              f"{_pct(every_cpu, 95) / _pct(every_same_cpu, 95):>8.1f}x |")
        print(f"load average at end: {os.getloadavg()[0]:.1f}")
    finally:
        db.close()
        if tmp is not None:
            tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
