"""The vCard and sheet imports' new people, written in bulk (``contacts._Writer`` hands them over a chunk
at a time, their institutions written and matched already).

Each card's person is checked by the people service's own rules (``people.check_person``) and a chunk is
written with one ``executemany`` per table (``store.bulk.insert_rows``). On SQLite, where the import turns
the search queue's insert triggers off, the new people are indexed from the rows in memory
(``archive.bulk.PeopleIndex``, the index's own document builder) instead of being queued and read back
from six tables at the commit; ``tests/unit/test_vcard_import_roads.py`` compares the database and the
index with what the queue gives (``FAST = False``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from organizer.services import people
from organizer.services._checks import CheckedRecord, Checker
from organizer.services._records import topics_by_name
from organizer.services.archive.bulk import PeopleIndex
from organizer.services.interop import contacts_match
from organizer.store import models as m
from organizer.store import schema
from organizer.store.bulk import insert_rows

if TYPE_CHECKING:
    from organizer.services.interop.contacts import _Pending

FAST = True
"""Index new people from their rows in memory where the import writes without the queue's triggers
(SQLite); False: queue them for the commit, which reads them back (the tests compare the two)."""

_POSITION_COLUMNS = ("title", "institution_id", "start_date", "end_date", "is_current")


def people_index(session: Session, triggers_off: bool) -> PeopleIndex | None:
    """The index new people are written to as they are created, or None (they are queued instead)."""
    return PeopleIndex(session) if triggers_off and FAST else None


def create(session: Session, items: list[_Pending], index: PeopleIndex | None) -> list[tuple[str, int]]:
    """Check and write the people of these cards (their ``positions`` made); their (uid, id), in order.
    A value the rules refuse raises ValidationError naming the card."""
    checked: list[tuple[str, people.CheckedPerson, list[m.Topic]]] = []
    check = people.check_person
    for item in items:
        data = item.contact.data
        checker = Checker("")
        person = check(data, checker, _any_institution, item.positions)
        topics = topics_by_name(session, data.topics, checker) if data.topics else []
        if checker.problems:
            checker.record = item.contact.card.where()
            checker.check()
        checked.append((data.uid or "", person, topics))
    if any(t.id is None for _, _, topics in checked for t in topics):
        session.flush()
    conn = session.connection()
    # Every row with the same columns: a card without language variants (None: "keep the stored ones")
    # gives a new person none, so one card's variants are neither dropped nor missed by another's row.
    columns = [{"photo": None, "photo_type": "", "variants": {}, **p.columns} for _, p, _ in checked]
    keys = list(columns[0])
    values = _values(keys)
    rows = [(uid, *values(c)) for (uid, _, _), c in zip(checked, columns, strict=True)]
    table = schema.table("person")
    insert_rows(conn, table, ["uid", *keys], rows)
    uids = [uid for uid, _, _ in checked]
    found = dict(contacts_match.rows(conn, "SELECT uid, id FROM person WHERE uid IN ({})", uids))
    ids = [found[uid] for uid in uids]
    pairs = list(zip(ids, checked, strict=True))
    children: list[tuple[str, Callable[[people.CheckedPerson], Iterable[dict[str, Any]]]]] = [
        ("person_name", lambda p: p.names), ("person_email", lambda p: p.emails),
        ("person_phone", lambda p: p.phones), ("person_tag", lambda p: ({"tag": t} for t in p.tags)),
        ("position", _positions),
    ]
    for table_name, rows_of in children:
        child = [(ident, row) for ident, (_, p, _) in pairs for row in rows_of(p)]
        if child:
            child_keys = list(child[0][1])
            values = _values(child_keys)
            insert_rows(conn, schema.table(table_name), ["person_id", *child_keys],
                        [(ident, *values(row)) for ident, row in child])
    links = [(ident, t.id) for ident, (_, _, topics) in pairs for t in topics]
    if links:
        insert_rows(conn, schema.table("person_topic"), ("person_id", "topic_id"), links)
    if index is not None:
        index.add([(CheckedRecord(c, {"person_name": p.names, "person_email": p.emails,
                                      "person_tag": [{"tag": t} for t in p.tags], "position": list(_positions(p))},
                                  topics), ident)
                   for c, (ident, (_, p, topics)) in zip(columns, pairs, strict=True)])
    return list(zip(uids, ids, strict=True))


def _values(keys: list[str]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """The values of ``keys`` in a row, as a tuple (``itemgetter``: no Python loop per row)."""
    get = itemgetter(*keys)
    return get if len(keys) > 1 else lambda row: (get(row),)


def _any_institution(_ident: int) -> bool:
    return True  # the import's own ids (``contacts._Institutions``): found or written in this transaction


def _positions(p: people.CheckedPerson) -> Iterable[dict[str, Any]]:
    return ({**{k: q[k] for k in _POSITION_COLUMNS}, "variants": q.get("variants", {})} for q in p.positions)
