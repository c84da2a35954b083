"""Browsing: filtered and sorted id lists for every kind, rows for a batch of ids, and quick-open.

A lazy list in the window keeps only ``record_ids(db, kind, query)`` (filtering and sorting happen
here, in SQL) and asks ``record_rows(db, kind, ids)`` for a few hundred rows at a time, so a list of
100,000 people costs one id query and a batch per screenful. ``quick_open`` is a simple, LIMIT-ed
name match across every kind: the tool bar's search field goes through ``services.search.quick_open``,
which asks the search index (spelling-insensitive) and comes here only for the kinds the index does not
hold, or for every kind on a database without an index.

Text matching: each word the user typed must occur somewhere in the name (``LIKE %word%``). SQLite
folds case only for ASCII letters, so each word is also tried as typed, lower-case and capitalised,
which covers names written in Cyrillic the usual way (``иван`` finds ``Иванов``).

Longer than 500 lines on purpose: the lists of every kind share the text matching, sort-key and
date-filter pieces at the top, and quick-open reuses the filters; one module per kind would import
the others' private helpers.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, Integer, Select, case, column, exists, func, or_, select

from organizer.domain.enums import (
    AgreementStatus,
    FollowUpStatus,
    MeetingKind,
    ProgrammeItemKind,
    RecordKind,
    Side,
    VisitDirection,
    VisitStatus,
    parse_enum,
)
from organizer.domain.errors import ValidationError
from organizer.domain.listing import BROWSE_KINDS, ListQuery, QuickHit
from organizer.domain.records import (
    MeetingRow,
    PersonRow,
    TopicRow,
    VisitRow,
    compose_full_name,
)
from organizer.domain.variants import display_language
from organizer.domain.variants import shown as shown_text
from organizer.services import shown
from organizer.services.agreements import agreement_rows
from organizer.services.followups import followup_rows
from organizer.services.programme import programme_rows
from organizer.store import people_read
from organizer.store import schema as s
from organizer.store.database import Database

LIST_KINDS = tuple(k for k in BROWSE_KINDS if k != "institution")
"""Kinds shown as flat lazy lists (institutions are a tree, see ``institution_matches``)."""

MAX_WORDS = 8
"""Words of a filter text that are used; more add nothing but cost."""

_STATUS_ENUMS: dict[RecordKind, Any] = {RecordKind.VISIT: VisitStatus, RecordKind.FOLLOWUP: FollowUpStatus,
                                        RecordKind.AGREEMENT: AgreementStatus}


# --- text matching -------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()[:MAX_WORDS]


def _pattern(word: str, *, prefix: bool = False) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{escaped}%" if prefix else f"%{escaped}%"


def _like(column: Any, word: str, *, prefix: bool = False) -> ColumnElement[bool]:
    """``column`` contains ``word`` (or starts with it), case-insensitively for ASCII and for typed case."""
    forms = dict.fromkeys((word, word.lower(), word.casefold(), word.capitalize(), word.upper()))
    return or_(*(column.ilike(_pattern(f, prefix=prefix), escape="\\") for f in forms))


def _like_shown(column: Any, word: str) -> ColumnElement[bool]:
    """``_like`` on a translatable text column, and with a display language on its variant in that language too:
    a list that shows a topic's Russian name is filtered by it (kinds the search index does not hold)."""
    lang = display_language()
    if lang is None:
        return _like(column, word)
    return or_(_like(column, word), _like(column.table.c.variants[(column.name, lang)].as_string(), word))


def _all_words(text: str, one: Callable[[str], ColumnElement[bool]]) -> list[ColumnElement[bool]]:
    return [one(w) for w in _words(text)]


def _text_filter(conn: Connection, kind: RecordKind, text: str, id_column: Any,
                 fallback: Callable[[str], ColumnElement[bool]]) -> list[ColumnElement[bool]]:
    """The conditions that ``text`` puts on a list of ``kind``: through the search index (every word the
    start of a word, in any script or spelling; ``store.search``) where the database has one, which
    answers in milliseconds where ``LIKE '%word%'`` scans the table (issue 20); else (a database without
    the index, or text with no letter or digit) each word contained in ``fallback``'s columns."""
    if not text.strip():
        return []
    from organizer.store.search.words import FILTER_TIERS, filter_words, id_query  # no ORM: a list must not load it

    words = filter_words(text)
    dialect = conn.dialect.name
    if words and kind in FILTER_TIERS and dialect in ("sqlite", "postgresql"):
        if dialect == "postgresql":
            from organizer.store.search.postgresql import id_query
        ids = id_query(kind, words, FILTER_TIERS[kind])
        if ids is not None:
            return [id_column.in_(ids.columns(column("rowid", Integer)))]
    return _all_words(text, fallback)


