"""Entry points: ``organizer`` (command line; the desktop app when no command is given) and ``organizer-gui``.

This is the only module that knows both front ends: it hands the command line a launcher for the
desktop app, so ``organizer.cli`` never imports Qt.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported for annotations only: ``organizer --version`` must not load SQLAlchemy
    from organizer.cli.gui_options import GuiOptions
    from organizer.store.database import Database


def missing_display(environ: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """Why the desktop app cannot open a window here, or None if it can try.

    Without this, Qt aborts the process with a core dump and a page of plugin diagnostics.
    """
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return ("cannot start the desktop app: no display (neither DISPLAY nor WAYLAND_DISPLAY is set); "
            "run it in a desktop session, or use the command line: organizer --help")


def _launch_gui(db: Database, argv: list[str], options: GuiOptions) -> int:
    problem = missing_display(os.environ)
    if problem:
        print(f"organizer: {problem}", file=sys.stderr)
        return 1
    try:
        from organizer.gui.app import run_gui
    except ImportError as exc:  # Qt libraries missing on this system
        print(f"organizer: cannot start the desktop app: {exc}", file=sys.stderr)
        return 1
    return run_gui(db, argv, language=options.language, screenshot=options.screenshot, view=options.view)


def _recover_gui(url: str, error: str, argv: list[str], options: GuiOptions) -> Database | None:
    """The database cannot be opened: the window offers its newest good backup (None: not restored)."""
    if missing_display(os.environ):
        return None
    try:
        from organizer.gui.app import recover_at_start
    except ImportError:
        return None
    return recover_at_start(url, error, argv, language=options.language)


def main(argv: Sequence[str] | None = None) -> int:
    if list(sys.argv[1:] if argv is None else argv) == ["--version"]:  # before argparse and the rest of the CLI
        from organizer import __version__

        print(f"organizer {__version__}")
        return 0
    from organizer.cli.main import main as cli_main

    return cli_main(argv, gui=_launch_gui, gui_recover=_recover_gui)


def gui_main() -> int:
    return main(["gui", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
