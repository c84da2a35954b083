"""Browsing: filtered and sorted id lists for every kind, rows for a batch of ids, and quick-open.

A lazy list in the window keeps only ``record_ids(db, kind, query)`` (filtering and sorting happen
here, in SQL) and asks ``record_rows(db, kind, ids)`` for a few hundred rows at a time, so a list of
100,000 people costs one id query and a batch per screenful. ``quick_open`` is a simple, LIMIT-ed
name match across every kind for the tool bar's search field (a later issue brings spelling-insensitive
search behind the same call).

Text matching: each word the user typed must occur somewhere in the name (``LIKE %word%``). SQLite
folds case only for ASCII letters, so each word is also tried as typed, lower-case and capitalised,
which covers names written in Cyrillic the usual way (``иван`` finds ``Иванов``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, case, exists, func, or_, select
from sqlalchemy.orm import Session

from organizer.domain.enums import (
    AgreementStatus,
    FollowUpStatus,
    MeetingKind,
    Side,
    VisitDirection,
    VisitStatus,
    parse_enum,
)
from organizer.domain.errors import ValidationError
from organizer.domain.listing import BROWSE_KINDS, ListQuery, QuickHit
from organizer.domain.records import (
    MeetingRow,
    TopicRow,
    VisitRow,
    compose_full_name,
)
from organizer.services.agreements import agreement_rows
from organizer.services.followups import followup_rows
from organizer.services.people import people_rows
from organizer.store import models as m
from organizer.store.database import Database

LIST_KINDS = tuple(k for k in BROWSE_KINDS if k != "institution")
"""Kinds shown as flat lazy lists (institutions are a tree, see ``institution_matches``)."""

MAX_WORDS = 8
"""Words of a filter text that are used; more add nothing but cost."""

_STATUS_ENUMS: dict[str, Any] = {"visit": VisitStatus, "followup": FollowUpStatus, "agreement": AgreementStatus}


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


def _all_words(text: str, one: Callable[[str], ColumnElement[bool]]) -> list[ColumnElement[bool]]:
    return [one(w) for w in _words(text)]


# --- shared pieces -------------------------------------------------------------------------------


def institution_subtree(session: Session, ident: int) -> list[int]:
    """The institution and all its units, at any depth."""
    children: dict[int | None, list[int]] = {}
    for child, parent in session.execute(select(m.Institution.id, m.Institution.parent_id)):
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


def _order(keys: Sequence[_SortKey], id_column: Any, descending: bool) -> list[Any]:
    """ORDER BY terms: missing values last in both directions, the id as the final tie-breaker."""
    terms: list[Any] = []
    for key in keys:
        if key.nullable:
            terms.append(key.column.is_(None))
        terms.append(key.column.desc() if descending else key.column)
    terms.append(id_column.desc() if descending else id_column)
    return terms


def _current_position(column: Any) -> Any:
    """A correlated sub-query: this column of the person's current position (title, institution name)."""
    return (select(column).select_from(m.Position)
            .join(m.Institution, m.Institution.id == m.Position.institution_id)
            .where(m.Position.person_id == m.Person.id, m.Position.is_current.is_(True))
            .order_by(m.Position.id).limit(1).scalar_subquery())


def _status(kind: str, value: str) -> str:
    return str(parse_enum(_STATUS_ENUMS[kind], value, "status").value)


def _day_start(value: Any) -> datetime:
    return datetime.combine(value, time.min)


# --- sort keys per kind --------------------------------------------------------------------------


def _visit_title(visit_id_column: Any) -> Any:
    return select(func.lower(m.Visit.title)).where(m.Visit.id == visit_id_column).scalar_subquery()


def _institution_name(id_column: Any) -> Any:
    return select(func.lower(m.Institution.name)).where(m.Institution.id == id_column).scalar_subquery()


_meeting_count = (select(func.count()).select_from(m.Meeting).where(m.Meeting.visit_id == m.Visit.id)
                  .correlate(m.Visit).scalar_subquery())
_owner_name = func.coalesce(
    select(m.Person.sort_name).where(m.Person.id == m.FollowUp.owner_person_id).correlate(m.FollowUp)
    .scalar_subquery(),
    select(func.lower(m.Institution.name)).where(m.Institution.id == m.FollowUp.owner_institution_id)
    .correlate(m.FollowUp).scalar_subquery(),
)