# --- shared pieces -------------------------------------------------------------------------------


def institution_subtree(conn: Connection, ident: int) -> list[int]:
    """The institution and all its units, at any depth."""
    children: dict[int | None, list[int]] = {}
    for child, parent in conn.execute(select(s.institution.c.id, s.institution.c.parent_id)):
        children.setdefault(parent, []).append(child)
    out, todo = [], [ident]
    while todo:
        current = todo.pop()
        out.append(current)
        todo.extend(children.get(current, ()))
    return out


@dataclass(frozen=True, slots=True)
class _SortKey:
    column: Any
    nullable: bool = False
    shown: Any = None
    """A translatable text column (``s.visit.c.title``), or a function of the display language giving the
    expression to sort by (a linked record's title): with a display language the list is sorted by the
    variant in that language where there is one (what the list shows), else by the text as stored."""


def _shown_column(column: Any, lang: str) -> Any:
    """``column``'s variant in ``lang`` from its table's ``variants`` JSON, else the column itself, lower-cased."""
    if callable(column) and not isinstance(column, ColumnElement):
        return column(lang)
    variant = column.table.c.variants[(column.name, lang)].as_string()
    return func.lower(func.coalesce(func.nullif(variant, ""), column))


def _linked_title(column: Any, id_column: Any, link: Any) -> Callable[[str], Any]:
    """A sort key's expression for a linked record's title (``s.visit.c.title`` of ``s.meeting.c.visit_id``) in
    a display language."""
    return lambda lang: (select(_shown_column(column, lang)).where(id_column == link)
                         .correlate(link.table).scalar_subquery())


def _order(keys: Sequence[_SortKey], id_column: Any, descending: bool) -> list[Any]:
    """ORDER BY terms: missing values last in both directions, the id as the final tie-breaker."""
    terms: list[Any] = []
    lang = display_language()
    for key in keys:
        column = _shown_column(key.shown, lang) if key.shown is not None and lang is not None else key.column
        if key.nullable:
            terms.append(column.is_(None))
        terms.append(column.desc() if descending else column)
    terms.append(id_column.desc() if descending else id_column)
    return terms


def _current_position(column: Any) -> Any:
    """A correlated sub-query: this column of the person's current position (title, institution name)."""
    return (select(column).select_from(s.position)
            .join(s.institution, s.institution.c.id == s.position.c.institution_id)
            .where(s.position.c.person_id == s.person.c.id, s.position.c.is_current.is_(True))
            .order_by(s.position.c.id).limit(1).scalar_subquery())


def _status(kind: RecordKind, value: str) -> str:
    return str(parse_enum(_STATUS_ENUMS[kind], value, "status").value)


def _day_start(value: Any) -> datetime:
    return datetime.combine(value, time.min)


def _in_dates(stmt: Select[Any], q: ListQuery, first: Any, last: Any = None, *,
              timestamps: bool = False) -> Select[Any]:
    """Keep the records whose span ``first``..``last`` (one column when ``last`` is None) meets the
    query's days ``date_from``..``date_to``, both inclusive; ``timestamps`` for date-time columns."""
    last = first if last is None else last
    if q.date_from is not None:
        stmt = stmt.where(last >= (_day_start(q.date_from) if timestamps else q.date_from))
    if q.date_to is not None:
        stmt = stmt.where(first < _day_start(q.date_to + timedelta(days=1)) if timestamps
                          else first <= q.date_to)
    return stmt


# --- sort keys per kind --------------------------------------------------------------------------


def _visit_title(visit_id_column: Any) -> Any:
    return select(func.lower(s.visit.c.title)).where(s.visit.c.id == visit_id_column).scalar_subquery()


def _institution_name(id_column: Any) -> Any:
    return select(func.lower(s.institution.c.name)).where(s.institution.c.id == id_column).scalar_subquery()


