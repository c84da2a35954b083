"""Data objects that cross layers: ``*Data`` is what a caller writes, ``*Detail``/``*Row`` what it reads.

They are frozen dataclasses holding plain values (ids, strings, dates), never live ORM objects, so the
GUI can keep them across threads and the briefing layout can be tested without a database.
References between records are ids; read objects also carry the referenced names for display.

Longer than 500 lines on purpose: declarations only (frozen dataclasses, one section per kind, no
logic beyond composing a name), kept together so that everything that crosses a layer is in one place.
People's classes and the pieces every record shares are in ``domain.person_records`` (the window's first rows
and pane load only those), re-exported here: import every record class from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, NamedTuple

from organizer.domain.enums import (
    AgreementKind,
    AgreementStatus,
    FollowUpStatus,
    GiftDirection,
    InstitutionKind,
    MeetingKind,
    ParticipantRole,
    ProgrammeItemKind,
    RecordKind,
    Side,
    VisitDirection,
    VisitStatus,
)
from organizer.domain.person_records import AttendanceView as AttendanceView  # defined apart: the window's first
from organizer.domain.person_records import ContactEntry as ContactEntry  # rows and pane need no other class
from organizer.domain.person_records import FollowUpRow as FollowUpRow
from organizer.domain.person_records import ListedContact as ListedContact
from organizer.domain.person_records import ListedName as ListedName
from organizer.domain.person_records import ListedPosition as ListedPosition
from organizer.domain.person_records import ListedText as ListedText
from organizer.domain.person_records import NameVariant as NameVariant
from organizer.domain.person_records import PersonData as PersonData
from organizer.domain.person_records import PersonDetail as PersonDetail
from organizer.domain.person_records import PersonHistory as PersonHistory
from organizer.domain.person_records import PersonListing as PersonListing
from organizer.domain.person_records import PersonRow as PersonRow
from organizer.domain.person_records import PositionData as PositionData
from organizer.domain.person_records import PositionView as PositionView
from organizer.domain.person_records import RecordMeta as RecordMeta
from organizer.domain.person_records import TagCount as TagCount
from organizer.domain.person_records import TextVariant as TextVariant
from organizer.domain.person_records import Variants as Variants
from organizer.domain.rows import VisitRow as VisitRow  # defined apart, for reads that need no other record class
from organizer.domain.rows import compose_full_name as compose_full_name
from organizer.domain.rows import position_sort_key as position_sort_key

if TYPE_CHECKING:  # a type of a field only: its module is imported by the services that make change sets
    from organizer.domain.changes import ChangeSet

# --- topics --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TopicRow:
    """A topic as lists show it."""

    id: int
    name: str
    description: str = ""
    variants: tuple[TextVariant, ...] = ()
    """Its name and description in other languages (``domain.variants.pick(row, "name", "ru")``)."""


# --- institutions --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InstitutionData:
    """An institution's values, as editors and imports give them to the service."""

    name: str
    kind: InstitutionKind = InstitutionKind.OTHER
    short_name: str = ""
    parent_id: int | None = None
    name_variants: tuple[NameVariant, ...] = ()
    country: str = ""
    city: str = ""
    address: str = ""
    website: str = ""
    profile: str = ""
    topics: tuple[str, ...] = ()
    uid: str | None = None
    variants: Variants = None
    """Language variants of its translatable fields (``domain.variants``); None keeps the stored ones."""


@dataclass(frozen=True, slots=True)
class InstitutionRow:
    """An institution as lists show it (with its parent's name)."""

    id: int
    name: str
    short_name: str
    kind: InstitutionKind
    parent_id: int | None
    parent_name: str | None
    country: str
    city: str


@dataclass(frozen=True, slots=True)
class InstitutionNode:
    """One institution in a tree with its units below it."""

    row: InstitutionRow
    children: tuple[InstitutionNode, ...] = ()


class InstitutionRef(NamedTuple):
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class InstitutionDetail:
    """An institution as read in full: its values, parents, units and the people who hold posts there."""

    meta: RecordMeta
    data: InstitutionData
    parent_name: str | None
    path: tuple[str, ...]
    """Names from the top-level institution down to this one."""
    children: tuple[InstitutionRow, ...]
    people: tuple[PositionView, ...]
    """Positions held at this institution (current first)."""
    path_refs: tuple[InstitutionRef, ...] = ()
    """``path`` with ids: the top-level institution down to this one."""
    changes: ChangeSet | None = field(default=None, compare=False, repr=False)
    """What the call that returned this detail changed (creates and updates); None from a plain read."""


# --- visits and meetings -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParticipantData:
    """A person taking part in a visit, on one side, in one role."""

    person_id: int
    side: Side
    role: ParticipantRole = ParticipantRole.MEMBER
    precedence: int = 0
    """Order of precedence within the side: 1 is the most senior; 0 means unranked (listed last)."""


