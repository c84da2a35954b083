"""People: create, update, delete, lists (cheap rows and by-id batches for lazy views), history.

Reads (details, history, lists) are Core queries on the ``schema`` tables over ``db.read_connection()``;
only writes use the ORM (``models``, imported on first use), so showing or listing people never loads it.

Longer than 500 lines: writes (checks, create, update, delete, photo) first, then reads (details,
the archive listing, history) whose statements are compiled once and shared by those reads. Reads and
writes go apart with issue 16 scope 3 (one read module per kind with named rows), which moves their
callers too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from itertools import groupby as _groupby
from json import loads as _json_loads
from operator import itemgetter as _itemgetter
from typing import TYPE_CHECKING, Any

from sqlalchemy import BindParameter, Connection, Select, and_, bindparam, func, literal, select, tuple_, union_all

from organizer.domain.changes import ChangeSet, Link, Snapshot
from organizer.domain.enums import Gender, ParticipantRole, RecordKind, Side, parse_enum
from organizer.domain.errors import InUseError, NotFoundError
from organizer.domain.listing import ListQuery
from organizer.domain.records import (
    AttendanceView,
    ContactEntry,
    NameVariant,
    PersonData,
    PersonDetail,
    PersonHistory,
    PersonListing,
    PersonRow,
    PositionData,
    PositionView,
    RecordMeta,
    TagCount,
    compose_full_name,
)
from organizer.services import browse
from organizer.services._checks import PHOTO_LIMIT, SHORT_LIMIT, Checker, valid_id
from organizer.services._records import (
    count_uses,
    delete_record,
    edited,
    fetch,
    in_use,
    new_record,
    replace_children,
    topics_by_name,
    touch,
)
from organizer.services.positions import (
    POSITION_FIELDS,
    check_positions,
    full_name_of,
    position_sort_key,
)
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
    if data.display_name.strip():
        return data.display_name.strip().casefold()
    return " ".join(p.strip() for p in (data.family_name, data.given_name, data.middle_name) if p.strip()).casefold()


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


def check_person(data: PersonData, checker: Checker, institution_exists: Callable[[int], bool]) -> CheckedPerson:
    """Apply every rule for a person to ``data``; problems go to ``checker`` (call ``checker.check()``)."""
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
        "gender": parse_enum(Gender, data.gender, "gender").value,
        "sort_name": sort_key_of(data)[: s.NAME_LEN * 2],
        "languages": [checker.text(f"languages[{i}]", lang, required=True, limit=SHORT_LIMIT)
                      for i, lang in enumerate(data.languages)],
        "biography": checker.long_text("biography", data.biography),
        "dietary_needs": checker.long_text("dietary_needs", data.dietary_needs),
        "interpreter_needs": checker.long_text("interpreter_needs", data.interpreter_needs),
        "notes": checker.long_text("notes", data.notes),
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
    positions = check_positions(data.positions, checker, institution_exists)
    return CheckedPerson(columns, names, emails, phones, tags, positions)


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
                     clear_first={"is_current": False}, keep_free_ids=restoring)
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


def create_in(session: Session, data: PersonData, *, flush: bool = True, ident: int | None = None) -> m.Person:
    label = f"person {data.display_name or (data.given_name + ' ' + data.family_name).strip()!r}"
    return new_record(session, m.Person, data.uid, label,
                      lambda obj, ch: _apply(session, obj, data, ch, restoring=ident is not None), flush=flush,
                      ident=ident)


def create_person(db: Database, data: PersonData) -> PersonDetail:
    with db.unit_of_work() as session:
        ident = create_in(session, data).id
    # read back as stored (collections in their stored order)
    return replace(get_person(db, ident), changes=ChangeSet.of_create(RecordKind.PERSON, ident))


def update_in(session: Session, obj: m.Person, data: PersonData) -> None:
    """Apply ``data`` to a stored person inside the caller's unit of work (an import adding what a vCard
    brings); ValidationError if it breaks a rule. The version goes up as with any edit."""
    touch(obj)
    checker = Checker(f"{KIND} {obj.id}")
    _apply(session, obj, data, checker)
    checker.check()


def update_person(db: Database, ident: int, data: PersonData, expected_version: int | None = None) -> PersonDetail:
    with edited(db, m.Person, KIND, ident, expected_version) as (session, obj, checker):
        _apply(session, obj, data, checker)
    return replace(get_person(db, ident), changes=ChangeSet.of_update(RecordKind.PERSON, ident))


def _uses(session: Session, ident: int) -> dict[str, int]:
    return count_uses(session, {
        "visits": select(func.count()).where(m.VisitParticipant.person_id == ident),
        "meetings": select(func.count()).where(m.MeetingParticipant.person_id == ident),
        "agreements": select(func.count()).where(m.AgreementSignatory.person_id == ident),
    })


def person_uses(db: Database, ident: int) -> dict[str, int]:
    """What keeps a person from being deleted: ``{"visits": 1, "meetings": 4}`` ({} if nothing)."""
    with db.reader() as session:
        fetch(session, m.Person, ident, KIND)
        return _uses(session, ident)


def _person_in_use(session: Session, obj: m.Person) -> InUseError | None:
    used = _uses(session, obj.id)
    if not used:
        return None
    name = full_name_of(obj)
    return in_use(f"cannot delete {name!r}: they take part in {{uses}}; remove them there first", used, name)


def _snapshot(session: Session, obj: m.Person) -> Snapshot:
    data = replace(_details(session.connection(), [obj.id])[0].data, photo=obj.photo)
    owned = session.scalars(select(m.FollowUp.id).where(m.FollowUp.owner_person_id == obj.id))
    return Snapshot(RecordKind.PERSON, obj.id, data,
                    links=tuple(Link(RecordKind.FOLLOWUP, f, "owner_person_id") for f in owned))


def delete_person(db: Database, ident: int, expected_version: int | None = None) -> ChangeSet:
    """Delete a person who takes part in nothing (else InUseError); the change set can restore them."""
    return delete_record(db, m.Person, KIND, ident, expected_version, _person_in_use, _snapshot)


BATCH = 500
"""Ids per query: well under SQLite's default limit of 32,766 bound variables."""


