"""vCard import: the people of one or more vCard files into the database, in one transaction.

``import_vcards(db, paths, dry_run=...)`` reads each file (``services.interop.vcard``), maps each card
(``services.interop.cards``), and for each card either

- **finds** the person it describes: by uid (the card's ``UID``, or a merged-away person's uid, which
  stays an alias of the person kept), else by an e-mail address, else by the same name and a position at
  the same institution (or, for a card without ``ORG``, a phone number in common). A person found gets
  what the card adds (e-mails, phones, tags, name variants, positions, languages, notes not yet held; a
  photo, middle name, honorific and the like only where they are empty): **updated**, or **skipped**
  when the card adds nothing (so importing the same file again changes nothing);
- or **creates** the person, with institutions matched by name (case, accents and spelling folded as the
  search does, ``namekeys.fold``; name variants and short names count; a unit within its parent) or
  created, units under their parent (``ORG:University;Institute;Lab``).

All files go in one transaction: any error (a file cut short, a line that is not vCard, a value the
services refuse) leaves the database as it was, and the message names the file, the card and the line.
``dry_run`` does everything and then rolls back: the report is the preview. Values that are left out
(an e-mail address that is not one, a photo at a URL) are reported with their card and line.

New people are written in chunks with bulk inserts (``store.bulk.insert_rows``), checked by the people
service's own rules (``people.check_person``); updates go through the service's ORM path
(``people.update_in``); institutions through ``institutions.create_in``. The audit trail gets one
"import" entry, a "create" entry per new person and institution and an "update" entry per person updated.
"""

from __future__ import annotations

import io
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from organizer.domain.enums import RecordKind
from organizer.domain.errors import ImportFormatError, ValidationError
from organizer.domain.namekeys import fold
from organizer.domain.records import InstitutionData, PersonData, PositionData
from organizer.services import institutions, people
from organizer.services._gc import fewer_collections
from organizer.services.duplicates import phone_digits
from organizer.services.interop import contacts_match, contacts_new, vcard
from organizer.services.interop.cards import Contact, contact_of
from organizer.store import audit, schema
from organizer.store import models as m
from organizer.store.database import Database
from organizer.store.search import queue as search_queue

CHUNK = 500
"""Cards matched and written at a time."""
FILE_LIMIT = 512 * 1024 * 1024
"""Largest vCard file read, in bytes."""
NOTE_LIMIT = 1000
"""Most left-out values and card outcomes listed in a report (the counts are always complete)."""

Progress = Callable[[int], None]


@dataclass
class CardOutcome:
    file: str
    card: int
    line: int
    name: str
    action: str
    """``created``, ``updated`` or ``skipped``."""
    person_id: int | None = None


@dataclass
class VCardReport:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    institutions_created: int = 0
    left_out: list[str] = field(default_factory=list)
    """"FILE: card N (line L): PROPERTY 'value' (line M): why" for each value not imported (the first
    ``NOTE_LIMIT``; ``left_out_count`` counts them all)."""
    left_out_count: int = 0
    dry_run: bool = False
    cards: list[CardOutcome] = field(default_factory=list)
    """The outcome of each of the first ``NOTE_LIMIT`` cards, in file order (what a preview lists)."""

    def as_json(self) -> dict[str, Any]:
        return {"created": self.created, "updated": self.updated, "skipped": self.skipped,
                "institutions_created": self.institutions_created, "left_out": self.left_out,
                "left_out_count": self.left_out_count, "dry_run": self.dry_run}


class _DryRunDone(Exception):  # noqa: N818 (not an error: how a dry run rolls back)
    def __init__(self, report: VCardReport) -> None:
        super().__init__("dry run")
        self.report = report


def open_file(path: Path) -> BinaryIO:
    """``path`` open for reading in binary, after checking it is a regular file of at most ``FILE_LIMIT``."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ImportFormatError(f"{path} is not a regular file")
        if info.st_size > FILE_LIMIT:
            raise ImportFormatError(f"{path}: {info.st_size:,} bytes; a vCard file of at most {FILE_LIMIT:,} is read")
        return path.open("rb")
    except OSError as err:
        raise ImportFormatError(f"cannot read {path}: {err.strerror}") from None


def is_vcard_file(path: Path) -> bool:
    """Whether ``path`` holds vCards (by its first bytes, whatever its name)."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a FIFO or device is never opened (it may never answer)
            return False
        with path.open("rb") as f:
            return vcard.is_vcard(f.read(512))
    except OSError:
        return False


