"""The people pane's plain reads (``store.plain_reads``, issue 20 point 3: the window's first detail pane
without SQLAlchemy) against the services' reads: the same open follow-ups owned, the same history (with
the entries of people merged into the person, and not of a merge undone), the same id list in the
people list's usual order, and ``services.plain.person_pane`` giving what the pane showed before, with
texts as stored and in each display language the window sets (names, institutions, visits, meetings,
topics and follow-ups in their variants: issue 18).
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

import pytest

from organizer.domain.enums import FollowUpStatus, RecordKind
from organizer.domain.errors import NotFoundError
from organizer.domain.listing import ListQuery
from organizer.domain.records import FollowUpData, NameVariant, PersonData, TextVariant
from organizer.domain.variants import set_display_language
from organizer.services import audit, browse, followups, institutions, merging, paging, people, plain, related, shown
from organizer.store import Database, plain_reads


def _sqlite(db: Database) -> None:
    if db.path is None:
        pytest.skip("the plain reads are for SQLite files")


@pytest.fixture
def owner(demo_db: Database) -> int:
    """A person who owns open and done follow-ups (dated, undated, with a visit, with language variants),
    one also owned by an institution, and who absorbed two people by merges (one of them undone)."""
    _sqlite(demo_db)
    db = demo_db
    who = people.create_person(db, PersonData(
        given_name="Gulnara", family_name="Safina", name_variants=(NameVariant("Гульнара Сафина", "Cyrl", "ru"),),
        topics=("education",), variants=(TextVariant("given_name", "ru", "Гульнара"),))).meta.id
    school = institutions.institution_tree(db)[0].row.id
    visit = browse.record_ids(db, RecordKind.VISIT)[0]
    for description, status, due, with_visit in (("Send the minutes", FollowUpStatus.OPEN, date(2025, 3, 1), True),
                                                ("Book the hall", FollowUpStatus.OPEN, None, False),
                                                ("Thank the rector", FollowUpStatus.OPEN, date(2024, 1, 9), False),
                                                ("Done already", FollowUpStatus.DONE, date(2024, 1, 1), False)):
        followups.create_followup(db, FollowUpData(
            description=description, status=status, due_date=due, owner_person_id=who,
            variants=(TextVariant("description", "ru", f"{description} (по-русски)"),),
            owner_institution_id=school if with_visit else None, visit_id=visit if with_visit else None,
            done_on=date(2024, 1, 2) if status is FollowUpStatus.DONE else None))
    detail = people.get_person(db, who)
    people.update_person(db, who, replace(detail.data, notes="Changed once"), detail.meta.version)
    merged = people.create_person(db, PersonData(given_name="Gulnara", family_name="Safina-Khan",
                                                 variants=(TextVariant("notes", "ru", "Заметка"),))).meta.id
    merging.merge(db, RecordKind.PERSON, who, merged)
    undone = people.create_person(db, PersonData(given_name="G.", family_name="Safina")).meta.id
    merging.undo_merge(db, merging.merge(db, RecordKind.PERSON, who, undone).undo_token)
    return who


def test_open_followups_owned_and_the_history_are_the_services(demo_db: Database, owner: int) -> None:
    everyone = people.person_ids(demo_db)
    assert owner in everyone
    with demo_db.plain_reader() as con:
        for ident in everyone:
            assert plain_reads.open_followups_owned(con, ident) == related.open_followups_owned(demo_db, ident), ident
            assert plain_reads.record_history(con, RecordKind.PERSON, ident) == \
                audit.record_history(demo_db, RecordKind.PERSON, ident), ident
        owned = plain_reads.open_followups_owned(con, owner)
        history = plain_reads.record_history(con, RecordKind.PERSON, owner)
    assert [f.description for f in owned] == ["Thank the rector", "Send the minutes", "Book the hall"]
    assert owned[1].visit_id is not None and owned[1].visit_title
    actions = [e.action for e in history]
    assert actions.count("create") >= 2 and "update" in actions and "merge" in actions, actions
    assert {e.record_id for e in history} - {owner}, "the merged person's entries are in the history"


def test_a_missing_or_deleted_person(demo_db: Database, owner: int) -> None:
    with demo_db.plain_reader() as con:
        with pytest.raises(NotFoundError):
            plain_reads.record_history(con, RecordKind.PERSON, 999_999)
        assert plain_reads.open_followups_owned(con, 999_999) == []
    with pytest.raises(NotFoundError):
        plain.person_pane(demo_db, 999_999)


def test_the_people_list_ids_in_their_usual_order(demo_db: Database, owner: int) -> None:
    with demo_db.plain_reader() as con:
        plain_ids = plain_reads.person_ids(con)
    assert plain_ids == browse.record_ids(demo_db, RecordKind.PERSON) == \
        paging.record_ids(demo_db, RecordKind.PERSON, ListQuery())
    assert owner in plain_ids
    # any other order or a filter takes the services' road
    assert paging.record_ids(demo_db, RecordKind.PERSON, ListQuery(text="Safina")) == \
        browse.record_ids(demo_db, RecordKind.PERSON, ListQuery(text="Safina"))


@pytest.mark.parametrize("lang", [None, "en", "ru"])
def test_the_person_pane_reads_what_the_services_read(demo_db: Database, owner: int, lang: str | None) -> None:
    set_display_language(lang)
    if lang == "ru":  # the texts differ from those as stored: the comparison below can fail
        pane = plain.person_pane(demo_db, owner)
        assert pane.followups[0].description == "Thank the rector (по-русски)"
        assert pane.detail.full_name != people.person_history(demo_db, owner).full_name
    for ident in people.person_ids(demo_db):
        pane = plain.person_pane(demo_db, ident)
        assert pane.detail == shown.pane(demo_db, people.get_person(demo_db, ident))
        assert pane.history == people.person_history(demo_db, ident)
        assert pane.followups == related.open_followups_owned(demo_db, ident)
        assert pane.entries == audit.record_history(demo_db, RecordKind.PERSON, ident)


def test_an_unreadable_history_leaves_the_rest_of_the_pane(demo_db: Database, owner: int) -> None:
    assert demo_db.path is not None
    con = sqlite3.connect(demo_db.path)
    con.execute("ALTER TABLE audit_entry RENAME TO audit_entry_gone")
    con.commit()
    con.close()
    pane = plain.person_pane(demo_db, owner)
    assert pane.detail.data.given_name == "Gulnara" and len(pane.followups) == 3
    assert not isinstance(pane.entries, list) and "audit_entry" in str(pane.entries)
