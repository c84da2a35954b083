"""A window that types into three editors and then waits to be killed (``test_drafts.py`` runs it in a
subprocess, offscreen, and kills it with SIGKILL once the drafts are on disk).

``python draft_typist.py DB_FILE`` with ``ORGANIZER_DRAFTS`` and ``ORGANIZER_SETTINGS`` set; it prints
``READY`` once every editor's draft is written. What it types is here, for the test to compare.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QImage, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from organizer.domain.enums import MeetingKind, ParticipantRole, RecordKind, Side
from organizer.gui.i18n import install_language
from organizer.gui.main_window import MainWindow
from organizer.services import people, visits
from organizer.store import open_database, sqlite_url

MEETING_TITLE = "Переговоры о совместной лаборатории"
MEETING_STARTS = "11.03.2025 10:00"
MEETING_ENDS = "11.03.2025 11:3"  # typing stopped mid-time: kept as typed, not a date yet
MEETING_ROOM = "Зал заседаний №2"
MEETING_TOPICS = "катализ, education"
MEETING_NOTES = "\n".join(
    f"{n}. Решено: **совместная лаборатория** — этап {n}; ответственный Д. Пашин; срок {n:02d}.04.2025."
    for n in range(1, 61))
"""Long notes (about 5,000 characters on 60 lines), typed key by key."""
OUTCOMES = "Меморандум к подписанию в мае"
VISIT_SUMMARY = "Итоги визита:\n" + "Договорились о стажировках. " * 40
PERSON_GIVEN, PERSON_FAMILY = "Лейсан", "Сафина"
PERSON_POSITION = "Проректор по международной деятельности"


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key (any script: ``QTest.keyClicks`` takes ASCII only)."""
    for char in text:
        if char == "\n":
            QTest.keyClick(widget, Qt.Key.Key_Return)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def people_ids(db: object) -> dict[str, int]:
    return {r.full_name: r.id for r in people.list_people(db)}  # type: ignore[arg-type]


def meeting_participants(ids: dict[str, int]) -> list[tuple[int, Side, ParticipantRole]]:
    pashin = next(i for n, i in ids.items() if "Pashin" in n)
    korzhikov = next(i for n, i in ids.items() if "Korzhikov" in n)
    return [(korzhikov, Side.GUEST, ParticipantRole.HEAD_OF_DELEGATION),
            (pashin, Side.HOST, ParticipantRole.INTERPRETER)]


def demo_visit(db: object) -> int:
    return visits.list_visits(db)[0].id  # type: ignore[arg-type]


def photo() -> QImage:
    image = QImage(60, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("#2a6f97"))
    return image


def main(db_file: str) -> None:
    app = QApplication([sys.argv[0]])
    install_language(app, "en")
    db = open_database(sqlite_url(Path(db_file)))
    window = MainWindow(db)
    window.show()
    ids = people_ids(db)
    menu = window.record_menu

    meeting = menu.open_editor(RecordKind.MEETING)
    assert meeting is not None
    type_text(meeting.title, MEETING_TITLE)  # type: ignore[attr-defined]
    meeting.kind_field.set_value(MeetingKind.LAB_TOUR)  # type: ignore[attr-defined]
    meeting.visit.set_value(demo_visit(db))  # type: ignore[attr-defined]
    type_text(meeting.starts_at, MEETING_STARTS)  # type: ignore[attr-defined]
    type_text(meeting.ends_at, MEETING_ENDS)  # type: ignore[attr-defined]
    type_text(meeting.room, MEETING_ROOM)  # type: ignore[attr-defined]
    type_text(meeting.topics, MEETING_TOPICS)  # type: ignore[attr-defined]
    for person, side, role in meeting_participants(ids):
        meeting.participants.add_row({"person_id": person, "side": side, "role": role})  # type: ignore[attr-defined]
    type_text(meeting.notes, MEETING_NOTES)  # type: ignore[attr-defined]
    type_text(meeting.outcomes, OUTCOMES)  # type: ignore[attr-defined]

    visit = menu.open_editor(RecordKind.VISIT, demo_visit(db))
    assert visit is not None
    visit.summary.selectAll()  # type: ignore[attr-defined]
    type_text(visit.summary, VISIT_SUMMARY)  # type: ignore[attr-defined]
    visit.participants.model.remove_row(0)  # type: ignore[attr-defined]

    person = menu.open_editor(RecordKind.PERSON)
    assert person is not None
    type_text(person.given_name, PERSON_GIVEN)  # type: ignore[attr-defined]
    type_text(person.family_name, PERSON_FAMILY)  # type: ignore[attr-defined]
    person.positions.add_row({"title": PERSON_POSITION, "institution_id": None})  # type: ignore[attr-defined]
    person.set_photo_image(photo())  # type: ignore[attr-defined]

    editors = [meeting, visit, person]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        QTest.qWait(100)
        if all(e.draft_path is not None and e.draft_path.exists() and not e._draft_timer.isActive()
               for e in editors):
            break
    print("READY", flush=True)
    while True:  # the test kills us here
        QTest.qWait(1000)


if __name__ == "__main__":
    main(sys.argv[1])