def import_vcards(db: Database, files: Sequence[Path] | Sequence[tuple[str, bytes]], *, dry_run: bool = False,
                  progress: Progress | None = None) -> VCardReport:
    """Import the people of these vCard files (paths, or (name, content) pairs) in one transaction; see the
    module docstring. ``dry_run``: nothing is written, the report says what would be."""
    sources = [(str(f), None) if isinstance(f, Path) else f for f in files]

    def attempt(session: Session) -> VCardReport:
        report = VCardReport(dry_run=dry_run)
        writer = _Writer(session, report)
        done = 0
        for name, content in sources:
            stream = open_file(Path(name)) if content is None else io.BytesIO(content)
            try:
                for card in vcard.iter_cards(vcard.lines_of(stream)):
                    writer.add(name, contact_of(card))
                    done += 1
                    if progress is not None:
                        progress(done)
                writer.flush()
            except ImportFormatError as err:
                raise ImportFormatError(f"{name}: {err}") from None
            except ValidationError as err:
                record = err.record or ""
                if not record.startswith(f"{name}: "):  # an institution's problem names the file already
                    record = f"{name}: {record}".rstrip(": ")
                raise ValidationError(err.issues, record=record) from None
            except OSError as err:
                raise ImportFormatError(f"cannot read {name}: {err.strerror}") from None
            finally:
                stream.close()
        writer.finish()
        if dry_run:
            raise _DryRunDone(report)
        return report

    try:
        with fewer_collections():  # the cycle collector's passes cost a quarter of a bulk import (services._gc)
            return db.write(attempt)
    except _DryRunDone as done:
        return done.report


# --- matching and writing ------------------------------------------------------------------------


class _Institutions:
    """Institutions by folded name (and short name and name variants) under each parent (0: top level).

    A new institution is written at the next flush of the session (``flush=False``), not at once: the
    session writes them together (``write``, before a chunk of people is matched and written), except
    when a unit is about to be made under it, which needs its id. Until then it stands in the tables by
    its object (``Place``)."""

    def __init__(self, session: Session, report: VCardReport) -> None:
        self.session = session
        self.report = report
        self.by_parent: dict[tuple[int, str], Place] = {}
        self.anywhere: dict[str, set[Place]] = {}
        self.created: list[m.Institution] = []
        self.unwritten = False
        """Whether an institution has been made since the session's last flush."""
        self.paths: dict[tuple[str, ...], Place] = {}
        """``resolve``'s answers that cannot change during the import, by path as written."""
        parents: dict[int, int] = {}
        for ident, name, short, parent in session.execute(
                select(m.Institution.id, m.Institution.name, m.Institution.short_name, m.Institution.parent_id)):
            parents[ident] = parent or 0
            self._remember(ident, parent or 0, name)
            if short:
                self._remember(ident, parent or 0, short)
        for ident, name in session.execute(select(m.InstitutionName.institution_id, m.InstitutionName.name)):
            self._remember(ident, parents.get(ident, 0), name)

    def _remember(self, place: Place, parent: int, name: str) -> None:
        key = fold(name)
        if key:
            self.by_parent.setdefault((parent, key), place)
            self.anywhere.setdefault(key, set()).add(place)

    def write(self) -> None:
        """Write the institutions made since the last flush (they get their ids)."""
        if self.unwritten:
            self.session.flush()
            self.unwritten = False

    def id_of(self, place: Place) -> int:
        """The id of a place ``resolve`` gave (``write`` first)."""
        if isinstance(place, int):
            return place
        assert place.id is not None, "write() first"
        return place.id

    def resolve(self, path: tuple[str, ...], file: str, card: vcard.Card) -> Place:
        """The institution at ``path`` (top first), found or made: its id, or the new institution itself
        (its id once written, ``id_of``); a name its service refuses raises ValidationError naming ``file``
        and ``card``."""
        known = self.paths.get(path)
        if known is not None:
            return known
        parent: Place = 0
        settled = True
        """Whether every step was found under its parent (or made): the answer stays the same (a step
        found by its name anywhere may not, once another institution gets that name)."""
        for depth, name in enumerate(path):
            if not isinstance(parent, int):  # a unit of an institution not written yet: it needs its id
                self.write()
                parent = self.id_of(parent)
            key = fold(name)
            found = self.by_parent.get((parent, key))
            if found is None and depth == 0 and len(self.anywhere.get(key, ())) == 1:
                found = next(iter(self.anywhere[key]))  # a unit named on its own (ORG:Institute of Chemistry)
                settled = False
            if found is None:
                try:
                    obj = institutions.create_in(self.session, InstitutionData(name=name, parent_id=parent or None),
                                                 flush=False)
                except ValidationError as err:
                    raise ValidationError({f"ORG[{depth}]": "; ".join(err.problems.values())},
                                          record=f"{file}: {card.where()}") from None
                self.unwritten = True
                self.created.append(obj)
                self.report.institutions_created += 1
                self._remember(obj, parent, name)
                found = obj
            parent = found
        if settled:
            self.paths[path] = parent
        return parent


