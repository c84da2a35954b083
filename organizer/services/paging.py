"""The reads behind a lazy list: a first page of ids, the whole id list, rows for a batch of ids.

``services.browse`` does the filtering and sorting of every kind in SQL through SQLAlchemy Core. The
window's first screen, the people list in its usual order, needs only a page of ids, the number of
people and a batch of rows: on a SQLite file those come from ``store.people_read`` (plain ``sqlite3``), and so
do people rows afterwards and the whole id list in that order (``store.plain_reads``), so the first rows and
the first detail pane are shown before SQLAlchemy is imported (it loads on a worker for the counts). Any
other list, filter or sort, and every list on PostgreSQL, goes through ``services.browse``, imported on
first use. Both ways give the same ids and rows (``tests/unit/test_plain_reads.py``,
``tests/unit/test_plain_pane_reads.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from organizer.domain.enums import RecordKind
from organizer.domain.errors import ValidationError
from organizer.domain.listing import ListQuery

if TYPE_CHECKING:
    from organizer.store.database import Database


def _plain_people(db: Database) -> bool:
    """People can be read with plain ``sqlite3``: the database is a SQLite file."""
    return db.path is not None


def _usual_person_order(query: ListQuery | None) -> bool:
    """Every person, in the list's usual order (by name): no filter, no other sort."""
    return query is None or (query.sort in ("", "name") and replace(query, sort="") == ListQuery())


def first_record_ids(db: Database, kind: RecordKind, query: ListQuery | None = None, *,
                     limit: int = 200) -> tuple[list[int], int]:
    """``services.browse.first_record_ids``: the first ``limit`` ids of a list and how many it has."""
    if limit < 0:
        raise ValidationError({"limit": "must be 0 or more"})
    if kind == RecordKind.PERSON and _usual_person_order(query) and _plain_people(db):
        from organizer.store import people_read

        with db.plain_reader() as con:
            return people_read.first_person_ids(con, limit)
    from organizer.services import browse

    return browse.first_record_ids(db, kind, query, limit=limit)


def record_ids(db: Database, kind: RecordKind, query: ListQuery | None = None) -> list[int]:
    """``services.browse.record_ids``: every id of a list, in its order."""
    if kind == RecordKind.PERSON and _usual_person_order(query) and _plain_people(db):
        from organizer.store import plain_reads

        with db.plain_reader() as con:  # the rest of the window's first list: still no SQLAlchemy
            return plain_reads.person_ids(con)
    from organizer.services import browse

    return browse.record_ids(db, kind, query)


def record_rows(db: Database, kind: RecordKind, ids: Sequence[int]) -> list[Any]:
    """``services.browse.record_rows``: list rows for these ids, in the order given (missing ids skipped)."""
    if kind == RecordKind.PERSON and ids and _plain_people(db):
        from organizer.store import people_read

        with db.plain_reader() as con:
            return people_read.plain_list_rows(con, ids)
    from organizer.services import browse

    return browse.record_rows(db, kind, ids)
