"""Institutions and their units: create, update, delete, lists, the tree, the people at each."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Row, Select, bindparam, func, literal, select

from organizer.domain.changes import ChangeSet, Snapshot
from organizer.domain.enums import InstitutionKind, RecordKind, parse_enum
from organizer.domain.fields import INSTITUTION
from organizer.domain.records import (
    InstitutionData,
    InstitutionDetail,
    InstitutionNode,
    InstitutionRef,
    InstitutionRow,
    NameVariant,
    PositionView,
    compose_full_name,
)
from organizer.domain.rows import MAX_INSTITUTION_DEPTH, name_sort_key
from organizer.domain.variants import display_language, from_mapping, shown
from organizer.services._checks import Checker
from organizer.services._records import (
    InUse,
    Writes,
    links_to,
    meta_of,
    replace_children,
    require_exists,
    stored_row,
    topics_by_name,
)
from organizer.services.shown import lookup
from organizer.store import schema as s
from organizer.store.lazy import models as m

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from organizer.store.database import Database

KIND = RecordKind.INSTITUTION


def _apply(session: Session, obj: m.Institution, data: InstitutionData, checker: Checker) -> None:
    obj.name = checker.text("name", data.name, required=True)
    obj.short_name = checker.text("short_name", data.short_name)
    obj.kind = parse_enum(InstitutionKind, data.kind, "kind").value
    obj.country = checker.text("country", data.country)
    obj.city = checker.text("city", data.city)
    obj.address = checker.long_text("address", data.address)
    obj.website = checker.text("website", data.website)
    obj.profile = checker.long_text("profile", data.profile)
    for key, value in checker.variants(INSTITUTION, data.variants).items():
        setattr(obj, key, value)
    if data.parent_id is not None and obj.id is None:  # a new institution is nobody's parent yet
        require_exists(session, m.Institution, data.parent_id, "parent_id", RecordKind.INSTITUTION, checker)
    elif data.parent_id is not None:
        parent = session.get(m.Institution, data.parent_id)
        if parent is None:
            checker.add("parent_id", f"no institution with id {data.parent_id}", "not_found", kind="institution",
                        id=data.parent_id)
        elif _is_descendant_or_self(session, data.parent_id, obj.id):
            checker.add("parent_id", f"{parent.name!r} is this institution or one of its units: "
                        "an institution cannot be its own parent", "parent_cycle", name=parent.name)
    if data.parent_id is not None and "parent_id" not in checker.problems:
        _check_depth(session, obj, data.parent_id, checker)
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


MAX_DEPTH = MAX_INSTITUTION_DEPTH
"""``domain.rows.MAX_INSTITUTION_DEPTH``."""


def levels_above(session: Session, ident: int) -> int:
    """Levels from institution ``ident`` up to its top-level institution, itself included (1 for a top-level
    one), counted to ``MAX_DEPTH + 1`` at most; one statement. Pending objects are not flushed for it (an
    import writes a level of units at a time; their parents are in the database already)."""
    global _LEVELS_ABOVE
    if _LEVELS_ABOVE is None:  # built once (building the recursive statement cost more than running it)
        i = s.institution.c
        up = select(i.parent_id, literal(1).label("level")).where(i.id == bindparam("ident")).cte("up", recursive=True)
        up = up.union_all(select(i.parent_id, up.c.level + 1).join(up, i.id == up.c.parent_id)
                          .where(up.c.level <= MAX_DEPTH))
        _LEVELS_ABOVE = select(func.max(up.c.level))
    with session.no_autoflush:
        return int(session.scalar(_LEVELS_ABOVE, {"ident": ident}) or 0)


_LEVELS_ABOVE: Any = None


def levels_below(session: Session, ident: int, *, besides: int | None = None) -> int:
    """Levels of units under institution ``ident`` (0 if it has none; 1 if only units, 2 with their units...),
    leaving out unit ``besides`` and what lies below it; counted to ``MAX_DEPTH + 1`` at most."""
    global _LEVELS_BELOW
    if _LEVELS_BELOW is None:  # built once, as _LEVELS_ABOVE
        i = s.institution.c
        down = select(i.id, literal(0).label("level")).where(i.id == bindparam("ident")).cte("down", recursive=True)
        down = down.union_all(select(i.id, down.c.level + 1).join(down, i.parent_id == down.c.id)
                              .where(down.c.level <= MAX_DEPTH, i.id != bindparam("besides")))
        _LEVELS_BELOW = select(func.max(down.c.level))
    with session.no_autoflush:
        return int(session.scalar(_LEVELS_BELOW, {"ident": ident, "besides": besides if besides is not None else -1})
                   or 0)


_LEVELS_BELOW: Any = None


def _level(depth: int, *parts: int) -> str:
    """A level for a message: "or more" when a part was counted only up to its cap."""
    return f"{depth} or more" if any(p > MAX_DEPTH for p in parts) else str(depth)


def _check_depth(session: Session, obj: m.Institution, parent_id: int, checker: Checker) -> None:
    """Refuse a parent under which this institution (or its deepest unit) would lie deeper than ``MAX_DEPTH``."""
    above = levels_above(session, parent_id)
    below = levels_below(session, obj.id) if obj.id is not None else 0
    depth = above + 1 + below
    if depth > MAX_DEPTH:
        with session.no_autoflush:
            parent = session.get(m.Institution, parent_id)
        name = parent.name if parent is not None else str(parent_id)
        what = f"this institution's deepest unit ({below} levels below it)" if below else "this institution"
        checker.add("parent_id", f"under {name!r}, {what} would be at level {_level(depth, above, below)}; "
                    f"the limit is {MAX_DEPTH} levels", "too_deep", depth=depth, limit=MAX_DEPTH)


def merge_depth(session: Session, keep: Mapping[str, Any], other: Mapping[str, Any]) -> str | None:
    """Why merging institution ``other`` into ``keep`` would make a chain deeper than ``MAX_DEPTH`` (the other's
    units move under the kept one; a kept unit of the other takes its place), or None.
    ``keep``/``other``: rows with ``id`` and ``parent_id``."""
    kept_at = levels_above(session, other["id"] if keep["parent_id"] == other["id"] else keep["id"])
    below = levels_below(session, other["id"], besides=keep["id"])
    depth = kept_at + below
    if depth <= MAX_DEPTH:
        return None
    return (f"the units of institution {other['id']} would move under institution {keep['id']} (level {kept_at}), "
            f"the deepest of them to level {_level(depth, kept_at, below)}; the limit is {MAX_DEPTH} levels")


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


def _uses(ident: int) -> dict[str, Any]:
    return {
        "units": select(func.count()).where(m.Institution.parent_id == ident),
        "positions": select(func.count()).where(m.Position.institution_id == ident),
        "visits": select(func.count()).where(m.VisitInstitution.institution_id == ident),
        "agreements": select(func.count()).where(m.AgreementParty.institution_id == ident),
    }


def _snapshot(session: Session, obj: m.Institution) -> Snapshot:
    return Snapshot(RecordKind.INSTITUTION, obj.id, to_data(obj),
                    links=links_to(session, obj.id, m.FollowUp.owner_institution_id, m.Meeting.venue_institution_id))


WRITES: Writes[m.Institution, InstitutionData, InstitutionDetail] = Writes(
    KIND, lambda: m.Institution, lambda data: f"institution {data.name!r}", _apply,
    lambda db, ident: get_institution(db, ident), snapshot=_snapshot,
    in_use=InUse(_uses, lambda obj: obj.name, "cannot delete {name}: it still has {uses}"))
"""An institution's create, update and delete (``_records.Writes``)."""


