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
an agreement's text) is not searched or changed: review it by hand.

Copies: the erase leaves none in the database, in the same transaction: the search index's rows and
its vocabulary of name words (``search_term``, which otherwise keeps a word until ``search --rebuild``)
lose the person's words, the FTS5 tables are compacted so that no old segment keeps them, and on
SQLite the connection erases with ``PRAGMA secure_delete`` (deleted text is overwritten with zeros,
not left in free pages); after the commit the file is rewritten (``VACUUM``: no copy left in space
freed by earlier edits) and its write-ahead log checkpointed and cut to zero bytes (``store.scrub``).
Then, on SQLite, a fresh automatic backup is made (``after-erase``), so the newest way back does not
hold the person: none is made before the erase (the day's first changing command
would otherwise copy exactly the data being erased), and the ``after-erase`` backups made earlier the
same day are removed (each holds the people erased since). Backups made before the erase keep the data
until they are rotated away, at most 7 days after (``store.snapshots``), or until
``organizer backup --purge-erased`` removes them. Copies outside the database's folder are out of
reach: exported archives, PDFs and vCards, backups made with ``backup --out`` or restored elsewhere,
other computers' copies; on PostgreSQL the server's write-ahead log, base backups and replicas, and
dead row versions until autovacuum (``pg_dump`` does not read them).

The audit trail (``services.audit``) keeps the person's entries, so it still shows who changed the
record and when, and which fields (names of fields, never values: the trail holds no names, e-mails
or notes); the uids and merged records' titles in those entries and in the entries of people merged
into this one (also through a chain of merges) are removed, and an "erase" entry is added.

Merge records (``merge_record``, kept so that a merge can be undone) of the person and of every record
merged into it, also through a chain of merges, are deleted: each holds a full copy of the merged record
(names, contacts, notes), which is this person's data too. Those merges can no longer be undone. Merges
already undone in which the person took part, on either side, are deleted too: their copy holds the
person as they were before that merge.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, or_, select

from organizer.domain.enums import RecordKind
from organizer.domain.errors import NotFoundError, OrganizerError
from organizer.domain.fields import PERSON, FieldType
from organizer.services._checks import valid_id
from organizer.services._records import touch
from organizer.services.audit import absorbed_ids, scrub_person
from organizer.store import audit, scrub, snapshots
from organizer.store import models as m
from organizer.store.database import Database
from organizer.store.search import base as search_index
from organizer.store.search.engine import index_for

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

ERASED_NAME = "Erased person"
AFTER_ERASE = snapshots.AFTER_ERASE


@dataclass(frozen=True)
class ErasedPerson:
    id: int
    removed: dict[str, int]
    """What was removed, by kind (``{"emails": 2, "positions": 1, ...}``)."""
    backup: Path | None = None
    """The ``after-erase`` backup made (SQLite), or None (PostgreSQL, or it failed: see ``warnings``)."""
    warnings: tuple[str, ...] = ()
    """What could not be done after the commit (the erase itself is done): the backup, emptying the log."""


def erase_person(db: Database, ident: int, *, now: datetime | None = None) -> ErasedPerson:
    """Remove a person's personal data everywhere; see the module docstring for what stays."""
    with db.unit_of_work() as session, scrub.secure_delete(session):
        # Locked first (PostgreSQL: FOR UPDATE; SQLite holds the write lock already): a merge into this
        # person waits for the erase, or the erase for it, so no merge record committed meanwhile escapes.
        person = session.get(m.Person, ident, with_for_update=True) if valid_id(ident) else None
        if person is None:
            raise NotFoundError(RecordKind.PERSON, ident)
        owners = absorbed_ids(session, RecordKind.PERSON, ident)  # before their merge records go
        index = index_for(session)
        words = _index_terms(session, index, ident, owners)
        removed = {
            "name variants": len(person.names), "emails": len(person.emails), "phones": len(person.phones),
            "tags": len(person.tags), "topics": len(person.topics), "positions": len(person.positions),
            "photo": int(person.photo is not None),
        }
        for field in PERSON.personal:  # names, contacts, tags, topics, positions, texts, languages, photo
            if field.type is not FieldType.UID:
                setattr(person, field.attr, PERSON.empty(field.name))
        attachments = session.execute(delete(m.Attachment).where(m.Attachment.person_id == ident))
        removed["attachments"] = attachments.rowcount or 0  # type: ignore[attr-defined]
        person.given_name = ERASED_NAME
        person.family_name = str(ident)
        person.sort_name = f"~erased {ident:010d}"
        person.uid = m.new_uid()
        touch(person)
        session.flush()
        audit.suspend(session)  # one "erase" entry, not an "update" naming every field
        scrub_person(session, ident, owners)
        removed["merge records"] = _delete_merge_records(session, owners)
        audit.add(session, "erase", RecordKind.PERSON, ident)
        session.flush()
        # The index now, under secure_delete (``unit_of_work`` would do it after this block): the person's
        # row re-indexed, then their words dropped from the vocabulary and the old segments merged away.
        if index.available(session):
            index.apply_pending(session)
            index.forget_terms(session, words)
            index.compact(session, RecordKind.PERSON)
    warnings: list[str] = []
    problem = scrub.rewrite_file(db.path)
    if problem:
        warnings.append(problem)
    made = None
    if db.path is not None:
        try:
            made = after_erase_backup(db.path, now=now)
        except OrganizerError as err:
            warnings.append(f"no backup made after the erase: {err}")
    return ErasedPerson(id=ident, removed={k: v for k, v in removed.items() if v}, backup=made,
                        warnings=tuple(warnings))