_meeting_count = (select(func.count()).select_from(s.meeting).where(s.meeting.c.visit_id == s.visit.c.id)
                  .correlate(s.visit).scalar_subquery())
_owner_name = func.coalesce(
    select(s.person.c.sort_name).where(s.person.c.id == s.followup.c.owner_person_id).correlate(s.followup)
    .scalar_subquery(),
    select(func.lower(s.institution.c.name)).where(s.institution.c.id == s.followup.c.owner_institution_id)
    .correlate(s.followup).scalar_subquery(),
)

SORT_KEYS: dict[RecordKind, dict[str, tuple[_SortKey, ...]]] = {
    RecordKind.PERSON: {
        "name": (_SortKey(s.person.c.sort_name),),
        "title": (_SortKey(func.lower(_current_position(s.position.c.title)), nullable=True),
                  _SortKey(s.person.c.sort_name)),
        "institution": (_SortKey(func.lower(_current_position(s.institution.c.name)), nullable=True),
                        _SortKey(s.person.c.sort_name)),
        "updated": (_SortKey(s.person.c.updated_at),),
    },
    RecordKind.VISIT: {
        "date": (_SortKey(s.visit.c.start_date, nullable=True),),
        "title": (_SortKey(func.lower(s.visit.c.title), shown=s.visit.c.title),),
        "place": (_SortKey(func.lower(s.visit.c.place), shown=s.visit.c.place),),
        "direction": (_SortKey(s.visit.c.direction), _SortKey(s.visit.c.start_date, nullable=True)),
        "status": (_SortKey(s.visit.c.status), _SortKey(s.visit.c.start_date, nullable=True)),
        "meetings": (_SortKey(_meeting_count),),
    },
    RecordKind.MEETING: {
        "date": (_SortKey(s.meeting.c.starts_at, nullable=True),),
        "title": (_SortKey(func.lower(s.meeting.c.title), shown=s.meeting.c.title),),
        "kind": (_SortKey(s.meeting.c.kind), _SortKey(s.meeting.c.starts_at, nullable=True)),
        "venue": (_SortKey(_institution_name(s.meeting.c.venue_institution_id), nullable=True),),
        "visit": (_SortKey(_visit_title(s.meeting.c.visit_id), nullable=True,
                           shown=_linked_title(s.visit.c.title, s.visit.c.id, s.meeting.c.visit_id)),
                  _SortKey(s.meeting.c.starts_at, nullable=True)),
    },
    RecordKind.FOLLOWUP: {
        "status": (_SortKey(s.followup.c.status != FollowUpStatus.OPEN.value), _SortKey(s.followup.c.status),
                   _SortKey(s.followup.c.due_date, nullable=True)),
        "due": (_SortKey(s.followup.c.due_date, nullable=True),),
        "description": (_SortKey(func.lower(s.followup.c.description), shown=s.followup.c.description),),
        "owner": (_SortKey(_owner_name, nullable=True),),
        "visit": (_SortKey(_visit_title(s.followup.c.visit_id), nullable=True,
                           shown=_linked_title(s.visit.c.title, s.visit.c.id, s.followup.c.visit_id)),
                  _SortKey(s.followup.c.due_date, nullable=True)),
        "meeting": (_SortKey(select(func.lower(s.meeting.c.title)).where(s.meeting.c.id == s.followup.c.meeting_id)
                             .correlate(s.followup).scalar_subquery(), nullable=True,
                             shown=_linked_title(s.meeting.c.title, s.meeting.c.id, s.followup.c.meeting_id)),),
    },
    RecordKind.AGREEMENT: {
        "date": (_SortKey(s.agreement.c.signed_date, nullable=True),),
        "title": (_SortKey(func.lower(s.agreement.c.title), shown=s.agreement.c.title),),
        "kind": (_SortKey(s.agreement.c.kind), _SortKey(s.agreement.c.signed_date, nullable=True)),
        "status": (_SortKey(s.agreement.c.status), _SortKey(s.agreement.c.signed_date, nullable=True)),
        "valid_until": (_SortKey(s.agreement.c.valid_until, nullable=True),),
    },
    RecordKind.TOPIC: {
        "name": (_SortKey(func.lower(s.topic.c.name), shown=s.topic.c.name),),
    },
    RecordKind.PROGRAMME_ITEM: {
        "date": (_SortKey(s.programme_item.c.starts_at, nullable=True),),
        "title": (_SortKey(func.lower(s.programme_item.c.title), shown=s.programme_item.c.title),),
        "kind": (_SortKey(s.programme_item.c.kind), _SortKey(s.programme_item.c.starts_at, nullable=True)),
        "place": (_SortKey(func.lower(s.programme_item.c.place), shown=s.programme_item.c.place),),
        "visit": (_SortKey(_visit_title(s.programme_item.c.visit_id),
                           shown=_linked_title(s.visit.c.title, s.visit.c.id, s.programme_item.c.visit_id)),
                  _SortKey(s.programme_item.c.starts_at, nullable=True)),
    },
}
"""Sort keys a list can be ordered by, per kind (what a click on a column header asks for)."""

