"""Validation without saving: what an editor shows next to its fields while the user types.

``problems_of`` runs exactly the checks a create would (the same ``_apply`` of each service module)
in a transaction that is always rolled back, so the messages are the services' own and nothing is
written. The record's own uid is left out, so editing a stored record does not report it as taken.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from organizer.domain.enums import RecordKind
from organizer.domain.errors import Problem, ValidationError
from organizer.services import agreements, followups, institutions, meetings, people, visits
from organizer.store.database import Database

_CREATE: dict[RecordKind, Callable[..., Any]] = {
    RecordKind.PERSON: people.create_in,
    RecordKind.INSTITUTION: institutions.create_in,
    RecordKind.VISIT: visits.create_in,
    RecordKind.MEETING: meetings.create_in,
    RecordKind.FOLLOWUP: followups.create_in,
    RecordKind.AGREEMENT: agreements.create_in,
}


def problems_of(db: Database, kind: RecordKind, data: Any) -> dict[str, Problem]:
    """Every problem the services would report for saving ``data`` as a ``kind`` record ({} if none)."""
    with db.reader() as session:
        try:
            _CREATE[kind](session, replace(data, uid=None), flush=False)
        except ValidationError as err:
            return dict(err.issues)
        finally:
            session.rollback()
    return {}
