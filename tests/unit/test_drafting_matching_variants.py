"""A Russian report of a visit entered in English links to its meetings through their Russian variants."""

from __future__ import annotations

from pathlib import Path

from organizer.services import drafting
from organizer.store import Database

REPORT = Path(__file__).resolve().parents[1] / "data" / "reports" / "visit-article-ru.txt"


def test_a_russian_report_finds_the_demo_meetings_by_their_russian_titles(demo_db: Database) -> None:
    draft = drafting.draft_from_file(demo_db, REPORT)
    assert draft.visit.existing_id == 1
    linked = [m.existing_id for m in draft.meetings]
    assert len(linked) >= 3 and None not in linked, [m.title for m in draft.meetings]
    assert len(set(linked)) == len(linked)
