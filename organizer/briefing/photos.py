"""Photos for print: turned upright from their EXIF orientation and scaled down before embedding."""

from __future__ import annotations

import io

from PIL import Image as PILImage
from PIL import ImageOps
from reportlab.lib.units import mm
from reportlab.platypus import Image

DPI = 200
"""Print resolution the photos are scaled to (a 30 mm photo becomes about 240 pixels wide)."""


def photo_flowable(data: bytes | None, max_width: float = 30 * mm, max_height: float = 40 * mm) -> Image | None:
    """A ReportLab image no larger than the box, or None when there is no photo or it cannot be read."""
    if not data:
        return None
    try:
        with PILImage.open(io.BytesIO(data)) as img:
            # JPEG decodes at a reduced scale (1/2 .. 1/8) when the print size needs no more pixels:
            # several times faster than decoding in full and resizing.
            box = round(max(max_width, max_height) / 72 * DPI)
            img.draft("RGB", (box, box))
            upright = ImageOps.exif_transpose(img)
            upright = upright.convert("RGB")
            w, h = upright.size
            if w <= 0 or h <= 0:
                return None
            scale = min(max_width / w, max_height / h)
            width, height = w * scale, h * scale
            px = (max(1, round(width / 72 * DPI)), max(1, round(height / 72 * DPI)))
            if px[0] < w:
                upright = upright.resize(px, PILImage.Resampling.LANCZOS, reducing_gap=3.0)
            out = io.BytesIO()
            upright.save(out, "JPEG", quality=85, optimize=True)
    except (OSError, ValueError, PILImage.DecompressionBombError):
        return None
    out.seek(0)
    return Image(out, width=width, height=height)
