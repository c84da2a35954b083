"""The window's reads give every name, title and text in the display language (issue 18, point 3): the lists of
every kind (both roads of the people list), the institution tree, the data behind the panes (a visit's
institutions and participants, a meeting's venue and visit, a person's positions and visits, a topic's use,
follow-up owners, agreement parties, programme items), the pickers' labels and quick open; the CLI's reads (no
display language) stay as stored; a list sorted by a title is sorted by what it shows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from organizer.domain.enums import GiftDirection, RecordKind
from organizer.domain.listing import ListQuery
from organizer.domain.records import GiftData, Logistics, MeetingData, TextVariant, VisitData
from organizer.domain.variants import institution_name_in, script_of, set_display_language, shown_texts
from organizer.services import browse, paging, picking, shown
from organizer.services.institutions import get_institution, institution_tree, list_institutions
from organizer.services.meetings import create_meeting, get_meeting
from organizer.services.people import person_history, person_ids, person_record
from organizer.services.related import followup_owners, topic_usage
from organizer.services.search import quick_open
from organizer.services.visits import create_visit, get_visit, list_visits
from organizer.store import Database

KFU_RU = "Казанский (Приволжский) федеральный университет"
KFU_EN = "Kazan Federal University"
VISIT_RU = "Визит делегации АО «Узкимёсаноат» в Казанский федеральный университет и Академию наук Республики Татарстан"
VISIT_EN = "Delegation of JSC \"Uzkhimyosanoat\" to Kazan Federal University and the Academy of Sciences of Tatarstan"
MEETING_RU = "Встреча с руководством университета"
MEETING_EN = "Meeting with the university's leadership"
PLACE_RU = "Казань, Республика Татарстан"
FOLLOWUP_RU = "Подготовить предложение о совместных научных лабораториях с АО «Узкимёсаноат»"
OWNER_RU = "Пашин Д. / " + KFU_RU


@pytest.fixture
def russian() -> Iterator[None]:
    set_display_language("ru")
    yield
    set_display_language(None)


def _rows(db: Database, kind: RecordKind, query: ListQuery | None = None) -> list[Any]:
    return paging.record_rows(db, kind, browse.record_ids(db, kind, query))


def test_every_list_shows_the_russian_variants(demo_db: Database, russian: None) -> None:
    people = {r.full_name: r for r in _rows(demo_db, RecordKind.PERSON)}
    assert people["Хайруллин Ильнур"].current_institution == KFU_RU
    assert people["Коржиков Евгений"].current_institution == "АО «Узкимёсаноат»"
    # the people list's two roads (plain sqlite3 on a file, SQLAlchemy Core anywhere) give the same rows
    ids = person_ids(demo_db)
    assert browse.people_rows(demo_db, ids) == paging.record_rows(demo_db, RecordKind.PERSON, ids)

    [visit] = _rows(demo_db, RecordKind.VISIT)
    assert (visit.title, visit.place) == (VISIT_RU, PLACE_RU)

    meetings = {m.title: m for m in _rows(demo_db, RecordKind.MEETING)}
    leadership = meetings[MEETING_RU]
    assert (leadership.venue, leadership.visit_title) == (KFU_RU, VISIT_RU)
    assert "Хайруллин Ильнур" in meetings["Посещение Фармацевтического научно-образовательного центра"].participants

    followups = {f.description: f for f in _rows(demo_db, RecordKind.FOLLOWUP)}
    lab = followups[FOLLOWUP_RU]
    assert (lab.owner, lab.visit_title, lab.meeting_title) == (OWNER_RU, VISIT_RU, MEETING_RU)
    assert all("Mikhail" not in (f.owner or "") for f in followups.values())

    [agreement] = _rows(demo_db, RecordKind.AGREEMENT)
    assert agreement.title.startswith("Меморандум")
    assert KFU_RU in agreement.parties

    topics = [t.name for t in _rows(demo_db, RecordKind.TOPIC)]
    assert "Импортозамещение" in topics and "Import substitution" not in topics

    items = {i.title: i for i in _rows(demo_db, RecordKind.PROGRAMME_ITEM)}
    lunch = items["Рабочий обед"]
    assert (lunch.escort, lunch.visit_title) == ("Пашин Д.", VISIT_RU)
    assert items["Отъезд делегации в Ташкент"].place == "Международный аэропорт «Казань»"


def test_the_institution_tree_is_russian_and_sorted_by_what_it_shows(demo_db: Database, russian: None) -> None:
    tree = institution_tree(demo_db)
    assert [n.row.name for n in tree] == ["Академия наук Республики Татарстан", "АО «Узкимёсаноат»", KFU_RU]
    kfu = tree[2]
    assert (kfu.row.city, kfu.row.country) == ("Казань", "Россия")
    assert [c.row.name for c in kfu.children] == [  # by the name shown, not by the English one
        "Технопарк «Малотоннажные химические технологии»", "Фармацевтический научно-образовательный центр",
        "Химический институт им. А.М. Бутлерова"]
    assert all(c.row.parent_name == KFU_RU for c in kfu.children)


def test_the_panes_data_is_russian(demo_db: Database, russian: None) -> None:
    visit = shown.pane(demo_db, get_visit(demo_db, 1))
    assert KFU_RU in [side.name for side in visit.institutions]
    assert {p.institution for p in visit.participants} >= {KFU_RU, "АО «Узкимёсаноат»"}
    assert MEETING_RU in [m.title for m in visit.meetings]
    assert "Импортозамещение" in visit.data.topics
    assert shown_texts(visit.data).place == PLACE_RU
    assert get_visit(demo_db, 1).data.topics[0].isascii()  # what an editor reads: the names as stored

    meeting = get_meeting(demo_db, 2)
    assert (meeting.venue, meeting.visit_title) == (KFU_RU, VISIT_RU)

    khairullin = next(r.id for r in _rows(demo_db, RecordKind.PERSON)
                      if r.full_name == "Хайруллин Ильнур")
    history = person_history(demo_db, khairullin)
    assert [p.institution_name for p in history.positions] == [KFU_RU]
    assert VISIT_RU in [a.title for a in history.attended]
    assert person_record(demo_db, khairullin)[1].positions[0].institution_name == KFU_RU
    assert shown.pane(demo_db, person_record(demo_db, khairullin)[0]).data.topics == ("Образовательные программы",)

    institution = get_institution(demo_db, 4)
    assert institution.path == (KFU_RU, "Химический институт им. А.М. Бутлерова")
    assert institution.data.name == "A.M. Butlerov Chemical Institute"  # the record as stored, for the editor

    topic = next(t for t in _rows(demo_db, RecordKind.TOPIC) if t.name == "Импортозамещение")
    usage = topic_usage(demo_db, topic.id)
    assert usage.topic.name == "Импортозамещение"
    assert VISIT_RU in [name for _i, name in usage.visits]
    assert "Варфоломеев Михаил" in [o.name for o in followup_owners(demo_db)]


def test_pickers_and_quick_open_are_russian(demo_db: Database, russian: None) -> None:
    butlerov = "Химический институт им. А.М. Бутлерова"
    assert picking.labels(demo_db, RecordKind.INSTITUTION, [4]) == {4: f"{butlerov} ({KFU_RU})"}
    assert picking.labels(demo_db, RecordKind.VISIT, [1]) == {1: f"{VISIT_RU} (2025-03-11)"}
    assert picking.labels(demo_db, RecordKind.MEETING, [2]) == {2: f"{MEETING_RU} (2025-03-11 11:30)"}
    assert any(label.startswith("Хайруллин Ильнур — " + KFU_RU)
               for _i, label, _m in picking.find(demo_db, RecordKind.PERSON, "Khairullin"))
    assert [label for _i, label, _m in picking.find(demo_db, RecordKind.VISIT, "Uzkhimyosanoat")] == [
        f"{VISIT_RU} (2025-03-11)"]
    assert VISIT_RU in [r.title for r in list_visits(demo_db)]
    assert KFU_RU in [h.title for h in quick_open(demo_db, "Kazan Federal")]
    # the name match that serves a database without a search index: the second lines too
    details = {(h.kind, h.id): h.detail for h in shown.localized(demo_db, browse.quick_open(demo_db, "Khairullin"))
               + browse.quick_open(demo_db, "leadership") + browse.quick_open(demo_db, "Delegation")
               + browse.quick_open(demo_db, "Butlerov")}
    assert KFU_RU in details.values() and VISIT_RU in details.values() and PLACE_RU in details.values()
    assert "Казань" in details.values()
    owners = [o.name for o in followup_owners(demo_db)]
    assert owners == sorted(owners, key=str.casefold)


def test_a_list_sorted_by_title_is_sorted_by_the_russian_title(demo_db: Database, russian: None) -> None:
    titles = [m.title for m in _rows(demo_db, RecordKind.MEETING, ListQuery(sort="title"))]
    assert titles == sorted(titles, key=str.casefold) and titles[0] == "Встреча с президентом Академии наук " \
        "Республики Татарстан"
    topics = [t.name for t in _rows(demo_db, RecordKind.TOPIC, ListQuery(sort="name", descending=True))]
    assert topics == sorted(topics, key=str.casefold, reverse=True)


def test_a_list_is_filtered_by_the_russian_text_it_shows(demo_db: Database, russian: None) -> None:
    def titles(kind: RecordKind, text: str) -> list[str]:
        rows = _rows(demo_db, kind, ListQuery(text=text))
        return [getattr(r, "title", None) or getattr(r, "name", None) or r.description for r in rows]

    assert titles(RecordKind.TOPIC, "импорт") == ["Импортозамещение"]  # not in the search index: the variants
    assert titles(RecordKind.AGREEMENT, "Меморандум")[0].startswith("Меморандум")
    assert titles(RecordKind.PROGRAMME_ITEM, "обед") == ["Рабочий обед"]
    assert len(titles(RecordKind.PROGRAMME_ITEM, "аэропорт")) == 3  # the place's variant
    assert titles(RecordKind.MEETING, "руководством") == [MEETING_RU]  # through the search index
    assert titles(RecordKind.FOLLOWUP, "лабораториях") == [FOLLOWUP_RU]
    assert "Импортозамещение" in [h.title for h in quick_open(demo_db, "Импорт")]
    set_display_language(None)
    assert titles(RecordKind.TOPIC, "импорт") == []  # the command line filters the names as stored


def test_a_list_sorted_by_a_linked_title_is_sorted_by_the_title_shown(demo_db: Database) -> None:
    amber = (TextVariant("title", "ru", "Янтарный визит"),)
    visit = create_visit(demo_db, VisitData(title="Alpha visit", variants=amber))
    create_meeting(demo_db, MeetingData(title="Talks", visit_id=visit.meta.id))

    def visits_in_order() -> list[str]:
        rows = _rows(demo_db, RecordKind.MEETING, ListQuery(sort="visit"))
        return list(dict.fromkeys(r.visit_title for r in rows))

    assert visits_in_order() == ["Alpha visit", VISIT_EN]  # as stored
    set_display_language("ru")
    try:
        assert visits_in_order() == [VISIT_RU, "Янтарный визит"]
    finally:
        set_display_language(None)


def test_english_shows_english_and_no_display_language_the_texts_as_stored(demo_db: Database) -> None:
    stored = {kind: _rows(demo_db, kind) for kind in browse.LIST_KINDS}
    tree = institution_tree(demo_db)
    set_display_language("en")
    try:
        assert {kind: _rows(demo_db, kind) for kind in browse.LIST_KINDS} == stored  # the demo is entered in English
        assert institution_tree(demo_db) == tree
        meeting = get_meeting(demo_db, 2)
        assert (meeting.venue, meeting.visit_title) == (KFU_EN, VISIT_EN)
    finally:
        set_display_language(None)
    assert [n.row.name for n in tree][2] == KFU_EN
    assert KFU_EN in [r.name for r in list_institutions(demo_db)]
    owners = {f.owner for f in stored[RecordKind.FOLLOWUP]}
    assert "Mikhail Varfolomeyev / \"Small-scale Chemical Technologies\" Technopark" in owners


def test_institution_names_and_nested_texts_by_language() -> None:
    names = [("Казанский университет", "Cyrl", "ru"), ("Kazan universiteti", "Latn", "uz-Latn"),
             ("Казан университеты", "Cyrl", "")]
    assert institution_name_in("Kazan University", names, "ru") == "Казанский университет"
    assert institution_name_in("Kazan University", names, "uz") == "Kazan universiteti"
    assert institution_name_in("Kazan University", names, "en") == "Kazan University"
    assert institution_name_in("Kazan University", names[1:], "ru") == "Казан университеты"  # untagged, in script
    assert institution_name_in("Казанский университет", [], "en") == "Казанский университет"  # as stored
    visit = VisitData(title="Visit", start_date=date(2025, 3, 11), logistics=Logistics(lodging="Hotel Kazan"),
                      gifts=(GiftData(GiftDirection.GIVEN, "A book", variants=(TextVariant("description", "ru",
                                                                                          "Книга"),)),),
                      variants=(TextVariant("logistics.lodging", "ru", "Гостиница «Казань»"),
                                TextVariant("title", "ru", "Визит")))
    assert shown_texts(visit) is visit  # no display language: as stored
    set_display_language("ru")
    try:
        seen = shown_texts(visit)
        assert (seen.title, seen.logistics.lodging, seen.gifts[0].description) == ("Визит", "Гостиница «Казань»",
                                                                                   "Книга")
    finally:
        set_display_language(None)


@pytest.mark.parametrize(("text", "script"), [
    ("", ""), ("2025-03-11", ""), ("Kazan", "Latn"), ("Казань", "Cyrl"), ("Oʻzkimyosanoat", "Latn"),
    ("«Ўзкимёсаноат» АЖ", "Cyrl"), ("王伟", "Hani"), ("김민준", "Hang"), ("قازان", "Arab"),
    ("Ab Вг", "Latn"),  # a tie: the script met first, as letter by letter
    ("Вг Ab", "Cyrl"), ("AO «Узкимёсаноат»", "Cyrl"), ("Ελλάδα", "Zyyy"), ("ＡＢＣ", "Zyyy"), ("x² ½", "Latn"),
])
def test_script_of_counts_the_letters_of_each_script(text: str, script: str) -> None:
    assert script_of(text) == script
