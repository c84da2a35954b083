"""The real entry point in a real X window (Xvfb, the xcb platform plugin), as a person starts it.

``organizer --db FILE`` runs under ``xvfb-run``; once the window shows its first rows and pane, a timer grabs
it to a PNG and quits (a fixed delay raced the start on a loaded machine).
The test checks the window came up with the right title and drew something that is not blank;
the PNG is kept next to the database (tmp_path) for a person to look at.
CI installs Xvfb; on a machine without it the test skips.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from organizer.services.demo import load_demo
from organizer.store import open_database, sqlite_url

SCRIPT = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow
    from organizer.app import main

    app = QApplication(sys.argv[:1])
    shot = sys.argv[2]
    looks = [0]

    def loading(window):
        tasks = getattr(window, "tasks", None)
        tabs = getattr(window, "built_tabs", None)
        return (tasks is not None and not tasks.is_idle()) or (
            tabs is not None and any(tab.detail_pending for tab in tabs()))

    def grab_and_quit():  # once the window is up with its first rows and pane (or after a minute)
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
        looks[0] += 1
        if (not windows or any(loading(w) for w in windows)) and looks[0] < 600:
            QTimer.singleShot(100, grab_and_quit)
            return
        print(app.platformName(), "|", "|".join(w.windowTitle() for w in windows), flush=True)
        if windows:
            windows[0].grab().save(shot)
        QApplication.instance().quit()

    QTimer.singleShot(100, grab_and_quit)
    sys.exit(main(["--db", sys.argv[1]]))
""")


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="Xvfb is not installed")
def test_app_opens_a_real_window_under_xvfb(tmp_path: Path) -> None:
    db_file = tmp_path / "demo.sqlite"
    db = open_database(sqlite_url(db_file))
    load_demo(db)
    db.close()
    shot = tmp_path / "window.png"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["QT_QPA_PLATFORM"] = "xcb"
    done = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", sys.executable, "-c", SCRIPT, str(db_file), str(shot)],
        env=env, capture_output=True, text=True, timeout=180, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    platform, _, titles = done.stdout.strip().partition(" | ")
    assert platform == "xcb"
    assert titles == "Organizer — demo.sqlite"
    image = QImage(str(shot))
    assert not image.isNull() and image.width() >= 800 and image.height() >= 500
    # A drawn window has many colours (text, selection, borders); a blank or black one has one or two.
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20