def create_in(session: Session, data: InstitutionData, *, flush: bool = True,
              ident: int | None = None) -> m.Institution:
    return WRITES.create_in(session, data, flush=flush, ident=ident)


def create_institution(db: Database, data: InstitutionData) -> InstitutionDetail:
    return WRITES.create(db, data)


def update_institution(db: Database, ident: int, data: InstitutionData,
                       expected_version: int | None = None) -> InstitutionDetail:
    return WRITES.update(db, ident, data, expected_version)


def institution_uses(db: Database, ident: int) -> dict[str, int]:
    """What keeps an institution from being deleted: ``{"units": 3}`` ({} if nothing)."""
    return WRITES.uses(db, ident)


def delete_institution(db: Database, ident: int, expected_version: int | None = None) -> ChangeSet:
    """Delete an institution nothing refers to (else InUseError); the change set can restore it."""
    return WRITES.delete(db, ident, expected_version)


def get_institution(db: Database, ident: int) -> InstitutionDetail:
    """The institution with the path of its parents, its units, name variants, topics and the people
    who hold (or held) positions there: six statements, however deep or big it is."""
    i, pos, p = s.institution.c, s.position.c, s.person.c
    with db.read_connection() as conn:
        row = stored_row(conn, select(s.institution).where(i.id == ident), ident, KIND)
        path = _path(conn, row)
        children = sorted(  # the same order as the tree (institution_tree)
            _rows(conn, _rows_query().where(i.parent_id == ident)),
            key=lambda r: (name_sort_key(r.name), r.id),
        )
        n = s.institution_name.c
        names = conn.execute(select(n.name, n.script, n.language).where(n.institution_id == ident).order_by(n.id))
        topics = conn.scalars(select(s.topic.c.name).join(s.institution_topic)
                              .where(s.institution_topic.c.institution_id == ident).order_by(s.topic.c.name))
        data = _data(row, (NameVariant(*v) for v in names), topics)
        held = conn.execute(
            select(pos.id, pos.person_id, pos.title, pos.start_date, pos.end_date, pos.is_current, p.given_name,
                   p.middle_name, p.family_name, p.display_name, pos.variants)
            .join(s.person, p.id == pos.person_id).where(pos.institution_id == ident)
            .order_by(pos.is_current.desc(), pos.start_date.desc(), pos.id)).all()
        name = lookup(conn, [*((RecordKind.PERSON, q.person_id) for q in held),
                             *((RecordKind.INSTITUTION, ref.id) for ref in path)])
        path = [ref._replace(name=name(RecordKind.INSTITUTION, ref.id, ref.name) or ref.name) for ref in path]
        people = tuple(
            PositionView(id=q.id, person_id=q.person_id,
                         person_name=name(RecordKind.PERSON, q.person_id, compose_full_name(
                             q.given_name, q.middle_name, q.family_name, q.display_name)) or "",
                         institution_id=ident, institution_name=path[-1].name,
                         title=shown(q.title, q.variants, "title"), start_date=q.start_date,
                         end_date=q.end_date, current=q.is_current)
            for q in held
        )
    return InstitutionDetail(meta=meta_of(row), data=data, parent_name=path[-2].name if len(path) > 1 else None,
                             path=tuple(ref.name for ref in path), children=tuple(children), people=people,
                             path_refs=tuple(path))


