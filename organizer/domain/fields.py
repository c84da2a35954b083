"""The field table of every record kind: one place that says, per field of a ``*Data`` input, what it is
and how each part of the program treats it.

Each ``Field`` names one field of a dataclass in ``domain.records`` and gives:

- ``type`` (``FieldType``): how it is stored and read (text, date, a reference to another record, rows...);
- ``label``: its name for people, in English; the GUI translates it (context ``Fields``; the labels are
  marked for translation in ``gui.messages.FIELD_LABELS``, and a test keeps the two in step);
- ``json``: its key in ``--json`` output (``None``: not written), ``listed`` whether the listing and the
  short form (``person()``) carry it or only the full form (``show person --json``);
- ``archive``: its key in an Organizer archive (``None``: not carried, e.g. ids of nested rows);
- ``personal``: personal data, removed by ``organizer erase person``;
- ``merge`` (``Merge``): how merging two records fills it on the kept record;
- ``compare`` (``Compare``): how the conflict merge of two edits treats it (``domain.conflicts``);
- ``translatable``: a short or long text that may have language variants (issue 18): the table's
  ``variants`` field (type ``VARIANTS``) holds them, ``{"title": {"ru": "..."}}``; only translatable fields
  may have one (``FieldTable.translatable``), and ``domain.variants`` picks the text for a language;
- ``page``: for a simple field (text, long text, enum, bool) of a record's own columns, the editor page it
  goes on (``"names"``, ``"contacts"``, ``"profile"``...): such a field is handled from this table alone
  (``FieldTable.generic``). Wired for the person so far: the editor's widget and its loading and
  collecting (``EditorDialog.add_generic_fields``), the detail pane's row (``gui.details.generic_facts``),
  the service's check (``Checker.generic``), the reads and the listing (``store.people_read``) and the
  benchmark floor; other kinds can use the same helpers;
- ``briefing``: shown among the person's facts in the briefing book and the dossier (label and value in
  the document's language, ``briefing.labels``).

A field whose values are rows of their own (a person's name variants, a visit's participants) points to
the table of those rows (``rows``); a nested record (a visit's ``logistics``) likewise. ``TABLES`` maps
every such dataclass to its table; ``KINDS`` the record kinds to theirs. A test walks every ``*Data``
dataclass and fails naming any field a table misses, and any table entry that names no field.

Longer than 500 lines on purpose: it is the one table of every field of every kind (the point of it is
that nothing else lists fields); splitting it would put the tables of one record in several places.

The order of a table is the order the JSON output writes its fields in (the order of the archive is the
table's ``archive_order`` where it differs: both are a contract kept byte for byte). A new field goes
at the end, or where it reads best: the order only matters to people reading the output.
"""

from __future__ import annotations

import builtins
import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from organizer.domain.enums import (
    AgreementKind,
    AgreementStatus,
    FollowUpStatus,
    Gender,
    GiftDirection,
    InstitutionKind,
    MeetingKind,
    ParticipantRole,
    ProgrammeItemKind,
    Side,
    VisitDirection,
    VisitStatus,
)
from organizer.domain.records import (
    AgreementData,
    ContactEntry,
    FollowUpData,
    GiftData,
    InstitutionData,
    Logistics,
    MeetingData,
    MeetingParticipantData,
    NameVariant,
    ParticipantData,
    PersonData,
    PositionData,
    ProgrammeItemData,
    SignatoryData,
    TextVariant,
    TopicRow,
    VisitData,
    VisitInstitutionData,
)


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
        return TABLES[self.rows]

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