def after_erase_backup(database: Path, *, now: datetime | None = None) -> Path:
    """An automatic ``after-erase`` backup of ``database``; the other ``after-erase`` backups of the same
    (UTC) day that hold fewer erases are removed (each holds people erased since), older ones rotate away
    by age. Compared by their audit trails, not their times: with erases running at once in several
    processes, a backup made a moment later may still have been copied before another erase committed."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    made = snapshots.rotate_backup(database, AFTER_ERASE, now=now)
    try:
        erases = snapshots.erases_in_copy(made)
    except sqlite3.Error:
        return made  # just written and checked, so readable; if not, nothing else is removed
    for old in snapshots.automatic_backups(database):
        at = snapshots.made_at(old)
        if old == made or not old.name.endswith(f"-{AFTER_ERASE}.sqlite") or at is None or at.date() != now.date():
            continue
        try:
            fewer = snapshots.erases_in_copy(old) < erases
        except sqlite3.Error:
            continue  # a copy that cannot be read stays (``backup --purge-erased`` reports it)
        if fewer:
            old.unlink(missing_ok=True)
    return made


def _index_terms(session: Session, index: search_index.SearchIndex, ident: int,
                 owners: list[int]) -> set[search_index.Term]:
    """The person's name words and keys as the index holds them and as the data has them now, and those of
    the people merged into them (from the copies their merge records keep)."""
    terms: set[search_index.Term] = set()
    if index.available(session):
        for text in index.stored(session, RecordKind.PERSON, [ident], body=False).values():
            terms |= search_index.name_terms(text)
    for doc in search_index.documents(session, RecordKind.PERSON, [ident], body=False).values():
        terms |= search_index.name_terms(search_index.indexed_text(doc))
    table = m.MergeRecord.__table__
    for title, snapshot in session.execute(select(table.c.merged_title, table.c.snapshot).where(
            table.c.kind == "person", or_(table.c.kept_id.in_(owners), table.c.merged_id.in_(owners)))):
        for name in [title or "", *_snapshot_names(snapshot)]:
            terms |= search_index.terms_of(name)
    return terms


def _snapshot_names(snapshot: str) -> list[str]:
    """The names in a merge record's copy of the rows it changed (people and their name variants)."""
    try:
        rows = json.loads(snapshot).get("rows", {})
    except (ValueError, AttributeError):
        return []
    if not isinstance(rows, dict):
        return []
    names: list[str] = []
    for row in rows.get("person", []):
        names += [str(row.get(c) or "") for c in ("given_name", "middle_name", "family_name", "display_name")]
    names += [str(row.get("name") or "") for row in rows.get("person_name", [])]
    return [n for n in names if n]


def _delete_merge_records(session: Session, owners: list[int]) -> int:
    """Delete the merge records of the people in ``owners`` (the person and everyone merged into them by
    merges not undone): those kept under them, and the undone ones in which they took part on either side
    (each holds a copy of the person as they were before that merge)."""
    table: Any = m.MergeRecord.__table__
    gone: Any = session.execute(delete(table).where(
        table.c.kind == "person", or_(table.c.kept_id.in_(owners), table.c.merged_id.in_(owners))))
    return int(gone.rowcount or 0)