SORT_KEYS: dict[str, dict[str, tuple[_SortKey, ...]]] = {
    "person": {
        "name": (_SortKey(m.Person.sort_name),),
        "title": (_SortKey(func.lower(_current_position(m.Position.title)), nullable=True),
                  _SortKey(m.Person.sort_name)),
        "institution": (_SortKey(func.lower(_current_position(m.Institution.name)), nullable=True),
                        _SortKey(m.Person.sort_name)),
    },
    "visit": {
        "date": (_SortKey(m.Visit.start_date, nullable=True),),
        "title": (_SortKey(func.lower(m.Visit.title)),),
        "place": (_SortKey(func.lower(m.Visit.place)),),
        "direction": (_SortKey(m.Visit.direction), _SortKey(m.Visit.start_date, nullable=True)),
        "status": (_SortKey(m.Visit.status), _SortKey(m.Visit.start_date, nullable=True)),
        "meetings": (_SortKey(_meeting_count),),
    },
    "meeting": {
        "date": (_SortKey(m.Meeting.starts_at, nullable=True),),
        "title": (_SortKey(func.lower(m.Meeting.title)),),
        "kind": (_SortKey(m.Meeting.kind), _SortKey(m.Meeting.starts_at, nullable=True)),
        "venue": (_SortKey(_institution_name(m.Meeting.venue_institution_id), nullable=True),),
        "visit": (_SortKey(_visit_title(m.Meeting.visit_id), nullable=True),
                  _SortKey(m.Meeting.starts_at, nullable=True)),
    },
    "followup": {
        "status": (_SortKey(m.FollowUp.status != FollowUpStatus.OPEN.value), _SortKey(m.FollowUp.status),
                   _SortKey(m.FollowUp.due_date, nullable=True)),
        "due": (_SortKey(m.FollowUp.due_date, nullable=True),),
        "description": (_SortKey(func.lower(m.FollowUp.description)),),
        "owner": (_SortKey(_owner_name, nullable=True),),
        "visit": (_SortKey(_visit_title(m.FollowUp.visit_id), nullable=True),
                  _SortKey(m.FollowUp.due_date, nullable=True)),
        "meeting": (_SortKey(select(func.lower(m.Meeting.title)).where(m.Meeting.id == m.FollowUp.meeting_id)
                             .correlate(m.FollowUp).scalar_subquery(), nullable=True),),
    },
    "agreement": {
        "date": (_SortKey(m.Agreement.signed_date, nullable=True),),
        "title": (_SortKey(func.lower(m.Agreement.title)),),
        "kind": (_SortKey(m.Agreement.kind), _SortKey(m.Agreement.signed_date, nullable=True)),
        "status": (_SortKey(m.Agreement.status), _SortKey(m.Agreement.signed_date, nullable=True)),
        "valid_until": (_SortKey(m.Agreement.valid_until, nullable=True),),
    },
    "topic": {
        "name": (_SortKey(func.lower(m.Topic.name)),),
    },
}
"""Sort keys a list can be ordered by, per kind (what a click on a column header asks for)."""

_DEFAULT_SORT: dict[str, tuple[str, bool]] = {
    "person": ("name", False),
    "visit": ("date", True),
    "meeting": ("date", True),
    "followup": ("status", False),
    "agreement": ("date", True),
    "topic": ("name", False),
}
"""The usual order of each kind: (sort key, descending)."""


# --- filters per kind ----------------------------------------------------------------------------


def _person_query(session: Session, q: ListQuery) -> tuple[Select[Any], Any]:
    p = m.Person
    stmt = select(p.id)
    for word in _words(q.text):
        stmt = stmt.where(or_(
            _like(p.sort_name, word),
            exists().where(m.PersonName.person_id == p.id, _like(m.PersonName.name, word)),
        ))
    if q.tag:
        stmt = stmt.where(exists().where(m.PersonTag.person_id == p.id, m.PersonTag.tag == q.tag))
    if q.institution_id is not None:
        units = institution_subtree(session, q.institution_id)
        stmt = stmt.where(exists().where(m.Position.person_id == p.id, m.Position.is_current.is_(True),
                                         m.Position.institution_id.in_(units)))
    return stmt, p.id


def _visit_query(session: Session, q: ListQuery) -> tuple[Select[Any], Any]:
    v = m.Visit
    stmt = select(v.id).where(*_all_words(q.text, lambda w: or_(_like(v.title, w), _like(v.place, w))))
    if q.status:
        stmt = stmt.where(v.status == _status("visit", q.status))
    if q.institution_id is not None:
        units = institution_subtree(session, q.institution_id)
        stmt = stmt.where(exists().where(m.VisitInstitution.visit_id == v.id,
                                         m.VisitInstitution.institution_id.in_(units)))
    if q.date_from is not None:
        stmt = stmt.where(func.coalesce(v.end_date, v.start_date) >= q.date_from)
    if q.date_to is not None:
        stmt = stmt.where(v.start_date <= q.date_to)
    if q.visit_id is not None:
        stmt = stmt.where(v.id == q.visit_id)
    return stmt, v.id


