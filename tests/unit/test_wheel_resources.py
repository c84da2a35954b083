"""The installed package finds its translations and icons: a wheel is built from this checkout, unpacked
into a folder of its own and asked through ``organizer.assets`` (the path a frozen bundle takes too)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_built_wheel_ships_and_finds_translations_and_icons(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                    "-w", str(tmp_path / "dist"), str(ROOT)], check=True, capture_output=True, timeout=300)
    wheel = next((tmp_path / "dist").glob("organizer-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("organizer/_resources/translations/organizer_ru.qm",
                   "organizer/_resources/translations/organizer_en.qm",
                   "organizer/_resources/icons/organizer.svg",
                   "organizer/_resources/icons/app/organizer-256.png"):
        assert needed in names
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    code = ("import organizer.assets as a; print(a.resources_dir()); "
            "print(a.resource('translations', 'organizer_ru.qm').stat().st_size)")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(target)}, timeout=60)
    where, size = done.stdout.split()
    assert Path(where) == target / "organizer" / "_resources"
    assert int(size) > 1000