_P, _POS = s.person.c, s.position.c
_NAMES, _EMAILS, _PHONES, _TAGS = s.person_name.c, s.person_email.c, s.person_phone.c, s.person_tag.c
_INST = s.institution.c
_IDS: BindParameter[Any] = bindparam("ids", expanding=True)
_PERSON_COLUMNS = (_P.id, _P.uid, _P.version, _P.created_at, _P.updated_at, _P.given_name, _P.family_name,
                   _P.middle_name, _P.honorific, _P.form_of_address, _P.display_name, _P.languages, _P.biography,
                   _P.photo_type, _P.notes, _P.dietary_needs, _P.interpreter_needs, _P.gender)
_PERSON_ROWS = select(*_PERSON_COLUMNS).where(_P.id.in_(_IDS))
_PEOPLE_PAGE = (
    select(*_PERSON_COLUMNS, _P.sort_name)
    .where(tuple_(_P.sort_name, _P.id) > tuple_(bindparam("after_name"), bindparam("after_id")))
    .order_by(_P.sort_name, _P.id).limit(bindparam("n"))
)


def _texts(kind: int, person_id: Any, order: Any, a: Any, b: Any = "", c: Any = "") -> Select[Any]:
    return select(literal(kind).label("k"), person_id.label("pid"), order.label("n"), a.label("a"),
                  (literal(b) if isinstance(b, str) else b).label("b"),
                  (literal(c) if isinstance(c, str) else c).label("c"))


