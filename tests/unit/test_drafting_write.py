"""Writing a draft (services/drafting/writing.py): an existing person is linked, and a title new to them becomes a
new position; a new person with a new institution is created under the institution's parent."""

from __future__ import annotations

from organizer.services import drafting, people
from organizer.services.drafting.writing import write_draft
from organizer.store import Database

REPORT = ("Delegation Visits Kazan\nDuring their visit to Kazan, Evgeny Korzhikov, Chief Adviser of JSC "
          '"Uzkhimyosanoat", and Jane Doe, Head of the Export Office of JSC "Uzkhimyosanoat", visited Kazan Federal '
          "University. The guests toured the laboratories of the Institute of Physics at Kazan Federal University.")


def test_existing_person_gets_the_new_title_as_a_position(demo_db: Database) -> None:
    draft = drafting.match(demo_db, drafting.draft_from_text(REPORT))
    korzhikov = next(p for p in draft.people if p.full_name == "Evgeny Korzhikov")
    assert korzhikov.existing_id is not None
    assert next(p for p in draft.people if p.full_name == "Jane Doe").existing_id is None
    before = len(people.get_person(demo_db, korzhikov.existing_id).data.positions)
    written = write_draft(demo_db, draft)
    assert written.created["person"] == 1 and written.created["position"] == 2
    titles = [p.title for p in people.get_person(demo_db, korzhikov.existing_id).data.positions]
    assert len(titles) == before + 1 and "Chief Adviser" in titles
    physics = next(i for i in draft.institutions if i.name == "Institute of Physics")
    assert physics.parent == "Kazan Federal University" and physics.existing_id is None
    again = write_draft(demo_db, drafting.match(demo_db, drafting.draft_from_text(REPORT)))
    assert sum(again.created.values()) == 0
