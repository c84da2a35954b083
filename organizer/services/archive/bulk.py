"""The archive's large sections (people, visits, meetings, follow-ups), written in bulk.

``in_chunks`` checks each record of such a section by its service's rules (``check_person``,
``check_visit``...) and writes ``CHUNK`` of them at a time with one ``executemany`` per table
(``store.bulk.insert_rows``): the ORM would build and track several objects per record (a person's
names, e-mails, positions...). Records whose uids are stored already go to the merge rule
(``archive.merge``). Called by ``archive.importer``, inside its one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from organizer.domain import fields
from organizer.domain.enums import RecordKind
from organizer.domain.errors import ValidationError
from organizer.domain.records import PersonData, position_sort_key
from organizer.services import followups, meetings, people, visits
from organizer.services._checks import SHORT_LIMIT, CheckedRecord, Checker, clean
from organizer.services._records import topics_by_name
from organizer.services.archive import quick
from organizer.services.archive.merge import Merger
from organizer.services.archive.reading import RecordReader, UidResolver, data_reader, excerpt
from organizer.store import models as m
from organizer.store import schema
from organizer.store.bulk import insert_rows
from organizer.store.search.base import Document, person_document
from organizer.store.search.sqlite import SqliteFtsIndex

if TYPE_CHECKING:
    from organizer.services.archive.importer import ImportReport

CHUNK = 1000
"""Records validated and written at a time: bounds the memory an import holds besides the uid maps."""


def stamps(r: RecordReader) -> tuple[datetime | None, datetime | None]:
    """A record's ``created_at`` and ``updated_at`` as the file gives them (None: left out)."""
    return r.stamp("created_at"), r.stamp("updated_at")


def in_chunks(session: Session, res: UidResolver, merger: Merger, section: str, items: Iterable[Any],
               report: ImportReport, tick: Callable[[], None], created: list[str],
               index: PeopleIndex | None = None) -> None:
    """A section of ``BULK_RECORDS``: its records (uid required, once in the file) are checked by their
    service's rules and written ``CHUNK`` at a time with bulk inserts (``_records_chunk``). The ORM would
    build and track several objects per record (a person's names, e-mails, positions...), which made these
    sections most of an import's time and memory. ``index``: new people are indexed from their rows
    (``PeopleIndex``), not queued."""
    seen: set[str] = set()
    chunk: list[tuple[RecordReader, str]] = []

    def flush() -> None:
        present = _records_chunk(session, res, section, chunk, tick, created, index)
        report.added[section] += len(chunk) - len(present)
        if present:
            for outcome in merger.merge(section, BULK_RECORDS[section][2], present, stamps):
                report.count(section, outcome)
        chunk.clear()

    for i, raw in enumerate(items):
        r = RecordReader(raw, f"{section}[{i}]")
        uid = clean(r.text("uid"))  # as stored
        if not uid:
            raise r.fail("uid", "every record needs a uid")
        r.where = f"{section}[{i}] ({excerpt(uid)})"
        if uid in seen:
            raise r.fail("uid", "appears twice in the file")
        seen.add(uid)
        chunk.append((r, uid))
        if len(chunk) == CHUNK:
            flush()
    if chunk:
        flush()


def _top_id(conn: Any, table: Any) -> int | None:
    """On SQLite, the largest id of ``table`` before an insert (0 if empty), for ``_new_ids``; else None."""
    if conn.dialect.name != "sqlite":
        return None
    return int(conn.execute(select(func.max(table.c.id))).scalar() or 0)


def _new_ids(conn: Any, table: Any, uids: list[str], top: int | None = None) -> list[int]:
    """The ids of the rows just inserted with these uids, in the same order.

    ``top``: the largest id before the insert (``_top_id``). SQLite gives each row it inserts without an id
    the largest id in the table plus one, and this transaction is the only writer: when the ids above
    ``top`` are exactly ``top + 1 ... top + n``, they are the new rows in the order given (checked with
    one range count instead of looking every uid up; anything else is looked up)."""
    n = len(uids)
    if top is not None:
        last, count = conn.execute(select(func.max(table.c.id), func.count()).where(table.c.id > top)).one()
        if count == n and last == top + n:
            return list(range(top + 1, top + n + 1))
    found = dict(conn.execute(select(table.c.uid, table.c.id).where(table.c.uid.in_(uids))).all())
    return [found[uid] for uid in uids]


