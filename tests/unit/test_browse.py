"""Browsing services: id lists filtered and sorted in SQL, rows by id, quick-open, related records."""

from __future__ import annotations

from datetime import date

import pytest

from organizer.domain.enums import AgreementStatus, FollowUpStatus, InstitutionKind
from organizer.domain.errors import NotFoundError, ValidationError
from organizer.domain.listing import ListQuery
from organizer.domain.records import (
    AgreementData,
    FollowUpData,
    InstitutionData,
    NameVariant,
    PersonData,
    PositionData,
)
from organizer.services import agreements, browse, followups, institutions, people, related, visits
from organizer.store import Database


def _names(db: Database, query: ListQuery | None = None) -> list[str]:
    return [r.full_name for r in browse.record_rows(db, "person", browse.record_ids(db, "person", query))]


def _institution(db: Database, name: str) -> int:
    return next(r.id for r in institutions.list_institutions(db) if r.name == name)


def test_every_kind_lists_all_its_records_in_its_usual_order(demo_db: Database) -> None:
    counts = browse.record_counts(demo_db)
    assert counts == {"person": 6, "institution": 6, "visit": 1, "meeting": 4, "followup": 3, "agreement": 1,
                      "topic": 8, "programme_item": 6, "followup_open": 3}
    for kind in browse.LIST_KINDS:
        ids = browse.record_ids(demo_db, kind)
        assert len(ids) == counts[kind]
        assert [r.id for r in browse.record_rows(demo_db, kind, ids)] == ids
    meetings = browse.record_rows(demo_db, "meeting", browse.record_ids(demo_db, "meeting"))
    assert [m.starts_at for m in meetings] == sorted(m.starts_at for m in meetings)  # time order, as a programme reads
    assert all(m.visit_title and m.visit_title.startswith("Delegation of JSC") for m in meetings)
    assert _names(demo_db) == sorted(_names(demo_db), key=lambda n: n.split()[-1])


def test_every_sort_key_works_both_ways(demo_db: Database) -> None:
    for kind in browse.LIST_KINDS:
        for key in browse.SORT_KEYS[kind]:
            up = browse.record_ids(demo_db, kind, ListQuery(sort=key))
            down = browse.record_ids(demo_db, kind, ListQuery(sort=key, descending=True))
            assert sorted(up) == sorted(down) == sorted(browse.record_ids(demo_db, kind)), (kind, key)
    titles = [r.title for r in browse.record_rows(demo_db, "meeting",
                                                  browse.record_ids(demo_db, "meeting", ListQuery(sort="title")))]
    assert titles == sorted(titles, key=str.lower)
    with pytest.raises(ValidationError):
        browse.record_ids(demo_db, "meeting", ListQuery(sort="nonsense"))
    with pytest.raises(ValidationError):
        browse.record_ids(demo_db, "spaceship")


def test_first_ids_are_the_start_of_the_list_with_its_full_count(demo_db: Database) -> None:
    queries = [ListQuery(), ListQuery(sort="name", descending=True), ListQuery(text="a")]
    for kind in browse.LIST_KINDS:
        for query in queries:
            if query.sort and query.sort not in browse.SORT_KEYS[kind]:
                continue
            ids = browse.record_ids(demo_db, kind, query)
            for limit in (0, 1, 2, 3, 200):
                assert browse.first_record_ids(demo_db, kind, query, limit=limit) == (ids[:limit], len(ids)), (
                    kind, query, limit)
    assert browse.first_record_ids(demo_db, "person", limit=2)[1] == 6
    with pytest.raises(ValidationError):
        browse.first_record_ids(demo_db, "spaceship")
    with pytest.raises(ValidationError):
        browse.first_record_ids(demo_db, "person", limit=-1)


def test_people_sort_by_institution_and_undated_last(demo_db: Database) -> None:
    people.create_person(demo_db, PersonData(given_name="Zed", family_name="Nowhere"))
    rows = browse.record_rows(demo_db, "person",
                              browse.record_ids(demo_db, "person", ListQuery(sort="institution")))
    places = [r.current_institution for r in rows]
    assert places[-1] is None  # no current position: last, in either direction
    assert places[:-1] == sorted(places[:-1], key=lambda p: (p or "").lower())
    down = browse.record_rows(demo_db, "person",
                              browse.record_ids(demo_db, "person", ListQuery(sort="institution", descending=True)))
    assert down[-1].current_institution is None


