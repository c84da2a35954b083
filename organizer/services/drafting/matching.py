"""Linking a draft to the database: each proposed person and institution gets the id of the record it names.

People: the spelling-insensitive search (``services.search``) over people, a name hit scoring at least
``PERSON_SCORE`` (Korzhikov, Korjikov and Коржиков are one person). Institutions: the ones whose names hold
every word of the proposed name (``browse.institution_matches``), the closest in length when several do;
then the search over institutions for a differently spelt name. The visit: one already recorded with every
proposed guest on its guest side (on overlapping dates when the report states them); its meetings and
follow-ups by their titles (``same_text``), so a report imported twice, or after the visit was entered by hand,
adds nothing twice.
"""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from organizer.domain.variants import from_mapping, texts
from organizer.services import browse, institutions
from organizer.services.drafting.model import Draft
from organizer.services.search import search
from organizer.store.database import Database
from organizer.store.lazy import models as m
from organizer.store.search.base import SearchUnavailableError

PERSON_SCORE = 85.0
INSTITUTION_SCORE = 85.0


def _person_id(db: Database, name: str) -> int | None:
    for hit in search(db, name, kinds=["person"], limit=5).hits:
        if hit.score >= PERSON_SCORE and hit.field.startswith("name"):
            return hit.id
    return None


def _institution_id(db: Database, name: str) -> int | None:
    found = browse.institution_matches(db, name.replace('"', " "))
    if found:
        names = {row.id: row.name for row in institutions.institution_rows(db, found)}
        return min(found, key=lambda i: (abs(len(names.get(i, "")) - len(name)), i))
    for hit in search(db, name, kinds=["institution"], limit=5).hits:
        if hit.score >= INSTITUTION_SCORE and hit.field.startswith("name"):
            return hit.id
    return None


def match(db: Database, draft: Draft) -> Draft:
    """Fill ``existing_id`` of the draft's people and institutions (None: a new record would be made)."""
    try:
        for person in draft.people:
            person.existing_id = _person_id(db, person.full_name)
    except SearchUnavailableError:
        pass  # no index: every person is proposed as new
    for inst in draft.institutions:
        try:
            inst.existing_id = _institution_id(db, inst.name)
        except SearchUnavailableError:
            inst.existing_id = None
    return link_visit(db, draft)


# --- the visit, its meetings and follow-ups -------------------------------------------------------

_STOP = frozenset(["the", "a", "an", "of", "to", "for", "and", "with", "in", "on", "at", "by", "from", "within"])


def _stems(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"\w+", text.casefold()) if len(w) > 2 and w not in _STOP}


def same_text(proposed: str, stored: str, share: float = 0.6) -> bool:
    """Whether a stored title or description says what the proposed one does: one starts the other, or most of
    the proposed one's words (their first six letters: programs/programmes) are in the stored one."""
    a, b = proposed.casefold().strip(), stored.casefold().strip()
    if a and b and (a.startswith(b) or b.startswith(a)):
        return True
    words = _stems(proposed)
    return bool(words) and len(words & _stems(stored)) / len(words) >= share


def _overlaps(visit: m.Visit, start: str | None, end: str | None) -> bool:
    if start is None or visit.start_date is None:
        return True
    last = visit.end_date or visit.start_date
    return date.fromisoformat(start) <= last and date.fromisoformat(end or start) >= visit.start_date


def _link_visit(session: Session, draft: Draft) -> None:
    guests = {p.existing_id for p in draft.people if p.side == "guest"}
    if not guests or None in guests:
        return  # a new guest: a new visit
    found = set(session.scalars(select(m.VisitParticipant.visit_id).where(
        m.VisitParticipant.person_id.in_(guests), m.VisitParticipant.side == "guest")))
    for visit_id in sorted(found):
        visit = session.get(m.Visit, visit_id)
        if visit is None:
            continue
        held = {p.person_id for p in visit.participants if p.side == "guest"}
        if guests <= held and _overlaps(visit, draft.visit.start_date, draft.visit.end_date):
            draft.visit.existing_id = visit.id
            break
    if draft.visit.existing_id is not None:
        _link_meetings(session, draft)


def _link_meetings(session: Session, draft: Draft) -> None:
    assert draft.visit.existing_id is not None
    stored_meetings = session.scalars(select(m.Meeting).where(m.Meeting.visit_id == draft.visit.existing_id)).all()
    for meeting in draft.meetings:
        meeting.existing_id = next((s.id for s in stored_meetings
                                    if any(same_text(meeting.title, title) for title in _written(s, "title"))), None)
    stored_followups = session.scalars(select(m.FollowUp).where(
        m.FollowUp.visit_id == draft.visit.existing_id)).all()
    for followup in draft.followups:
        followup.existing_id = next((f.id for f in stored_followups if any(
            same_text(followup.description, text) for text in _written(f, "description"))), None)


def _written(record: m.Meeting | m.FollowUp, field: str) -> list[str]:
    """A stored record's text as entered and in every language variant (a Russian report finds a meeting
    entered in English that has its Russian title)."""
    return [getattr(record, field), *texts(from_mapping(record.variants), field)]


def link_visit(db: Database, draft: Draft) -> Draft:
    """Fill the ``existing_id`` of the visit (the guests' visit already recorded), of its meetings and of its
    follow-ups (``same_text``), once the people are matched."""
    with db.reader() as session:
        _link_visit(session, draft)
    return draft


def link_meetings(db: Database, draft: Draft) -> Draft:
    """Fill the ``existing_id`` of the meetings and follow-ups that the visit ``draft.visit.existing_id``
    holds already (``same_text``); the visit chosen by hand in the review, say."""
    if draft.visit.existing_id is not None:
        with db.reader() as session:
            _link_meetings(session, draft)
    return draft
