"""Export of the whole database as an Organizer archive (the format ``interchange`` imports).

The file is written by ``store.files.write_file``: to a temporary name beside the target, synced, then
renamed over it, so an interrupted export never leaves a half-written archive where a good one was (the
temporary name carries the writer's process id; leftovers of a killed export are removed by the next
export to that folder). The output may not be the open database, one of its companion files (``-wal``,
``-shm``, ``-journal``) or backups, a device, a FIFO, a folder or a symbolic link (not followed).
Attachments travel in the archive's ``attachments`` section (``archive.attachments``), one file a record,
read from the database one at a time. Every record carries its ``created_at`` and ``updated_at`` (UTC): the
import's merge rule compares them (``archive.merge``).
"""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, undefer

from organizer import __version__
from organizer.domain import fields
from organizer.domain.fields import Field, FieldTable, FieldType
from organizer.domain.variants import from_mapping, to_mapping
from organizer.services.archive.attachments import iter_attachments
from organizer.services.archive.file import FORMAT, SECTIONS, VERSION
from organizer.store import models as m
from organizer.store.database import Database
from organizer.store.files import check_output_path, write_file

__all__ = ["check_output_path", "export_archive", "write_archive"]

TEMP_SUFFIX = ".tmp"


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _uids(session: Session, model: type[m.RecordMixin]) -> dict[int, str]:
    return {ident: uid for ident, uid in session.execute(select(model.id, model.uid))}


BATCH = 1000
"""Records loaded (with their parts) at a time: bounds the export's memory besides the uid maps."""


def _batches(s: Session, model: type[m.RecordMixin], *loads: Any) -> Iterator[Any]:
    """Every ``model`` record in id order with ``loads``, ``BATCH`` at a time; each batch's objects
    leave the session once handed out, so memory does not grow with the table."""
    ids = list(s.scalars(select(model.id).order_by(model.id)))
    for start in range(0, len(ids), BATCH):
        yield from s.scalars(select(model).where(model.id.in_(ids[start:start + BATCH])).order_by(model.id)
                             .options(*loads))
        s.expunge_all()


PLAN: tuple[tuple[str, type[m.RecordMixin], FieldTable, tuple[Any, ...]], ...] = (
    ("institutions", m.Institution, fields.INSTITUTION,
     (selectinload(m.Institution.names), selectinload(m.Institution.topics))),
    ("people", m.Person, fields.PERSON,
     (undefer(m.Person.photo), selectinload(m.Person.names), selectinload(m.Person.emails),
      selectinload(m.Person.phones), selectinload(m.Person.tags), selectinload(m.Person.topics),
      selectinload(m.Person.positions))),
    ("visits", m.Visit, fields.VISIT, (selectinload(m.Visit.topics), selectinload(m.Visit.institutions),
                                      selectinload(m.Visit.participants), selectinload(m.Visit.gifts))),
    ("meetings", m.Meeting, fields.MEETING,
     (selectinload(m.Meeting.participants), selectinload(m.Meeting.topics))),
    ("followups", m.FollowUp, fields.FOLLOWUP, ()),
    ("agreements", m.Agreement, fields.AGREEMENT,
     (selectinload(m.Agreement.parties), selectinload(m.Agreement.signatories))),
    ("programme", m.ProgrammeItem, fields.PROGRAMME_ITEM, ()),
)
"""The record sections: (section, model, field table, what to load with a record). The importer's merge
rule loads stored records the same way to compare them with the file's (``archive.merge``)."""


def iter_archive(db: Database) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every record of the database as (section, archive record), section by section in ``SECTIONS``
    order (records refer to each other by uid). Memory: one batch of records plus the uid maps
    (about 100 bytes per record). Each record's fields are those of its kind's field table
    (``domain.fields``), under their archive keys and in the archive's order."""
    with db.reader() as s:
        uids = {"institution": _uids(s, m.Institution), "person": _uids(s, m.Person), "visit": _uids(s, m.Visit),
                "meeting": _uids(s, m.Meeting)}

        for t in s.scalars(select(m.Topic).order_by(m.Topic.name)):
            topic: dict[str, Any] = {"name": t.name, "description": t.description}
            if t.variants:
                topic["variants"] = to_mapping(from_mapping(t.variants))
            yield "topics", topic
        for section, model, table, loads in PLAN:
            write = record_writer(table)
            for obj in _batches(s, model, *loads):
                yield section, write(obj, uids)
        uids["agreement"] = _uids(s, m.Agreement)
        for record in iter_attachments(s.connection(), uids):
            yield "attachments", record


Uids = dict[str, dict[int, str]]
"""Kind -> (id -> uid) of every record that can be referred to."""
_ABSENT = object()
"""A field the record leaves out (a person without a photo)."""
_TEXT_OF = {"person_tag": "tag"}
"""The column of a list of texts kept as rows of their own: a tag's ``tag``, else a topic's ``name``."""