_DEFAULT_SORT: dict[RecordKind, tuple[str, bool]] = {
    RecordKind.PERSON: ("name", False),
    RecordKind.VISIT: ("date", True),
    RecordKind.MEETING: ("date", False),  # a programme reads in time order (issue 17)
    RecordKind.FOLLOWUP: ("status", False),
    RecordKind.AGREEMENT: ("date", True),
    RecordKind.TOPIC: ("name", False),
    RecordKind.PROGRAMME_ITEM: ("date", True),
}
"""The usual order of each kind: (sort key, descending)."""


# --- filters per kind ----------------------------------------------------------------------------


def _person_query(conn: Connection, q: ListQuery) -> tuple[Select[Any], Any]:
    p = s.person.c
    stmt = select(p.id).where(*_text_filter(conn, RecordKind.PERSON, q.text, p.id, lambda word: or_(
        _like(p.sort_name, word),
        exists().where(s.person_name.c.person_id == p.id, _like(s.person_name.c.name, word)),
    )))
    if q.tag:
        stmt = stmt.where(exists().where(s.person_tag.c.person_id == p.id, s.person_tag.c.tag == q.tag))
    if q.institution_id is not None:
        units = institution_subtree(conn, q.institution_id)
        stmt = stmt.where(exists().where(s.position.c.person_id == p.id, s.position.c.is_current.is_(True),
                                         s.position.c.institution_id.in_(units)))
    return stmt, p.id


def _visit_query(conn: Connection, q: ListQuery) -> tuple[Select[Any], Any]:
    v = s.visit.c
    stmt = select(v.id).where(*_text_filter(conn, RecordKind.VISIT, q.text, v.id,
                                            lambda w: or_(_like(v.title, w), _like(v.place, w))))
    if q.status:
        stmt = stmt.where(v.status == _status(RecordKind.VISIT, q.status))
    if q.institution_id is not None:
        units = institution_subtree(conn, q.institution_id)
        stmt = stmt.where(exists().where(s.visit_institution.c.visit_id == v.id,
                                         s.visit_institution.c.institution_id.in_(units)))
    stmt = _in_dates(stmt, q, v.start_date, func.coalesce(v.end_date, v.start_date))
    if q.visit_id is not None:
        stmt = stmt.where(v.id == q.visit_id)
    return stmt, v.id


def _meeting_query(conn: Connection, q: ListQuery) -> tuple[Select[Any], Any]:
    mt = s.meeting.c
    stmt = select(mt.id).where(*_text_filter(conn, RecordKind.MEETING, q.text, mt.id, lambda w: _like(mt.title, w)))
    if q.status:
        stmt = stmt.where(mt.kind == parse_enum(MeetingKind, q.status, "kind").value)
    if q.visit_id is not None:
        stmt = stmt.where(mt.visit_id == q.visit_id)
    if q.institution_id is not None:
        units = institution_subtree(conn, q.institution_id)
        stmt = stmt.where(or_(
            mt.venue_institution_id.in_(units),
            exists().where(s.visit_institution.c.visit_id == mt.visit_id,
                           s.visit_institution.c.institution_id.in_(units)),
        ))
    stmt = _in_dates(stmt, q, mt.starts_at, timestamps=True)
    return stmt, mt.id


