"""Export of the whole database as an Organizer archive (the format ``interchange`` imports).

The file is written to a temporary name beside the target, synced, then renamed over it, so an
interrupted export never leaves a half-written archive where a good one was. The temporary name carries
the writer's process id; leftovers of a killed export are removed by the next export to that folder.
The output may not be the open database or one of its companion files (``-wal``, ``-shm``,
``-journal``); a symbolic link as output is written through (its target is replaced, the link stays).
Attachments are not exported yet (they can be large; the archive issue decides how to carry them).
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, undefer

from organizer import __version__
from organizer.domain.errors import OrganizerError
from organizer.services.archive.file import FORMAT, SECTIONS, VERSION
from organizer.store import models as m
from organizer.store.database import Database
from organizer.store.files import check_output_path, clean_stale_temps, private_temp

__all__ = ["check_output_path", "export_archive", "write_archive"]

TEMP_SUFFIX = ".tmp"


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _uids(session: Session, model: type[m.RecordMixin]) -> dict[int, str]:
    return {ident: uid for ident, uid in session.execute(select(model.id, model.uid))}


def _variants(names: list[m.PersonName] | list[m.InstitutionName]) -> list[dict[str, str]]:
    return [{"name": n.name, "script": n.script, "language": n.language} for n in names]


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


def iter_archive(db: Database) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every record of the database as (section, archive record), section by section in ``SECTIONS``
    order (records refer to each other by uid). Memory: one batch of records plus the uid maps
    (about 100 bytes per record)."""
    with db.reader() as s:
        inst_uid = _uids(s, m.Institution)
        person_uid = _uids(s, m.Person)
        visit_uid = _uids(s, m.Visit)
        meeting_uid = _uids(s, m.Meeting)

        def ref(table: dict[int, str], ident: int | None) -> str | None:
            return table[ident] if ident is not None else None

        for t in s.scalars(select(m.Topic).order_by(m.Topic.name)):
            yield "topics", {"name": t.name, "description": t.description}
        for i in _batches(s, m.Institution, selectinload(m.Institution.names), selectinload(m.Institution.topics)):
            yield "institutions", {
                "uid": i.uid, "name": i.name, "short_name": i.short_name, "kind": i.kind,
                "parent": ref(inst_uid, i.parent_id), "country": i.country, "city": i.city,
                "address": i.address, "website": i.website, "profile": i.profile,
                "name_variants": _variants(i.names), "topics": [t.name for t in i.topics],
            }
        for p in _batches(s, m.Person, undefer(m.Person.photo), selectinload(m.Person.names),
                          selectinload(m.Person.emails), selectinload(m.Person.phones), selectinload(m.Person.tags),
                          selectinload(m.Person.topics), selectinload(m.Person.positions)):
            record: dict[str, Any] = {
                "uid": p.uid, "given_name": p.given_name, "family_name": p.family_name,
                "middle_name": p.middle_name, "honorific": p.honorific, "form_of_address": p.form_of_address,
                "display_name": p.display_name, "name_variants": _variants(p.names),
                "languages": list(p.languages or []), "biography": p.biography, "notes": p.notes,
                "dietary_needs": p.dietary_needs, "interpreter_needs": p.interpreter_needs,
                "emails": [{"value": e.address, "label": e.label} for e in p.emails],
                "phones": [{"value": ph.number, "label": ph.label} for ph in p.phones],
                "tags": [t.tag for t in p.tags], "topics": [t.name for t in p.topics],
                "positions": [
                    {"title": pos.title, "institution": inst_uid[pos.institution_id],
                     "start_date": _iso(pos.start_date), "end_date": _iso(pos.end_date), "current": pos.is_current}
                    for pos in p.positions
                ],
            }
            if p.photo is not None:
                record["photo"] = {"media_type": p.photo_type, "base64": base64.b64encode(p.photo).decode("ascii")}
            yield "people", record
        for v in _batches(s, m.Visit, selectinload(m.Visit.topics), selectinload(m.Visit.institutions),
                          selectinload(m.Visit.participants), selectinload(m.Visit.gifts)):
            yield "visits", {
                "uid": v.uid, "title": v.title, "direction": v.direction, "start_date": _iso(v.start_date),
                "end_date": _iso(v.end_date), "place": v.place, "purpose": v.purpose, "status": v.status,
                "summary": v.summary, "topics": [t.name for t in v.topics],
                "institutions": [{"institution": inst_uid[vi.institution_id], "side": vi.side}
                                 for vi in v.institutions],
                "participants": [
                    {"person": person_uid[vp.person_id], "side": vp.side, "role": vp.role, "precedence": vp.precedence}
                    for vp in v.participants
                ],
                "logistics": {
                    "arrival_at": _iso(v.arrival_at), "arrival_details": v.arrival_details,
                    "departure_at": _iso(v.departure_at), "departure_details": v.departure_details,
                    "lodging": v.lodging, "transport": v.transport, "interpreter_needs": v.interpreter_needs,
                    "dietary_needs": v.dietary_needs,
                },
                "gifts": [
                    {"direction": g.direction, "description": g.description, "person": ref(person_uid, g.person_id)}
                    for g in v.gifts
                ],
            }
        for mt in _batches(s, m.Meeting, selectinload(m.Meeting.participants), selectinload(m.Meeting.topics)):
            yield "meetings", {
                "uid": mt.uid, "visit": ref(visit_uid, mt.visit_id), "title": mt.title, "kind": mt.kind,
                "starts_at": _iso(mt.starts_at), "ends_at": _iso(mt.ends_at),
                "venue": ref(inst_uid, mt.venue_institution_id), "room": mt.room,
                "participants": [{"person": person_uid[mp.person_id], "side": mp.side, "role": mp.role}
                                 for mp in mt.participants],
                "objectives": mt.objectives, "talking_points": mt.talking_points, "agenda": mt.agenda,
                "notes": mt.notes, "outcomes": mt.outcomes, "topics": [t.name for t in mt.topics],
            }
        for f in _batches(s, m.FollowUp):
            yield "followups", {
                "uid": f.uid, "description": f.description, "status": f.status, "due_date": _iso(f.due_date),
                "owner_person": ref(person_uid, f.owner_person_id),
                "owner_institution": ref(inst_uid, f.owner_institution_id),
                "visit": ref(visit_uid, f.visit_id), "meeting": ref(meeting_uid, f.meeting_id), "notes": f.notes,
            }
        for a in _batches(s, m.Agreement, selectinload(m.Agreement.parties), selectinload(m.Agreement.signatories)):
            yield "agreements", {
                "uid": a.uid, "title": a.title, "kind": a.kind, "status": a.status,
                "signed_date": _iso(a.signed_date), "signed_place": a.signed_place,
                "valid_until": _iso(a.valid_until), "visit": ref(visit_uid, a.visit_id),
                "meeting": ref(meeting_uid, a.meeting_id), "summary": a.summary,
                "parties": [inst_uid[p.institution_id] for p in a.parties],
                "signatories": [{"person": person_uid[sg.person_id], "institution": ref(inst_uid, sg.institution_id)}
                                for sg in a.signatories],
            }


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

    _atomic_write(path, write)
    return counts


def write_archive(data: dict[str, Any], path: Path) -> None:
    """Write an archive dict atomically (see ``_atomic_write``)."""

    def write(fh: IO[str]) -> None:
        json.dump(data, fh, ensure_ascii=False, indent=1)
        fh.write("\n")

    _atomic_write(path, write)


def _atomic_write(path: Path, write: Callable[[IO[str]], None]) -> None:
    """Write through ``write`` to a temporary file in the same folder, fsync, then rename over ``path``.

    A symbolic link is written through: the file it points to is replaced.
    """
    path = Path(os.path.realpath(path))
    folder = path.parent
    if not folder.is_dir():
        raise OrganizerError(f"cannot write {path}: the folder {folder} does not exist")
    clean_stale_temps(folder, path.name, TEMP_SUFFIX)
    try:
        tmp = private_temp(folder, path.name, TEMP_SUFFIX)
    except OSError as err:
        raise OrganizerError(f"cannot write {path}: {err.strerror}") from None
    try:
        with tmp.open("w", encoding="utf-8") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise OrganizerError(f"cannot write {path}: {err.strerror}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
