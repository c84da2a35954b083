"""The data objects a briefing, a dossier or a thank-you letter is printed from.

``organizer.services.briefing`` fills them from the database in one read; ``organizer.briefing``
lays them out as PDF. They hold plain values only (no ORM objects, no Qt), so a layout can be tested
with hand-made data and the object can cross threads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

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
from organizer.domain.records import ContactEntry, Logistics, NameVariant
from organizer.domain.sections import REPORT_SECTIONS as REPORT_SECTIONS
from organizer.domain.sections import SECTIONS as SECTIONS


@dataclass(frozen=True, slots=True)
class HeldPosition:
    """A title at an institution, with the dates it was held (either may be unknown)."""

    title: str
    institution: str
    institution_id: int
    start_date: date | None = None
    end_date: date | None = None
    current: bool = False


@dataclass(frozen=True, slots=True)
class Encounter:
    """An earlier visit or meeting a person (or institution) had with us."""

    kind: RecordKind
    """``VISIT`` or ``MEETING``."""
    title: str
    when: date | None
    outcomes: str = ""
    visit_title: str | None = None
    """For a meeting: the visit it belonged to."""
    at: datetime | None = None
    """When it started (a visit: its first day at midnight): the order within a day."""


@dataclass(frozen=True, slots=True)
class BriefPerson:
    """A participant as the briefing shows them: the position is the one held at the time of the visit."""

    id: int
    full_name: str
    side: Side | None = None
    role: ParticipantRole | None = None
    precedence: int = 0
    honorific: str = ""
    form_of_address: str = ""
    facts: tuple[tuple[str, object], ...] = ()
    """(field name, value) of the person's fields that the documents show among the facts
    (``domain.fields.PERSON.briefed``: ``gender``...), in table order."""
    title: str | None = None
    institution: str | None = None
    name_variants: tuple[NameVariant, ...] = ()
    languages: tuple[str, ...] = ()
    biography: str = ""
    dietary_needs: str = ""
    interpreter_needs: str = ""
    photo: bytes | None = None
    topics: tuple[str, ...] = ()
    history: tuple[Encounter, ...] = ()
    """Earlier visits and meetings with us, oldest first (this visit excluded)."""


@dataclass(frozen=True, slots=True)
class BriefInstitution:
    id: int
    name: str
    kind: InstitutionKind = InstitutionKind.OTHER
    short_name: str = ""
    side: Side | None = None
    path: tuple[str, ...] = ()
    """Names from the top-level institution down to this one (this one last)."""
    parent_id: int | None = None
    name_variants: tuple[NameVariant, ...] = ()
    country: str = ""
    city: str = ""
    website: str = ""
    profile: str = ""
    topics: tuple[str, ...] = ()
    key_people: tuple[tuple[str, str], ...] = ()
    """(name, title) of the people holding a current position there."""


@dataclass(frozen=True, slots=True)
class Attendee:
    name: str
    title: str | None
    side: Side
    role: ParticipantRole


@dataclass(frozen=True, slots=True)
class BriefMeeting:
    id: int
    title: str
    kind: MeetingKind = MeetingKind.MEETING
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    venue: str | None = None
    room: str = ""
    attendees: tuple[Attendee, ...] = ()
    objectives: str = ""
    talking_points: str = ""
    agenda: str = ""
    notes: str = ""
    outcomes: str = ""
    topics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BriefProgrammeItem:
    """A programme item that is not a meeting (arrival, transfer, meal...), on the programme's timeline."""

    id: int
    kind: ProgrammeItemKind
    title: str
    """The item's title, or its kind's name in the document's language when it has none."""
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    place: str = ""
    escort: str | None = None
    transport: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class BriefAgreement:
    """A memorandum or agreement as the documents list it."""

    id: int
    title: str
    kind: AgreementKind
    status: AgreementStatus
    signed_date: date | None = None
    signed_place: str = ""
    valid_until: date | None = None
    parties: tuple[str, ...] = ()
    signatories: tuple[str, ...] = ()
    summary: str = ""
    visit_title: str | None = None
    """The visit it was signed during, if any."""


@dataclass(frozen=True, slots=True)
class BriefFollowUp:
    id: int
    description: str
    status: FollowUpStatus
    due_date: date | None = None
    owner: str | None = None
    visit_title: str | None = None
    meeting_title: str | None = None
    notes: str = ""
    done_on: date | None = None
    done_note: str = ""


@dataclass(frozen=True, slots=True)
class BriefGift:
    direction: GiftDirection
    description: str
    person: str | None = None


@dataclass(frozen=True, slots=True)
class VisitBriefing:
    """Everything a pre-visit briefing or a post-visit report of one visit prints."""

    visit_id: int
    title: str
    direction: VisitDirection
    status: VisitStatus
    start_date: date | None
    end_date: date | None
    place: str
    purpose: str
    summary: str
    issuing_office: str
    """Our side's institution (hosts of an incoming visit, the delegation of an outgoing one)."""
    topics: tuple[str, ...] = ()
    guests: tuple[BriefPerson, ...] = ()
    """In order of precedence."""
    hosts: tuple[BriefPerson, ...] = ()
    institutions: tuple[BriefInstitution, ...] = ()
    """Guest institutions first, each followed by the units involved below it."""
    meetings: tuple[BriefMeeting, ...] = ()
    """In time order."""
    agreed: tuple[BriefFollowUp, ...] = ()
    """Follow-ups recorded for this visit or its meetings (any status)."""
    open_followups: tuple[BriefFollowUp, ...] = ()
    """Open follow-ups touching the participants or institutions, from any visit."""
    relations: tuple[Encounter, ...] = ()
    """Earlier visits involving these institutions, oldest first."""
    logistics: Logistics = field(default_factory=Logistics)
    gifts: tuple[BriefGift, ...] = ()
    generated_at: datetime | None = None
    desired_outcomes: str = ""
    key_messages: str = ""
    sensitivities: str = ""
    """What not to raise."""
    programme: tuple[BriefProgrammeItem, ...] = ()
    """The programme items that are not meetings, in time order (the layout merges them with ``meetings``)."""
    agreements: tuple[BriefAgreement, ...] = ()
    """Agreements linked to this visit (signed during it, or prepared for it)."""
    agreements_in_force: tuple[BriefAgreement, ...] = ()
    """Signed agreements, not expired by the visit's start, to which an institution of the visit is a party."""
    distribution: tuple[str, ...] = ()
    """Who the document goes to (our side's participants, in order of precedence)."""
    prepared_by: str = ""
    """Who prepared it (``--prepared-by``, else the database user)."""
    parallel: VisitBriefing | None = None
    """The same visit assembled in a second language, for a two-language briefing (``--lang ru+en``)."""


