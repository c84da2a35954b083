"""Lay out the application icon for the installers.

    python packaging/installer_icons.py OUTDIR

The icon is drawn once, ``resources/icons/organizer.svg``, and rendered to the committed PNGs
``resources/icons/app/organizer-SIZE.png`` (``packaging/make-icons.py``). From those this writes

- ``OUTDIR/hicolor/SIZExSIZE/apps/APP_ID.png`` for every size in ``metadata.ICON_SIZES`` and
  ``OUTDIR/hicolor/scalable/apps/APP_ID.svg`` (the Linux icon theme layout the .deb installs),
- ``OUTDIR/organizer.ico`` (Windows: the programs, the installer and the shortcuts; 16..256 px),
- ``OUTDIR/organizer.icns`` (macOS: the .app bundle),

with Pillow (a ReportLab dependency, so every environment that runs Organizer has it).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
import metadata


def png(size: int) -> Path:
    return metadata.ROOT / "resources" / "icons" / "app" / f"organizer-{size}.png"


def build(out: Path) -> list[Path]:
    written: list[Path] = []
    images: dict[int, Image.Image] = {}
    for size in metadata.ICON_SIZES:
        source = png(size)
        with Image.open(source) as image:
            if image.size != (size, size):
                raise SystemExit(f"installer_icons: {source} is {image.size}, not {size}x{size}")
            images[size] = image.convert("RGBA")
        target = out / "hicolor" / f"{size}x{size}" / "apps" / f"{metadata.APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    scalable = out / "hicolor" / "scalable" / "apps" / f"{metadata.APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(metadata.ICON_SVG, scalable)
    written.append(scalable)

    ico_sizes = [size for size in metadata.ICON_SIZES if size <= 256]
    largest_ico = images[max(ico_sizes)]
    largest_ico.save(out / "organizer.ico", sizes=[(s, s) for s in ico_sizes],
                     append_images=[images[s] for s in ico_sizes if s != max(ico_sizes)])
    images[max(images)].save(out / "organizer.icns",
                             append_images=[images[s] for s in sorted(images) if s != max(images)])
    written += [out / "organizer.ico", out / "organizer.icns"]
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    written = build(Path(argv[1]))
    print(f"installer_icons: {len(written)} files in {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
