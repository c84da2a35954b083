"""A plain person record of an archive checked in one pass, straight into the rows it is stored as.

The general road (``bulk._person_data``, then ``bulk._check_person``) reads a record through the field table
into ``PersonData`` (a frozen dataclass, and one more per name variant, e-mail, phone and position), then
applies ``people.check_person`` to it: about 100 µs a person, a fifth of a 50,000-person import.
``person_rows`` gives the same ``CheckedRecord`` from the JSON object directly, for the records that need
no more than the common case of every rule: each value of the JSON type the reader expects, texts that
pass the text checks as they are, institutions this import has already resolved, no rule broken. For
anything else it answers None and the record takes the general road, which names the problem (if there
is one) in its own words, so messages and outcomes never depend on which road a record took.
``tests/unit/test_archive_quick.py`` holds both roads to the same rows, record by record.

The fields this road reads are spelt out below (``_HANDLED``): if the person's field table (or one of its
row tables) gains, loses or retypes a field, ``ENABLED`` is False and every record takes the general road
(the test fails until this module is brought up to date).
"""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from organizer.domain import fields
from organizer.domain.errors import ValidationError
from organizer.domain.fields import FieldType
from organizer.services._checks import (
    _CONTROL_OR_SURROGATE,
    NAME_LIMIT,
    SHORT_LIMIT,
    TEXT_LIMIT,
    CheckedRecord,
    Checker,
    clean,
    format_phone,
    normalize_email,
)
from organizer.services._records import topics_by_name
from organizer.services.archive.reading import RecordReader, UidResolver, read_variants
from organizer.services.people import sort_key
from organizer.store import models as m
from organizer.store import schema

_T, _LT = FieldType.TEXT, FieldType.LONG_TEXT
_HANDLED = {
    "person": {("given_name", _T), ("middle_name", _T), ("family_name", _T), ("honorific", _T),
               ("form_of_address", _T), ("gender", FieldType.ENUM), ("display_name", _T),
               ("name_variants", FieldType.ROWS), ("positions", FieldType.ROWS), ("emails", FieldType.ROWS),
               ("phones", FieldType.ROWS), ("languages", FieldType.TEXTS), ("dietary_needs", _LT),
               ("interpreter_needs", _LT), ("tags", FieldType.TEXTS), ("topics", FieldType.TEXTS),
               ("biography", _LT), ("notes", _LT), ("photo", FieldType.BYTES), ("academic_title", _T),
               ("variants", FieldType.VARIANTS), ("uid", FieldType.UID)},
    "name_variant": {("name", _T), ("script", _T), ("language", _T)},
    "email": {("value", _T), ("label", _T)},
    "phone": {("value", _T), ("label", _T)},
    "position": {("title", _T), ("institution", FieldType.REF), ("start_date", FieldType.DATE),
                 ("end_date", FieldType.DATE), ("current", FieldType.BOOL), ("variants", FieldType.VARIANTS)},
}
"""(archive key, type) of every field of each table that an archive carries, as this module reads them."""


def _carried(table: fields.FieldTable) -> set[tuple[str, FieldType]]:
    return {(str(f.archive), f.type) for f in table if f.archive is not None}


_GENERIC = tuple((f.attr, str(f.archive), f.type, dict(f.enum._value2member_map_) if f.enum else None,
                  fields.PERSON.default(f.name)) for f in fields.PERSON.generic)
"""The person's generic fields (``Checker.generic``): column, archive key, type, enum members, default."""

ENABLED = (all(_carried(t) == _HANDLED[t.kind] for t in (fields.PERSON, fields.NAME_VARIANT, fields.EMAIL,
                                                           fields.PHONE, fields.POSITION))
           and all(kind in (_T, _LT, FieldType.ENUM) and archive for _, archive, kind, _, _ in _GENERIC))
"""This road reads exactly the fields the tables carry (see the module docstring)."""


class _Slow(Exception):  # noqa: N818 (not an error: the record takes the general road)
    pass


_SLOW = _Slow()


def _text(value: Any, limit: int = NAME_LIMIT, required: bool = False, breaks: bool = False) -> str:
    """``Checker.text`` of a value as ``RecordReader.text`` reads it, when it passes; else ``_Slow``. With
    ``breaks``, ``Checker.long_text``'s rule: tabs and line breaks allowed."""
    if value is None or value == "":
        if required:
            raise _SLOW
        return ""
    if value.__class__ is not str:
        raise _SLOW
    if value.isprintable():
        checked = value.strip() if value.isascii() else unicodedata.normalize("NFC", value).strip()
    else:
        checked = clean(value)
        if _CONTROL_OR_SURROGATE.search(checked) or (not breaks and ("\n" in checked or "\r" in checked)):
            raise _SLOW
    if len(checked) > limit or (required and not checked):
        raise _SLOW
    return checked


def _long_text(value: Any) -> str:
    """``Checker.long_text``, as ``_text``."""
    return _text(value, TEXT_LIMIT, breaks=True)


def _items(value: Any) -> list[Any]:
    """``RecordReader.seq``: absent, null or empty is no items; anything but a list needs the general road."""
    if not value:
        return []
    if value.__class__ is not list:
        raise _SLOW
    return value


def _texts(value: Any, limit: int) -> list[str]:
    """A list of texts, each required (``languages``, ``tags``, ``topics``)."""
    return [_text(item, limit, True) for item in _items(value)]


