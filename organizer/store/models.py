"""SQLAlchemy 2.x typed models: the schema of an Organizer database.

Conventions:
- every top-level record has ``id`` (integer key used inside one database), ``uid`` (a stable string
  that survives export/import and lets a re-import recognise what it already has), ``created_at``,
  ``updated_at`` (UTC) and ``version`` (optimistic locking via ``version_id_col``);
- enums are stored as their short string values, so the file stays readable without the app;
- the MetaData has a naming convention so Alembic migrations name constraints the same everywhere;
- unbounded collections (attachments, positions, participants) are queried, never loaded wholesale
  into a parent object.

The schema is created and changed only by the Alembic migrations in ``migrations/``; a store test
checks that the migrations and these models agree.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, deferred, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

NAME_LEN = 300
"""Longest name or title we store; longer input is a validation error, not a silent cut."""
SHORT_LEN = 64


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def new_uid() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class RecordMixin:
    """Columns every top-level record carries."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(SHORT_LEN), unique=True, default=new_uid)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)


# --- topics --------------------------------------------------------------------------------------


class Topic(RecordMixin, Base):
    __tablename__ = "topic"
    __mapper_args__ = {"version_id_col": RecordMixin.version}  # noqa: RUF012

    name: Mapped[str] = mapped_column(String(NAME_LEN), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")


def _topic_link(table: str, owner_table: str) -> Table:
    """An association table (owner, topic); deleting either side deletes the link."""
    return Table(
        table,
        Base.metadata,
        Column(f"{owner_table}_id", ForeignKey(f"{owner_table}.id", ondelete="CASCADE"), primary_key=True),
        Column("topic_id", ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True, index=True),
    )


# --- institutions --------------------------------------------------------------------------------


class Institution(RecordMixin, Base):
    __tablename__ = "institution"
    __mapper_args__ = {"version_id_col": RecordMixin.version}  # noqa: RUF012

    name: Mapped[str] = mapped_column(String(NAME_LEN), index=True)
    short_name: Mapped[str] = mapped_column(String(NAME_LEN), default="")
    kind: Mapped[str] = mapped_column(String(SHORT_LEN), default="other")
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("institution.id", ondelete="RESTRICT"), index=True
    )
    country: Mapped[str] = mapped_column(String(NAME_LEN), default="")
    city: Mapped[str] = mapped_column(String(NAME_LEN), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str] = mapped_column(String(NAME_LEN), default="")
    profile: Mapped[str] = mapped_column(Text, default="")

    parent: Mapped[Institution | None] = relationship(remote_side="Institution.id")
    names: Mapped[list[InstitutionName]] = relationship(
        cascade="all, delete-orphan", order_by="InstitutionName.id"
    )
    topics: Mapped[list[Topic]] = relationship(secondary="institution_topic", order_by="Topic.name")


class InstitutionName(Base):
    __tablename__ = "institution_name"

    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institution.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(NAME_LEN))
    script: Mapped[str] = mapped_column(String(16), default="")
    language: Mapped[str] = mapped_column(String(16), default="")


institution_topic = _topic_link("institution_topic", "institution")


# --- people --------------------------------------------------------------------------------------


