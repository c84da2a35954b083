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
    OrganizerError,
    Problem,
    ValidationError,
)
from organizer.gui.formatting import fmt_date, fmt_number, fmt_time
from organizer.gui.i18n import QT_TRANSLATE_NOOP

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
}
"""Each known problem code: its message and the parameters that fill ``%1``, ``%2``… in order.
Messages are shown next to the field they concern, so they do not repeat the field or record ids."""

WORDS: dict[str, str] = {
    "start": QT_TRANSLATE_NOOP("Problems", "start"),
    "arrival": QT_TRANSLATE_NOOP("Problems", "arrival"),
    "signing date": QT_TRANSLATE_NOOP("Problems", "signing date"),
    "person": QT_TRANSLATE_NOOP("Problems", "person"),
    "institution": QT_TRANSLATE_NOOP("Problems", "institution"),
    "visit": QT_TRANSLATE_NOOP("Problems", "visit"),
    "meeting": QT_TRANSLATE_NOOP("Problems", "meeting"),
    "topic": QT_TRANSLATE_NOOP("Problems", "topic"),
    "agreement": QT_TRANSLATE_NOOP("Problems", "agreement"),
    "followup": QT_TRANSLATE_NOOP("Problems", "follow-up"),
    "follow-up": QT_TRANSLATE_NOOP("Problems", "follow-up"),
    "position": QT_TRANSLATE_NOOP("Problems", "position"),
}
"""Words the services pass as parameters (``kind``, ``what``), translated before they fill a message."""

FIELDS: dict[str, str] = {
    "given_name": QT_TRANSLATE_NOOP("Fields", "Given name"),
    "family_name": QT_TRANSLATE_NOOP("Fields", "Family name"),
    "display_name": QT_TRANSLATE_NOOP("Fields", "Display name"),
    "patronymic": QT_TRANSLATE_NOOP("Fields", "Patronymic"),
    "honorific": QT_TRANSLATE_NOOP("Fields", "Honorific"),
    "form_of_address": QT_TRANSLATE_NOOP("Fields", "Form of address"),
    "name": QT_TRANSLATE_NOOP("Fields", "Name"),
    "short_name": QT_TRANSLATE_NOOP("Fields", "Short name"),
    "title": QT_TRANSLATE_NOOP("Fields", "Title"),
    "emails": QT_TRANSLATE_NOOP("Fields", "E-mail"),
    "phones": QT_TRANSLATE_NOOP("Fields", "Phone"),
    "photo": QT_TRANSLATE_NOOP("Fields", "Photo"),
    "biography": QT_TRANSLATE_NOOP("Fields", "Biography"),
    "notes": QT_TRANSLATE_NOOP("Fields", "Notes"),
    "positions": QT_TRANSLATE_NOOP("Fields", "Positions"),
    "institution_id": QT_TRANSLATE_NOOP("Fields", "Institution"),
    "person_id": QT_TRANSLATE_NOOP("Fields", "Person"),
    "parent_id": QT_TRANSLATE_NOOP("Fields", "Part of"),
    "start_date": QT_TRANSLATE_NOOP("Fields", "Start date"),
    "end_date": QT_TRANSLATE_NOOP("Fields", "End date"),
    "starts_at": QT_TRANSLATE_NOOP("Fields", "Starts"),
    "ends_at": QT_TRANSLATE_NOOP("Fields", "Ends"),
    "due_date": QT_TRANSLATE_NOOP("Fields", "Due date"),
    "signed_date": QT_TRANSLATE_NOOP("Fields", "Signing date"),
    "valid_until": QT_TRANSLATE_NOOP("Fields", "Valid until"),
    "place": QT_TRANSLATE_NOOP("Fields", "Place"),
    "venue": QT_TRANSLATE_NOOP("Fields", "Venue"),
    "purpose": QT_TRANSLATE_NOOP("Fields", "Purpose"),
    "description": QT_TRANSLATE_NOOP("Fields", "Description"),
    "participants": QT_TRANSLATE_NOOP("Fields", "Participants"),
    "precedence": QT_TRANSLATE_NOOP("Fields", "Order of precedence"),
    "meeting_id": QT_TRANSLATE_NOOP("Fields", "Meeting"),
    "visit_id": QT_TRANSLATE_NOOP("Fields", "Visit"),
    "owner_person_id": QT_TRANSLATE_NOOP("Fields", "Owner"),
    "website": QT_TRANSLATE_NOOP("Fields", "Website"),
    "address": QT_TRANSLATE_NOOP("Fields", "Address"),
    "city": QT_TRANSLATE_NOOP("Fields", "City"),
    "country": QT_TRANSLATE_NOOP("Fields", "Country"),
    "departure_at": QT_TRANSLATE_NOOP("Fields", "Departure"),
    "arrival_at": QT_TRANSLATE_NOOP("Fields", "Arrival"),
    "content": QT_TRANSLATE_NOOP("Fields", "File"),
}
"""Labels of the field names services report (the last part of ``positions[1].end_date``)."""

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
    if name in ("kind", "what") and isinstance(value, str) and value in WORDS:
        return translate("Problems", WORDS[value])
    return str(value)


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


def field_label(field: str) -> str:
    """``positions[1].end_date`` -> ``End date`` (translated); an unknown field name is shown as it is."""
    last = re.sub(r"\[\d+\]", "", field.rsplit(".", 1)[-1])
    source = FIELDS.get(last)
    return translate("Fields", source) if source is not None else field


def uses_text(uses: Mapping[str, int]) -> str:
    """``{"visits": 2, "meetings": 1}`` -> ``2 visits, 1 meeting`` (``2 визита, 1 встреча``)."""
    counter = Uses()
    return ", ".join(counter.text(kind, count) for kind, count in uses.items())


def error_text(error: OrganizerError) -> str:
    """One error of a service as the user should read it, in the interface language."""
    if isinstance(error, ValidationError):
        lines = [f"{field_label(field)}: {problem_text(problem)}" if field else problem_text(problem)
                 for field, problem in error.issues.items()]
        return "\n".join(lines)
    if isinstance(error, NotFoundError):
        kind = translate("Problems", WORDS[error.kind]) if error.kind in WORDS else error.kind
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
