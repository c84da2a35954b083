"""The services of each record kind, for the places that must choose them by kind at run time.

Where the kind is known when the code is written, call the service by name (``people.update_person``).
Where it is not (undoing a delete restores whatever kind was deleted, validation of the open editor, the
undo commands of the window), look the kind up here: each entry holds the service functions themselves,
so a reader, and an IDE's "go to definition", follows an entry into its service. The names of the kinds
are in ``domain/kinds.py``, their mapped classes in ``store.models.RECORD_MODELS``.

Importing this module imports every record service (the window does it on its first write, not at start).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from organizer.domain.changes import ChangeSet
from organizer.domain.enums import RecordKind
from organizer.services import agreements, followups, institutions, meetings, people, programme, visits

if TYPE_CHECKING:
    from organizer.store import models as m
    from organizer.store.database import Database


@dataclass(frozen=True)
class Editing:
    """The calls that create, read, change and delete one kind's records (each its own unit of work)."""

    create: Callable[[Database, Any], Any]
    """``(db, data) -> detail``."""
    get: Callable[[Database, int], Any]
    """``(db, id) -> detail``."""
    update: Callable[[Database, int, Any, int | None], Any]
    """``(db, id, data, expected_version) -> detail``."""
    delete: Callable[[Database, int, int | None], ChangeSet]
    """``(db, id, expected_version) -> change set`` (with the snapshot ``changes.restore`` takes)."""
    create_in: Callable[..., m.RecordMixin]
    """``(session, data, *, flush=True, ident=None)``: the create inside a caller's unit of work
    (``changes.restore`` with the old id, ``validation.problems_of`` in a transaction rolled back)."""
    uses: Callable[[Database, int], dict[str, int]] | None = None
    """What keeps a record from being deleted (``{"visits": 2}``); None: nothing ever does."""


@dataclass(frozen=True)
class KindServices:
    kind: RecordKind
    editing: Editing | None
    """None: the kind has no editor of its own (topics are made where they are used)."""


SERVICES: Mapping[RecordKind, KindServices] = MappingProxyType({
    entry.kind: entry for entry in (
        KindServices(RecordKind.PERSON, Editing(
            people.create_person, people.get_person, people.update_person, people.delete_person, people.create_in,
            people.person_uses)),
        KindServices(RecordKind.INSTITUTION, Editing(
            institutions.create_institution, institutions.get_institution, institutions.update_institution,
            institutions.delete_institution, institutions.create_in, institutions.institution_uses)),
        KindServices(RecordKind.VISIT, Editing(
            visits.create_visit, visits.get_visit, visits.update_visit, visits.delete_visit, visits.create_in)),
        KindServices(RecordKind.MEETING, Editing(
            meetings.create_meeting, meetings.get_meeting, meetings.update_meeting, meetings.delete_meeting,
            meetings.create_in)),
        KindServices(RecordKind.FOLLOWUP, Editing(
            followups.create_followup, followups.get_followup, followups.update_followup, followups.delete_followup,
            followups.create_in)),
        KindServices(RecordKind.AGREEMENT, Editing(
            agreements.create_agreement, agreements.get_agreement, agreements.update_agreement,
            agreements.delete_agreement, agreements.create_in)),
        KindServices(RecordKind.TOPIC, None),
        KindServices(RecordKind.PROGRAMME_ITEM, Editing(
            programme.create_programme_item, programme.get_programme_item, programme.update_programme_item,
            programme.delete_programme_item, programme.create_in)),
    )
})
"""Every ``RecordKind`` (``tests/unit/test_kind_registry.py`` fails when one is missing)."""

EDITABLE: frozenset[RecordKind] = frozenset(k for k, entry in SERVICES.items() if entry.editing is not None)


def editing(kind: RecordKind) -> Editing:
    """The create/get/update/delete calls of ``kind``; ValueError for a kind that is not edited on its own."""
    calls = SERVICES[RecordKind(kind)].editing
    if calls is None:
        raise ValueError(f"{kind} records are not edited on their own")
    return calls