_NAME, _EMAIL, _PHONE, _TAG, _TOPIC = range(5)
_TEXTS_ALL = union_all(
    _texts(_NAME, _NAMES.person_id, _NAMES.id, _NAMES.name, _NAMES.script, _NAMES.language),
    _texts(_EMAIL, _EMAILS.person_id, _EMAILS.id, _EMAILS.address, _EMAILS.label),
    _texts(_PHONE, _PHONES.person_id, _PHONES.id, _PHONES.number, _PHONES.label),
    _texts(_TAG, _TAGS.person_id, literal(0), _TAGS.tag),
    _texts(_TOPIC, s.person_topic.c.person_id, literal(0), s.topic.c.name)
    .join_from(s.person_topic, s.topic, s.topic.c.id == s.person_topic.c.topic_id),
).subquery("texts")
_CHILD_TEXTS = (
    select(_TEXTS_ALL.c.k, _TEXTS_ALL.c.pid, _TEXTS_ALL.c.n, _TEXTS_ALL.c.a, _TEXTS_ALL.c.b, _TEXTS_ALL.c.c)
    .where(_TEXTS_ALL.c.pid.in_(_IDS)).order_by(_TEXTS_ALL.c.k, _TEXTS_ALL.c.n, _TEXTS_ALL.c.a)
)
"""Names, e-mails, phones, tags and topics of a batch of people in one statement (all text columns),
each kind in its stored order (names and contacts by id, tags and topics alphabetically). The ids are
bound once (SQLite and PostgreSQL push the filter into each branch and use its person_id index)."""
_POSITIONS = (
    select(_POS.person_id, _POS.id, _POS.institution_id, _INST.name, _POS.title, _POS.start_date,
           _POS.end_date, _POS.is_current, _POS.uid)
    .join(s.institution, _INST.id == _POS.institution_id).where(_POS.person_id.in_(_IDS))
)
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


def _position_views(rows: Iterable[Sequence[Any]], ident: int, full_name: str) -> tuple[PositionView, ...]:
    views = [PositionView(id=q[1], person_id=ident, person_name=full_name, institution_id=q[2],
                          institution_name=q[3], title=q[4], start_date=q[5], end_date=q[6], current=q[7])
             for q in rows]
    views.sort(key=lambda v: position_sort_key(v.current, v.start_date, v.id))
    return tuple(views)


def details_in(conn: Connection, ids: Sequence[int]) -> list[PersonDetail]:
    """``get_person`` of these people on the caller's connection (inside its transaction), in this order."""
    return _details(conn, ids)


def _details(conn: Connection, ids: Sequence[int]) -> list[PersonDetail]:
    """Details of these people, in the order given (missing ids skipped)."""
    people = {r[0]: r for r in conn.execute(_PERSON_ROWS, {"ids": list(ids)})}
    return _details_of(conn, [r for r in map(people.get, ids) if r is not None])


_Parts = tuple[list[dict[int, list[Any]]], dict[int, list[Any]]]


def _parts(conn: Connection, people: Sequence[Sequence[Any]]) -> _Parts:
    """Names, contacts, tags, topics (one dict per kind: person id -> rows) and positions of a batch.

    Two statements for the whole batch, plain rows rather than ORM objects: listing 100,000 people
    this way is several times faster, and one person costs the same two statements.
    """
    params = {"ids": [r[0] for r in people]}
    texts: list[dict[int, list[Any]]] = [{}, {}, {}, {}, {}]
    for row in conn.execute(_CHILD_TEXTS, params).all():
        group = texts[row[0]].get(row[1])
        if group is None:
            texts[row[0]][row[1]] = [row]
        else:
            group.append(row)
    positions: dict[int, list[Any]] = {}
    for held in conn.execute(_POSITIONS, params).all():
        positions.setdefault(held[0], []).append(held)
    return texts, positions


def _details_of(conn: Connection, people: Sequence[Sequence[Any]]) -> list[PersonDetail]:
    """Details of the people in these rows (``_PERSON_COLUMNS``), in their order."""
    (names, emails, phones, tags, topics), positions = _parts(conn, people)
    out = []
    empty: list[Any] = []
    for r in people:
        (ident, uid, version, created_at, updated_at, given, family, middle, honorific, address, display, languages,
         biography, photo_type, notes, dietary, interpreter, gender) = r[:18]
        full_name = compose_full_name(given, middle, family, display)
        held = positions.get(ident, empty)
        views = _position_views(held, ident, full_name)
        uids = {q[1]: q[8] for q in held}
        data = PersonData(
            given_name=given, family_name=family, middle_name=middle, honorific=honorific,
            form_of_address=address, display_name=display, gender=Gender(gender),
            name_variants=tuple(NameVariant(t[3], t[4], t[5]) for t in names.get(ident, empty)),
            languages=tuple(languages or ()), biography=biography, dietary_needs=dietary,
            interpreter_needs=interpreter, photo=None, photo_type=photo_type,
            emails=tuple(ContactEntry(t[3], t[4]) for t in emails.get(ident, empty)),
            phones=tuple(ContactEntry(t[3], t[4]) for t in phones.get(ident, empty)),
            tags=tuple(t[3] for t in tags.get(ident, empty)), notes=notes,
            topics=tuple(t[3] for t in topics.get(ident, empty)),
            positions=tuple(PositionData(v.title, v.institution_id, v.start_date, v.end_date, v.current, id=v.id,
                                         uid=uids[v.id]) for v in views),
            uid=uid,
        )
        out.append(PersonDetail(
            meta=RecordMeta(id=ident, uid=uid, version=version, created_at=created_at, updated_at=updated_at),
            data=data, full_name=full_name, positions=views, has_photo=bool(photo_type),
        ))
    return out


