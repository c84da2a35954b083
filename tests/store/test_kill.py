"""SIGKILL at random points of a stream of imports and edits, several times on one database (a bounded run of
``bench/bench_kill.py``): integrity ok, every committed change there, no import half-applied, no lost update."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_kill.py"


def test_random_kills_lose_nothing_and_leave_nothing_half_done() -> None:
    result = subprocess.run([sys.executable, str(BENCH), "--rounds", "5", "--people", "150", "--seed", "7",
                             "--max-delay", "2.5"], capture_output=True, text=True, timeout=900,
                            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "all checks passed" in result.stdout
    rows = [ln for ln in result.stdout.splitlines()[1:] if ln[:1].isdigit()]
    assert len(rows) == 5 and all(ln.rstrip().endswith("ok") for ln in rows)
    # The kills did land in the middle of the work: some rounds committed something before dying.
    assert any(int(ln.split()[2]) > 0 for ln in rows), result.stdout
