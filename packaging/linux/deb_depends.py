"""Debian ``Depends``/``Recommends`` for the frozen bundle, computed from its ELF files.

    python3 packaging/linux/deb_depends.py BUNDLE_DIR [--recommend SONAME ...]

prints two lines, ``Depends: ...`` and ``Recommends: ...``. A library an ELF file in the bundle needs
(DT_NEEDED) and the bundle does not carry is the system's job: it is found with ``ldconfig -p``, its
owning package with ``dpkg -S``. ``libc6`` gets the newest glibc symbol version any file asks for.
Sonames given with ``--recommend`` (libraries only an optional Qt plugin needs, such as CUPS for
printing) go to Recommends instead. Needs readelf (binutils), ldconfig and dpkg: a Debian build host.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

NEEDED_RE = re.compile(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]")
GLIBC_RE = re.compile(r"Name: GLIBC_(\d+(?:\.\d+)+)")


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(4) == b"\x7fELF"
    except OSError:
        return False


def readelf(*args: str) -> str:
    return subprocess.run(["readelf", "-W", *args], capture_output=True, text=True, check=False).stdout


def system_libraries() -> dict[str, str]:
    """soname -> path of this machine's libraries for the native architecture."""
    out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    machine = os.uname().machine.replace("_", "-")
    found: dict[str, str] = {}
    for line in out.splitlines()[1:]:
        match = re.match(r"\s*(\S+) \(([^)]*)\) => (\S+)", line)
        if match and (machine in match.group(2) or "," not in match.group(2)):
            found.setdefault(match.group(1), match.group(3))
    return found


def owning_package(path: str) -> str | None:
    candidates = {path, os.path.realpath(path)}
    for candidate in list(candidates):  # merged /usr: dpkg may know either spelling
        if candidate.startswith("/usr/lib/"):
            candidates.add(candidate[len("/usr"):])
        elif candidate.startswith("/lib/"):
            candidates.add("/usr" + candidate)
    for candidate in sorted(candidates):
        result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True, check=False)
        if result.returncode == 0:
            return result.stdout.split(":", 1)[0].split(",")[0].strip()
    return None


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--recommend", action="append", default=[], metavar="SONAME")
    args = parser.parse_args(argv)

    files = [p for p in args.bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    carried = {p.name for p in args.bundle.rglob("*")}
    needed: dict[str, str] = {}
    newest_glibc = (2, 17)
    for path in files:
        if not is_elf(path):
            continue
        for soname in NEEDED_RE.findall(readelf("-d", str(path))):
            needed.setdefault(soname, str(path.relative_to(args.bundle)))
        for version in GLIBC_RE.findall(readelf("-V", str(path))):
            newest_glibc = max(newest_glibc, tuple(int(x) for x in version.split(".")))

    system = system_libraries()
    depends: set[str] = set()
    recommends: set[str] = set()
    problems = []
    for soname, user in sorted(needed.items()):
        if soname in carried or soname.startswith("ld-linux"):
            continue
        path = system.get(soname)
        package = owning_package(path) if path else None
        if package is None:
            problems.append(f"{soname} (needed by {user})")
            continue
        (recommends if soname in args.recommend else depends).add(package)
    if problems:
        print("deb_depends: no installed package provides: " + ", ".join(problems), file=sys.stderr)
        return 1
    glibc = ".".join(map(str, newest_glibc))
    depends.discard("libc6")
    recommends -= depends
    print("Depends: " + ", ".join([f"libc6 (>= {glibc})", *sorted(depends)]))
    print("Recommends: " + ", ".join(sorted(recommends)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
