"""Programme items: the parts of a visit's programme that are not meetings (issue 18).

Arrival, departure, transfers, meals, breaks and free time, each with its start and end, place, escort
(a person who accompanies the guests), transport and notes. An item belongs to one visit and is deleted
with it; the briefing shows the items on one timeline with the visit's meetings (``services.briefing``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Connection, Row, select

from organizer.domain.changes import ChangeSet, Snapshot
from organizer.domain.enums import ProgrammeItemKind, RecordKind, parse_enum
from organizer.domain.fields import PROGRAMME_ITEM
from organizer.domain.records import ProgrammeItemData, ProgrammeItemDetail, ProgrammeItemRow, compose_full_name
from organizer.domain.variants import from_mapping
from organizer.domain.variants import shown as shown_text
from organizer.services import shown
from organizer.services._checks import Checker
from organizer.services._records import Writes, meta_of, require_exists, stored_row
from organizer.store import schema as s
from organizer.store.lazy import models as m

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from organizer.store.database import Database

KIND = RecordKind.PROGRAMME_ITEM


def _apply(session: Session, obj: m.ProgrammeItem, data: ProgrammeItemData, checker: Checker) -> None:
    obj.kind = parse_enum(ProgrammeItemKind, data.kind, "kind").value
    obj.title = checker.text("title", data.title)
    if data.visit_id is None:
        checker.add("visit_id", "must not be empty", "required")
    else:
        require_exists(session, m.Visit, data.visit_id, "visit_id", RecordKind.VISIT, checker)
    if data.starts_at is None:
        checker.add("starts_at", "must not be empty", "required")
    checker.date_order("ends_at", data.starts_at, data.ends_at)
    require_exists(session, m.Person, data.escort_person_id, "escort_person_id", RecordKind.PERSON, checker)
    obj.place = checker.text("place", data.place)
    obj.transport = checker.long_text("transport", data.transport)
    obj.notes = checker.long_text("notes", data.notes)
    for key, value in checker.variants(PROGRAMME_ITEM, data.variants).items():
        setattr(obj, key, value)
    checker.check()
    obj.visit_id = data.visit_id
    obj.starts_at = data.starts_at
    obj.ends_at = data.ends_at
    obj.escort_person_id = data.escort_person_id


def snapshot(_session: Session, obj: m.ProgrammeItem) -> Snapshot:
    """What restoring a deleted item needs (also used when its visit is deleted with it)."""
    return Snapshot(RecordKind.PROGRAMME_ITEM, obj.id, to_data(obj))


def _label(data: ProgrammeItemData) -> str:
    return f"programme item {(data.title or str(data.kind))!r}"


WRITES: Writes[m.ProgrammeItem, ProgrammeItemData, ProgrammeItemDetail] = Writes(
    KIND, lambda: m.ProgrammeItem, _label, _apply, lambda db, ident: get_programme_item(db, ident),
    visit_of=lambda detail: detail.data.visit_id, snapshot=snapshot, also_deleted=frozenset({RecordKind.VISIT}))
"""An item's create, update and delete (``_records.Writes``); its visit's view shows each of them."""


def create_in(session: Session, data: ProgrammeItemData, *, flush: bool = True,
              ident: int | None = None) -> m.ProgrammeItem:
    return WRITES.create_in(session, data, flush=flush, ident=ident)


def create_programme_item(db: Database, data: ProgrammeItemData) -> ProgrammeItemDetail:
    return WRITES.create(db, data)


def update_programme_item(db: Database, ident: int, data: ProgrammeItemData,
                          expected_version: int | None = None) -> ProgrammeItemDetail:
    return WRITES.update(db, ident, data, expected_version)


def delete_programme_item(db: Database, ident: int, expected_version: int | None = None) -> ChangeSet:
    return WRITES.delete(db, ident, expected_version)


def to_data(obj: m.ProgrammeItem | Row[Any]) -> ProgrammeItemData:
    return ProgrammeItemData(
        visit_id=obj.visit_id, kind=ProgrammeItemKind(obj.kind), starts_at=obj.starts_at, ends_at=obj.ends_at,
        title=obj.title, place=obj.place, escort_person_id=obj.escort_person_id, transport=obj.transport,
        notes=obj.notes, uid=obj.uid, variants=from_mapping(obj.variants),
    )


def get_programme_item(db: Database, ident: int) -> ProgrammeItemDetail:
    with db.read_connection() as conn:
        row = stored_row(conn, select(s.programme_item).where(s.programme_item.c.id == ident), ident, KIND)
        return ProgrammeItemDetail(meta=meta_of(row), data=to_data(row),
                                   row=programme_rows(conn, s.programme_item.c.id == ident)[0])


def programme_rows(conn: Connection, *where: ColumnElement[bool]) -> list[ProgrammeItemRow]:
    """Rows of the items that ``where`` selects, in time order (undated last), with the escort's name and the
    visit's title: one statement."""
    pi, p, v = s.programme_item.c, s.person.c, s.visit.c
    q = (select(pi.id, pi.visit_id, pi.kind, pi.title, pi.starts_at, pi.ends_at, pi.place, pi.escort_person_id,
                pi.transport, pi.notes, p.given_name, p.middle_name, p.family_name, p.display_name, v.title,
                pi.variants)
         .select_from(s.programme_item)
         .join(s.visit, v.id == pi.visit_id)
         .outerjoin(s.person, p.id == pi.escort_person_id)
         .where(*where)
         .order_by(pi.starts_at.is_(None), pi.starts_at, pi.ends_at, pi.id))
    found = conn.execute(q).all()
    name = shown.lookup(conn, [ref for r in found for ref in ((RecordKind.PERSON, r.escort_person_id),
                                                              (RecordKind.VISIT, r.visit_id))])
    return [
        ProgrammeItemRow(
            id=ident, visit_id=visit_id, kind=ProgrammeItemKind(kind), title=shown_text(title, stored, "title"),
            starts_at=starts, ends_at=ends, place=shown_text(place, stored, "place"), escort_person_id=escort_id,
            escort=name(RecordKind.PERSON, escort_id, compose_full_name(given, middle, family, display))
            if escort_id is not None else None,
            transport=shown_text(transport, stored, "transport"), notes=shown_text(notes, stored, "notes"),
            visit_title=name(RecordKind.VISIT, visit_id, visit_title), variants=from_mapping(stored))
        for (ident, visit_id, kind, title, starts, ends, place, escort_id, transport, notes, given, middle, family,
             display, visit_title, stored) in found
    ]


def list_programme(db: Database, *, visit_id: int | None = None) -> list[ProgrammeItemRow]:
    """Every programme item, or a visit's, in time order."""
    where = [s.programme_item.c.visit_id == visit_id] if visit_id is not None else []
    with db.read_connection() as conn:
        return programme_rows(conn, *where)
