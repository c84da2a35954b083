"""One place for what every installer recipe says about the application (except the version).

The version lives in ``organizer/__init__.py`` only (pyproject reads it from there too);
:func:`version` reads it from the source file without importing the package, so build scripts running
under any Python get the same answer. The recipes that cannot import this module (the NSIS script, the
Info.plist template, the desktop entry, the AppStream metainfo) spell the same values out, and
``tests/unit/test_packaging_recipes.py`` checks they agree with this file.

Run as a script it prints one value for shell scripts: ``python packaging/metadata.py version``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

APP_ID = "io.github.organizer.Organizer"
"""Reverse-DNS id: desktop entry and metainfo file names, macOS bundle id, Windows registry key."""
APP_NAME = "Organizer"
EXECUTABLE = "organizer"
"""The command on PATH and the name of the frozen program."""
PACKAGE = "organizer"
"""The Debian package name."""
SUMMARY = "Prepare and record official delegation visits"
PUBLISHER = "Organizer developers"
LICENSE = "GPL-3.0-or-later"

ICON_SVG = ROOT / "resources" / "icons" / "organizer.svg"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
"""hicolor PNG sizes (resources/icons/app/organizer-SIZE.png); the .ico and .icns are made from them."""

BUNDLED_DATA = (
    # (source folder in the repository, folder inside the bundle) -- found at run time by
    # organizer/assets.py (resources) and organizer/store/database.py (migrations, read by Alembic).
    ("resources", "organizer/_resources"),
    ("organizer/store/migrations", "organizer/store/migrations"),
)

QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtSvg", "QtPdf", "QtPdfWidgets", "QtPrintSupport")
"""The Qt modules the bundle may carry; the spec excludes every other PySide6 module."""

QT_TRANSLATION_LANGUAGES = ("ru",)
"""Qt's own translations kept in the bundle (English needs none); must match resources/translations."""

_VERSION_RE = re.compile(r'^__version__\s*=\s*["\']([^"\']+)["\']', re.MULTILINE)


def version() -> str:
    """``organizer.__version__``, read from the source file."""
    text = (ROOT / "organizer" / "__init__.py").read_text(encoding="utf-8")
    match = _VERSION_RE.search(text)
    if not match:
        raise SystemExit("packaging: no __version__ in organizer/__init__.py")
    return match.group(1)


if __name__ == "__main__":
    values = {"version": version(), "app_id": APP_ID, "app_name": APP_NAME, "executable": EXECUTABLE,
              "package": PACKAGE, "summary": SUMMARY, "publisher": PUBLISHER,
              "license": LICENSE, "icon_sizes": " ".join(map(str, ICON_SIZES))}
    if len(sys.argv) != 2 or sys.argv[1] not in values:
        raise SystemExit(f"usage: metadata.py {{{'|'.join(values)}}}")
    print(values[sys.argv[1]])
