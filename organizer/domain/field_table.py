"""The vocabulary of the field tables (``domain.fields``): what a field is (``Field``, its ``FieldType``,
how it is merged and compared) and a table of them (``FieldTable``).

Apart from the tables themselves so that the person's tables (``domain.person_fields``) can be built without
the other kinds' record classes: the window's first rows and first pane need only those (issue 20). Import
these names from ``domain.fields`` anywhere else.
"""

from __future__ import annotations

import builtins
import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from organizer.domain.person_records import TextVariant

_ROW_TABLES: dict[type, FieldTable] = {}
"""The table of each dataclass that a ``ROWS``/``NESTED`` field holds (``Field.row_table``): every table of
``domain.fields.TABLES``, registered where it is defined (``register_row_tables``)."""


def register_row_tables(*tables: FieldTable) -> None:
    """Make these tables the ``row_table`` of the fields whose rows are their dataclasses."""
    _ROW_TABLES.update((t.data, t) for t in tables)


def registered_table(data: object) -> FieldTable | None:
    """``domain.fields.table_of(data)`` if that table is registered yet (the person's tables always are, the
    others once ``domain.fields`` is imported), else None."""
    return _ROW_TABLES.get(data if isinstance(data, type) else type(data))


class FieldType(StrEnum):
    TEXT = "text"
    """One line of text."""
    LONG_TEXT = "long_text"
    """Text of several lines (notes, biography)."""
    TEXTS = "texts"
    """A list of short texts (languages, tags, topic names)."""
    DATE = "date"
    DATETIME = "datetime"
    """A local date and time at the venue, without a time zone."""
    ENUM = "enum"
    """One value of ``Field.enum``."""
    BOOL = "bool"
    INT = "int"
    ID = "id"
    """The id of a stored nested row (a position): given back by reads, never carried by the archive."""
    REF = "ref"
    """The id of another record (``Field.ref`` names its kind); the archive carries its uid."""
    REFS = "refs"
    """Ids of other records (``Field.ref``)."""
    BYTES = "bytes"
    UID = "uid"
    """The record's uid."""
    ROWS = "rows"
    """A list of rows of their own (``Field.rows``)."""
    NESTED = "nested"
    """One nested record (``Field.rows``), compared and merged per field of its own."""
    VARIANTS = "variants"
    """Language variants of the table's translatable fields (``domain.variants``): a tuple of ``TextVariant``
    in the dataclass (None in an input keeps the stored ones), ``{"field": {"lang": "text"}}`` in the
    record's JSON column ``variants``, its JSON output and its archive record."""


class Merge(StrEnum):
    """What merging two records (``services.merging.merge``) does with a field of the kept record."""

    KEEP = "keep"
    """The kept record's value stays (the other's is lost, or kept as a name variant for names)."""
    FILL = "fill"
    """Taken from the other record when the kept record's is empty."""
    FILL_DEFAULT = "fill_default"
    """Taken from the other record when the kept record's is the default (an institution's kind "other")."""
    CONCAT = "concat"
    """Both texts, the other's appended (with a line that records the merge)."""
    UNION = "union"
    """The kept record's values, then the other's that are not among them."""
    MOVE = "move"
    """Rows of another table: the other's rows move to the kept record, those it already has are dropped."""


class Compare(StrEnum):
    """How ``domain.conflicts.three_way`` treats a field of two edits of one record."""

    WHOLE = "whole"
    """Compared as one value (a list as a whole)."""
    NESTED = "nested"
    """Compared per field of the nested record (``logistics.lodging``)."""
    SKIP = "skip"
    """Not the user's input in a form: left out (the stored value is kept)."""


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a ``*Data`` dataclass; see the module docstring."""

    name: str
    type: FieldType
    label: str
    json: str | None = None
    archive: str | None = None
    personal: bool = False
    merge: Merge = Merge.KEEP
    compare: Compare = Compare.WHOLE
    translatable: bool = False
    listed: bool = True
    """Written by the short JSON form and the listing (``False``: only by the full form)."""
    ref: str = ""
    """The kind a ``REF``/``REFS`` field refers to."""
    enum: builtins.type[StrEnum] | None = None
    rows: builtins.type | None = None
    """The dataclass of a ``ROWS``/``NESTED`` field's values."""
    column: str = ""
    """Its attribute on the stored record, where that is not ``name`` (``names`` for ``name_variants``)."""
    stored_in: str = ""
    """The table that holds its values when they are rows of their own (``person_tag``), not a column."""
    details: str = ""
    """For rows the JSON writes twice, a list of their first values under ``json`` and a list of objects
    (with the row table's JSON keys): the key of the objects' list (``email_details``)."""
    page: str = ""
    """The editor page of a field handled generically (see the module docstring); empty: laid out by hand."""
    briefing: bool = False
    """Among the person's facts in the printed briefing and dossier."""
    rows_table: FieldTable | None = None
    """The table of the rows where it is not ``TABLES[rows]`` (e-mails and phones: the same ``ContactEntry``,
    stored in different columns and written under different JSON keys)."""

    @property
    def row_table(self) -> FieldTable:
        """The field table of a ``ROWS``/``NESTED`` field's values."""
        if self.rows_table is not None:
            return self.rows_table
        assert self.rows is not None, f"{self.name} has no rows"
        return _ROW_TABLES[self.rows]

    @property
    def attr(self) -> str:
        return self.column or self.name



