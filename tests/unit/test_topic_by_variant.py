"""A topic named in another of its languages is the stored topic, not a new one (the Russian window's editors
offer topics under their shown names)."""

from __future__ import annotations

from organizer.domain.records import PersonData
from organizer.services import people, topics
from organizer.store import Database


def test_a_topic_typed_in_its_russian_variant_is_the_stored_topic(demo_db: Database) -> None:
    before = {t.name for t in topics.list_topics(demo_db)}
    assert "Import substitution" in before
    variants = topics.topic_variants(demo_db)["Import substitution"]
    russian = next(v.text for v in variants if v.lang == "ru" and v.field == "name")
    created = people.create_person(demo_db, PersonData(given_name="Ильдар", family_name="Галиев",
                                                       topics=(russian.lower(), "Совсем новая тема")))
    assert set(people.get_person(demo_db, created.meta.id).data.topics) == {"Import substitution", "Совсем новая тема"}
    assert {t.name for t in topics.list_topics(demo_db)} == before | {"Совсем новая тема"}