Place = int | m.Institution
"""An institution in ``_Institutions``' tables: its id, or the new institution not written yet."""


@dataclass
class _Pending:
    file: str
    contact: Contact
    outcome: CardOutcome
    name_key: str
    """``people.sort_key_of`` of the card's person as stored (``sort_name``)."""
    places: tuple[Place, ...] = ()
    """The institution of each of the contact's positions (``_Institutions.resolve``)."""
    positions: tuple[PositionData, ...] = ()
    """The contact's positions, made once their institutions are written (``_Writer.flush``)."""


class _Writer:
    def __init__(self, session: Session, report: VCardReport, fmt: str = "vcard") -> None:
        self.session = session
        self.report = report
        self.format = fmt
        self.institutions = _Institutions(session, report)
        self.pending: list[_Pending] = []
        self.keys: set[str] = set()
        self.created_uids: list[str] = []
        self.updated: list[tuple[int, str, list[str]]] = []
        audit.suspend(session)
        self.triggers_back = search_queue.without_insert_triggers(session.connection())
        self.index = contacts_new.people_index(session, self.triggers_back is not None)
        """New people are indexed as they are written (SQLite), not queued (``contacts_new``)."""

    def add(self, file: str, contact: Contact) -> None:
        for note in contact.left_out:
            self.report.left_out_count += 1
            if len(self.report.left_out) < NOTE_LIMIT:
                self.report.left_out.append(f"{file}: {contact.card.where()}: {note}")
        outcome = CardOutcome(file, contact.card.number, contact.card.line, contact.name, "skipped")
        if len(self.report.cards) < NOTE_LIMIT:  # a preview lists the first ones; the counts are complete
            self.report.cards.append(outcome)
        data = contact.data
        if not (data.given_name or data.family_name or data.display_name):
            self.report.skipped += 1
            self.report.left_out_count += 1
            if len(self.report.left_out) < NOTE_LIMIT:
                self.report.left_out.append(f"{file}: {contact.card.where()}: no name, e-mail address or "
                                            "organisation; skipped")
            return
        name_key = people.sort_key_of(data)
        keys = {f"u:{data.uid}", f"n:{name_key}", *(f"e:{e.value.casefold()}" for e in data.emails)}
        if keys & self.keys:
            self.flush()  # a card about someone written earlier in this chunk: match against them
        self.keys |= keys
        places = tuple(self.institutions.resolve(p.path, file, contact.card) for p in contact.positions)
        self.pending.append(_Pending(file, contact, outcome, name_key[: schema.NAME_LEN * 2], places))
        if len(self.pending) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        self.institutions.write()
        id_of = self.institutions.id_of
        for item in self.pending:
            item.positions = tuple(PositionData(p.title, id_of(place), p.start_date, p.end_date, bool(p.current),
                                                variants=p.variants)
                                   for p, place in zip(item.contact.positions, item.places, strict=True))
        found = contacts_match.match(self.session, self.pending)
        new: list[_Pending] = []
        for item in self.pending:
            ident = found.get(id(item))
            if ident is None:
                new.append(item)
            else:
                self._update(item, ident)
        self._create(new)
        self.pending = []
        self.keys = set()

    def finish(self) -> None:
        session, conn = self.session, self.session.connection()
        session.flush()
        made = [obj.uid for obj in self.institutions.created]
        if self.triggers_back is not None:
            # Indexed as they were written, but for those a later card updated (their rows changed since).
            again = self.created_uids if self.index is None else [uid for _, uid, _ in self.updated]
            search_queue.queue_records(conn, RecordKind.PERSON, again)
            search_queue.queue_records(conn, RecordKind.INSTITUTION, made)
            self.triggers_back()
        audit.created_by_import(session, RecordKind.PERSON, self.created_uids)
        audit.created_by_import(session, RecordKind.INSTITUTION, made)
        for ident, uid, fields in self.updated:
            audit.add(session, "update", RecordKind.PERSON, ident, uid=uid, fields=fields)
        r = self.report
        audit.add(session, "import", detail={"format": self.format, "created": r.created, "updated": r.updated,
                                             "skipped": r.skipped, "institutions_created": r.institutions_created})

    # -- updates

    def _update(self, item: _Pending, ident: int) -> None:
        session = self.session
        stored = people.details_in(session.connection(), [ident])[0].data
        merged, fields = _merged(stored, item.contact.data, item.positions, self._has_photo(ident))
        item.outcome.person_id = ident
        if not fields:
            item.outcome.action = "skipped"
            self.report.skipped += 1
            return
        obj = session.get(m.Person, ident)
        assert obj is not None
        try:
            people.update_in(session, obj, merged)
        except ValidationError as err:
            raise ValidationError(err.issues, record=f"{item.contact.card.where()}") from None
        item.outcome.action = "updated"
        self.report.updated += 1
        self.updated.append((ident, obj.uid, fields))

    def _has_photo(self, ident: int) -> bool:
        return bool(self.session.scalar(select(m.Person.photo_type).where(m.Person.id == ident)))

    # -- creates

    def _create(self, items: list[_Pending]) -> None:
        if not items:
            return
        made = contacts_new.create(self.session, items, self.index)
        for item, (_uid, ident) in zip(items, made, strict=True):
            item.outcome.action = "created"
            item.outcome.person_id = ident
        self.report.created += len(items)
        self.created_uids.extend(uid for uid, _ in made)


