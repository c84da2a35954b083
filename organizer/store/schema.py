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

Each table is built on first use: ``schema.visit`` calls ``_visit()`` (registered with ``@_table``)
the first time it is read, and builds the tables its foreign keys name with it. Building all of them
takes about as long as the rest of a short command, and ``organizer list visits`` needs three. Whatever
needs the whole schema (Alembic, the ORM mapping, merges) calls ``load_all()``. To add a table: write
its ``@_table`` builder and declare its name in the ``TYPE_CHECKING`` block (for type checkers).

The schema is created and changed only by the Alembic migrations in ``migrations/``; a store test
checks that the migrations and these tables agree.

Longer than 500 lines on purpose: every table of the database, one builder each, is "the one place
columns are defined"; splitting it would scatter the foreign keys that tie the tables together.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

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
POSITION_CURRENT = "uq_position_current"
"""The partial unique index that allows one current position per person."""

metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def new_uid() -> str:
    """A random (version 4) UUID as text: ``str(uuid.uuid4())`` without building a ``UUID`` object (a bulk
    import makes one per new position, 100,000 for 50,000 people)."""
    b = bytearray(os.urandom(16))
    b[6] = b[6] & 0x0F | 0x40  # version 4
    b[8] = b[8] & 0x3F | 0x80  # the RFC 4122 variant
    h = b.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _c(name: str, *args: Any, **kwargs: Any) -> Column[Any]:
    """A NOT NULL column."""
    return Column(name, *args, nullable=False, **kwargs)


def _opt(name: str, *args: Any, **kwargs: Any) -> Column[Any]:
    """A column that may hold NULL."""
    return Column(name, *args, nullable=True, **kwargs)


def _text(name: str, length: int | None = NAME_LEN) -> Column[Any]:
    """A NOT NULL text column that defaults to the empty string."""
    return _c(name, String(length) if length else Text, default="")


def _variants() -> Column[Any]:
    """Language variants of a record's (or row's) translatable fields: ``{"title": {"ru": "..."}}``
    (``domain.variants``)."""
    return _c("variants", JSON, default=dict)


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


_BUILDERS: dict[str, Callable[[], Table]] = {}
_BUILDING = threading.RLock()


def _table(build: Callable[[], Table]) -> Callable[[], Table]:
    """Register ``_name()`` as the builder of the table ``name`` (built on first use, see the module docstring)."""
    _BUILDERS[build.__name__.removeprefix("_")] = build
    return build


if TYPE_CHECKING:
    agreement: Table
    agreement_party: Table
    agreement_signatory: Table
    attachment: Table
    audit_entry: Table
    followup: Table
    gift: Table
    institution: Table
    institution_name: Table
    institution_topic: Table
    meeting: Table
    meeting_participant: Table
    meeting_topic: Table
    merge_record: Table
    person: Table
    person_email: Table
    person_name: Table
    person_phone: Table
    person_tag: Table
    person_topic: Table
    position: Table
    programme_item: Table
    topic: Table
    visit: Table
    visit_institution: Table
    visit_participant: Table
    visit_topic: Table


def table(name: str) -> Table:
    """The table ``name``, built on first use together with the tables its foreign keys name."""
    built = globals().get(name)
    if isinstance(built, Table):
        return built
    build = _BUILDERS.get(name)
    if build is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    with _BUILDING:  # two threads asking at once would define the table twice
        made = metadata.tables.get(name)
        if made is None:
            made = build()
            globals()[name] = made
            for key in made.foreign_keys:
                table(key.target_fullname.partition(".")[0])
        globals()[name] = made
        return made


if not TYPE_CHECKING:
    __getattr__ = table  # ``schema.person`` (PEP 562: called for names not built yet)


def load_all() -> MetaData:
    """Build every table (what Alembic, the ORM mapping and whole-database work need); the metadata."""
    for name in _BUILDERS:
        table(name)
    return metadata


# --- topics --------------------------------------------------------------------------------------


@_table
def _topic() -> Table:
    return Table(
        "topic", metadata,
        _c("name", String(NAME_LEN), unique=True),
        _text("description", None),
        _variants(),
        *_record_columns(),
    )


# --- institutions --------------------------------------------------------------------------------


@_table
def _institution() -> Table:
    return Table(
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
        _variants(),
        *_record_columns(),
    )


@_table
def _institution_name() -> Table:
    return Table(
        "institution_name", metadata,
        _c("id", Integer, primary_key=True),
        _fk("institution_id", "institution", "CASCADE"),
        _c("name", String(NAME_LEN)),
        _text("script", 16),
        _text("language", 16),
    )


@_table
def _institution_topic() -> Table:
    return _topic_link("institution_topic", "institution")