@dataclass(frozen=True, slots=True)
class ParticipantView:
    """A visit's or meeting's participant as read: with name, title and institution."""

    person_id: int
    full_name: str
    """As stored, or in the window's display language (``domain.variants.display_language``)."""
    title: str | None
    institution: str | None
    side: Side
    role: ParticipantRole
    precedence: int
    given_name: str = ""
    middle_name: str = ""
    family_name: str = ""
    display_name: str = ""
    name_variants: tuple[NameVariant, ...] = ()
    """With the parts above: ``domain.personnames.name_in(view, lang)`` gives the name in any language."""
    title_variants: tuple[TextVariant, ...] = ()
    """The position title's language variants (``domain.variants.text_in(view.title, ..., "title", lang)``)."""


@dataclass(frozen=True, slots=True)
class VisitInstitutionData:
    """An institution taking part in a visit, on one side."""

    institution_id: int
    side: Side


@dataclass(frozen=True, slots=True)
class GiftData:
    """A gift given or received during a visit."""

    direction: GiftDirection
    description: str
    person_id: int | None = None
    """Who gave it (received gifts) or received it (given gifts), if known."""
    variants: Variants = None
    """Language variants of its translatable fields (``domain.variants``); None keeps the stored ones."""


@dataclass(frozen=True, slots=True)
class Logistics:
    """A visit's arrival, departure, lodging, transport and needs."""

    arrival_at: datetime | None = None
    arrival_details: str = ""
    departure_at: datetime | None = None
    departure_details: str = ""
    lodging: str = ""
    transport: str = ""
    interpreter_needs: str = ""
    dietary_needs: str = ""


@dataclass(frozen=True, slots=True)
class VisitData:
    """A visit's values, as editors and imports give them to the service."""

    title: str
    direction: VisitDirection = VisitDirection.INCOMING
    start_date: date | None = None
    end_date: date | None = None
    place: str = ""
    purpose: str = ""
    status: VisitStatus = VisitStatus.PLANNED
    institutions: tuple[VisitInstitutionData, ...] = ()
    participants: tuple[ParticipantData, ...] = ()
    topics: tuple[str, ...] = ()
    logistics: Logistics = field(default_factory=Logistics)
    gifts: tuple[GiftData, ...] = ()
    summary: str = ""
    uid: str | None = None
    variants: Variants = None
    """Language variants of its translatable fields (``domain.variants``); None keeps the stored ones."""
    desired_outcomes: str = ""
    """What the host side wants the visit to achieve (the briefing's one-page summary)."""
    key_messages: str = ""
    """What our side should say, whoever speaks."""
    sensitivities: str = ""
    """What not to raise, and what to handle with care."""


@dataclass(frozen=True, slots=True)
class MeetingRow:
    """A meeting as lists show it."""

    id: int
    title: str
    kind: MeetingKind
    visit_id: int | None
    starts_at: datetime | None
    ends_at: datetime | None
    venue: str | None
    room: str
    participants: tuple[str, ...]
    """Full names, in order of side (guests first) and precedence."""
    people: tuple[MeetingPerson, ...] = ()
    """The participants with id, side and role, in the order of ``participants``."""
    visit_title: str | None = None
    variants: tuple[TextVariant, ...] = ()
    """The record's language variants (``domain.variants.pick(row, "title", lang)``)."""


class MeetingPerson(NamedTuple):
    person_id: int
    full_name: str
    side: Side
    role: ParticipantRole


class VisitSide(NamedTuple):
    """An institution on one side of a visit."""

    institution_id: int
    name: str
    side: Side


@dataclass(frozen=True, slots=True)
class VisitDetail:
    """A visit as read in full: values, participants, meetings, follow-ups, agreements, programme."""

    meta: RecordMeta
    data: VisitData
    institutions: tuple[VisitSide, ...]
    """Guests first, then hosts; by name within a side."""
    participants: tuple[ParticipantView, ...]
    meetings: tuple[MeetingRow, ...]
    """In time order."""
    followups: tuple[FollowUpRow, ...]
    agreements: tuple[AgreementRow, ...]
    changes: ChangeSet | None = field(default=None, compare=False, repr=False)
    """What the call that returned this detail changed (creates and updates); None from a plain read."""
    programme: tuple[ProgrammeItemRow, ...] = ()
    """The items of its programme that are not meetings (arrival, transfers, meals), in time order."""


@dataclass(frozen=True, slots=True)
class MeetingParticipantData:
    """A person taking part in a meeting, on one side, in one role."""

    person_id: int
    side: Side
    role: ParticipantRole = ParticipantRole.MEMBER


@dataclass(frozen=True, slots=True)
class MeetingData:
    """A meeting's values, as editors and imports give them to the service."""

    title: str
    kind: MeetingKind = MeetingKind.MEETING
    visit_id: int | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    venue_institution_id: int | None = None
    room: str = ""
    participants: tuple[MeetingParticipantData, ...] = ()
    objectives: str = ""
    talking_points: str = ""
    agenda: str = ""
    notes: str = ""
    outcomes: str = ""
    topics: tuple[str, ...] = ()
    uid: str | None = None
    variants: Variants = None
    """Language variants of its translatable fields (``domain.variants``); None keeps the stored ones."""


