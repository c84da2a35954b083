"""The reads behind a lazy list: a first page of ids, the whole id list, rows for a batch of ids.

``services.browse`` does the filtering and sorting of every kind in SQL through SQLAlchemy Core. The
window's first screen, the people list in its usual order, needs only a page of ids, the number of
people and a batch of rows: on a SQLite file those come from ``store.people_read`` (plain ``sqlite3``), and so
do people rows afterwards and the whole id list in that order (``store.plain_reads``), so the first rows and
the first detail pane are shown before SQLAlchemy is imported (it loads on a worker for the counts). Any
other list, filter or sort, and every list on PostgreSQL, goes through ``services.browse``, imported on
first use. Both ways give the same ids and rows (``tests/unit/test_plain_reads.py``,
``tests/unit/test_plain_pane_reads.py``).

A filtered list in the usual order need not be sorted again in SQL when the caller holds every id of the
kind in that order (the window does: the list it showed before the filter): ``ordered_ids`` asks only
which records match (on a SQLite file a filter that is only text asks the search index alone, with plain
``sqlite3``) and keeps those ids in the order held. At 100,000 people the one-letter filter ``a`` (27,105
matches) costs about 30 ms that way against 70 ms sorted in SQL, most of which went to reading each match's
row for its sort name (``tests/unit/test_filter_in_held_order.py`` holds both ways to the same ids).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence, Set
from dataclasses import dataclass, replace
from itertools import islice
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


def in_usual_order(kind: RecordKind, query: ListQuery | None) -> bool:
    """``query`` lists its kind in the kind's usual order (whatever it filters): no sort key named, or the
    people list's usual one (by name, ascending)."""
    return query is None or query.sort == "" or (
        kind == RecordKind.PERSON and query.sort == "name" and not query.descending)


def every_record(kind: RecordKind, query: ListQuery | None) -> bool:
    """``query`` lists every record of its kind in the usual order: the list ``ordered_ids`` needs held."""
    return in_usual_order(kind, query) and (query is None or replace(query, sort="", descending=False) == ListQuery())


FEW = 64
"""``held_matches`` leaves a filter with fewer matches than one in this many of the held ids to SQL: looking for
them in the whole held list costs more than sorting them (about 3 ms at 100,000 ids)."""


@dataclass(frozen=True, slots=True)
class HeldMatches:
    """The records a filter selects, found unsorted, to be put in the order of ``held`` (every id of the kind in
    its usual order, as the caller holds it): its first page at once, the rest when it is needed."""

    matches: Set[int]
    held: Sequence[int]

    def __len__(self) -> int:
        return len(self.matches)

    def first(self, limit: int) -> array[int]:
        """The first ``limit`` matches in the held order (a scan of the held list that stops there)."""
        if not self.matches:
            return array("q")
        return array("q", islice(filter(self.matches.__contains__, self.held), limit))

    def all(self) -> array[int] | None:
        """Every match in the held order; None if the held list lacks one (a record added since it was read)."""
        if not self.matches:
            return array("q")
        ids = array("q", filter(self.matches.__contains__, self.held))
        return ids if len(ids) == len(self.matches) else None


def held_matches(db: Database, kind: RecordKind, query: ListQuery, held: Sequence[int]) -> HeldMatches | None:
    """What ``record_ids(db, kind, query)`` selects, to be ordered by ``held`` instead of sorted in SQL, which the
    caller gives as every id of ``kind`` in the kind's usual order (read with an unfiltered query, and read
    again after records were created, deleted or changed). None where the caller had better ask
    ``record_ids``: ``query`` sorts otherwise or filters nothing, or it selects few records (``FEW``: SQL
    sorts those faster).

    Text alone on a SQLite file is looked up in the search index on the driver's connection (what
    ``services.browse`` puts in its statement's ``id IN (...)``); any other filter goes through
    ``services.browse``, unsorted."""
    if every_record(kind, query) or not in_usual_order(kind, query):
        return None
    matches = _index_matches(db, kind, query) if _text_only(query) and db.path is not None else None
    if matches is None:
        from organizer.services import browse

        matches = browse.matching_ids(db, kind, query)
    if matches and len(matches) * FEW < len(held):
        return None
    return HeldMatches(matches, held)


def ordered_ids(db: Database, kind: RecordKind, query: ListQuery, held: Sequence[int]) -> array[int] | None:
    """``record_ids(db, kind, query)`` without sorting in SQL: ``held_matches``, all of them in the held order;
    None where that does not apply or the held list lacks a match."""
    found = held_matches(db, kind, query, held)
    return found.all() if found is not None else None


def _text_only(query: ListQuery) -> bool:
    return bool(query.text.strip()) and replace(query, text="", sort="", descending=False) == ListQuery()


def _index_matches(db: Database, kind: RecordKind, query: ListQuery) -> set[int] | None:
    """What ``browse.matching_ids`` reads for a filter of text alone, read from the search index with the
    driver's ``sqlite3`` connection; None where ``browse`` would not ask the index (a kind it does not hold,
    text without a word)."""
    from organizer.store.search.words import FILTER_TIERS, filter_words, fts_statement, match_expression

    tier = FILTER_TIERS.get(kind)
    expr = match_expression(filter_words(query.text), tier) if tier is not None else ""
    if not expr:
        return None
    with db.plain_reader() as con:
        return {ident for (ident,) in con.execute(fts_statement(kind), {"fts_match": expr})}


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