def _records_chunk(session: Session, res: UidResolver, section: str, chunk: list[tuple[RecordReader, str]],
                   tick: Callable[[], None], created: list[str],
                   index: PeopleIndex | None = None) -> list[tuple[RecordReader, str]]:
    """Validate and insert the new records of one chunk of ``section`` (uids appended to ``created``);
    returns the records whose uids are stored already (for the merge rule)."""
    model, table_name, read, check = BULK_RECORDS[section]
    quick = _QUICK.get(section)
    present = _present(session, res, model, [uid for _, uid in chunk])
    checked: list[tuple[str, CheckedRecord]] = []
    existing: list[tuple[RecordReader, str]] = []
    now = schema.utcnow()
    for r, uid in chunk:
        tick()
        if uid in present:
            existing.append((r, uid))
            continue
        try:
            checker = Checker(r.where)
            checker.text("uid", uid, required=True, limit=SHORT_LIMIT)
            # A plain person goes straight to its rows (``archive.quick``); anything else, the general road.
            record = quick(session, res, r.raw) if quick is not None else None
            if record is None:
                record = check(session, read(res, r, uid), checker)
            checker.check()
            made, changed = stamps(r)
        except ValidationError as err:
            if err.record and err.record.startswith(section):
                raise
            raise ValidationError(err.issues, record=r.where) from None
        record.columns["created_at"] = made or now
        record.columns["updated_at"] = changed or now
        checked.append((uid, record))
    if not checked:
        return existing
    if any(t.id is None for _, record in checked for t in record.topics):
        session.flush()  # topics first named here get their ids
    conn = session.connection()
    table = schema.table(table_name)
    keys = list(checked[0][1].columns)
    values = _values(keys)
    top = _top_id(conn, table)
    insert_rows(conn, table, ["uid", *keys], [(uid, *values(record.columns)) for uid, record in checked])
    uids = [uid for uid, _ in checked]
    ids = _new_ids(conn, table, uids, top)
    for uid, ident in zip(uids, ids, strict=True):
        res.remember(model, uid, ident)
    created.extend(uids)
    pairs = list(zip((record for _, record in checked), ids, strict=True))
    owner = f"{table_name}_id"
    for child in checked[0][1].children:
        rows = [(ident, row) for record, ident in pairs for row in record.children[child]]
        if rows:
            child_keys = list(rows[0][1])
            values = _values(child_keys)
            insert_rows(conn, schema.table(child), [owner, *child_keys], [(ident, *values(row)) for ident, row in rows])
    links = [(ident, t.id) for record, ident in pairs for t in record.topics]
    if links:
        insert_rows(conn, schema.table(f"{table_name}_topic"), (owner, "topic_id"), links)
    if index is not None and model is m.Person:
        index.add(pairs)
    return existing