# --- people --------------------------------------------------------------------------------------


@_table
def _person() -> Table:
    return Table(
        "person", metadata,
        _text("given_name"),
        _c("family_name", String(NAME_LEN), default="", index=True),
        _text("middle_name"),
        _text("honorific"),
        _text("form_of_address"),
        _text("display_name"),
        _text("gender", SHORT_LEN),  # "", "female", "male" (domain.enums.Gender)
        # Lower-cased "family given middle" (or the display name), kept by the service for sorted lists.
        _c("sort_name", String(NAME_LEN * 2), default="", index=True),
        _c("languages", JSON, default=list),
        _text("biography", None),
        # What the person eats or avoids ("halal", "no nuts") and the interpretation they need
        # ("Russian-English, consecutive"): shown with the visits they take part in.
        _text("dietary_needs", None),
        _text("interpreter_needs", None),
        _opt("photo", LargeBinary),
        _text("photo_type", SHORT_LEN),
        _text("notes", None),
        _text("academic_title"),
        _variants(),
        *_record_columns(),
    )


@_table
def _person_name() -> Table:
    return Table(
        "person_name", metadata,
        _c("id", Integer, primary_key=True),
        _fk("person_id", "person", "CASCADE"),
        _c("name", String(NAME_LEN), index=True),
        _text("script", 16),
        _text("language", 16),
    )


@_table
def _person_email() -> Table:
    return Table(
        "person_email", metadata,
        _c("id", Integer, primary_key=True),
        _fk("person_id", "person", "CASCADE"),
        _c("address", String(NAME_LEN), index=True),
        _text("label", SHORT_LEN),
    )


@_table
def _person_phone() -> Table:
    return Table(
        "person_phone", metadata,
        _c("id", Integer, primary_key=True),
        _fk("person_id", "person", "CASCADE"),
        _c("number", String(SHORT_LEN)),
        _text("label", SHORT_LEN),
    )


@_table
def _person_tag() -> Table:
    return Table(
        "person_tag", metadata,
        _c("person_id", ForeignKey("person.id", ondelete="CASCADE"), primary_key=True),
        _c("tag", String(SHORT_LEN), primary_key=True, index=True),
    )


@_table
def _person_topic() -> Table:
    return _topic_link("person_topic", "person")


@_table
def _position() -> Table:
    """A title a person holds (or held) at an institution or one of its units."""
    return Table(
        "position", metadata,
        _fk("person_id", "person", "CASCADE"),
        _fk("institution_id", "institution", "RESTRICT"),
        _c("title", String(NAME_LEN)),
        _opt("start_date", Date),
        _opt("end_date", Date),
        _c("is_current", Boolean, default=False),
        _variants(),
        *_record_columns(),
        _dates_check("start_date", "end_date", "dates"),
        # At most one current position per person; the service moves the flag (see add_postgresql_options).
        Index(POSITION_CURRENT, "person_id", unique=True, sqlite_where=text("is_current = 1")),
    )


# --- visits --------------------------------------------------------------------------------------


@_table
def _visit() -> Table:
    return Table(
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
        _variants(),
        *_record_columns(),
        _text("desired_outcomes", None),
        _text("key_messages", None),
        _text("sensitivities", None),
        _dates_check("start_date", "end_date", "dates"),
    )


@_table
def _visit_institution() -> Table:
    """A visiting (guest) or host institution of a visit."""
    return Table(
        "visit_institution", metadata,
        _c("id", Integer, primary_key=True),
        _fk("visit_id", "visit", "CASCADE"),
        _fk("institution_id", "institution", "RESTRICT"),
        _c("side", String(16)),
        UniqueConstraint("visit_id", "institution_id"),
    )


@_table
def _visit_participant() -> Table:
    """A delegation member (guest side) or host of a visit."""
    return Table(
        "visit_participant", metadata,
        _c("id", Integer, primary_key=True),
        _fk("visit_id", "visit", "CASCADE"),
        _fk("person_id", "person", "RESTRICT"),
        _c("side", String(16)),
        _c("role", String(SHORT_LEN), default="member"),
        _c("precedence", Integer, default=0),
        UniqueConstraint("visit_id", "person_id"),
    )


@_table
def _gift() -> Table:
    return Table(
        "gift", metadata,
        _c("id", Integer, primary_key=True),
        _fk("visit_id", "visit", "CASCADE"),
        _c("direction", String(16)),
        _c("description", Text),
        _fk("person_id", "person", "SET NULL", null=True),
        _variants(),
    )


@_table
def _visit_topic() -> Table:
    return _topic_link("visit_topic", "visit")


# --- meetings ------------------------------------------------------------------------------------


