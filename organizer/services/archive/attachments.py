"""Attachments in an Organizer archive: the ``attachments`` section, one file a record.

A record is ``{"uid", "created_at", "updated_at", "<owner kind>": "<owner uid>", "name", "media_type",
"size", "sha256", "base64"}``: exactly one owner key (``person``, ``institution``, ``visit``, ``meeting`` or
``agreement``) naming a record of the archive or of the database. The export reads one attachment at a
time from the database, so its memory is one file (at most ``ATTACHMENT_LIMIT``) whatever the total.

The import checks, before anything of the record is written: the owner exists; the name is a plain file
name (no folder part, no ``..``, no absolute path, no control character: it names a file when the
attachment is opened or saved); the encoded content is no longer than the limit allows (checked before it
is decoded) and the decoded file is at most ``ATTACHMENT_LIMIT``; ``size`` and ``sha256``, when given,
match the decoded bytes (a cut or altered file is refused, naming the record). The merge rule for a uid
already stored is ``archive.merge``'s: same file, name, type and owner -> unchanged; otherwise the newer
``updated_at`` wins (updated), an older or undated one is skipped.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from organizer.services._checks import ATTACHMENT_LIMIT, Checker
from organizer.services.archive.reading import RecordReader, UidResolver
from organizer.store import models as m
from organizer.store import schema
from organizer.store.schema import ATTACHMENT_OWNERS

MAX_BASE64 = 4 * (ATTACHMENT_LIMIT // 3 + 1)
"""The longest base64 text an attachment within ``ATTACHMENT_LIMIT`` can have: longer is refused unread."""
_OWNER_MODELS = {owner: m.RECORD_MODELS[next(k for k in m.RECORD_MODELS if k.value == owner)]
                 for owner in ATTACHMENT_OWNERS}


def iter_attachments(conn: Connection, uids: dict[str, dict[int, str]]) -> Iterator[dict[str, Any]]:
    """Every attachment as its archive record, in id order, one file in memory at a time."""
    a = schema.table("attachment")
    for ident in list(conn.scalars(select(a.c.id).order_by(a.c.id))):
        row = conn.execute(select(a).where(a.c.id == ident)).one()._mapping
        owner = next(o for o in ATTACHMENT_OWNERS if row[f"{o}_id"] is not None)
        content = row["content"] or b""
        yield {"uid": row["uid"], owner: uids[owner][row[f"{owner}_id"]], "name": row["name"],
               "media_type": row["media_type"], "size": len(content), "sha256": row["sha256"],
               "base64": base64.b64encode(content).decode("ascii"),
               "created_at": row["created_at"].isoformat(), "updated_at": row["updated_at"].isoformat()}


def plain_name(name: str) -> str | None:
    """Why ``name`` cannot name an attachment's file, or None: the archive's guard against path traversal."""
    if "/" in name or "\\" in name:
        return "must be a plain file name, without a folder (no '/' or '\\\\')"
    if name.strip() in (".", ".."):
        return "must be a file name, not '.' or '..'"
    if len(name) >= 2 and name[1] == ":":
        return "must be a plain file name, without a drive (C:)"
    return None


def read_attachment(res: UidResolver, r: RecordReader) -> dict[str, Any]:
    """The columns of an archive's attachment record (uid, owner, file and its checks); ValidationError
    naming the record and field for anything wrong."""
    owners = [o for o in ATTACHMENT_OWNERS if r.raw.get(o) is not None]
    if len(owners) != 1:
        raise r.fail("owner", "an attachment belongs to exactly one of: " + ", ".join(ATTACHMENT_OWNERS)
                     + (f" (it names {', '.join(owners)})" if owners else ""))
    owner = owners[0]
    owner_id = res.id_of(_OWNER_MODELS[owner], r.text(owner), r, owner)
    checker = Checker(r.where)
    raw_name = r.text("name")
    if (why := plain_name(raw_name)) is not None:
        raise r.fail("name", why)
    name = checker.text("name", raw_name, required=True)
    media_type = checker.text("media_type", r.text("media_type") or "application/octet-stream")
    checker.check()
    encoded = r.text("base64")
    if len(encoded) > MAX_BASE64:
        raise r.fail("base64", f"is too large ({len(encoded):,} characters of base64; an attachment is at most "
                               f"{ATTACHMENT_LIMIT:,} bytes)")
    try:
        content = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise r.fail("base64", "is not valid base64") from None
    if len(content) > ATTACHMENT_LIMIT:
        raise r.fail("base64", f"is too large ({len(content):,} bytes; the limit is {ATTACHMENT_LIMIT:,})")
    if "size" in r.raw and r.integer("size") != len(content):
        raise r.fail("size", f"says {r.integer('size'):,} bytes, the file has {len(content):,} (cut or altered?)")
    digest = hashlib.sha256(content).hexdigest()
    if r.text("sha256") and r.text("sha256").lower() != digest:
        raise r.fail("sha256", "does not match the file's content (cut or altered?)")
    return {**{f"{o}_id": None for o in ATTACHMENT_OWNERS}, f"{owner}_id": owner_id, "name": name,
            "media_type": media_type, "size": len(content), "sha256": digest, "content": content}


COMPARED = (*(f"{o}_id" for o in ATTACHMENT_OWNERS), "name", "media_type", "sha256")
"""What makes two attachments of one uid the same: owner, name, type and content (by its hash)."""


def import_attachment(conn: Connection, res: UidResolver, r: RecordReader, uid: str,
                      created: datetime | None, updated: datetime | None) -> str:
    """Add or merge one attachment record; returns ``added``, ``unchanged``, ``updated`` or ``skipped``."""
    a = schema.table("attachment")
    columns = read_attachment(res, r)
    stored = conn.execute(select(a.c.id, a.c.updated_at, *(a.c[k] for k in COMPARED)).where(a.c.uid == uid)).first()
    if stored is None:
        now = schema.utcnow()
        conn.execute(insert(a).values(uid=uid, created_at=created or now, updated_at=updated or now, **columns))
        return "added"
    if all(stored._mapping[k] == columns[k] for k in COMPARED):
        return "unchanged"
    if updated is None or updated <= stored.updated_at:
        return "skipped"
    conn.execute(update(a).where(a.c.id == stored.id).values(updated_at=updated, version=a.c.version + 1, **columns))
    return "updated"