def _path(conn: Connection, row: Row[Any]) -> list[InstitutionRef]:
    """The institution's parents, top first, then the institution itself: one recursive statement."""
    i = s.institution.c
    up = select(i.id, i.parent_id, i.name, literal(1).label("depth")).where(i.id == row.parent_id) \
        .cte("up", recursive=True)
    up = up.union_all(select(i.id, i.parent_id, i.name, up.c.depth + 1)
                      .join(up, i.id == up.c.parent_id).where(up.c.depth < MAX_DEPTH))
    path = [InstitutionRef(row.id, row.name)]
    seen = {row.id}
    if row.parent_id is not None:
        for ident, _parent, name, _depth in conn.execute(select(up).order_by(up.c.depth)):
            if ident in seen:  # a cycle written past the rules: stop where it closes
                break
            seen.add(ident)
            path.insert(0, InstitutionRef(ident, name))
    return path


_PARENT = s.institution.alias("parent")


def _rows_query() -> Select[int, str, str, str, int | None, str, str, str]:
    i = s.institution.c
    return (
        select(i.id, i.name, i.short_name, i.kind, i.parent_id, _PARENT.c.name.label("parent_name"), i.country,
               i.city)
        .outerjoin(_PARENT, _PARENT.c.id == i.parent_id)
    )


def _row(r: Row[int, str, str, str, int | None, str, str, str]) -> InstitutionRow:
    return InstitutionRow(
        id=r.id, name=r.name, short_name=r.short_name, kind=InstitutionKind(r.kind), parent_id=r.parent_id,
        parent_name=r.parent_name, country=r.country, city=r.city,
    )