def _followup_query(conn: Connection, q: ListQuery) -> tuple[Select[Any], Any]:
    f = s.followup.c
    stmt = select(f.id).where(*_text_filter(conn, RecordKind.FOLLOWUP, q.text, f.id,
                                            lambda w: _like(f.description, w)))
    if q.status:
        stmt = stmt.where(f.status == _status(RecordKind.FOLLOWUP, q.status))
    if q.owner_person_id is not None:
        stmt = stmt.where(f.owner_person_id == q.owner_person_id)
    if q.visit_id is not None:
        stmt = stmt.where(f.visit_id == q.visit_id)
    if q.institution_id is not None:
        units = institution_subtree(conn, q.institution_id)
        stmt = stmt.where(or_(
            f.owner_institution_id.in_(units),
            exists().where(s.position.c.person_id == f.owner_person_id, s.position.c.is_current.is_(True),
                           s.position.c.institution_id.in_(units)),
        ))
    stmt = _in_dates(stmt, q, f.due_date)
    return stmt, f.id


def _agreement_query(conn: Connection, q: ListQuery) -> tuple[Select[Any], Any]:
    a = s.agreement.c
    stmt = select(a.id).where(*_all_words(q.text, lambda w: _like_shown(a.title, w)))
    if q.status:
        stmt = stmt.where(a.status == _status(RecordKind.AGREEMENT, q.status))
    if q.institution_id is not None:
        units = institution_subtree(conn, q.institution_id)
        stmt = stmt.where(exists().where(s.agreement_party.c.agreement_id == a.id,
                                         s.agreement_party.c.institution_id.in_(units)))
    if q.visit_id is not None:
        stmt = stmt.where(a.visit_id == q.visit_id)
    stmt = _in_dates(stmt, q, a.signed_date)
    return stmt, a.id


def _topic_query(_conn: Connection, q: ListQuery) -> tuple[Select[Any], Any]:
    return select(s.topic.c.id).where(*_all_words(q.text, lambda w: _like_shown(s.topic.c.name, w))), s.topic.c.id


def _programme_query(conn: Connection, q: ListQuery) -> tuple[Select[Any], Any]:
    pi = s.programme_item.c
    stmt = select(pi.id).where(*_all_words(q.text, lambda w: or_(_like_shown(pi.title, w), _like_shown(pi.place, w))))
    if q.status:
        stmt = stmt.where(pi.kind == parse_enum(ProgrammeItemKind, q.status, "kind").value)
    if q.visit_id is not None:
        stmt = stmt.where(pi.visit_id == q.visit_id)
    if q.institution_id is not None:
        units = institution_subtree(conn, q.institution_id)
        stmt = stmt.where(exists().where(s.visit_institution.c.visit_id == pi.visit_id,
                                         s.visit_institution.c.institution_id.in_(units)))
    stmt = _in_dates(stmt, q, pi.starts_at, timestamps=True)
    return stmt, pi.id


_QUERIES: dict[RecordKind, Callable[[Connection, ListQuery], tuple[Select[Any], Any]]] = {
    RecordKind.PERSON: _person_query,
    RecordKind.VISIT: _visit_query,
    RecordKind.MEETING: _meeting_query,
    RecordKind.FOLLOWUP: _followup_query,
    RecordKind.AGREEMENT: _agreement_query,
    RecordKind.TOPIC: _topic_query,
    RecordKind.PROGRAMME_ITEM: _programme_query,
}


def _check_kind(kind: RecordKind) -> None:
    if kind not in _QUERIES:
        raise ValidationError({"kind": f"{str(kind)!r} has no list; one of: {', '.join(LIST_KINDS)}"})


def _sorted_ids(conn: Connection, kind: RecordKind, query: ListQuery | None) -> tuple[Select[Any], Select[Any]]:
    """The id statement of ``kind`` under ``query``: (in list order, unordered for counting)."""
    _check_kind(kind)
    q = query or ListQuery()
    if q.sort:
        if q.sort not in SORT_KEYS[kind]:
            raise ValidationError({"sort": f"{q.sort!r} is not one of: {', '.join(SORT_KEYS[kind])}"})
        key, descending = q.sort, q.descending
    else:
        key, descending = _DEFAULT_SORT[kind]
    stmt, id_column = _QUERIES[kind](conn, q)
    return stmt.order_by(*_order(SORT_KEYS[kind][key], id_column, descending)), stmt


def record_ids(db: Database, kind: RecordKind, query: ListQuery | None = None) -> list[int]:
    """Ids of the records of ``kind`` that ``query`` selects, in its order: what a lazy list holds."""
    with db.read_connection() as conn:
        ordered, _plain = _sorted_ids(conn, kind, query)
        return list(conn.scalars(ordered))