class Person(RecordMixin, Base):
    __tablename__ = "person"
    __mapper_args__ = {"version_id_col": RecordMixin.version}  # noqa: RUF012

    given_name: Mapped[str] = mapped_column(String(NAME_LEN), default="")
    family_name: Mapped[str] = mapped_column(String(NAME_LEN), default="", index=True)
    middle_name: Mapped[str] = mapped_column(String(NAME_LEN), default="")
    honorific: Mapped[str] = mapped_column(String(NAME_LEN), default="")
    form_of_address: Mapped[str] = mapped_column(String(NAME_LEN), default="")
    display_name: Mapped[str] = mapped_column(String(NAME_LEN), default="")
    sort_name: Mapped[str] = mapped_column(String(NAME_LEN * 2), default="", index=True)
    """Lower-cased "family given middle" (or the display name), kept by the service for sorted lists."""
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    biography: Mapped[str] = mapped_column(Text, default="")
    photo: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    photo_type: Mapped[str] = mapped_column(String(SHORT_LEN), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    names: Mapped[list[PersonName]] = relationship(cascade="all, delete-orphan", order_by="PersonName.id")
    emails: Mapped[list[PersonEmail]] = relationship(cascade="all, delete-orphan", order_by="PersonEmail.id")
    phones: Mapped[list[PersonPhone]] = relationship(cascade="all, delete-orphan", order_by="PersonPhone.id")
    tags: Mapped[list[PersonTag]] = relationship(cascade="all, delete-orphan", order_by="PersonTag.tag")
    topics: Mapped[list[Topic]] = relationship(secondary="person_topic", order_by="Topic.name")
    positions: Mapped[list[Position]] = relationship(
        cascade="all, delete-orphan", back_populates="person", order_by="Position.id"
    )


class PersonName(Base):
    __tablename__ = "person_name"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(NAME_LEN), index=True)
    script: Mapped[str] = mapped_column(String(16), default="")
    language: Mapped[str] = mapped_column(String(16), default="")


class PersonEmail(Base):
    __tablename__ = "person_email"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    address: Mapped[str] = mapped_column(String(NAME_LEN), index=True)
    label: Mapped[str] = mapped_column(String(SHORT_LEN), default="")


class PersonPhone(Base):
    __tablename__ = "person_phone"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(SHORT_LEN))
    label: Mapped[str] = mapped_column(String(SHORT_LEN), default="")


class PersonTag(Base):
    __tablename__ = "person_tag"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(SHORT_LEN), primary_key=True, index=True)


person_topic = _topic_link("person_topic", "person")


class Position(RecordMixin, Base):
    """A title a person holds (or held) at an institution or one of its units."""

    __tablename__ = "position"
    __mapper_args__ = {"version_id_col": RecordMixin.version}  # noqa: RUF012
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="dates"),
        # At most one current position per person; the service moves the flag.
        Index(
            "uq_position_current",
            "person_id",
            unique=True,
            sqlite_where=text("is_current = 1"),
            postgresql_where=text("is_current"),
        ),
    )

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institution.id", ondelete="RESTRICT"), index=True
    )
    title: Mapped[str] = mapped_column(String(NAME_LEN))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    is_current: Mapped[bool] = mapped_column(Boolean, default=False)

    person: Mapped[Person] = relationship(back_populates="positions")
    institution: Mapped[Institution] = relationship()


# --- visits --------------------------------------------------------------------------------------


class Visit(RecordMixin, Base):
    __tablename__ = "visit"
    __mapper_args__ = {"version_id_col": RecordMixin.version}  # noqa: RUF012
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="dates"),
    )

    title: Mapped[str] = mapped_column(String(NAME_LEN))
    direction: Mapped[str] = mapped_column(String(SHORT_LEN), default="incoming")
    start_date: Mapped[date | None] = mapped_column(Date, index=True)
    end_date: Mapped[date | None] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(NAME_LEN), default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(SHORT_LEN), default="planned", index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    arrival_at: Mapped[datetime | None] = mapped_column(DateTime)
    arrival_details: Mapped[str] = mapped_column(Text, default="")
    departure_at: Mapped[datetime | None] = mapped_column(DateTime)
    departure_details: Mapped[str] = mapped_column(Text, default="")
    lodging: Mapped[str] = mapped_column(Text, default="")
    transport: Mapped[str] = mapped_column(Text, default="")
    interpreter_needs: Mapped[str] = mapped_column(Text, default="")
    dietary_needs: Mapped[str] = mapped_column(Text, default="")

    institutions: Mapped[list[VisitInstitution]] = relationship(
        cascade="all, delete-orphan", order_by="VisitInstitution.id"
    )
    participants: Mapped[list[VisitParticipant]] = relationship(
        cascade="all, delete-orphan", order_by="VisitParticipant.id"
    )
    gifts: Mapped[list[Gift]] = relationship(cascade="all, delete-orphan", order_by="Gift.id")
    topics: Mapped[list[Topic]] = relationship(secondary="visit_topic", order_by="Topic.name")