_LISTING_PAGE = (
    select(_P.id, _P.uid, _P.version, _P.given_name, _P.middle_name, _P.family_name, _P.honorific,
           _P.form_of_address, _P.display_name, _P.languages, _P.dietary_needs, _P.interpreter_needs, _P.gender,
           _P.sort_name)
    .where(tuple_(_P.sort_name, _P.id) > tuple_(bindparam("after_name"), bindparam("after_id")))
    .order_by(_P.sort_name, _P.id).limit(bindparam("n"))
)
"""A page of the listing: only the columns it shows (no biography, notes or timestamps to read and convert)."""
_IN_PAGE = and_(tuple_(_P.sort_name, _P.id) > tuple_(bindparam("after_name"), bindparam("after_id")),
                tuple_(_P.sort_name, _P.id) <= tuple_(bindparam("last_name"), bindparam("last_id")))
_LISTING_CHILDREN = (
    select(_NAMES.name, _NAMES.script, _NAMES.language, _NAMES.person_id)
    .join(s.person, _P.id == _NAMES.person_id).where(_IN_PAGE).order_by(_P.sort_name, _P.id, _NAMES.id),
    select(_EMAILS.address, _EMAILS.label, _EMAILS.person_id)
    .join(s.person, _P.id == _EMAILS.person_id).where(_IN_PAGE).order_by(_P.sort_name, _P.id, _EMAILS.id),
    select(_PHONES.number, _PHONES.label, _PHONES.person_id)
    .join(s.person, _P.id == _PHONES.person_id).where(_IN_PAGE).order_by(_P.sort_name, _P.id, _PHONES.id),
    select(_TAGS.tag, _TAGS.person_id)
    .join(s.person, _P.id == _TAGS.person_id).where(_IN_PAGE).order_by(_P.sort_name, _P.id, _TAGS.tag),
    select(s.topic.c.name, s.person_topic.c.person_id)
    .join_from(s.person_topic, s.topic, s.topic.c.id == s.person_topic.c.topic_id)
    .join(s.person, _P.id == s.person_topic.c.person_id).where(_IN_PAGE).order_by(_P.sort_name, _P.id, s.topic.c.name),
    select(_POS.id, _POS.title, _INST.name, _POS.institution_id, _POS.start_date, _POS.end_date,
           _POS.is_current, _POS.person_id)
    .join(s.institution, _INST.id == _POS.institution_id)
    .join(s.person, _P.id == _POS.person_id).where(_IN_PAGE).order_by(_P.sort_name, _P.id),
)
"""Names, e-mails, phones, tags, topics and positions of the people of one page, one statement per table.
The page is given by its bounds in name order (four bound values, not a list of ids): the database walks
the name index and each child table's person index, already in page order, with no sort."""


_LISTING_STATEMENTS = (_LISTING_PAGE, *_LISTING_CHILDREN)
_LISTING_SQL: dict[str, list[tuple[str, Any]]] = {}
"""Dialect name -> (SQL text, compiled statement) of each of ``_LISTING_STATEMENTS``, compiled once."""
_DRIVER_DIALECTS = frozenset({"sqlite", "postgresql"})
"""Dialects whose DB-API rows the listing reads directly (sqlite3; psycopg on PostgreSQL)."""


