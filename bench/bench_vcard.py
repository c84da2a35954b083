"""vCard import (our reader + mapping + database writes) next to vobject parsing the same file, same run.

    python bench/bench_vcard.py                 # 10,000 generated cards, 3 rounds, alternating
    python bench/bench_vcard.py --cards 2000 --rounds 5

The file is generated here (``generate``): vCard 3.0 cards as Gmail/iPhone write them, each with N, FN,
ORG with a unit, TITLE, two e-mails, two phones, CATEGORIES, NOTE and a UID, a quarter of them with a
Cyrillic FN next to a Latin N, every tenth folded quoted-printable (2.1 style), institutions shared
among cards. Each round runs, in turn: vobject's ``readComponents`` over the file (parse only: no
mapping, no database), our parser alone, our whole import (``import_vcards`` as ``organizer import``
runs it: open the database, read the file as it goes, map, check, write, index, commit) into a new,
empty SQLite file made just before (untimed: making an empty database, its schema and migrations, is not
part of reading cards; its time is printed on its own), and the export of that database's people back to
a vCard file; the order alternates between rounds so neither side always runs on a warm cache. Each job
is timed in CPU (user + system of this process) and wall time. Reported: the load average before and
after, the median CPU and wall time of each, cards per CPU second, the ratios "vobject parse / our import"
in CPU and wall (the target is at least 5) and "vobject parse / our export", the peak memory
(tracemalloc) of our import at ``--cards`` and at a fifth of it, and the peak RSS of a fresh process
importing 1,000 and ``--cards`` cards (flat: the peak does not grow in proportion with the number of
cards). Asserts nothing: the machine may be shared.
"""

from __future__ import annotations

import argparse
import gc
import os
import quopri
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GIVEN = ["Evgeny", "Dmitry", "Rustam", "Dilnoza", "Gayrat", "Ildar", "Anna", "Maria", "Olga", "Timur"]
FAMILY = ["Korzhikov", "Pashin", "Minnikhanov", "Karimova", "Orinboyev", "Khairullin", "Ivanova", "Safin"]
CYRILLIC = {"Evgeny": "Евгений", "Dmitry": "Дмитрий", "Korzhikov": "Коржиков", "Pashin": "Пашин"}
ORGS = [f"University {i};Institute of {s}" for i in range(40) for s in ("Chemistry", "Physics", "Law")]


def generate(n: int, seed: int = 7) -> bytes:
    rnd = random.Random(seed)
    out: list[str] = []
    for i in range(n):
        given, family = rnd.choice(GIVEN), rnd.choice(FAMILY)
        fn = f"{given} {family}"
        if i % 4 == 0 and given in CYRILLIC and family in CYRILLIC:
            fn = f"{CYRILLIC[family]} {CYRILLIC[given]}"
        lines = ["BEGIN:VCARD", "VERSION:3.0", f"UID:bench-{i}", f"N:{family};{given};M{i};;", f"FN:{fn}",
                 f"ORG:{rnd.choice(ORGS)}", f"TITLE:Professor {i % 50}",
                 f"EMAIL;TYPE=INTERNET;TYPE=WORK:{given.lower()}.{family.lower()}.{i}@example.org",
                 f"EMAIL;TYPE=INTERNET;TYPE=HOME:p{i}@mail.example",
                 f"TEL;TYPE=CELL:+7 917 {i // 10000 % 1000:03d}-{i // 100 % 100:02d}-{i % 100:02d}",
                 f"TEL;TYPE=WORK,VOICE:+998 71 {i % 1000:03d} {i // 1000 % 100:02d} 00",
                 "CATEGORIES:delegation,partners"]
        note = f"Met at the forum in {2000 + i % 25}; talked about joint labs and student exchange."
        if i % 10 == 0:
            encoded = quopri.encodestring(note.encode("utf-8")).decode("ascii").replace("=\n", "=\r\n")
            lines.append(f"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:{encoded}")
        else:
            lines.append("NOTE:" + note.replace(";", "\\;"))
        lines.append("END:VCARD")
        out.append("\r\n".join(lines) + "\r\n")
    return "".join(out).encode("utf-8")


def run_vobject(data: bytes) -> int:
    import vobject

    return sum(1 for _ in vobject.readComponents(data.decode("utf-8")))


def run_parser(data: bytes) -> int:
    from organizer.services.interop import vcard

    return sum(1 for _ in vcard.iter_cards(vcard.lines_of(data)))


def make_database(folder: Path, name: str) -> None:
    """A new, empty database (schema and migrations) for ``run_import``."""
    from organizer.store import open_database, sqlite_url

    open_database(sqlite_url(folder / f"{name}.sqlite"), create=True).close()