class VisitInstitution(Base):
    """A visiting (guest) or host institution of a visit."""

    __tablename__ = "visit_institution"
    __table_args__ = (UniqueConstraint("visit_id", "institution_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institution.id", ondelete="RESTRICT"), index=True
    )
    side: Mapped[str] = mapped_column(String(16))

    institution: Mapped[Institution] = relationship()


class VisitParticipant(Base):
    """A delegation member (guest side) or host of a visit."""

    __tablename__ = "visit_participant"
    __table_args__ = (UniqueConstraint("visit_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    side: Mapped[str] = mapped_column(String(16))
    role: Mapped[str] = mapped_column(String(SHORT_LEN), default="member")
    precedence: Mapped[int] = mapped_column(Integer, default=0)

    person: Mapped[Person] = relationship()


class Gift(Base):
    __tablename__ = "gift"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    direction: Mapped[str] = mapped_column(String(16))
    description: Mapped[str] = mapped_column(Text)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), index=True)


visit_topic = _topic_link("visit_topic", "visit")


# --- meetings ------------------------------------------------------------------------------------


class Meeting(RecordMixin, Base):
    __tablename__ = "meeting"
    __mapper_args__ = {"version_id_col": RecordMixin.version}  # noqa: RUF012
    __table_args__ = (
        CheckConstraint("ends_at IS NULL OR starts_at IS NULL OR ends_at >= starts_at", name="times"),
    )

    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(NAME_LEN))
    kind: Mapped[str] = mapped_column(String(SHORT_LEN), default="meeting")
    starts_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    ends_at: Mapped[datetime | None] = mapped_column(DateTime)
    venue_institution_id: Mapped[int | None] = mapped_column(
        ForeignKey("institution.id", ondelete="SET NULL"), index=True
    )
    room: Mapped[str] = mapped_column(String(NAME_LEN), default="")
    objectives: Mapped[str] = mapped_column(Text, default="")
    talking_points: Mapped[str] = mapped_column(Text, default="")
    agenda: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    outcomes: Mapped[str] = mapped_column(Text, default="")

    visit: Mapped[Visit | None] = relationship()
    venue: Mapped[Institution | None] = relationship()
    participants: Mapped[list[MeetingParticipant]] = relationship(
        cascade="all, delete-orphan", order_by="MeetingParticipant.id"
    )
    topics: Mapped[list[Topic]] = relationship(secondary="meeting_topic", order_by="Topic.name")


class MeetingParticipant(Base):
    __tablename__ = "meeting_participant"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    side: Mapped[str] = mapped_column(String(16))
    role: Mapped[str] = mapped_column(String(SHORT_LEN), default="member")

    person: Mapped[Person] = relationship()


meeting_topic = _topic_link("meeting_topic", "meeting")


# --- follow-ups and agreements -------------------------------------------------------------------


class FollowUp(RecordMixin, Base):
    __tablename__ = "followup"
    __mapper_args__ = {"version_id_col": RecordMixin.version}  # noqa: RUF012

    description: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    owner_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    owner_institution_id: Mapped[int | None] = mapped_column(
        ForeignKey("institution.id", ondelete="SET NULL"), index=True
    )
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id", ondelete="SET NULL"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    owner_person: Mapped[Person | None] = relationship()
    owner_institution: Mapped[Institution | None] = relationship()
    visit: Mapped[Visit | None] = relationship()
    meeting: Mapped[Meeting | None] = relationship()