def record_writer(table: FieldTable) -> Callable[[Any, Uids], dict[str, Any]]:
    """``_writer`` of a top-level record: its fields, then when it was created and last changed."""
    write = _writer(table)

    def stamped(obj: Any, uids: Uids) -> dict[str, Any]:
        out = write(obj, uids)
        out["created_at"] = _iso(obj.created_at)
        out["updated_at"] = _iso(obj.updated_at)
        return out

    return stamped


def _writer(table: FieldTable) -> Callable[[Any, Uids], dict[str, Any]]:
    """A function from a stored record (or row) to its archive record, made once per table."""
    plan = [(str(fld.archive), _field_writer(fld)) for fld in table.archive_fields]

    def write(obj: Any, uids: Uids) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value_of in plan:
            value = value_of(obj, uids)
            if value is not _ABSENT:
                out[key] = value
        return out

    return write


def _field_writer(fld: Field) -> Callable[[Any, Uids], Any]:
    attr, t = fld.attr, fld.type
    if t is FieldType.NESTED:  # a nested record's fields are columns of the record itself (a visit's logistics)
        return _writer(fld.row_table)
    if t is FieldType.ROWS:
        row = _writer(fld.row_table)
        return lambda obj, uids: [row(r, uids) for r in getattr(obj, attr)]
    if t is FieldType.TEXTS and fld.stored_in:
        text = _TEXT_OF.get(fld.stored_in, "name")
        return lambda obj, uids: [getattr(r, text) for r in getattr(obj, attr)]
    if t is FieldType.TEXTS:
        return lambda obj, uids: list(getattr(obj, attr) or [])
    if t in (FieldType.DATE, FieldType.DATETIME):
        return lambda obj, uids: _iso(getattr(obj, attr))
    if t is FieldType.REF:
        kind = fld.ref
        return lambda obj, uids: None if (v := getattr(obj, attr)) is None else uids[kind][v]
    if t is FieldType.REFS:  # rows of a link table: their ``<kind>_id``
        kind, column = fld.ref, f"{fld.ref}_id"
        return lambda obj, uids: [uids[kind][getattr(r, column)] for r in getattr(obj, attr)]
    if t is FieldType.VARIANTS:  # the stored object, in a stable order
        return lambda obj, uids: to_mapping(from_mapping(getattr(obj, attr)))
    if t is FieldType.BYTES:  # a file with its media type (``photo`` and ``photo_type``), when there is one
        media = f"{attr}_type"
        return lambda obj, uids: _ABSENT if (v := getattr(obj, attr)) is None else {
            "media_type": getattr(obj, media), "base64": base64.b64encode(v).decode("ascii")}
    return lambda obj, uids: getattr(obj, attr)


def _header() -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "exported_by": f"organizer {__version__}"}


def export_archive(db: Database) -> dict[str, Any]:
    """Everything in the database as an archive dict (records refer to each other by uid)."""
    data: dict[str, Any] = {**_header(), **{section: [] for section in SECTIONS}}
    for section, record in iter_archive(db):
        data[section].append(record)
    return data


def export_archive_file(db: Database, path: Path) -> dict[str, int]:
    """Write the whole database to ``path`` as an archive, streamed record by record (memory does not
    grow with the database beyond the uid maps), atomically; returns how many records of each section.

    One record a line, each encoded by the stdlib's C encoder: the same JSON values as ``write_archive``
    (any JSON reader, the importer of earlier versions too, reads either)."""
    counts = {section: 0 for section in SECTIONS}

    def write(fh: IO[str]) -> None:
        encode = json.JSONEncoder(ensure_ascii=False).encode
        header = encode(_header())
        fh.write(header[:-1])
        current: str | None = None
        for section, record in iter_archive(db):
            if section != current:
                if current is not None:
                    fh.write("\n]")
                fh.write(f',\n"{section}": [\n')
                current = section
            elif counts[section]:
                fh.write(",\n")
            fh.write(encode(record))
            counts[section] += 1
        if current is not None:
            fh.write("\n]")
        for section in SECTIONS:
            if not counts[section]:
                fh.write(f',\n"{section}": []')
        fh.write("}\n")

    _atomic_write(path, write, db.path)
    return counts


def write_archive(data: dict[str, Any], path: Path, database: Path | None = None) -> None:
    """Write an archive dict atomically, never over ``database``'s files (see ``_atomic_write``)."""

    def write(fh: IO[str]) -> None:
        json.dump(data, fh, ensure_ascii=False, indent=1)
        fh.write("\n")

    _atomic_write(path, write, database)


def _atomic_write(path: Path, write: Callable[[IO[str]], None], database: Path | None) -> None:
    """Write UTF-8 text through ``write`` with ``store.files.write_file`` (guarded, atomic)."""

    def fill(fh: BinaryIO) -> None:
        text = io.TextIOWrapper(fh, encoding="utf-8")
        write(text)
        text.flush()
        text.detach()  # the binary file stays open for write_file to sync and rename

    write_file(path, fill, database=database, suffix=TEMP_SUFFIX)
