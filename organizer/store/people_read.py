"""Every way a person is read, in one place: the statements, the named shapes of their rows, and the three
roads to them.

- **Core** (SQLAlchemy, any dialect): a person's details (``details``, ``details_of``; ``show person``,
  editors, the archive's export, snapshots for undo) and the people list's rows on PostgreSQL
  (``list_rows``).
- **Compiled SQL on the driver's cursor** (SQLite and psycopg): the full listing (``listing``; what
  ``organizer list people --json`` streams on PostgreSQL). SQLAlchemy compiles the statements once; they then run on the
  DB-API cursor, whose plain tuples become named rows without SQLAlchemy's per-row objects and result
  processing (about a fifth of the listing's time). Other dialects run the same statements through Core.
- **Plain** ``sqlite3`` (no SQLAlchemy): the window's first page of ids and its rows on a SQLite file
  (``first_person_ids``, ``plain_list_rows``), so the first rows are painted before SQLAlchemy (about
  0.2 s of CPU) is imported; the full listing of ``organizer list people`` on a SQLite file
  (``plain_listing``: the listing's statements written out as SQLite text). Nothing above the ``Core
  statements`` line imports SQLAlchemy, nor does ``plain_listing``; the Core
  statements are built on first use.

Rows are read into named tuples (``PersonColumns``, ``PositionColumns``, ``ListingColumns``,
``ListColumns``, ``CurrentPost`` here; ``ListedName``, ``ListedContact``, ``ListedText``, ``ListedPosition``
in ``domain.records``, held by a ``PersonListing``): no reader indexes a row by position. A column read by
a named shape is selected by the shape's field names, so a new column is one field added to the tuple.
The roads are held equal by tests: ``tests/unit/test_plain_reads.py`` (plain against Core list rows) and
``tests/bench/test_statement_counts.py``, ``tests/unit/test_people.py`` (listing against details).

Longer than 500 lines on purpose: every road to a person row is in this one module (issue 16 scope 3), so
that a new column is added, and the roads compared, in one place; the row shapes are a fifth of it.
"""

from __future__ import annotations

import sqlite3
from collections import namedtuple
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from functools import cache
from itertools import groupby, repeat
from json import loads
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from organizer.domain.field_table import from_column
from organizer.domain.person_fields import PERSON
from organizer.domain.person_records import (
    ContactEntry,
    ListedContact,
    ListedName,
    ListedPosition,
    ListedText,
    NameVariant,
    PersonData,
    PersonDetail,
    PersonListing,
    PersonRow,
    PositionData,
    PositionView,
    RecordMeta,
)
from organizer.domain.rows import compose_full_name, position_sort_key
from organizer.domain.variants import display_language, from_mapping, shown, shown_institution

if TYPE_CHECKING:
    from sqlalchemy import Connection, Select

BATCH = 500
"""Ids per statement: well under SQLite's limit of bound values (32,766; older builds 999)."""

_T = TypeVar("_T", bound=tuple[Any, ...])
_new_tuple = tuple.__new__


def named(shape: type[_T], rows: Iterable[Sequence[Any]]) -> list[_T]:
    """``rows`` as ``shape`` named tuples (made in C, without a Python call per row: the listing makes
    hundreds of thousands). Each row must have exactly the shape's columns."""
    return list(map(_new_tuple, repeat(shape), rows))


# --- row shapes ------------------------------------------------------------------------------------


class PersonColumns(NamedTuple):
    """A person's own columns, as their details need them (``person`` table; the names are its columns)."""

    id: int
    uid: str
    version: int
    created_at: datetime
    updated_at: datetime
    given_name: str
    family_name: str
    middle_name: str
    honorific: str
    form_of_address: str
    display_name: str
    languages: list[str] | None
    biography: str
    photo_type: str
    notes: str
    dietary_needs: str
    interpreter_needs: str
    sort_name: str
    variants: Any


class PositionColumns(NamedTuple):
    """A position with its institution's name, as a person's details need it."""

    person_id: int
    id: int
    institution_id: int
    institution_name: str
    title: str
    start_date: date | None
    end_date: date | None
    current: bool
    uid: str
    variants: Any


