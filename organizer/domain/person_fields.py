"""The field tables of a person and of the rows a person's record holds (``domain.fields`` re-exports each).

Apart from the other kinds' tables so that the window's first rows and first pane (which read a person's
generic fields from ``PERSON``) need not define the other kinds' record classes (issue 20). Import them
from ``domain.fields`` anywhere else.
"""

from __future__ import annotations

from organizer.domain.enums import Gender
from organizer.domain.field_table import (
    LT,
    TS,
    Compare,
    Field,
    FieldTable,
    FieldType,
    Merge,
    T,
    _f,
    _variants,
    register_row_tables,
)
from organizer.domain.person_records import ContactEntry, NameVariant, PersonData, PositionData, TextVariant

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

register_row_tables(TEXT_VARIANT, NAME_VARIANT, CONTACT, POSITION, PERSON)
