"""Attachments: files kept with a person, institution, visit, meeting or agreement (in the database)."""

from __future__ import annotations

import hashlib
import mimetypes

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute

from organizer.domain.enums import RecordKind
from organizer.domain.errors import Problem, ValidationError
from organizer.domain.records import AttachmentRow
from organizer.services._checks import ATTACHMENT_LIMIT, Checker
from organizer.services._records import fetch
from organizer.store import models as m
from organizer.store.database import Database

OWNER_MODELS: dict[RecordKind, type[m.RecordMixin]] = {
    kind: model for kind, model in m.RECORD_MODELS.items() if kind.value in m.ATTACHMENT_OWNERS}
"""The kinds that files can be attached to, and their mapped classes."""


def _owner_column(owner_kind: RecordKind) -> InstrumentedAttribute[int | None]:
    if owner_kind not in OWNER_MODELS:
        allowed = ", ".join(OWNER_MODELS)
        raise ValidationError({"owner_kind": Problem("not_one_of", f"{owner_kind!r} is not one of: {allowed}",
                                                     {"value": owner_kind, "allowed": allowed})})
    column: InstrumentedAttribute[int | None] = getattr(m.Attachment, f"{owner_kind}_id")
    return column


def _row(a: m.Attachment) -> AttachmentRow:
    kind = next(k for k in OWNER_MODELS if getattr(a, f"{k}_id") is not None)
    return AttachmentRow(id=a.id, owner_kind=kind, owner_id=getattr(a, f"{kind}_id"), name=a.name,
                         media_type=a.media_type, size=a.size, sha256=a.sha256)


def add_attachment(db: Database, owner_kind: RecordKind, owner_id: int, name: str, content: bytes,
                   media_type: str = "", *, ident: int | None = None) -> AttachmentRow:
    """Attach a file (its bytes are stored in the database, so every client sees it). ``ident``: put a
    removed file back under its old id when that id is free (undo), so what refers to it still does."""
    _owner_column(owner_kind)
    checker = Checker(f"attachment {name!r}")
    name = checker.text("name", name, required=True)
    if len(content) > ATTACHMENT_LIMIT:
        checker.add("content", f"is too large ({len(content):,} bytes; the limit is {ATTACHMENT_LIMIT:,})",
                    "file_too_large", size=len(content), limit=ATTACHMENT_LIMIT)
    media_type = checker.text("media_type", media_type or mimetypes.guess_type(name)[0]
                              or "application/octet-stream")
    checker.check()
    with db.unit_of_work() as session:
        fetch(session, OWNER_MODELS[owner_kind], owner_id, RecordKind(owner_kind))
        obj = m.Attachment(name=name, media_type=media_type, size=len(content),
                           sha256=hashlib.sha256(content).hexdigest(), content=content)
        if ident is not None and session.get(m.Attachment, ident) is None:
            obj.id = ident
        setattr(obj, f"{owner_kind}_id", owner_id)
        session.add(obj)
        session.flush()
        return _row(obj)


def list_attachments(db: Database, owner_kind: RecordKind, owner_id: int) -> list[AttachmentRow]:
    col = _owner_column(owner_kind)
    with db.reader() as session:
        q = select(m.Attachment).where(col == owner_id).order_by(m.Attachment.name)
        return [_row(a) for a in session.scalars(q)]


def attachment_content(db: Database, ident: int) -> bytes:
    with db.reader() as session:
        return fetch(session, m.Attachment, ident, "attachment").content


def delete_attachment(db: Database, ident: int) -> None:
    with db.unit_of_work() as session:
        session.delete(fetch(session, m.Attachment, ident, "attachment"))
