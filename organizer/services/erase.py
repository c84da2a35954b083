"""Erasing a person's personal data, for data-protection requests (``organizer erase person ID``).

One unit of work. What goes (the fields marked personal in ``domain.fields.PERSON``):
- every name (given, middle, family, display, honorific, form of address, all name variants),
  biography, notes, dietary and interpretation needs, languages, photo, e-mail addresses, phone numbers,
  tags, topics of interest;
- every position (who held which post where and when is personal data);
- files attached to the person;
- the record's ``uid`` (it may be made of the name) is replaced by a new random one.

What stays, anonymised: the record itself, named "Erased person <id>", so the visits, meetings and
agreements the person took part in keep a participant (side, role, order of precedence), a gift keeps its
giver or receiver, a follow-up its owner. Free text written elsewhere (meeting notes, a visit's summary,
an agreement's text) is not searched or changed: review it by hand. Copies made earlier (automatic
backups, exported archives, PDFs) keep the data until they are rotated away or deleted: the automatic
backups beside the database hold it for up to 7 days.

The audit trail (``services.audit``) keeps the person's entries, so it still shows who changed the
record and when, and which fields (names of fields, never values: the trail holds no names, e-mails
or notes); the uids in those entries and in the entries of people merged into this one are removed,
and an "erase" entry is added.

Merge records (``merge_record``, kept so that a merge can be undone) of the person and of every record
merged into it, also through a chain of merges, are deleted: each holds a full copy of the merged record
(names, contacts, notes), which is this person's data too. Those merges can no longer be undone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, select

from organizer.domain.fields import PERSON, FieldType
from organizer.services._records import fetch, touch
from organizer.services.audit import scrub_person
from organizer.store import audit
from organizer.store import models as m
from organizer.store.database import Database

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

ERASED_NAME = "Erased person"


@dataclass(frozen=True)
class ErasedPerson:
    id: int
    removed: dict[str, int]
    """What was removed, by kind (``{"emails": 2, "positions": 1, ...}``)."""


def erase_person(db: Database, ident: int) -> ErasedPerson:
    """Remove a person's personal data everywhere; see the module docstring for what stays."""
    with db.unit_of_work() as session:
        person = fetch(session, m.Person, ident, "person")
        removed = {
            "name variants": len(person.names), "emails": len(person.emails), "phones": len(person.phones),
            "tags": len(person.tags), "topics": len(person.topics), "positions": len(person.positions),
            "photo": int(person.photo is not None),
        }
        for field in PERSON.personal:  # names, contacts, tags, topics, positions, texts, languages, photo
            if field.type is not FieldType.UID:
                setattr(person, field.attr, field.empty)
        attachments = session.execute(delete(m.Attachment).where(m.Attachment.person_id == ident))
        removed["attachments"] = attachments.rowcount or 0  # type: ignore[attr-defined]
        person.given_name = ERASED_NAME
        person.family_name = str(ident)
        person.sort_name = f"~erased {ident:010d}"
        person.uid = m.new_uid()
        touch(person)
        session.flush()
        removed["merge records"] = _delete_merge_records(session, ident)
        audit.suspend(session)  # one "erase" entry, not an "update" naming every field
        scrub_person(session, ident)
        audit.add(session, "erase", "person", ident)
    return ErasedPerson(id=ident, removed={k: v for k, v in removed.items() if v})


def _delete_merge_records(session: Session, ident: int) -> int:
    """Delete the merge records kept under ``ident`` and, transitively, under every person merged into it
    (merges already undone are left: their copy is of a person who is a record of their own again)."""
    table = m.MergeRecord.__table__
    owners, todo, gone = {ident}, [ident], 0
    while todo:
        rows = session.execute(select(table.c.id, table.c.merged_id)
                               .where(table.c.kind == "person", table.c.kept_id.in_(todo),
                                      table.c.undone_at.is_(None))).all()
        todo = [merged for _rid, merged in rows if merged not in owners]
        owners.update(todo)
        if rows:
            session.execute(delete(table).where(table.c.id.in_([rid for rid, _m in rows])))
            gone += len(rows)
    return gone
