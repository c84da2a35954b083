"""The one place that finds shipped resources (demo data, fonts, icons, translations).

In an installed package (wheel, frozen bundle) ``resources/`` is shipped as ``organizer/_resources``;
in a source checkout (editable install) it is the ``resources/`` folder beside the package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resources_dir() -> Path:
    for candidate in (_PACKAGE_DIR / "_resources", _PACKAGE_DIR.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("Organizer's resources folder is missing: the installation is incomplete")


def resource(*parts: str) -> Path:
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"missing resource {'/'.join(parts)}: the installation is incomplete")
    return path


def demo_archive() -> Path:
    return resource("demo", "uzkhimyosanoat-kfu-visit.json")
