"""The services' errors in the interface language: the one place the GUI turns an ``OrganizerError`` into text.

Validation problems carry a stable ``code`` and ``params`` (``organizer.domain.errors.Problem``); each
known code has a translatable message here with ``%1``, ``%2``… standing for its parameters (numbers
and dates formatted for the locale). An unknown code falls back to the service's English text, so a
new check in a service is never silent, only untranslated until it is added here.

Editors (``organizer.gui.editors``) show ``problem_text(problem)`` next to the field; dialogs show
``error_text(error)``, which also names the field (``field_label``) and covers not-found, conflict,
in-use and database errors.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from organizer.domain.errors import (
    ConflictError,
    DatabaseError,
    InUseError,
    NotFoundError,
    Problem,
    ValidationError,
)
from organizer.domain.field_table import Field, FieldTable
from organizer.domain.kinds import of_word
from organizer.gui.formatting import fmt_date, fmt_number, fmt_time
from organizer.gui.i18n import QT_TRANSLATE_NOOP
from organizer.gui.kinds import kind_label

translate = QCoreApplication.translate

PROBLEMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "required": (QT_TRANSLATE_NOOP("Problems", "must not be empty"), ()),
    "too_long": (QT_TRANSLATE_NOOP("Problems", "is too long (%1 characters; the limit is %2)"), ("length", "limit")),
    "control_character": (QT_TRANSLATE_NOOP("Problems", "contains a control character (%1)"), ("char",)),
    "single_line": (QT_TRANSLATE_NOOP("Problems", "must be a single line"), ()),
    "email": (QT_TRANSLATE_NOOP("Problems", "“%1” is not an e-mail address"), ("value",)),
    "phone": (QT_TRANSLATE_NOOP("Problems", "“%1” is not a phone number"), ("value",)),
    "date_order": (QT_TRANSLATE_NOOP("Problems", "is before the %1 (%2 < %3)"), ("what", "end", "start")),
    "not_found": (QT_TRANSLATE_NOOP("Problems", "no longer exists"), ()),
    "uid_taken": (QT_TRANSLATE_NOOP("Problems", "this uid is already used by another record"), ()),
    "id_taken": (QT_TRANSLATE_NOOP("Problems", "this record exists already"), ()),
    "parent_cycle": (QT_TRANSLATE_NOOP("Problems", "an institution cannot be its own parent or lie below itself"), ()),
    "too_deep": (QT_TRANSLATE_NOOP("Problems",
                                   "would put an institution at level %1 of the tree; the limit is %2 levels"),
                 ("depth", "limit")),
    "one_current": (QT_TRANSLATE_NOOP("Problems", "only one position can be the current one"), ()),
    "ended_current": (QT_TRANSLATE_NOOP("Problems", "a position that has ended cannot be the current one"), ()),
    "meeting_of_other_visit": (QT_TRANSLATE_NOOP("Problems", "this meeting belongs to another visit"), ()),
    "listed_twice": (QT_TRANSLATE_NOOP("Problems", "is listed twice"), ()),
    "precedence": (QT_TRANSLATE_NOOP("Problems", "must be 0 (unranked) or more"), ()),
    "name_taken": (QT_TRANSLATE_NOOP("Problems", "this name is taken"), ()),
    "file_too_large": (QT_TRANSLATE_NOOP("Problems", "is too large (%1 bytes; the limit is %2)"), ("size", "limit")),
    "image_type": (QT_TRANSLATE_NOOP("Problems", "is not a JPEG, PNG, GIF or WebP image"), ()),
    "signed_needs_date": (QT_TRANSLATE_NOOP("Problems", "a signed agreement needs its signing date"), ()),
    "name_needed": (QT_TRANSLATE_NOOP("Problems", "a person needs a given name, a family name or a display name"),
                    ()),
    "not_one_of": (QT_TRANSLATE_NOOP("Problems", "“%1” is not one of the allowed values"), ("value",)),
    "not_a_participant": (QT_TRANSLATE_NOOP("Problems", "person %1 does not take part in the visit"), ("person",)),
    # the review of a visit drafted from a report (services.drafting.review)
    "visit_title": (QT_TRANSLATE_NOOP("Problems", "the visit needs a title"), ()),
    "not_a_date": (QT_TRANSLATE_NOOP("Problems", "“%1” is not a date (e.g. 11.03.2025)"), ("value",)),
    "visit_ends_early": (QT_TRANSLATE_NOOP("Problems", "the visit ends before it starts"), ()),
    "empty_person": (QT_TRANSLATE_NOOP("Problems", "a person's name is empty"), ()),
    "same_person": (QT_TRANSLATE_NOOP("Problems", "two people have the same name: drop one"), ()),
    "empty_institution": (QT_TRANSLATE_NOOP("Problems", "an institution's name is empty"), ()),
    "empty_meeting": (QT_TRANSLATE_NOOP("Problems", "a meeting's title is empty"), ()),
    "empty_followup": (QT_TRANSLATE_NOOP("Problems", "a follow-up's description is empty"), ()),
}
"""Each known problem code: its message and the parameters that fill ``%1``, ``%2``… in order.
Messages are shown next to the field they concern, so they do not repeat the field or record ids."""

WORDS: dict[str, str] = {
    "start": QT_TRANSLATE_NOOP("Problems", "start"),
    "arrival": QT_TRANSLATE_NOOP("Problems", "arrival"),
    "signing date": QT_TRANSLATE_NOOP("Problems", "signing date"),
    "position": QT_TRANSLATE_NOOP("Problems", "position"),
}
"""Words the services pass as parameters (``kind``, ``what``), translated before they fill a message; a
record kind is named by ``gui.kinds.kind_label``."""

FIELD_LABELS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("Fields", "Given name"),
    QT_TRANSLATE_NOOP("Fields", "Middle name"),
    QT_TRANSLATE_NOOP("Fields", "Family name"),
    QT_TRANSLATE_NOOP("Fields", "Honorific"),
    QT_TRANSLATE_NOOP("Fields", "Form of address"),
    QT_TRANSLATE_NOOP("Fields", "Gender"),
    QT_TRANSLATE_NOOP("Fields", "Display name"),
    QT_TRANSLATE_NOOP("Fields", "Names in other scripts"),
    QT_TRANSLATE_NOOP("Fields", "Positions"),
    QT_TRANSLATE_NOOP("Fields", "E-mail"),
    QT_TRANSLATE_NOOP("Fields", "Phone"),
    QT_TRANSLATE_NOOP("Fields", "Languages"),
    QT_TRANSLATE_NOOP("Fields", "Dietary needs"),
    QT_TRANSLATE_NOOP("Fields", "Interpreter needs"),
    QT_TRANSLATE_NOOP("Fields", "Tags"),
    QT_TRANSLATE_NOOP("Fields", "Topics"),
    QT_TRANSLATE_NOOP("Fields", "Biography"),
    QT_TRANSLATE_NOOP("Fields", "Notes"),
    QT_TRANSLATE_NOOP("Fields", "Photo"),
    QT_TRANSLATE_NOOP("Fields", "Photo type"),
    QT_TRANSLATE_NOOP("Fields", "Identifier (uid)"),
    QT_TRANSLATE_NOOP("Fields", "Name"),
    QT_TRANSLATE_NOOP("Fields", "Short name"),
    QT_TRANSLATE_NOOP("Fields", "Part of"),
    QT_TRANSLATE_NOOP("Fields", "Kind"),
    QT_TRANSLATE_NOOP("Fields", "Country"),
    QT_TRANSLATE_NOOP("Fields", "City"),
    QT_TRANSLATE_NOOP("Fields", "Address"),
    QT_TRANSLATE_NOOP("Fields", "Website"),
    QT_TRANSLATE_NOOP("Fields", "Profile"),
    QT_TRANSLATE_NOOP("Fields", "Title"),
    QT_TRANSLATE_NOOP("Fields", "Direction"),
    QT_TRANSLATE_NOOP("Fields", "Start date"),
    QT_TRANSLATE_NOOP("Fields", "End date"),
    QT_TRANSLATE_NOOP("Fields", "Status"),
    QT_TRANSLATE_NOOP("Fields", "Place"),
    QT_TRANSLATE_NOOP("Fields", "Purpose"),
    QT_TRANSLATE_NOOP("Fields", "Summary"),
    QT_TRANSLATE_NOOP("Fields", "Agreement summary"),
    QT_TRANSLATE_NOOP("Fields", "Done on"),
    QT_TRANSLATE_NOOP("Fields", "Completion note"),
    QT_TRANSLATE_NOOP("Fields", "Institutions"),
    QT_TRANSLATE_NOOP("Fields", "Participants"),
    QT_TRANSLATE_NOOP("Fields", "Logistics"),
    QT_TRANSLATE_NOOP("Fields", "Gifts"),
    QT_TRANSLATE_NOOP("Fields", "Visit"),
    QT_TRANSLATE_NOOP("Fields", "Starts"),
    QT_TRANSLATE_NOOP("Fields", "Ends"),
    QT_TRANSLATE_NOOP("Fields", "Venue"),
    QT_TRANSLATE_NOOP("Fields", "Room"),
    QT_TRANSLATE_NOOP("Fields", "Objectives"),
    QT_TRANSLATE_NOOP("Fields", "Talking points"),
    QT_TRANSLATE_NOOP("Fields", "Agenda"),
    QT_TRANSLATE_NOOP("Fields", "Outcomes"),
    QT_TRANSLATE_NOOP("Fields", "Description"),
    QT_TRANSLATE_NOOP("Fields", "Due date"),
    QT_TRANSLATE_NOOP("Fields", "Owner"),
    QT_TRANSLATE_NOOP("Fields", "Owning institution"),
    QT_TRANSLATE_NOOP("Fields", "Meeting"),
    QT_TRANSLATE_NOOP("Fields", "Signing date"),
    QT_TRANSLATE_NOOP("Fields", "Valid until"),
    QT_TRANSLATE_NOOP("Fields", "Parties"),
    QT_TRANSLATE_NOOP("Fields", "Signatories"),
    QT_TRANSLATE_NOOP("Fields", "Signing place"),
    QT_TRANSLATE_NOOP("Fields", "Desired outcomes"),
    QT_TRANSLATE_NOOP("Fields", "Key messages"),
    QT_TRANSLATE_NOOP("Fields", "Sensitivities"),
    QT_TRANSLATE_NOOP("Fields", "Escort"),
    QT_TRANSLATE_NOOP("Fields", "Script"),
    QT_TRANSLATE_NOOP("Fields", "Language"),
    QT_TRANSLATE_NOOP("Fields", "Value"),
    QT_TRANSLATE_NOOP("Fields", "Label"),
    QT_TRANSLATE_NOOP("Fields", "Position"),
    QT_TRANSLATE_NOOP("Fields", "Position title"),
    QT_TRANSLATE_NOOP("Fields", "Institution"),
    QT_TRANSLATE_NOOP("Fields", "Current"),
    QT_TRANSLATE_NOOP("Fields", "Side"),
    QT_TRANSLATE_NOOP("Fields", "Person"),
    QT_TRANSLATE_NOOP("Fields", "Role"),
    QT_TRANSLATE_NOOP("Fields", "Order of precedence"),
    QT_TRANSLATE_NOOP("Fields", "Arrival"),
    QT_TRANSLATE_NOOP("Fields", "Arrival details"),
    QT_TRANSLATE_NOOP("Fields", "Departure"),
    QT_TRANSLATE_NOOP("Fields", "Departure details"),
    QT_TRANSLATE_NOOP("Fields", "Lodging"),
    QT_TRANSLATE_NOOP("Fields", "Transport"),
    QT_TRANSLATE_NOOP("Fields", "Academic title"),
    QT_TRANSLATE_NOOP("Fields", "Language variants"),
    QT_TRANSLATE_NOOP("Fields", "Field"),
    QT_TRANSLATE_NOOP("Fields", "Text"),
    QT_TRANSLATE_NOOP("Fields", "Done on"),
    QT_TRANSLATE_NOOP("Fields", "Completion note"),
)
"""Every label of the field tables (``organizer.domain.fields``), marked here so that lupdate finds them
(a test keeps this in step with the tables); shown through ``translate("Fields", field.label)``."""

OTHER_FIELDS: dict[str, str] = {
    "institution_id": QT_TRANSLATE_NOOP("Fields", "Institution"),
    "person_id": QT_TRANSLATE_NOOP("Fields", "Person"),
    "venue": QT_TRANSLATE_NOOP("Fields", "Venue"),
    "content": QT_TRANSLATE_NOOP("Fields", "File"),
}
"""Labels of names services report that are no field of a record's input (a file's ``content``)."""


class Uses(QObject):
    """What can keep a record from being deleted, counted (``InUseError.uses``), with grammatical plurals.

    A class, because lupdate marks a message as plural only in a ``tr()`` call with a count.
    """

    def text(self, kind: str, count: int) -> str:
        if kind == "visits":
            return self.tr("%Ln visit(s)", "", count)
        if kind == "meetings":
            return self.tr("%Ln meeting(s)", "", count)
        if kind == "agreements":
            return self.tr("%Ln agreement(s)", "", count)
        if kind == "units":
            return self.tr("%Ln unit(s)", "", count)
        if kind == "positions":
            return self.tr("%Ln position(s)", "", count)
        return f"{kind}: {fmt_number(count)}"


def _param(name: str, value: Any) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return fmt_number(value)
    if isinstance(value, datetime):
        return f"{fmt_date(value.date())} {fmt_time(value)}"
    if isinstance(value, date):
        return fmt_date(value)
    if name in ("kind", "what") and isinstance(value, str):
        return _word(value)
    return str(value)


def _word(value: str) -> str:
    """A word a service passed (``follow-up``, ``start``) in the interface language; other text as it is."""
    kind = of_word(value)
    if kind is not None:
        return kind_label(kind)
    return translate("Problems", WORDS[value]) if value in WORDS else value


def fill(template: str, values: list[str]) -> str:
    """Replace ``%1``..``%9`` in one pass (a value containing ``%2`` is not substituted again)."""
    return re.sub(r"%([1-9])", lambda m: values[int(m.group(1)) - 1] if int(m.group(1)) <= len(values)
                  else m.group(0), template)


def problem_text(problem: Problem) -> str:
    """What is wrong with a field, in the interface language (the service's English text if the code is new)."""
    known = PROBLEMS.get(problem.code)
    if known is None or any(name not in problem.params for name in known[1]):
        return problem.text
    source, names = known
    return fill(translate("Problems", source), [_param(name, problem.params[name]) for name in names])


def label_of(field: Field) -> str:
    """A field's label (``domain.fields``) in the interface language."""
    return translate("Fields", field.label)


def field_label(field: str, table: FieldTable | None = None) -> str:
    """``positions[1].end_date`` -> ``End date`` (translated), through the field tables (of ``table``'s
    kind when given, else of the first kind that has the field); an unknown field name is shown as it is."""
    from organizer.domain.fields import resolve  # every kind's table: loaded with the first message that names one

    described = resolve(field, table)
    if described is not None:
        return label_of(described)
    source = OTHER_FIELDS.get(re.sub(r"\[\d+\]", "", field.rsplit(".", 1)[-1]))
    return translate("Fields", source) if source is not None else field


def uses_text(uses: Mapping[str, int]) -> str:
    """``{"visits": 2, "meetings": 1}`` -> ``2 visits, 1 meeting`` (``2 визита, 1 встреча``)."""
    counter = Uses()
    return ", ".join(counter.text(kind, count) for kind, count in uses.items())


def error_text(error: BaseException) -> str:
    """One error of a service as the user should read it, in the interface language (another exception: its
    own text)."""
    if isinstance(error, ValidationError):
        lines = [f"{field_label(field)}: {problem_text(problem)}" if field else problem_text(problem)
                 for field, problem in error.issues.items()]
        return "\n".join(lines)
    if isinstance(error, NotFoundError):
        kind = _word(error.kind)
        return fill(translate("Problems", "The %1 with id %2 no longer exists (it may have been deleted "
                                          "elsewhere). Press F5 to reload."), [kind, str(error.ident)])
    if isinstance(error, ConflictError):
        return translate("Problems", "Someone else changed this record after you opened it.")
    if isinstance(error, InUseError) and error.uses:
        return fill(translate("Problems", "%1 cannot be deleted: it is still used by %2."),
                    [error.name or translate("Problems", "This record"), uses_text(error.uses)])
    if isinstance(error, DatabaseError):
        return fill(translate("Problems", "The database cannot be used: %1"), [str(error)])
    return str(error)
