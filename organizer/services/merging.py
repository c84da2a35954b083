"""Merging two people or two institutions, and undoing a merge (candidates: ``services.duplicates``).

``merge(db, kind, keep_id, other_id)`` moves everything of the other record to the kept one in one
transaction, through the foreign keys found in the schema (so a table added later is moved too):
positions, name variants, contacts, tags, topics, participations, follow-ups, gifts, signatures,
attachments (people); names, units, staff positions, visits, venues, agreements (institutions).
A row the kept record already has (same meeting, same e-mail, same tag...) is dropped, never doubled,
so a briefing lists the person once. Empty fields of the kept record are filled from the other, the
other's name becomes a name variant of the kept record, and its notes are appended with a line that
records the merge. The other record is then deleted; its uid stays an alias (``merge_record``), so
re-importing an archive that holds it does not bring the duplicate back.

Every row the merge touched is kept, as it was, in the ``merge_record`` row; ``undo_merge(db, token)``
restores both records exactly (same ids, uids and contents; the kept record's version goes up, so a
stale editor gets a conflict) and removes what the merge added. Rows added to the kept record after
the merge stay with it.

Clients merging or unmerging at the same moment cannot both win. A merge locks both records before it
reads them (PostgreSQL ``SELECT ... FOR UPDATE``; on SQLite the unit of work began with ``BEGIN
IMMEDIATE``, the database's write lock) and reads them again once it holds the lock: a record another
merge took meanwhile is gone, and the refusal names that merge and its undo token. An undo locks its
merge record the same way, so of several clients undoing one merge the first restores it and the others
are told it was already undone. An undo restores everything or nothing (one transaction; a row it
cannot bring back, because it refers to a record deleted since or clashes with one added since, refuses
the whole undo with a message about the merge and that table).
"""

from __future__ import annotations

import base64
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    LargeBinary,
    Table,
    UniqueConstraint,
    and_,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from organizer.domain.changes import ChangeSet
from organizer.domain.enums import RecordKind
from organizer.domain.errors import ConflictError, DatabaseError, NotFoundError, ValidationError
from organizer.domain.fields import KINDS as FIELD_TABLES
from organizer.domain.fields import FieldType, Merge
from organizer.domain.namekeys import fold, is_cyrillic
from organizer.domain.records import compose_full_name
from organizer.domain.search import MergeResult
from organizer.domain.variants import from_mapping, to_mapping
from organizer.services.duplicates import merge_kinds, phone_digits
from organizer.services.institutions import merge_depth
from organizer.store import audit
from organizer.store import models as m
from organizer.store.database import Database

# --- snapshots -----------------------------------------------------------------------------------

def _encode(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, LargeBinary):
        return base64.b64encode(value).decode("ascii")
    if isinstance(column.type, DateTime | Date):
        return value.isoformat()
    return value


def _decode(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, LargeBinary):
        return base64.b64decode(value)
    if isinstance(column.type, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return date.fromisoformat(value)
    return value


def _table(name: str) -> Table:
    return m.Base.metadata.tables[name]


def _rows(session: Session, table: Table, where: Any) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in session.execute(select(table).where(where))]


def _dump_rows(table: Table, rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{c.name: _encode(c, row[c.name]) for c in table.columns} for row in rows]


