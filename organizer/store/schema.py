"""The tables of an Organizer database, as SQLAlchemy Core ``Table`` objects: the one place columns are defined.

Conventions:
- every top-level record has ``id`` (integer key used inside one database), ``uid`` (a stable string
  that survives export/import and lets a re-import recognise what it already has), ``created_at``,
  ``updated_at`` (UTC) and ``version`` (optimistic locking: the ORM mapping sets ``version_id_col``);
- enums are stored as their short string values, so the file stays readable without the app;
- the MetaData has a naming convention so Alembic migrations name constraints the same everywhere;
- columns are NOT NULL unless declared with ``_opt``.

Why Core tables and not declarative classes: reading needs only these tables. Commands that read
(``organizer list``, ``organizer show``, the window's first rows) run their queries on them and never
import ``sqlalchemy.orm`` nor build mapped classes, which would cost about a fifth of a second at every
start. ``models.py`` maps the ORM classes the services write with onto these same tables
(``__table__``), so a new column is added here (and given a typed attribute there).

The schema is created and changed only by the Alembic migrations in ``migrations/``; a store test
checks that the migrations and these tables agree.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

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

metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def new_uid() -> str:
    return str(uuid.uuid4())


def _c(name: str, *args: Any, **kwargs: Any) -> Column[Any]:
    """A NOT NULL column."""
    return Column(name, *args, nullable=False, **kwargs)


def _opt(name: str, *args: Any, **kwargs: Any) -> Column[Any]:
    """A column that may hold NULL."""
    return Column(name, *args, nullable=True, **kwargs)


def _text(name: str, length: int | None = NAME_LEN) -> Column[Any]:
    """A NOT NULL text column that defaults to the empty string."""
    return _c(name, String(length) if length else Text, default="")


def _record_columns() -> list[Column[Any]]:
    """Columns every top-level record carries (after its own)."""
    return [
        _c("id", Integer, primary_key=True),
        _c("uid", String(SHORT_LEN), unique=True, default=new_uid),
        _c("created_at", DateTime, default=utcnow),
        _c("updated_at", DateTime, default=utcnow, onupdate=utcnow),
        _c("version", Integer, default=1),
    ]


def _fk(name: str, target: str, ondelete: str, *, null: bool = False, **kwargs: Any) -> Column[Any]:
    """A foreign key column to ``target``'s id, indexed."""
    return Column(name, ForeignKey(f"{target}.id", ondelete=ondelete), nullable=null, index=True, **kwargs)


def _topic_link(table: str, owner_table: str) -> Table:
    """An association table (owner, topic); deleting either side deletes the link."""
    return Table(
        table,
        metadata,
        _c(f"{owner_table}_id", ForeignKey(f"{owner_table}.id", ondelete="CASCADE"), primary_key=True),
        _c("topic_id", ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True, index=True),
    )


def _dates_check(start: str, end: str, name: str) -> CheckConstraint:
    return CheckConstraint(f"{end} IS NULL OR {start} IS NULL OR {end} >= {start}", name=name)


# --- topics --------------------------------------------------------------------------------------

topic = Table(
    "topic", metadata,
    _c("name", String(NAME_LEN), unique=True),
    _text("description", None),
    *_record_columns(),
)

# --- institutions --------------------------------------------------------------------------------

institution = Table(
    "institution", metadata,
    _c("name", String(NAME_LEN), index=True),
    _text("short_name"),
    _c("kind", String(SHORT_LEN), default="other"),
    _fk("parent_id", "institution", "RESTRICT", null=True),
    _text("country"),
    _text("city"),
    _text("address", None),
    _text("website"),
    _text("profile", None),
    *_record_columns(),
)

institution_name = Table(
    "institution_name", metadata,
    _c("id", Integer, primary_key=True),
    _fk("institution_id", "institution", "CASCADE"),
    _c("name", String(NAME_LEN)),
    _text("script", 16),
    _text("language", 16),
)

institution_topic = _topic_link("institution_topic", "institution")

# --- people --------------------------------------------------------------------------------------

person = Table(
    "person", metadata,
    _text("given_name"),
    _c("family_name", String(NAME_LEN), default="", index=True),
    _text("middle_name"),
    _text("honorific"),
    _text("form_of_address"),
    _text("display_name"),
    # Lower-cased "family given middle" (or the display name), kept by the service for sorted lists.
    _c("sort_name", String(NAME_LEN * 2), default="", index=True),
    _c("languages", JSON, default=list),
    _text("biography", None),
    _opt("photo", LargeBinary),
    _text("photo_type", SHORT_LEN),
    _text("notes", None),
    *_record_columns(),
)

