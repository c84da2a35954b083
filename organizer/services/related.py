"""Records related to one record, for its view: an institution's visits and meetings, a person's open
follow-ups, what is filed under a topic, and who owns follow-ups (the board's owner filter)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from organizer.domain.enums import FollowUpStatus
from organizer.domain.listing import InstitutionActivity, OwnerChoice, TopicUsage
from organizer.domain.records import FollowUpRow, TopicRow, compose_full_name
from organizer.services._common import fetch
from organizer.services.browse import meeting_rows_by_id, visit_rows_by_id
from organizer.services.followups import followup_rows
from organizer.store import models as m
from organizer.store.database import Database

TOPIC_CAP = 50
"""Records of each kind listed under a topic; the counts say how many there are in all."""


def institution_activity(db: Database, ident: int) -> InstitutionActivity:
    """Visits the institution (itself, not its units) took part in on either side, and meetings held
    there; both newest first, undated last."""
    with db.reader() as session:
        fetch(session, m.Institution, ident, "institution")
        visit_ids = list(session.scalars(
            select(m.Visit.id).join(m.VisitInstitution, m.VisitInstitution.visit_id == m.Visit.id)
            .where(m.VisitInstitution.institution_id == ident).distinct()))
        visits = sorted(visit_rows_by_id(session, visit_ids),
                        key=lambda v: (v.start_date is None, -(v.start_date.toordinal() if v.start_date else 0), -v.id))
        meeting_ids = list(session.scalars(select(m.Meeting.id).where(m.Meeting.venue_institution_id == ident)))
        meetings = sorted(meeting_rows_by_id(session, meeting_ids),
                          key=lambda r: (r.starts_at is None, -(r.starts_at.timestamp() if r.starts_at else 0), -r.id))
        return InstitutionActivity(visits=tuple(visits), meetings=tuple(meetings))


def open_followups_owned(db: Database, person_id: int) -> list[FollowUpRow]:
    """Open follow-ups the person owns, by due date (undated last)."""
    with db.reader() as session:
        return followup_rows(session, select(m.FollowUp).where(
            m.FollowUp.owner_person_id == person_id, m.FollowUp.status == FollowUpStatus.OPEN.value))


def followup_owners(db: Database) -> list[OwnerChoice]:
    """People who own at least one follow-up, by name."""
    p = m.Person
    with db.reader() as session:
        rows = session.execute(
            select(p.id, p.given_name, p.middle_name, p.family_name, p.display_name)
            .where(p.id.in_(select(m.FollowUp.owner_person_id).where(m.FollowUp.owner_person_id.is_not(None))))
            .order_by(p.sort_name, p.id))
        return [OwnerChoice(r.id, compose_full_name(r.given_name, r.middle_name, r.family_name, r.display_name))
                for r in rows]


def _capped(session: Any, stmt: Any, count_stmt: Any) -> tuple[tuple[tuple[int, str], ...], int]:
    rows = tuple((int(r[0]), str(r[1])) for r in session.execute(stmt.limit(TOPIC_CAP)))
    return rows, int(session.scalar(count_stmt) or 0)


def topic_usage(db: Database, ident: int) -> TopicUsage:
    """The topic and the people, institutions, visits and meetings filed under it (names, at most
    ``TOPIC_CAP`` of each, with the full counts)."""
    with db.reader() as session:
        topic = fetch(session, m.Topic, ident, "topic")
        p, pt = m.Person, m.person_topic
        person_rows = session.execute(
            select(p.id, p.given_name, p.middle_name, p.family_name, p.display_name)
            .join(pt, pt.c.person_id == p.id).where(pt.c.topic_id == ident).order_by(p.sort_name).limit(TOPIC_CAP))
        people = tuple((r.id, compose_full_name(r.given_name, r.middle_name, r.family_name, r.display_name))
                       for r in person_rows)
        n_people = session.scalar(select(func.count()).select_from(pt).where(pt.c.topic_id == ident)) or 0
        it, vt, mt = m.institution_topic, m.visit_topic, m.meeting_topic
        institutions, n_inst = _capped(
            session,
            select(m.Institution.id, m.Institution.name).join(it, it.c.institution_id == m.Institution.id)
            .where(it.c.topic_id == ident).order_by(m.Institution.name),
            select(func.count()).select_from(it).where(it.c.topic_id == ident))
        visits, n_visits = _capped(
            session,
            select(m.Visit.id, m.Visit.title).join(vt, vt.c.visit_id == m.Visit.id).where(vt.c.topic_id == ident)
            .order_by(m.Visit.start_date.is_(None), m.Visit.start_date.desc(), m.Visit.id.desc()),
            select(func.count()).select_from(vt).where(vt.c.topic_id == ident))
        meetings, n_meetings = _capped(
            session,
            select(m.Meeting.id, m.Meeting.title).join(mt, mt.c.meeting_id == m.Meeting.id)
            .where(mt.c.topic_id == ident)
            .order_by(m.Meeting.starts_at.is_(None), m.Meeting.starts_at.desc(), m.Meeting.id.desc()),
            select(func.count()).select_from(mt).where(mt.c.topic_id == ident))
        return TopicUsage(
            topic=TopicRow(topic.id, topic.name, topic.description), people=people, institutions=institutions,
            visits=visits, meetings=meetings, counts=(n_people, n_inst, n_visits, n_meetings),
        )
