"""What browsing asks for and gets back: a list query (filter and sort), quick-open hits, related records.

A list view holds the ids a ``ListQuery`` selects, in its order, and fetches rows for a few hundred
ids at a time; the query is plain data so it can be handed to a worker thread or kept across reloads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from organizer.domain.enums import RecordKind

if TYPE_CHECKING:  # types of fields only: the window's first rows need no record class of these kinds
    from organizer.domain.records import MeetingRow, TopicRow, VisitRow

BROWSE_KINDS = tuple(RecordKind)
"""Record kinds that have a list in the window, in tab order; also the internal link schemes."""


@dataclass(frozen=True, slots=True)
class ListQuery:
    """Which records of one kind a list shows, and in what order. Empty fields do not filter.

    ``sort`` names one of the kind's sort keys (``browse.SORT_KEYS``); ``""`` is the kind's usual order
    (people by name, visits and meetings newest first, open follow-ups by due date, ...).
    """

    text: str = ""
    """Every word must occur in the record's name (or a name variant, title, description)."""
    tag: str = ""
    institution_id: int | None = None
    """Records linked to this institution or one of its units."""
    status: str = ""
    """A status value of the kind (``open``, ``planned``, ``signed`` ...)."""
    date_from: date | None = None
    date_to: date | None = None
    owner_person_id: int | None = None
    visit_id: int | None = None
    sort: str = ""
    descending: bool = False


@dataclass(frozen=True, slots=True)
class QuickHit:
    """One record found by quick-open: enough to show it in a pop-up list and to open it."""

    kind: RecordKind
    id: int
    title: str
    detail: str = ""
    """A second line: a person's institution, a visit's place, a meeting's visit."""
    when: date | None = None


@dataclass(frozen=True, slots=True)
class InstitutionActivity:
    """Visits an institution took part in and meetings held there, newest first."""

    visits: tuple[VisitRow, ...]
    meetings: tuple[MeetingRow, ...]


@dataclass(frozen=True, slots=True)
class TopicUsage:
    """A topic and the records filed under it (names for display, ids for links), each list capped."""

    topic: TopicRow
    people: tuple[tuple[int, str], ...]
    institutions: tuple[tuple[int, str], ...]
    visits: tuple[tuple[int, str], ...]
    meetings: tuple[tuple[int, str], ...]
    counts: tuple[int, int, int, int]
    """How many people, institutions, visits and meetings in all (the lists may be capped)."""


@dataclass(frozen=True, slots=True)
class OwnerChoice:
    """A person who owns follow-ups, for the board's owner filter."""

    id: int
    name: str