person_name = Table(
    "person_name", metadata,
    _c("id", Integer, primary_key=True),
    _fk("person_id", "person", "CASCADE"),
    _c("name", String(NAME_LEN), index=True),
    _text("script", 16),
    _text("language", 16),
)

person_email = Table(
    "person_email", metadata,
    _c("id", Integer, primary_key=True),
    _fk("person_id", "person", "CASCADE"),
    _c("address", String(NAME_LEN), index=True),
    _text("label", SHORT_LEN),
)

person_phone = Table(
    "person_phone", metadata,
    _c("id", Integer, primary_key=True),
    _fk("person_id", "person", "CASCADE"),
    _c("number", String(SHORT_LEN)),
    _text("label", SHORT_LEN),
)

person_tag = Table(
    "person_tag", metadata,
    _c("person_id", ForeignKey("person.id", ondelete="CASCADE"), primary_key=True),
    _c("tag", String(SHORT_LEN), primary_key=True, index=True),
)

person_topic = _topic_link("person_topic", "person")

POSITION_CURRENT = Index("uq_position_current", "person_id", unique=True, sqlite_where=text("is_current = 1"))
"""At most one current position per person; the service moves the flag (see ``add_postgresql_options``)."""

position = Table(
    "position", metadata,
    _fk("person_id", "person", "CASCADE"),
    _fk("institution_id", "institution", "RESTRICT"),
    _c("title", String(NAME_LEN)),
    _opt("start_date", Date),
    _opt("end_date", Date),
    _c("is_current", Boolean, default=False),
    *_record_columns(),
    _dates_check("start_date", "end_date", "dates"),
    POSITION_CURRENT,
)
"""A title a person holds (or held) at an institution or one of its units."""

# --- visits --------------------------------------------------------------------------------------

visit = Table(
    "visit", metadata,
    _c("title", String(NAME_LEN)),
    _c("direction", String(SHORT_LEN), default="incoming"),
    _opt("start_date", Date, index=True),
    _opt("end_date", Date),
    _text("place"),
    _text("purpose", None),
    _c("status", String(SHORT_LEN), default="planned", index=True),
    _text("summary", None),
    _opt("arrival_at", DateTime),
    _text("arrival_details", None),
    _opt("departure_at", DateTime),
    _text("departure_details", None),
    _text("lodging", None),
    _text("transport", None),
    _text("interpreter_needs", None),
    _text("dietary_needs", None),
    *_record_columns(),
    _dates_check("start_date", "end_date", "dates"),
)

visit_institution = Table(
    "visit_institution", metadata,
    _c("id", Integer, primary_key=True),
    _fk("visit_id", "visit", "CASCADE"),
    _fk("institution_id", "institution", "RESTRICT"),
    _c("side", String(16)),
    UniqueConstraint("visit_id", "institution_id"),
)
"""A visiting (guest) or host institution of a visit."""

visit_participant = Table(
    "visit_participant", metadata,
    _c("id", Integer, primary_key=True),
    _fk("visit_id", "visit", "CASCADE"),
    _fk("person_id", "person", "RESTRICT"),
    _c("side", String(16)),
    _c("role", String(SHORT_LEN), default="member"),
    _c("precedence", Integer, default=0),
    UniqueConstraint("visit_id", "person_id"),
)
"""A delegation member (guest side) or host of a visit."""

gift = Table(
    "gift", metadata,
    _c("id", Integer, primary_key=True),
    _fk("visit_id", "visit", "CASCADE"),
    _c("direction", String(16)),
    _c("description", Text),
    _fk("person_id", "person", "SET NULL", null=True),
)

visit_topic = _topic_link("visit_topic", "visit")

# --- meetings ------------------------------------------------------------------------------------

meeting = Table(
    "meeting", metadata,
    _fk("visit_id", "visit", "CASCADE", null=True),
    _c("title", String(NAME_LEN)),
    _c("kind", String(SHORT_LEN), default="meeting"),
    _opt("starts_at", DateTime, index=True),
    _opt("ends_at", DateTime),
    _fk("venue_institution_id", "institution", "SET NULL", null=True),
    _text("room"),
    _text("objectives", None),
    _text("talking_points", None),
    _text("agenda", None),
    _text("notes", None),
    _text("outcomes", None),
    *_record_columns(),
    _dates_check("starts_at", "ends_at", "times"),
)

meeting_participant = Table(
    "meeting_participant", metadata,
    _c("id", Integer, primary_key=True),
    _fk("meeting_id", "meeting", "CASCADE"),
    _fk("person_id", "person", "RESTRICT"),
    _c("side", String(16)),
    _c("role", String(SHORT_LEN), default="member"),
    UniqueConstraint("meeting_id", "person_id"),
)

meeting_topic = _topic_link("meeting_topic", "meeting")

# --- follow-ups and agreements -------------------------------------------------------------------

