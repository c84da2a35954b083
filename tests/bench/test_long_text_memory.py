"""A briefing with a megabyte in every free-text field stays under 500 MB (issue 15 scope 10; point 13: a
briefing with 950 KB in 8 fields was stopped at 6.9 GB). The document is written by the CLI in a process
of its own, whose peak RSS is measured (``bench/bench_long_text.py`` times every case)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from organizer.services.archive.importer import import_archive
from organizer.store import open_database, sqlite_url

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import bench_long_text  # bench/ is not a package: found through sys.path above

ROOT = Path(__file__).resolve().parents[2]

# A bare helper starts the command: Linux counts the memory a process had before ``exec`` in its peak, so
# a child forked straight from pytest would report at least pytest's own size.
_HELPER = ("import json, os, subprocess, sys\n"
           "proc = subprocess.Popen(sys.argv[1:])\n"
           "_pid, status, usage = os.wait4(proc.pid, 0)\n"
           "print(json.dumps([os.waitstatus_to_exitcode(status), usage.ru_maxrss]))\n")


@pytest.mark.slow
def test_a_briefing_with_a_megabyte_in_every_field_stays_under_500_mb(db_path: Path, tmp_path: Path) -> None:
    text = "first line\n" + bench_long_text.SHAPES["lines"](1_000_000 - 30) + "last line"
    db = open_database(sqlite_url(db_path))
    import_archive(db, bench_long_text.archive({"*"}, text))
    db.close()
    out = tmp_path / "briefing.pdf"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    cmd = [sys.executable, "-m", "organizer", "--db", str(db_path), "briefing", "1", "--out", str(out)]
    result = subprocess.run([sys.executable, "-S", "-c", _HELPER, *cmd], env=env, capture_output=True, text=True,
                            check=True)
    code, peak_kib = json.loads(result.stdout.strip().splitlines()[-1])
    assert code == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert peak_kib < 500 * 1024, f"peak RSS {peak_kib // 1024} MB"