class ListingColumns(NamedTuple):
    """A person's columns that the full listing shows (no biography, notes or timestamps to read)."""

    id: int
    uid: str
    version: int
    given_name: str
    middle_name: str
    family_name: str
    honorific: str
    form_of_address: str
    display_name: str
    languages: Any
    """A list, or (SQLite's driver) its JSON text."""
    dietary_needs: str
    interpreter_needs: str
    sort_name: str


def _with_generic(shape: type[_T]) -> type[_T]:
    """``shape`` with the columns of the person table's generic fields (``domain.fields.PERSON.generic``)
    after its own: they are selected and read by name like the others, so a generic field needs no edit
    here. Only at run time: the type checker sees the hand-written shape (generic columns are read with
    ``getattr``)."""
    extra = tuple(f.attr for f in PERSON.generic if f.attr not in shape._fields)  # type: ignore[attr-defined]
    if not extra:
        return shape
    return namedtuple(shape.__name__, (*shape._fields, *extra))  # type: ignore[attr-defined, return-value]


if not TYPE_CHECKING:
    PersonColumns = _with_generic(PersonColumns)
    ListingColumns = _with_generic(ListingColumns)

_GENERIC = tuple((f.name, f.attr, f) for f in PERSON.generic)


def generic_values(row: Any) -> dict[str, Any]:
    """The generic fields' values (``PersonData``'s types) of a row that has their columns."""
    return {name: from_column(f, getattr(row, attr)) for name, attr, f in _GENERIC}


class ListColumns(NamedTuple):
    """What a row of the window's people list shows of the person's own columns."""

    id: int
    given_name: str
    middle_name: str
    family_name: str
    display_name: str
    honorific: str
    variants: Any
    """The person's language variants (a JSON column: its text on the plain road), which may hold the name's
    parts in a language."""


class CurrentPost(NamedTuple):
    """A person's current position, as the people list shows it."""

    person_id: int
    title: str
    institution: str
    variants: Any = None
    """The title's language variants (read only when the window shows a display language)."""
    institution_id: int | None = None
    """Read with the variants: the institution's names in other languages are looked up by it."""


def person_rows(ids: Sequence[int], people: dict[int, ListColumns], current: dict[int, CurrentPost],
                tags: dict[int, list[str]], names: dict[int, list[NameVariant]] | None = None,
                institution_names: dict[int, list[tuple[str, str, str]]] | None = None) -> list[PersonRow]:
    """``PersonRow``s in the order of ``ids`` (missing ids skipped) from what either road read; ``names``
    (the name variants, read when a display language is set: ``domain.variants``) give each name and title
    in that language, ``institution_names`` (by institution id) the current institution's name."""
    rows = []
    for ident in ids:
        p = people.get(ident)
        if p is None:
            continue
        post = current.get(ident)
        if names is None:
            full_name = compose_full_name(p.given_name, p.middle_name, p.family_name, p.display_name)
        else:
            full_name = _shown_name(p.given_name, p.middle_name, p.family_name, p.display_name,
                                    names.get(ident, ()), p.variants)
        rows.append(PersonRow(
            id=ident,
            full_name=full_name,
            current_title=(shown(post.title, post.variants, "title") if names is not None else post.title)
            if post else None,
            current_institution=(post.institution if institution_names is None else shown_institution(
                post.institution, institution_names.get(post.institution_id or 0, ()))) if post else None,
            tags=tuple(tags.get(ident, ())),
            honorific=p.honorific,
        ))
    return rows


def _shown_name(given: str, middle: str, family: str, display: str, names: Iterable[NameVariant],
                texts: Any) -> str:
    """``domain.personnames.shown_name``; that module (its scripts' rules) is imported only when a display
    language is set: with none, the name as stored, as ``shown_name`` gives it."""
    if display_language() is None:
        return compose_full_name(given, middle, family, display)
    from organizer.domain.personnames import shown_name

    return shown_name(given, middle, family, display, names, texts)


# --- plain sqlite3: the window's first rows --------------------------------------------------------