def _rows(conn: Connection, stmt: Select[int, str, str, str, int | None, str, str, str]) -> list[InstitutionRow]:
    """The rows ``stmt`` (a ``_rows_query``) selects; with a display language (``domain.variants``) their names,
    parents' names, short names, cities and countries in it (a statement more)."""
    found = conn.execute(stmt.add_columns(s.institution.c.variants)).all()
    if display_language() is None:
        return [_row(r) for r in found]
    name = lookup(conn, [(RecordKind.INSTITUTION, i) for r in found for i in (r.id, r.parent_id)])
    return [InstitutionRow(
        id=r.id, name=name(RecordKind.INSTITUTION, r.id, r.name) or r.name,
        short_name=shown(r.short_name, r.variants, "short_name"), kind=InstitutionKind(r.kind),
        parent_id=r.parent_id, parent_name=name(RecordKind.INSTITUTION, r.parent_id, r.parent_name),
        country=shown(r.country, r.variants, "country"), city=shown(r.city, r.variants, "city"),
    ) for r in found]


def institution_rows(db: Database, ids: Iterable[int]) -> list[InstitutionRow]:
    """The list rows of these institutions (those that exist, in no particular order): a few by id."""
    wanted = list(ids)
    if not wanted:
        return []
    with db.read_connection() as conn:
        return _rows(conn, _rows_query().where(s.institution.c.id.in_(wanted)))


def list_institutions(db: Database) -> list[InstitutionRow]:
    """Every institution, parents before their units, siblings by name."""
    with db.read_connection() as conn:
        rows = _rows(conn, _rows_query().order_by(s.institution.c.name))
    return [node_row for node in _build_tree(rows) for node_row in _flatten(node)]


def institution_tree(db: Database) -> list[InstitutionNode]:
    with db.read_connection() as conn:
        rows = _rows(conn, _rows_query().order_by(s.institution.c.name))
    return _build_tree(rows)


def _build_tree(rows: list[InstitutionRow]) -> list[InstitutionNode]:
    """The rows as a forest, built without recursion (a chain of any depth): each node after its units.

    A row whose parent is missing is a top-level one; rows in a cycle of parents (written past the rules)
    are not reached from any top-level row and are left out, as before."""
    children: dict[int | None, list[InstitutionRow]] = {}
    ids = {r.id for r in rows}
    for r in sorted(rows, key=lambda row: (name_sort_key(row.name), row.id)):
        parent = r.parent_id if r.parent_id in ids else None
        children.setdefault(parent, []).append(r)
    order: list[InstitutionRow] = []  # parents before their units
    stack = list(children.get(None, []))
    while stack:
        row = stack.pop()
        order.append(row)
        stack.extend(children.get(row.id, []))
    built: dict[int, InstitutionNode] = {}
    for row in reversed(order):
        built[row.id] = InstitutionNode(row=row, children=tuple(built[c.id] for c in children.get(row.id, [])))
    return [built[r.id] for r in children.get(None, [])]


def walk_tree(nodes: Iterable[InstitutionNode]) -> Iterator[tuple[int, InstitutionNode]]:
    """(level below the given nodes, node) of every node in tree order (parents, then their units by name),
    without recursion."""
    stack = [(0, node) for node in reversed(list(nodes))]
    while stack:
        level, node = stack.pop()
        yield level, node
        stack.extend((level + 1, child) for child in reversed(node.children))


def _flatten(node: InstitutionNode) -> list[InstitutionRow]:
    return [n.row for _level, n in walk_tree([node])]


def to_data(obj: m.Institution) -> InstitutionData:
    return _data(obj, (NameVariant(n.name, n.script, n.language) for n in obj.names),
                 (topic.name for topic in obj.topics))


def _data(obj: m.Institution | Row[Any], names: Iterable[NameVariant], topics: Iterable[str]) -> InstitutionData:
    """The institution's values from its object or row, its name variants and its topic names."""
    return InstitutionData(
        name=obj.name,
        kind=InstitutionKind(obj.kind),
        short_name=obj.short_name,
        parent_id=obj.parent_id,
        name_variants=tuple(names),
        country=obj.country,
        city=obj.city,
        address=obj.address,
        website=obj.website,
        profile=obj.profile,
        topics=tuple(topics),
        uid=obj.uid,
        variants=from_mapping(obj.variants),
    )
