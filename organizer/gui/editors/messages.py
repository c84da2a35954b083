"""The services' validation problems in the interface language.

A ``Problem`` carries a code and parameters; each code has a translatable template here with
``%1``-style placeholders filled from the parameters. A code without a template (added to the
services later) falls back to the services' English text, so nothing is ever hidden.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from organizer.domain.errors import Problem

translate = QCoreApplication.translate


def _num(value: Any) -> str:
    return QLocale().toString(int(value))


_TEMPLATES: dict[str, Callable[[dict[str, Any]], str]] = {
    "required": lambda p: translate("Problems", "must not be empty"),
    "too_long": lambda p: translate("Problems", "is too long (%1 characters; the limit is %2)")
    .replace("%1", _num(p["length"])).replace("%2", _num(p["limit"])),
    "control_character": lambda p: translate("Problems", "contains a control character (%1)")
    .replace("%1", str(p["char"])),
    "single_line": lambda p: translate("Problems", "must be a single line"),
    "email": lambda p: translate("Problems", "“%1” is not an e-mail address").replace("%1", str(p["value"])),
    "phone": lambda p: translate("Problems", "“%1” is not a phone number").replace("%1", str(p["value"])),
    "date_order": lambda p: translate("Problems", "is before the start"),
    "not_found": lambda p: translate("Problems", "no longer exists"),
    "uid_taken": lambda p: translate("Problems", "this uid is already used by another record"),
    "id_taken": lambda p: translate("Problems", "this record exists already"),
    "not_one_of": lambda p: translate("Problems", "“%1” is not one of the allowed values")
    .replace("%1", str(p["value"])),
    "name_needed": lambda p: translate("Problems", "a person needs a given name, a family name or a display name"),
    "one_current": lambda p: translate("Problems", "only one position can be the current one"),
    "ended_current": lambda p: translate("Problems", "a position that has ended cannot be the current one"),
    "listed_twice": lambda p: translate("Problems", "is listed twice"),
    "precedence": lambda p: translate("Problems", "must be 0 (unranked) or more"),
    "file_too_large": lambda p: translate("Problems", "is too large (%1 bytes; the limit is %2)")
    .replace("%1", _num(p["size"])).replace("%2", _num(p["limit"])),
    "image_type": lambda p: translate("Problems", "is not a JPEG, PNG, GIF or WebP image"),
    "meeting_of_other_visit": lambda p: translate("Problems", "this meeting belongs to another visit"),
    "parent_cycle": lambda p: translate("Problems", "an institution cannot be its own parent or lie below itself"),
    "name_taken": lambda p: translate("Problems", "this name is taken"),
    "signed_needs_date": lambda p: translate("Problems", "a signed agreement needs its signing date"),
}


def problem_text(problem: Problem) -> str:
    """One problem as a sentence fragment in the interface language."""
    template = _TEMPLATES.get(problem.code)
    if template is None:
        return problem.text
    try:
        return template(dict(problem.params))
    except (KeyError, ValueError, TypeError):
        return problem.text