TEXT_VARIANT = FieldTable("text_variant", TextVariant, (
    _f("field", T, "Field"),
    _f("lang", T, "Language"),
    _f("text", LT, "Text"),
))
"""One language variant (``domain.variants``); a ``VARIANTS`` field's values, written as ``{field: {lang: text}}``."""
NAME_VARIANT = FieldTable("name_variant", NameVariant, (
    _f("name", T, "Name"),
    _f("script", T, "Script"),
    _f("language", T, "Language"),
))
CONTACT = FieldTable("contact", ContactEntry, (
    _f("value", T, "Value"),
    _f("label", T, "Label"),
))
"""An e-mail address or phone number; ``EMAIL`` and ``PHONE`` say where each is stored and how it is written."""
EMAIL = FieldTable("email", ContactEntry, (
    Field("value", T, "Value", json="address", archive="value", column="address"),
    _f("label", T, "Label"),
))
PHONE = FieldTable("phone", ContactEntry, (
    Field("value", T, "Value", json="number", archive="value", column="number"),
    _f("label", T, "Label"),
))

POSITION = FieldTable("position", PositionData, (
    Field("id", FieldType.ID, "Position", json="id"),
    _f("title", T, "Position title", translatable=True),
    Field("institution_id", FieldType.REF, "Institution", json="institution_id", archive="institution",
          ref="institution"),
    _f("start_date", FieldType.DATE, "Start date"),
    _f("end_date", FieldType.DATE, "End date"),
    _f("current", FieldType.BOOL, "Current", column="is_current"),
    _variants(),
    Field("uid", FieldType.UID, "Identifier (uid)", compare=Compare.SKIP),
))
"""A position as the archive carries it: without id and uid (an import gives it new ones)."""

PERSON = FieldTable("person", PersonData, (
    _f("given_name", T, "Given name", personal=True, translatable=True),
    _f("middle_name", T, "Middle name", personal=True, merge=Merge.FILL, translatable=True),
    _f("family_name", T, "Family name", personal=True, translatable=True),
    _f("honorific", T, "Honorific", personal=True, merge=Merge.FILL, translatable=True),
    _f("form_of_address", T, "Form of address", personal=True, merge=Merge.FILL, translatable=True),
    _f("gender", FieldType.ENUM, "Gender", enum=Gender, personal=True, merge=Merge.FILL, page="names", briefing=True),
    Field("display_name", T, "Display name", archive="display_name", personal=True),
    _f("name_variants", FieldType.ROWS, "Names in other scripts", personal=True, merge=Merge.MOVE,
       rows=NameVariant, column="names", stored_in="person_name", details="name_variant_details"),
    _f("positions", FieldType.ROWS, "Positions", personal=True, merge=Merge.MOVE, rows=PositionData,
       stored_in="position"),
    _f("emails", FieldType.ROWS, "E-mail", personal=True, merge=Merge.MOVE, rows=ContactEntry,
       rows_table=EMAIL, stored_in="person_email", details="email_details"),
    _f("phones", FieldType.ROWS, "Phone", personal=True, merge=Merge.MOVE, rows=ContactEntry,
       rows_table=PHONE, stored_in="person_phone", details="phone_details"),
    _f("languages", TS, "Languages", personal=True, merge=Merge.UNION),
    _f("dietary_needs", LT, "Dietary needs", personal=True, merge=Merge.FILL),
    _f("interpreter_needs", LT, "Interpreter needs", personal=True, merge=Merge.FILL),
    _f("tags", TS, "Tags", personal=True, merge=Merge.MOVE, stored_in="person_tag"),
    _f("topics", TS, "Topics", personal=True, merge=Merge.MOVE, stored_in="person_topic"),
    _f("biography", LT, "Biography", personal=True, merge=Merge.FILL, listed=False, translatable=True),
    _f("notes", LT, "Notes", personal=True, merge=Merge.CONCAT, listed=False, translatable=True),
    Field("photo", FieldType.BYTES, "Photo", archive="photo", personal=True, merge=Merge.FILL,
          compare=Compare.SKIP),
    Field("photo_type", T, "Photo type", personal=True, merge=Merge.FILL, compare=Compare.SKIP),
    _f("academic_title", T, "Academic title", personal=True, merge=Merge.FILL, translatable=True, page="names"),
    _variants(personal=True),
    Field("uid", FieldType.UID, "Identifier (uid)", archive="uid", personal=True, compare=Compare.SKIP),
), archive_order=("uid", "given_name", "family_name", "middle_name", "honorific", "form_of_address", "display_name",
                  "name_variants", "languages", "biography", "notes", "dietary_needs", "interpreter_needs", "emails",
                  "phones", "tags", "topics", "positions", "photo"))