def first_person_ids(con: sqlite3.Connection, limit: int) -> tuple[list[int], int]:
    """The first ``limit`` person ids in the list's usual order (by sort name, then id) and the number
    of people, read in the caller's transaction (the statements SQLAlchemy renders for ``browse``'s)."""
    ids = [ident for (ident,) in con.execute(
        "SELECT person.id FROM person ORDER BY person.sort_name, person.id LIMIT ?", (limit,))]
    if len(ids) < limit:
        return ids, len(ids)
    (count,) = con.execute("SELECT count(*) FROM person").fetchone()
    return ids, int(count)


def _chunks(ids: Sequence[int]) -> Iterator[tuple[str, tuple[int, ...]]]:
    for start in range(0, len(ids), BATCH):
        part = tuple(ids[start:start + BATCH])
        yield ",".join("?" * len(part)), part


_LIST_COLUMNS_SQL = ", ".join(f"person.{name}" for name in ListColumns._fields)


def plain_list_rows(con: sqlite3.Connection, ids: Sequence[int]) -> list[PersonRow]:
    """The people list's rows for these ids (``list_rows`` without SQLAlchemy): their names and
    honorific, their current position's title and institution name, and their tags in alphabetical
    order (three statements per 500 ids, the ones SQLAlchemy renders for ``list_rows``)."""
    people: dict[int, ListColumns] = {}
    current: dict[int, CurrentPost] = {}
    tags: dict[int, list[str]] = {}
    localized = display_language() is not None
    names: dict[int, list[NameVariant]] | None = {} if localized else None
    post_variants = ", position.variants, position.institution_id" if localized else ""
    for marks, part in _chunks(ids):
        people.update((r.id, r) for r in named(ListColumns, con.execute(
            f"SELECT {_LIST_COLUMNS_SQL} FROM person WHERE person.id IN ({marks})", part)))
        current.update((r.person_id, r) for r in named(CurrentPost, con.execute(
            f"SELECT position.person_id, position.title, institution.name{post_variants} FROM position "
            "JOIN institution ON institution.id = position.institution_id "
            f"WHERE position.person_id IN ({marks}) AND position.is_current IS 1", part)))
        for pid, tag in con.execute(
                f"SELECT person_tag.person_id, person_tag.tag FROM person_tag WHERE person_tag.person_id IN ({marks}) "
                "ORDER BY person_tag.tag", part):
            tags.setdefault(pid, []).append(tag)
        if names is not None:
            for pid, name, script, language in con.execute(
                    "SELECT person_name.person_id, person_name.name, person_name.script, person_name.language "
                    f"FROM person_name WHERE person_name.person_id IN ({marks}) ORDER BY person_name.id", part):
                names.setdefault(pid, []).append(NameVariant(name, script, language))
    institution_names: dict[int, list[tuple[str, str, str]]] | None = None
    if localized:
        institution_names = {}
        for marks, part in _chunks(sorted({r.institution_id for r in current.values() if r.institution_id})):
            for iid, name, script, language in con.execute(
                    "SELECT institution_name.institution_id, institution_name.name, institution_name.script, "
                    "institution_name.language FROM institution_name "
                    f"WHERE institution_name.institution_id IN ({marks}) ORDER BY institution_name.id", part):
                institution_names.setdefault(iid, []).append((name, script, language))
    return person_rows(ids, people, current, tags, names, institution_names)


# --- Core statements (SQLAlchemy, imported on first use) -------------------------------------------


