"""The audit trail's writer: every unit of work records who created, changed or deleted which record.

Recording happens here, below the services, so that no service can forget it: ``Database`` listens
to ``before_flush`` of its write sessions (``collect``) and, just before the commit of a unit of work,
inserts one ``audit_entry`` row per record touched (``write_pending``), in the same transaction as the
change (an entry exists exactly when its change was committed).

- a record of a tracked kind (``TRACKED``) in ``session.new`` is ``create``, in ``session.deleted``
  ``delete``; in ``session.dirty`` it is ``update`` with the names of the fields that really changed
  (bookkeeping columns such as ``version`` and ``updated_at`` left out). An update that changed no
  field (saving an unchanged form) writes no entry;
- a child row (an e-mail, a position, a participant, an attached file) counts as a change of its owner
  in the owner's field that holds it (``emails``, ``positions``...), found from the mapper's
  relationships once per process;
- values are never recorded, only field names: the trail itself holds no personal data beyond the
  record's uid (which ``services.erase`` replaces).

Work that bypasses the ORM or would write thousands of entries records its own entries with ``add``
and switches the automatic ones off with ``suspend`` (a merge writes one entry under each record; the
archive import writes one entry with its counts, and a "create" entry per new record with
``created_by_import``, in batches of INSERT ... SELECT by uid).

The user name comes from ``session.info[USER]``, which ``Database.unit_of_work`` sets from
``Database.user``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import JSON, insert, inspect, literal, select
from sqlalchemy.orm import Session

from organizer.domain.audit import HISTORY_KINDS
from organizer.domain.enums import RecordKind
from organizer.store import models as m

USER = "audit_user"
"""``session.info`` key: who is making the change (a name, free text)."""
_PENDING = "audit_pending"
_EXPLICIT = "audit_explicit"
_OFF = "audit_off"

TRACKED: dict[type[Any], RecordKind] = {m.RECORD_MODELS[kind]: kind for kind in HISTORY_KINDS}
"""Models whose records have a history, and the kind their entries carry (its value is what is stored)."""
KINDS: tuple[RecordKind, ...] = tuple(TRACKED.values())

_BOOKKEEPING = frozenset({"id", "uid", "version", "created_at", "updated_at", "sort_name"})
"""Columns that change with every edit or are derived: not "what the user changed"."""
_FIELD_NAMES = {"names": "name_variants", "photo_type": "photo"}
"""Stored names that differ from the fields users see (``PersonData``/``InstitutionData``)."""


@dataclass(slots=True)
class _Pending:
    kind: RecordKind
    action: str
    obj: Any = None
    ident: int | None = None
    uid: str | None = None
    fields: set[str] = field(default_factory=set)


@cache
def _owners() -> dict[type[Any], list[tuple[RecordKind, str, str]]]:
    """Child model -> [(owner kind, foreign-key attribute on the child, owner's field name)]."""
    found: dict[type[Any], list[tuple[RecordKind, str, str]]] = {}
    for model, kind in TRACKED.items():
        for rel in inspect(model).relationships:
            if rel.secondary is not None or rel.direction.name != "ONETOMANY":
                continue
            (_local, remote), *_ = rel.local_remote_pairs
            fk = rel.mapper.get_property_by_column(remote).key
            found.setdefault(rel.mapper.class_, []).append((kind, fk, _FIELD_NAMES.get(rel.key, rel.key)))
    found[m.Attachment] = [(RecordKind(kind), f"{kind}_id", "attachments") for kind in m.ATTACHMENT_OWNERS]
    return found


def _changed_fields(obj: Any) -> set[str]:
    state = inspect(obj)
    changed: set[str] = set()
    for attr in state.attrs:
        if attr.key in _BOOKKEEPING:
            continue
        if attr.history.has_changes():
            changed.add(_FIELD_NAMES.get(attr.key, attr.key))
    return changed


def collect(session: Session, _context: Any = None, _instances: Any = None) -> None:
    """``before_flush`` listener: note what this flush is about to write (see the module docstring)."""
    if session.info.get(_OFF):
        return
    pending: dict[Any, _Pending] = session.info.setdefault(_PENDING, {})
    owners = _owners()
    for obj in session.new:
        kind = TRACKED.get(type(obj))
        if kind is not None:
            pending.setdefault(("new", id(obj)), _Pending(kind, "create", obj=obj))
        else:
            _child_changed(pending, owners, obj)
    for obj in session.deleted:
        kind = TRACKED.get(type(obj))
        if kind is not None:
            ident = inspect(obj).identity[0]
            entry = pending.setdefault((kind, ident), _Pending(kind, "delete", ident=ident))
            entry.action = "delete"
            entry.uid = inspect(obj).dict.get("uid")
        else:
            _child_changed(pending, owners, obj)
    for obj in session.dirty:
        kind = TRACKED.get(type(obj))
        if kind is not None:
            key = inspect(obj).identity
            if key is None:  # created in this unit of work: already a "create"
                continue
            entry = pending.setdefault((kind, key[0]), _Pending(kind, "update", ident=key[0]))
            entry.fields |= _changed_fields(obj)
            entry.uid = entry.uid or inspect(obj).dict.get("uid")
        else:
            _child_changed(pending, owners, obj)


def _child_changed(pending: dict[Any, _Pending], owners: dict[type[Any], list[tuple[RecordKind, str, str]]],
                   obj: Any) -> None:
    for kind, fk, name in owners.get(type(obj), ()):
        owner = inspect(obj).dict.get(fk)
        if owner is None:  # a new row not yet linked: its owner's collection history shows it
            continue
        entry = pending.setdefault((kind, owner), _Pending(kind, "update", ident=owner))
        entry.fields.add(name)


def add(session: Session, action: str, kind: RecordKind | None = None, record_id: int | None = None, *,
        uid: str | None = None, fields: Iterable[str] = (), detail: dict[str, Any] | None = None) -> None:
    """An entry written at the commit of this unit of work, whatever ``suspend`` says."""
    session.info.setdefault(_EXPLICIT, []).append({
        "action": action, "kind": str(kind) if kind is not None else None, "record_id": record_id,
        "record_uid": uid,
        "fields": sorted(fields), "detail": detail or {},
    })


def suspend(session: Session) -> None:
    """No automatic entries for this unit of work, also none collected so far (its caller records its
    own with ``add``)."""
    session.info[_OFF] = True
    session.info.pop(_PENDING, None)


def write_pending(session: Session) -> None:
    """Insert the entries of this unit of work (called by ``Database.unit_of_work`` after its last flush)."""
    pending: dict[Any, _Pending] = session.info.pop(_PENDING, {})
    explicit: list[dict[str, Any]] = session.info.pop(_EXPLICIT, [])
    session.info.pop(_OFF, None)
    rows = list(explicit)
    deleted = {(e.kind, e.ident) for e in pending.values() if e.action == "delete"}
    created: set[tuple[str, int]] = set()
    for entry in pending.values():
        if entry.action == "create":
            state = inspect(entry.obj)
            if state.identity is None or state.deleted or state.was_deleted:
                continue  # added and removed again (a refused input): nothing was written
            ident = state.identity[0]
            created.add((entry.kind, ident))
            rows.append({"action": "create", "kind": str(entry.kind), "record_id": ident, "record_uid": entry.obj.uid,
                         "fields": [], "detail": {}})
    for entry in pending.values():
        if entry.action == "delete":
            rows.append({"action": "delete", "kind": str(entry.kind), "record_id": entry.ident, "record_uid": entry.uid,
                         "fields": [], "detail": {}})
        elif entry.action == "update" and entry.fields:
            key = (entry.kind, entry.ident)
            if key in deleted or key in created:
                continue
            rows.append({"action": "update", "kind": str(entry.kind), "record_id": entry.ident, "record_uid": entry.uid,
                         "fields": sorted(entry.fields), "detail": {}})
    if not rows:
        return
    user = str(session.info.get(USER) or "")[: m.NAME_LEN]
    now = m.utcnow()
    session.execute(insert(m.AuditEntry), [{**row, "user_name": user, "at": now} for row in rows])



IMPORT_BATCH = 500
"""Uids per statement in ``created_by_import`` (well under SQLite's bound-variable limit)."""


def created_by_import(session: Session, kind: RecordKind, uids: list[str]) -> int:
    """One "create" entry (``detail={"import": true}``) for each record of ``kind`` with these uids,
    written in batches of INSERT ... SELECT (no objects, no per-record round trip). Returns how many."""
    model = next(model for model, name in TRACKED.items() if name == kind)
    user = str(session.info.get(USER) or "")[: m.NAME_LEN]
    now = m.utcnow()
    a = m.AuditEntry
    written = 0
    for start in range(0, len(uids), IMPORT_BATCH):
        batch = uids[start:start + IMPORT_BATCH]
        rows = select(literal(now, a.at.type), literal(user, a.user_name.type), literal("create", a.action.type),
                      literal(str(kind), a.kind.type), model.id, model.uid, literal([], JSON()),
                      literal({"import": True}, JSON())).where(model.uid.in_(batch))
        result = session.execute(insert(a).from_select(
            ["at", "user_name", "action", "kind", "record_id", "record_uid", "fields", "detail"], rows))
        written += max(int(getattr(result, "rowcount", 0) or 0), 0)
    return written