"""``photo`` travels in the archive as ``{"media_type": photo_type, "base64": ...}``, only when there is one.
``uid`` is personal: it may be made of the name (erasing gives a new random one)."""

INSTITUTION = FieldTable("institution", InstitutionData, (
    _f("name", T, "Name"),
    _f("short_name", T, "Short name", merge=Merge.FILL, translatable=True),
    Field("parent_id", FieldType.REF, "Part of", json="parent_id", archive="parent", ref="institution"),
    _f("kind", FieldType.ENUM, "Kind", enum=InstitutionKind, merge=Merge.FILL_DEFAULT),
    _f("name_variants", FieldType.ROWS, "Names in other scripts", merge=Merge.MOVE, rows=NameVariant,
       column="names", stored_in="institution_name"),
    _f("country", T, "Country", merge=Merge.FILL, translatable=True),
    _f("city", T, "City", merge=Merge.FILL, translatable=True),
    _f("address", T, "Address", merge=Merge.FILL, translatable=True),
    _f("website", T, "Website", merge=Merge.FILL),
    _f("profile", LT, "Profile", merge=Merge.FILL, translatable=True),
    _f("topics", TS, "Topics", merge=Merge.MOVE, stored_in="institution_topic"),
    _variants(),
    _UID,
), archive_order=("uid", "name", "short_name", "kind", "parent_id", "country", "city", "address", "website", "profile",
                  "name_variants", "topics"))
"""Merging keeps the kept institution's parent, unless that parent is the other one (then the other's)."""

VISIT_INSTITUTION = FieldTable("visit_institution", VisitInstitutionData, (
    Field("institution_id", FieldType.REF, "Institution", json="id", archive="institution", ref="institution"),
    _f("side", FieldType.ENUM, "Side", enum=Side),
))
PARTICIPANT = FieldTable("participant", ParticipantData, (
    Field("person_id", FieldType.REF, "Person", json="person_id", archive="person", ref="person"),
    _f("side", FieldType.ENUM, "Side", enum=Side),
    _f("role", FieldType.ENUM, "Role", enum=ParticipantRole),
    _f("precedence", FieldType.INT, "Order of precedence"),
))
GIFT = FieldTable("gift", GiftData, (
    _f("direction", FieldType.ENUM, "Direction", enum=GiftDirection),
    _f("description", T, "Description", translatable=True),
    Field("person_id", FieldType.REF, "Person", json="person_id", archive="person", ref="person"),
    _variants(),
))
LOGISTICS = FieldTable("logistics", Logistics, (
    _f("arrival_at", FieldType.DATETIME, "Arrival"),
    _f("arrival_details", LT, "Arrival details", translatable=True),
    _f("departure_at", FieldType.DATETIME, "Departure"),
    _f("departure_details", LT, "Departure details", translatable=True),
    _f("lodging", LT, "Lodging", translatable=True),
    _f("transport", LT, "Transport", translatable=True),
    _f("interpreter_needs", LT, "Interpreter needs", translatable=True),
    _f("dietary_needs", LT, "Dietary needs", translatable=True),
))
"""Its translatable fields' variants are the visit's, named by path (``logistics.lodging``)."""

VISIT = FieldTable("visit", VisitData, (
    _f("title", T, "Title", translatable=True),
    _f("direction", FieldType.ENUM, "Direction", enum=VisitDirection),
    _f("start_date", FieldType.DATE, "Start date"),
    _f("end_date", FieldType.DATE, "End date"),
    _f("status", FieldType.ENUM, "Status", enum=VisitStatus),
    _f("place", T, "Place", translatable=True),
    _f("purpose", LT, "Purpose", translatable=True),
    _f("summary", LT, "Summary", translatable=True),
    _f("desired_outcomes", LT, "Desired outcomes", translatable=True),
    _f("key_messages", LT, "Key messages", translatable=True),
    _f("sensitivities", LT, "Sensitivities", translatable=True),
    _f("topics", TS, "Topics", stored_in="visit_topic"),
    _f("institutions", FieldType.ROWS, "Institutions", rows=VisitInstitutionData, stored_in="visit_institution"),
    _f("participants", FieldType.ROWS, "Participants", rows=ParticipantData, stored_in="visit_participant"),
    _f("logistics", FieldType.NESTED, "Logistics", rows=Logistics, compare=Compare.NESTED),
    _f("gifts", FieldType.ROWS, "Gifts", rows=GiftData, stored_in="gift"),
    _variants(),
    _UID,
), archive_order=("uid", "title", "direction", "start_date", "end_date", "place", "purpose", "status", "summary",
                  "topics", "institutions", "participants", "logistics", "gifts"))