class _Statements:
    """The Core statements of the reads below, built once (building a select() costs more than running
    it on one person)."""

    def __init__(self) -> None:
        from sqlalchemy import Text, bindparam, literal, select, tuple_, type_coerce, union_all

        from organizer.store import schema as s

        p, pos, inst = s.person.c, s.position.c, s.institution.c
        names, emails, phones, tags = s.person_name.c, s.person_email.c, s.person_phone.c, s.person_tag.c
        ids: Any = bindparam("ids", expanding=True)
        self.person = select(*(p[name] for name in PersonColumns._fields)).where(p.id.in_(ids))
        after = tuple_(p.sort_name, p.id) > tuple_(bindparam("after_name"), bindparam("after_id"))
        self.page = (select(*(p[name] for name in PersonColumns._fields))
                     .where(after).order_by(p.sort_name, p.id).limit(bindparam("n")))
        """Every person's columns in name order, after a (sort name, id) and ``n`` at a time."""

        def texts(kind: int, person_id: Any, order: Any, a: Any, b: Any = "", c: Any = "") -> Select[Any]:
            return select(literal(kind).label("kind"), person_id.label("person_id"), order.label("n"),
                          a.label("a"), (literal(b) if isinstance(b, str) else b).label("b"),
                          (literal(c) if isinstance(c, str) else c).label("c"))

        every = union_all(
            texts(_NAME, names.person_id, names.id, names.name, names.script, names.language),
            texts(_EMAIL, emails.person_id, emails.id, emails.address, emails.label),
            texts(_PHONE, phones.person_id, phones.id, phones.number, phones.label),
            texts(_TAG, tags.person_id, literal(0), tags.tag),
            texts(_TOPIC, s.person_topic.c.person_id, literal(0), s.topic.c.name)
            .join_from(s.person_topic, s.topic, s.topic.c.id == s.person_topic.c.topic_id),
        ).subquery("texts")
        self.child_texts = (select(every.c.kind, every.c.person_id, every.c.a, every.c.b, every.c.c)
                            .where(every.c.person_id.in_(ids)).order_by(every.c.kind, every.c.n, every.c.a))
        """Names, e-mails, phones, tags and topics of a batch of people in one statement (all text columns),
        each kind in its stored order (names and contacts by id, tags and topics alphabetically). The ids
        are bound once (SQLite and PostgreSQL push the filter into each branch and use its person_id
        index)."""
        self.positions = (
            select(pos.person_id, pos.id, pos.institution_id, inst.name.label("institution_name"), pos.title,
                   pos.start_date, pos.end_date, pos.is_current.label("current"), pos.uid, pos.variants)
            .join(s.institution, inst.id == pos.institution_id).where(pos.person_id.in_(ids))
        )

        listing_after = tuple_(p.sort_name, p.id) > tuple_(bindparam("after_name"), bindparam("after_id"))
        in_page = listing_after & (tuple_(p.sort_name, p.id) <= tuple_(bindparam("last_name"), bindparam("last_id")))
        self.listing: tuple[Select[Any], ...] = (
            select(*(p[name] for name in ListingColumns._fields))
            .where(listing_after).order_by(p.sort_name, p.id).limit(bindparam("n")),
            select(names.name, names.script, names.language, names.person_id)
            .join(s.person, p.id == names.person_id).where(in_page).order_by(p.sort_name, p.id, names.id),
            select(emails.address, emails.label, emails.person_id)
            .join(s.person, p.id == emails.person_id).where(in_page).order_by(p.sort_name, p.id, emails.id),
            select(phones.number, phones.label, phones.person_id)
            .join(s.person, p.id == phones.person_id).where(in_page).order_by(p.sort_name, p.id, phones.id),
            select(tags.tag, tags.person_id)
            .join(s.person, p.id == tags.person_id).where(in_page).order_by(p.sort_name, p.id, tags.tag),
            select(s.topic.c.name, s.person_topic.c.person_id)
            .join_from(s.person_topic, s.topic, s.topic.c.id == s.person_topic.c.topic_id)
            .join(s.person, p.id == s.person_topic.c.person_id).where(in_page)
            .order_by(p.sort_name, p.id, s.topic.c.name),
            select(pos.id, pos.title, inst.name, pos.institution_id, pos.start_date, pos.end_date,
                   pos.is_current, pos.person_id)
            .join(s.institution, inst.id == pos.institution_id)
            .join(s.person, p.id == pos.person_id).where(in_page).order_by(p.sort_name, p.id),
        )
        """The listing: a page of people (``ListingColumns``), then the names (``ListedName``), e-mails,
        phones (``ListedContact``), tags, topics (``ListedText``) and positions (``ListedPosition``) of
        the people of that page, one statement per table. The page is given by its bounds in name order
        (four bound values, not a list of ids): the database walks the name index and each child table's
        person index, already in page order, with no sort."""

        self.list_people = select(*(type_coerce(p.variants, Text).label("variants") if name == "variants" else p[name]
                                    for name in ListColumns._fields)).where(p.id.in_(ids))
        """The list's columns; ``variants`` as the driver gives it (its JSON text on SQLite, as the plain road reads
        it): a display language's names pass over the usual ``{}`` without parsing it."""
        self.list_current = (
            select(pos.person_id, pos.title, inst.name)
            .join(s.institution, inst.id == pos.institution_id)
            .where(pos.person_id.in_(ids), pos.is_current.is_(True))
        )
        self.list_tags = select(tags.person_id, tags.tag).where(tags.person_id.in_(ids)).order_by(tags.tag)
        self.list_current_localized = self.list_current.add_columns(type_coerce(pos.variants, Text).label("variants"),
                                                                    pos.institution_id)
        inst_names = s.institution_name.c
        self.list_institution_names = (select(inst_names.institution_id, inst_names.name, inst_names.script,
                                              inst_names.language)
                                       .where(inst_names.institution_id.in_(ids)).order_by(inst_names.id))
        self.list_names = (select(names.person_id, names.name, names.script, names.language)
                           .where(names.person_id.in_(ids)).order_by(names.id))


