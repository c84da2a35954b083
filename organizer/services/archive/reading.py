"""Reading one record of an Organizer archive: typed values, references by uid, the input of its kind.

``RecordReader`` gives typed access to one JSON record and turns every type mistake into a
``ValidationError`` that names the record and field (``people[3] (uid).positions[0]``);
``UidResolver`` maps the uids a record refers to onto ids in the database, whether the record came
earlier in the same file or was there already (or was merged into one that is). The importer
(``archive.importer``) builds records from both, through ``data_reader``: a function from an archive
record to the ``*Data`` input of a kind, made from the kind's field table (``domain.fields``).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from organizer.domain.enums import RecordKind, parse_enum
from organizer.domain.errors import ValidationError
from organizer.domain.fields import Field, FieldTable, FieldType
from organizer.domain.records import (
    ContactEntry,
    NameVariant,
    TextVariant,
)
from organizer.services._records import FREE_UIDS, KNOWN_IDS
from organizer.store import models as m

KIND_OF: dict[type[m.RecordMixin], RecordKind] = {model: kind for kind, model in m.RECORD_MODELS.items()}
"""The record kind of each mapped class (its table's name)."""
INT_LIMIT = 2**31 - 1
"""Largest whole number a field of an archive may hold (32-bit integer columns)."""


def excerpt(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else f"{text[:limit - 1]}… ({len(text):,} characters)"


class RecordReader:
    """Typed access to one JSON record, turning every type mistake into a ValidationError.

    A nested part (a position of a person...) names itself after its record, ``people[3] (uid).positions[0]``;
    the name is only built when a message needs it."""

    __slots__ = ("_index", "_key", "_parent", "_where", "raw")

    def __init__(self, raw: Any, where: str | None, parent: RecordReader | None = None, key: str = "",
                 index: int = 0) -> None:
        self._where, self._parent, self._key, self._index = where, parent, key, index
        if not isinstance(raw, Mapping):
            raise ValidationError(f"expected an object, got {type(raw).__name__}", record=self.where)
        self.raw = raw

    @property
    def where(self) -> str:
        if self._where is None:
            assert self._parent is not None
            self._where = f"{self._parent.where}.{self._key}[{self._index}]"
        return self._where

    @where.setter
    def where(self, value: str) -> None:
        self._where = value

    def fail(self, key: str, message: str) -> ValidationError:
        return ValidationError({key: message}, record=self.where)

    def text(self, key: str, default: str = "") -> str:
        value = self.raw.get(key, default)
        if value is None:
            return default
        if not isinstance(value, str):
            raise self.fail(key, f"expected text, got {type(value).__name__}")
        return value

    def opt_text(self, key: str) -> str | None:
        value = self.text(key)
        return value or None

    def integer(self, key: str, default: int = 0) -> int:
        value = self.raw.get(key, default)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, f"expected a whole number, got {excerpt(repr(value))}")
        if not -INT_LIMIT <= value <= INT_LIMIT:
            raise self.fail(key, f"the number {excerpt(str(value))} is out of range (at most {INT_LIMIT:,})")
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.raw.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, f"expected true or false, got {value!r}")
        return value

    def seq(self, key: str) -> list[Any]:
        value = self.raw.get(key) or []
        if not isinstance(value, list):
            raise self.fail(key, f"expected a list, got {type(value).__name__}")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        items = self.seq(key)
        for i, item in enumerate(items):
            if not isinstance(item, str):
                raise self.fail(f"{key}[{i}]", f"expected text, got {type(item).__name__}")
        return tuple(items)

    def items(self, key: str) -> list[RecordReader]:
        return [RecordReader(item, None, self, key, i) for i, item in enumerate(self.seq(key))]

    def day(self, key: str) -> date | None:
        value = self.text(key)
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.fail(key, f"{excerpt(repr(value))} is not a date (YYYY-MM-DD)") from None

    def moment(self, key: str) -> datetime | None:
        value = self.text(key)
        if not value:
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise self.fail(key, f"{excerpt(repr(value))} is not a date and time (YYYY-MM-DDTHH:MM)") from None
        if parsed.tzinfo is not None:
            raise self.fail(key, f"{excerpt(repr(value))} has a time zone offset; times are the local time at "
                                 "the venue, without an offset (YYYY-MM-DDTHH:MM)")
        return parsed

    def stamp(self, key: str) -> datetime | None:
        """A record's ``created_at`` / ``updated_at``: ISO date and time in UTC as exported (an offset, if
        given, is converted to UTC); None when the record leaves it out (archive version 1 never has it)."""
        value = self.text(key)
        if not value:
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise self.fail(key, f"{excerpt(repr(value))} is not a date and time (YYYY-MM-DDTHH:MM:SS, UTC)") from None
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(UTC).replace(tzinfo=None)
        return parsed

    def contacts(self, key: str) -> tuple[ContactEntry, ...]:
        out = []
        for i, item in enumerate(self.seq(key)):
            if isinstance(item, str):
                out.append(ContactEntry(item))
            else:
                r = RecordReader(item, None, self, key, i)
                out.append(ContactEntry(r.text("value"), r.text("label")))
        return tuple(out)

    def variants(self, key: str = "name_variants") -> tuple[NameVariant, ...]:
        out = []
        for i, item in enumerate(self.seq(key)):
            if isinstance(item, str):
                out.append(NameVariant(item))
            else:
                r = RecordReader(item, None, self, key, i)
                out.append(NameVariant(r.text("name"), r.text("script"), r.text("language")))
        return tuple(out)


