"""The record classes of people, and the pieces every record shares (``domain.records`` re-exports each).

What the people list shows (``PersonRow``, ``PersonListing`` and its named rows), a person as read and
written (``PersonDetail``, ``PersonData``, their positions) and what a person's pane lists (``PersonHistory``,
``AttendanceView``, the follow-ups they own as ``FollowUpRow``), with the shared pieces (``NameVariant``,
``TextVariant``, ``ContactEntry``, ``RecordMeta``). Apart from the other kinds' classes because the window's
first rows and first detail pane need only these: defining the thirty-odd other frozen dataclasses costs
about 30 ms of CPU before the window shows anything (issue 20). Import them from ``domain.records`` anywhere
else; the modules on that first road (``store.people_read``, ``store.plain_reads``, ``domain.variants``,
``domain.personnames``, ``domain.person_fields``) import them from here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from organizer.domain.enums import FollowUpStatus, Gender, ParticipantRole, RecordKind, Side

if TYPE_CHECKING:  # a type of a field only: its module is imported by the services that make change sets
    from organizer.domain.changes import ChangeSet

# --- shared pieces -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NameVariant:
    """A name written in another script or language, e.g. ``Коржиков Евгений`` (script Cyrl, language ru)."""

    name: str
    script: str = ""
    language: str = ""


@dataclass(frozen=True, slots=True, order=True)
class TextVariant:
    """A field's text in one language, e.g. ``TextVariant("title", "ru", "Визит делегации")``: the field keeps
    its text as entered, the variants say it in other languages (``domain.variants``)."""

    field: str
    lang: str
    text: str


Variants = tuple[TextVariant, ...] | None
"""A record's (or row's) language variants; ``None`` in an input keeps the stored ones (an editor that does
not show them), ``()`` removes them. Reads always give a tuple, sorted by field and language."""


@dataclass(frozen=True, slots=True)
class ContactEntry:
    """An email address or phone number with a label such as ``work`` or ``mobile``."""

    value: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class RecordMeta:
    """Bookkeeping every stored record has."""

    id: int
    uid: str
    version: int
    created_at: datetime
    updated_at: datetime


# --- people --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PositionView:
    """A position as read: with the person's and the institution's names."""

    id: int
    person_id: int
    person_name: str
    institution_id: int
    institution_name: str
    title: str
    start_date: date | None
    end_date: date | None
    current: bool
    variants: tuple[TextVariant, ...] = ()
    """The title's language variants (``domain.variants.pick(view, "title", lang)``)."""


@dataclass(frozen=True, slots=True)
class PositionData:
    """A position's values, as part of a person's."""

    title: str
    institution_id: int
    start_date: date | None = None
    end_date: date | None = None
    current: bool = False
    id: int | None = None
    """The stored position this input edits (from ``PersonDetail``); ``None`` for a new one."""
    uid: str | None = None
    """The stored position's uid (from ``PersonDetail``): restoring a deleted person keeps it, with the id."""
    variants: Variants = None
    """Language variants of its translatable fields (``domain.variants``); None keeps the stored ones."""


@dataclass(frozen=True, slots=True)
class PersonData:
    """A person's values, as editors and imports give them to the service."""

    given_name: str = ""
    family_name: str = ""
    middle_name: str = ""
    honorific: str = ""
    """Courtesy title placed before the name: "Prof.", "His Excellency"."""
    form_of_address: str = ""
    """How to address the person in speech or a letter: "Mr. Chairman", "Dear Rector"."""
    display_name: str = ""
    """Overrides the name built from the parts, e.g. for a name order the parts cannot express."""
    gender: Gender = Gender.UNSPECIFIED
    academic_title: str = ""
    """An academic rank or degree said with the name: "Professor", "Academician" (variants per language)."""
    name_variants: tuple[NameVariant, ...] = ()
    languages: tuple[str, ...] = ()
    biography: str = ""
    dietary_needs: str = ""
    """What the person eats or avoids: "halal", "vegetarian, no nuts"."""
    interpreter_needs: str = ""
    """Interpretation the person needs: "Russian-English, consecutive"."""
    photo: bytes | None = None
    photo_type: str = ""
    emails: tuple[ContactEntry, ...] = ()
    phones: tuple[ContactEntry, ...] = ()
    tags: tuple[str, ...] = ()
    notes: str = ""
    topics: tuple[str, ...] = ()
    positions: tuple[PositionData, ...] = ()
    uid: str | None = None
    variants: Variants = None
    """Language variants of its translatable fields (``domain.variants``); None keeps the stored ones."""