def _merged(stored: PersonData, card: PersonData, positions: tuple[PositionData, ...],
            has_photo: bool) -> tuple[PersonData, list[str]]:
    """``stored`` with what ``card`` adds, and the names of the fields that changed ([] if nothing)."""
    changed: list[str] = []
    out = stored

    def fill(name: str) -> None:
        nonlocal out
        if not getattr(out, name) and getattr(card, name):
            out = replace(out, **{name: getattr(card, name)})
            changed.append(name)

    for name in ("middle_name", "honorific", "form_of_address", "biography", "dietary_needs", "interpreter_needs",
                 "gender"):
        fill(name)
    emails = {e.value.casefold() for e in stored.emails}
    new_emails = tuple(e for e in card.emails if e.value.casefold() not in emails)
    if new_emails:
        out = replace(out, emails=out.emails + new_emails)
        changed.append("emails")
    numbers = {phone_digits(p.value) or p.value for p in stored.phones}
    new_phones = tuple(p for p in card.phones if (phone_digits(p.value) or p.value) not in numbers)
    if new_phones:
        out = replace(out, phones=out.phones + new_phones)
        changed.append("phones")
    names = {v.name.casefold() for v in stored.name_variants}
    new_names = tuple(v for v in card.name_variants if v.name.casefold() not in names)
    if new_names:
        out = replace(out, name_variants=out.name_variants + new_names)
        changed.append("name_variants")
    for name in ("tags", "languages", "topics"):
        have = {x.casefold() for x in getattr(stored, name)}
        extra = tuple(x for x in getattr(card, name) if x.casefold() not in have)
        if extra:
            out = replace(out, **{name: getattr(out, name) + extra})
            changed.append(name)
    held = {(p.institution_id, p.title.casefold()) for p in stored.positions}
    extra_positions = tuple(replace(p, current=p.current and not any(q.current for q in stored.positions))
                            for p in positions if (p.institution_id, p.title.casefold()) not in held)
    if extra_positions:
        out = replace(out, positions=out.positions + extra_positions)
        changed.append("positions")
    if card.notes and card.notes not in stored.notes:
        out = replace(out, notes=f"{stored.notes}\n{card.notes}" if stored.notes else card.notes)
        changed.append("notes")
    if card.photo is not None and not has_photo:
        out = replace(out, photo=card.photo)
        changed.append("photo")
    return out, changed
