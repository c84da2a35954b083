"""Records related to one record, for its view: an institution's visits and meetings, a person's open
follow-ups, what is filed under a topic, and who owns follow-ups (the board's owner filter).

Core queries on the ``schema`` tables over one read connection each: no ORM objects."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, func, select

from organizer.domain.enums import FollowUpStatus, RecordKind
from organizer.domain.errors import NotFoundError
from organizer.domain.listing import InstitutionActivity, OwnerChoice, TopicUsage
from organizer.domain.records import FollowUpRow, TopicRow, compose_full_name
from organizer.domain.variants import display_language
from organizer.domain.variants import shown as shown_text
from organizer.services import shown
from organizer.services._checks import valid_id
from organizer.services.browse import meeting_rows_by_id, visit_rows_by_id
from organizer.services.followups import followup_rows
from organizer.store import schema as s

if TYPE_CHECKING:
    from organizer.store.database import Database

TOPIC_CAP = 50
"""Records of each kind listed under a topic; the counts say how many there are in all."""


def _fetch_row(conn: Connection, table: Table, ident: int, kind: RecordKind) -> Any:
    """The row of ``table`` with this id, else NotFoundError."""
    row = conn.execute(select(table).where(table.c.id == ident)).first() if valid_id(ident) else None
    if row is None:
        raise NotFoundError(kind, ident)
    return row


def institution_activity(db: Database, ident: int) -> InstitutionActivity:
    """Visits the institution (itself, not its units) took part in on either side, and meetings held
    there; both newest first, undated last."""
    v, vi, mt = s.visit.c, s.visit_institution.c, s.meeting.c
    with db.read_connection() as conn:
        _fetch_row(conn, s.institution, ident, RecordKind.INSTITUTION)
        visit_ids = list(conn.scalars(
            select(v.id).join(s.visit_institution, vi.visit_id == v.id).where(vi.institution_id == ident).distinct()))
        visits = sorted(visit_rows_by_id(conn, visit_ids),
                        key=lambda v: (v.start_date is None, -(v.start_date.toordinal() if v.start_date else 0), -v.id))
        meeting_ids = list(conn.scalars(select(mt.id).where(mt.venue_institution_id == ident)))
        meetings = sorted(meeting_rows_by_id(conn, meeting_ids),
                          key=lambda r: (r.starts_at is None, -(r.starts_at.timestamp() if r.starts_at else 0), -r.id))
        return InstitutionActivity(visits=tuple(visits), meetings=tuple(meetings))


def open_followups_owned(db: Database, person_id: int) -> list[FollowUpRow]:
    """Open follow-ups the person owns, by due date (undated last)."""
    f = s.followup.c
    with db.read_connection() as conn:
        return followup_rows(conn, f.owner_person_id == person_id, f.status == FollowUpStatus.OPEN.value)


def followup_owners(db: Database) -> list[OwnerChoice]:
    """People who own at least one follow-up, by name."""
    p, f = s.person.c, s.followup.c
    with db.read_connection() as conn:
        rows = conn.execute(
            select(p.id, p.given_name, p.middle_name, p.family_name, p.display_name)
            .where(p.id.in_(select(f.owner_person_id).where(f.owner_person_id.is_not(None))))
            .order_by(p.sort_name, p.id))
        found = rows.all()
        name = shown.lookup(conn, [(RecordKind.PERSON, r.id) for r in found])
        owners = [OwnerChoice(r.id, name(RecordKind.PERSON, r.id, compose_full_name(
                      r.given_name, r.middle_name, r.family_name, r.display_name)) or "") for r in found]
        # by the name shown (the Russian list order «Фамилия Имя» puts the family name first)
        return owners if display_language() is None else sorted(owners, key=lambda o: (o.name.casefold(), o.id))


def _capped(conn: Connection, stmt: Any, count_stmt: Any) -> tuple[tuple[tuple[int, str], ...], int]:
    rows = tuple((int(ident), str(name)) for ident, name in conn.execute(stmt.limit(TOPIC_CAP)))
    return rows, int(conn.scalar(count_stmt) or 0)


def topic_usage(db: Database, ident: int) -> TopicUsage:
    """The topic and the people, institutions, visits and meetings filed under it (names, at most
    ``TOPIC_CAP`` of each, with the full counts)."""
    with db.read_connection() as conn:
        topic = _fetch_row(conn, s.topic, ident, RecordKind.TOPIC)
        p, pt = s.person.c, s.person_topic
        person_rows = conn.execute(
            select(p.id, p.given_name, p.middle_name, p.family_name, p.display_name)
            .join(pt, pt.c.person_id == p.id).where(pt.c.topic_id == ident).order_by(p.sort_name).limit(TOPIC_CAP))
        people = tuple((r.id, compose_full_name(r.given_name, r.middle_name, r.family_name, r.display_name))
                       for r in person_rows)
        n_people = conn.scalar(select(func.count()).select_from(pt).where(pt.c.topic_id == ident)) or 0
        it, vt, mtt = s.institution_topic, s.visit_topic, s.meeting_topic
        i, v, mt = s.institution.c, s.visit.c, s.meeting.c
        institutions, n_inst = _capped(
            conn,
            select(i.id, i.name).join(it, it.c.institution_id == i.id).where(it.c.topic_id == ident).order_by(i.name),
            select(func.count()).select_from(it).where(it.c.topic_id == ident))
        visits, n_visits = _capped(
            conn,
            select(v.id, v.title).join(vt, vt.c.visit_id == v.id).where(vt.c.topic_id == ident)
            .order_by(v.start_date.is_(None), v.start_date.desc(), v.id.desc()),
            select(func.count()).select_from(vt).where(vt.c.topic_id == ident))
        meetings, n_meetings = _capped(
            conn,
            select(mt.id, mt.title).join(mtt, mtt.c.meeting_id == mt.id).where(mtt.c.topic_id == ident)
            .order_by(mt.starts_at.is_(None), mt.starts_at.desc(), mt.id.desc()),
            select(func.count()).select_from(mtt).where(mtt.c.topic_id == ident))
        listed = ((RecordKind.PERSON, people), (RecordKind.INSTITUTION, institutions), (RecordKind.VISIT, visits),
                  (RecordKind.MEETING, meetings))
        name = shown.lookup(conn, [(kind, i) for kind, items in listed for i, _ in items])

        def named(kind: RecordKind, items: tuple[tuple[int, str], ...]) -> tuple[tuple[int, str], ...]:
            return tuple((i, name(kind, i, text) or text) for i, text in items)

        return TopicUsage(
            topic=TopicRow(topic.id, shown_text(topic.name, topic.variants, "name"),
                           shown_text(topic.description, topic.variants, "description")),
            people=named(RecordKind.PERSON, people), institutions=named(RecordKind.INSTITUTION, institutions),
            visits=named(RecordKind.VISIT, visits), meetings=named(RecordKind.MEETING, meetings),
            counts=(n_people, n_inst, n_visits, n_meetings),
        )