_NAME, _EMAIL, _PHONE, _TAG, _TOPIC = range(5)


@cache
def _statements() -> _Statements:
    return _Statements()


# --- details (Core) --------------------------------------------------------------------------------


def details(conn: Connection, ids: Sequence[int]) -> list[PersonDetail]:
    """Details of these people, in the order given (missing ids skipped): three statements."""
    st = _statements()
    people = {r.id: r for r in named(PersonColumns, conn.execute(st.person, {"ids": list(ids)}))}
    return details_of(conn, [r for r in map(people.get, ids) if r is not None])


def _after(sort_name: str, ident: int) -> dict[str, Any]:
    """The bound values of a page that starts after this person in name order (keyset paging)."""
    return {"after_name": sort_name, "after_id": ident}


def pages(conn: Connection, batch: int) -> Iterator[list[PersonColumns]]:
    """Every person's columns in name order, ``batch`` at a time: each page continues after the last
    name of the one before (keyset paging on the name index), in ``conn``'s transaction."""
    st = _statements()
    after = _after("", 0)
    while True:
        rows = named(PersonColumns, conn.execute(st.page, {**after, "n": batch}))
        if not rows:
            return
        after = _after(rows[-1].sort_name, rows[-1].id)
        yield rows
        if len(rows) < batch:
            return


def position_views(rows: Iterable[PositionColumns], ident: int, full_name: str) -> tuple[PositionView, ...]:
    """A person's positions (current first, newest first) from their rows."""
    views = [PositionView(id=q.id, person_id=ident, person_name=full_name, institution_id=q.institution_id,
                          institution_name=q.institution_name, title=shown(q.title, q.variants, "title"),
                          start_date=q.start_date,
                          end_date=q.end_date, current=q.current, variants=from_mapping(q.variants))
             for q in rows]
    views.sort(key=lambda v: position_sort_key(v.current, v.start_date, v.id))
    return tuple(views)


def positions_of(conn: Connection, ident: int, full_name: str) -> tuple[PositionView, ...]:
    """One person's positions (current first, newest first): one statement."""
    rows = named(PositionColumns, conn.execute(_statements().positions, {"ids": [ident]}))
    return position_views(rows, ident, full_name)