def _meeting_query(session: Session, q: ListQuery) -> tuple[Select[Any], Any]:
    mt = m.Meeting
    stmt = select(mt.id).where(*_all_words(q.text, lambda w: _like(mt.title, w)))
    if q.status:
        stmt = stmt.where(mt.kind == parse_enum(MeetingKind, q.status, "kind").value)
    if q.visit_id is not None:
        stmt = stmt.where(mt.visit_id == q.visit_id)
    if q.institution_id is not None:
        units = institution_subtree(session, q.institution_id)
        stmt = stmt.where(or_(
            mt.venue_institution_id.in_(units),
            exists().where(m.VisitInstitution.visit_id == mt.visit_id, m.VisitInstitution.institution_id.in_(units)),
        ))
    if q.date_from is not None:
        stmt = stmt.where(mt.starts_at >= _day_start(q.date_from))
    if q.date_to is not None:
        stmt = stmt.where(mt.starts_at < _day_start(q.date_to + timedelta(days=1)))
    return stmt, mt.id


def _followup_query(session: Session, q: ListQuery) -> tuple[Select[Any], Any]:
    f = m.FollowUp
    stmt = select(f.id).where(*_all_words(q.text, lambda w: _like(f.description, w)))
    if q.status:
        stmt = stmt.where(f.status == _status("followup", q.status))
    if q.owner_person_id is not None:
        stmt = stmt.where(f.owner_person_id == q.owner_person_id)
    if q.visit_id is not None:
        stmt = stmt.where(f.visit_id == q.visit_id)
    if q.institution_id is not None:
        units = institution_subtree(session, q.institution_id)
        stmt = stmt.where(or_(
            f.owner_institution_id.in_(units),
            exists().where(m.Position.person_id == f.owner_person_id, m.Position.is_current.is_(True),
                           m.Position.institution_id.in_(units)),
        ))
    if q.date_from is not None:
        stmt = stmt.where(f.due_date >= q.date_from)
    if q.date_to is not None:
        stmt = stmt.where(f.due_date <= q.date_to)
    return stmt, f.id


def _agreement_query(session: Session, q: ListQuery) -> tuple[Select[Any], Any]:
    a = m.Agreement
    stmt = select(a.id).where(*_all_words(q.text, lambda w: _like(a.title, w)))
    if q.status:
        stmt = stmt.where(a.status == _status("agreement", q.status))
    if q.institution_id is not None:
        units = institution_subtree(session, q.institution_id)
        stmt = stmt.where(exists().where(m.AgreementParty.agreement_id == a.id,
                                         m.AgreementParty.institution_id.in_(units)))
    if q.visit_id is not None:
        stmt = stmt.where(a.visit_id == q.visit_id)
    if q.date_from is not None:
        stmt = stmt.where(a.signed_date >= q.date_from)
    if q.date_to is not None:
        stmt = stmt.where(a.signed_date <= q.date_to)
    return stmt, a.id


def _topic_query(_session: Session, q: ListQuery) -> tuple[Select[Any], Any]:
    return select(m.Topic.id).where(*_all_words(q.text, lambda w: _like(m.Topic.name, w))), m.Topic.id


_QUERIES: dict[str, Callable[[Session, ListQuery], tuple[Select[Any], Any]]] = {
    "person": _person_query,
    "visit": _visit_query,
    "meeting": _meeting_query,
    "followup": _followup_query,
    "agreement": _agreement_query,
    "topic": _topic_query,
}


def _check_kind(kind: str) -> None:
    if kind not in _QUERIES:
        raise ValidationError({"kind": f"{kind!r} has no list; one of: {', '.join(LIST_KINDS)}"})


def record_ids(db: Database, kind: str, query: ListQuery | None = None) -> list[int]:
    """Ids of the records of ``kind`` that ``query`` selects, in its order: what a lazy list holds."""
    _check_kind(kind)
    q = query or ListQuery()
    if q.sort:
        if q.sort not in SORT_KEYS[kind]:
            raise ValidationError({"sort": f"{q.sort!r} is not one of: {', '.join(SORT_KEYS[kind])}"})
        key, descending = q.sort, q.descending
    else:
        key, descending = _DEFAULT_SORT[kind]
    with db.reader() as session:
        stmt, id_column = _QUERIES[kind](session, q)
        return list(session.scalars(stmt.order_by(*_order(SORT_KEYS[kind][key], id_column, descending))))