def _row(item: Any, keys: tuple[str, ...]) -> tuple[str, ...]:
    """A row of text fields as ``data_reader`` reads it: an object (absent or null values are ``""``), or a
    bare text for the first field."""
    if item.__class__ is str:
        return (item, *("" for _ in keys[1:]))
    if item.__class__ is not dict:
        raise _SLOW
    out = []
    for key in keys:
        value = item.get(key)
        if value is None:
            value = ""
        elif value.__class__ is not str:
            raise _SLOW
        out.append(value)
    return tuple(out)


def _day(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if value.__class__ is not str:
        raise _SLOW
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _SLOW from None


def _variants(table: fields.FieldTable, raw: dict[str, Any], checker: Checker, prefix: str = "") -> dict[str, Any]:
    """``{"variants": ...}`` as ``Checker.variants`` makes it from ``read_variants``."""
    value = raw.get("variants")
    if value is None or (value.__class__ is dict and not value):
        return {"variants": {}}
    try:
        variants = read_variants(RecordReader(raw, ""), "variants")
    except ValidationError:
        raise _SLOW from None
    return checker.variants(table, variants, prefix)


def _positions(res: UidResolver, raw: Any, checker: Checker) -> list[dict[str, Any]]:
    """``check_positions`` and ``bulk._position_row`` of the positions as the reader reads them."""
    rows: list[dict[str, Any]] = []
    current_count = 0
    for i, item in enumerate(_items(raw)):
        if item.__class__ is not dict:
            raise _SLOW
        institution = item.get("institution")
        ident = res.known(m.Institution, institution) if institution.__class__ is str else None
        current = item.get("current", False)
        if ident is None or current.__class__ is not bool:
            raise _SLOW
        start, end = _day(item.get("start_date")), _day(item.get("end_date"))
        if (start is not None and end is not None and end < start) or (current and end is not None):
            raise _SLOW
        current_count += current
        rows.append({"title": _text(item.get("title")), "institution_id": ident, "start_date": start,
                     "end_date": end, "is_current": current,
                     **_variants(fields.POSITION, item, checker, f"positions[{i}].")})
    if current_count > 1:
        raise _SLOW
    if current_count == 0:
        open_ones = [p for p in rows if p["end_date"] is None]
        if open_ones:
            newest = max(open_ones, key=lambda p: p["start_date"].toordinal() if p["start_date"] else 0)
            newest["is_current"] = True
    return rows


def person_rows(session: Session, res: UidResolver, raw: Any) -> CheckedRecord | None:
    """What ``bulk._check_person(session, bulk._person_data(res, reader, uid), checker)`` gives for this
    archive record when the checker finds nothing, or None if the record needs that road (see the module
    docstring). Topics first named here are created, as there."""
    if not ENABLED or raw.__class__ is not dict or raw.get("photo") is not None:
        return None
    checker = Checker("")  # for language variants only: any problem sends the record the general way
    get = raw.get
    try:
        given, family, display = _text(get("given_name")), _text(get("family_name")), _text(get("display_name"))
        if not (given or family or display):
            raise _SLOW
        columns: dict[str, Any] = {
            "photo": None, "photo_type": "", "given_name": given, "family_name": family,
            "middle_name": _text(get("middle_name")), "honorific": _text(get("honorific")),
            "form_of_address": _text(get("form_of_address")), "display_name": display,
            "sort_name": sort_key(get("display_name") or "", get("family_name") or "", get("given_name") or "",
                                  get("middle_name") or "")[: schema.NAME_LEN * 2],
            "languages": _texts(get("languages"), SHORT_LIMIT),
            "biography": _long_text(get("biography")), "dietary_needs": _long_text(get("dietary_needs")),
            "interpreter_needs": _long_text(get("interpreter_needs")), "notes": _long_text(get("notes")),
        }
        for attr, key, kind, members, default in _GENERIC:
            value = get(key)
            if members is not None:
                found = default if value is None else members.get(value) if value.__class__ is str else None
                if found is None:
                    raise _SLOW
                columns[attr] = found.value  # type: ignore[union-attr]  # an enum member
            else:
                columns[attr] = _long_text(value) if kind is _LT else _text(value)
        columns.update(_variants(fields.PERSON, raw, checker))
        names = []
        for item in _items(get("name_variants")):
            name, script, language = _row(item, ("name", "script", "language"))
            names.append({"name": _text(name, required=True), "script": _text(script, 16),
                          "language": _text(language, 16)})
        emails = []
        for item in _items(get("emails")):
            value, label = _row(item, ("value", "label"))
            try:
                address = normalize_email(_text(value, required=True))
            except ValueError:
                raise _SLOW from None
            emails.append({"address": address, "label": _text(label, SHORT_LIMIT)})
        phones = []
        for item in _items(get("phones")):
            value, label = _row(item, ("value", "label"))
            try:
                number = format_phone(_text(value, SHORT_LIMIT, True))
            except ValueError:
                raise _SLOW from None
            phones.append({"number": number, "label": _text(label, SHORT_LIMIT)})
        tags = list(dict.fromkeys(_texts(get("tags"), SHORT_LIMIT)))
        positions = _positions(res, get("positions"), checker)
        topic_names = _texts(get("topics"), NAME_LIMIT)
    except _Slow:
        return None
    if checker.problems:
        return None
    return CheckedRecord(columns, {"person_name": names, "person_email": emails, "person_phone": phones,
                                   "person_tag": [{"tag": tag} for tag in tags], "position": positions},
                         topics_by_name(session, topic_names, checker) if topic_names else [])