class ListedName(NamedTuple):
    """A name variant as a ``PersonListing`` holds it (a row of the database, with the person's id)."""

    name: str
    script: str
    language: str
    person_id: int


class ListedContact(NamedTuple):
    """An e-mail address or phone number as a ``PersonListing`` holds it."""

    value: str
    label: str
    person_id: int


class ListedText(NamedTuple):
    """A tag or a topic's name as a ``PersonListing`` holds it."""

    text: str
    person_id: int


class ListedPosition(NamedTuple):
    """A position as a ``PersonListing`` holds it: the dates as ISO text (``YYYY-MM-DD``) or None, as the
    JSON output writes them."""

    id: int
    title: str
    institution: str
    institution_id: int
    start_date: str | None
    end_date: str | None
    current: bool
    person_id: int


class PersonListing(NamedTuple):
    """One person as a full listing (``organizer list people``) carries them: the fields of a
    ``PersonDetail`` without biography, notes and photo, cheap to build for 100,000 people.

    The child fields hold named rows (``ListedName``...) made from the database's rows as read, each in
    its stored order (tags and topics alphabetically, positions current first, newest first).
    """

    id: int
    uid: str
    version: int
    full_name: str
    given_name: str
    middle_name: str
    family_name: str
    honorific: str
    form_of_address: str
    languages: Sequence[str]
    names: Sequence[ListedName]
    emails: Sequence[ListedContact]
    phones: Sequence[ListedContact]
    tags: Sequence[ListedText]
    topics: Sequence[ListedText]
    positions: Sequence[ListedPosition]
    dietary_needs: str = ""
    interpreter_needs: str = ""
    more: Mapping[str, Any] = MappingProxyType({})
    """The values of the person's generic fields (``domain.fields.PERSON.generic``: ``gender``...) by
    name, as their columns hold them (an enum's value as text)."""


@dataclass(frozen=True, slots=True)
class PersonRow:
    """What a list of people shows: cheap to build for many rows."""

    id: int
    full_name: str
    current_title: str | None
    current_institution: str | None
    tags: tuple[str, ...] = ()
    honorific: str = ""


class TagCount(NamedTuple):
    tag: str
    people: int


@dataclass(frozen=True, slots=True)
class AttendanceView:
    """A visit or meeting a person took part in, for their history."""

    kind: RecordKind
    """``VISIT`` or ``MEETING``."""
    id: int
    title: str
    when: date | None
    side: Side
    role: ParticipantRole
    visit_id: int | None = None
    """The visit itself, or the visit a meeting belongs to."""


@dataclass(frozen=True, slots=True)
class PersonDetail:
    """A person as read in full: values, the name shown, positions as read."""

    meta: RecordMeta
    data: PersonData
    full_name: str
    positions: tuple[PositionView, ...]
    """Newest first; the current one is flagged."""
    has_photo: bool = False
    changes: ChangeSet | None = field(default=None, compare=False, repr=False)
    """What the call that returned this detail changed (creates and updates); None from a plain read."""


@dataclass(frozen=True, slots=True)
class PersonHistory:
    """A person's positions over time and the visits and meetings they took part in."""

    person_id: int
    full_name: str
    positions: tuple[PositionView, ...]
    attended: tuple[AttendanceView, ...]
    """Visits and meetings, oldest first."""


# --- the follow-ups a person's pane lists -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FollowUpRow:
    """A follow-up as lists show it (with its visit's and meeting's titles)."""

    id: int
    description: str
    status: FollowUpStatus
    due_date: date | None
    owner: str | None
    visit_id: int | None
    meeting_id: int | None
    visit_title: str | None = None
    meeting_title: str | None = None
    done_on: date | None = None
    done_note: str = ""
    variants: tuple[TextVariant, ...] = ()
    """The record's language variants (``domain.variants.pick(row, "title", lang)``)."""
