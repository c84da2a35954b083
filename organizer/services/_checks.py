"""Checks every service applies to its input: clean text, e-mail addresses, phone numbers, limits.

``Checker`` collects every problem of one input, so the user sees them all at once; ``CheckedRecord`` is a
record as it will be stored once every check has passed. Nothing here touches the database.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from organizer.domain.enums import parse_enum
from organizer.domain.errors import Problem, ValidationError
from organizer.domain.fields import FieldTable, FieldType, resolve
from organizer.domain.records import TextVariant
from organizer.domain.variants import check_lang, from_mapping, to_mapping
from organizer.store.lazy import models as m
from organizer.store.schema import NAME_LEN, SHORT_LEN

NAME_LIMIT = NAME_LEN
SHORT_LIMIT = SHORT_LEN
TEXT_LIMIT = 1_000_000
"""Longest free text (notes, biography, agenda) in characters: a whole book fits, a runaway paste doesn't."""
PHOTO_LIMIT = 5 * 1024 * 1024
ATTACHMENT_LIMIT = 50 * 1024 * 1024

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PHONE_AS_TYPED = re.compile(r"^\+?[0-9 ()./\-]{3,40}(?:\s*(?:ext\.?|x|доб\.?)\s*[0-9]{1,6})?$", re.IGNORECASE)
"""A number whose country is unknown is kept as typed if it looks like one (digits and separators)."""

DEFAULT_PHONE_REGION = os.environ.get("ORGANIZER_PHONE_REGION", "").strip().upper() or None
"""Country (ISO 3166 code, e.g. ``UZ``) assumed for numbers typed without ``+``; unset: keep them as typed."""
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL_OR_SURROGATE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
"""Either of the two above: clean text (nearly all of it) is scanned once."""
MAX_ID = 2**31 - 1
"""Largest record id (a 32-bit integer column on PostgreSQL); a larger number names no record."""

def clean(value: str | None) -> str:
    """Trim, normalise to NFC and drop nothing else: what we store is what the user typed."""
    if value is None:
        return ""
    if value.__class__ is str and value.isascii():  # ASCII text is NFC already (most of an import)
        return value.strip()
    return unicodedata.normalize("NFC", str(value)).strip()


class _Known:
    """Results of a pure, idempotent normaliser (``f(f(x)) == f(x)``): each result is also kept as its own
    result, so checking a value already normalised costs a look-up. Bounded: emptied at ``LIMIT`` entries.
    Failures (ValueError) are not kept."""

    LIMIT = 8_192

    def __init__(self) -> None:
        self.known: dict[str, str] = {}

    def get(self, value: str, work: Callable[[str], str]) -> str:
        found = self.known.get(value)
        if found is None:
            found = work(value)
            if len(self.known) >= self.LIMIT:
                self.known.clear()
            self.known[value] = self.known[found] = found
        return found


_EMAILS = _Known()
_PHONES: dict[str, _Known] = {}


def normalize_email(value: str) -> str:
    """The address in its normal form (domain lower-cased, IDNA checked); ValueError with the reason if
    it is not an address. Deliverability is not checked: no network look-ups while typing.

    Results are kept (``_Known``): an import checks each address once when it maps a card and again, in
    its normal form, in the people service's rules."""
    return _EMAILS.get(value, _normalized_email)


_email_fast: Any = None
_phone_fast: Any = None
"""The modules of the shortcuts below, once imported (an import statement in a function that runs 20,000
times in an import costs more than the look-up)."""


def _normalized_email(value: str) -> str:
    # Imported on first use, like phonenumbers below: commands that only read should not pay for them.
    from email_validator import EmailNotValidError, validate_email

    global _email_fast
    if _email_fast is None:
        from organizer.services import email_fast  # optional: the results are the same without it

        email_fast.install(validate_email)
        _email_fast = email_fast
    fast: str | None = _email_fast.plain(value, validate_email)
    if fast is not None:
        return fast
    try:
        return str(validate_email(value, check_deliverability=False).normalized)
    except EmailNotValidError as err:
        raise ValueError(str(err)) from None


