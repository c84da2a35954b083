"""Every speed path of issue 9 next to its floor, measured in one run: prints tables, asserts nothing.

    python bench/bench_all.py                      # 100,000 people, import/export at 50,000, growth 10k -> 100k
    python bench/bench_all.py --people 20000 --import-people 5000 --growth 2000 20000   # a quicker run

Each row is the median of ``--repeat`` runs (3). The floor of each path is measured in the same run on
the same machine, so the ratio is what counts (the machine may be shared). Floors (``floors.py``) are
hand-written with sqlite3 and the stdlib and produce the same JSON values as the app; the script checks
that before it times them.

- start-up: ``organizer --version`` vs ``python -c pass``; a command on an up-to-date database
  (``list visits --json`` on an empty one, ``show person ID --json`` on the big one) vs
  ``python -c 'import sqlalchemy'``, with the package byte-compiled first (as installed).
- ``show person --json`` in process (``person_record`` + JSON) vs ``floors.show_person``.
- ``list people --json`` (a whole process, output to a file) vs ``floors.list_people`` (compact JSON,
  tables read once), wall time and peak RSS of each process.
- archive import and export at ``--import-people``: this code, the code of ``--baseline`` (a git ref,
  run from a copy of its ``organizer`` folder) and the floor of an import (raw ``executemany`` inserts
  of the same rows, ``floors.raw_copy``).
- growth: the same paths at each ``--growth`` size, per person.

Databases are generated with ``generate.py`` (in a subprocess) into ``--cache`` and reused by later runs.
"""

from __future__ import annotations

import argparse
import filecmp
import io
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import floors  # noqa: E402  (bench/ is not a package: found through sys.path above)

PY = sys.executable
ORGANIZER = [str(Path(PY).with_name("organizer"))] if Path(PY).with_name("organizer").exists() else [
    PY, "-m", "organizer"]


_SPAWNER_CODE = """
import json, os, subprocess, sys, time
for line in sys.stdin:
    job = json.loads(line)
    with open(job["stdout"], "wb") as out, open(job["stderr"], "wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(job["cmd"], stdout=out, stderr=err, env=job["env"], cwd=job["cwd"])
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
    print(json.dumps([seconds, os.waitstatus_to_exitcode(status), usage.ru_maxrss, usage.ru_utime + usage.ru_stime]),
          flush=True)
"""
_spawner: subprocess.Popen[str] | None = None


def _spawn(cmd: Sequence[str], stdout: str, stderr: str, env: dict[str, str] | None) -> tuple[float, int, int, float]:
    """Run ``cmd`` from a small helper process and return (seconds, exit code, ru_maxrss KiB, CPU seconds).

    Linux counts the memory a process had before ``exec`` in its ``ru_maxrss``: a child forked from this
    script (which holds the in-process measurements, 50 MB or more) would report at least this script's
    size. The helper is a bare Python started once, at the first call, so a command's peak RSS is its own
    (or the helper's 10 MB, whichever is larger)."""
    global _spawner
    if _spawner is None:
        _spawner = subprocess.Popen([sys.executable, "-S", "-c", _SPAWNER_CODE], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, text=True)
    assert _spawner.stdin is not None and _spawner.stdout is not None
    _spawner.stdin.write(json.dumps({"cmd": list(cmd), "stdout": stdout, "stderr": stderr,
                                     "env": env if env is not None else dict(os.environ),
                                     "cwd": tempfile.gettempdir()}) + "\n")
    _spawner.stdin.flush()
    seconds, code, maxrss, cpu = json.loads(_spawner.stdout.readline())
    return seconds, code, maxrss, cpu


class Proc:
    """One finished subprocess: wall seconds, CPU seconds (user + system), peak RSS (MB)."""

    def __init__(self, cmd: Sequence[str], stdout: Path | None = None, env: dict[str, str] | None = None) -> None:
        with tempfile.NamedTemporaryFile() as err:
            self.seconds, code, maxrss, self.cpu = _spawn(cmd, str(stdout or os.devnull), err.name, env)
            self.rss_mb = maxrss / 1024
            self.err = Path(err.name).read_bytes().decode(errors="replace")
        if code != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({code}): {self.err.strip()[-500:]}")


