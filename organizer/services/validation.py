"""Validation without saving: what an editor shows next to its fields while the user types.

``problems_of`` runs exactly the checks a create would (the same ``_apply`` of each service module)
in a transaction that is always rolled back, so the messages are the services' own and nothing is
written. The record's own uid is left out, so editing a stored record does not report it as taken.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from organizer.domain.enums import RecordKind
from organizer.domain.errors import Problem, ValidationError
from organizer.services.kinds import editing
from organizer.store.database import Database


def problems_of(db: Database, kind: RecordKind, data: Any) -> dict[str, Problem]:
    """Every problem the services would report for saving ``data`` as a ``kind`` record ({} if none)."""
    with db.reader() as session:
        try:
            editing(kind).create_in(session, replace(data, uid=None), flush=False)
        except ValidationError as err:
            return dict(err.issues)
        finally:
            session.rollback()
    return {}
