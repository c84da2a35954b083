"""The demo visit in both languages (issue 18, point 7): every text of the demo that has words has its Russian
variant, in Cyrillic, as the archive loads it; the Uzbek guests' names have their Uzbek Latin spelling; the
Russian window's names and the Russian texts come out of the same reads (``domain.variants.pick``)."""

from __future__ import annotations

from typing import Any

from organizer.domain.enums import RecordKind
from organizer.domain.fields import KINDS, LOGISTICS, POSITION, TOPIC, FieldTable
from organizer.domain.personnames import name_in
from organizer.domain.variants import language_of, pick, script_of, set_display_language
from organizer.services import (
    agreements,
    browse,
    duplicates,
    followups,
    institutions,
    meetings,
    people,
    programme,
    search,
    topics,
    visits,
)
from organizer.store import Database

NAME_PARTS = ("given_name", "middle_name", "family_name")


def _untranslated(table: FieldTable, data: Any, where: str, prefix: str = "", owner: Any = None) -> list[str]:
    owner = owner if owner is not None else data
    missing = []
    for fld in table.translatable:
        if fld.name in NAME_PARTS:  # a person's name in Russian: the names test below (name variants)
            continue
        text = getattr(data, fld.name) or ""
        if not any(ch.isalpha() for ch in text):
            continue
        found = pick(owner, prefix + fld.name, "ru")
        if found.fallback or script_of(found.text) != "Cyrl":
            missing.append(f"{where}.{prefix}{fld.name}: {text[:40]!r}")
    return missing


def test_every_text_of_the_demo_has_a_russian_variant(demo_db: Database) -> None:
    missing: list[str] = []
    for row in people.list_people(demo_db):
        detail = people.get_person(demo_db, row.id)
        missing += _untranslated(KINDS["person"], detail.data, f"person {row.full_name}")
        for position in detail.data.positions:
            missing += _untranslated(POSITION, position, f"position of {row.full_name}")
    for node_id in [r.id for r in institutions.list_institutions(demo_db)]:
        data = institutions.get_institution(demo_db, node_id).data
        missing += _untranslated(KINDS["institution"], data, f"institution {data.name}")
    for v in visits.list_visits(demo_db):
        data = visits.get_visit(demo_db, v.id).data
        missing += _untranslated(KINDS["visit"], data, "visit")
        missing += _untranslated(LOGISTICS, data.logistics, "visit", "logistics.", owner=data)
    for mt in meetings.list_meetings(demo_db):
        missing += _untranslated(KINDS["meeting"], meetings.get_meeting(demo_db, mt.id).data, f"meeting {mt.title}")
    for f in followups.list_followups(demo_db):
        missing += _untranslated(KINDS["followup"], followups.get_followup(demo_db, f.id).data, "follow-up")
    for a in agreements.list_agreements(demo_db):
        missing += _untranslated(KINDS["agreement"], agreements.get_agreement(demo_db, a.id).data, "agreement")
    for v in visits.list_visits(demo_db):
        for item in visits.get_visit(demo_db, v.id).programme:
            missing += _untranslated(KINDS["programme_item"], programme.get_programme_item(demo_db, item.id).data,
                                     f"programme item {item.title}")
    for t in topics.list_topics(demo_db):
        missing += _untranslated(TOPIC, t, f"topic {t.name}")
    assert not missing, "demo texts without a Russian variant:\n" + "\n".join(missing)


def test_every_demo_person_has_a_russian_name_and_the_uzbek_guests_their_uzbek_latin_one(demo_db: Database) -> None:
    names = {}
    for row in people.list_people(demo_db):
        data = people.get_person(demo_db, row.id).data
        ru = name_in(data, "ru")
        assert not ru.automatic and language_of(ru.shown("ru")) == "ru", row.full_name
        names[data.family_name] = {v.language: v.name for v in data.name_variants if v.script == "Latn"}
    assert names["Korzhikov"]["uz"] == "Yevgeniy Korjikov" and names["Salomov"]["uz"] == "Abduhomid Salomov"
    assert name_in(people.get_person(demo_db, next(r.id for r in people.list_people(demo_db)
                                                     if r.full_name == "Ilnur Khairullin")).data,
                   "ru").shown("ru") == "Хайруллин Ильнур"


def test_quick_open_and_search_name_the_records_in_the_display_language(demo_db: Database) -> None:
    set_display_language("ru")
    try:
        quick = [h.title for h in search.quick_open(demo_db, "Khairullin")]
        found = [h.title for h in search.search(demo_db, "Uzkhimyosanoat", kinds=["visit"]).hits]
    finally:
        set_display_language(None)
    assert quick[0] == "Хайруллин Ильнур"
    assert found == ["Визит делегации АО «Узкимёсаноат» в Казанский федеральный университет и Академию наук "
                     "Республики Татарстан"]
    assert search.quick_open(demo_db, "Khairullin")[0].title == "Ilnur Khairullin"


def test_the_record_lists_give_titles_and_names_in_the_display_language(demo_db: Database) -> None:
    ids = [m.id for m in meetings.list_meetings(demo_db)]
    set_display_language("ru")
    try:
        rows = browse.record_rows(demo_db, RecordKind.MEETING, ids)
        topic_rows = browse.record_rows(demo_db, RecordKind.TOPIC, [t.id for t in topics.list_topics(demo_db)])
    finally:
        set_display_language(None)
    leadership = next(r for r in rows if r.title == "Встреча с руководством университета")
    assert leadership.participants[:2] == ("Коржиков Евгений", "Саломов Абдухомид")
    assert "Импортозамещение" in {t.name for t in topic_rows}
    assert browse.record_rows(demo_db, RecordKind.MEETING, ids)[0].title.isascii()  # as stored without one


def test_the_duplicates_list_names_people_in_the_display_language(demo_db: Database) -> None:
    from organizer.domain.records import PersonData

    twin = people.create_person(demo_db, PersonData(given_name="Ilnur", family_name="Khayrullin")).meta.id
    set_display_language("ru")
    try:
        found = duplicates.find_duplicates(demo_db, RecordKind.PERSON)
    finally:
        set_display_language(None)
    pair = next(c for c in found if twin in (c.first_id, c.second_id))
    assert "Хайруллин Ильнур" in (pair.first_title, pair.second_title)
