"""Opens the main window and every editor on the demo data and prints, as JSON, what does not fit the
screen (``gui.editors.sizes.fit_problems``); ``test_small_screens.py`` runs it in a subprocess on an
offscreen 1366x768 screen (``packaging/screen-1366x768.json``), at 100 % and 125 % (``QT_SCALE_FACTOR``).

``python fit_probe.py DB_FILE LANGUAGE``
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMainWindow

from organizer.domain.enums import RecordKind
from organizer.gui.editors.sizes import fit_problems
from organizer.gui.i18n import install_language
from organizer.gui.kinds import EDITABLE
from organizer.gui.main_window import MainWindow
from organizer.gui.screenshot import settle
from organizer.gui.settings import Settings
from organizer.store import open_database, sqlite_url


def main(db_file: str, language: str) -> None:
    app = QApplication([sys.argv[0]])
    install_language(app, language)
    db = open_database(sqlite_url(Path(db_file)))
    settings = Settings(QSettings(os.environ["ORGANIZER_SETTINGS"], QSettings.Format.IniFormat))
    if os.environ.get("FIT_REMEMBERED"):  # the window was last closed larger than this screen
        larger = QMainWindow()
        larger.resize(1600, 1000)
        settings.save_window(larger)
    window = MainWindow(db, settings=settings)
    window.show()
    settle(window)
    screen = app.primaryScreen()
    area = screen.availableGeometry() if screen is not None else None
    assert area is not None
    frame = window.frameGeometry()
    report: dict[str, object] = {
        "screen": [area.width(), area.height()],
        "window": [frame.width(), frame.height()],
        "window_minimum": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
        "editors": {}}
    editors: dict[str, object] = {}
    for kind in (k for k in RecordKind if k in EDITABLE):
        tab = window.tab_for(kind)
        settle(window)
        tab.select_first()
        settle(window)
        for ident in dict.fromkeys((tab.current_id(), None)):
            editor = window.record_menu.open_editor(kind, ident)
            assert editor is not None
            settle(window)
            size = editor.frameGeometry()
            editors[f"{kind.value}{'' if ident is None else ' (stored)'}"] = {
                "size": [size.width(), size.height()], "problems": fit_problems(editor, area)}
            editor.done(0)
    report["editors"] = editors
    print(json.dumps(report, ensure_ascii=False), flush=True)
    window.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