def details_of(conn: Connection, people: Sequence[PersonColumns]) -> list[PersonDetail]:
    """Details of the people in these rows, in their order: two more statements for the whole batch
    (plain rows rather than ORM objects: listing 100,000 people this way is several times faster, and one
    person costs the same)."""
    st = _statements()
    params = {"ids": [r.id for r in people]}
    names: dict[int, list[NameVariant]] = {}
    emails: dict[int, list[ContactEntry]] = {}
    phones: dict[int, list[ContactEntry]] = {}
    tags: dict[int, list[str]] = {}
    topics: dict[int, list[str]] = {}
    for kind, pid, a, b, c in conn.execute(st.child_texts, params):
        if kind == _NAME:
            names.setdefault(pid, []).append(NameVariant(a, b, c))
        elif kind == _EMAIL:
            emails.setdefault(pid, []).append(ContactEntry(a, b))
        elif kind == _PHONE:
            phones.setdefault(pid, []).append(ContactEntry(a, b))
        else:
            (tags if kind == _TAG else topics).setdefault(pid, []).append(a)
    positions: dict[int, list[PositionColumns]] = {}
    for post in named(PositionColumns, conn.execute(st.positions, params)):
        positions.setdefault(post.person_id, []).append(post)
    return assemble(people, names, emails, phones, tags, topics, positions)


def assemble(people: Sequence[PersonColumns], names: dict[int, list[NameVariant]],
             emails: dict[int, list[ContactEntry]], phones: dict[int, list[ContactEntry]],
             tags: dict[int, list[str]], topics: dict[int, list[str]],
             positions: dict[int, list[PositionColumns]]) -> list[PersonDetail]:
    """``PersonDetail`` of the people in these rows, in their order, from their child rows by person id (as
    ``details_of`` reads them through Core, or ``store.plain_reads`` through sqlite3: the values in the
    types SQLAlchemy gives, the JSON columns decoded)."""
    out = []
    for r in people:
        ident = r.id
        full_name = _shown_name(r.given_name, r.middle_name, r.family_name, r.display_name, names.get(ident, ()),
                               r.variants)
        held = positions.get(ident, [])
        views = position_views(held, ident, full_name)
        stored = {q.id: q for q in held}  # the views' titles may be in the display language: the input's are as stored
        data = PersonData(
            given_name=r.given_name, family_name=r.family_name, middle_name=r.middle_name,
            honorific=r.honorific, form_of_address=r.form_of_address, display_name=r.display_name,
            name_variants=tuple(names.get(ident, ())), languages=tuple(r.languages or ()),
            biography=r.biography, dietary_needs=r.dietary_needs, interpreter_needs=r.interpreter_needs,
            photo=None, photo_type=r.photo_type,
            emails=tuple(emails.get(ident, ())), phones=tuple(phones.get(ident, ())),
            tags=tuple(tags.get(ident, ())), notes=r.notes, topics=tuple(topics.get(ident, ())),
            positions=tuple(PositionData(stored[v.id].title, v.institution_id, v.start_date, v.end_date, v.current,
                                         id=v.id, uid=stored[v.id].uid, variants=v.variants) for v in views),
            uid=r.uid, variants=from_mapping(r.variants), **generic_values(r),
        )
        out.append(PersonDetail(
            meta=RecordMeta(id=ident, uid=r.uid, version=r.version, created_at=r.created_at,
                            updated_at=r.updated_at),
            data=data, full_name=full_name, positions=views, has_photo=bool(r.photo_type),
        ))
    return out


# --- list rows (Core; plain_list_rows above on a SQLite file) ---------------------------------------


def list_rows(conn: Connection, ids: Sequence[int]) -> list[PersonRow]:
    """The people list's rows for these ids, in the order given (missing ids skipped): three statements."""
    st = _statements()
    params = {"ids": list(ids)}
    localized = display_language() is not None
    people = {r.id: r for r in named(ListColumns, conn.execute(st.list_people, params))}
    current = {r.person_id: r for r in named(CurrentPost, conn.execute(
        st.list_current_localized if localized else st.list_current, params))}
    tags: dict[int, list[str]] = {}
    for pid, tag in conn.execute(st.list_tags, params):
        tags.setdefault(pid, []).append(tag)
    names: dict[int, list[NameVariant]] | None = None
    if localized:
        names = {}
        for pid, name, script, language in conn.execute(st.list_names, params):
            names.setdefault(pid, []).append(NameVariant(name, script, language))
    institution_names: dict[int, list[tuple[str, str, str]]] | None = None
    if localized:
        institution_names = {}
        wanted = sorted({r.institution_id for r in current.values() if r.institution_id})
        for iid, name, script, language in conn.execute(st.list_institution_names, {"ids": wanted}):
            institution_names.setdefault(iid, []).append((name, script, language))
    return person_rows(ids, people, current, tags, names, institution_names)


