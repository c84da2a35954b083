"""The merge rule of an archive import: what happens to a record whose uid is already in the database.

For each such record the file's version and the stored one are read into the same input (the kind's
``*Data``, through its field table: the stored record is written as the export writes it and read back as
the import reads the file), and compared:

- the same ``updated_at`` as the stored record (the same version: a file exported from this database or
  imported into it) -> ``unchanged``, without comparing the fields;
- **equal** (every field the archive carries, photos and nested rows included) -> ``unchanged``;
- different, and the file's ``updated_at`` is **later** than the stored one -> ``updated``: the stored
  record takes the file's fields through its service's ``update_in`` (the same checks as an edit; the
  version goes up) and the file's ``updated_at``;
- different, and the file's record is **as old or older**, or has no ``updated_at`` (archive version 1,
  a file written by hand) -> ``skipped``: the database keeps its copy (a local edit made after the export
  is never lost to an older archive).

A uid that is the alias of a record merged into another (``merge_record``) counts as ``unchanged``, as
before: the record it stands for is not compared (the merge decided what it holds).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from organizer.domain.enums import RecordKind
from organizer.domain.errors import ValidationError
from organizer.domain.fields import FieldTable, FieldType
from organizer.services import agreements, followups, institutions, meetings, people, programme, visits
from organizer.services.archive.export import PLAN, record_writer
from organizer.services.archive.reading import KIND_OF, RecordReader, UidResolver
from organizer.store import audit
from organizer.store import models as m

Reader = Callable[[UidResolver, RecordReader, str], Any]
_WRITES: dict[str, Any] = {"institutions": institutions.WRITES, "people": people.WRITES, "visits": visits.WRITES,
                           "meetings": meetings.WRITES, "followups": followups.WRITES,
                           "agreements": agreements.WRITES, "programme": programme.WRITES}
_PLAN = {section: (model, table, loads) for section, model, table, loads in PLAN}


def _canonical(table: FieldTable, data: Any) -> Any:
    """``data`` with the lists that are sets sorted (topics, tags, linked records: stored without order)."""
    unordered = _UNORDERED.get(table.kind)
    if unordered is None:
        unordered = _UNORDERED[table.kind] = tuple(
            f.name for f in table if f.archive is not None and (
                (f.type is FieldType.TEXTS and f.stored_in) or f.type is FieldType.REFS))
    if not unordered:
        return data
    return replace(data, **{name: tuple(sorted(getattr(data, name) or (), key=str)) for name in unordered})


_UNORDERED: dict[str, tuple[str, ...]] = {}


class _Uids(dict[str, dict[int, str]]):
    """Kind -> (id -> uid), looked up as the export's writer asks (a stored record's references)."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def __missing__(self, kind: str) -> dict[int, str]:
        model = m.RECORD_MODELS[RecordKind(kind)]
        session = self.session

        class _Ids(dict[int, str]):
            def __missing__(self, ident: int) -> str:
                uid = session.scalar(select(model.uid).where(model.id == ident))
                self[ident] = str(uid)
                return str(uid)

        self[kind] = found = _Ids()
        return found


class Merger:
    """Applies the merge rule (module docstring) to records of the file whose uids are stored."""

    def __init__(self, session: Session, res: UidResolver) -> None:
        self.session, self.res = session, res
        self.uids = _Uids(session)
        self.updated: dict[RecordKind, list[str]] = {}
        self._writers: dict[str, Callable[[Any, Any], dict[str, Any]]] = {}

    def _writer(self, section: str, table: FieldTable) -> Callable[[Any, Any], dict[str, Any]]:
        if section not in self._writers:
            self._writers[section] = record_writer(table)
        return self._writers[section]

    def merge(self, section: str, read: Reader, records: list[tuple[RecordReader, str]],
              stamps: Callable[[RecordReader], tuple[datetime | None, datetime | None]]) -> list[str]:
        """The outcome of each of ``records`` (whose uids are stored or aliases): ``unchanged``,
        ``updated`` (written now) or ``skipped``."""
        model, table, loads = _PLAN[section]
        write = self._writer(section, table)
        stamps_of: dict[str, datetime] = {uid: at for uid, at in self.session.execute(
            select(model.uid, model.updated_at).where(model.uid.in_([uid for _, uid in records])))}
        # The same updated_at is the same version of the record (a file exported from this database, or
        # imported into it): unchanged without loading and comparing it.
        same = {uid for r, uid in records if uid in stamps_of and stamps(r)[1] == stamps_of[uid]}
        wanted = [uid for _, uid in records if uid in stamps_of and uid not in same]
        stored = {obj.uid: obj for obj in self.session.scalars(
            select(model).where(model.uid.in_(wanted)).options(*loads))} if wanted else {}
        outcomes = []
        for r, uid in records:
            obj = stored.get(uid)
            if obj is None:  # the same version, or a merged record's alias
                outcomes.append("unchanged")
                continue
            try:
                incoming = read(self.res, r, uid)
                current = read(self.res, RecordReader(write(obj, self.uids), r.where), uid)
                if _canonical(table, incoming) == _canonical(table, current):
                    outcomes.append("unchanged")
                    continue
                updated = stamps(r)[1]
                if updated is None or updated <= obj.updated_at:
                    outcomes.append("skipped")
                    continue
                _WRITES[section].update_in(self.session, obj, incoming)
            except ValidationError as err:
                if err.record and err.record.startswith(section):
                    raise
                raise ValidationError(err.issues, record=r.where) from None
            obj.updated_at = updated
            self.res.remember(model, uid, obj.id)
            kind = KIND_OF[model]
            self.updated.setdefault(kind, []).append(uid)
            audit.add(self.session, "update", kind, obj.id, uid=uid, detail={"import": True})
            outcomes.append("updated")
        return outcomes
