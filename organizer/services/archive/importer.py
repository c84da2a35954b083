"""The Organizer archive (JSON): the import path the demo data and users' files take.

Format (``"format": "organizer-archive", "version": 1``): top-level lists ``topics``, ``institutions``,
``people``, ``visits``, ``meetings``, ``followups``, ``agreements``. Every record has a ``uid``; records
refer to each other by uid (``"parent": "<uid>"``, ``"person": "<uid>"``), topics by name. Nested parts
(a person's positions, a visit's participants) travel inside their record.

Import is one transaction: either the whole file goes in or nothing does, and the error names the
record and field. A record whose uid is already in the database is left as it is (counted as
``unchanged``), so importing the same file twice adds nothing the second time.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from organizer.domain import fields
from organizer.domain.enums import (
    parse_enum,
)
from organizer.domain.errors import ImportFormatError, OrganizerError, ValidationError
from organizer.domain.fields import Field, FieldTable, FieldType
from organizer.domain.records import (
    ContactEntry,
    NameVariant,
    PersonData,
)
from organizer.services import agreements, followups, institutions, meetings, people, visits
from organizer.services._checks import SHORT_LIMIT, CheckedRecord, Checker, clean
from organizer.services._records import FREE_UIDS, KNOWN_IDS, topics_by_name
from organizer.services.archive import file as archive_file
from organizer.services.archive.file import ArchiveFile
from organizer.store import audit, schema
from organizer.store import models as m
from organizer.store.bulk import insert_rows
from organizer.store.database import Database
from organizer.store.search import queue as search_queue

FORMAT = archive_file.FORMAT
VERSION = archive_file.VERSION
SECTIONS = archive_file.SECTIONS

INT_LIMIT = 2**31 - 1
"""Largest whole number a field of an archive may hold (32-bit integer columns)."""

Progress = Callable[[int, int], None]


def _excerpt(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else f"{text[:limit - 1]}… ({len(text):,} characters)"


@dataclass
class ImportReport:
    added: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    @property
    def total_added(self) -> int:
        return sum(self.added.values())


class _Reader:
    """Typed access to one JSON record, turning every type mistake into a ValidationError.

    A nested part (a position of a person...) names itself after its record, ``people[3] (uid).positions[0]``;
    the name is only built when a message needs it."""

    __slots__ = ("_index", "_key", "_parent", "_where", "raw")

    def __init__(self, raw: Any, where: str | None, parent: _Reader | None = None, key: str = "",
                 index: int = 0) -> None:
        self._where, self._parent, self._key, self._index = where, parent, key, index
        if not isinstance(raw, Mapping):
            raise ValidationError(f"expected an object, got {type(raw).__name__}", record=self.where)
        self.raw = raw

    @property
    def where(self) -> str:
        if self._where is None:
            assert self._parent is not None
            self._where = f"{self._parent.where}.{self._key}[{self._index}]"
        return self._where

    @where.setter
    def where(self, value: str) -> None:
        self._where = value

    def fail(self, key: str, message: str) -> ValidationError:
        return ValidationError({key: message}, record=self.where)

    def text(self, key: str, default: str = "") -> str:
        value = self.raw.get(key, default)
        if value is None:
            return default
        if not isinstance(value, str):
            raise self.fail(key, f"expected text, got {type(value).__name__}")
        return value

    def opt_text(self, key: str) -> str | None:
        value = self.text(key)
        return value or None

    def integer(self, key: str, default: int = 0) -> int:
        value = self.raw.get(key, default)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, f"expected a whole number, got {_excerpt(repr(value))}")
        if not -INT_LIMIT <= value <= INT_LIMIT:
            raise self.fail(key, f"the number {_excerpt(str(value))} is out of range (at most {INT_LIMIT:,})")
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.raw.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, f"expected true or false, got {value!r}")
        return value

    def seq(self, key: str) -> list[Any]:
        value = self.raw.get(key) or []
        if not isinstance(value, list):
            raise self.fail(key, f"expected a list, got {type(value).__name__}")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        items = self.seq(key)
        for i, item in enumerate(items):
            if not isinstance(item, str):
                raise self.fail(f"{key}[{i}]", f"expected text, got {type(item).__name__}")
        return tuple(items)

    def items(self, key: str) -> list[_Reader]:
        return [_Reader(item, None, self, key, i) for i, item in enumerate(self.seq(key))]

    def day(self, key: str) -> date | None:
        value = self.text(key)
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.fail(key, f"{_excerpt(repr(value))} is not a date (YYYY-MM-DD)") from None

    def moment(self, key: str) -> datetime | None:
        value = self.text(key)
        if not value:
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise self.fail(key, f"{_excerpt(repr(value))} is not a date and time (YYYY-MM-DDTHH:MM)") from None
        if parsed.tzinfo is not None:
            raise self.fail(key, f"{_excerpt(repr(value))} has a time zone offset; times are the local time at "
                                 "the venue, without an offset (YYYY-MM-DDTHH:MM)")
        return parsed

    def contacts(self, key: str) -> tuple[ContactEntry, ...]:
        out = []
        for i, item in enumerate(self.seq(key)):
            if isinstance(item, str):
                out.append(ContactEntry(item))
            else:
                r = _Reader(item, None, self, key, i)
                out.append(ContactEntry(r.text("value"), r.text("label")))
        return tuple(out)

    def variants(self, key: str = "name_variants") -> tuple[NameVariant, ...]:
        out = []
        for i, item in enumerate(self.seq(key)):
            if isinstance(item, str):
                out.append(NameVariant(item))
            else:
                r = _Reader(item, None, self, key, i)
                out.append(NameVariant(r.text("name"), r.text("script"), r.text("language")))
        return tuple(out)


class _Resolver:
    """Maps uids in the file to ids in the database (records imported earlier or already there)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._ids: dict[tuple[type[m.RecordMixin], str], int] = {}
        # Every id handed out here exists in this transaction: the services need not load it again.
        self._known: set[tuple[type[Any], int]] = session.info.setdefault(KNOWN_IDS, set())
        self._present: dict[type[m.RecordMixin], set[str]] = {}
        # Records this import created through the ORM, whose ids are known once they are flushed.
        self._unflushed: list[tuple[type[m.RecordMixin], m.RecordMixin]] = []
        # uids ``exists`` found unused: the services' ``uid_free`` need not look them up again.
        self._free: set[tuple[type[Any], str]] = session.info.setdefault(FREE_UIDS, set())

    def id_of(self, model: type[m.RecordMixin], uid: str | None, reader: _Reader, key: str) -> int | None:
        if not uid:
            return None
        cached = self._ids.get((model, uid))
        if cached is not None:
            return cached
        if self._unflushed:
            self.flushed()  # records of this file not written yet (institutions wait for their units)
            cached = self._ids.get((model, uid))
            if cached is not None:
                return cached
        ident = self.session.scalar(select(model.id).where(model.uid == uid))
        if ident is None and self.session.new:
            self.session.flush()
            ident = self.session.scalar(select(model.id).where(model.uid == uid))
        if ident is None:
            ident = self._merged_into(model, uid)  # a merged record's uid stands for the record it went into
        if ident is None:
            raise reader.fail(key, f"refers to {uid!r}, which is neither in the file nor in the database")
        self.remember(model, uid, ident)
        return ident

    def created(self, model: type[m.RecordMixin], record: m.RecordMixin) -> None:
        """A record this import added through the ORM: its id is remembered at the next ``flushed``, so a
        reference to it needs no look-up."""
        self._unflushed.append((model, record))

    def flushed(self) -> None:
        """Flush the session and remember the ids of the records created since the last call."""
        self.session.flush()
        for model, record in self._unflushed:
            self.remember(model, record.uid, record.id)  # the uid as stored (trimmed), as a look-up would find it
        self._unflushed.clear()

    def remember(self, model: type[m.RecordMixin], uid: str, ident: int) -> None:
        self._ids[(model, uid)] = ident
        self._known.add((model, ident))

    def exists(self, model: type[m.RecordMixin], uid: str) -> bool:
        """Present already, or merged into a record that is (its uid is that record's alias).

        The uids of ``model``'s table (and merge aliases) are read once per import: one statement
        instead of two per record. Records this import adds are not in that set; a uid twice in the
        file is refused before this is asked."""
        present = self._present.get(model)
        if present is None:
            conn = self.session.connection()
            present = set(conn.scalars(select(model.uid)))
            kind = str(getattr(model, "__tablename__", ""))
            if kind in ("person", "institution"):
                present.update(conn.scalars(select(m.MergeRecord.merged_uid).where(
                    m.MergeRecord.kind == kind, m.MergeRecord.undone_at.is_(None))))
            self._present[model] = present
        if uid in present:
            return True
        self._free.add((model, uid))
        return False

    def _merged_into(self, model: type[m.RecordMixin], uid: str) -> int | None:
        kind = str(getattr(model, "__tablename__", ""))
        if kind not in ("person", "institution"):
            return None
        return self.session.scalar(select(m.MergeRecord.kept_id).where(
            m.MergeRecord.kind == kind, m.MergeRecord.merged_uid == uid, m.MergeRecord.undone_at.is_(None))
            .order_by(m.MergeRecord.id.desc()).limit(1))


