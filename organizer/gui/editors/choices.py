"""The (id, label) lists the editors offer in their choosers, read through the services."""

from __future__ import annotations

from datetime import date

from organizer.services.browse import people_rows
from organizer.services.institutions import list_institutions
from organizer.services.meetings import list_meetings
from organizer.services.topics import list_topics
from organizer.services.visits import get_visit, list_visits
from organizer.store.database import Database


def institutions(db: Database) -> list[tuple[int, str]]:
    """Parents before their units; a unit shows its parent's name after it."""
    return [(r.id, f"{r.name} ({r.parent_name})" if r.parent_name else r.name) for r in list_institutions(db)]


def with_people(db: Database, offered: list[tuple[int, str]], ids: list[int]) -> list[tuple[int, str]]:
    """``offered`` plus the people of ``ids`` it lacks (a record's own people beyond the first ones)."""
    have = {ident for ident, _label in offered}
    missing = [i for i in dict.fromkeys(ids) if i is not None and i not in have]
    rows = people_rows(db, missing) if missing else []
    return offered + [(r.id, f"{r.full_name} — {r.current_institution}" if r.current_institution else r.full_name)
                      for r in rows]


def topic_names(db: Database) -> list[str]:
    """Every topic's name: a record's topics are completed from them."""
    return [t.name for t in list_topics(db)]


def visits(db: Database) -> list[tuple[int, str]]:
    return [(r.id, f"{r.title} ({r.start_date.isoformat()})" if r.start_date else r.title) for r in list_visits(db)]


def visit_days(db: Database, visit_id: int) -> tuple[date | None, date | None]:
    """A visit's first and last day (either may be unknown): its meetings' dates are offered from them."""
    data = get_visit(db, visit_id).data
    return data.start_date, data.end_date


def meetings(db: Database) -> list[tuple[int, str]]:
    return [(r.id, f"{r.title} ({r.starts_at:%Y-%m-%d %H:%M})" if r.starts_at else r.title)
            for r in list_meetings(db)]