MEETING_PARTICIPANT = FieldTable("meeting_participant", MeetingParticipantData, (
    Field("person_id", FieldType.REF, "Person", json="person_id", archive="person", ref="person"),
    _f("side", FieldType.ENUM, "Side", enum=Side),
    _f("role", FieldType.ENUM, "Role", enum=ParticipantRole),
))
MEETING = FieldTable("meeting", MeetingData, (
    _f("title", T, "Title", translatable=True),
    _f("kind", FieldType.ENUM, "Kind", enum=MeetingKind),
    Field("visit_id", FieldType.REF, "Visit", json="visit_id", archive="visit", ref="visit"),
    _f("starts_at", FieldType.DATETIME, "Starts"),
    _f("ends_at", FieldType.DATETIME, "Ends"),
    Field("venue_institution_id", FieldType.REF, "Venue", json="venue", archive="venue", ref="institution"),
    _f("room", T, "Room", translatable=True),
    _f("participants", FieldType.ROWS, "Participants", rows=MeetingParticipantData,
       stored_in="meeting_participant"),
    _f("objectives", LT, "Objectives", translatable=True),
    _f("talking_points", LT, "Talking points", translatable=True),
    _f("agenda", LT, "Agenda", translatable=True),
    _f("notes", LT, "Notes", translatable=True),
    _f("outcomes", LT, "Outcomes", translatable=True),
    _f("topics", TS, "Topics", stored_in="meeting_topic"),
    _variants(),
    _UID,
), archive_order=("uid", "visit_id", "title", "kind", "starts_at", "ends_at", "venue_institution_id", "room",
                  "participants"))
"""The JSON's ``venue`` is the venue's name (``show meeting --json``)."""

FOLLOWUP = FieldTable("followup", FollowUpData, (
    _f("description", T, "Description", translatable=True),
    _f("status", FieldType.ENUM, "Status", enum=FollowUpStatus),
    _f("due_date", FieldType.DATE, "Due date"),
    Field("owner_person_id", FieldType.REF, "Owner", json="owner", archive="owner_person", ref="person"),
    Field("owner_institution_id", FieldType.REF, "Owning institution", json="owner", archive="owner_institution",
          ref="institution"),
    Field("visit_id", FieldType.REF, "Visit", json="visit_id", archive="visit", ref="visit"),
    Field("meeting_id", FieldType.REF, "Meeting", json="meeting_id", archive="meeting", ref="meeting"),
    Field("notes", LT, "Notes", archive="notes", translatable=True),
    _f("done_on", FieldType.DATE, "Done on"),
    _f("done_note", LT, "Completion note", translatable=True),
    _variants(),
    _UID,
), archive_order=("uid",))
"""The JSON's ``owner`` is the owner's name, a person's or an institution's."""

