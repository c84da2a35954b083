"""Screenshots of every editor, page by page, on the demo data, on a 1366x768 screen (offscreen), in English
and Russian: packaging/screenshots/editor-<kind>-<page>.png and editor-<kind>-<page>-ru.png; the
conflict dialog of the demo visit changed elsewhere meanwhile (conflict.png, conflict-ru.png); and the review of
a visit drafted from a report (File > New visit from text: draft-review.png from the English press release,
draft-review-ru.png from its Russian version).

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
REPORTS = ROOT / "tests" / "data" / "reports"
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={ROOT / 'packaging' / 'screen-1366x768.json'}")
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from organizer.gui.i18n import install_language  # noqa: E402
from organizer.gui.main_window import MainWindow  # noqa: E402
from organizer.gui.screenshot import editor_pictures, save_picture, settle  # noqa: E402
from organizer.gui.settings import Settings  # noqa: E402
from organizer.services.demo import load_demo  # noqa: E402
from organizer.store import open_database, sqlite_url  # noqa: E402


def conflict_picture(window: MainWindow, path: Path) -> Path:
    """The demo visit's editor saved after another client changed the place and dropped a member
    while the editor dropped another member and wrote a summary."""
    from dataclasses import replace

    from organizer.domain.enums import RecordKind
    from organizer.services import visits

    db = window.db
    vid = visits.list_visits(db)[0].id
    editor = window.record_menu.open_editor(RecordKind.VISIT, vid)
    assert editor is not None
    start = visits.get_visit(db, vid)
    visits.update_visit(db, vid, replace(start.data, participants=start.data.participants[:-1],
                                         place="Kazan, Kremlin"), start.meta.version)
    editor.participants.model.remove_row(0)  # type: ignore[attr-defined]
    editor.summary.setPlainText("Agreed on internships.")  # type: ignore[attr-defined]
    editor.save()
    box = editor.conflict_box
    assert box is not None
    box.resize(1100, 560)
    settle(window)
    saved = save_picture(box, path)
    box.reject()
    editor.done(0)
    visits.update_visit(db, vid, start.data, visits.get_visit(db, vid).meta.version)  # the demo as it was
    return saved


def draft_review_picture(window: MainWindow, report: Path, path: Path) -> Path:
    """The review of the visit drafted from ``report``, its first person selected (source sentence
    highlighted), at the size it opens at on this screen."""
    from organizer.services.drafting.review import draft_for_review

    drafted = draft_for_review(window.db, report.read_text(encoding="utf-8"))
    dialog = window.drafts.open_review(drafted)
    dialog.tree.setCurrentItem(dialog.items[("people", 0)])
    settle(window)
    saved = save_picture(dialog, path)
    dialog.ask_discard = lambda: True
    dialog.reject()
    return saved


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
            print(conflict_picture(window, out / f"conflict{suffix}.png"))
            report = REPORTS / ("visit-article.txt" if language == "en" else "visit-article-ru.txt")
            print(draft_review_picture(window, report, out / f"draft-review{suffix}.png"))
            window.close()
        db.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "packaging" / "screenshots")
