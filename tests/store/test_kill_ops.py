"""SIGKILL at random moments of merge, unmerge, erase and restore, 20 times each (``bench/bench_kill_ops.py``):
integrity_check ok, and each operation applied whole or not at all."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_kill_ops.py"


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="the kill bench forks its commands")
def test_kills_during_merge_unmerge_erase_and_restore_leave_each_whole_or_undone() -> None:
    result = subprocess.run([sys.executable, str(BENCH), "--rounds", "20", "--seed", "15"], capture_output=True,
                            text=True, timeout=600, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "all checks passed" in result.stdout
    rows = {ln.split()[0]: ln.split() for ln in result.stdout.splitlines()[1:] if ln.split()[-1:] == ["ok"]}
    assert set(rows) == {"merge", "unmerge", "erase", "restore"}, result.stdout
    assert all(row[3] == "20" for row in rows.values()), result.stdout
    # The kills did land on both sides of the commit: some left the operation undone, some came after it.
    assert sum(int(row[4]) for row in rows.values()) > 0 and sum(int(row[5]) for row in rows.values()) > 0, \
        result.stdout
