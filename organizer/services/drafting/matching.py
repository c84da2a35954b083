"""Linking a draft to the database: each proposed person and institution gets the id of the record it names.

People: the spelling-insensitive search (``services.search``) over people, a name hit scoring at least
``PERSON_SCORE`` (Korzhikov, Korjikov and Коржиков are one person). Institutions: the ones whose names hold
every word of the proposed name (``browse.institution_matches``), the closest in length when several do;
then the search over institutions for a differently spelt name.
"""

from __future__ import annotations

from organizer.services import browse, institutions
from organizer.services.drafting.model import Draft
from organizer.services.search import search
from organizer.store.database import Database
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
    return draft
