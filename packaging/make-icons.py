"""Render the application icon (resources/icons/organizer.svg) to PNGs of the usual sizes.

Run from the checkout: ``.venv/bin/python packaging/make-icons.py``. Writes
``resources/icons/app/organizer-<size>.png`` for 16..512 px with Qt's SVG renderer (the PNGs are
committed: window managers, .desktop files and installers want bitmaps).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ROOT = Path(__file__).resolve().parent.parent


def render(svg: Path, out_dir: Path) -> list[Path]:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make-icons: {svg} is not a valid SVG")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = out_dir / f"organizer-{size}.png"
        if not image.save(str(path)):
            raise SystemExit(f"make-icons: cannot write {path}")
        written.append(path)
    return written


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    for path in render(ROOT / "resources" / "icons" / "organizer.svg", ROOT / "resources" / "icons" / "app"):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