def test_people_filter_by_words_variants_tag_and_institution(demo_db: Database) -> None:
    assert _names(demo_db, ListQuery(text="korzh")) == ["Evgeny Korzhikov"]
    assert _names(demo_db, ListQuery(text="evgeny KORZ")) == ["Evgeny Korzhikov"]
    assert _names(demo_db, ListQuery(text="коржиков")) == ["Evgeny Korzhikov"]  # a Cyrillic variant, lower-case
    assert _names(demo_db, ListQuery(text="nobody-has-this")) == []
    assert _names(demo_db, ListQuery(text="100%")) == []  # LIKE wildcards are taken literally
    # through the search index (issue 20): any spelling of the name, prefixes of its words
    assert _names(demo_db, ListQuery(text="Korschikow")) == ["Evgeny Korzhikov"]
    assert _names(demo_db, ListQuery(text="КОРЖ евг")) == ["Evgeny Korzhikov"]
    delegation = _names(demo_db, ListQuery(tag="delegation"))
    assert set(delegation) == {"Evgeny Korzhikov", "Abduhomid Salomov"}
    kfu = _institution(demo_db, "Kazan Federal University")
    at_kfu = set(_names(demo_db, ListQuery(institution_id=kfu)))
    assert "D. Pashin" in at_kfu and "Evgeny Korzhikov" not in at_kfu
    # units count as the institution: someone at a new unit of KFU is found under KFU
    unit = institutions.create_institution(demo_db, InstitutionData(
        name="Lab of <b>&", kind=InstitutionKind.LABORATORY, parent_id=kfu)).meta.id
    people.create_person(demo_db, PersonData(given_name="Unit", family_name="Worker",
                                             positions=(PositionData("Head", unit, current=True),)))
    assert "Unit Worker" in _names(demo_db, ListQuery(institution_id=kfu))
    # markup is text: "<b>" is the word "b", which starts "Lab of <b>&"'s third word (and "Butlerov")
    assert unit in browse.institution_matches(demo_db, "<b>")
    assert browse.institution_matches(demo_db, "lab of b") == {unit}


def test_visits_meetings_and_agreements_filter_by_status_institution_and_dates(demo_db: Database) -> None:
    kfu = _institution(demo_db, "Kazan Federal University")
    visit_id = visits.list_visits(demo_db)[0].id
    assert browse.record_ids(demo_db, "visit", ListQuery(status="done", institution_id=kfu)) == [visit_id]
    assert browse.record_ids(demo_db, "visit", ListQuery(status="planned")) == []
    assert browse.record_ids(demo_db, "visit", ListQuery(date_from=date(2025, 3, 12))) == [visit_id]
    assert browse.record_ids(demo_db, "visit", ListQuery(date_from=date(2025, 3, 13))) == []
    assert browse.record_ids(demo_db, "visit", ListQuery(date_to=date(2025, 3, 10))) == []
    assert browse.record_ids(demo_db, "visit", ListQuery(text="kazan tatarstan")) == [visit_id]
    with pytest.raises(ValidationError):
        browse.record_ids(demo_db, "visit", ListQuery(status="sleeping"))
    day_one = browse.record_ids(demo_db, "meeting", ListQuery(date_from=date(2025, 3, 11), date_to=date(2025, 3, 11)))
    day_two = browse.record_ids(demo_db, "meeting", ListQuery(date_from=date(2025, 3, 12), date_to=date(2025, 3, 12)))
    assert len(day_one) + len(day_two) == 4 and day_one and day_two
    assert browse.record_ids(demo_db, "meeting", ListQuery(visit_id=visit_id + 1)) == []
    held_at_kfu = browse.record_rows(demo_db, "meeting", browse.record_ids(
        demo_db, "meeting", ListQuery(text="leadership", institution_id=kfu)))
    assert [m.venue for m in held_at_kfu] == ["Kazan Federal University"]
    demo_mou = browse.record_ids(demo_db, "agreement")  # the demo's memorandum, signed during the visit
    signed = agreements.create_agreement(demo_db, AgreementData(
        title="Memorandum on chemistry", status=AgreementStatus.SIGNED, party_ids=(kfu,),
        signed_date=date(2025, 3, 12)))
    agreements.create_agreement(demo_db, AgreementData(title="Draft on pharmacy"))
    assert browse.record_ids(demo_db, "agreement", ListQuery(status="signed")) == [signed.id, *demo_mou]
    assert browse.record_ids(demo_db, "agreement", ListQuery(institution_id=kfu)) == [signed.id, *demo_mou]
    assert browse.record_ids(demo_db, "agreement", ListQuery(date_from=date(2025, 3, 12))) == [signed.id]
    assert len(browse.record_ids(demo_db, "agreement", ListQuery(sort="title"))) == 3


