"""The Organizer archive (JSON): the import path the demo data and users' files take.

Format (``"format": "organizer-archive", "version": 2``; version 1 files are read too): top-level lists
``topics``, ``institutions``, ``people``, ``visits``, ``meetings``, ``followups``, ``agreements``,
``programme``, ``attachments``. Every record has a ``uid`` and (version 2) its ``created_at`` and
``updated_at``; records refer to each other by uid (``"parent": "<uid>"``), topics by name. Nested parts
(a person's positions, a visit's participants) travel inside their record; attachments are records of
their own (``archive.attachments``). The format is described in README.md ("The Organizer archive").

Import is one transaction: either the whole file goes in or nothing does, and the error names the
record and field. A new record keeps the file's ``created_at`` and ``updated_at``. A record whose uid is
already in the database follows the merge rule of ``archive.merge``: same content -> ``unchanged``,
different and newer in the file -> ``updated``, different and not newer -> ``skipped``; so importing the
same file twice adds and changes nothing the second time.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from organizer.domain import fields
from organizer.domain.enums import RecordKind
from organizer.domain.errors import ImportFormatError, OrganizerError, ValidationError
from organizer.services import agreements, institutions, programme, topics
from organizer.services._checks import Checker, clean
from organizer.services._gc import fewer_collections
from organizer.services._records import topics_by_name
from organizer.services.archive import bulk
from organizer.services.archive import file as archive_file
from organizer.services.archive.attachments import import_attachment
from organizer.services.archive.bulk import BULK_RECORDS, in_chunks, stamps
from organizer.services.archive.file import ArchiveFile
from organizer.services.archive.merge import Merger
from organizer.services.archive.reading import RecordReader, UidResolver, data_reader, excerpt, read_variants
from organizer.store import audit
from organizer.store import models as m
from organizer.store.database import Database
from organizer.store.search import queue as search_queue

FORMAT = archive_file.FORMAT
VERSION = archive_file.VERSION
SECTIONS = archive_file.SECTIONS

Progress = Callable[[int, int], None]


@dataclass
class ImportReport:
    added: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    """Stored records the file's newer version replaced (``archive.merge``)."""
    skipped: dict[str, int] = field(default_factory=dict)
    """Stored records that differ from the file's, kept because the file's version is not newer."""

    def count(self, section: str, outcome: str) -> None:
        counts = getattr(self, outcome)
        counts[section] = counts.get(section, 0) + 1

    dry_run: bool = False
    """A preview: nothing was written (``import_archive(dry_run=True)``)."""

    def as_json(self) -> dict[str, Any]:
        return {"added": dict(self.added), "unchanged": dict(self.unchanged), "updated": dict(self.updated),
                "skipped": dict(self.skipped), "dry_run": self.dry_run}

    @property
    def total_added(self) -> int:
        return sum(self.added.values())


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
CHUNK = bulk.CHUNK


def open_archive_file(path: Path) -> ArchiveFile:
    """An archive file to import as a stream (format and version checked now, records read as imported)."""
    return ArchiveFile(path)


