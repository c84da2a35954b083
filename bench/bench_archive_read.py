"""Benchmark of reading an archive file as a stream (``ArchiveFile``) next to its floors: prints a table.

    python bench/bench_archive_read.py ARCHIVE.json [--repeat 3]

CPU seconds in this process (best of ``--repeat``), for the parts of an import that only read the file:

- ``open``: ``ArchiveFile(path)``, the scan (nesting check, where each section lies, record counts) and
  the top-level checks;
- ``records, all sections``: every record of every section built as Python objects, one at a time;
- ``count()``: what a progress report asks for first.

Floors in the same run: ijson's C parser over the whole file building nothing (the least any streaming
read costs), and ``json.load`` of the whole file (everything in memory at once). Export an archive to
measure with ``organizer --db DB export FILE`` (e.g. of a ``generate.py`` database).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ijson

from organizer.services.archive.file import SECTIONS, ArchiveFile


def best(repeat: int, work: Callable[[], Any]) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.process_time()
        result = work()
        times.append(time.process_time() - start)
    return min(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    path: Path = args.archive
    archive = ArchiveFile(path)

    def tokenise() -> int:
        with path.open("rb") as fh:
            return sum(1 for _ in ijson.items(fh, "\x00", use_float=True))

    def load() -> int:
        with path.open("rb") as fh:
            data = json.load(fh)
        return sum(len(data.get(s) or []) for s in SECTIONS)

    rows = [
        ("ours: open (scan + top level)", lambda: ArchiveFile(path) and 0),
        ("ours: records, all sections", lambda: sum(sum(1 for _ in archive.records(s)) for s in SECTIONS)),
        ("ours: count()", archive.count),
        ("floor: one ijson pass, nothing built", tokenise),
        ("floor: json.load, all in memory", load),
    ]
    print(f"{path} ({path.stat().st_size / 1e6:.1f} MB), load average {os.getloadavg()[0]:.2f}, "
          f"best of {args.repeat}")
    print(f"{'what':<38} | {'CPU s':>6} | {'records':>8}")
    print("-" * 39 + "+" + "-" * 8 + "+" + "-" * 9)
    for label, work in rows:
        seconds, result = best(args.repeat, work)
        print(f"{label:<38} | {seconds:6.2f} | {result or '':>8}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