@_table
def _meeting() -> Table:
    return Table(
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
        _variants(),
        *_record_columns(),
        _dates_check("starts_at", "ends_at", "times"),
    )


@_table
def _meeting_participant() -> Table:
    return Table(
        "meeting_participant", metadata,
        _c("id", Integer, primary_key=True),
        _fk("meeting_id", "meeting", "CASCADE"),
        _fk("person_id", "person", "RESTRICT"),
        _c("side", String(16)),
        _c("role", String(SHORT_LEN), default="member"),
        UniqueConstraint("meeting_id", "person_id"),
    )


@_table
def _meeting_topic() -> Table:
    return _topic_link("meeting_topic", "meeting")


@_table
def _programme_item() -> Table:
    """An item of a visit's programme that is not a meeting: arrival, departure, transfer, meal, break."""
    return Table(
        "programme_item", metadata,
        _fk("visit_id", "visit", "CASCADE"),
        _c("kind", String(SHORT_LEN), default="other"),
        _c("title", String(NAME_LEN), default=""),
        _opt("starts_at", DateTime, index=True),
        _opt("ends_at", DateTime),
        _text("place"),
        _fk("escort_person_id", "person", "SET NULL", null=True),
        _text("transport", None),
        _text("notes", None),
        _variants(),
        *_record_columns(),
        _dates_check("starts_at", "ends_at", "times"),
    )


# --- follow-ups and agreements -------------------------------------------------------------------


@_table
def _followup() -> Table:
    return Table(
        "followup", metadata,
        _c("description", Text),
        _c("status", String(16), default="open", index=True),
        _opt("due_date", Date, index=True),
        _fk("owner_person_id", "person", "SET NULL", null=True),
        _fk("owner_institution_id", "institution", "SET NULL", null=True),
        _fk("visit_id", "visit", "SET NULL", null=True),
        _fk("meeting_id", "meeting", "SET NULL", null=True),
        _text("notes", None),
        _opt("done_on", Date),  # when it was marked done (None: open, or done before 0008)
        _text("done_note", None),  # what was said when it was marked done
        _variants(),
        *_record_columns(),
    )


@_table
def _agreement() -> Table:
    return Table(
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
        _variants(),
        *_record_columns(),
    )


@_table
def _agreement_party() -> Table:
    return Table(
        "agreement_party", metadata,
        _c("id", Integer, primary_key=True),
        _fk("agreement_id", "agreement", "CASCADE"),
        _fk("institution_id", "institution", "RESTRICT"),
        UniqueConstraint("agreement_id", "institution_id"),
    )


@_table
def _agreement_signatory() -> Table:
    return Table(
        "agreement_signatory", metadata,
        _c("id", Integer, primary_key=True),
        _fk("agreement_id", "agreement", "CASCADE"),
        _fk("person_id", "person", "RESTRICT"),
        _fk("institution_id", "institution", "SET NULL", null=True),
        UniqueConstraint("agreement_id", "person_id"),
    )


# --- attachments ---------------------------------------------------------------------------------

ATTACHMENT_OWNERS = ("person", "institution", "visit", "meeting", "agreement")


@_table
def _attachment() -> Table:
    """A file kept with exactly one record; the bytes live in the database (size-limited)."""
    return Table(
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


# --- merges --------------------------------------------------------------------------------------


@_table
def _merge_record() -> Table:
    """Two people (or institutions) merged into one: what the merge changed, so it can be undone
    (``services.duplicates``). No foreign keys: it is history, kept whatever happens."""
    return Table(
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


# --- audit trail ---------------------------------------------------------------------------------


@_table
def _audit_entry() -> Table:
    """Who changed what and when: one row per created, changed, deleted, merged, unmerged or erased
    record, and one per archive import (``store.audit`` writes them; ``services.audit`` reads them).

    ``kind``/``record_id`` name the record (no foreign key: the history of a deleted record stays);
    ``fields`` lists the changed fields by name (never their values); ``detail`` holds what an action
    adds (a merge's other record, an import's counts). The trail is local to this database: it is not
    part of the archive export."""
    return Table(
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


def add_postgresql_options() -> None:
    """Give the tables their PostgreSQL-only options: the condition of the partial index on current positions.

    They are not written into the tables above because naming any ``postgresql_...`` option makes
    SQLAlchemy import its PostgreSQL dialect, a twentieth of a second at every start of every command,
    on SQLite too. ``create_db_engine`` calls this for a PostgreSQL URL (the dialect is loaded then
    anyway), and so does the Alembic environment; only DDL and schema comparisons read these options.
    """
    index = next(i for i in table("position").indexes if i.name == POSITION_CURRENT)
    index.dialect_kwargs["postgresql_where"] = text("is_current")