def format_phone(value: str, region: str | None = None) -> str:
    """A phone number in international format when its country is known (a leading ``+``, or
    ``region``, default ``DEFAULT_PHONE_REGION``), else as typed. ValueError if it cannot be a number.
    Results are kept per region (``_Known``), as for ``normalize_email``."""
    region = region or DEFAULT_PHONE_REGION
    known = _PHONES.get(region or "")
    if known is None:
        known = _PHONES[region or ""] = _Known()
    found = known.known.get(value)  # most calls: an import checks each number twice
    return found if found is not None else known.get(value, lambda v: _formatted_phone(v, region))


def _formatted_phone(value: str, region: str | None) -> str:
    if value.startswith("+"):
        global _phone_fast
        if _phone_fast is None:
            from organizer.services import phone_fast  # "+CC digits": the library's result, without the library

            _phone_fast = phone_fast
        fast: str | None = _phone_fast.international(value)
        if fast is not None:
            return fast
    import phonenumbers  # a large module: imported on first use (see normalize_email)

    if value.startswith("+") or region:
        try:
            number = phonenumbers.parse(value, None if value.startswith("+") else region)
        except phonenumbers.NumberParseException as err:
            raise ValueError(str(err).split(") ", 1)[-1]) from None
        if not phonenumbers.is_possible_number(number):
            raise ValueError(f"has the wrong number of digits for +{number.country_code}")
        return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))
    if not _PHONE_AS_TYPED.match(value):
        raise ValueError("digits, spaces, + ( ) - . / allowed")
    return value


@dataclass(slots=True)
class CheckedRecord:
    """A record as it will be stored, after every rule of its service: the columns of its own table,
    the rows of its child tables (without the owner's id, keyed by table name; every row of one table
    has the same keys) and its topics. The services' ``_apply`` fills a mapped object from it; an
    archive import writes many at once with bulk inserts (``archive.importer``)."""

    columns: dict[str, Any]
    children: dict[str, list[dict[str, Any]]]
    topics: list[m.Topic]