def _listing_reader(conn: Connection) -> Callable[[int, dict[str, Any]], Sequence[Sequence[Any]]]:
    """A function that runs ``_LISTING_STATEMENTS[i]`` with these values and returns its rows, in
    ``conn``'s transaction.

    On SQLite and PostgreSQL it runs the SQL that SQLAlchemy compiled (once per process) on the
    connection's DB-API cursor and returns the driver's plain tuples: the same statements and values,
    without a ``Row`` per row and the per-column result processing (a fifth of the listing's time).
    The values are then as the driver gives them: SQLite's dates are ISO text, its booleans 0/1 and
    its JSON text; ``_listing_of`` turns them into the listing's values. Other dialects go through
    SQLAlchemy."""
    name = conn.dialect.name
    if name not in _DRIVER_DIALECTS:
        return lambda i, values: conn.execute(_LISTING_STATEMENTS[i], values).all()
    compiled = _LISTING_SQL.get(name)
    if compiled is None:
        compiled = []
        for stmt in _LISTING_STATEMENTS:
            c = stmt.compile(dialect=conn.dialect)
            compiled.append((str(c), c))
        _LISTING_SQL[name] = compiled
    if not conn.in_transaction():
        conn.begin()  # the engine's "begin" hook (BEGIN on SQLite): every page in one snapshot
    cur = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]

    def run(i: int, values: dict[str, Any]) -> Sequence[Sequence[Any]]:
        sql, c = compiled[i]
        bound = c.construct_params(values)
        cur.execute(sql, tuple([bound[k] for k in c.positiontup]) if c.positional else bound)
        return cur.fetchall()  # type: ignore[no-any-return]

    return run


def _listing_position(q: Sequence[Any]) -> tuple[Any, ...]:
    """A position row as the listing holds it: dates as ISO text, ``current`` a bool (from SQLite's
    text and 0/1, or from the date and bool objects of SQLAlchemy and psycopg)."""
    start, end = q[4], q[5]
    if start is not None and not isinstance(start, str):
        start = start.isoformat()
    if end is not None and not isinstance(end, str):
        end = end.isoformat()
    return (q[0], q[1], q[2], q[3], start, end, bool(q[6]), q[7])


def _listing_position_key(q: Sequence[Any]) -> tuple[bool, int, int]:
    start = q[4]
    return (not q[6], -(date.fromisoformat(start).toordinal() if start else 0), q[0])


def _listing_of(read: Callable[[int, dict[str, Any]], Sequence[Sequence[Any]]], people: Sequence[Sequence[Any]],
                after: tuple[str, int]) -> Iterator[PersonListing]:
    """``PersonListing`` of the people in these rows (``_LISTING_PAGE``, the page after ``after``), in
    their order: the same values as ``_details_of`` (a test holds them equal). Child rows are grouped as
    read, not copied (but positions, whose typed columns are converted)."""
    params = {"after_name": after[0], "after_id": after[1], "last_name": people[-1][-1], "last_id": people[-1][0]}
    by_person = _itemgetter(-1)
    names, emails, phones, tags, topics = (
        {pid: list(rows) for pid, rows in _groupby(read(i, params), by_person)} for i in range(1, 6)
    )
    positions = {pid: [_listing_position(q) for q in rows] for pid, rows in _groupby(read(6, params), by_person)}
    empty: list[Any] = []
    loads = _json_loads
    get_names, get_emails, get_phones = names.get, emails.get, phones.get
    get_tags, get_topics, get_positions = tags.get, topics.get, positions.get
    for (ident, uid, version, given, middle, family, honorific, address, display, languages, dietary, interpreter,
         gender, _sort) in people:
        held = get_positions(ident, empty)
        if len(held) > 1:
            held.sort(key=_listing_position_key)
        if isinstance(languages, str):
            languages = loads(languages)
        yield PersonListing(
            ident, uid, version, compose_full_name(given, middle, family, display),
            given, middle, family, honorific, address, languages or (),
            get_names(ident, empty), get_emails(ident, empty), get_phones(ident, empty),
            get_tags(ident, empty), get_topics(ident, empty), held, dietary, interpreter, gender,
        )


