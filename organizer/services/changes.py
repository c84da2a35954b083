"""Undoing deletes and noticing changes: ``restore`` a deleted record from the snapshot its delete
returned, and a cheap ``change_token`` per kind so a view can skip a refresh when nothing changed."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from organizer.domain.changes import ChangeSet, Snapshot
from organizer.domain.enums import RecordKind
from organizer.services.kinds import SERVICES, editing
from organizer.store import models as m
from organizer.store.database import Database


def restore(db: Database, snapshot: Snapshot) -> ChangeSet:
    """Create a deleted record again, with its old id and uid, the records deleted with it and the
    references to it that still can be put back (a follow-up deleted meanwhile stays deleted, and a
    reference set to something else meanwhile is left alone). One unit of work: all or nothing."""
    with db.unit_of_work() as session:
        kinds = _restore_in(session, snapshot)
    return ChangeSet(snapshot.kind, created=(snapshot.id,), also=frozenset(kinds - {snapshot.kind}))


def _restore_in(session: Session, snapshot: Snapshot) -> set[RecordKind]:
    editing(snapshot.kind).create_in(session, snapshot.data, ident=snapshot.id)
    for copy in snapshot.attachments:
        attachment = m.Attachment(id=copy.id, uid=copy.uid, name=copy.name, media_type=copy.media_type,
                                  size=len(copy.content), sha256=hashlib.sha256(copy.content).hexdigest(),
                                  content=copy.content)
        setattr(attachment, f"{snapshot.kind.value}_id", snapshot.id)
        session.add(attachment)
    session.flush()
    kinds = {snapshot.kind}
    for dependent in snapshot.dependents:
        kinds |= _restore_in(session, dependent)
    for link in snapshot.links:
        model: Any = m.RECORD_MODELS[link.kind]
        column = getattr(model, link.field)
        result = session.execute(update(model).where(model.id == link.id, column.is_(None))
                                 .values({link.field: snapshot.id}))
        if getattr(result, "rowcount", 0):
            kinds.add(link.kind)
    return kinds


def usage(db: Database, kind: RecordKind, ident: int) -> dict[str, int]:
    """What refers to a record so that it cannot be deleted (``{"visits": 2}``); {} if it can be.

    Visits, meetings, follow-ups and agreements can always be deleted (what refers to them is
    deleted with them or unlinked, and comes back on restore).
    """
    calls = SERVICES[kind].editing
    uses = calls.uses if calls is not None else None
    return uses(db, ident) if uses is not None else {}


def change_token(db: Database, kind: RecordKind) -> tuple[int, int, str]:
    """(count, highest id, newest change) of a kind: equal tokens mean an unchanged list.

    Every edit of a record (child rows included) moves its ``updated_at``; a delete lowers the count, a
    create raises the highest id. One indexed aggregate query.
    """
    model: Any = m.RECORD_MODELS[kind]
    with db.reader() as session:
        count, top, newest = session.execute(
            select(func.count(), func.max(model.id), func.max(model.updated_at)).select_from(model)).one()
    return int(count or 0), int(top or 0), str(newest or "")


def change_tokens(db: Database) -> dict[RecordKind, tuple[int, int, str]]:
    """``change_token`` of every kind (one query each)."""
    return {kind: change_token(db, kind) for kind in RecordKind}
