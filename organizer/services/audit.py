"""Reading the audit trail: a record's history, kept across merges (``organizer history KIND ID``).

The entries are written by ``store.audit`` in the unit of work of every change. A record's history
is its own entries plus those of every record merged into it (and merged into those, and so on) whose
merge is not undone: after ``merge(A, B)`` the history of A shows what happened to B before, and
after ``undo_merge`` B's entries are B's again. Entries are never moved or rewritten, except by
``organizer erase person``, which removes the uids from the person's entries (``scrub_person``).

The trail is local to the database: the archive export does not carry it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import Table, func, select, update

from organizer.domain.audit import HISTORY_KINDS, AuditEntryView
from organizer.domain.enums import RecordKind
from organizer.domain.errors import NotFoundError, ValidationError
from organizer.services._checks import valid_id
from organizer.store import schema as s

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    from organizer.store.database import Database

KINDS = HISTORY_KINDS



def _entries() -> tuple[Table, tuple[Any, ...]]:
    """The audit table and the columns of an ``AuditEntryView`` (tables are built on first use)."""
    a = s.audit_entry
    return a, (a.c.id, a.c.at, a.c.user_name, a.c.action, a.c.kind, a.c.record_id, a.c.fields, a.c.detail)


def absorbed_ids(conn: Connection | Session, kind: RecordKind, ident: int) -> list[int]:
    """``ident`` and every record of ``kind`` merged into it (transitively) by a merge not undone."""
    mr = s.merge_record
    found = [ident]
    frontier = [ident]
    while frontier:
        q = select(mr.c.merged_id).where(mr.c.kind == str(kind), mr.c.kept_id.in_(frontier), mr.c.undone_at.is_(None))
        frontier = [i for i in conn.execute(q).scalars() if i not in found]
        found.extend(frontier)
    return found


def _view(r: Any) -> AuditEntryView:
    return AuditEntryView(r.id, r.at, r.user_name, r.action, r.kind, r.record_id, tuple(r.fields or ()),
                          dict(r.detail or {}))


def record_history(db: Database, kind: RecordKind, ident: int) -> list[AuditEntryView]:
    """Every entry of a record (and of the records merged into it), oldest first.

    NotFoundError if the record does not exist and never had an entry; a deleted record's history
    is still there. Plain Core reads (no ORM): the window's detail panes call it.
    """
    if kind not in KINDS:
        raise ValidationError({"kind": f"{str(kind)!r} has no history; one of {', '.join(KINDS)}"})
    if not valid_id(ident):
        raise NotFoundError(kind, ident)
    a, columns = _entries()
    with db.read_connection() as conn:
        ids = absorbed_ids(conn, kind, ident)
        rows = conn.execute(select(*columns).where(a.c.kind == str(kind), a.c.record_id.in_(ids))
                            .order_by(a.c.at, a.c.id)).all()
        table = s.table(kind)
        if not rows and conn.execute(select(table.c.id).where(table.c.id == ident)).first() is None:
            raise NotFoundError(kind, ident)
    entries = [_view(r) for r in rows]
    # An absorbed record's "merged into X" is the other half of X's "merged ... into this one": shown once.
    return [e for e in entries if not (e.record_id != ident and e.action == "merge" and "into_id" in e.detail)]


def recent_imports(db: Database, limit: int = 20) -> list[AuditEntryView]:
    """The newest archive imports (one entry each, with counts), newest first."""
    a, columns = _entries()
    with db.read_connection() as conn:
        rows = conn.execute(select(*columns).where(a.c.action == "import")
                            .order_by(a.c.at.desc(), a.c.id.desc()).limit(limit)).all()
    return [_view(r) for r in rows]


def scrub_person(session: Session, ident: int, ids: list[int] | None = None) -> int:
    """Remove what could identify a person from their audit entries (and those of people merged into
    them): uids, and the other record's uid and title (``merged_title``, a name) in merge details. Who
    changed it, when, and which fields stay. Returns the number of entries scrubbed. Part of
    ``erase_person``'s unit of work.

    ``ids``: the person and the people merged into them (``absorbed_ids``), when the caller read them
    before deleting the merge records that link them (default: read now)."""
    a = s.audit_entry
    ids = absorbed_ids(session, RecordKind.PERSON, ident) if ids is None else ids
    entries = session.execute(select(a.c.id, a.c.detail).where(a.c.kind == "person", a.c.record_id.in_(ids))).all()
    for entry_id, detail in entries:
        kept = {k: v for k, v in (detail or {}).items() if not k.endswith(("uid", "_title"))}
        session.execute(update(a).where(a.c.id == entry_id).values(record_uid=None, detail=kept))
    return len(entries)


class RecentChange(NamedTuple):
    """One entry as a change notice: entry id, kind (None for an import), record id, action."""

    entry_id: int
    kind: str | None
    record_id: int | None
    action: str


def last_entry_id(db: Database) -> int:
    """The newest entry's id (0 if none): one primary-key look-up, the cheapest "has anything changed?"."""
    with db.read_connection() as conn:
        return int(conn.execute(select(func.max(s.audit_entry.c.id))).scalar() or 0)


def changes_after(db: Database, after: int, limit: int = 5000) -> list[RecentChange]:
    """Entries with an id above ``after``, oldest first (at most ``limit``): what other clients did.

    On PostgreSQL ids come from a sequence and a transaction may commit after one that took a higher
    id; a caller that must not miss one asks again from a little below the highest id it saw and
    skips the entries it already handled (``gui.watch`` does).
    """
    a = s.audit_entry
    with db.read_connection() as conn:
        rows = conn.execute(select(a.c.id, a.c.kind, a.c.record_id, a.c.action).where(a.c.id > after)
                            .order_by(a.c.id).limit(limit)).all()
    return [RecentChange(*r) for r in rows]
