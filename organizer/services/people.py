"""People: create, update, delete, lists (cheap rows and by-id batches for lazy views), history.

Reads go through ``store.people_read`` (every way a person is read, with named rows): this module opens
the read transaction and adds what is not a person row (history, needs, tags, photo). Only writes use the
ORM (``models``, imported on first use), so showing or listing people never loads it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import BindParameter, Connection, bindparam, func, select

from organizer.domain.changes import ChangeSet, Snapshot
from organizer.domain.enums import ParticipantRole, RecordKind, Side, parse_enum
from organizer.domain.errors import NotFoundError
from organizer.domain.fields import PERSON
from organizer.domain.listing import ListQuery
from organizer.domain.records import (
    AttendanceView,
    PersonData,
    PersonDetail,
    PersonHistory,
    PersonListing,
    PersonRow,
    PositionData,
    TagCount,
    compose_full_name,
)
from organizer.domain.variants import display_language
from organizer.services import browse, shown
from organizer.services._checks import PHOTO_LIMIT, SHORT_LIMIT, Checker, valid_id
from organizer.services._records import InUse, Writes, fetch, links_to, replace_children, topics_by_name
from organizer.services.positions import (
    POSITION_FIELDS,
    check_positions,
    full_name_of,
)
from organizer.store import people_read
from organizer.store import schema as s
from organizer.store.lazy import models as m

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from organizer.store.database import Database

KIND = RecordKind.PERSON

_IMAGE_MAGIC = {
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"GIF87a": "image/gif",
    b"GIF89a": "image/gif",
}


def sniff_image(content: bytes) -> str | None:
    for magic, media_type in _IMAGE_MAGIC.items():
        if content.startswith(magic):
            return media_type
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp"
    return None


def sort_key_of(data: PersonData) -> str:
    return sort_key(data.display_name, data.family_name, data.given_name, data.middle_name)


def sort_key(display: str, family: str, given: str, middle: str) -> str:
    """``sort_name`` of a person with these name parts as given (before the text checks)."""
    if display.strip():
        return display.strip().casefold()
    return " ".join(p.strip() for p in (family, given, middle) if p.strip()).casefold()


@dataclass(slots=True)
class CheckedPerson:
    """A person's input after the rules: plain column values, for the ORM (``_apply``) or for the
    archive import's bulk inserts. Topics are left to the caller (they are looked up or created)."""

    columns: dict[str, Any]
    names: list[dict[str, Any]]
    emails: list[dict[str, Any]]
    phones: list[dict[str, Any]]
    tags: list[str]
    positions: list[dict[str, Any]]


def check_person(data: PersonData, checker: Checker, institution_exists: Callable[[int], bool],
                 positions: Sequence[PositionData] | None = None) -> CheckedPerson:
    """Apply every rule for a person to ``data``; problems go to ``checker`` (call ``checker.check()``).
    ``positions``: in place of ``data.positions`` (an import resolves a card's institutions after mapping
    it, and checks the card's data with them without copying it)."""
    given = checker.text("given_name", data.given_name)
    family = checker.text("family_name", data.family_name)
    display = checker.text("display_name", data.display_name)
    if not (given or family or display):
        checker.add("family_name", "a person needs a given name, a family name or a display name",
                    "name_needed")
    columns: dict[str, Any] = {
        "given_name": given, "family_name": family,
        "middle_name": checker.text("middle_name", data.middle_name),
        "honorific": checker.text("honorific", data.honorific),
        "form_of_address": checker.text("form_of_address", data.form_of_address),
        "display_name": display,
        "sort_name": sort_key_of(data)[: s.NAME_LEN * 2],
        "languages": [checker.text(f"languages[{i}]", lang, required=True, limit=SHORT_LIMIT)
                      for i, lang in enumerate(data.languages)],
        "biography": checker.long_text("biography", data.biography),
        "dietary_needs": checker.long_text("dietary_needs", data.dietary_needs),
        "interpreter_needs": checker.long_text("interpreter_needs", data.interpreter_needs),
        "notes": checker.long_text("notes", data.notes),
        **checker.generic(PERSON, data),
        **checker.variants(PERSON, data.variants),
    }
    # ``photo=None`` keeps the stored photo (details carry no photo bytes); set_person_photo removes it.
    if data.photo is not None:
        columns["photo"], columns["photo_type"] = _checked_photo(data.photo, checker)
    names = [
        {"name": checker.text(f"name_variants[{i}].name", v.name, required=True),
         "script": checker.text(f"name_variants[{i}].script", v.script, limit=16),
         "language": checker.text(f"name_variants[{i}].language", v.language, limit=16)}
        for i, v in enumerate(data.name_variants)
    ]
    emails = [{"address": checker.email(f"emails[{i}]", e.value),
               "label": checker.text(f"emails[{i}].label", e.label, limit=SHORT_LIMIT)}
              for i, e in enumerate(data.emails)]
    phones = [{"number": checker.phone(f"phones[{i}]", p.value),
               "label": checker.text(f"phones[{i}].label", p.label, limit=SHORT_LIMIT)}
              for i, p in enumerate(data.phones)]
    tags: list[str] = []
    for i, raw in enumerate(data.tags):
        tag = checker.text(f"tags[{i}]", raw, required=True, limit=SHORT_LIMIT)
        if tag and tag not in tags:
            tags.append(tag)
    checked_positions = check_positions(data.positions if positions is None else positions, checker,
                                        institution_exists)
    return CheckedPerson(columns, names, emails, phones, tags, checked_positions)