class _Pairs(dict[str, Any]):
    """A JSON object as ``json.loads`` builds it, remembering the first key it saw twice (if any)."""

    twice: str = ""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        if len(self) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    self.twice = key
                    break
                seen.add(key)


def load_archive_file(path: Path) -> dict[str, Any]:
    archive_file.checked_size(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise ImportFormatError(f"{path} is not UTF-8 text (byte {err.start})") from None
    except OSError as err:
        raise ImportFormatError(f"cannot read {path}: {err.strerror}") from None
    try:
        data = json.loads(text, object_pairs_hook=_Pairs)
        if isinstance(data, _Pairs) and data.twice:
            # As the streamed file refuses it (archive_file): json.loads would keep the last and drop the first.
            raise ImportFormatError(f"{path}: \"{data.twice}\" appears twice at the top level; an archive "
                                    "holds each key once (which one is meant?)")
    except json.JSONDecodeError as err:
        where = f"line {err.lineno}, column {err.colno}"
        raise ImportFormatError(f"{path} is not valid JSON: {err.msg} at {where}") from None
    except RecursionError:
        raise ImportFormatError(f"{path} is nested too deeply to be an Organizer archive") from None
    return check_archive(data, str(path))


def check_archive(data: Any, name: str = "archive") -> dict[str, Any]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFormatError(f"{name} is not an Organizer archive (no \"format\": \"{FORMAT}\")")
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise ImportFormatError(f"{name} has no valid archive version")
    if version > VERSION:
        raise ImportFormatError(f"{name} is archive version {version}; this Organizer reads up to {VERSION}")
    for section in SECTIONS:
        if not isinstance(data.get(section, []), list):
            raise ImportFormatError(f"{name}: \"{section}\" must be a list")
    return data


Archive = Mapping[str, Any] | ArchiveFile
"""An archive as a dict (``load_archive_file``, tests) or streamed from its file (``open_archive_file``)."""
CHUNK = 1000
"""Records validated and written at a time: bounds the memory an import holds besides the uid maps."""


def open_archive_file(path: Path) -> ArchiveFile:
    """An archive file to import as a stream (format and version checked now, records read as imported)."""
    return ArchiveFile(path)


def import_archive(db: Database, data: Archive, progress: Progress | None = None) -> ImportReport:
    """Import an archive in one transaction; see the module docstring.

    Memory: one chunk of ``CHUNK`` records (plus, from a file, one record being parsed), all
    institutions of the file (they are ordered parents first), and about 100 bytes per record for
    the uid bookkeeping (duplicates in the file, uid -> id for references): some 10 MB per 100,000
    records. It does not hold the archive.
    """
    if isinstance(data, ArchiveFile):
        records = data.records
        total = data.count() if progress is not None else 0
    else:
        check_archive(data)
        records = lambda section: iter(data.get(section, []))  # noqa: E731
        total = sum(len(data.get(s, [])) for s in SECTIONS)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    def attempt(session: Session) -> ImportReport:
        nonlocal done
        done = 0
        report = ImportReport()
        audit.suspend(session)  # one entry for the whole import and one "create" per new record (below)
        # The search queue's per-row insert triggers are off while the records go in; the created records
        # are queued below in a few statements (store/search/queue.py).
        triggers_back = search_queue.without_insert_triggers(session.connection())
        created: dict[str, list[str]] = {}
        res = _Resolver(session)
        for section in SECTIONS:
            report.added[section] = 0
            report.unchanged[section] = 0
            raw_items: Iterable[Any] = records(section)
            if section in _BULK_RECORDS:
                new_uids = created.setdefault(_AUDIT_KINDS[section], [])
                _in_chunks(session, res, section, raw_items, report, tick, new_uids)
                continue
            numbered: Iterable[tuple[int, Any]] = enumerate(raw_items)
            if section == "institutions":
                numbered = _parents_first(list(raw_items))
            seen: set[str] = set()
            for n, (i, raw) in enumerate(numbered):
                r = _Reader(raw, f"{section}[{i}]")
                uid = clean(r.text("uid")) if section != "topics" else ""  # as stored
                if uid:
                    r.where = f"{section}[{i}] ({_excerpt(uid)})"
                    if uid in seen:
                        raise r.fail("uid", "appears twice in the file")
                    seen.add(uid)
                added = _import_one(session, res, section, r, uid)
                if added and section in _AUDIT_KINDS:
                    created.setdefault(_AUDIT_KINDS[section], []).append(uid)
                report.added[section] += int(added)
                report.unchanged[section] += int(not added)
                tick()
                if n % CHUNK == CHUNK - 1:
                    res.flushed()
            # Records of one section refer only to earlier sections (institutions also to their parents,
            # which the resolver flushes when a unit asks for one), so a flush per chunk lets
            # SQLAlchemy batch the inserts.
            res.flushed()
        if triggers_back is not None:
            for kind, uids in created.items():
                search_queue.queue_records(session.connection(), kind, uids)
            triggers_back()
        for kind, uids in created.items():
            audit.created_by_import(session, kind, uids)
        audit.add(session, "import", detail={"added": dict(report.added), "unchanged": dict(report.unchanged)})
        return report

    # Another client importing the same records at the same moment (a server shared by a team) may
    # insert a uid or topic first: the import then starts again and finds those records present.
    return db.write(attempt)


_AUDIT_KINDS = {"people": "person", "institutions": "institution", "visits": "visit", "meetings": "meeting",
                "followups": "followup", "agreements": "agreement"}
"""Archive sections whose new records get a "create" entry in the audit trail."""


def _in_chunks(session: Session, res: _Resolver, section: str, items: Iterable[Any], report: ImportReport,
               tick: Callable[[], None], created: list[str]) -> None:
    """A section of ``_BULK_RECORDS``: its records (uid required, once in the file) are checked by their
    service's rules and written ``CHUNK`` at a time with bulk inserts (``_records_chunk``). The ORM would
    build and track several objects per record (a person's names, e-mails, positions...), which made these
    sections most of an import's time and memory."""
    seen: set[str] = set()
    chunk: list[tuple[_Reader, str]] = []

    def flush() -> None:
        added = _records_chunk(session, res, section, chunk, tick, created)
        report.added[section] += added
        report.unchanged[section] += len(chunk) - added
        chunk.clear()

    for i, raw in enumerate(items):
        r = _Reader(raw, f"{section}[{i}]")
        uid = clean(r.text("uid"))  # as stored
        if not uid:
            raise r.fail("uid", "every record needs a uid")
        r.where = f"{section}[{i}] ({_excerpt(uid)})"
        if uid in seen:
            raise r.fail("uid", "appears twice in the file")
        seen.add(uid)
        chunk.append((r, uid))
        if len(chunk) == CHUNK:
            flush()
    if chunk:
        flush()


def _new_ids(conn: Any, table: Any, uids: list[str]) -> list[int]:
    """The ids of the rows just inserted with these uids, in the same order."""
    found = dict(conn.execute(select(table.c.uid, table.c.id).where(table.c.uid.in_(uids))).all())
    return [found[uid] for uid in uids]


def _records_chunk(session: Session, res: _Resolver, section: str, chunk: list[tuple[_Reader, str]],
                   tick: Callable[[], None], created: list[str]) -> int:
    """Validate and insert the new records of one chunk of ``section`` (uids appended to ``created``);
    returns how many were new."""
    model, table_name, read, check = _BULK_RECORDS[section]
    present = _present(session, res, model, [uid for _, uid in chunk])
    checked: list[tuple[str, CheckedRecord]] = []
    for r, uid in chunk:
        tick()
        if uid in present:
            continue
        try:
            data = read(res, r, uid)
            checker = Checker(r.where)
            checker.text("uid", uid, required=True, limit=SHORT_LIMIT)
            record = check(session, data, checker)
            checker.check()
        except ValidationError as err:
            if err.record and err.record.startswith(section):
                raise
            raise ValidationError(err.issues, record=r.where) from None
        checked.append((uid, record))
    if not checked:
        return 0
    if any(t.id is None for _, record in checked for t in record.topics):
        session.flush()  # topics first named here get their ids
    conn = session.connection()
    table = schema.table(table_name)
    keys = list(checked[0][1].columns)
    insert_rows(conn, table, ["uid", *keys], [(uid, *(record.columns[k] for k in keys)) for uid, record in checked])
    uids = [uid for uid, _ in checked]
    ids = _new_ids(conn, table, uids)
    for uid, ident in zip(uids, ids, strict=True):
        res.remember(model, uid, ident)
    created.extend(uids)
    pairs = list(zip((record for _, record in checked), ids, strict=True))
    owner = f"{table_name}_id"
    for child in checked[0][1].children:
        rows = [(ident, row) for record, ident in pairs for row in record.children[child]]
        if rows:
            child_keys = list(rows[0][1])
            insert_rows(conn, schema.table(child), [owner, *child_keys],
                        [(ident, *(row[k] for k in child_keys)) for ident, row in rows])
    links = [(ident, t.id) for record, ident in pairs for t in record.topics]
    if links:
        insert_rows(conn, schema.table(f"{table_name}_topic"), (owner, "topic_id"), links)
    return len(checked)


def _present(session: Session, res: _Resolver, model: type[m.RecordMixin], uids: list[str]) -> set[str]:
    """Which of these uids are in the database already (or are merge aliases of records that are)."""
    if model is not m.Person:
        return {uid for uid in uids if res.exists(model, uid)}
    # People are looked up a chunk at a time: a large database holds far more of them than of the rest.
    present = set(session.scalars(select(m.Person.uid).where(m.Person.uid.in_(uids))))
    present |= set(session.scalars(select(m.MergeRecord.merged_uid).where(  # merged away: an alias now
        m.MergeRecord.kind == "person", m.MergeRecord.merged_uid.in_(uids), m.MergeRecord.undone_at.is_(None))))
    return present


_POSITION_COLUMNS = ("title", "institution_id", "start_date", "end_date", "is_current")
"""A new position's columns: an archive gives positions no ids (they get new ones, and new uids)."""


def _check_person(session: Session, data: PersonData, checker: Checker) -> CheckedRecord:
    """``people.check_person`` in the shape of the other sections' checks, as the rows of a new person."""
    # Institution ids come from the resolver, which only hands out ids it found in the database.
    person = people.check_person(data, checker, lambda _ident: True)
    return CheckedRecord(
        {"photo": None, "photo_type": "", **person.columns},
        {"person_name": person.names, "person_email": person.emails, "person_phone": person.phones,
         "person_tag": [{"tag": tag} for tag in person.tags],
         "position": [{key: p[key] for key in _POSITION_COLUMNS} for p in person.positions]},
        topics_by_name(session, data.topics, checker))


def _parents_first(items: list[Any]) -> list[tuple[int, Any]]:
    """The institutions (with their places in the file) level by level: those whose parent is not in
    the file first, then their units, then the units' units... (the file may list them any way).

    Level order lets each level be written in one batch: a unit refers to its parent by id, and a
    parent written in the same batch as its unit would need a flush of its own first (one per unit
    when parents come just before their units). A chain of parents that comes back to where it
    started is refused, naming the cycle.
    """
    by_uid = {it.get("uid"): it for it in items if isinstance(it, dict)}
    index = {id(it): i for i, it in enumerate(items)}
    depth: dict[int, int] = {}

    for item in items:
        chain: list[Any] = []
        on_chain: set[int] = set()
        current = item
        while current is not None and id(current) not in depth:
            if id(current) in on_chain:
                start = next(k for k, c in enumerate(chain) if c is current)
                loop = [str(c.get("uid")) for c in chain[start:]] + [str(current.get("uid"))]
                where = f"institutions[{index[id(current)]}] ({_excerpt(str(current.get('uid')))})"
                raise ValidationError({"parent": "the parents form a cycle: "
                                                 + _excerpt(" -> ".join(loop), 300)}, record=where)
            chain.append(current)
            on_chain.add(id(current))
            parent_uid = current.get("parent") if isinstance(current, dict) else None
            current = by_uid.get(parent_uid) if isinstance(parent_uid, str) and parent_uid else None
        level = depth[id(current)] + 1 if current is not None else 0
        for c in reversed(chain):
            depth[id(c)] = level
            level += 1
    return sorted(enumerate(items), key=lambda pair: depth[id(pair[1])])


def _import_one(session: Session, res: _Resolver, section: str, r: _Reader, uid: str) -> bool:
    if section == "topics":
        checker = Checker(r.where)
        name = r.text("name")
        checker.text("name", name, required=True)
        checker.check()
        existed = session.scalar(select(m.Topic.id).where(m.Topic.name == name.strip())) is not None
        topic = topics_by_name(session, [name], checker)
        checker.check()
        if not existed and r.text("description"):
            topic[0].description = checker.long_text("description", r.text("description"))
            checker.check()
        return not existed
    if not uid:
        raise r.fail("uid", "every record needs a uid")
    model = _MODELS[section]
    if res.exists(model, uid):
        return False
    try:
        res.created(model, _BUILDERS[section](session, res, r, uid))
    except ValidationError as err:
        if err.record and err.record.startswith(section):
            raise
        raise ValidationError(err.issues, record=r.where) from None
    except OrganizerError:
        raise
    return True


_REF_MODELS: dict[str, type[m.RecordMixin]] = {
    "institution": m.Institution, "person": m.Person, "visit": m.Visit, "meeting": m.Meeting}
FieldReader = Callable[[_Resolver, _Reader, str], Any]


def _reader(table: FieldTable) -> Callable[[_Resolver, _Reader, str], Any]:
    """A function from an archive record (or row) to the input of ``table`` (``domain.fields``): each field
    read from its archive key as its type says, references looked up by uid; made once per table."""
    plan = [(fld.name, _field_reader(table, fld)) for fld in table if fld.archive is not None]
    data = table.data

    def read(res: _Resolver, r: _Reader, uid: str) -> Any:
        return data(**{name: read_field(res, r, uid) for name, read_field in plan})

    return read


def _field_reader(table: FieldTable, fld: Field) -> FieldReader:
    key, t, required = str(fld.archive), fld.type, table.required(fld.name)
    if t is FieldType.UID:
        return lambda res, r, uid: uid or None
    if t in (FieldType.TEXT, FieldType.LONG_TEXT):
        return lambda res, r, uid: r.text(key)
    if t is FieldType.TEXTS:
        return lambda res, r, uid: r.texts(key)
    if t is FieldType.DATE:
        return lambda res, r, uid: r.day(key)
    if t is FieldType.DATETIME:
        return lambda res, r, uid: r.moment(key)
    if t is FieldType.BOOL:
        return lambda res, r, uid: r.flag(key)
    if t is FieldType.INT:
        return lambda res, r, uid: r.integer(key)
    if t is FieldType.ENUM:
        assert fld.enum is not None
        enum, default = fld.enum, table.default(fld.name)
        text = str(default) if default is not None else ""
        return lambda res, r, uid: parse_enum(enum, r.text(key, text), key)
    if t is FieldType.REF:
        return _ref_reader(_REF_MODELS[fld.ref], key, required)
    if t is FieldType.REFS:
        model = _REF_MODELS[fld.ref]
        return lambda res, r, uid: tuple(res.id_of(model, ref, r, f"{key}[{i}]") for i, ref in enumerate(r.texts(key)))
    if t is FieldType.ROWS:
        rows = fld.row_table
        row = _reader(rows)
        shorthand = rows.fields[0].type is FieldType.TEXT  # "a@b.org" for {"value": "a@b.org"}

        def read_rows(res: _Resolver, r: _Reader, uid: str) -> tuple[Any, ...]:
            out = []
            for i, item in enumerate(r.seq(key)):
                if shorthand and isinstance(item, str):
                    out.append(rows.data(item))
                else:
                    out.append(row(res, _Reader(item, None, r, key, i), ""))
            return tuple(out)

        return read_rows
    if t is FieldType.NESTED:
        nested = _reader(fld.row_table)
        return lambda res, r, uid: nested(res, _Reader(r.raw.get(key) or {}, f"{r.where}.{key}"), "")
    if t is FieldType.BYTES:
        return lambda res, r, uid: _file(r, key)
    raise AssertionError(f"no archive reader for {table.kind}.{fld.name} ({t})")


def _ref_reader(model: type[m.RecordMixin], key: str, required: bool) -> FieldReader:
    def read(res: _Resolver, r: _Reader, uid: str) -> int | None:
        ident = res.id_of(model, r.opt_text(key), r, key)
        if ident is None and required:
            raise r.fail(key, "is required")
        return ident

    return read


def _file(r: _Reader, key: str) -> bytes | None:
    """A file carried as ``{"media_type": ..., "base64": ...}`` (a person's photo); its type is read apart."""
    raw = r.raw.get(key)
    if raw is None:
        return None
    p = _Reader(raw, f"{r.where}.{key}")
    try:
        return base64.b64decode(p.text("base64"), validate=True)
    except (binascii.Error, ValueError):
        raise p.fail("base64", "is not valid base64") from None


_read_institution = _reader(fields.INSTITUTION)
_read_agreement = _reader(fields.AGREEMENT)
_read_visit = _reader(fields.VISIT)
_read_meeting = _reader(fields.MEETING)
_read_followup = _reader(fields.FOLLOWUP)
_read_person_fields = _reader(fields.PERSON)


def _person_data(res: _Resolver, r: _Reader, uid: str) -> PersonData:
    data: PersonData = _read_person_fields(res, r, uid)
    if data.photo is None:
        return data
    photo = _Reader(r.raw["photo"], f"{r.where}.photo")
    return replace(data, photo_type=photo.text("media_type"))


def _institution(session: Session, res: _Resolver, r: _Reader, uid: str) -> m.RecordMixin:
    # written in batches; a unit's look-up of its parent flushes what is pending first
    return institutions.create_in(session, _read_institution(res, r, uid), flush=False)


def _agreement(session: Session, res: _Resolver, r: _Reader, uid: str) -> m.RecordMixin:
    return agreements.create_in(session, _read_agreement(res, r, uid), flush=False)


_MODELS: dict[str, type[m.RecordMixin]] = {
    "institutions": m.Institution,
    "people": m.Person,
    "visits": m.Visit,
    "meetings": m.Meeting,
    "followups": m.FollowUp,
    "agreements": m.Agreement,
}
_BUILDERS: dict[str, Callable[[Session, _Resolver, _Reader, str], m.RecordMixin]] = {
    "institutions": _institution,
    "agreements": _agreement,
}
"""The sections imported record by record through the services' ``create_in`` (the ORM): institutions
(a unit refers to its parent, which the same chunk may create) and agreements (few)."""
_BULK_RECORDS: dict[str, tuple[type[m.RecordMixin], str, Callable[[_Resolver, _Reader, str], Any],
                               Callable[[Session, Any, Checker], CheckedRecord]]] = {
    "people": (m.Person, "person", _person_data, _check_person),
    "visits": (m.Visit, "visit", _read_visit, visits.check_visit),
    "meetings": (m.Meeting, "meeting", _read_meeting, meetings.check_meeting),
    "followups": (m.FollowUp, "followup", _read_followup, followups.check_followup),
}
"""Sections written in bulk through ``_records_chunk``: (model, table, archive reader, service check)."""