def test_follow_ups_filter_by_owner_visit_institution_and_status(demo_db: Database) -> None:
    rows = followups.list_followups(demo_db)
    owners = related.followup_owners(demo_db)
    assert owners and [o.name for o in owners] == sorted((o.name for o in owners), key=lambda n: n.split()[-1])
    owner = owners[0]
    mine = browse.record_ids(demo_db, "followup", ListQuery(owner_person_id=owner.id))
    assert mine and all(owner.name in (r.owner or "") for r in browse.record_rows(demo_db, "followup", mine))
    visit_id = rows[0].visit_id
    assert sorted(browse.record_ids(demo_db, "followup", ListQuery(visit_id=visit_id))) == sorted(r.id for r in rows)
    followups.set_status(demo_db, rows[0].id, FollowUpStatus.DONE)
    open_ids = browse.record_ids(demo_db, "followup", ListQuery(status="open"))
    assert rows[0].id not in open_ids and len(open_ids) == 2
    assert browse.record_ids(demo_db, "followup")[-1] == rows[0].id  # done ones after the open ones
    assert browse.record_counts(demo_db)["followup_open"] == 2
    kfu = _institution(demo_db, "Kazan Federal University")
    owned_at_kfu = browse.record_rows(demo_db, "followup", browse.record_ids(
        demo_db, "followup", ListQuery(institution_id=kfu)))
    assert len(owned_at_kfu) == 3  # their owners work at KFU or its units
    guests = _institution(demo_db, 'JSC "Uzkhimyosanoat"')
    assert browse.record_ids(demo_db, "followup", ListQuery(institution_id=guests)) == []


def test_rows_skip_deleted_ids_and_keep_the_order_given(demo_db: Database) -> None:
    ids = browse.record_ids(demo_db, "followup")
    followups.delete_followup(demo_db, ids[1])
    assert [r.id for r in browse.record_rows(demo_db, "followup", [ids[2], ids[1], ids[0]])] == [ids[2], ids[0]]
    assert browse.record_rows(demo_db, "topic", []) == []


def test_quick_open_finds_every_kind_by_name(demo_db: Database) -> None:
    hits = browse.quick_open(demo_db, "kazan")
    kinds = [h.kind for h in hits]
    assert "institution" in kinds and "visit" in kinds
    assert hits[kinds.index("institution")].title == "Kazan Federal University"
    person = browse.quick_open(demo_db, "Коржиков")
    assert [(h.kind, h.title, h.detail) for h in person] == [("person", "Evgeny Korzhikov", 'JSC "Uzkhimyosanoat"')]
    assert "meeting" in {h.kind for h in browse.quick_open(demo_db, "tour laboratories")}
    assert {h.kind for h in browse.quick_open(demo_db, "chemistry")} >= {"topic"}
    assert "followup" in {h.kind for h in browse.quick_open(demo_db, "technology transfer uzbekistan")}
    assert browse.quick_open(demo_db, "   ") == []
    for i in range(10):
        people.create_person(demo_db, PersonData(given_name=f"Kazanov{i}", family_name="Test"))
    many = [h for h in browse.quick_open(demo_db, "kazan", per_kind=4) if h.kind == "person"]
    assert len(many) == 4


def test_quick_open_puts_names_starting_with_the_word_first(demo_db: Database) -> None:
    people.create_person(demo_db, PersonData(display_name="Aaron Petrov"))
    people.create_person(demo_db, PersonData(display_name="Petrova Zoya"))
    titles = [h.title for h in browse.quick_open(demo_db, "petrov")]
    assert titles == ["Petrova Zoya", "Aaron Petrov"]


def test_institution_activity_person_follow_ups_and_topic_usage(demo_db: Database) -> None:
    kfu = _institution(demo_db, "Kazan Federal University")
    activity = related.institution_activity(demo_db, kfu)
    assert len(activity.visits) == 1
    assert [m.title for m in activity.meetings] == ["Meeting with the university's leadership"]
    with pytest.raises(NotFoundError):
        related.institution_activity(demo_db, 10**6)
    owner = related.followup_owners(demo_db)[0]
    owned = related.open_followups_owned(demo_db, owner.id)
    assert owned and all(f.status is FollowUpStatus.OPEN for f in owned)
    followups.set_status(demo_db, owned[0].id, FollowUpStatus.DONE)
    assert len(related.open_followups_owned(demo_db, owner.id)) == len(owned) - 1
    created = followups.create_followup(demo_db, FollowUpData(description="Call back", owner_person_id=owner.id))
    assert created.id in {f.id for f in related.open_followups_owned(demo_db, owner.id)}
    topic = next(r for r in browse.record_rows(demo_db, "topic", browse.record_ids(demo_db, "topic"))
                 if r.name == "Small-scale chemistry")
    usage = related.topic_usage(demo_db, topic.id)
    assert usage.counts == (len(usage.people), len(usage.institutions), len(usage.visits), len(usage.meetings))
    assert any(name == "Kazan Federal University" for _, name in usage.institutions)
    assert usage.visits and usage.people


def test_name_variant_search_is_not_fooled_by_markup(demo_db: Database) -> None:
    made = people.create_person(demo_db, PersonData(given_name="A", family_name="B", name_variants=(
        NameVariant("Ǝ <i>x</i>", "Latn", "xx"),)))
    assert made.meta.id in browse.record_ids(demo_db, "person", ListQuery(text="<i>"))
    assert browse.record_ids(demo_db, "person", ListQuery(text="<i>x</i>")) == [made.meta.id]
