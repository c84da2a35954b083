"""The ORM mapping the services write with: typed classes mapped onto the Core tables of ``schema.py``.

Columns are defined once, in ``schema.py`` (reads run on those tables without importing the ORM); each
class here names its table (``__table__``), declares a typed attribute per column for mypy (an attribute
without a column of that name would be silently unmapped: a store test checks that every one is mapped)
and adds what only the ORM needs: relationships, deferred loading of large columns, optimistic locking
(``version_id_col``: an update of a stale object raises ``StaleDataError``).

Unbounded collections (attachments, positions, participants) are queried, never loaded wholesale
into a parent object. Importing this module imports ``sqlalchemy.orm``: only writes and whole-object
reads (snapshots, merges, the archive) need it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import DeclarativeBase, Mapped, deferred, relationship

from organizer.domain.enums import RecordKind
from organizer.store import schema as s

# Re-exported under their old names (``m.NAME_LEN``, ``m.person_topic``, ``m.utcnow``...).
from organizer.store.schema import ATTACHMENT_OWNERS as ATTACHMENT_OWNERS
from organizer.store.schema import NAME_LEN as NAME_LEN
from organizer.store.schema import NAMING_CONVENTION as NAMING_CONVENTION
from organizer.store.schema import SHORT_LEN as SHORT_LEN
from organizer.store.schema import institution_topic as institution_topic
from organizer.store.schema import meeting_topic as meeting_topic
from organizer.store.schema import new_uid as new_uid
from organizer.store.schema import person_topic as person_topic
from organizer.store.schema import utcnow as utcnow
from organizer.store.schema import visit_topic as visit_topic


class Base(DeclarativeBase):
    metadata = s.load_all()  # every table (schema builds them on first use)


class RecordMixin:
    """Columns every top-level record carries (``schema._record_columns``)."""

    id: Mapped[int]
    uid: Mapped[str]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int]


# --- topics --------------------------------------------------------------------------------------


class Topic(RecordMixin, Base):
    __table__ = s.topic
    __mapper_args__ = {"version_id_col": s.topic.c.version}  # noqa: RUF012

    name: Mapped[str]
    description: Mapped[str]
    variants: Mapped[dict[str, dict[str, str]]]


# --- institutions --------------------------------------------------------------------------------


class Institution(RecordMixin, Base):
    __table__ = s.institution
    __mapper_args__ = {"version_id_col": s.institution.c.version}  # noqa: RUF012

    name: Mapped[str]
    short_name: Mapped[str]
    kind: Mapped[str]
    parent_id: Mapped[int | None]
    country: Mapped[str]
    city: Mapped[str]
    address: Mapped[str]
    website: Mapped[str]
    profile: Mapped[str]
    variants: Mapped[dict[str, dict[str, str]]]

    parent: Mapped[Institution | None] = relationship(remote_side=s.institution.c.id)
    names: Mapped[list[InstitutionName]] = relationship(
        cascade="all, delete-orphan", order_by="InstitutionName.id"
    )
    topics: Mapped[list[Topic]] = relationship(secondary=s.institution_topic, order_by="Topic.name")


class InstitutionName(Base):
    __table__ = s.institution_name

    id: Mapped[int]
    institution_id: Mapped[int]
    name: Mapped[str]
    script: Mapped[str]
    language: Mapped[str]


# --- people --------------------------------------------------------------------------------------


class Person(RecordMixin, Base):
    __table__ = s.person
    __mapper_args__ = {"version_id_col": s.person.c.version}  # noqa: RUF012

    given_name: Mapped[str]
    family_name: Mapped[str]
    middle_name: Mapped[str]
    honorific: Mapped[str]
    form_of_address: Mapped[str]
    display_name: Mapped[str]
    gender: Mapped[str]
    sort_name: Mapped[str]
    languages: Mapped[list[str]]
    biography: Mapped[str]
    dietary_needs: Mapped[str]
    """What the person eats or avoids ("halal", "no nuts"): copied into a visit's planning as a hint."""
    interpreter_needs: Mapped[str]
    """Interpretation the person needs ("Russian-English, consecutive")."""
    photo: Mapped[bytes | None] = deferred(s.person.c.photo)
    photo_type: Mapped[str]
    notes: Mapped[str]
    academic_title: Mapped[str]
    variants: Mapped[dict[str, dict[str, str]]]

    names: Mapped[list[PersonName]] = relationship(cascade="all, delete-orphan", order_by="PersonName.id")
    emails: Mapped[list[PersonEmail]] = relationship(cascade="all, delete-orphan", order_by="PersonEmail.id")
    phones: Mapped[list[PersonPhone]] = relationship(cascade="all, delete-orphan", order_by="PersonPhone.id")
    tags: Mapped[list[PersonTag]] = relationship(cascade="all, delete-orphan", order_by="PersonTag.tag")
    topics: Mapped[list[Topic]] = relationship(secondary=s.person_topic, order_by="Topic.name")
    positions: Mapped[list[Position]] = relationship(
        cascade="all, delete-orphan", back_populates="person", order_by="Position.id"
    )