def _apply(session: Session, obj: m.Person, data: PersonData, checker: Checker, *, restoring: bool = False) -> None:
    """Fill ``obj`` from ``data``. ``restoring`` (a deleted person created again): positions keep the
    ids and uids their input carries where those are still free."""
    checked = check_person(data, checker, lambda ident: session.get(m.Institution, ident) is not None)
    topics = topics_by_name(session, data.topics, checker)
    checker.check()
    for key, value in checked.columns.items():
        setattr(obj, key, value)
    names = [m.PersonName(**v) for v in checked.names]
    emails = [m.PersonEmail(**v) for v in checked.emails]
    phones = [m.PersonPhone(**v) for v in checked.phones]
    tags = [m.PersonTag(tag=t) for t in checked.tags]
    positions = [m.Position(**v) for v in checked.positions]
    replace_children(session, obj, "names", names, fields=("name", "script", "language"))
    replace_children(session, obj, "emails", emails, fields=("address", "label"))
    replace_children(session, obj, "phones", phones, fields=("number", "label"))
    replace_children(session, obj, "tags", tags, fields=("tag",), pair_leftovers=False)
    replace_children(session, obj, "positions", positions, fields=POSITION_FIELDS,
                     clear_first={"is_current": False}, keep_free_ids=restoring, carried=("variants",))
    obj.topics = topics


def _checked_photo(photo: bytes, checker: Checker) -> tuple[bytes, str]:
    if len(photo) > PHOTO_LIMIT:
        checker.add("photo", f"is too large ({len(photo):,} bytes; the limit is {PHOTO_LIMIT:,})",
                    "file_too_large", size=len(photo), limit=PHOTO_LIMIT)
    sniffed = sniff_image(photo)
    if sniffed is None:
        checker.add("photo", "is not a JPEG, PNG, GIF or WebP image", "image_type")
    return photo, sniffed or ""


def _set_photo(obj: m.Person, photo: bytes | None, checker: Checker) -> None:
    if photo is None:
        obj.photo, obj.photo_type = None, ""
        return
    obj.photo, obj.photo_type = _checked_photo(photo, checker)


def set_person_photo(db: Database, ident: int, photo: bytes | None) -> PersonDetail:
    """Replace the photo, or remove it with ``None``."""
    with db.unit_of_work() as session:
        obj = fetch(session, m.Person, ident, KIND)
        checker = Checker(f"person {ident}")
        _set_photo(obj, photo, checker)
        checker.check()
    return get_person(db, ident)


def _label(data: PersonData) -> str:
    return f"person {data.display_name or (data.given_name + ' ' + data.family_name).strip()!r}"


def _uses(ident: int) -> dict[str, Any]:
    return {
        "visits": select(func.count()).where(m.VisitParticipant.person_id == ident),
        "meetings": select(func.count()).where(m.MeetingParticipant.person_id == ident),
        "agreements": select(func.count()).where(m.AgreementSignatory.person_id == ident),
    }


def _snapshot(session: Session, obj: m.Person) -> Snapshot:
    data = replace(people_read.details(session.connection(), [obj.id])[0].data, photo=obj.photo)
    return Snapshot(RecordKind.PERSON, obj.id, data, links=links_to(session, obj.id, m.FollowUp.owner_person_id,
                                                                m.ProgrammeItem.escort_person_id))


WRITES: Writes[m.Person, PersonData, PersonDetail] = Writes(
    KIND, lambda: m.Person, _label, _apply, lambda db, ident: get_person(db, ident), snapshot=_snapshot,
    in_use=InUse(_uses, full_name_of, "cannot delete {name}: they take part in {uses}; remove them there first"),
    restore_apply=lambda session, obj, data, checker: _apply(session, obj, data, checker, restoring=True))
"""A person's create, update and delete (``_records.Writes``); a restored person's positions keep their ids."""


def create_in(session: Session, data: PersonData, *, flush: bool = True, ident: int | None = None) -> m.Person:
    return WRITES.create_in(session, data, flush=flush, ident=ident)