def median_proc(repeat: int, cmd: Sequence[str], **kw: Any) -> Proc:
    runs = [Proc(cmd, **kw) for _ in range(repeat)]
    runs.sort(key=lambda p: p.seconds)
    return runs[len(runs) // 2]


def alternating_procs(repeat: int, *cmds: Sequence[str], outs: Sequence[Path | None] = ()) -> list[Proc]:
    """Each command ``repeat`` times, in turn (app, floor, app, floor...: a change in the machine's load falls
    on both), the median run of each (by wall time). ``outs``: where each command's stdout goes."""
    runs: list[list[Proc]] = [[] for _ in cmds]
    for _ in range(repeat):
        for k, cmd in enumerate(cmds):
            runs[k].append(Proc(cmd, stdout=outs[k] if k < len(outs) else None))
    return [sorted(r, key=lambda p: p.seconds)[len(r) // 2] for r in runs]


def same_bytes(label: str, app: Sequence[str], floor: Sequence[str], work: Path) -> None:
    """Refuse to time a floor that does not write what the app writes."""
    a, f = work / "app.out", work / "floor.out"
    Proc(app, stdout=a)
    Proc(floor, stdout=f)
    if not filecmp.cmp(a, f, shallow=False):
        raise AssertionError(f"{label}: the app and the floor wrote different output")


def median_time(repeat: int, call: Callable[[], Any]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def database(cache: Path, people: int) -> Path:
    """A generated database of ``people`` people, made once and reused."""
    path = cache / f"people-{people}.sqlite"
    if not path.exists():
        print(f"# generating {people:,} people into {path} ...", file=sys.stderr, flush=True)
        tmp = path.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        subprocess.run([PY, str(HERE / "generate.py"), "--db", str(tmp), "--people", str(people), "--quiet"],
                       check=True, stdout=subprocess.DEVNULL)
        tmp.rename(path)
    return path


def baseline_tree(ref: str, where: Path) -> Path:
    """The ``organizer`` package as it was at ``ref``, unpacked under ``where`` (for PYTHONPATH)."""
    tree = where / "baseline"
    tree.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "organizer"], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


class Table:
    def __init__(self, title: str, header: Sequence[str]) -> None:
        self.title, self.header, self.rows = title, list(header), []  # type: list[list[str]]
        self.loads = [os.getloadavg()[0]]

    def add(self, *cells: Any) -> None:
        self.rows.append([c if isinstance(c, str) else f"{c:,.3f}" if isinstance(c, float) else f"{c:,}"
                          for c in cells])
        self.loads.append(os.getloadavg()[0])
        print("  " + " | ".join(self.rows[-1]), file=sys.stderr, flush=True)

    def render(self) -> str:
        widths = [max(len(h), *(len(r[i]) for r in self.rows)) for i, h in enumerate(self.header)]
        lines = [f"### {self.title}", "",
                 f"Load average (1 min) while these rows ran: {min(self.loads):.1f} to {max(self.loads):.1f} "
                 f"on {os.cpu_count()} CPUs.", "",
                 "| " + " | ".join(h.ljust(w) for h, w in zip(self.header, widths, strict=True)) + " |",
                 "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
        lines += ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in self.rows]
        return "\n".join(lines)


def ratio(app: float, floor: float) -> str:
    return f"{app / floor:.2f}x" if floor > 0 else "-"


def sample_people(path: Path, n: int, seed: int) -> list[int]:
    """Half people who attended meetings (long histories), half random people."""
    con = sqlite3.connect(path)
    busy = [r[0] for r in con.execute("SELECT DISTINCT person_id FROM meeting_participant")]
    everyone = [r[0] for r in con.execute("SELECT id FROM person")]
    rng = random.Random(seed)
    return rng.sample(busy, min(n // 2, len(busy))) + rng.sample(everyone, n - min(n // 2, len(busy)))


def show_person_in_process(path: Path, ids: list[int], repeat: int) -> tuple[float, float]:
    """(app ms, floor ms) a person: ``person_record`` + JSON vs ``floors.show_person``; outputs compared."""
    from organizer.cli import jsonout
    from organizer.cli.output import dump
    from organizer.services import people
    from organizer.store.database import open_database, sqlite_url

    db = open_database(sqlite_url(path))
    con = sqlite3.connect(path)
    try:
        def app(ident: int) -> str:
            out = io.StringIO()
            dump(jsonout.person_full(*people.person_record(db, ident)), out)
            return out.getvalue()

        for ident in ids:
            if json.loads(app(ident)) != json.loads(floors.show_person(con, ident)):
                raise AssertionError(f"floor and app differ for person {ident}")
        app_times, floor_times = [], []
        for _ in range(repeat):  # app and floor alternating
            app_times.append(median_time(1, lambda: [app(i) for i in ids]))
            floor_times.append(median_time(1, lambda: [floors.show_person(con, i) for i in ids]))
        app_s, floor_s = statistics.median(app_times), statistics.median(floor_times)
    finally:
        db.close()
        con.close()
    return app_s / len(ids) * 1000, floor_s / len(ids) * 1000


def warm(path: Path) -> None:
    """Read the whole file once, so that whichever command runs first does not pay for the disk reads
    (with one run each, the app ran first and waited on the disk: 1.5 s of a 7.4 s listing)."""
    with path.open("rb") as fh:
        while fh.read(1 << 24):
            pass


def list_people(path: Path, work: Path, repeat: int, check: bool) -> tuple[Proc, Proc]:
    app_out, floor_out = work / "app.json", work / "floor.json"
    warm(path)
    app, floor = alternating_procs(repeat, [*ORGANIZER, "--db", str(path), "list", "people", "--json"],
                                   [PY, str(HERE / "floors.py"), "list-people", str(path)], outs=(app_out, floor_out))
    if check and not filecmp.cmp(app_out, floor_out, shallow=False):
        raise AssertionError("list people --json: the app and the floor wrote different output")
    app_out.unlink()
    floor_out.unlink()
    return app, floor


def archive_paths(path: Path, work: Path, repeat: int, baseline: Path | None,
                  baseline_repeat: int = 1) -> dict[str, Proc]:
    """Export of ``path`` and import of its archive: this code, the baseline, and the raw-insert floor."""
    out: dict[str, Proc] = {}
    archive = work / "archive.json"
    warm(path)
    out["export"] = median_proc(repeat, [*ORGANIZER, "--db", str(path), "export", str(archive)])
    env = None
    if baseline is not None:
        # ``-S``: no site processing, so the editable install of this checkout does not shadow the baseline.
        site = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(baseline), *site]))

    def fresh(name: str) -> Path:
        target = work / name
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        return target

    def importing(cmd: list[str], times: int = repeat, into: str = "import.sqlite", **kw: Any) -> Proc:
        runs = []
        for _ in range(times):
            target = fresh(into)
            runs.append(Proc([*cmd, "--db", str(target), "import", str(archive)], **kw))
        runs.sort(key=lambda p: p.seconds)
        return runs[len(runs) // 2]

    out["import"] = importing([*ORGANIZER, "--create"])
    if baseline is not None:
        # The baseline cannot open the generated file (its schema is newer than the baseline knows): it
        # imports this code's archive into a database of its own schema, and exports from that one.
        out["import (baseline)"] = importing([PY, "-S", "-m", "organizer"], baseline_repeat, "baseline.sqlite",
                                             env=env)
        out["export (baseline)"] = median_proc(
            baseline_repeat, [PY, "-S", "-m", "organizer", "--db", str(work / "baseline.sqlite"), "export",
                              str(work / "old.json")], env=env)
        (work / "old.json").unlink()
    floor_runs = []
    for _ in range(repeat):
        target = fresh("floor.sqlite")
        Proc([*ORGANIZER, "--create", "--db", str(target), "list", "visits"])  # an empty, migrated database
        floor_runs.append(Proc([PY, str(HERE / "floors.py"), "raw-copy", str(path), str(target)]))
    out["import floor"] = sorted(floor_runs, key=lambda p: p.seconds)[repeat // 2]
    archive_mb = archive.stat().st_size / 1e6
    archive.unlink()
    out["archive"] = Proc([PY, "-c", "pass"])
    out["archive"].rss_mb = archive_mb
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000, help="size of the main database (100,000)")
    parser.add_argument("--import-people", type=int, default=50_000, help="size of the archive (50,000)")
    parser.add_argument("--growth", type=int, nargs="*", default=[10_000],
                        help="smaller sizes for the growth table, next to --people and --import-people "
                             "(default 10,000); none to skip")
    parser.add_argument("--baseline-repeat", type=int, default=1,
                        help="runs of the (slow) baseline import and export; the median counts (default 1)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median counts")
    parser.add_argument("--sample", type=int, default=200, help="people opened per in-process run")
    parser.add_argument("--baseline", default="5ab5db7",
                        help="git ref of the code to compare import/export with ('' to skip); default: "
                             "main before the issue-9 work")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "organizer-bench",
                        help="where generated databases are kept")
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    r = args.repeat
    tables: list[Table] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        big = database(args.cache, args.people)
        ids = sample_people(big, args.sample, 1)

        t = Table(f"Start-up and record views at {args.people:,} people (median of {r}, seconds unless noted)",
                  ["path", "app", "floor", "floor is", "ratio"])
        tables.append(t)
        # The installed app starts from byte-compiled modules (pip and the packages compile them), and so
        # does the floor's SQLAlchemy; a checkout run with PYTHONDONTWRITEBYTECODE=1 would compile the whole
        # package from source at every start (about 40 ms), which users never pay.
        subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "organizer")], check=True, stdout=subprocess.DEVNULL)
        empty = work / "empty.sqlite"
        Proc([*ORGANIZER, "--create", "--db", str(empty), "list", "visits"])
        version_p, pass_p = alternating_procs(r, [*ORGANIZER, "--version"], [PY, "-c", "pass"])
        t.add("organizer --version", version_p.seconds, pass_p.seconds, "python -c pass",
              ratio(version_p.seconds, pass_p.seconds))
        cmd_p, sa_p = alternating_procs(r, [*ORGANIZER, "--db", str(empty), "list", "visits", "--json"],
                                        [PY, "-c", "import sqlalchemy"])
        t.add("list visits --json (up-to-date empty database)", cmd_p.seconds, sa_p.seconds,
              "python -c 'import sqlalchemy'", ratio(cmd_p.seconds, sa_p.seconds))
        # issue 20: whole processes against a stdlib program writing the same bytes (``floors.py``)
        for label, app_cmd, floor_cmd in (
                ("list visits --json", [*ORGANIZER, "--db", str(big), "list", "visits", "--json"],
                 [PY, str(HERE / "floors.py"), "list-visits", str(big)]),
                ("show person ID --json", [*ORGANIZER, "--db", str(big), "show", "person", str(ids[0]), "--json"],
                 [PY, str(HERE / "floors.py"), "show-person", str(big), str(ids[0])])):
            same_bytes(label, app_cmd, floor_cmd, work)
            app_p, floor_p = alternating_procs(r, app_cmd, floor_cmd)
            t.add(f"{label} (whole process), s", app_p.seconds, floor_p.seconds, "sqlite3 + json, same bytes",
                  ratio(app_p.seconds, floor_p.seconds))
            t.add(f"{label} (whole process), CPU s", app_p.cpu, floor_p.cpu, "the same floor process",
                  ratio(app_p.cpu, floor_p.cpu))
        show_ms, floor_ms = show_person_in_process(big, ids, r)
        t.add(f"show person --json in process, ms a person ({len(ids)} people)", show_ms, floor_ms,
              "sqlite3 + json, same values", ratio(show_ms, floor_ms))
        main_list = list_people(big, work, r, check=True)
        app, floor = main_list
        t.add("list people --json, s", app.seconds, floor.seconds, "sqlite3, tables read once, json.dumps each",
              ratio(app.seconds, floor.seconds))
        t.add("list people --json, CPU s (user + system)", app.cpu, floor.cpu, "the same floor process",
              ratio(app.cpu, floor.cpu))
        t.add("list people --json, peak RSS MB", app.rss_mb, floor.rss_mb, "the same floor process",
              ratio(app.rss_mb, floor.rss_mb))

        base = baseline_tree(args.baseline, work) if args.baseline else None
        small = database(args.cache, args.import_people)
        arch = archive_paths(small, work, r, base, args.baseline_repeat)
        t2 = Table(f"Archive of {args.import_people:,} people ({arch['archive'].rss_mb:.0f} MB of JSON; "
                   f"median of {r})", ["path", "seconds", "CPU s", "peak RSS MB", "vs baseline", "CPU vs baseline",
                                       "vs floor", "CPU vs floor"])
        tables.append(t2)
        for name in ("import", "import (baseline)", "import floor", "export", "export (baseline)"):
            if name not in arch:
                continue
            p = arch[name]
            kind = name.split()[0]
            old = arch.get(f"{kind} (baseline)")
            t2.add(name, p.seconds, p.cpu, p.rss_mb,
                   f"{old.seconds / p.seconds:.2f}x faster" if old and name == kind else "",
                   f"{old.cpu / p.cpu:.2f}x less" if old and name == kind else "",
                   ratio(p.seconds, arch["import floor"].seconds) if name.startswith("import") else "",
                   ratio(p.cpu, arch["import floor"].cpu) if name.startswith("import") else "")

        if args.growth:
            t3 = Table(f"Growth (median of {r}): the cost per person should stay flat",
                       ["people", "show person ms", "list people s", "CPU s", "µs/person", "RSS MB", "floor s",
                        "floor CPU s", "export s", "RSS MB", "import s", "CPU s", "ms/person", "RSS MB",
                        "floor CPU s"])
            tables.append(t3)
            # Record views and listings grow from --growth to --people, archives from --growth to
            # --import-people; the sizes measured above are reused, not run again.
            views: dict[int, tuple[float, tuple[Proc, Proc]]] = {args.people: (show_ms, main_list)}
            archives: dict[int, dict[str, Proc]] = {args.import_people: arch}
            for n in sorted({*args.growth, args.people, args.import_people}):
                path = database(args.cache, n)
                if n in args.growth and n not in views:
                    ms, _floor_ms = show_person_in_process(path, sample_people(path, args.sample, 2), r)
                    views[n] = (ms, list_people(path, work, r, check=False))
                if n in args.growth and n not in archives:
                    archives[n] = archive_paths(path, work, r, None)
                cells: list[Any] = [n]
                if n in views:
                    ms, (app, floor) = views[n]
                    cells += [ms, app.seconds, app.cpu, app.seconds / n * 1e6, app.rss_mb, floor.seconds, floor.cpu]
                else:
                    cells += ["-"] * 7
                if n in archives:
                    a = archives[n]
                    cells += [a["export"].seconds, a["export"].rss_mb, a["import"].seconds, a["import"].cpu,
                              a["import"].seconds / n * 1e3, a["import"].rss_mb, a["import floor"].cpu]
                else:
                    cells += ["-"] * 7
                t3.add(*cells)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())} at the end\n")
    print("\n\n".join(t.render() for t in tables))
    return 0


if __name__ == "__main__":
    sys.exit(main())