class PersonName(Base):
    __table__ = s.person_name

    id: Mapped[int]
    person_id: Mapped[int]
    name: Mapped[str]
    script: Mapped[str]
    language: Mapped[str]


class PersonEmail(Base):
    __table__ = s.person_email

    id: Mapped[int]
    person_id: Mapped[int]
    address: Mapped[str]
    label: Mapped[str]


class PersonPhone(Base):
    __table__ = s.person_phone

    id: Mapped[int]
    person_id: Mapped[int]
    number: Mapped[str]
    label: Mapped[str]


class PersonTag(Base):
    __table__ = s.person_tag

    person_id: Mapped[int]
    tag: Mapped[str]


class Position(RecordMixin, Base):
    """A title a person holds (or held) at an institution or one of its units."""

    __table__ = s.position
    __mapper_args__ = {"version_id_col": s.position.c.version}  # noqa: RUF012

    person_id: Mapped[int]
    institution_id: Mapped[int]
    title: Mapped[str]
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    is_current: Mapped[bool]
    variants: Mapped[dict[str, dict[str, str]]]

    person: Mapped[Person] = relationship(back_populates="positions")
    institution: Mapped[Institution] = relationship()


# --- visits --------------------------------------------------------------------------------------


class Visit(RecordMixin, Base):
    __table__ = s.visit
    __mapper_args__ = {"version_id_col": s.visit.c.version}  # noqa: RUF012

    title: Mapped[str]
    direction: Mapped[str]
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    place: Mapped[str]
    purpose: Mapped[str]
    status: Mapped[str]
    summary: Mapped[str]
    arrival_at: Mapped[datetime | None]
    arrival_details: Mapped[str]
    departure_at: Mapped[datetime | None]
    departure_details: Mapped[str]
    lodging: Mapped[str]
    transport: Mapped[str]
    interpreter_needs: Mapped[str]
    dietary_needs: Mapped[str]
    variants: Mapped[dict[str, dict[str, str]]]
    desired_outcomes: Mapped[str]
    key_messages: Mapped[str]
    sensitivities: Mapped[str]

    institutions: Mapped[list[VisitInstitution]] = relationship(
        cascade="all, delete-orphan", order_by="VisitInstitution.id"
    )
    participants: Mapped[list[VisitParticipant]] = relationship(
        cascade="all, delete-orphan", order_by="VisitParticipant.id"
    )
    gifts: Mapped[list[Gift]] = relationship(cascade="all, delete-orphan", order_by="Gift.id")
    topics: Mapped[list[Topic]] = relationship(secondary=s.visit_topic, order_by="Topic.name")


class VisitInstitution(Base):
    """A visiting (guest) or host institution of a visit."""

    __table__ = s.visit_institution

    id: Mapped[int]
    visit_id: Mapped[int]
    institution_id: Mapped[int]
    side: Mapped[str]

    institution: Mapped[Institution] = relationship()


class VisitParticipant(Base):
    """A delegation member (guest side) or host of a visit."""

    __table__ = s.visit_participant

    id: Mapped[int]
    visit_id: Mapped[int]
    person_id: Mapped[int]
    side: Mapped[str]
    role: Mapped[str]
    precedence: Mapped[int]

    person: Mapped[Person] = relationship()


class Gift(Base):
    __table__ = s.gift

    id: Mapped[int]
    visit_id: Mapped[int]
    direction: Mapped[str]
    description: Mapped[str]
    variants: Mapped[dict[str, dict[str, str]]]
    person_id: Mapped[int | None]


# --- meetings ------------------------------------------------------------------------------------


class Meeting(RecordMixin, Base):
    __table__ = s.meeting
    __mapper_args__ = {"version_id_col": s.meeting.c.version}  # noqa: RUF012

    visit_id: Mapped[int | None]
    title: Mapped[str]
    kind: Mapped[str]
    starts_at: Mapped[datetime | None]
    ends_at: Mapped[datetime | None]
    venue_institution_id: Mapped[int | None]
    room: Mapped[str]
    objectives: Mapped[str]
    talking_points: Mapped[str]
    agenda: Mapped[str]
    notes: Mapped[str]
    outcomes: Mapped[str]
    variants: Mapped[dict[str, dict[str, str]]]

    visit: Mapped[Visit | None] = relationship()
    venue: Mapped[Institution | None] = relationship()
    participants: Mapped[list[MeetingParticipant]] = relationship(
        cascade="all, delete-orphan", order_by="MeetingParticipant.id"
    )
    topics: Mapped[list[Topic]] = relationship(secondary=s.meeting_topic, order_by="Topic.name")


class MeetingParticipant(Base):
    __table__ = s.meeting_participant

    id: Mapped[int]
    meeting_id: Mapped[int]
    person_id: Mapped[int]
    side: Mapped[str]
    role: Mapped[str]

    person: Mapped[Person] = relationship()