# --- the full listing (compiled SQL on the driver's cursor) -----------------------------------------


_LISTING_SQL: dict[str, list[tuple[str, Any]]] = {}
"""Dialect name -> (SQL text, compiled statement) of each listing statement, compiled once."""
_DRIVER_DIALECTS = frozenset({"sqlite", "postgresql"})
"""Dialects whose DB-API rows the listing reads directly (sqlite3; psycopg on PostgreSQL)."""

Reader = Callable[[int, dict[str, Any]], Sequence[Sequence[Any]]]


def _listing_reader(conn: Connection) -> Reader:
    """A function that runs the ``i``-th listing statement with these values and returns its rows, in
    ``conn``'s transaction.

    On SQLite and PostgreSQL it runs the SQL that SQLAlchemy compiled (once per process) on the
    connection's DB-API cursor and returns the driver's plain tuples: the same statements and values,
    without a ``Row`` per row and the per-column result processing. The values are then as the driver
    gives them: SQLite's dates are ISO text, its booleans 0/1 and its JSON text; ``_listed`` turns them
    into the listing's values. Other dialects go through SQLAlchemy."""
    statements = _statements().listing
    name = conn.dialect.name
    if name not in _DRIVER_DIALECTS:
        return lambda i, values: conn.execute(statements[i], values).all()
    compiled = _LISTING_SQL.get(name)
    if compiled is None:
        compiled = []
        for stmt in statements:
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


def _iso(value: Any) -> str | None:
    """A date as ISO text: SQLite's driver gives the text already; SQLAlchemy and psycopg date objects."""
    return value if value is None or isinstance(value, str) else str(value.isoformat())


def _listed_positions(rows: Iterable[Sequence[Any]]) -> list[ListedPosition]:
    """Positions as the listing holds them: dates as ISO text, ``current`` a bool (from SQLite's text and
    0/1, or from the date and bool objects of SQLAlchemy and psycopg). The columns are the listing's
    statement's, in ``ListedPosition``'s order."""
    return [ListedPosition(ident, title, institution, institution_id, _iso(start), _iso(end), bool(current), pid)
            for ident, title, institution, institution_id, start, end, current, pid in rows]


def _listed_position_key(q: ListedPosition) -> tuple[bool, int, int]:
    start = q.start_date
    return (not q.current, -(date.fromisoformat(start).toordinal() if start else 0), q.id)


_BY_PERSON = attrgetter("person_id")


def _grouped(shape: type[_T], rows: Iterable[Sequence[Any]]) -> dict[int, list[_T]]:
    """Named rows of a page by person id (the rows come in page order: one group per person)."""
    return {pid: list(group) for pid, group in groupby(named(shape, rows), _BY_PERSON)}


def _listed(read: Reader, people: list[ListingColumns], after: dict[str, Any]) -> Iterator[PersonListing]:
    """``PersonListing`` of these people (the page after ``after``), in their order: the same values as
    ``details_of`` (a test holds them equal)."""
    params = {**after, "last_name": people[-1].sort_name, "last_id": people[-1].id}
    names = _grouped(ListedName, read(1, params))
    emails = _grouped(ListedContact, read(2, params))
    phones = _grouped(ListedContact, read(3, params))
    tags = _grouped(ListedText, read(4, params))
    topics = _grouped(ListedText, read(5, params))
    positions = {pid: list(group) for pid, group in groupby(_listed_positions(read(6, params)), _BY_PERSON)}
    empty: list[Any] = []
    get_names, get_emails, get_phones = names.get, emails.get, phones.get
    get_tags, get_topics, get_positions = tags.get, topics.get, positions.get
    for r in people:
        ident = r.id
        held = get_positions(ident, empty)
        if len(held) > 1:
            held.sort(key=_listed_position_key)
        languages = r.languages
        if isinstance(languages, str):
            languages = loads(languages)
        yield PersonListing(
            id=ident, uid=r.uid, version=r.version,
            full_name=compose_full_name(r.given_name, r.middle_name, r.family_name, r.display_name),
            given_name=r.given_name, middle_name=r.middle_name, family_name=r.family_name,
            honorific=r.honorific, form_of_address=r.form_of_address, languages=languages or (),
            names=get_names(ident, empty), emails=get_emails(ident, empty), phones=get_phones(ident, empty),
            tags=get_tags(ident, empty), topics=get_topics(ident, empty), positions=held,
            dietary_needs=r.dietary_needs, interpreter_needs=r.interpreter_needs,
            more={name: getattr(r, attr) for name, attr, _f in _GENERIC},
        )