@dataclass(frozen=True, slots=True)
class FieldTable:
    """The fields of one dataclass, in output order."""

    kind: str
    data: type
    fields: tuple[Field, ...]
    archive_order: tuple[str, ...] = ()
    """The archive's order of the fields (by name) where it differs from the table's; fields not
    named follow in the table's order."""
    _by_name: dict[str, Field] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_name.update((f.name, f) for f in self.fields)

    def __iter__(self) -> Iterator[Field]:
        return iter(self.fields)

    def __getitem__(self, name: str) -> Field:
        return self._by_name[name]

    def get(self, name: str) -> Field | None:
        return self._by_name.get(name)

    def default(self, name: str) -> object:
        """The field's default value in its dataclass (what an input holds when it is not given)."""
        found = next(f for f in dataclasses.fields(self.data) if f.name == name)
        if found.default is not dataclasses.MISSING:
            return found.default
        if found.default_factory is not dataclasses.MISSING:
            return found.default_factory()
        return None

    def empty(self, name: str) -> object:
        """What a stored record holds in a field when nothing is set (what erasing leaves): no rows, else
        the field's default (an empty text, the enum's "unspecified", no date)."""
        if self[name].type in (FieldType.TEXTS, FieldType.ROWS, FieldType.REFS):
            return []
        if self[name].type is FieldType.VARIANTS:
            return {}
        return self.default(name)

    def required(self, name: str) -> bool:
        """The field has no default in its dataclass: every input gives it."""
        found = next(f for f in dataclasses.fields(self.data) if f.name == name)
        return found.default is dataclasses.MISSING and found.default_factory is dataclasses.MISSING

    @property
    def translatable(self) -> tuple[Field, ...]:
        """The fields that may have language variants (``Field.translatable``), in table order."""
        return tuple(f for f in self.fields if f.translatable)

    def translatable_paths(self) -> tuple[str, ...]:
        """The names a ``variants`` field of this table may use: its translatable fields, and those of its
        nested records by path (a visit's ``logistics.lodging``)."""
        nested = tuple(f"{f.name}.{inner.name}" for f in self.fields if f.type is FieldType.NESTED
                       for inner in f.row_table.translatable)
        return (*(f.name for f in self.translatable), *nested)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def by_merge(self, how: Merge) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.merge is how)

    @property
    def personal(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.personal)

    @property
    def skipped(self) -> frozenset[str]:
        """Names of the fields a conflict merge leaves out."""
        return frozenset(f.name for f in self.fields if f.compare is Compare.SKIP)

    @property
    def generic(self) -> tuple[Field, ...]:
        """The simple fields handled from this table alone (``Field.page`` set), in table order."""
        return tuple(f for f in self.fields if f.page)

    @property
    def briefed(self) -> tuple[Field, ...]:
        """The fields the printed documents show among a record's facts, in table order."""
        return tuple(f for f in self.fields if f.briefing)

    @property
    def json_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.json is not None)

    @property
    def archive_fields(self) -> tuple[Field, ...]:
        """The fields an archive carries, in the archive's order."""
        carried = [f for f in self.fields if f.archive is not None]
        rank = {name: i for i, name in enumerate(self.archive_order)}
        return tuple(sorted(carried, key=lambda f: rank.get(f.name, len(rank))))


T, LT, TS = FieldType.TEXT, FieldType.LONG_TEXT, FieldType.TEXTS
_UID = Field("uid", FieldType.UID, "Identifier (uid)", archive="uid", compare=Compare.SKIP)
"""Every record's uid: carried by the archive; the JSON writes the stored one (``meta.uid``)."""


def _f(name: str, type_: FieldType, label: str, **kw: object) -> Field:
    """A field whose JSON and archive keys are its name (the usual case)."""
    kw.setdefault("json", name)
    kw.setdefault("archive", name)
    return Field(name, type_, label, **kw)  # type: ignore[arg-type]


def _variants(**kw: object) -> Field:
    """The ``variants`` field of a table with translatable fields: written by the full JSON forms and the
    archive; merging adds the other record's variants where the kept one has none in that language; the
    conflict merge keeps the stored ones (an editor that does not show them gives None)."""
    kw.setdefault("listed", False)
    return _f("variants", FieldType.VARIANTS, "Language variants", merge=Merge.UNION, compare=Compare.SKIP,
              rows=TextVariant, **kw)


GENERIC_TYPES = frozenset({FieldType.TEXT, FieldType.LONG_TEXT, FieldType.ENUM, FieldType.BOOL})
"""The types a generic field (``Field.page``) may have."""


def from_column(fld: Field, raw: object) -> object:
    """A generic field's value in its dataclass from the value its column holds (an enum member from its
    text, a bool from SQLite's 0/1, an empty text for NULL)."""
    if fld.type is FieldType.ENUM:
        assert fld.enum is not None, fld.name
        return fld.enum(str(raw))
    if fld.type is FieldType.BOOL:
        return bool(raw)
    return "" if raw is None else raw