# --- rows by id ----------------------------------------------------------------------------------


def _in_order(rows: Sequence[Any], ids: Sequence[int]) -> list[Any]:
    by_id = {r.id: r for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def visit_rows_by_id(session: Session, ids: Sequence[int]) -> list[VisitRow]:
    v = m.Visit
    counts: dict[int | None, int] = {
        vid: n for vid, n in session.execute(select(m.Meeting.visit_id, func.count())
                                             .where(m.Meeting.visit_id.in_(ids)).group_by(m.Meeting.visit_id))}
    return [
        VisitRow(id=r.id, title=r.title, direction=VisitDirection(r.direction), start_date=r.start_date,
                 end_date=r.end_date, place=r.place, status=VisitStatus(r.status), meeting_count=counts.get(r.id, 0))
        for r in session.execute(select(v.id, v.title, v.direction, v.start_date, v.end_date, v.place, v.status)
                                 .where(v.id.in_(ids)))
    ]


def meeting_rows_by_id(session: Session, ids: Sequence[int]) -> list[MeetingRow]:
    """Meeting rows with venue, visit title and participant names (guests first), in no particular order."""
    mt = m.Meeting
    names: dict[int, list[str]] = {}
    for meeting_id, given, middle, family, display in session.execute(
        select(m.MeetingParticipant.meeting_id, m.Person.given_name, m.Person.middle_name,
               m.Person.family_name, m.Person.display_name)
        .join(m.Person, m.Person.id == m.MeetingParticipant.person_id)
        .where(m.MeetingParticipant.meeting_id.in_(ids))
        .order_by(m.MeetingParticipant.side != Side.GUEST.value, m.MeetingParticipant.id)
    ):
        names.setdefault(meeting_id, []).append(compose_full_name(given, middle, family, display))
    stmt = (
        select(mt.id, mt.title, mt.kind, mt.visit_id, mt.starts_at, mt.ends_at, m.Institution.name, mt.room,
               m.Visit.title)
        .outerjoin(m.Institution, m.Institution.id == mt.venue_institution_id)
        .outerjoin(m.Visit, m.Visit.id == mt.visit_id)
        .where(mt.id.in_(ids))
    )
    return [
        MeetingRow(id=ident, title=title, kind=MeetingKind(kind), visit_id=vid, starts_at=starts, ends_at=ends,
                   venue=venue, room=room, participants=tuple(names.get(ident, ())), visit_title=visit_title)
        for ident, title, kind, vid, starts, ends, venue, room, visit_title in session.execute(stmt)
    ]


def record_rows(db: Database, kind: str, ids: Sequence[int]) -> list[Any]:
    """List rows (``PersonRow``, ``VisitRow``, ``MeetingRow``, ``FollowUpRow``, ``AgreementRow``, ``TopicRow``)
    for these ids, in the order given; ids deleted meanwhile are skipped. Meant for a few hundred ids."""
    _check_kind(kind)
    if not ids:
        return []
    if kind == "person":
        return list(people_rows(db, ids))
    with db.reader() as session:
        rows: Sequence[Any]
        if kind == "visit":
            rows = visit_rows_by_id(session, ids)
        elif kind == "meeting":
            rows = meeting_rows_by_id(session, ids)
        elif kind == "followup":
            rows = followup_rows(session, select(m.FollowUp).where(m.FollowUp.id.in_(ids)))
        elif kind == "agreement":
            rows = agreement_rows(session, select(m.Agreement).where(m.Agreement.id.in_(ids)))
        else:
            rows = [TopicRow(t.id, t.name, t.description)
                    for t in session.execute(select(m.Topic.id, m.Topic.name, m.Topic.description)
                                             .where(m.Topic.id.in_(ids)))]
        return _in_order(rows, ids)


def institution_matches(db: Database, text: str) -> set[int]:
    """Institutions whose name, short name or a name variant contains every word of ``text``."""
    i = m.Institution
    conditions = _all_words(text, lambda w: or_(
        _like(i.name, w), _like(i.short_name, w),
        exists().where(m.InstitutionName.institution_id == i.id, _like(m.InstitutionName.name, w)),
    ))
    with db.reader() as session:
        return set(session.scalars(select(i.id).where(*conditions)))


def record_counts(db: Database) -> dict[str, int]:
    """How many records of each kind there are, plus ``followup_open``: one cheap query per kind."""
    models: dict[str, Any] = {"person": m.Person, "institution": m.Institution, "visit": m.Visit,
                              "meeting": m.Meeting, "followup": m.FollowUp, "agreement": m.Agreement,
                              "topic": m.Topic}
    with db.reader() as session:
        counts = {kind: session.scalar(select(func.count()).select_from(model)) or 0 for kind, model in models.items()}
        counts["followup_open"] = session.scalar(
            select(func.count()).select_from(m.FollowUp).where(m.FollowUp.status == FollowUpStatus.OPEN.value)) or 0
    return counts


# --- quick-open ----------------------------------------------------------------------------------


def _ranked(session: Session, stmt: Any, name: Any, text: str, limit: int) -> list[Any]:
    """Matches of every word, those whose name starts with the first word first, then by name."""
    words = _words(text)
    starts = case((_like(name, words[0], prefix=True), 0), else_=1)
    return list(session.execute(stmt.order_by(starts, func.lower(name)).limit(limit)))


def quick_open(db: Database, text: str, per_kind: int = 6, kinds: Collection[str] | None = None) -> list[QuickHit]:
    """Records of every kind whose name contains every word of ``text``: people, institutions, visits,
    meetings, agreements, topics, follow-ups, at most ``per_kind`` of each (only of ``kinds`` if given).
    Empty text finds nothing."""
    if not _words(text):
        return []
    hits: list[QuickHit] = []
    with db.reader() as session:
        _quick_open(session, text, per_kind, set(kinds) if kinds is not None else None, hits)
    return hits


def _quick_open(session: Session, text: str, per_kind: int, kinds: set[str] | None, hits: list[QuickHit]) -> None:
    if kinds is None or "person" in kinds:
        p = m.Person
        person_stmt, _ = _person_query(session, ListQuery(text=text))
        found = _ranked(session, person_stmt.add_columns(p.given_name, p.middle_name, p.family_name, p.display_name),
                        p.sort_name, text, per_kind)
        current: dict[int, str] = {pid: name for pid, name in session.execute(
            select(m.Position.person_id, m.Institution.name)
            .join(m.Institution, m.Institution.id == m.Position.institution_id)
            .where(m.Position.person_id.in_([r[0] for r in found]), m.Position.is_current.is_(True)))}
        hits += [QuickHit("person", r[0], compose_full_name(r[1], r[2], r[3], r[4]), current.get(r[0], ""))
                 for r in found]
    if kinds is None or "institution" in kinds:
        i = m.Institution
        inst = select(i.id, i.name, i.city).where(*_all_words(text, lambda w: or_(
            _like(i.name, w), _like(i.short_name, w),
            exists().where(m.InstitutionName.institution_id == i.id, _like(m.InstitutionName.name, w)))))
        hits += [QuickHit("institution", r.id, r.name, r.city) for r in _ranked(session, inst, i.name, text, per_kind)]
    if kinds is None or "visit" in kinds:
        v = m.Visit
        visits = select(v.id, v.title, v.place, v.start_date).where(
            *_all_words(text, lambda w: _like(v.title, w)))
        hits += [QuickHit("visit", r.id, r.title, r.place, r.start_date)
                 for r in _ranked(session, visits, v.title, text, per_kind)]
    if kinds is None or "meeting" in kinds:
        mt = m.Meeting
        meetings = (select(mt.id, mt.title, m.Visit.title.label("visit_title"), mt.starts_at)
                    .outerjoin(m.Visit, m.Visit.id == mt.visit_id)
                    .where(*_all_words(text, lambda w: _like(mt.title, w))))
        hits += [QuickHit("meeting", r.id, r.title, r.visit_title or "", r.starts_at.date() if r.starts_at else None)
                 for r in _ranked(session, meetings, mt.title, text, per_kind)]
    if kinds is None or "agreement" in kinds:
        a = m.Agreement
        agreements = select(a.id, a.title, a.signed_date).where(*_all_words(text, lambda w: _like(a.title, w)))
        hits += [QuickHit("agreement", r.id, r.title, "", r.signed_date)
                 for r in _ranked(session, agreements, a.title, text, per_kind)]
    if kinds is None or "topic" in kinds:
        t = m.Topic
        topics = select(t.id, t.name).where(*_all_words(text, lambda w: _like(t.name, w)))
        hits += [QuickHit("topic", r.id, r.name) for r in _ranked(session, topics, t.name, text, per_kind)]
    if kinds is None or "followup" in kinds:
        f = m.FollowUp
        followups = select(f.id, f.description, f.due_date).where(
            f.status == FollowUpStatus.OPEN.value, *_all_words(text, lambda w: _like(f.description, w)))
        hits += [QuickHit("followup", r.id, r.description.strip().splitlines()[0][:120] if r.description.strip()
                          else "", "", r.due_date)
                 for r in _ranked(session, followups, f.description, text, per_kind)]
