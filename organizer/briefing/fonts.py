"""The shipped DejaVu Sans family, registered once with ReportLab (Latin, Cyrillic, Uzbek, Tatar).

ReportLab's font registry is process-global; ``RENDER_LOCK`` makes rendering one job at a time so a
GUI worker and another caller never interleave.
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from organizer.assets import resource

FAMILY = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"

RENDER_LOCK = threading.RLock()
_registered = False


def register_fonts() -> str:
    """Register the family (once) and return the regular face's name."""
    global _registered
    with RENDER_LOCK:
        if not _registered:
            for name in (FAMILY, BOLD, ITALIC, BOLD_ITALIC):
                pdfmetrics.registerFont(TTFont(name, str(resource("fonts", f"{name}.ttf"))))
            pdfmetrics.registerFontFamily(FAMILY, normal=FAMILY, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
            for bold, italic, face in ((0, 0, FAMILY), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
                addMapping(FAMILY, bold, italic, face)
            _registered = True
    return FAMILY