def listing(conn: Connection, batch: int) -> Iterator[PersonListing]:
    """Every person as a ``PersonListing``, in name order, ``batch`` at a time (memory stays flat however
    many people there are): seven statements a page, all in ``conn``'s transaction (one snapshot)."""
    return _listing_pages(_listing_reader(conn), batch)


_IN_PAGE = ("(person.sort_name, person.id) > (:after_name, :after_id) "
            "AND (person.sort_name, person.id) <= (:last_name, :last_id) ORDER BY person.sort_name, person.id")


@cache
def _plain_listing_sql() -> tuple[str, ...]:
    """The listing's statements (``_Statements.listing``) as SQLite text with named parameters, for
    ``plain_listing``: the SQL SQLAlchemy compiles for them, written out."""
    return (
        f"SELECT {', '.join(f'person.{c}' for c in ListingColumns._fields)} FROM person "
        "WHERE (person.sort_name, person.id) > (:after_name, :after_id) ORDER BY person.sort_name, person.id LIMIT :n",
        "SELECT person_name.name, person_name.script, person_name.language, person_name.person_id FROM person_name "
        f"JOIN person ON person.id = person_name.person_id WHERE {_IN_PAGE}, person_name.id",
        "SELECT person_email.address, person_email.label, person_email.person_id FROM person_email "
        f"JOIN person ON person.id = person_email.person_id WHERE {_IN_PAGE}, person_email.id",
        "SELECT person_phone.number, person_phone.label, person_phone.person_id FROM person_phone "
        f"JOIN person ON person.id = person_phone.person_id WHERE {_IN_PAGE}, person_phone.id",
        "SELECT person_tag.tag, person_tag.person_id FROM person_tag "
        f"JOIN person ON person.id = person_tag.person_id WHERE {_IN_PAGE}, person_tag.tag",
        "SELECT topic.name, person_topic.person_id FROM person_topic JOIN topic ON topic.id = person_topic.topic_id "
        f"JOIN person ON person.id = person_topic.person_id WHERE {_IN_PAGE}, topic.name",
        "SELECT position.id, position.title, institution.name, position.institution_id, position.start_date, "
        "position.end_date, position.is_current, position.person_id FROM position "
        "JOIN institution ON institution.id = position.institution_id "
        f"JOIN person ON person.id = position.person_id WHERE {_IN_PAGE}",
    )


def plain_listing(con: sqlite3.Connection, batch: int) -> Iterator[PersonListing]:
    """``listing`` on a standard-library ``sqlite3`` connection (``Database.plain_reader``: SQLAlchemy never
    imported), in the connection's read transaction: the same statements, the same rows and values
    (``tests/unit/test_plain_lists.py`` holds them equal)."""
    sql = _plain_listing_sql()
    return _listing_pages(lambda i, values: con.execute(sql[i], values).fetchall(), batch)


def _listing_pages(read: Reader, batch: int) -> Iterator[PersonListing]:
    """Every person as a ``PersonListing``, in name order, a page of ``batch`` at a time, through ``read``
    (the ``i``-th listing statement with these values -> its rows)."""
    after = _after("", 0)
    while True:
        rows = named(ListingColumns, read(0, {**after, "n": batch}))
        if not rows:
            return
        yield from _listed(read, rows, after)
        if len(rows) < batch:
            return
        after = _after(rows[-1].sort_name, rows[-1].id)