class ProgrammeItem(RecordMixin, Base):
    """An item of a visit's programme that is not a meeting (arrival, transfer, meal...)."""

    __table__ = s.programme_item
    __mapper_args__ = {"version_id_col": s.programme_item.c.version}  # noqa: RUF012

    visit_id: Mapped[int]
    kind: Mapped[str]
    title: Mapped[str]
    starts_at: Mapped[datetime | None]
    ends_at: Mapped[datetime | None]
    place: Mapped[str]
    escort_person_id: Mapped[int | None]
    transport: Mapped[str]
    notes: Mapped[str]
    variants: Mapped[dict[str, dict[str, str]]]


# --- follow-ups and agreements -------------------------------------------------------------------


class FollowUp(RecordMixin, Base):
    __table__ = s.followup
    __mapper_args__ = {"version_id_col": s.followup.c.version}  # noqa: RUF012

    description: Mapped[str]
    status: Mapped[str]
    due_date: Mapped[date | None]
    owner_person_id: Mapped[int | None]
    owner_institution_id: Mapped[int | None]
    visit_id: Mapped[int | None]
    meeting_id: Mapped[int | None]
    notes: Mapped[str]
    done_on: Mapped[date | None]
    done_note: Mapped[str]
    variants: Mapped[dict[str, dict[str, str]]]

    owner_person: Mapped[Person | None] = relationship()
    owner_institution: Mapped[Institution | None] = relationship()
    visit: Mapped[Visit | None] = relationship()
    meeting: Mapped[Meeting | None] = relationship()


class Agreement(RecordMixin, Base):
    __table__ = s.agreement
    __mapper_args__ = {"version_id_col": s.agreement.c.version}  # noqa: RUF012

    title: Mapped[str]
    kind: Mapped[str]
    status: Mapped[str]
    signed_date: Mapped[date | None]
    signed_place: Mapped[str]
    valid_until: Mapped[date | None]
    visit_id: Mapped[int | None]
    meeting_id: Mapped[int | None]
    summary: Mapped[str]
    variants: Mapped[dict[str, dict[str, str]]]

    parties: Mapped[list[AgreementParty]] = relationship(
        cascade="all, delete-orphan", order_by="AgreementParty.id"
    )
    signatories: Mapped[list[AgreementSignatory]] = relationship(
        cascade="all, delete-orphan", order_by="AgreementSignatory.id"
    )


class AgreementParty(Base):
    __table__ = s.agreement_party

    id: Mapped[int]
    agreement_id: Mapped[int]
    institution_id: Mapped[int]

    institution: Mapped[Institution] = relationship()


class AgreementSignatory(Base):
    __table__ = s.agreement_signatory

    id: Mapped[int]
    agreement_id: Mapped[int]
    person_id: Mapped[int]
    institution_id: Mapped[int | None]

    person: Mapped[Person] = relationship()


# --- attachments ---------------------------------------------------------------------------------


class Attachment(RecordMixin, Base):
    """A file kept with exactly one record; the bytes live in the database (size-limited)."""

    __table__ = s.attachment
    __mapper_args__ = {"version_id_col": s.attachment.c.version}  # noqa: RUF012

    person_id: Mapped[int | None]
    institution_id: Mapped[int | None]
    visit_id: Mapped[int | None]
    meeting_id: Mapped[int | None]
    agreement_id: Mapped[int | None]
    name: Mapped[str]
    media_type: Mapped[str]
    size: Mapped[int]
    sha256: Mapped[str]
    content: Mapped[bytes] = deferred(s.attachment.c.content)


# --- merges --------------------------------------------------------------------------------------


class MergeRecord(Base):
    """Two people (or institutions) merged into one: what the merge changed, so it can be undone.

    The merged record's ``uid`` stays an alias of the kept record (the archive import maps it) until
    the merge is undone. ``snapshot`` is JSON: every row the merge touched, as it was before, and the
    rows it created (``services.duplicates``).
    """

    __table__ = s.merge_record

    id: Mapped[int]
    kind: Mapped[str]
    kept_id: Mapped[int]
    merged_id: Mapped[int]
    merged_uid: Mapped[str]
    merged_title: Mapped[str]
    created_at: Mapped[datetime]
    undone_at: Mapped[datetime | None]
    snapshot: Mapped[str]


# --- audit trail ---------------------------------------------------------------------------------


class AuditEntry(Base):
    """Who changed what and when (``schema.audit_entry``; ``store.audit`` writes, ``services.audit`` reads)."""

    __table__ = s.audit_entry

    id: Mapped[int]
    at: Mapped[datetime]
    user_name: Mapped[str]
    action: Mapped[str]
    kind: Mapped[str | None]
    record_id: Mapped[int | None]
    record_uid: Mapped[str | None]
    fields: Mapped[list[str]]
    detail: Mapped[dict[str, object]]


RECORD_MODELS: dict[RecordKind, type[RecordMixin]] = {
    RecordKind.PERSON: Person,
    RecordKind.INSTITUTION: Institution,
    RecordKind.VISIT: Visit,
    RecordKind.MEETING: Meeting,
    RecordKind.FOLLOWUP: FollowUp,
    RecordKind.AGREEMENT: Agreement,
    RecordKind.TOPIC: Topic,
    RecordKind.PROGRAMME_ITEM: ProgrammeItem,
}
"""The mapped class of each record kind (``tests/unit/test_kind_registry.py`` checks that none is missing)."""
