"""Programme items that are not meetings (issue 18): the service's checks, time order, and that deleting a
visit (or an escort) and undoing it gives them back as they were."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from organizer.domain.enums import ProgrammeItemKind
from organizer.domain.errors import ValidationError
from organizer.domain.records import PersonData, ProgrammeItemData
from organizer.services import changes, people, programme, visits
from organizer.store import Database


def _visit_id(db: Database) -> int:
    return visits.list_visits(db)[0].id


def test_an_item_needs_a_visit_and_a_start_and_ends_after_it(demo_db: Database) -> None:
    vid = _visit_id(demo_db)
    with pytest.raises(ValidationError) as caught:
        programme.create_programme_item(demo_db, ProgrammeItemData(visit_id=vid + 100))
    assert {"visit_id", "starts_at"} <= set(caught.value.issues)
    with pytest.raises(ValidationError, match="ends_at"):
        programme.create_programme_item(demo_db, ProgrammeItemData(
            visit_id=vid, starts_at=datetime(2025, 3, 11, 12, 0), ends_at=datetime(2025, 3, 11, 11, 0)))
    assert len(programme.list_programme(demo_db, visit_id=vid)) == 6, "nothing written"


def test_items_are_listed_in_time_order_and_edited(demo_db: Database) -> None:
    vid = _visit_id(demo_db)
    made = programme.create_programme_item(demo_db, ProgrammeItemData(
        visit_id=vid, kind=ProgrammeItemKind.BREAK, starts_at=datetime(2025, 3, 11, 11, 15),
        ends_at=datetime(2025, 3, 11, 11, 30), place="Foyer"))
    rows = programme.list_programme(demo_db, visit_id=vid)
    assert [r.starts_at for r in rows] == sorted(r.starts_at for r in rows if r.starts_at)
    assert made.row.title == "" and made.row.kind is ProgrammeItemKind.BREAK and made.changes is not None
    edited = programme.update_programme_item(demo_db, made.id, replace(made.data, title="Coffee break"),
                                             made.meta.version)
    assert edited.row.title == "Coffee break" and edited.meta.version == made.meta.version + 1
    assert [i.id for i in visits.get_visit(demo_db, vid).programme].count(made.id) == 1


def test_deleting_the_visit_takes_its_items_and_undo_brings_them_back(demo_db: Database) -> None:
    vid = _visit_id(demo_db)
    before = programme.list_programme(demo_db, visit_id=vid)
    deleted = visits.delete_visit(demo_db, vid)
    assert programme.list_programme(demo_db) == []
    assert deleted.restore is not None
    changes.restore(demo_db, deleted.restore)
    assert programme.list_programme(demo_db, visit_id=vid) == before


def test_deleting_an_escort_unlinks_the_item_and_undo_links_it_again(demo_db: Database) -> None:
    vid = _visit_id(demo_db)
    guide = people.create_person(demo_db, PersonData(given_name="Aigul", family_name="Safina"))
    item = programme.list_programme(demo_db, visit_id=vid)[0]
    data = programme.get_programme_item(demo_db, item.id).data
    programme.update_programme_item(demo_db, item.id, replace(data, escort_person_id=guide.meta.id))
    deleted = people.delete_person(demo_db, guide.meta.id)
    assert programme.get_programme_item(demo_db, item.id).data.escort_person_id is None
    assert deleted.restore is not None
    changes.restore(demo_db, deleted.restore)
    assert programme.get_programme_item(demo_db, item.id).row.escort == "Aigul Safina"
