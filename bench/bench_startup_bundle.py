"""Start-up time to the first shown window: the frozen bundle next to the unfrozen app and a bare Qt window.

    .venv/bin/python bench/bench_startup_bundle.py [--bundle PATH] [--runs 7]

Starts an Xvfb display of its own and, for each program, launches it on the same demo database and
polls the X server until a top-level window titled "Organizer..." is mapped (IsViewable); that moment
minus the launch is the start-up time. Then the program is killed. Rows:

- ``bare Qt window`` (the floor): the project's Python imports PySide6 and shows an empty QMainWindow;
- ``unfrozen app``: ``.venv/bin/organizer gui`` from the source checkout;
- ``bundle``: the frozen program, by default the installed ``/usr/bin/organizer`` if it is the
  package's, else ``build/bundle/dist/organizer/organizer`` (``packaging/build-bundle.sh``).

Prints a table (median and best of the runs, in ms) and the bundle's size on disk. Needs Xvfb and
xwininfo (Debian: xvfb, x11-utils). Timing is by polling every 5 ms, so numbers are +-5 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
FLOOR = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\nw = QMainWindow()\nw.setWindowTitle('Organizer floor')\nw.resize(1000, 700)\n"
    "w.show()\napp.exec()\n"
)


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    read, write = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as fh:
        number = fh.readline().strip()
    if not number:
        raise SystemExit("bench: Xvfb did not start")
    return proc, f":{number}"


def shown_window(env: dict[str, str]) -> bool:
    tree = subprocess.run(["xwininfo", "-root", "-tree"], env=env, capture_output=True, text=True).stdout
    for line in tree.splitlines():
        parts = line.split(None, 1)
        if len(parts) == 2 and parts[0].startswith("0x") and parts[1].startswith('"Organizer'):
            info = subprocess.run(["xwininfo", "-id", parts[0]], env=env, capture_output=True, text=True).stdout
            if "IsViewable" in info:
                return True
    return False


def time_to_window(cmd: list[str], env: dict[str, str], timeout: float = 60.0) -> float:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while time.perf_counter() - started < timeout:
            if shown_window(env):
                return (time.perf_counter() - started) * 1000
            if proc.poll() is not None:
                raise SystemExit(f"bench: {' '.join(cmd)} exited early: {proc.stderr.read().decode()[-500:]}")
            time.sleep(0.005)
        raise SystemExit(f"bench: no window from {' '.join(cmd)} in {timeout} s")
    finally:
        proc.kill()
        proc.wait()


def _pyside_version() -> str:
    out = subprocess.run([sys.executable, "-c", "import PySide6; print(PySide6.__version__)"],
                         capture_output=True, text=True)
    return out.stdout.strip() or "?"


def default_bundle() -> Path:
    installed = Path("/usr/bin/organizer")
    if installed.exists() and installed.resolve() == Path("/opt/organizer/organizer"):
        return installed
    return ROOT / "build" / "bundle" / "dist" / "organizer" / "organizer"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=None, help="the frozen program to time")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    bundle = args.bundle or default_bundle()
    for tool in ("Xvfb", "xwininfo"):
        if shutil.which(tool) is None:
            raise SystemExit(f"bench: needs {tool} (Debian: xvfb, x11-utils)")
    if not bundle.exists():
        raise SystemExit(f"bench: no bundle at {bundle}; run packaging/build-bundle.sh or pass --bundle")

    xvfb, display = start_xvfb()
    try:
        with tempfile.TemporaryDirectory(prefix="organizer-bench-") as tmp:
            home = Path(tmp) / "home"
            home.mkdir()
            env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "DISPLAY": display, "LANG": "C.UTF-8"}
            db = str(Path(tmp) / "demo.sqlite")
            subprocess.run([str(VENV_BIN / "organizer"), "--db", db, "demo"], env=env, check=True,
                           stdout=subprocess.DEVNULL)
            rows = [
                ("bare Qt window (floor)", [sys.executable, "-c", FLOOR]),
                ("unfrozen app (.venv/bin/organizer)", [str(VENV_BIN / "organizer"), "--db", db, "gui"]),
                (f"bundle ({bundle})", [str(bundle), "--db", db, "gui"]),
            ]
            for _, cmd in rows:  # warm the page cache once, untimed
                time_to_window(cmd, env)
            results = {name: [time_to_window(cmd, env) for _ in range(args.runs)] for name, cmd in rows}
    finally:
        xvfb.kill()
        xvfb.wait()

    width = max(len(name) for name in results)
    folder = bundle.resolve().parent
    bundled_python = ", ".join(sorted(p.name for p in (folder / "_internal").glob("python3.*"))) or "?"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"start-up to the first shown window, {args.runs} runs each, warm cache (ms); load average {load}")
    print(f"unfrozen: Python {sys.version.split()[0]}, PySide6 {_pyside_version()}; bundle: {bundled_python}")
    print(f"{'program':<{width}}  {'median':>7}  {'best':>7}")
    for name, times in results.items():
        print(f"{name:<{width}}  {statistics.median(times):7.0f}  {min(times):7.0f}")
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"bundle size on disk: {size / 2**20:.0f} MiB ({folder})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
