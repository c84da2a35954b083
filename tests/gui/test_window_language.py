"""The window shows records in its interface language (issue 18, point 3): names in the variant of that
language (the Russian list order «Фамилия Имя»), position titles and texts in their variants, in the people
list, the person's pane and a visit's participants; back in English the names as stored in Latin."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QApplication

from organizer.domain.variants import display_language
from organizer.gui.i18n import install_language
from organizer.gui.main_window import MainWindow
from organizer.gui.panes import MasterDetailTab
from organizer.store import Database
from tests.gui.conftest import wait_loaded

pytestmark = pytest.mark.usefixtures("gui_close_dialogs_left_open")


@pytest.fixture
def english_after(qapp: QApplication) -> Iterator[None]:
    yield
    install_language(qapp, "en")


def _window(qtbot: Any, db: Database) -> MainWindow:
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    wait_loaded(qtbot, win)
    return win


def _names(tab: MasterDetailTab) -> list[str]:
    model = tab.view.model()
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def _select(tab: MasterDetailTab, text: str) -> None:
    model = tab.view.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == text)
    tab.view.setCurrentIndex(model.index(row, 0))


def test_the_russian_window_shows_the_russian_names_and_the_english_one_the_latin(
        qtbot: Any, qapp: QApplication, gui_demo_db: Database, english_after: None) -> None:
    install_language(qapp, "ru")
    assert display_language() == "ru"
    win = _window(qtbot, gui_demo_db)
    people = win.people_tab
    assert "Хайруллин Ильнур" in _names(people) and "Ilnur Khairullin" not in _names(people)
    _select(people, "Хайруллин Ильнур")
    qtbot.waitUntil(lambda: "Хайруллин Ильнур" in people.detail.toPlainText())
    visits = win.visits_tab
    visits.select_first()
    qtbot.waitUntil(lambda: "Хайруллин Ильнур" in visits.detail.toPlainText())
    assert "Казань, Республика Татарстан" in visits.detail.toPlainText()  # the pane's texts too
    titles = [str(visits.view.model().index(r, 1).data()) for r in range(visits.view.model().rowCount())]
    assert titles == ["Визит делегации АО «Узкимёсаноат» в Казанский федеральный университет и Академию наук "
                      "Республики Татарстан"]
    topics = win.tab("topics")
    win.tabs.setCurrentWidget(topics)
    qtbot.waitUntil(lambda: "Импортозамещение" in _names(topics))
    win.close()

    install_language(qapp, "en")
    win = _window(qtbot, gui_demo_db)
    people = win.people_tab
    assert "Ilnur Khairullin" in _names(people) and "Хайруллин Ильнур" not in _names(people)
    _select(people, "Ilnur Khairullin")
    qtbot.waitUntil(lambda: "Ilnur Khairullin" in people.detail.toPlainText())
    assert "Хайруллин" not in people.detail.toPlainText().split("\n")[0]
    visits = win.visits_tab
    assert str(visits.view.model().index(0, 1).data()).startswith("Delegation of JSC")


def _cells(tab: MasterDetailTab) -> list[str]:
    """Every cell the list shows (a tree's units too)."""
    model = tab.view.model()
    out: list[str] = []

    def walk(parent: Any) -> None:
        for row in range(model.rowCount(parent)):
            out.extend(str(model.index(row, col, parent).data()) for col in range(model.columnCount(parent)))
            walk(model.index(row, 0, parent))

    walk(QModelIndex())
    return out


def test_every_list_and_pane_shows_the_russian_texts_and_english_the_english(
        qtbot: Any, qapp: QApplication, gui_demo_db: Database, english_after: None) -> None:
    install_language(qapp, "ru")
    win = _window(qtbot, gui_demo_db)
    institutions = _cells(win.institutions_tab)
    assert "Казанский (Приволжский) федеральный университет" in institutions
    assert "Химический институт им. А.М. Бутлерова" in institutions and "Казань, Россия" in institutions
    assert not any("Kazan" in cell for cell in institutions)
    meetings = _cells(win.tab("meetings"))
    assert "Встреча с руководством университета" in meetings
    assert not any("Meeting with" in cell or "Delegation of" in cell or "Kazan" in cell for cell in meetings)
    followups = win.tab("followups")
    cells = _cells(followups)
    assert "Подготовить предложение о совместных научных лабораториях с АО «Узкимёсаноат»" in cells
    owners = [c for c in cells if " / " in c]
    assert "Пашин Д. / Казанский (Приволжский) федеральный университет" in owners
    assert owners and all(not any("a" <= ch.lower() <= "z" for ch in owner) for owner in owners)  # Cyrillic only
    programme = _cells(win.tab("programme"))
    assert "Рабочий обед" in programme and "Working lunch" not in programme
    visits = win.visits_tab
    visits.select_first()
    qtbot.waitUntil(lambda: "Импортозамещение" in visits.detail.toPlainText())
    pane = visits.detail.toPlainText()
    assert "Казань, Республика Татарстан" in pane and "Казанский (Приволжский) федеральный университет" in pane
    assert "Встреча с руководством университета" in pane and "Рабочий обед" in pane
    assert "Kazan Federal University" not in pane and "Import substitution" not in pane
    followups.select_first()
    qtbot.waitUntil(lambda: "Визит делегации" in followups.detail.toPlainText())
    assert "Mikhail" not in followups.detail.toPlainText()
    win.close()

    install_language(qapp, "en")
    win = _window(qtbot, gui_demo_db)
    assert "Kazan Federal University" in _cells(win.institutions_tab)
    assert "Meeting with the university's leadership" in _cells(win.tab("meetings"))
    assert "D. Pashin / Kazan Federal University" in _cells(win.tab("followups"))
    visits = win.visits_tab
    visits.select_first()
    qtbot.waitUntil(lambda: "Import substitution" in visits.detail.toPlainText())
    assert "Kazan, Republic of Tatarstan" in visits.detail.toPlainText()
    win.close()