def run_import(source: Path, folder: Path, name: str) -> int:
    """Import the file as ``organizer import`` does (read from the file as it goes, not held whole)."""
    from organizer.services.interop.contacts import import_vcards
    from organizer.store import open_database, sqlite_url

    db = open_database(sqlite_url(folder / f"{name}.sqlite"), create=True)
    try:
        report = import_vcards(db, [source])
        return report.created
    finally:
        db.close()


def run_export(folder: Path, name: str) -> int:
    """Export every person of the database ``run_import`` made as vCard 4.0 (as ``export vcard`` does)."""
    from organizer.services.interop.export import chosen_people, export_vcard_file
    from organizer.store import open_database, sqlite_url

    db = open_database(sqlite_url(folder / f"{name}.sqlite"))
    try:
        return export_vcard_file(db, folder / f"{name}.vcf", chosen_people(db), "4.0")
    finally:
        db.close()


def peak_rss(cards: int, folder: Path) -> float:
    """Peak RSS (MiB) of a fresh process importing ``cards`` generated cards from a file."""
    import subprocess

    source = folder / f"rss{cards}.vcf"
    source.write_bytes(generate(cards))
    code = ("import resource, sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); import bench_vcard; "
            "bench_vcard.run_import(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent), str(source), str(folder),
                          f"rss{cards}"], check=True, capture_output=True, text=True).stdout
    return int(out.split()[-1]) / 1024


def peak(fn: object, *args: object) -> tuple[int, int]:
    gc.collect()
    tracemalloc.start()
    result = fn(*args)  # type: ignore[operator]
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return int(result), top  # type: ignore[call-overload]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    data = generate(args.cards)
    small = generate(max(args.cards // 5, 1))
    print(f"# load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    labels = ("vobject parse", "our parse", "our import", "our export", "empty database")
    cpu: dict[str, list[float]] = {k: [] for k in labels}
    wall: dict[str, list[float]] = {k: [] for k in labels}

    def timed(label: str, job: object) -> object:
        gc.collect()
        t0, c0 = time.perf_counter(), os.times()
        result = job()  # type: ignore[operator]
        c1 = os.times()
        wall[label].append(time.perf_counter() - t0)
        cpu[label].append(c1.user + c1.system - c0.user - c0.system)
        return result

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big_file, small_file = folder / "cards.vcf", folder / "small.vcf"
        big_file.write_bytes(data)
        small_file.write_bytes(small)
        run_import(small_file, folder, "warm")  # imports, phone metadata, e-mail caches
        for r in range(args.rounds):
            timed("empty database", lambda r=r: make_database(folder, f"round{r}"))
            jobs = [("vobject parse", lambda: run_vobject(data)), ("our parse", lambda: run_parser(data)),
                    ("our import", lambda r=r: run_import(big_file, folder, f"round{r}")),
                    ("our export", lambda r=r: run_export(folder, f"round{r}"))]
            if r % 2:  # ours first, the export still after the import that fills its database
                jobs = [jobs[2], jobs[3], jobs[1], jobs[0]]
            for label, job in jobs:
                count = timed(label, job)
                if count != args.cards:
                    print(f"{label}: {count} cards, expected {args.cards}")
        make_database(folder, "peak_full")
        make_database(folder, "peak_small")
        _, peak_full = peak(run_import, big_file, folder, "peak_full")
        _, peak_small = peak(run_import, small_file, folder, "peak_small")
        rss = {n: peak_rss(n, folder) for n in (1000, args.cards)}
    print(f"# load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{args.cards:,} cards, {len(data) / 1e6:.1f} MB, {args.rounds} rounds (median)")
    print(f"  {'':16s} {'CPU s':>7s} {'wall s':>7s} {'cards/CPU s':>12s}")
    c = {k: statistics.median(v) for k, v in cpu.items()}
    w = {k: statistics.median(v) for k, v in wall.items()}
    for label in labels:
        rate = f"{args.cards / c[label]:12,.0f}" if c[label] and label != "empty database" else f"{'':12s}"
        print(f"  {label:16s} {c[label]:7.2f} {w[label]:7.2f} {rate}")
    for other, note in (("our import", " (target >= 5)"), ("our parse", ""), ("our export", "")):
        print(f"  vobject parse / {other + ':':12s} CPU {c['vobject parse'] / max(c[other], 1e-9):.1f}x, "
              f"wall {w['vobject parse'] / w[other]:.1f}x{note}")
    print(f"  peak memory of our import: {peak_full / 1e6:.1f} MB at {args.cards:,} cards, "
          f"{peak_small / 1e6:.1f} MB at {len(small.split(b'BEGIN:VCARD')) - 1:,}")
    print("  peak RSS of a process importing: " + ", ".join(f"{v:.0f} MiB at {n:,} cards" for n, v in rss.items()))


if __name__ == "__main__":
    main()