def get_person(db: Database, ident: int) -> PersonDetail:
    """One person with names, contacts, tags, topics and positions: three statements."""
    with db.read_connection() as conn:
        found = _details(conn, [ident]) if valid_id(ident) else []
    if not found:
        raise NotFoundError(KIND, ident)
    return found[0]


def _pages(db: Database, batch: int) -> Iterator[tuple[Connection, Sequence[Any]]]:
    """Every person row (``_PERSON_COLUMNS`` + sort name) in name order, ``batch`` at a time: each page
    continues after the last name of the one before (keyset paging on the name index), all in one
    read transaction, so a listing is one consistent snapshot and memory stays bounded."""
    after: tuple[str, int] = ("", 0)
    with db.read_connection() as conn:
        while True:
            rows = conn.execute(_PEOPLE_PAGE, {"after_name": after[0], "after_id": after[1], "n": batch}).all()
            if not rows:
                return
            after = (rows[-1][-1], rows[-1][0])
            yield conn, rows
            if len(rows) < batch:
                return


def iter_people_details(db: Database, batch: int = BATCH) -> Iterator[PersonDetail]:
    """Every person with names, contacts and positions, in name order, loaded ``batch`` at a time."""
    for conn, rows in _pages(db, batch):
        yield from _details_of(conn, rows)


def iter_people_listing(db: Database, batch: int = BATCH) -> Iterator[PersonListing]:
    """Every person as a ``PersonListing``, in name order, ``batch`` at a time: what ``organizer list
    people`` streams (memory stays flat however many people there are). Seven statements a page, all in
    one read transaction (one consistent snapshot)."""
    after: tuple[Any, Any] = ("", 0)
    with db.read_connection() as conn:
        read = _listing_reader(conn)
        while True:
            rows = read(0, {"after_name": after[0], "after_id": after[1], "n": batch})
            if not rows:
                return
            yield from _listing_of(read, rows, after)
            if len(rows) < batch:
                return
            after = (rows[-1][-1], rows[-1][0])


def list_people_details(db: Database) -> list[PersonDetail]:
    return list(iter_people_details(db))


def person_photo(db: Database, ident: int) -> tuple[bytes, str] | None:
    with db.read_connection() as conn:
        row = conn.execute(select(_P.photo, _P.photo_type).where(_P.id == ident)).first() if valid_id(ident) else None
    if row is None:
        raise NotFoundError(KIND, ident)
    return (row[0], row[1]) if row[0] is not None else None


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
    return browse.record_ids(db, "person", query)


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
    attended = [AttendanceView("visit", vid, title, start, Side(side), ParticipantRole(role), visit_id=vid)
                for vid, title, start, side, role in conn.execute(_VISITS_ATTENDED, params)]
    attended += [AttendanceView("meeting", mid, title, starts.date() if starts else None, Side(side),
                                ParticipantRole(role), visit_id=vid)
                 for mid, title, starts, side, role, vid in conn.execute(_MEETINGS_ATTENDED, params)]
    attended.sort(key=lambda a: (a.when or date.min, a.kind != "visit", a.id))
    return tuple(attended)


def person_history(db: Database, ident: int) -> PersonHistory:
    """Positions over time and every visit and meeting the person attended, oldest first: four statements."""
    if not valid_id(ident):
        raise NotFoundError(KIND, ident)
    with db.read_connection() as conn:
        name = conn.execute(_NAME_OF, {"id": ident}).first()
        if name is None:
            raise NotFoundError(KIND, ident)
        full_name = compose_full_name(*name)
        positions = _position_views(conn.execute(_POSITIONS, {"ids": [ident]}), ident, full_name)
        return PersonHistory(person_id=ident, full_name=full_name, positions=positions,
                             attended=_attended(conn, ident))


def person_record(db: Database, ident: int) -> tuple[PersonDetail, PersonHistory]:
    """``get_person`` and ``person_history`` together, each row read once: five statements, one transaction."""
    with db.read_connection() as conn:
        found = _details(conn, [ident]) if valid_id(ident) else []
        if not found:
            raise NotFoundError(KIND, ident)
        detail = found[0]
        history = PersonHistory(person_id=ident, full_name=detail.full_name, positions=detail.positions,
                                attended=_attended(conn, ident))
    return detail, history