@dataclass(frozen=True, slots=True)
class MeetingDetail:
    """A meeting as read in full."""

    meta: RecordMeta
    data: MeetingData
    visit_title: str | None
    venue: str | None
    participants: tuple[ParticipantView, ...]
    followups: tuple[FollowUpRow, ...]
    changes: ChangeSet | None = field(default=None, compare=False, repr=False)
    """What the call that returned this detail changed (creates and updates); None from a plain read."""


# --- follow-ups and agreements -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FollowUpData:
    """A follow-up's values, as editors and imports give them to the service."""

    description: str
    status: FollowUpStatus = FollowUpStatus.OPEN
    due_date: date | None = None
    owner_person_id: int | None = None
    owner_institution_id: int | None = None
    visit_id: int | None = None
    meeting_id: int | None = None
    notes: str = ""
    uid: str | None = None
    done_on: date | None = None
    """The day it was done (set by Mark done; None while open)."""
    done_note: str = ""
    """What was noted when it was marked done."""
    variants: Variants = None
    """Language variants of its translatable fields (``domain.variants``); None keeps the stored ones."""


@dataclass(frozen=True, slots=True)
class FollowUpDetail:
    """A follow-up as stored (``data``) and as listed (``row``: owner and titles for display)."""

    meta: RecordMeta
    data: FollowUpData
    row: FollowUpRow
    changes: ChangeSet | None = field(default=None, compare=False, repr=False)
    """What the call that returned this detail changed (creates and updates); None from a plain read."""

    @property
    def id(self) -> int:
        return self.meta.id

    @property
    def status(self) -> FollowUpStatus:
        return self.data.status

    @property
    def visit_id(self) -> int | None:
        return self.data.visit_id


@dataclass(frozen=True, slots=True)
class SignatoryData:
    """A person who signed an agreement, for an institution."""

    person_id: int
    institution_id: int | None = None


@dataclass(frozen=True, slots=True)
class AgreementData:
    """An agreement's values, as editors and imports give them to the service."""

    title: str
    kind: AgreementKind = AgreementKind.MOU
    status: AgreementStatus = AgreementStatus.DRAFT
    party_ids: tuple[int, ...] = ()
    signatories: tuple[SignatoryData, ...] = ()
    signed_date: date | None = None
    signed_place: str = ""
    valid_until: date | None = None
    visit_id: int | None = None
    meeting_id: int | None = None
    summary: str = ""
    uid: str | None = None
    variants: Variants = None
    """Language variants of its translatable fields (``domain.variants``); None keeps the stored ones."""


@dataclass(frozen=True, slots=True)
class AgreementRow:
    """An agreement as lists show it."""

    id: int
    title: str
    kind: AgreementKind
    status: AgreementStatus
    signed_date: date | None
    valid_until: date | None
    parties: tuple[str, ...]
    variants: tuple[TextVariant, ...] = ()
    """The record's language variants (``domain.variants.pick(row, "title", lang)``)."""


@dataclass(frozen=True, slots=True)
class AgreementDetail:
    """An agreement as stored (``data``) and as listed (``row``: party names for display)."""

    meta: RecordMeta
    data: AgreementData
    row: AgreementRow
    changes: ChangeSet | None = field(default=None, compare=False, repr=False)
    """What the call that returned this detail changed (creates and updates); None from a plain read."""

    @property
    def id(self) -> int:
        return self.meta.id


# --- programme items -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProgrammeItemData:
    """An item of a visit's programme that is not a meeting (arrival, transfer, meal, break, free time)."""

    visit_id: int
    kind: ProgrammeItemKind = ProgrammeItemKind.OTHER
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    title: str = ""
    """Empty: the kind's name stands for it ("Arrival")."""
    place: str = ""
    escort_person_id: int | None = None
    """Who accompanies the guests."""
    transport: str = ""
    notes: str = ""
    uid: str | None = None
    variants: Variants = None
    """Language variants of its title, place, transport and notes (``domain.variants``); None keeps them."""


@dataclass(frozen=True, slots=True)
class ProgrammeItemRow:
    """A programme item as lists show it (with its visit's title and the escort's name)."""

    id: int
    visit_id: int
    kind: ProgrammeItemKind
    title: str
    starts_at: datetime | None
    ends_at: datetime | None
    place: str
    escort_person_id: int | None
    escort: str | None
    """The escort's full name."""
    transport: str
    notes: str
    visit_title: str | None = None
    variants: tuple[TextVariant, ...] = ()
    """The item's language variants (``domain.variants.pick(row, "title", lang)``)."""


@dataclass(frozen=True, slots=True)
class ProgrammeItemDetail:
    """A programme item as read in full."""

    meta: RecordMeta
    data: ProgrammeItemData
    row: ProgrammeItemRow
    changes: ChangeSet | None = field(default=None, compare=False, repr=False)
    """What the call that returned this detail changed (creates and updates); None from a plain read."""

    @property
    def id(self) -> int:
        return self.meta.id


# --- attachments ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AttachmentRow:
    """A file attached to a record, as lists show it."""

    id: int
    owner_kind: RecordKind
    owner_id: int
    name: str
    media_type: str
    size: int
    sha256: str