followup = Table(
    "followup", metadata,
    _c("description", Text),
    _c("status", String(16), default="open", index=True),
    _opt("due_date", Date, index=True),
    _fk("owner_person_id", "person", "SET NULL", null=True),
    _fk("owner_institution_id", "institution", "SET NULL", null=True),
    _fk("visit_id", "visit", "SET NULL", null=True),
    _fk("meeting_id", "meeting", "SET NULL", null=True),
    _text("notes", None),
    *_record_columns(),
)

agreement = Table(
    "agreement", metadata,
    _c("title", String(NAME_LEN)),
    _c("kind", String(SHORT_LEN), default="mou"),
    _c("status", String(SHORT_LEN), default="draft", index=True),
    _opt("signed_date", Date),
    _text("signed_place"),
    _opt("valid_until", Date),
    _fk("visit_id", "visit", "SET NULL", null=True),
    _fk("meeting_id", "meeting", "SET NULL", null=True),
    _text("summary", None),
    *_record_columns(),
)

agreement_party = Table(
    "agreement_party", metadata,
    _c("id", Integer, primary_key=True),
    _fk("agreement_id", "agreement", "CASCADE"),
    _fk("institution_id", "institution", "RESTRICT"),
    UniqueConstraint("agreement_id", "institution_id"),
)

agreement_signatory = Table(
    "agreement_signatory", metadata,
    _c("id", Integer, primary_key=True),
    _fk("agreement_id", "agreement", "CASCADE"),
    _fk("person_id", "person", "RESTRICT"),
    _fk("institution_id", "institution", "SET NULL", null=True),
    UniqueConstraint("agreement_id", "person_id"),
)

# --- attachments ---------------------------------------------------------------------------------

ATTACHMENT_OWNERS = ("person", "institution", "visit", "meeting", "agreement")

attachment = Table(
    "attachment", metadata,
    *(_fk(f"{owner}_id", owner, "CASCADE", null=True) for owner in ATTACHMENT_OWNERS),
    _c("name", String(NAME_LEN)),
    _c("media_type", String(NAME_LEN), default="application/octet-stream"),
    _c("size", Integer),
    _c("sha256", String(64), index=True),
    _opt("content", LargeBinary),
    *_record_columns(),
    CheckConstraint(
        " + ".join(f"(CASE WHEN {o}_id IS NULL THEN 0 ELSE 1 END)" for o in ATTACHMENT_OWNERS) + " = 1",
        name="one_owner",
    ),
)
"""A file kept with exactly one record; the bytes live in the database (size-limited)."""

# --- merges --------------------------------------------------------------------------------------

merge_record = Table(
    "merge_record", metadata,
    _c("id", Integer, primary_key=True),
    _c("kind", String(16)),
    _c("kept_id", Integer, index=True),
    _c("merged_id", Integer),
    _c("merged_uid", String(SHORT_LEN), index=True),
    _text("merged_title"),
    _c("created_at", DateTime, default=utcnow),
    _opt("undone_at", DateTime),
    _c("snapshot", Text),
)
"""Two people (or institutions) merged into one: what the merge changed, so it can be undone
(``services.duplicates``). No foreign keys: it is history, kept whatever happens."""

# --- audit trail ---------------------------------------------------------------------------------

audit_entry = Table(
    "audit_entry", metadata,
    _c("id", Integer, primary_key=True),
    _c("at", DateTime, default=utcnow),
    _text("user_name"),
    _c("action", String(16)),
    _opt("kind", String(16)),
    _opt("record_id", Integer),
    _opt("record_uid", String(SHORT_LEN)),
    _c("fields", JSON, default=list),
    _c("detail", JSON, default=dict),
    Index("ix_audit_entry_record", "kind", "record_id"),
)
"""Who changed what and when: one row per created, changed, deleted, merged, unmerged or erased
record, and one per archive import (``store.audit`` writes them; ``services.audit`` reads them).

``kind``/``record_id`` name the record (no foreign key: the history of a deleted record stays);
``fields`` lists the changed fields by name (never their values); ``detail`` holds what an action
adds (a merge's other record, an import's counts). The trail is local to this database: it is not
part of the archive export."""


def add_postgresql_options() -> None:
    """Give the tables their PostgreSQL-only options: the condition of the partial index on current positions.

    They are not written into the tables above because naming any ``postgresql_...`` option makes
    SQLAlchemy import its PostgreSQL dialect, a twentieth of a second at every start of every command,
    on SQLite too. ``create_db_engine`` calls this for a PostgreSQL URL (the dialect is loaded then
    anyway), and so does the Alembic environment; only DDL and schema comparisons read these options.
    """
    POSITION_CURRENT.dialect_kwargs["postgresql_where"] = text("is_current")