class Agreement(RecordMixin, Base):
    __tablename__ = "agreement"
    __mapper_args__ = {"version_id_col": RecordMixin.version}  # noqa: RUF012

    title: Mapped[str] = mapped_column(String(NAME_LEN))
    kind: Mapped[str] = mapped_column(String(SHORT_LEN), default="mou")
    status: Mapped[str] = mapped_column(String(SHORT_LEN), default="draft", index=True)
    signed_date: Mapped[date | None] = mapped_column(Date)
    signed_place: Mapped[str] = mapped_column(String(NAME_LEN), default="")
    valid_until: Mapped[date | None] = mapped_column(Date)
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id", ondelete="SET NULL"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"), index=True)
    summary: Mapped[str] = mapped_column(Text, default="")

    parties: Mapped[list[AgreementParty]] = relationship(
        cascade="all, delete-orphan", order_by="AgreementParty.id"
    )
    signatories: Mapped[list[AgreementSignatory]] = relationship(
        cascade="all, delete-orphan", order_by="AgreementSignatory.id"
    )


class AgreementParty(Base):
    __tablename__ = "agreement_party"
    __table_args__ = (UniqueConstraint("agreement_id", "institution_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"), index=True)
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institution.id", ondelete="RESTRICT"), index=True
    )
    institution: Mapped[Institution] = relationship()


class AgreementSignatory(Base):
    __tablename__ = "agreement_signatory"
    __table_args__ = (UniqueConstraint("agreement_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    institution_id: Mapped[int | None] = mapped_column(
        ForeignKey("institution.id", ondelete="SET NULL"), index=True
    )
    person: Mapped[Person] = relationship()


# --- attachments ---------------------------------------------------------------------------------

ATTACHMENT_OWNERS = ("person", "institution", "visit", "meeting", "agreement")


class Attachment(RecordMixin, Base):
    """A file kept with exactly one record; the bytes live in the database (size-limited)."""

    __tablename__ = "attachment"
    __mapper_args__ = {"version_id_col": RecordMixin.version}  # noqa: RUF012
    __table_args__ = (
        CheckConstraint(
            " + ".join(f"(CASE WHEN {o}_id IS NULL THEN 0 ELSE 1 END)" for o in ATTACHMENT_OWNERS) + " = 1",
            name="one_owner",
        ),
    )

    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    institution_id: Mapped[int | None] = mapped_column(
        ForeignKey("institution.id", ondelete="CASCADE"), index=True
    )
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    agreement_id: Mapped[int | None] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(NAME_LEN))
    media_type: Mapped[str] = mapped_column(String(NAME_LEN), default="application/octet-stream")
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))


# --- merges --------------------------------------------------------------------------------------


class MergeRecord(Base):
    """Two people (or institutions) merged into one: what the merge changed, so it can be undone.

    The merged record's ``uid`` stays an alias of the kept record (the archive import maps it) until
    the merge is undone. ``snapshot`` is JSON: every row the merge touched, as it was before, and the
    rows it created (``services.duplicates``). No foreign keys: it is history, kept whatever happens.
    """

    __tablename__ = "merge_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    kept_id: Mapped[int] = mapped_column(Integer, index=True)
    merged_id: Mapped[int] = mapped_column(Integer)
    merged_uid: Mapped[str] = mapped_column(String(SHORT_LEN), index=True)
    merged_title: Mapped[str] = mapped_column(String(NAME_LEN), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)
    snapshot: Mapped[str] = mapped_column(Text)


# --- audit trail ---------------------------------------------------------------------------------


class AuditEntry(Base):
    """Who changed what and when: one row per created, changed, deleted, merged, unmerged or erased
    record, and one per archive import (``store.audit`` writes them; ``services.audit`` reads them).

    ``kind``/``record_id`` name the record (no foreign key: the history of a deleted record stays);
    ``fields`` lists the changed fields by name (never their values); ``detail`` holds what an action
    adds (a merge's other record, an import's counts). The trail is local to this database: it is not
    part of the archive export.
    """

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_record", "kind", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    user_name: Mapped[str] = mapped_column(String(NAME_LEN), default="")
    action: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str | None] = mapped_column(String(16))
    record_id: Mapped[int | None] = mapped_column(Integer)
    record_uid: Mapped[str | None] = mapped_column(String(SHORT_LEN))
    fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    detail: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