def first_record_ids(db: Database, kind: RecordKind, query: ListQuery | None = None, *,
                     limit: int = 200) -> tuple[list[int], int]:
    """The first ``limit`` ids of ``record_ids`` and how many there are in all, read together: a lazy list
    shows its first rows (and a scroll bar of the right size) before the whole id list has arrived."""
    if limit < 0:
        raise ValidationError({"limit": "must be 0 or more"})
    with db.read_connection() as conn:
        ordered, plain = _sorted_ids(conn, kind, query)
        first = list(conn.scalars(ordered.limit(limit)))
        total = len(first) if len(first) < limit else int(
            conn.scalar(select(func.count()).select_from(plain.order_by(None).subquery())) or 0)
        return first, total


def matching_ids(db: Database, kind: RecordKind, query: ListQuery) -> set[int]:
    """The ids ``record_ids`` gives, unordered: a list that holds every id of the kind in its usual order puts
    the matches in that order itself (``paging.ordered_ids``) instead of having them sorted here."""
    with db.read_connection() as conn:
        _ordered, plain = _sorted_ids(conn, kind, query)
        return set(conn.scalars(plain))


# --- rows by id ----------------------------------------------------------------------------------


def _in_order(rows: Sequence[Any], ids: Sequence[int]) -> list[Any]:
    by_id = {r.id: r for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def people_rows(db: Database, ids: Sequence[int]) -> list[PersonRow]:
    """List rows for these ids, in the order given (missing ids are skipped). One batch of queries."""
    if not ids:
        return []
    with db.read_connection() as conn:
        return people_read.list_rows(conn, ids)


def visit_rows_by_id(conn: Connection, ids: Sequence[int]) -> list[VisitRow]:
    """Visit rows, their title and place in the display language (``domain.variants.shown``)."""
    v = s.visit.c
    counts: dict[int | None, int] = {
        vid: n for vid, n in conn.execute(select(s.meeting.c.visit_id, func.count())
                                             .where(s.meeting.c.visit_id.in_(ids)).group_by(s.meeting.c.visit_id))}
    return [
        VisitRow(id=r.id, title=shown_text(r.title, r.variants, "title"), direction=VisitDirection(r.direction),
                 start_date=r.start_date, end_date=r.end_date, place=shown_text(r.place, r.variants, "place"),
                 status=VisitStatus(r.status), meeting_count=counts.get(r.id, 0))
        for r in conn.execute(select(v.id, v.title, v.direction, v.start_date, v.end_date, v.place, v.status,
                                     v.variants).where(v.id.in_(ids)))
    ]


def meeting_rows_by_id(conn: Connection, ids: Sequence[int]) -> list[MeetingRow]:
    """Meeting rows with venue, visit title and participant names (guests first), in no particular order; titles
    and names in the display language."""
    mt = s.meeting.c
    names: dict[int, list[str]] = {}
    people = conn.execute(
        select(s.meeting_participant.c.meeting_id, s.person.c.given_name, s.person.c.middle_name,
               s.person.c.family_name, s.person.c.display_name, s.person.c.id)
        .join(s.person, s.person.c.id == s.meeting_participant.c.person_id)
        .where(s.meeting_participant.c.meeting_id.in_(ids))
        .order_by(s.meeting_participant.c.side != Side.GUEST.value, s.meeting_participant.c.id)
    ).all()
    stmt = (
        select(mt.id, mt.title, mt.kind, mt.visit_id, mt.starts_at, mt.ends_at, s.institution.c.name, mt.room,
               s.visit.c.title, mt.venue_institution_id, mt.variants)
        .outerjoin(s.institution, s.institution.c.id == mt.venue_institution_id)
        .outerjoin(s.visit, s.visit.c.id == mt.visit_id)
        .where(mt.id.in_(ids))
    )
    meetings = conn.execute(stmt).all()
    found = shown.lookup(conn, [*((RecordKind.PERSON, r.id) for r in people),
                                *((RecordKind.INSTITUTION, r.venue_institution_id) for r in meetings),
                                *((RecordKind.VISIT, r.visit_id) for r in meetings)])
    for meeting_id, given, middle, family, display, pid in people:
        names.setdefault(meeting_id, []).append(
            found(RecordKind.PERSON, pid, compose_full_name(given, middle, family, display)) or "")
    return [
        MeetingRow(id=ident, title=shown_text(title, stored, "title"), kind=MeetingKind(kind), visit_id=vid,
                   starts_at=starts, ends_at=ends, venue=found(RecordKind.INSTITUTION, venue_id, venue), room=room,
                   participants=tuple(names.get(ident, ())), visit_title=found(RecordKind.VISIT, vid, visit_title))
        for ident, title, kind, vid, starts, ends, venue, room, visit_title, venue_id, stored in meetings
    ]


def record_rows(db: Database, kind: RecordKind, ids: Sequence[int]) -> list[Any]:
    """List rows (``PersonRow``, ``VisitRow``, ``MeetingRow``, ``FollowUpRow``, ``AgreementRow``, ``TopicRow``,
    ``ProgrammeItemRow``)
    for these ids, in the order given; ids deleted meanwhile are skipped. Meant for a few hundred ids."""
    _check_kind(kind)
    if not ids:
        return []
    if kind == RecordKind.PERSON:
        return list(people_rows(db, ids))
    with db.read_connection() as conn:
        rows: Sequence[Any]
        if kind == RecordKind.VISIT:
            rows = visit_rows_by_id(conn, ids)
        elif kind == RecordKind.MEETING:
            rows = meeting_rows_by_id(conn, ids)
        elif kind == RecordKind.FOLLOWUP:
            rows = followup_rows(conn, s.followup.c.id.in_(ids))
        elif kind == RecordKind.AGREEMENT:
            rows = agreement_rows(conn, s.agreement.c.id.in_(ids))
        elif kind == RecordKind.PROGRAMME_ITEM:
            rows = programme_rows(conn, s.programme_item.c.id.in_(ids))
        else:
            rows = [TopicRow(t.id, shown_text(t.name, t.variants, "name"),
                             shown_text(t.description, t.variants, "description"))
                    for t in conn.execute(select(s.topic.c.id, s.topic.c.name, s.topic.c.description,
                                                 s.topic.c.variants).where(s.topic.c.id.in_(ids)))]
    return _in_order(rows, ids)  # each read gives its texts in the window's language


def institution_matches(db: Database, text: str) -> set[int]:
    """Institutions whose names match every word of ``text`` (``_text_filter``: through the search index)."""
    i = s.institution.c
    with db.read_connection() as conn:
        conditions = _text_filter(conn, RecordKind.INSTITUTION, text, i.id, lambda w: or_(
            _like(i.name, w), _like(i.short_name, w),
            exists().where(s.institution_name.c.institution_id == i.id, _like(s.institution_name.c.name, w)),
        ))
        return set(conn.scalars(select(i.id).where(*conditions)))


def record_counts(db: Database) -> dict[str, int]:
    """How many records of each kind there are, plus ``followup_open``: one cheap query per kind."""
    tables: dict[str, Any] = {"person": s.person, "institution": s.institution, "visit": s.visit,
                              "meeting": s.meeting, "followup": s.followup, "agreement": s.agreement,
                              "topic": s.topic, "programme_item": s.programme_item}
    with db.read_connection() as conn:
        counts = {kind: conn.scalar(select(func.count()).select_from(model)) or 0 for kind, model in tables.items()}
        counts["followup_open"] = conn.scalar(
            select(func.count()).select_from(s.followup).where(s.followup.c.status == FollowUpStatus.OPEN.value)) or 0
    return counts


# --- quick-open ----------------------------------------------------------------------------------


def _ranked(conn: Connection, stmt: Any, name: Any, text: str, limit: int) -> list[Any]:
    """Matches of every word, those whose name starts with the first word first, then by name."""
    words = _words(text)
    starts = case((_like(name, words[0], prefix=True), 0), else_=1)
    return list(conn.execute(stmt.order_by(starts, func.lower(name)).limit(limit)))


def quick_open(db: Database, text: str, per_kind: int = 6,
               kinds: Collection[RecordKind] | None = None) -> list[QuickHit]:
    """Records of every kind whose name contains every word of ``text``: people, institutions, visits,
    meetings, agreements, topics, follow-ups, at most ``per_kind`` of each (only of ``kinds`` if given).
    Empty text finds nothing."""
    if not _words(text):
        return []
    hits: list[QuickHit] = []
    with db.read_connection() as conn:
        _quick_open(conn, text, per_kind, set(kinds) if kinds is not None else None, hits)
    return hits


def _quick_open(conn: Connection, text: str, per_kind: int, kinds: set[RecordKind] | None,
                hits: list[QuickHit]) -> None:
    if kinds is None or RecordKind.PERSON in kinds:
        p = s.person.c
        person_stmt, _ = _person_query(conn, ListQuery(text=text))
        found = _ranked(conn, person_stmt.add_columns(p.given_name, p.middle_name, p.family_name, p.display_name),
                        p.sort_name, text, per_kind)
        posts = conn.execute(
            select(s.position.c.person_id, s.institution.c.name, s.institution.c.id)
            .join(s.institution, s.institution.c.id == s.position.c.institution_id)
            .where(s.position.c.person_id.in_([r.id for r in found]), s.position.c.is_current.is_(True))).all()
        shown_name = shown.lookup(conn, [(RecordKind.INSTITUTION, iid) for _pid, _name, iid in posts])
        current = {pid: shown_name(RecordKind.INSTITUTION, iid, name) or "" for pid, name, iid in posts}
        hits += [QuickHit(RecordKind.PERSON, r.id,
                          compose_full_name(r.given_name, r.middle_name, r.family_name, r.display_name),
                          current.get(r.id, ""))
                 for r in found]
    if kinds is None or RecordKind.INSTITUTION in kinds:
        i = s.institution.c
        inst = select(i.id, i.name, i.city, i.variants).where(*_all_words(text, lambda w: or_(
            _like(i.name, w), _like(i.short_name, w),
            exists().where(s.institution_name.c.institution_id == i.id, _like(s.institution_name.c.name, w)))))
        hits += [QuickHit(RecordKind.INSTITUTION, r.id, r.name, shown_text(r.city, r.variants, "city"))
                 for r in _ranked(conn, inst, i.name, text, per_kind)]
    if kinds is None or RecordKind.VISIT in kinds:
        v = s.visit.c
        visits = select(v.id, v.title, v.place, v.start_date, v.variants).where(
            *_all_words(text, lambda w: _like(v.title, w)))
        hits += [QuickHit(RecordKind.VISIT, r.id, r.title, shown_text(r.place, r.variants, "place"), r.start_date)
                 for r in _ranked(conn, visits, v.title, text, per_kind)]
    if kinds is None or RecordKind.MEETING in kinds:
        mt = s.meeting.c
        meetings = (select(mt.id, mt.title, s.visit.c.title.label("visit_title"), mt.starts_at,
                           s.visit.c.variants.label("visit_variants"))
                    .outerjoin(s.visit, s.visit.c.id == mt.visit_id)
                    .where(*_all_words(text, lambda w: _like(mt.title, w))))
        hits += [QuickHit(RecordKind.MEETING, r.id, r.title, shown_text(r.visit_title or "", r.visit_variants, "title"),
                          r.starts_at.date() if r.starts_at else None)
                 for r in _ranked(conn, meetings, mt.title, text, per_kind)]
    if kinds is None or RecordKind.AGREEMENT in kinds:
        a = s.agreement.c
        agreements = select(a.id, a.title, a.signed_date).where(*_all_words(text, lambda w: _like_shown(a.title, w)))
        hits += [QuickHit(RecordKind.AGREEMENT, r.id, r.title, "", r.signed_date)
                 for r in _ranked(conn, agreements, a.title, text, per_kind)]
    if kinds is None or RecordKind.TOPIC in kinds:
        t = s.topic.c
        topics = select(t.id, t.name).where(*_all_words(text, lambda w: _like_shown(t.name, w)))
        hits += [QuickHit(RecordKind.TOPIC, r.id, r.name) for r in _ranked(conn, topics, t.name, text, per_kind)]
    if kinds is None or RecordKind.FOLLOWUP in kinds:
        f = s.followup.c
        followups = select(f.id, f.description, f.due_date).where(
            f.status == FollowUpStatus.OPEN.value, *_all_words(text, lambda w: _like(f.description, w)))
        hits += [QuickHit(RecordKind.FOLLOWUP, r.id,
                          r.description.strip().splitlines()[0][:120] if r.description.strip()
                          else "", "", r.due_date)
                 for r in _ranked(conn, followups, f.description, text, per_kind)]