class UidResolver:
    """Maps uids in the file to ids in the database (records imported earlier or already there)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._ids: dict[tuple[type[m.RecordMixin], str], int] = {}
        # Every id handed out here exists in this transaction: the services need not load it again.
        self._known: set[tuple[type[Any], int]] = session.info.setdefault(KNOWN_IDS, set())
        self._present: dict[type[m.RecordMixin], set[str]] = {}
        self._none_stored: dict[type[m.RecordMixin], bool] = {}
        # Records this import created through the ORM, whose ids are known once they are flushed.
        self._unflushed: list[tuple[type[m.RecordMixin], m.RecordMixin]] = []
        # uids ``exists`` found unused: the services' ``uid_free`` need not look them up again.
        self._free: set[tuple[type[Any], str]] = session.info.setdefault(FREE_UIDS, set())

    def id_of(self, model: type[m.RecordMixin], uid: str | None, reader: RecordReader, key: str) -> int | None:
        if not uid:
            return None
        cached = self._ids.get((model, uid))
        if cached is not None:
            return cached
        if self._unflushed:
            self.flushed()  # records of this file not written yet (institutions wait for their units)
            cached = self._ids.get((model, uid))
            if cached is not None:
                return cached
        ident = self.session.scalar(select(model.id).where(model.uid == uid))
        if ident is None and self.session.new:
            self.session.flush()
            ident = self.session.scalar(select(model.id).where(model.uid == uid))
        if ident is None:
            ident = self._merged_into(model, uid)  # a merged record's uid stands for the record it went into
        if ident is None:
            raise reader.fail(key, f"refers to {uid!r}, which is neither in the file nor in the database")
        self.remember(model, uid, ident)
        return ident

    def none_stored(self, model: type[m.RecordMixin]) -> bool:
        """True if ``model``'s table held no record and no merge alias when this import first asked, which
        it does before writing any record of that kind (the answer is kept for the whole import)."""
        found = self._none_stored.get(model)
        if found is None:
            conn = self.session.connection()
            found = conn.scalar(select(model.id).limit(1)) is None and conn.scalar(
                select(m.MergeRecord.id).where(m.MergeRecord.kind == str(KIND_OF[model])).limit(1)) is None
            self._none_stored[model] = found
        return found

    def known(self, model: type[m.RecordMixin], uid: str) -> int | None:
        """The id of a record this import has already resolved or written (no look-up), else None."""
        return self._ids.get((model, uid))

    def created(self, model: type[m.RecordMixin], record: m.RecordMixin) -> None:
        """A record this import added through the ORM: its id is remembered at the next ``flushed``, so a
        reference to it needs no look-up."""
        self._unflushed.append((model, record))

    def flushed(self) -> None:
        """Flush the session and remember the ids of the records created since the last call."""
        self.session.flush()
        for model, record in self._unflushed:
            self.remember(model, record.uid, record.id)  # the uid as stored (trimmed), as a look-up would find it
        self._unflushed.clear()

    def remember(self, model: type[m.RecordMixin], uid: str, ident: int) -> None:
        self._ids[(model, uid)] = ident
        self._known.add((model, ident))

    def exists(self, model: type[m.RecordMixin], uid: str) -> bool:
        """Present already, or merged into a record that is (its uid is that record's alias).

        The uids of ``model``'s table (and merge aliases) are read once per import: one statement
        instead of two per record. Records this import adds are not in that set; a uid twice in the
        file is refused before this is asked."""
        present = self._present.get(model)
        if present is None:
            conn = self.session.connection()
            present = set(conn.scalars(select(model.uid)))
            kind = str(KIND_OF[model])
            if kind in ("person", "institution"):
                present.update(conn.scalars(select(m.MergeRecord.merged_uid).where(
                    m.MergeRecord.kind == kind, m.MergeRecord.undone_at.is_(None))))
            self._present[model] = present
        if uid in present:
            return True
        self._free.add((model, uid))
        return False

    def _merged_into(self, model: type[m.RecordMixin], uid: str) -> int | None:
        kind = str(KIND_OF[model])
        if kind not in ("person", "institution"):
            return None
        return self.session.scalar(select(m.MergeRecord.kept_id).where(
            m.MergeRecord.kind == kind, m.MergeRecord.merged_uid == uid, m.MergeRecord.undone_at.is_(None))
            .order_by(m.MergeRecord.id.desc()).limit(1))


# --- a record as the input of its field table ------------------------------------------------------

FieldReader = Callable[[UidResolver, RecordReader, str], Any]


def data_reader(table: FieldTable) -> Callable[[UidResolver, RecordReader, str], Any]:
    """A function from an archive record (or row) to the input of ``table`` (``domain.fields``): each field
    read from its archive key as its type says, references looked up by uid; made once per table."""
    # A text field (most of them) is read inline: its value, when it is a ``str``, is taken as it is, which
    # is what ``RecordReader.text`` gives; anything else (absent, null, a number) goes through ``text``,
    # which supplies the default or names the field. An enum in its stored spelling is one look-up, as in
    # ``parse_enum``. Fields are still read in the table's order, so the first bad one is the one named.
    plan: list[tuple[str, str, dict[str, Any] | None, FieldReader | None]] = []
    for fld in table:
        if fld.archive is None:
            continue
        if fld.type in (FieldType.TEXT, FieldType.LONG_TEXT):
            plan.append((fld.name, str(fld.archive), None, None))
            continue
        members = None
        if fld.type is FieldType.ENUM:
            assert fld.enum is not None
            members = dict(fld.enum._value2member_map_)
        plan.append((fld.name, str(fld.archive), members, _field_reader(table, fld)))
    data = table.data

    def read(res: UidResolver, r: RecordReader, uid: str) -> Any:
        raw = r.raw
        values: dict[str, Any] = {}
        for name, key, members, read_field in plan:
            if read_field is None:
                value = raw.get(key)
                values[name] = value if value.__class__ is str else r.text(key)
            elif members is not None:
                value = raw.get(key)
                found = members.get(value) if value.__class__ is str else None
                values[name] = found if found is not None else read_field(res, r, uid)
            else:
                values[name] = read_field(res, r, uid)
        return data(**values)

    return read


def _field_reader(table: FieldTable, fld: Field) -> FieldReader:
    key, t, required = str(fld.archive), fld.type, table.required(fld.name)
    if t is FieldType.UID:
        return lambda res, r, uid: uid or None
    if t in (FieldType.TEXT, FieldType.LONG_TEXT):
        return lambda res, r, uid: r.text(key)
    if t is FieldType.TEXTS:
        return lambda res, r, uid: r.texts(key)
    if t is FieldType.DATE:
        return lambda res, r, uid: r.day(key)
    if t is FieldType.DATETIME:
        return lambda res, r, uid: r.moment(key)
    if t is FieldType.BOOL:
        return lambda res, r, uid: r.flag(key)
    if t is FieldType.INT:
        return lambda res, r, uid: r.integer(key)
    if t is FieldType.ENUM:
        assert fld.enum is not None
        enum, default = fld.enum, table.default(fld.name)
        text = str(default) if default is not None else ""
        return lambda res, r, uid: parse_enum(enum, r.text(key, text), key)
    if t is FieldType.REF:
        return _ref_reader(m.RECORD_MODELS[RecordKind(fld.ref)], key, required)
    if t is FieldType.REFS:
        model = m.RECORD_MODELS[RecordKind(fld.ref)]
        return lambda res, r, uid: tuple(res.id_of(model, ref, r, f"{key}[{i}]") for i, ref in enumerate(r.texts(key)))
    if t is FieldType.ROWS:
        rows = fld.row_table
        row = data_reader(rows)
        shorthand = rows.fields[0].type is FieldType.TEXT  # "a@b.org" for {"value": "a@b.org"}
        # Rows of text fields only (e-mails, phones, name variants): an object whose values are all text (or
        # absent or null: "") is read without a reader per row; anything else goes the long way, which names
        # the row and field of a mistake.
        texts = [(f.name, str(f.archive)) for f in rows if f.archive is not None]
        plain = all(f.type in (FieldType.TEXT, FieldType.LONG_TEXT) for f in rows if f.archive is not None)

        def read_rows(res: UidResolver, r: RecordReader, uid: str) -> tuple[Any, ...]:
            out = []
            for i, item in enumerate(r.seq(key)):
                if plain and item.__class__ is dict:
                    values = {}
                    for name, at in texts:
                        value = item.get(at)
                        if value.__class__ is not str:
                            if value is not None:
                                break
                            value = ""
                        values[name] = value
                    else:
                        out.append(rows.data(**values))
                        continue
                if shorthand and isinstance(item, str):
                    out.append(rows.data(item))
                else:
                    out.append(row(res, RecordReader(item, None, r, key, i), ""))
            return tuple(out)

        return read_rows
    if t is FieldType.NESTED:
        nested = data_reader(fld.row_table)
        return lambda res, r, uid: nested(res, RecordReader(r.raw.get(key) or {}, f"{r.where}.{key}"), "")
    if t is FieldType.BYTES:
        return lambda res, r, uid: _file(r, key)
    if t is FieldType.VARIANTS:
        return lambda res, r, uid: read_variants(r, key)
    raise AssertionError(f"no archive reader for {table.kind}.{fld.name} ({t})")


def _ref_reader(model: type[m.RecordMixin], key: str, required: bool) -> FieldReader:
    def read(res: UidResolver, r: RecordReader, uid: str) -> int | None:
        ident = res.id_of(model, r.opt_text(key), r, key)
        if ident is None and required:
            raise r.fail(key, "is required")
        return ident

    return read


def read_variants(r: RecordReader, key: str) -> tuple[TextVariant, ...]:
    """Language variants carried as ``{"field": {"lang": "text"}}`` (absent: none); the service checks
    the fields, languages and texts."""
    raw = r.raw.get(key)
    if raw is None or (raw.__class__ is dict and not raw):  # absent, or {} (most records): none
        return ()
    if not isinstance(raw, dict) or not all(
            isinstance(by_lang, dict) and all(isinstance(text, str) for text in by_lang.values())
            for by_lang in raw.values()):
        raise r.fail(key, 'must be an object such as {"title": {"ru": "..."}}')
    return tuple(sorted(TextVariant(str(f), str(lang), text) for f, by_lang in raw.items()
                        for lang, text in by_lang.items()))


def _file(r: RecordReader, key: str) -> bytes | None:
    """A file carried as ``{"media_type": ..., "base64": ...}`` (a person's photo); its type is read apart."""
    raw = r.raw.get(key)
    if raw is None:
        return None
    p = RecordReader(raw, f"{r.where}.{key}")
    try:
        return base64.b64decode(p.text("base64"), validate=True)
    except (binascii.Error, ValueError):
        raise p.fail("base64", "is not valid base64") from None
