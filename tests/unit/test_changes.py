"""Change sets, restoring deletes, change tokens, messages with codes, contact formats, list filters."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from organizer.domain.changes import ChangeSet
from organizer.domain.enums import FollowUpStatus, RecordKind, Side
from organizer.domain.errors import ValidationError
from organizer.domain.records import (
    ContactEntry,
    FollowUpData,
    InstitutionData,
    PersonData,
    PositionData,
)
from organizer.services import browse, changes, followups, institutions, meetings, people, visits
from organizer.services._checks import format_phone, normalize_email
from organizer.store import Database

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
       b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")


def test_creates_and_updates_say_what_they_changed(db: Database) -> None:
    kfu = institutions.create_institution(db, InstitutionData(name="KFU"))
    assert kfu.changes == ChangeSet(RecordKind.INSTITUTION, created=(kfu.meta.id,))
    person = people.create_person(db, PersonData(family_name="Safin"))
    assert person.changes is not None and person.changes.created == (person.meta.id,)
    edited = people.update_person(db, person.meta.id, replace(person.data, honorific="Prof."))
    assert edited.changes == ChangeSet(RecordKind.PERSON, changed=(person.meta.id,))
    assert edited == people.get_person(db, person.meta.id), "the change set is not part of the record's value"


def test_a_deleted_person_comes_back_with_id_uid_photo_and_links(db: Database) -> None:
    kfu = institutions.create_institution(db, InstitutionData(name="KFU")).meta.id
    person = people.create_person(db, PersonData(given_name="Ilshat", family_name="Gafurov", photo=PNG,
                                                 emails=(ContactEntry("i@kpfu.ru"),),
                                                 positions=(PositionData("Rector", kfu, date(2010, 1, 1)),)))
    task = followups.create_followup(db, FollowUpData("Call back", owner_person_id=person.meta.id))
    gone = people.delete_person(db, person.meta.id)
    assert gone.kind is RecordKind.PERSON and gone.deleted == (person.meta.id,)
    assert gone.touches(RecordKind.FOLLOWUP)
    assert followups.get_followup(db, task.id).data.owner_person_id is None
    assert gone.restore is not None
    back = changes.restore(db, gone.restore)
    assert back.created == (person.meta.id,)
    again = people.get_person(db, person.meta.id)
    assert again.meta.uid == person.meta.uid
    assert [(p.id, p.uid) for p in again.data.positions] == [(p.id, p.uid) for p in person.data.positions]
    assert all(p.uid for p in again.data.positions)
    assert again.data == person.data
    assert people.person_photo(db, person.meta.id) == (PNG, "image/png")
    assert followups.get_followup(db, task.id).data.owner_person_id == person.meta.id


def test_a_deleted_visit_comes_back_with_its_meetings_and_follow_ups(demo_db: Database) -> None:
    vid = visits.list_visits(demo_db)[0].id
    before = visits.get_visit(demo_db, vid)
    meeting_ids = [r.id for r in meetings.list_meetings(demo_db, vid)]
    gone = visits.delete_visit(demo_db, vid)
    assert gone.touches(RecordKind.MEETING) and gone.touches(RecordKind.FOLLOWUP)
    assert meetings.list_meetings(demo_db) == []
    assert gone.restore is not None
    changes.restore(demo_db, gone.restore)
    after = visits.get_visit(demo_db, vid)
    assert after.data == before.data
    assert [m.id for m in after.meetings] == meeting_ids
    assert [f.id for f in after.followups] == [f.id for f in before.followups]
    assert after.meetings == before.meetings


def test_restoring_twice_is_refused_and_changes_nothing(db: Database) -> None:
    person = people.create_person(db, PersonData(family_name="Once"))
    gone = people.delete_person(db, person.meta.id)
    assert gone.restore is not None
    changes.restore(db, gone.restore)
    with pytest.raises(ValidationError):
        changes.restore(db, gone.restore)
    assert people.count_people(db) == 1


def test_change_token_moves_only_when_the_kind_changes(db: Database) -> None:
    t0 = changes.change_token(db, RecordKind.PERSON)
    person = people.create_person(db, PersonData(family_name="Token"))
    t1 = changes.change_token(db, RecordKind.PERSON)
    assert t1 != t0
    institutions.create_institution(db, InstitutionData(name="Elsewhere"))
    assert changes.change_token(db, RecordKind.PERSON) == t1
    people.update_person(db, person.meta.id, replace(person.data, emails=(ContactEntry("t@kpfu.ru"),)))
    t2 = changes.change_token(db, RecordKind.PERSON)
    assert t2 != t1, "a child-row edit counts"
    people.delete_person(db, person.meta.id)
    assert changes.change_token(db, RecordKind.PERSON) not in (t1, t2)
    assert set(changes.change_tokens(db)) >= {RecordKind.PERSON, RecordKind.VISIT, RecordKind.FOLLOWUP}


def test_validation_problems_carry_codes_and_parameters(db: Database) -> None:
    with pytest.raises(ValidationError) as info:
        people.create_person(db, PersonData(given_name="A" * 301, emails=(ContactEntry("nobody"),)))
    issues = info.value.issues
    assert issues["given_name"].code == "too_long"
    assert issues["given_name"].params == {"length": 301, "limit": 300}
    assert issues["emails[0]"].code == "email"
    assert str(info.value).startswith("person 'A")
    assert "given_name: is too long (301 characters; the limit is 300)" in str(info.value)
    assert info.value.problems["given_name"] == issues["given_name"].text
    with pytest.raises(ValidationError) as info:
        followups.create_followup(db, FollowUpData("x", status="later"))
    assert info.value.issues["status"].code == "not_one_of"


@pytest.mark.parametrize(("typed", "region", "stored"), [
    ("+998 71 123-45-67", None, "+998 71 123 45 67"),
    ("+998901234567", None, "+998 90 123 45 67"),
    ("+7 843 233-71-09", None, "+7 843 233-71-09"),
    ("+79161234567", None, "+7 916 123-45-67"),
    ("8 (843) 233-71-09", "RU", "+7 843 233-71-09"),
    ("71 123 45 67", "UZ", "+998 71 123 45 67"),
    ("(843) 233-71-09", None, "(843) 233-71-09"),
    ("+998 71 123-45-67 ext. 12", None, "+998 71 123 45 67 ext. 12"),
])
def test_phone_numbers_are_formatted_when_their_country_is_known(typed: str, region: str | None,
                                                                 stored: str) -> None:
    assert format_phone(typed, region) == stored


@pytest.mark.parametrize("bad", ["+1 555", "+998 12", "call me", "+7 (abc)"])
def test_impossible_phone_numbers_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        format_phone(bad)


def test_people_store_formatted_contacts(db: Database) -> None:
    p = people.create_person(db, PersonData(family_name="Contact", emails=(ContactEntry("Rector@KPFU.RU"),),
                                            phones=(ContactEntry("+998712345678", "office"),)))
    assert p.data.emails == (ContactEntry("Rector@kpfu.ru"),)
    assert p.data.phones == (ContactEntry("+998 71 234 56 78", "office"),)
    with pytest.raises(ValidationError) as info:
        people.create_person(db, PersonData(family_name="X", phones=(ContactEntry("+998 71"),)))
    assert info.value.issues["phones[0]"].code == "phone"
    assert normalize_email("не@почта.рф") == "не@почта.рф"
    with pytest.raises(ValueError):
        normalize_email("a@localhost")


def test_people_filters_sorts_and_tags(db: Database) -> None:
    kfu = institutions.create_institution(db, InstitutionData(name="Kazan Federal University")).meta.id
    unit = institutions.create_institution(db, InstitutionData(name="Butlerov Institute", parent_id=kfu)).meta.id
    other = institutions.create_institution(db, InstitutionData(name="Akademgorodok")).meta.id
    a = people.create_person(db, PersonData(given_name="Anna", family_name="Zaitseva", tags=("vip",),
                                            name_variants=(), positions=(PositionData("Dean", unit),))).meta.id
    b = people.create_person(db, PersonData(given_name="Boris", family_name="Abramov", honorific="Prof.",
                                            tags=("vip", "host"), positions=(PositionData("Rector", kfu),))).meta.id
    c = people.create_person(db, PersonData(given_name="Мария", family_name="Ёлкина", tags=("host",),
                                            positions=(PositionData("Analyst", other),))).meta.id
    assert people.person_ids(db) == [b, a, c]
    assert people.person_ids(db, name="zait") == [a]
    assert people.person_ids(db, name="ЁЛК") == [c]
    assert people.person_ids(db, tag="vip") == [b, a]
    assert people.person_ids(db, institution_id=kfu) == [b, a], "units count as the institution"
    assert people.person_ids(db, institution_id=unit) == [a]
    assert people.person_ids(db, sort="institution") == [c, a, b]
    assert people.person_ids(db, sort="title") == [c, a, b]
    assert people.person_ids(db, sort="title", descending=True) == [b, a, c]
    # the filter's words are word beginnings in any script (the search index): "a%" is the word "a", and
    # a LIKE wildcard alone is taken literally
    assert people.person_ids(db, name="a%") == [b, a]
    assert people.person_ids(db, name="%") == people.person_ids(db, name="_") == []
    with pytest.raises(ValidationError):
        people.person_ids(db, sort="age")
    assert people.list_tags(db) == [("host", 2), ("vip", 2)]
    rows = browse.people_rows(db, [b])
    assert rows[0].honorific == "Prof."


def test_meeting_rows_say_side_and_role_and_paths_carry_ids(demo_db: Database) -> None:
    row = next(r for r in meetings.list_meetings(demo_db) if r.people)
    assert [p.full_name for p in row.people] == list(row.participants)
    assert {p.side for p in row.people} <= {Side.GUEST, Side.HOST}
    detail = meetings.get_meeting(demo_db, row.id)
    assert {(p.person_id, p.side, p.role) for p in row.people} == {
        (p.person_id, p.side, p.role) for p in detail.participants}
    unit = next(r for r in institutions.list_institutions(demo_db) if r.parent_id is not None)
    inst = institutions.get_institution(demo_db, unit.id)
    assert [ref.id for ref in inst.path_refs] == [unit.parent_id, unit.id]
    assert [ref.name for ref in inst.path_refs] == list(inst.path)
    visit = visits.get_visit(demo_db, visits.list_visits(demo_db)[0].id)
    assert visit.institutions[0].side is Side.GUEST and visit.institutions[0].name


def test_followup_detail_and_status(demo_db: Database) -> None:
    created = followups.create_followup(demo_db, FollowUpData("Send the list"))
    assert created.row.description == "Send the list" and created.data.status is FollowUpStatus.OPEN
    done = followups.set_status(demo_db, created.id, "done", expected_version=created.meta.version)
    assert done.status is FollowUpStatus.DONE and done.meta.version == created.meta.version + 1
    gone = followups.delete_followup(demo_db, created.id)
    assert gone.restore is not None
    changes.restore(demo_db, gone.restore)
    assert followups.get_followup(demo_db, created.id).data == done.data


def test_problems_of_checks_without_writing(db: Database) -> None:
    from organizer.services.validation import problems_of

    assert problems_of(db, RecordKind.PERSON, PersonData(family_name="Fine", topics=("New topic",))) == {}
    found = problems_of(db, RecordKind.PERSON, PersonData(emails=(ContactEntry("x"),)))
    assert {"family_name", "emails[0]"} <= set(found)
    stored = people.create_person(db, PersonData(family_name="Stored"))
    assert problems_of(db, RecordKind.PERSON, stored.data) == {}, "its own uid is not 'taken'"
    assert people.count_people(db) == 1
    from organizer.services.topics import list_topics
    assert list_topics(db) == []


def test_restoring_a_visit_brings_back_the_files_of_it_and_its_meetings(demo_db: Database) -> None:
    from organizer.services import attachments

    vid = visits.list_visits(demo_db)[0].id
    mid = meetings.list_meetings(demo_db, vid)[0].id
    on_visit = attachments.add_attachment(demo_db, "visit", vid, "programme.pdf", b"%PDF-1.4 programme")
    on_meeting = attachments.add_attachment(demo_db, "meeting", mid, "minutes.txt", "Протокол".encode())
    gone = visits.delete_visit(demo_db, vid)
    assert attachments.list_attachments(demo_db, "visit", vid) == []
    assert gone.restore is not None
    changes.restore(demo_db, gone.restore)
    assert attachments.list_attachments(demo_db, "visit", vid) == [on_visit]
    assert attachments.list_attachments(demo_db, "meeting", mid) == [on_meeting]
    assert attachments.attachment_content(demo_db, on_meeting.id) == "Протокол".encode()


def test_usage_says_what_keeps_a_record(demo_db: Database) -> None:
    korzhikov = next(p.id for p in people.list_people(demo_db) if p.full_name == "Evgeny Korzhikov")
    assert changes.usage(demo_db, RecordKind.PERSON, korzhikov) == {"visits": 1, "meetings": 4,
                                                                     "agreements": 1}
    kfu = next(r.id for r in institutions.list_institutions(demo_db) if r.name == "Kazan Federal University")
    assert changes.usage(demo_db, RecordKind.INSTITUTION, kfu)["units"] == 3
    assert changes.usage(demo_db, RecordKind.VISIT, visits.list_visits(demo_db)[0].id) == {}