SIGNATORY = FieldTable("signatory", SignatoryData, (
    Field("person_id", FieldType.REF, "Person", archive="person", ref="person"),
    Field("institution_id", FieldType.REF, "Institution", archive="institution", ref="institution"),
))
AGREEMENT = FieldTable("agreement", AgreementData, (
    _f("title", T, "Title", translatable=True),
    _f("kind", FieldType.ENUM, "Kind", enum=AgreementKind),
    _f("status", FieldType.ENUM, "Status", enum=AgreementStatus),
    _f("signed_date", FieldType.DATE, "Signing date"),
    _f("valid_until", FieldType.DATE, "Valid until"),
    Field("party_ids", FieldType.REFS, "Parties", json="parties", archive="parties", ref="institution",
          column="parties", stored_in="agreement_party"),
    Field("signatories", FieldType.ROWS, "Signatories", archive="signatories", rows=SignatoryData,
          stored_in="agreement_signatory"),
    Field("signed_place", T, "Signing place", archive="signed_place", translatable=True),
    Field("visit_id", FieldType.REF, "Visit", archive="visit", ref="visit"),
    Field("meeting_id", FieldType.REF, "Meeting", archive="meeting", ref="meeting"),
    Field("summary", LT, "Agreement summary", archive="summary", translatable=True),
    _variants(),
    _UID,
), archive_order=("uid", "title", "kind", "status", "signed_date", "signed_place", "valid_until", "visit_id",
                  "meeting_id", "summary", "party_ids", "signatories"))
"""The JSON (``list agreements --json``, a visit's agreements) writes the listed fields; ``parties`` are names."""

TOPIC = FieldTable("topic", TopicRow, (
    Field("id", FieldType.ID, "Topic"),
    _f("name", T, "Name", translatable=True),
    _f("description", LT, "Description", translatable=True),
    _variants(),
))
"""A topic of the vocabulary (``services.topics``): not a record kind, but its name and description have
language variants like a record's (``services.topics.set_topic_variants``; the archive's ``topics``)."""

PROGRAMME_ITEM = FieldTable("programme_item", ProgrammeItemData, (
    Field("visit_id", FieldType.REF, "Visit", json="visit_id", archive="visit", ref="visit"),
    _f("kind", FieldType.ENUM, "Kind", enum=ProgrammeItemKind),
    _f("starts_at", FieldType.DATETIME, "Starts"),
    _f("ends_at", FieldType.DATETIME, "Ends"),
    _f("title", T, "Title", translatable=True),
    _f("place", T, "Place", translatable=True),
    Field("escort_person_id", FieldType.REF, "Escort", json="escort_person_id", archive="escort", ref="person"),
    _f("transport", LT, "Transport", translatable=True),
    _f("notes", LT, "Notes", translatable=True),
    _variants(),
    _UID,
), archive_order=("uid",))
"""An item of a visit's programme that is not a meeting (``list programme --json`` also writes the escort's name
as ``escort``). Its title, place, transport and notes are texts a document shows: they have language variants
(``variants``)."""

KINDS: dict[str, FieldTable] = {t.kind: t for t in (PERSON, INSTITUTION, VISIT, MEETING, FOLLOWUP, AGREEMENT,
                                                     PROGRAMME_ITEM)}
"""The table of each record kind (``RecordKind`` values)."""

TABLES: dict[type, FieldTable] = {t.data: t for t in (
    *KINDS.values(), NAME_VARIANT, CONTACT, POSITION, VISIT_INSTITUTION, PARTICIPANT, GIFT, LOGISTICS,
    MEETING_PARTICIPANT, SIGNATORY, TEXT_VARIANT)}
"""The table of every dataclass a record's input is made of, nested rows included (``EMAIL`` and ``PHONE``
are ``ContactEntry`` too, for the rows of ``emails`` and ``phones``)."""


def table_of(data: object) -> FieldTable | None:
    """The table of a ``*Data`` value or class (None for anything else)."""
    return TABLES.get(data if isinstance(data, type) else type(data))


def resolve(path: str, table: FieldTable | None = None) -> Field | None:
    """The field at ``path`` (``positions[1].end_date``, ``logistics.lodging``) of ``table``'s records, or
    of any kind's when ``table`` is None (the first kind that has it); None when no table has it."""
    head, _, rest = path.partition(".")
    bracket = head.find("[")
    if bracket >= 0:
        head = head[:bracket]
    candidates = [table] if table is not None else list(KINDS.values())
    found = next((f for t in candidates if (f := t.get(head)) is not None), None)
    if found is None or not rest:
        return found
    inner = TABLES.get(found.rows) if found.rows is not None else None
    return resolve(rest, inner) if inner is not None else None


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