class Checker:
    """Collects every problem of one input, so the user sees them all at once."""

    def __init__(self, record: str) -> None:
        self.record = record
        self.problems: dict[str, Problem] = {}

    def add(self, field: str, message: str, code: str = "invalid", **params: Any) -> None:
        """Record a problem: English ``message``, and ``code``/``params`` for other languages."""
        if field not in self.problems:
            self.problems[field] = Problem(code, message, params)

    def text(self, field: str, value: str, *, required: bool = False, limit: int = NAME_LIMIT,
             single_line: bool = True) -> str:
        if not value:  # most optional fields of an import are empty: nothing to check
            if required:
                self.add(field, "must not be empty", "required")
            return ""
        if value.__class__ is str and value.isprintable():
            # No control character, line break or lone surrogate can be in printable text (nor appear
            # by NFC): only the length is left to check, which the slow path below repeats on failure.
            value = (value if value.isascii() else unicodedata.normalize("NFC", value)).strip()
            if len(value) <= limit and (value or not required):
                return value
        value = clean(value)
        if required and not value:
            self.add(field, "must not be empty", "required")
        if len(value) > limit:
            self.add(field, f"is too long ({len(value):,} characters; the limit is {limit:,})", "too_long",
                     length=len(value), limit=limit)
        if _CONTROL_OR_SURROGATE.search(value):  # one scan for the common case of clean text
            bad = _CONTROL.search(value)
            if bad:
                self.add(field, f"contains a control character (U+{ord(bad.group()):04X})", "control_character",
                         char=f"U+{ord(bad.group()):04X}")
            lone = _SURROGATE.search(value)
            if lone:
                self.add(field, f"contains an invalid character (a lone surrogate, U+{ord(lone.group()):04X})",
                         "lone_surrogate", char=f"U+{ord(lone.group()):04X}")
        if single_line and ("\n" in value or "\r" in value):
            self.add(field, "must be a single line", "single_line")
        return value

    def long_text(self, field: str, value: str) -> str:
        # Tabs and newlines are fine in free text; other control characters are not.
        return self.text(field, value, limit=TEXT_LIMIT, single_line=False)

    def email(self, field: str, value: str) -> str:
        value = self.text(field, value, required=True)
        if value:
            try:
                return normalize_email(value)
            except ValueError as err:
                self.add(field, f"{value!r} is not an email address ({err})", "email", value=value,
                         reason=str(err))
        return value

    def phone(self, field: str, value: str) -> str:
        value = self.text(field, value, required=True, limit=SHORT_LIMIT)
        if value:
            try:
                return format_phone(value)
            except ValueError as err:
                self.add(field, f"{value!r} is not a phone number ({err})", "phone", value=value, reason=str(err))
        return value

    def generic(self, table: FieldTable, data: object) -> dict[str, Any]:
        """The checked values of ``table``'s generic fields (``Field.page``) in ``data``, by column: a text
        as ``text``/``long_text`` check it, an enum's value (ValidationError naming the allowed ones), a
        bool."""
        columns: dict[str, Any] = {}
        for fld in table.generic:
            value = getattr(data, fld.name)
            if fld.type is FieldType.ENUM:
                assert fld.enum is not None, fld.name
                columns[fld.attr] = parse_enum(fld.enum, value, fld.name).value
            elif fld.type is FieldType.BOOL:
                columns[fld.attr] = bool(value)
            elif fld.type is FieldType.LONG_TEXT:
                columns[fld.attr] = self.long_text(fld.name, value)
            else:
                columns[fld.attr] = self.text(fld.name, value)
        return columns

    def variants(self, table: FieldTable, variants: tuple[TextVariant, ...] | None, prefix: str = "") -> dict[str, Any]:
        """``{"variants": {...}}`` for the columns of a record (or row) of ``table`` with these language variants
        (``domain.variants``), checked: each names a translatable field of the table, a language code, a text
        within the field's limit, once per field and language; ``{}`` (keep the stored ones) for None."""
        if variants is None:
            return {}
        if not variants:  # most records: none (what the loop below gives for no variants)
            return {"variants": {}}
        out: dict[str, dict[str, str]] = {}
        for i, v in enumerate(variants):
            where = f"{prefix}variants[{i}]"
            fld = table.get(v.field) if "." not in v.field else resolve(v.field, table)
            if fld is None or not fld.translatable or v.field not in table.translatable_paths():
                allowed = ", ".join(table.translatable_paths())
                self.add(f"{where}.field", f"{v.field!r} has no language variants (these have: {allowed})",
                         "not_translatable", name=v.field)
                continue
            try:
                lang = check_lang(v.lang)
            except ValueError as err:
                self.add(f"{where}.lang", str(err), "language_code", lang=v.lang)
                continue
            if fld.type is FieldType.LONG_TEXT:
                text = self.long_text(f"{where}.text", v.text)
            else:
                text = self.text(f"{where}.text", v.text)
            if not text:
                continue
            if lang in out.get(v.field, {}):
                self.add(where, f"{v.field} has two {lang!r} variants", "listed_twice", name=v.field, lang=lang)
            out.setdefault(v.field, {})[lang] = text
        return {"variants": to_mapping(from_mapping(out))}

    def date_order(self, field: str, start: date | datetime | None, end: date | datetime | None,
                   what: str = "start") -> None:
        if start is not None and end is not None and end < start:
            self.add(field, f"is before the {what} ({end.isoformat()} < {start.isoformat()})", "date_order",
                     what=what, start=start, end=end)

    def check(self) -> None:
        if self.problems:
            raise ValidationError(self.problems, record=self.record)


def valid_id(ident: object) -> bool:
    return isinstance(ident, int) and not isinstance(ident, bool) and 0 < ident <= MAX_ID


