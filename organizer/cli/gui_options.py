"""The ``gui`` subcommand's options (language, screenshot, view), parsed here and handed to the desktop app.

The command line does not import Qt: it passes a ``GuiOptions`` to the launcher that
``organizer.app`` supplies, which starts ``organizer.gui``.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from organizer.domain.kinds import KINDS

LANGUAGES = ("en", "ru")
VIEWS = tuple(info.collection for info in KINDS.values())
"""The window's tabs, one per record kind (``domain.kinds``): ``people``, ``institutions``..."""


@dataclass(frozen=True)
class GuiOptions:
    """What ``organizer gui`` was asked for beyond the database."""

    language: str | None = None
    screenshot: Path | None = None
    view: str | None = None


def add_gui_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, metavar="{en,ru}",
                        help="interface language for this run (default: the Preferences setting, "
                             "else the system locale, e.g. LANG=ru_RU.UTF-8)")
    parser.add_argument("--screenshot", type=Path, metavar="FILE.png",
                        help="save a screenshot of the window (first record of the view selected) and exit; "
                             "works with QT_QPA_PLATFORM=offscreen")
    parser.add_argument("--view", choices=VIEWS, help="the view to show first (default: people)")


def gui_options(args: argparse.Namespace) -> GuiOptions:
    """The options of a parsed command line (all unset when ``gui`` was implied, not typed)."""
    return GuiOptions(language=getattr(args, "lang", None), screenshot=getattr(args, "screenshot", None),
                      view=getattr(args, "view", None))