def import_archive(db: Database, data: Archive, progress: Progress | None = None, *,
                   dry_run: bool = False) -> ImportReport:
    """Import an archive in one transaction; see the module docstring. ``dry_run``: everything is done,
    checks included, then rolled back; the report is the preview (``dry_run`` set in it).

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
        # With the triggers off (SQLite), new people are indexed as they are written, not queued.
        people_index = bulk.PeopleIndex(session) if triggers_back is not None else None
        created: dict[RecordKind, list[str]] = {}
        res = UidResolver(session)
        merger = Merger(session, res)
        for section in SECTIONS:
            for counts in (report.added, report.unchanged, report.updated, report.skipped):
                counts[section] = 0
            raw_items: Iterable[Any] = records(section)
            if section in BULK_RECORDS:
                new_uids = created.setdefault(_AUDIT_KINDS[section], [])
                in_chunks(session, res, merger, section, raw_items, report, tick, new_uids, people_index)
                continue
            if section == "attachments":
                _attachments(session, res, raw_items, report, tick)
                continue
            numbered: Iterable[tuple[int, Any]] = enumerate(raw_items)
            if section == "institutions":
                numbered = _parents_first(list(raw_items))
            seen: set[str] = set()
            for n, (i, raw) in enumerate(numbered):
                r = RecordReader(raw, f"{section}[{i}]")
                uid = clean(r.text("uid")) if section != "topics" else ""  # as stored
                if uid:
                    r.where = f"{section}[{i}] ({excerpt(uid)})"
                    if uid in seen:
                        raise r.fail("uid", "appears twice in the file")
                    seen.add(uid)
                outcome = _import_one(session, res, merger, section, r, uid)
                if outcome == "added" and section in _AUDIT_KINDS:
                    created.setdefault(_AUDIT_KINDS[section], []).append(uid)
                report.count(section, outcome)
                tick()
                if n % CHUNK == CHUNK - 1:
                    res.flushed()
            # Records of one section refer only to earlier sections (institutions also to their parents,
            # which the resolver flushes when a unit asks for one), so a flush per chunk lets
            # SQLAlchemy batch the inserts.
            res.flushed()
        session.flush()
        if triggers_back is not None:
            for kinds in (created, merger.updated):  # an update's new child rows fired no insert trigger
                for kind, uids in kinds.items():
                    if kinds is created and kind is RecordKind.PERSON:
                        continue  # indexed as they were written (people_index)
                    search_queue.queue_records(session.connection(), kind, uids)
            triggers_back()
        for kind, uids in created.items():
            audit.created_by_import(session, kind, uids)
        audit.add(session, "import", detail=report.as_json())
        if dry_run:
            report.dry_run = True
            raise _DryRunDone(report)  # the unit of work rolls back: nothing of the file is kept
        return report

    # Another client importing the same records at the same moment (a server shared by a team) may
    # insert a uid or topic first: the import then starts again and finds those records present.
    try:
        with fewer_collections():  # a quarter of the CPU went to the cycle collector (services._gc)
            return db.write(attempt)
    except _DryRunDone as preview:
        return preview.report


class _DryRunDone(Exception):  # noqa: N818 (not an error: how a dry run rolls back)
    def __init__(self, report: ImportReport) -> None:
        super().__init__("dry run")
        self.report = report


_AUDIT_KINDS = {kind.info.collection: kind for kind in RecordKind if kind is not RecordKind.TOPIC}
"""Archive sections whose new records get a "create" entry in the audit trail."""


def _attachments(session: Session, res: UidResolver, items: Iterable[Any], report: ImportReport,
                 tick: Callable[[], None]) -> None:
    """The ``attachments`` section, one record (one file) at a time (``archive.attachments``)."""
    res.flushed()  # owners created by this import are written (an attachment refers to them by id)
    conn = session.connection()
    seen: set[str] = set()
    for i, raw in enumerate(items):
        r = RecordReader(raw, f"attachments[{i}]")
        uid = clean(r.text("uid"))
        if not uid:
            raise r.fail("uid", "every record needs a uid")
        r.where = f"attachments[{i}] ({excerpt(uid)})"
        if uid in seen:
            raise r.fail("uid", "appears twice in the file")
        seen.add(uid)
        report.count("attachments", import_attachment(conn, res, r, uid, *stamps(r)))
        tick()


def _parents_first(items: list[Any]) -> list[tuple[int, Any]]:
    """The institutions (with their places in the file) level by level: those whose parent is not in
    the file first, then their units, then the units' units... (the file may list them any way).

    Level order lets each level be written in one batch: a unit refers to its parent by id, and a
    parent written in the same batch as its unit would need a flush of its own first (one per unit
    when parents come just before their units). A chain of parents that comes back to where it
    started is refused, naming the cycle.
    """
    # Only objects with a text uid can be parents; anything else is refused when its turn comes.
    by_uid = {it["uid"]: it for it in items if isinstance(it, dict) and isinstance(it.get("uid"), str)}
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
                where = f"institutions[{index[id(current)]}] ({excerpt(str(current.get('uid')))})"
                raise ValidationError({"parent": "the parents form a cycle: "
                                                 + excerpt(" -> ".join(loop), 300)}, record=where)
            chain.append(current)
            on_chain.add(id(current))
            parent_uid = current.get("parent") if isinstance(current, dict) else None
            current = by_uid.get(parent_uid) if isinstance(parent_uid, str) and parent_uid else None
        level = depth[id(current)] + 1 if current is not None else 0
        for c in reversed(chain):
            depth[id(c)] = level
            level += 1
    return sorted(enumerate(items), key=lambda pair: depth.get(id(pair[1]), 0))  # null: not on any chain


def _import_one(session: Session, res: UidResolver, merger: Merger, section: str, r: RecordReader, uid: str) -> str:
    """Import one record of an ORM section (or a topic); returns its outcome (``added``, ``unchanged``...)."""
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
        topics.fill_variants(topic[0], read_variants(r, "variants"), checker)
        return "unchanged" if existed else "added"
    if not uid:
        raise r.fail("uid", "every record needs a uid")
    model = _MODELS[section]
    if res.exists(model, uid):
        res.flushed()  # records this import created and the stored one may refer to are written
        return merger.merge(section, _READERS[section], [(r, uid)], stamps)[0]
    try:
        obj = _BUILDERS[section](session, res, r, uid)
        made, changed = stamps(r)
    except ValidationError as err:
        if err.record and err.record.startswith(section):
            raise
        raise ValidationError(err.issues, record=r.where) from None
    except OrganizerError:
        raise
    if made is not None:
        obj.created_at = made
    if changed is not None:
        obj.updated_at = changed
    res.created(model, obj)
    return "added"


_read_institution = data_reader(fields.INSTITUTION)
_read_agreement = data_reader(fields.AGREEMENT)
_read_programme_item = data_reader(fields.PROGRAMME_ITEM)
def _institution(session: Session, res: UidResolver, r: RecordReader, uid: str) -> m.RecordMixin:
    # written in batches; a unit's look-up of its parent flushes what is pending first
    return institutions.create_in(session, _read_institution(res, r, uid), flush=False)


def _by_orm(create_in: Callable[..., m.RecordMixin], read: Callable[[UidResolver, RecordReader, str], Any]) -> Any:
    """A builder that creates a record of a small section through its service's ``create_in``."""
    return lambda session, res, r, uid: create_in(session, read(res, r, uid), flush=False)


_MODELS: dict[str, type[m.RecordMixin]] = {
    "institutions": m.Institution,
    "people": m.Person,
    "visits": m.Visit,
    "meetings": m.Meeting,
    "followups": m.FollowUp,
    "agreements": m.Agreement,
    "programme": m.ProgrammeItem,
}
_READERS = {"institutions": _read_institution, "agreements": _read_agreement, "programme": _read_programme_item}
_BUILDERS: dict[str, Callable[[Session, UidResolver, RecordReader, str], m.RecordMixin]] = {
    "institutions": _institution,
    "agreements": _by_orm(agreements.create_in, _read_agreement),
    "programme": _by_orm(programme.create_in, _read_programme_item),
}
"""The sections imported record by record through the services' ``create_in`` (the ORM): institutions
(a unit refers to its parent, which the same chunk may create), agreements and programme items (few)."""
