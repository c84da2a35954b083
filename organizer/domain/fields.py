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

The vocabulary (``Field``, ``FieldTable``...) is defined in ``domain.field_table`` and the person's tables
in ``domain.person_fields`` (the window's first rows and pane need only those, not the other kinds' record
classes); this module re-exports them: import every name from here.

The order of a table is the order the JSON output writes its fields in (the order of the archive is the
table's ``archive_order`` where it differs: both are a contract kept byte for byte). A new field goes
at the end, or where it reads best: the order only matters to people reading the output.
"""

from __future__ import annotations

from organizer.domain.enums import (
    AgreementKind,
    AgreementStatus,
    FollowUpStatus,
    GiftDirection,
    InstitutionKind,
    MeetingKind,
    ParticipantRole,
    ProgrammeItemKind,
    Side,
    VisitDirection,
    VisitStatus,
)
from organizer.domain.field_table import _UID, LT, TS, T, _f, _variants, register_row_tables
from organizer.domain.field_table import GENERIC_TYPES as GENERIC_TYPES
from organizer.domain.field_table import Compare as Compare
from organizer.domain.field_table import Field as Field
from organizer.domain.field_table import FieldTable as FieldTable
from organizer.domain.field_table import FieldType as FieldType
from organizer.domain.field_table import Merge as Merge
from organizer.domain.field_table import from_column as from_column
from organizer.domain.person_fields import CONTACT as CONTACT
from organizer.domain.person_fields import EMAIL as EMAIL
from organizer.domain.person_fields import NAME_VARIANT as NAME_VARIANT
from organizer.domain.person_fields import PERSON as PERSON
from organizer.domain.person_fields import PHONE as PHONE
from organizer.domain.person_fields import POSITION as POSITION
from organizer.domain.person_fields import TEXT_VARIANT as TEXT_VARIANT
from organizer.domain.records import (
    AgreementData,
    FollowUpData,
    GiftData,
    InstitutionData,
    Logistics,
    MeetingData,
    MeetingParticipantData,
    NameVariant,
    ParticipantData,
    ProgrammeItemData,
    SignatoryData,
    TopicRow,
    VisitData,
    VisitInstitutionData,
)

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
register_row_tables(*TABLES.values())


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
