"""Topics: the controlled vocabulary of cooperation areas linked to visits, meetings, institutions, people."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from organizer.domain.enums import RecordKind
from organizer.domain.fields import TOPIC
from organizer.domain.records import TextVariant, TopicRow
from organizer.domain.variants import from_mapping
from organizer.services._checks import Checker
from organizer.services._records import fetch, topics_by_name
from organizer.store import schema as s
from organizer.store.lazy import models as m

if TYPE_CHECKING:
    from organizer.store.database import Database


def list_topics(db: Database) -> list[TopicRow]:
    t = s.topic.c
    with db.read_connection() as conn:
        return [TopicRow(ident, name, description, from_mapping(variants)) for ident, name, description, variants
                in conn.execute(select(t.id, t.name, t.description, t.variants).order_by(t.name))]


def topic_variants(db: Database) -> dict[str, tuple[TextVariant, ...]]:
    """Every topic's language variants by its name (those without any left out): a topic's name for a
    reader of ``lang`` is ``domain.variants.text_in(name, found.get(name), "name", lang)``."""
    return {row.name: row.variants for row in list_topics(db) if row.variants}


def fill_variants(topic: m.Topic, variants: tuple[TextVariant, ...], checker: Checker) -> None:
    """Give a topic these language variants when it has none (an archive's topic; a stored one keeps its own)."""
    if variants and not topic.variants:
        topic.variants = checker.variants(TOPIC, variants)["variants"]
        checker.check()


def set_topic_variants(db: Database, ident: int, variants: tuple[TextVariant, ...]) -> TopicRow:
    """Replace a topic's language variants (of ``name`` and ``description``); ValidationError if one is bad."""
    with db.unit_of_work() as session:
        topic = fetch(session, m.Topic, ident, RecordKind.TOPIC)
        checker = Checker(f"topic {ident}")
        checked = checker.variants(TOPIC, variants)
        checker.check()
        topic.variants = checked["variants"]
        session.flush()
        return TopicRow(topic.id, topic.name, topic.description, from_mapping(topic.variants))


def ensure_topic(db: Database, name: str, description: str = "") -> TopicRow:
    """The topic with this name (case-insensitive), created if new."""
    with db.unit_of_work() as session:
        checker = Checker("topic")
        found = topics_by_name(session, [name], checker)
        desc = checker.long_text("description", description)
        checker.check()
        topic = found[0]
        if desc and not topic.description:
            topic.description = desc
        session.flush()
        return TopicRow(topic.id, topic.name, topic.description)


def rename_topic(db: Database, ident: int, name: str) -> TopicRow:
    with db.unit_of_work() as session:
        topic = fetch(session, m.Topic, ident, RecordKind.TOPIC)
        checker = Checker(f"topic {ident}")
        new = checker.text("name", name, required=True)
        # Look-ups fold case (topics_by_name), so uniqueness must too: "Catalysis" and "catalysis" are one.
        # Case-folded in Python: SQLite's lower() knows only ASCII, and the vocabulary is small.
        key = new.casefold()
        taken = any(name.casefold() == key
                    for name in session.scalars(select(m.Topic.name).where(m.Topic.id != ident)))
        if taken:
            checker.add("name", f"a topic named {new!r} already exists", "name_taken", name=new)
        checker.check()
        topic.name = new
        session.flush()
        return TopicRow(topic.id, topic.name, topic.description)
