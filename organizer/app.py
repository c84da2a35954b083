"""Entry points: ``organizer`` (command line; the desktop app when no command is given) and ``organizer-gui``.

This is the only module that knows both front ends: it hands the command line a launcher for the
desktop app, so ``organizer.cli`` never imports Qt.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from organizer.store.database import Database


def _launch_gui(db: Database, argv: list[str]) -> int:
    try:
        from organizer.gui.app import run_gui
    except ImportError as exc:  # Qt libraries missing on this system
        print(f"organizer: cannot start the desktop app: {exc}", file=sys.stderr)
        return 1
    return run_gui(db, argv)


def main(argv: Sequence[str] | None = None) -> int:
    from organizer.cli.main import main as cli_main

    return cli_main(argv, gui=_launch_gui)


def gui_main() -> int:
    return main(["gui", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
