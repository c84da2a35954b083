"""Entry script of the frozen bundle (PyInstaller): the same as the ``organizer`` command.

On Windows the bundle has a second, windowed program ``organizer-gui.exe`` (no console window) built
from this same script; it opens the desktop app like the ``organizer-gui`` entry point does.
"""

import sys
from pathlib import Path

from organizer.app import gui_main, main

if __name__ == "__main__":
    # The install folder is read-only for users and owned by the package manager: never write
    # bytecode caches there (Alembic compiles the migration files it reads).
    sys.dont_write_bytecode = True
    sys.exit(gui_main() if Path(sys.executable).stem.lower().endswith("-gui") else main())
