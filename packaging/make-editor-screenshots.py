"""Screenshots of every editor, page by page, on the demo data, on a 1366x768 screen (offscreen), in English
and Russian: packaging/screenshots/editor-<kind>-<page>.png and editor-<kind>-<page>-ru.png.

    QT_QPA_PLATFORM=offscreen:configfile=packaging/screen-1366x768.json \\
        .venv/bin/python packaging/make-editor-screenshots.py [OUT_FOLDER]

(``make-screenshots.sh`` runs it so.) ``QT_SCALE_FACTOR=1.25`` shows the same at 125 %.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={ROOT / 'packaging' / 'screen-1366x768.json'}")
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from organizer.gui.i18n import install_language  # noqa: E402
from organizer.gui.main_window import MainWindow  # noqa: E402
from organizer.gui.screenshot import editor_pictures, settle  # noqa: E402
from organizer.gui.settings import Settings  # noqa: E402
from organizer.services.demo import load_demo  # noqa: E402
from organizer.store import open_database, sqlite_url  # noqa: E402


def main(out: Path) -> None:
    app = QApplication([sys.argv[0]])
    with tempfile.TemporaryDirectory() as work:
        os.environ["ORGANIZER_DRAFTS"] = str(Path(work) / "drafts")
        db = open_database(sqlite_url(Path(work) / "demo.sqlite"))
        load_demo(db)
        for language, suffix in (("en", ""), ("ru", "-ru")):
            install_language(app, language)
            settings = Settings(QSettings(str(Path(work) / f"{language}.ini"), QSettings.Format.IniFormat))
            window = MainWindow(db, settings=settings, remember_state=False)
            window.show()
            settle(window)
            for path in editor_pictures(window, out, suffix):
                print(path)
            window.close()
        db.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "packaging" / "screenshots")