def create_person(db: Database, data: PersonData) -> PersonDetail:
    return WRITES.create(db, data)


def update_person(db: Database, ident: int, data: PersonData, expected_version: int | None = None) -> PersonDetail:
    return WRITES.update(db, ident, data, expected_version)


def update_in(session: Session, obj: m.Person, data: PersonData) -> None:
    """Apply a ``PersonData`` to a stored person inside the caller's unit of work (an import adding what a vCard
    brings); ValidationError if it breaks a rule. The version goes up as with any edit."""
    WRITES.update_in(session, obj, data)


def person_uses(db: Database, ident: int) -> dict[str, int]:
    """What keeps a person from being deleted: ``{"visits": 1, "meetings": 4}`` ({} if nothing)."""
    return WRITES.uses(db, ident)


def delete_person(db: Database, ident: int, expected_version: int | None = None) -> ChangeSet:
    """Delete a person who takes part in nothing (else InUseError); the change set can restore them."""
    return WRITES.delete(db, ident, expected_version)


BATCH = people_read.BATCH
"""Ids per query: well under SQLite's default limit of 32,766 bound variables."""


_P = s.person.c
_TAGS = s.person_tag.c
_IDS: BindParameter[Any] = bindparam("ids", expanding=True)
_NAME_OF = select(_P.given_name, _P.middle_name, _P.family_name, _P.display_name).where(_P.id == bindparam("id"))
_VISITS_ATTENDED = (
    select(s.visit.c.id, s.visit.c.title, s.visit.c.start_date, s.visit_participant.c.side, s.visit_participant.c.role)
    .join(s.visit_participant).where(s.visit_participant.c.person_id == bindparam("id"))
)
_MEETINGS_ATTENDED = (
    select(s.meeting.c.id, s.meeting.c.title, s.meeting.c.starts_at, s.meeting_participant.c.side,
           s.meeting_participant.c.role, s.meeting.c.visit_id)
    .join(s.meeting_participant).where(s.meeting_participant.c.person_id == bindparam("id"))
)
# The statements above are built once: building a select() costs more than running it on one person.


def details_in(conn: Connection, ids: Sequence[int]) -> list[PersonDetail]:
    """``get_person`` of these people on the caller's connection (inside its transaction), in this order."""
    return people_read.details(conn, ids)


def get_person(db: Database, ident: int) -> PersonDetail:
    """One person with names, contacts, tags, topics and positions: three statements."""
    with db.read_connection() as conn:
        found = people_read.details(conn, [ident]) if valid_id(ident) else []
    if not found:
        raise NotFoundError(KIND, ident)
    return found[0]


def iter_people_details(db: Database, batch: int = BATCH) -> Iterator[PersonDetail]:
    """Every person with names, contacts and positions, in name order, loaded ``batch`` at a time (keyset
    paging on the name index), all in one read transaction: one consistent snapshot, memory bounded."""
    with db.read_connection() as conn:
        for rows in people_read.pages(conn, batch):
            yield from people_read.details_of(conn, rows)


def iter_people_listing(db: Database, batch: int = BATCH) -> Iterator[PersonListing]:
    """Every person as a ``PersonListing``, in name order, ``batch`` at a time: what ``organizer list
    people`` streams (memory stays flat however many people there are). Seven statements a page, all in
    one read transaction (one consistent snapshot)."""
    with db.read_connection() as conn:
        yield from people_read.listing(conn, batch)


def list_people_details(db: Database) -> list[PersonDetail]:
    return list(iter_people_details(db))


def person_photo(db: Database, ident: int) -> tuple[bytes, str] | None:
    with db.read_connection() as conn:
        row = conn.execute(select(_P.photo, _P.photo_type).where(_P.id == ident)).first() if valid_id(ident) else None
    if row is None:
        raise NotFoundError(KIND, ident)
    return (row.photo, row.photo_type) if row.photo is not None else None


# --- lazy lists ----------------------------------------------------------------------------------


class PersonSort(StrEnum):
    """Orders a people list can have (ties broken by id, so the order is stable)."""

    NAME = "name"
    INSTITUTION = "institution"
    """By current institution, then name; people with none last."""
    TITLE = "title"
    """By current title, then name; people with none last."""
    UPDATED = "updated"
    """Most recently changed first."""


