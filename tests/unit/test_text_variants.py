"""Language variants of texts (issue 18): the domain's choice of a text for a language, and the services'
storage of variants (kept by an input that leaves them out, removed by an empty one, checked, searched).
Runs on PostgreSQL too (``ORGANIZER_TEST_DB_URL``)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from organizer.domain.enums import GiftDirection
from organizer.domain.errors import ValidationError
from organizer.domain.personnames import name_in
from organizer.domain.records import (
    GiftData,
    InstitutionData,
    NameVariant,
    PersonData,
    PositionData,
    TextVariant,
    VisitData,
)
from organizer.domain.variants import (
    Localized,
    check_lang,
    from_mapping,
    language_of,
    pick,
    set_display_language,
    text_in,
    to_mapping,
    with_variant,
)
from organizer.services import institutions, people, search, visits
from organizer.store import Database

RU_TITLE = TextVariant("title", "ru", "Визит делегации Ташкентского университета")


# --- the domain's choice ---------------------------------------------------------------------------

def test_a_variant_in_the_language_asked_for_wins() -> None:
    data = VisitData("Delegation from Tashkent", variants=(RU_TITLE,))
    assert pick(data, "title", "ru") == Localized(RU_TITLE.text, "ru", fallback=False)
    assert pick(data, "title", "en") == Localized("Delegation from Tashkent", "en", fallback=False)


def test_the_fields_own_text_serves_the_language_of_its_script() -> None:
    assert text_in("Визит", (), "title", "ru") == Localized("Визит", "ru")
    assert text_in("Визит", (), "title", "en") == Localized("Визит", "ru", fallback=True)
    assert text_in("Visit", (), "title", "ru") == Localized("Visit", "en", fallback=True)
    assert text_in("2025", (), "title", "ru") == Localized("2025", "ru")  # no letters: any language


def test_an_empty_field_falls_back_to_a_variant_english_first() -> None:
    variants = (TextVariant("place", "uz", "Toshkent"), TextVariant("place", "ru", "Ташкент"),
                TextVariant("place", "en", "Tashkent"))
    assert text_in("", variants, "place", "zh") == Localized("Tashkent", "en", fallback=True)
    assert text_in("", variants[:2], "place", "zh") == Localized("Ташкент", "ru", fallback=True)
    assert text_in("", (), "place", "ru") == Localized("", "ru")
    assert text_in("", (TextVariant("place", "uz-Latn", "Toshkent"),), "place", "uz") == Localized("Toshkent", "uz")


def test_variants_shapes_and_edits() -> None:
    variants = with_variant((), "title", "ru", " Визит ")
    variants = with_variant(variants, "place", "ru", "Казань")
    assert to_mapping(variants) == {"place": {"ru": "Казань"}, "title": {"ru": "Визит"}}
    assert from_mapping(to_mapping(variants)) == variants
    assert with_variant(variants, "title", "ru", "") == (TextVariant("place", "ru", "Казань"),)
    assert language_of("Oʻzbekiston") == "en" and language_of("Хайруллин") == "ru" and language_of("王") == "zh"
    assert check_lang(" RU ") == "ru" and check_lang("uz-Latn") == "uz-Latn"
    with pytest.raises(ValueError, match="not a language code"):
        check_lang("Russian")


# --- the services ----------------------------------------------------------------------------------

def _visit(db: Database) -> tuple[int, VisitData]:
    book = GiftData(GiftDirection.GIVEN, "A book", variants=(TextVariant("description", "ru", "Книга"),))
    data = VisitData("Delegation from Tashkent", place="Kazan", gifts=(book,),
                     variants=(RU_TITLE, TextVariant("place", "ru", "Казань")))
    return visits.create_visit(db, data).meta.id, data


def test_variants_are_stored_and_read_back(db: Database) -> None:
    ident, _data = _visit(db)
    stored = visits.get_visit(db, ident).data
    assert stored.variants == (TextVariant("place", "ru", "Казань"), RU_TITLE)
    assert stored.gifts[0].variants == (TextVariant("description", "ru", "Книга"),)
    assert pick(stored, "place", "ru").text == "Казань"


def test_an_input_without_variants_keeps_them_and_an_empty_one_removes_them(db: Database) -> None:
    ident, data = _visit(db)
    kept = visits.update_visit(db, ident, replace(data, title="Visit from Tashkent", variants=None,
                                                  gifts=(replace(data.gifts[0], variants=None),))).data
    assert kept.title == "Visit from Tashkent" and pick(kept, "title", "ru").text == RU_TITLE.text
    assert kept.gifts[0].variants == (TextVariant("description", "ru", "Книга"),)
    cleared = visits.update_visit(db, ident, replace(data, variants=())).data
    assert cleared.variants == ()


def test_position_variants_survive_an_edit_that_leaves_them_out(db: Database) -> None:
    inst = institutions.create_institution(db, InstitutionData("Kazan Federal University")).meta.id
    title = TextVariant("title", "ru", "Ректор")
    person = people.create_person(db, PersonData(given_name="Lenar", family_name="Safin", positions=(
        PositionData("Rector", inst, current=True, variants=(title,)),)))
    assert person.positions[0].variants == (title,)
    edited = replace(person.data, notes="met in March",
                     positions=tuple(replace(p, variants=None) for p in person.data.positions))
    again = people.update_person(db, person.meta.id, edited)
    assert again.data.positions[0].variants == (title,)
    assert pick(again.positions[0], "title", "ru").text == "Ректор"


def test_bad_variants_are_refused_naming_the_problem(db: Database) -> None:
    with pytest.raises(ValidationError) as err:
        visits.create_visit(db, VisitData("A visit", variants=(
            TextVariant("direction", "ru", "входящий"), TextVariant("title", "Russian", "Визит"),
            TextVariant("place", "ru", "Казань"), TextVariant("place", "ru", "Казан"))))
    problems = err.value.problems
    assert "direction" in problems["variants[0].field"] and "has no language variants" in problems["variants[0].field"]
    assert "not a language code" in problems["variants[1].lang"]
    assert "two 'ru' variants" in problems["variants[3]"]
    assert visits.list_visits(db) == []


def test_a_russian_variant_of_a_title_finds_the_record(db: Database) -> None:
    ident, _data = _visit(db)
    hits = search.search(db, "Ташкентского").hits
    assert [(h.kind.value, h.id) for h in hits] == [("visit", ident)]


def test_the_display_language_changes_what_is_shown_never_what_is_saved(db: Database) -> None:
    inst = institutions.create_institution(db, InstitutionData("Kazan Federal University")).meta.id
    made = people.create_person(db, PersonData(
        given_name="Ilnur", family_name="Khairullin", name_variants=(NameVariant("Хайруллин Ильнур", "Cyrl", "ru"),),
        positions=(PositionData("Vice-Rector", inst, current=True,
                                variants=(TextVariant("title", "ru", "Проректор"),)),)))
    set_display_language("ru")
    try:
        shown = people.get_person(db, made.meta.id)
        assert shown.full_name == "Хайруллин Ильнур" and shown.positions[0].title == "Проректор"
        assert [r.full_name for r in people.list_people(db)] == ["Хайруллин Ильнур"]
        saved = people.update_person(db, made.meta.id, shown.data)
    finally:
        set_display_language(None)
    assert saved.data.positions[0].title == "Vice-Rector" and saved.data.given_name == "Ilnur"
    assert people.get_person(db, made.meta.id).full_name == "Ilnur Khairullin"


def test_a_names_parts_in_a_language_are_its_variants_and_give_the_russian_forms(db: Database) -> None:
    parts = (TextVariant("family_name", "ru", "Коржиков"), TextVariant("given_name", "ru", "Евгений"),
             TextVariant("middle_name", "ru", "Александрович"))
    made = people.create_person(db, PersonData(given_name="Evgeny", family_name="Korzhikov", variants=parts))
    stored = people.get_person(db, made.meta.id).data
    assert stored.variants == tuple(sorted(parts))
    name = name_in(stored, "ru")
    assert (name.listed(), name.natural(), name.address(), name.initialed()) == (
        "Коржиков Евгений Александрович", "Евгений Александрович Коржиков", "Евгений Александрович", "Е. Коржиков")
    assert name_in(stored, "en").natural() == "Evgeny Korzhikov" and not name_in(stored, "en").automatic
    set_display_language("ru")
    try:
        assert [r.full_name for r in people.list_people(db)] == ["Коржиков Евгений Александрович"]
    finally:
        set_display_language(None)
    # parts read from a name variant's text: the Russian list order, a patronymic by its ending
    spelled = PersonData(given_name="Evgeny", family_name="Korzhikov",
                         name_variants=(NameVariant("Коржиков Евгений Александрович", "Cyrl", "ru"),))
    assert name_in(spelled, "ru").address() == "Евгений Александрович"
    east = PersonData(given_name="Yi", family_name="Wang", name_variants=(NameVariant("王毅", "Hani", "zh"),))
    assert name_in(east, "en").natural() == "Wang Yi" and name_in(east, "ru").automatic