def _load_row(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    return {c.name: _decode(c, row.get(c.name)) for c in table.columns if c.name in row}


def _pk_where(table: Table, row: dict[str, Any]) -> Any:
    return and_(*(c == row[c.name] for c in table.primary_key.columns))


# --- merging -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Link:
    table: Table
    column: str
    dedupe: Callable[[dict[str, Any]], Any] | None


_SOFT_DEDUPE: dict[str, Callable[[dict[str, Any]], Any]] = {
    "person_name": lambda r: fold(r["name"]),
    "person_email": lambda r: r["address"].strip().casefold(),
    "person_phone": lambda r: phone_digits(r["number"]),
    "institution_name": lambda r: fold(r["name"]),
}


def _links(kind: RecordKind) -> list[_Link]:
    """Every (table, column) that refers to a record of ``kind``, found in the schema."""
    out: list[_Link] = []
    for table in m.Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name != kind or fk.parent.table is not table:
                continue
            col = fk.parent.name
            dedupe = _SOFT_DEDUPE.get(table.name)
            if dedupe is None:
                dedupe = _unique_partner(table, col)
            out.append(_Link(table, col, dedupe))
    return out


def _unique_partner(table: Table, col: str) -> Callable[[dict[str, Any]], Any] | None:
    """For a table with a unique key (or composite primary key) containing ``col``: the other columns."""
    keys = [tuple(c.name for c in table.primary_key.columns)]
    keys += [tuple(c.name for c in u.columns) for u in table.constraints if isinstance(u, UniqueConstraint)]
    for key in keys:
        if col in key and len(key) > 1:
            others = tuple(k for k in key if k != col)
            return lambda r, others=others: tuple(r[k] for k in others)  # type: ignore[misc]
    return None


def _title(kind: RecordKind, row: dict[str, Any]) -> str:
    if kind == RecordKind.PERSON:
        return compose_full_name(row["given_name"], row["middle_name"], row["family_name"], row["display_name"])
    return str(row["name"])


_ALSO = frozenset(RecordKind)
"""A merge moves rows of every kind (participations, venues, owners, parties): every view may change."""


def merge(db: Database, kind: RecordKind, keep_id: int, other_id: int) -> MergeResult:
    """Merge ``other_id`` into ``keep_id`` (see the module docstring); one transaction."""
    (kind,) = merge_kinds(kind)
    if keep_id == other_id:
        raise ValidationError({"id": "a record cannot be merged with itself"})
    main = _table(kind)
    with db.unit_of_work() as session:
        keep, other = _lock_pair(session, kind, keep_id, other_id)
        if kind == RecordKind.INSTITUTION:
            _check_tree(session, keep_id, other_id, keep, other)
            deeper = merge_depth(session, keep, other)
            if deeper is not None:
                raise ValidationError({"id": f"cannot merge {_title(kind, other)} into {_title(kind, keep)}: "
                                             f"{deeper}; nothing was changed"})
        snapshot: dict[str, list[dict[str, Any]]] = {kind: _dump_rows(main, [keep, other])}
        created: dict[str, list[dict[str, Any]]] = defaultdict(list)
        moved: dict[str, int] = {}
        dropped: dict[str, int] = {}
        links = _links(kind)
        for link in links:
            t, col = link.table, link.table.c[link.column]
            kept_rows = _rows(session, t, col == keep_id)
            other_rows = _rows(session, t, col == other_id)
            if t is main:  # units of the other institution move under the kept one, the kept one itself aside
                other_rows = [r for r in other_rows if r["id"] != keep_id]
            if not other_rows:
                continue
            snapshot.setdefault(t.name, []).extend(_dump_rows(t, kept_rows + other_rows))
            taken = {link.dedupe(r) for r in kept_rows} if link.dedupe else set()
            has_current = any(r.get("is_current") for r in kept_rows) if t.name == "position" else False
            label = t.name if link.column == f"{kind}_id" else f"{t.name}.{link.column}"
            for r in other_rows:
                if link.dedupe and link.dedupe(r) in taken:
                    session.execute(delete(t).where(_pk_where(t, r)))
                    dropped[label] = dropped.get(label, 0) + 1
                    continue
                values: dict[str, Any] = {link.column: keep_id}
                if t.name == "position" and r.get("is_current") and has_current:
                    values["is_current"] = False  # one current position per person: the kept one's
                session.execute(update(t).where(_pk_where(t, r)).values(**values))
                if link.column in {c.name for c in t.primary_key.columns}:
                    created[t.name].append({c.name: _encode(c, {**r, **values}[c.name]) for c in t.primary_key.columns})
                if link.dedupe:
                    taken.add(link.dedupe(r))
                moved[label] = moved.get(label, 0) + 1
        changes = _absorb(session, kind, keep, other, created)
        try:
            # The kept record first: a unit merged with its parent leaves it (parent_id) before it goes.
            session.execute(update(main).where(main.c.id == keep_id).values(
                **changes, version=keep["version"] + 1, updated_at=m.utcnow()))
            session.execute(delete(main).where(main.c.id == other_id))
        except sa_exc.IntegrityError as err:
            raise DatabaseError(f"cannot merge {kind} {other_id} ({_title(kind, other)}) into {keep_id} "
                                f"({_title(kind, keep)}): {_first_line(err)}; nothing was changed") from None
        record = m.MergeRecord(kind=kind.value, kept_id=keep_id, merged_id=other_id, merged_uid=other["uid"],
                               merged_title=_title(kind, other)[: m.NAME_LEN],
                               snapshot=json.dumps({"rows": snapshot, "created": created}, ensure_ascii=False))
        session.add(record)
        session.flush()
        # Both histories say so; the other record's own entries show under the kept one from now on
        # (services.audit.absorbed_ids), until the merge is undone.
        audit.add(session, "merge", kind, keep_id, uid=keep["uid"], fields=set(changes) - {"notes"} | set(moved),
                  detail={"merged_id": other_id, "merged_title": _title(kind, other), "merged_uid": other["uid"],
                          "token": str(record.id)})
        audit.add(session, "merge", kind, other_id, uid=other["uid"], detail={"into_id": keep_id,
                                                                              "token": str(record.id)})
        return MergeResult(kind, keep_id, other_id, other["uid"], moved, str(record.id), dropped,
                           ChangeSet(kind, changed=(keep_id,), deleted=(other_id,), also=_ALSO))


def _lock_pair(session: Session, kind: RecordKind, keep_id: int,
               other_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Both records as they are now, locked until the end of the transaction, or the reason one is gone.

    PostgreSQL: ``SELECT ... FOR UPDATE`` in id order (two merges sharing a record queue, never deadlock);
    a merge that waited here reads the rows as the one before it left them, so a record it merged away is
    missing and the message names that merge. SQLite: the unit of work began with ``BEGIN IMMEDIATE``,
    so it holds the database's write lock from its first read (the lock clause is not rendered there).
    """
    main = _table(kind)
    found = {r["id"]: r for r in _rows_locked(session, main, main.c.id.in_((keep_id, other_id)))}
    for ident in (keep_id, other_id):
        if ident not in found:
            raise _gone(session, kind, ident)
    return found[keep_id], found[other_id]


def _rows_locked(session: Session, table: Table, where: Any) -> list[dict[str, Any]]:
    query = select(table).where(where).order_by(*table.primary_key.columns).with_for_update()
    return [dict(r._mapping) for r in session.execute(query)]


def _gone(session: Session, kind: RecordKind, ident: int) -> NotFoundError | ConflictError:
    """Why there is no ``kind`` ``ident``: merged into another record (which one, and the undo token), or none."""
    merged = _merged_into(session, kind, ident)
    if merged is None:
        return NotFoundError(kind, ident)
    return ConflictError(f"{kind} {ident} was merged into {kind} {merged[1]} (undo token {merged[0]}); "
                         "nothing was changed")


def _merged_into(session: Session, kind: RecordKind, ident: int) -> tuple[int, int] | None:
    """(token, kept id) of the merge, not undone, that took record ``ident`` away; None if there is none."""
    r = m.MergeRecord
    row = session.execute(select(r.id, r.kept_id).where(
        r.kind == kind, r.merged_id == ident, r.undone_at.is_(None)).order_by(r.id.desc()).limit(1)).first()
    return (row.id, row.kept_id) if row is not None else None


def _first_line(err: sa_exc.DBAPIError) -> str:
    detail = str(err.orig) if err.orig is not None else str(err)
    return (detail.strip().splitlines() or [""])[0][:300]


def _check_tree(session: Session, keep_id: int, other_id: int, keep: dict[str, Any], other: dict[str, Any]) -> None:
    """The other institution may be the kept one's parent, but not a higher ancestor (its units would
    become their own ancestors)."""
    i = m.Institution
    node = keep["parent_id"]
    depth = 0
    while node is not None:
        if node == other_id and depth > 0:
            raise ValidationError({"id": f"{_title(RecordKind.INSTITUTION, other)} is an ancestor of "
                                         f"{_title(RecordKind.INSTITUTION, keep)}: merge the other way round"})
        node = session.scalar(select(i.parent_id).where(i.id == node))
        depth += 1


def _absorb(session: Session, kind: RecordKind, keep: dict[str, Any], other: dict[str, Any],
            created: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Fill the kept record's empty fields from the other; keep the other's name as a variant."""
    table = FIELD_TABLES[kind]  # how each field merges: domain.fields
    changes: dict[str, Any] = {f.attr: other[f.attr] for f in table.by_merge(Merge.FILL)
                               if not keep[f.attr] and other[f.attr]}
    if kind == RecordKind.PERSON and "middle_name" in changes and (
            is_cyrillic(changes["middle_name"]) != is_cyrillic(keep["family_name"] or keep["given_name"])):
        del changes["middle_name"]  # not "Evgeny Иванович Korzhikov": the other's full name stays a variant
    for f in table.by_merge(Merge.UNION):
        if f.type is FieldType.VARIANTS:  # per field and language: the kept record's variant wins
            theirs, ours = other[f.attr] or {}, keep[f.attr] or {}
            both = {name: {**theirs.get(name, {}), **ours.get(name, {})} for name in {*theirs, *ours}}
            if both != ours:
                changes[f.attr] = to_mapping(from_mapping(both))
            continue
        mine = list(keep[f.attr] or [])
        union = mine + [x for x in other[f.attr] or [] if x not in mine]
        if union != mine:
            changes[f.attr] = union
    for f in table.by_merge(Merge.FILL_DEFAULT):
        default = table.default(f.name)
        if keep[f.attr] == default and other[f.attr] != default:
            changes[f.attr] = other[f.attr]
    if kind == RecordKind.INSTITUTION and keep["parent_id"] == other["id"]:
        changes["parent_id"] = other["parent_id"]
    names_table = _table(f"{kind}_name")
    fk = f"{kind}_id"
    known = {fold(r["name"]) for r in _rows(session, names_table, names_table.c[fk] == keep["id"])}
    known.add(fold(_title(kind, keep)))
    other_title = _title(kind, other)
    if other_title and fold(other_title) not in known:
        ident = session.scalar(insert(names_table).values(**{fk: keep["id"], "name": other_title, "script": "",
                                                              "language": ""}).returning(names_table.c.id))
        created[names_table.name].append({"id": ident})
    if kind == RecordKind.PERSON:  # institutions have no notes: their merge is recorded in merge_record only
        notes = keep["notes"]
        if other["notes"] and other["notes"] not in notes:
            notes = f"{notes}\n\n{other['notes']}" if notes else other["notes"]
        if notes != keep["notes"]:  # the other's notes are the user's words: kept; the merge itself is recorded
            changes["notes"] = notes  # in merge_record and the audit trail (History), never as English text here
    return changes


# --- undo ----------------------------------------------------------------------------------------

def undo_merge(db: Database, token: str) -> MergeResult:
    """Restore both records of a merge exactly as they were (see the module docstring)."""
    try:
        ident = int(str(token).strip())
    except ValueError:
        raise ValidationError({"token": f"{token!r} is not a merge token"}) from None
    with db.unit_of_work() as session:
        # Locked (PostgreSQL: FOR UPDATE; SQLite: BEGIN IMMEDIATE) and read after the lock is granted: of
        # several clients undoing one merge at once, the first restores it and the others see it undone.
        record = session.scalar(select(m.MergeRecord).where(m.MergeRecord.id == ident).with_for_update())
        if record is None:
            raise NotFoundError("merge", ident)
        if record.undone_at is not None:
            raise ConflictError(f"merge {ident} was already undone on {record.undone_at:%Y-%m-%d %H:%M}")
        kind = RecordKind(record.kind)
        main = _table(kind)
        data = json.loads(record.snapshot)
        rows: dict[str, list[dict[str, Any]]] = data["rows"]
        kept_now = next(iter(_rows_locked(session, main, main.c.id == record.kept_id)), None)
        if kept_now is None:
            later = _merged_into(session, kind, record.kept_id)
            if later is not None:
                raise ConflictError(f"merge {ident} cannot be undone yet: {kind} {record.kept_id} was merged into "
                                    f"{kind} {later[1]} after it (undo token {later[0]}); undo that merge first")
            raise ConflictError(f"merge {ident} cannot be undone: the kept {kind} {record.kept_id} was deleted "
                                "after the merge")
        merged = next(_load_row(main, r) for r in rows[kind] if r["id"] == record.merged_id)
        again = session.execute(select(main.c.id).where((main.c.id == record.merged_id)
                                                        | (main.c.uid == merged["uid"]))).first()
        if again is not None:
            raise ConflictError(f"merge {ident} cannot be undone: {kind} {again.id} was created after it with the "
                                f"merged record's id {record.merged_id} or uid {merged['uid']}")
        _restore(session, record, data, kept_now, merged)
        record.undone_at = m.utcnow()
        audit.add(session, "unmerge", kind, record.kept_id, uid=kept_now["uid"],
                  detail={"merged_id": record.merged_id, "token": str(record.id)})
        audit.add(session, "unmerge", kind, record.merged_id, uid=merged["uid"],
                  detail={"into_id": record.kept_id, "token": str(record.id)})
        return MergeResult(kind, record.kept_id, record.merged_id, record.merged_uid, {}, str(record.id),
                           changes=ChangeSet(kind, created=(record.merged_id,),
                                             changed=(record.kept_id,), also=_ALSO))


def _restore(session: Session, record: m.MergeRecord, data: dict[str, Any], kept_now: dict[str, Any],
             merged: dict[str, Any]) -> None:
    """Put back every row of the snapshot (both records, every linked row, ids and uids), remove what the
    merge created. All in the caller's transaction: an error anywhere rolls back all of it."""
    kind = RecordKind(record.kind)
    main = _table(kind)
    rows: dict[str, list[dict[str, Any]]] = data["rows"]
    session.execute(insert(main).values(**merged))
    for name, pks in data["created"].items():
        t = _table(name)
        for pk in pks:
            if all(v is not None for v in pk.values()):
                session.execute(delete(t).where(_pk_where(t, _load_row(t, pk))))
    for name, table_rows in rows.items():
        t = _table(name)
        for raw in table_rows:
            row = _load_row(t, raw)
            if name == kind and row["id"] == record.merged_id:
                continue
            if name == kind and row["id"] == record.kept_id:
                row["version"] = kept_now["version"] + 1
            exists = session.execute(select(*t.primary_key.columns).where(_pk_where(t, row))).first()
            try:
                if exists:
                    session.execute(update(t).where(_pk_where(t, row)).values(**row))
                else:
                    session.execute(insert(t).values(**row))
            except sa_exc.IntegrityError as err:
                raise ConflictError(f"merge {record.id} cannot be undone: {_why_not_back(err, name)} "
                                    f"({_first_line(err)}); nothing was changed") from None


def _why_not_back(err: sa_exc.IntegrityError, table: str) -> str:
    orig = err.orig
    if getattr(orig, "sqlite_errorcode", None) == _SQLITE_FOREIGN_KEY or getattr(orig, "sqlstate", None) == "23503":
        return f"a {table} row it would bring back refers to a record deleted after the merge"
    return f"a {table} row it would bring back clashes with one added after the merge"


_SQLITE_FOREIGN_KEY = 787
"""SQLITE_CONSTRAINT_FOREIGNKEY (PostgreSQL: SQLSTATE 23503)."""


def merge_history(db: Database, kind: RecordKind | None = None) -> list[dict[str, Any]]:
    """Merges, newest first: token, kind, kept and merged ids, the merged record's uid and name, when."""
    with db.reader() as session:
        q = select(m.MergeRecord).order_by(m.MergeRecord.id.desc())
        if kind:
            q = q.where(m.MergeRecord.kind == merge_kinds(kind)[0].value)
        return [{"token": str(r.id), "kind": r.kind, "kept_id": r.kept_id, "merged_id": r.merged_id,
                 "merged_uid": r.merged_uid, "merged_title": r.merged_title, "merged_at": r.created_at.isoformat(),
                 "undone_at": r.undone_at.isoformat() if r.undone_at else None}
                for r in session.scalars(q)]