def person_ids(db: Database, *, tag: str | None = None, descending: bool = False, name: str | None = None,
               institution_id: int | None = None, sort: PersonSort | str = PersonSort.NAME) -> list[int]:
    """Ids of people in ``sort`` order: what a lazy list view holds in memory. Filtering and sorting
    happen in SQL, in ``browse.record_ids`` (the one people filter; this is its keyword form).

    ``name``: every word occurs in the name or a name variant (ignoring case); ``tag`` an exact tag;
    ``institution_id`` people whose current position is at that institution or one of its units.
    ``UPDATED`` lists the most recently changed first (``descending`` reverses it).
    """
    order_by = parse_enum(PersonSort, sort, "sort")
    if order_by is PersonSort.UPDATED:
        descending = not descending
    query = ListQuery(text=name or "", tag=tag or "", institution_id=institution_id, sort=order_by.value,
                      descending=descending)
    return browse.record_ids(db, RecordKind.PERSON, query)


def needs_of(db: Database, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """(dietary needs, interpretation needs) of those of these people who have any: what a visit's
    planning shows next to its own logistics. One statement per ``BATCH`` ids."""
    out: dict[int, tuple[str, str]] = {}
    wanted = [i for i in dict.fromkeys(ids) if valid_id(i)]
    query = (select(_P.id, _P.dietary_needs, _P.interpreter_needs)
             .where(_P.id.in_(_IDS), (_P.dietary_needs != "") | (_P.interpreter_needs != "")))
    with db.read_connection() as conn:
        for start in range(0, len(wanted), BATCH):
            for ident, dietary, interpreter in conn.execute(query, {"ids": wanted[start:start + BATCH]}):
                out[ident] = (dietary, interpreter)
    return out


def list_tags(db: Database) -> list[TagCount]:
    """Every tag in use with how many people carry it, by tag."""
    q = select(_TAGS.tag, func.count()).group_by(_TAGS.tag).order_by(_TAGS.tag)
    with db.read_connection() as conn:
        return [TagCount(tag, n) for tag, n in conn.execute(q)]


def list_people(db: Database) -> list[PersonRow]:
    ids = person_ids(db)
    return [row for start in range(0, len(ids), BATCH) for row in browse.people_rows(db, ids[start:start + BATCH])]


def count_people(db: Database) -> int:
    with db.read_connection() as conn:
        return conn.scalar(select(func.count()).select_from(s.person)) or 0


# --- history -------------------------------------------------------------------------------------


def _attended(conn: Connection, ident: int) -> tuple[AttendanceView, ...]:
    """Visits and meetings the person took part in, oldest first: two statements."""
    params = {"id": ident}
    attended = [AttendanceView(RecordKind.VISIT, vid, title, start, Side(side), ParticipantRole(role), visit_id=vid)
                for vid, title, start, side, role in conn.execute(_VISITS_ATTENDED, params)]
    attended += [AttendanceView(RecordKind.MEETING, mid, title, starts.date() if starts else None, Side(side),
                                ParticipantRole(role), visit_id=vid)
                 for mid, title, starts, side, role, vid in conn.execute(_MEETINGS_ATTENDED, params)]
    attended.sort(key=lambda a: (a.when or date.min, a.kind != RecordKind.VISIT, a.id))
    return tuple(attended)


def person_history(db: Database, ident: int) -> PersonHistory:
    """Positions over time and every visit and meeting the person attended, oldest first: four statements."""
    if not valid_id(ident):
        raise NotFoundError(KIND, ident)
    with db.read_connection() as conn:
        name = conn.execute(_NAME_OF, {"id": ident}).first()
        if name is None:
            raise NotFoundError(KIND, ident)
        full_name = compose_full_name(name.given_name, name.middle_name, name.family_name, name.display_name)
        return _shown_history(conn, PersonHistory(person_id=ident, full_name=full_name,
                                                  positions=people_read.positions_of(conn, ident, full_name),
                                                  attended=_attended(conn, ident)))


def _shown_history(conn: Connection, history: PersonHistory) -> PersonHistory:
    """``history`` with its institutions' names and the visits' and meetings' titles in the display language
    (``domain.variants``; as it is with none set)."""
    if display_language() is None:
        return history
    name = shown.lookup(conn, [*((RecordKind.INSTITUTION, p.institution_id) for p in history.positions),
                               *((a.kind, a.id) for a in history.attended)])
    return replace(history, positions=tuple(
        replace(p, institution_name=name(RecordKind.INSTITUTION, p.institution_id, p.institution_name) or "")
        for p in history.positions), attended=tuple(replace(a, title=name(a.kind, a.id, a.title) or "")
                                                    for a in history.attended))


def person_record(db: Database, ident: int) -> tuple[PersonDetail, PersonHistory]:
    """``get_person`` and ``person_history`` together, each row read once: five statements, one transaction."""
    with db.read_connection() as conn:
        found = people_read.details(conn, [ident]) if valid_id(ident) else []
        if not found:
            raise NotFoundError(KIND, ident)
        detail = found[0]
        history = _shown_history(conn, PersonHistory(person_id=ident, full_name=detail.full_name,
                                                     positions=detail.positions, attended=_attended(conn, ident)))
    return detail, history
