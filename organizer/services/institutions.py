"""Institutions and their units: create, update, delete, lists, the tree, the people at each."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy import Row, Select, func, select

from organizer.domain.changes import ChangeSet, Link, Snapshot
from organizer.domain.enums import InstitutionKind, RecordKind, parse_enum
from organizer.domain.errors import InUseError
from organizer.domain.records import (
    InstitutionData,
    InstitutionDetail,
    InstitutionNode,
    InstitutionRef,
    InstitutionRow,
    NameVariant,
    PositionView,
)
from organizer.services._common import (
    Checker,
    count_uses,
    delete_record,
    edited,
    fetch,
    in_use,
    meta_of,
    new_record,
    replace_children,
    topics_by_name,
)
from organizer.services.positions import position_views
from organizer.store import schema as s
from organizer.store.lazy import models as m

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from organizer.store.database import Database

KIND = "institution"


def _apply(session: Session, obj: m.Institution, data: InstitutionData, checker: Checker) -> None:
    obj.name = checker.text("name", data.name, required=True)
    obj.short_name = checker.text("short_name", data.short_name)
    obj.kind = parse_enum(InstitutionKind, data.kind, "kind").value
    obj.country = checker.text("country", data.country)
    obj.city = checker.text("city", data.city)
    obj.address = checker.long_text("address", data.address)
    obj.website = checker.text("website", data.website)
    obj.profile = checker.long_text("profile", data.profile)
    if data.parent_id is not None:
        parent = session.get(m.Institution, data.parent_id)
        if parent is None:
            checker.add("parent_id", f"no institution with id {data.parent_id}", "not_found", kind="institution",
                        id=data.parent_id)
        elif obj.id is not None and _is_descendant_or_self(session, data.parent_id, obj.id):
            checker.add("parent_id", f"{parent.name!r} is this institution or one of its units: "
                        "an institution cannot be its own parent", "parent_cycle", name=parent.name)
    obj.parent_id = data.parent_id
    names = [
        m.InstitutionName(
            name=checker.text(f"name_variants[{i}].name", v.name, required=True),
            script=checker.text(f"name_variants[{i}].script", v.script, limit=16),
            language=checker.text(f"name_variants[{i}].language", v.language, limit=16),
        )
        for i, v in enumerate(data.name_variants)
    ]
    obj.topics = topics_by_name(session, data.topics, checker)
    checker.check()
    replace_children(session, obj, "names", names, fields=("name", "script", "language"))


def _is_descendant_or_self(session: Session, candidate: int, ancestor: int) -> bool:
    """True if ``candidate`` is ``ancestor`` or lies below it."""
    seen: set[int] = set()
    current: int | None = candidate
    while current is not None and current not in seen:
        if current == ancestor:
            return True
        seen.add(current)
        current = session.scalar(select(m.Institution.parent_id).where(m.Institution.id == current))
    return False


def create_in(session: Session, data: InstitutionData, *, flush: bool = True,
              ident: int | None = None) -> m.Institution:
    return new_record(session, m.Institution, data.uid, f"institution {data.name!r}",
                      lambda obj, checker: _apply(session, obj, data, checker), flush=flush,
                      ident=ident)


def create_institution(db: Database, data: InstitutionData) -> InstitutionDetail:
    with db.unit_of_work() as session:
        ident = create_in(session, data).id
    # read back as stored (collections in their stored order)
    return replace(get_institution(db, ident), changes=ChangeSet.of_create(RecordKind.INSTITUTION, ident))


def update_institution(db: Database, ident: int, data: InstitutionData,
                       expected_version: int | None = None) -> InstitutionDetail:
    with edited(db, m.Institution, KIND, ident, expected_version) as (session, obj, checker):
        _apply(session, obj, data, checker)
    return replace(get_institution(db, ident), changes=ChangeSet.of_update(RecordKind.INSTITUTION, ident))


def _uses(session: Session, ident: int) -> dict[str, int]:
    return count_uses(session, {
        "units": select(func.count()).where(m.Institution.parent_id == ident),
        "positions": select(func.count()).where(m.Position.institution_id == ident),
        "visits": select(func.count()).where(m.VisitInstitution.institution_id == ident),
        "agreements": select(func.count()).where(m.AgreementParty.institution_id == ident),
    })


def institution_uses(db: Database, ident: int) -> dict[str, int]:
    """What keeps an institution from being deleted: ``{"units": 3}`` ({} if nothing)."""
    with db.reader() as session:
        fetch(session, m.Institution, ident, KIND)
        return _uses(session, ident)


def _institution_in_use(session: Session, obj: m.Institution) -> InUseError | None:
    used = _uses(session, obj.id)
    return in_use(f"cannot delete {obj.name!r}: it still has {{uses}}", used, obj.name) if used else None


def _snapshot(session: Session, obj: m.Institution) -> Snapshot:
    owned = session.scalars(select(m.FollowUp.id).where(m.FollowUp.owner_institution_id == obj.id))
    venues = session.scalars(select(m.Meeting.id).where(m.Meeting.venue_institution_id == obj.id))
    return Snapshot(RecordKind.INSTITUTION, obj.id, to_data(obj),
                    links=(*(Link(RecordKind.FOLLOWUP, f, "owner_institution_id") for f in owned),
                           *(Link(RecordKind.MEETING, v, "venue_institution_id") for v in venues)))


def delete_institution(db: Database, ident: int, expected_version: int | None = None) -> ChangeSet:
    """Delete an institution nothing refers to (else InUseError); the change set can restore it."""
    return delete_record(db, m.Institution, KIND, ident, expected_version, _institution_in_use, _snapshot)


def get_institution(db: Database, ident: int) -> InstitutionDetail:
    with db.reader() as session:
        obj = fetch(session, m.Institution, ident, KIND)
        return _detail(session, obj)


_PARENT = s.institution.alias("parent")


def _rows_query() -> Select[int, str, str, str, int | None, str, str, str]:
    i = s.institution.c
    return (
        select(i.id, i.name, i.short_name, i.kind, i.parent_id, _PARENT.c.name, i.country, i.city)
        .outerjoin(_PARENT, _PARENT.c.id == i.parent_id)
    )


def _row(r: Row[int, str, str, str, int | None, str, str, str]) -> InstitutionRow:
    return InstitutionRow(
        id=r[0], name=r[1], short_name=r[2], kind=InstitutionKind(r[3]), parent_id=r[4],
        parent_name=r[5], country=r[6], city=r[7],
    )


def list_institutions(db: Database) -> list[InstitutionRow]:
    """Every institution, parents before their units, siblings by name."""
    with db.read_connection() as conn:
        rows = [_row(r) for r in conn.execute(_rows_query().order_by(s.institution.c.name))]
    return [node_row for node in _build_tree(rows) for node_row in _flatten(node)]


def institution_tree(db: Database) -> list[InstitutionNode]:
    with db.read_connection() as conn:
        rows = [_row(r) for r in conn.execute(_rows_query().order_by(s.institution.c.name))]
    return _build_tree(rows)


def name_sort_key(name: str) -> str:
    """Sort 'The "Small-scale ..." Technopark' by its words, not by its opening quote."""
    return name.lstrip("\"'«»“”„‘’ ").casefold()


def _build_tree(rows: list[InstitutionRow]) -> list[InstitutionNode]:
    children: dict[int | None, list[InstitutionRow]] = {}
    ids = {r.id for r in rows}
    for r in sorted(rows, key=lambda row: (name_sort_key(row.name), row.id)):
        parent = r.parent_id if r.parent_id in ids else None
        children.setdefault(parent, []).append(r)

    def build(row: InstitutionRow, seen: frozenset[int]) -> InstitutionNode:
        kids = [build(c, seen | {c.id}) for c in children.get(row.id, []) if c.id not in seen]
        return InstitutionNode(row=row, children=tuple(kids))

    return [build(r, frozenset({r.id})) for r in children.get(None, [])]


def _flatten(node: InstitutionNode) -> list[InstitutionRow]:
    out = [node.row]
    for child in node.children:
        out.extend(_flatten(child))
    return out


def _detail(session: Session, obj: m.Institution) -> InstitutionDetail:
    path: list[InstitutionRef] = []
    current: m.Institution | None = obj
    seen: set[int] = set()
    while current is not None and current.id not in seen:
        seen.add(current.id)
        path.insert(0, InstitutionRef(current.id, current.name))
        current = current.parent
    children = sorted(  # the same order as the tree (institution_tree)
        (_row(r) for r in session.execute(_rows_query().where(s.institution.c.parent_id == obj.id))),
        key=lambda row: (name_sort_key(row.name), row.id),
    )
    from sqlalchemy.orm import selectinload

    positions = session.scalars(
        select(m.Position)
        .where(m.Position.institution_id == obj.id)
        .options(selectinload(m.Position.person), selectinload(m.Position.institution))
        .order_by(m.Position.is_current.desc(), m.Position.start_date.desc(), m.Position.id)
    ).all()
    people: tuple[PositionView, ...] = tuple(position_views(positions))
    return InstitutionDetail(
        meta=meta_of(obj),
        data=to_data(obj),
        parent_name=obj.parent.name if obj.parent else None,
        path=tuple(ref.name for ref in path),
        children=tuple(children),
        people=people,
        path_refs=tuple(path),
    )


def to_data(obj: m.Institution) -> InstitutionData:
    return InstitutionData(
        name=obj.name,
        kind=InstitutionKind(obj.kind),
        short_name=obj.short_name,
        parent_id=obj.parent_id,
        name_variants=tuple(NameVariant(n.name, n.script, n.language) for n in obj.names),
        country=obj.country,
        city=obj.city,
        address=obj.address,
        website=obj.website,
        profile=obj.profile,
        topics=tuple(t.name for t in obj.topics),
        uid=obj.uid,
    )
