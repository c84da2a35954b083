"""File > Import vCards…: a dry run's counts are shown first; only a confirmed import writes, in one go."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from organizer.gui.main_window import MainWindow
from organizer.services.people import list_people

EXPORTERS = Path(__file__).parent.parent / "data" / "vcard" / "exporters"


def _import(qtbot: Any, window: MainWindow, answer: bool) -> tuple[list[str], list[tuple[str, bool]]]:
    asked: list[str] = []
    done: list[tuple[str, bool]] = []
    window.archive.confirm_vcards = lambda text: (asked.append(text), answer)[1]
    window.archive.finished.connect(lambda text, changed: done.append((text, changed)))
    window.archive.start_vcard_preview([EXPORTERS / "gmail.vcf", EXPORTERS / "iphone.vcf"])
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    return asked, done


def test_the_preview_counts_come_first_and_no_writes_nothing(qtbot: Any, gui_window: MainWindow,
                                                              gui_wait: Any) -> None:
    before = len(list_people(gui_window.db))
    asked, done = _import(qtbot, gui_window, answer=False)
    assert asked[0].startswith("2 people will be created, 0 updated and 0 skipped")
    assert done == [("Cancelled: nothing was changed.", False)]
    assert len(list_people(gui_window.db)) == before
    assert gui_window.import_vcards_action.text() == "Import &vCards…"


def test_a_confirmed_import_adds_the_people(qtbot: Any, gui_window: MainWindow, gui_wait: Any) -> None:
    before = len(list_people(gui_window.db))
    _, done = _import(qtbot, gui_window, answer=True)
    assert done[0] == ("vCard import finished: 2 people created, 0 updated, 0 skipped.", True)
    names = {p.full_name for p in list_people(gui_window.db)}
    assert len(names) >= before and {"Evgeny Korzhikov", "Rustam Nurgalievich Minnikhanov"} <= names
