"""Opens the main window, every editor and the review of a visit drafted from text on the demo data and prints,
as JSON, what does not fit the screen (``gui.editors.sizes.fit_problems``); ``test_small_screens.py`` runs it
in a subprocess on an offscreen 1366x768 screen (``packaging/screen-1366x768.json``), at 100 % and 125 %
(``QT_SCALE_FACTOR``).

``python fit_probe.py DB_FILE LANGUAGE``
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QRect, QSettings
from PySide6.QtWidgets import QApplication, QMainWindow

from organizer.domain.enums import RecordKind
from organizer.gui.editors.sizes import fit_problems
from organizer.gui.i18n import install_language
from organizer.gui.kinds import EDITABLE
from organizer.gui.main_window import MainWindow
from organizer.gui.screenshot import settle
from organizer.gui.settings import Settings
from organizer.store import open_database, sqlite_url

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"


def draft_review_fit(window: MainWindow, language: str, area: QRect) -> dict[str, object]:
    """The review of the visit drafted from the press release (its Russian version in Russian): its size, and
    what does not fit (beyond the screen, less room than its contents need, the list scrolling sideways)."""
    from organizer.services.drafting.review import draft_for_review

    report = REPORTS / ("visit-article-ru.txt" if language == "ru" else "visit-article.txt")
    dialog = window.drafts.open_review(draft_for_review(window.db, report.read_text(encoding="utf-8")))
    problems: list[str] = []
    for key in (("visit", 0), ("people", 0), ("institutions", 0), ("meetings", 0), ("followups", 0)):
        dialog.tree.setCurrentItem(dialog.items[key])
        settle(window)
        frame, need = dialog.frameGeometry(), dialog.minimumSizeHint()
        if frame.width() > area.width() or frame.height() > area.height():
            problems.append(f"{key[0]}: window {frame.width()}x{frame.height()} > screen "
                            f"{area.width()}x{area.height()}")
        if need.width() > dialog.width() or need.height() > dialog.height():
            problems.append(f"{key[0]}: needs {need.width()}x{need.height()}, has {dialog.width()}x{dialog.height()}")
        bar = dialog.tree.horizontalScrollBar()
        if bar is not None and bar.maximum() > 0:
            problems.append(f"{key[0]}: the proposals scroll sideways by {bar.maximum()} px")
    size = dialog.frameGeometry()
    dialog.ask_discard = lambda: True
    dialog.reject()
    return {"size": [size.width(), size.height()], "problems": problems}


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
    report["draft_review"] = draft_review_fit(window, language, area)
    print(json.dumps(report, ensure_ascii=False), flush=True)
    window.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