@dataclass(frozen=True, slots=True)
class PersonDossier:
    person: BriefPerson
    """Title and institution are the current ones."""
    positions: tuple[HeldPosition, ...] = ()
    emails: tuple[ContactEntry, ...] = ()
    phones: tuple[ContactEntry, ...] = ()
    notes: str = ""
    open_followups: tuple[BriefFollowUp, ...] = ()
    generated_at: datetime | None = None
    agreements: tuple[BriefAgreement, ...] = ()
    """Agreements the person signed."""


@dataclass(frozen=True, slots=True)
class InstitutionDossier:
    institution: BriefInstitution
    address: str = ""
    units: tuple[str, ...] = ()
    """Names of the units directly below it."""
    people: tuple[HeldPosition, ...] = ()
    """Positions held there; ``HeldPosition.institution`` carries the person's name here."""
    visits: tuple[Encounter, ...] = ()
    open_followups: tuple[BriefFollowUp, ...] = ()
    """Open follow-ups it owns, and those of the visits it took part in."""
    generated_at: datetime | None = None
    agreements: tuple[BriefAgreement, ...] = ()
    """Agreements it is a party to."""


_SCRIPTS = {"ru": "Cyrl", "en": "Latn"}


def localized(name: str, variants: tuple[NameVariant, ...], lang: str) -> str:
    """``name`` as written in the document's language: the variant tagged with that language, else one
    without a language tag but in that language's script, else ``name`` itself (never a translation)."""
    usable = [v for v in variants if v.name.strip()]
    tagged = next((v.name.strip() for v in usable if v.language.casefold() == lang), None)
    if tagged is not None:
        return tagged
    script = _SCRIPTS.get(lang)
    return next((v.name.strip() for v in usable if not v.language and script and v.script == script), name)


LETTER_KINDS: tuple[str, ...] = ("visit", "hosting", "colleague")
"""What a thank-you letter thanks for: ``visit`` (the other side came to us), ``hosting`` (they received
the delegation, or co-hosted it with us), ``colleague`` (a member of our own side's team)."""


@dataclass(frozen=True, slots=True)
class LetterRecipient:
    name: str
    form_of_address: str
    honorific: str
    title: str | None
    institution: str | None
    """Already in the letters' language when the data has a variant in it."""
    side: Side
    name_variants: tuple[NameVariant, ...] = ()
    """Used to address the letter in its own language (a Russian letter takes the ``ru`` form)."""
    kind: str = ""
    """One of ``LETTER_KINDS``; empty means "visit" for a guest and "colleague" for a host."""
    given_name: str = ""
    family_name: str = ""
    person_id: int | None = None
    patronymic: str = ""
    """The name parts in the letters' language and script (a Russian letter: «Евгений», «Коржиков»,
    «Александрович»); ``name`` is the name as the address block writes it."""
    gender: str = ""
    """``male``, ``female`` or "" (``domain.enums.Gender``): the grammar of the greeting."""
    file_name: str = ""
    """The name the letter's file is called by (Latin letters, so any system shows it)."""


@dataclass(frozen=True, slots=True)
class LetterCandidate:
    """A participant of the visit, as the letters' recipient and signatory choice offers them."""

    person_id: int
    name: str
    side: Side
    role: ParticipantRole
    institution: str | None
    ours: bool
    """On the side that sends the letters (our own staff: no letter unless ticked; may sign)."""
    recipient: bool
    """Gets a letter in this set (the other side but its interpreters, by default)."""


@dataclass(frozen=True, slots=True)
class ThankYouLetters:
    """The letters one issuing office sends after a visit, one per recipient.

    ``issuing_office`` heads every letter; ``signatory`` is the most senior participant of our side who
    held a position at that office (or one of its units) at the time of the visit, or empty when nobody
    did (the letters are then signed with the office name only).
    """

    visit_title: str
    direction: VisitDirection
    start_date: date | None
    end_date: date | None
    place: str
    issuing_office: str
    signatory: str
    signatory_title: str | None
    topics: tuple[str, ...]
    recipients: tuple[LetterRecipient, ...]
    letter_date: date | None = None
    signatory_variants: tuple[NameVariant, ...] = ()
    guest_office: str = ""
    """The visiting side's first institution (in the letters' language), for the hosting letters."""
    signatory_id: int | None = None
    candidates: tuple[LetterCandidate, ...] = ()
    """Every participant, in the order of the letters (the other side first, then by precedence)."""
    signature: str = ""
    """The signatory as a signature writes the name: initials first («Д. Пашин», "D. Pashin")."""
    letterhead: tuple[str, ...] = ()
    """Lines under the office's name at the head of each letter: its address and website (those written
    in the letters' script)."""
    number: str = ""
    """The outgoing (registration) number; with several letters each gets ``number-1``, ``number-2``..."""