def _values(keys: list[str]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """The values of ``keys`` in a row, as a tuple (``itemgetter``: no Python loop per row)."""
    get = itemgetter(*keys)
    return get if len(keys) > 1 else lambda row: (get(row),)


def _present(session: Session, res: UidResolver, model: type[m.RecordMixin], uids: list[str]) -> set[str]:
    """Which of these uids are in the database already (or are merge aliases of records that are)."""
    if model is not m.Person:
        return {uid for uid in uids if res.exists(model, uid)}
    # People are looked up a chunk at a time: a large database holds far more of them than of the rest.
    if res.none_stored(m.Person):  # none before this import, which adds each uid once: nothing to look up
        return set()
    present = set(session.scalars(select(m.Person.uid).where(m.Person.uid.in_(uids))))
    present |= set(session.scalars(select(m.MergeRecord.merged_uid).where(  # merged away: an alias now
        m.MergeRecord.kind == "person", m.MergeRecord.merged_uid.in_(uids), m.MergeRecord.undone_at.is_(None))))
    return present


_POSITION_COLUMNS = ("title", "institution_id", "start_date", "end_date", "is_current", "variants")
"""A new position's columns: an archive gives positions no ids (they get new ones, and new uids)."""


def _position_row(p: dict[str, Any]) -> dict[str, Any]:
    """The ``_POSITION_COLUMNS`` of a position as ``check_positions`` gives it (variants ``{}`` if absent)."""
    return {"title": p["title"], "institution_id": p["institution_id"], "start_date": p["start_date"],
            "end_date": p["end_date"], "is_current": p["is_current"], "variants": p.get("variants", {})}


def _check_person(session: Session, data: PersonData, checker: Checker) -> CheckedRecord:
    """``people.check_person`` in the shape of the other sections' checks, as the rows of a new person."""
    # Institution ids come from the resolver, which only hands out ids it found in the database.
    person = people.check_person(data, checker, lambda _ident: True)
    return CheckedRecord(
        {"photo": None, "photo_type": "", **person.columns},
        {"person_name": person.names, "person_email": person.emails, "person_phone": person.phones,
         "person_tag": [{"tag": tag} for tag in person.tags],
         "position": [_position_row(p) for p in person.positions]},
        topics_by_name(session, data.topics, checker))


_read_visit = data_reader(fields.VISIT)
_read_meeting = data_reader(fields.MEETING)
_read_followup = data_reader(fields.FOLLOWUP)
_read_person_fields = data_reader(fields.PERSON)


def _person_data(res: UidResolver, r: RecordReader, uid: str) -> PersonData:
    data: PersonData = _read_person_fields(res, r, uid)
    if data.photo is None:
        return data
    photo = RecordReader(r.raw["photo"], f"{r.where}.photo")
    return replace(data, photo_type=photo.text("media_type"))



BULK_RECORDS: dict[str, tuple[type[m.RecordMixin], str, Callable[[UidResolver, RecordReader, str], Any],
                               Callable[[Session, Any, Checker], CheckedRecord]]] = {
    "people": (m.Person, "person", _person_data, _check_person),
    "visits": (m.Visit, "visit", _read_visit, visits.check_visit),
    "meetings": (m.Meeting, "meeting", _read_meeting, meetings.check_meeting),
    "followups": (m.FollowUp, "followup", _read_followup, followups.check_followup),
}
"""Sections written in bulk through ``_records_chunk``: (model, table, archive reader, service check)."""
_QUICK: dict[str, Callable[[Session, UidResolver, Any], CheckedRecord | None]] = {"people": quick.person_rows}
"""Sections whose plain records are checked in one pass (``archive.quick``; None: the general road)."""


class PeopleIndex:
    """Indexes the people an import writes from the rows it has in memory (SQLite, whose per-row insert
    triggers the import turns off: ``store.search.queue``) instead of queueing them for the commit, which
    read every one of them back from six tables (a fifth of a 50,000-person import's time was the index,
    a third of that reading back). The document is the index's own (``search.base.person_document``) from
    the same values: the checked columns and rows as written, positions in the stored order
    (``position_sort_key``), institutions' names as stored, tags and topics sorted as the tables give them.
    ``tests/unit/test_archive_index.py`` compares the index after an import with the index rebuilt."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.fts = SqliteFtsIndex()
        self.terms_done: set[tuple[str, str]] = set()
        self._institutions: dict[int, str] = {}

    def add(self, pairs: list[tuple[CheckedRecord, int]]) -> None:
        """Index these new people (their checked records and ids, ascending)."""
        wanted = {row["institution_id"] for record, _ in pairs for row in record.children["position"]}
        missing = [i for i in wanted - self._institutions.keys() if i is not None]
        if missing:
            table = schema.table("institution")
            self._institutions.update((ident, name) for ident, name in self.session.connection().execute(
                select(table.c.id, table.c.name).where(table.c.id.in_(missing))))
        ids = [ident for _, ident in pairs]
        self.fts.write(self.session, RecordKind.PERSON, ids, lambda: dict(map(self._document, pairs)),
                       self.terms_done)

    def _document(self, pair: tuple[CheckedRecord, int]) -> tuple[int, Document]:
        record, ident = pair
        c, children = record.columns, record.children
        names = self._institutions
        # The index joins positions with their institutions: a position without one is left out.
        positions = sorted(((p["is_current"], p["start_date"], n, p) for n, p in enumerate(children["position"])
                            if p["institution_id"] in names), key=lambda e: position_sort_key(bool(e[0]), e[1], e[2]))
        return ident, person_document(
            ident, c["given_name"], c["middle_name"], c["family_name"], c["display_name"], c["honorific"],
            c["biography"], c["notes"], c.get("variants"), [n["name"] for n in children["person_name"]],
            [(p["title"], names[p["institution_id"]], p["is_current"], p.get("variants")) for *_, p in positions],
            [e["address"] for e in children["person_email"]], sorted(t["tag"] for t in children["person_tag"]),
            sorted(t.name for t in record.topics))
