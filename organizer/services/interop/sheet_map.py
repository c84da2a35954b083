"""The column mapping of a sheet of contacts (CSV, .xlsx): which column says what about the person, and each
row turned into a vCard ``Card`` so that it goes through the very mapping and checks a vCard does
(``services.interop.cards``: names, name variants in another script, e-mails and phones checked,
positions with the institution matched or created, tags, notes; the same matching on import).

**Fields** a column can go to (``FIELDS``; ``email`` and ``phone`` may carry a label after a colon,
``email:work``, ``phone:mobile``): ``given_name``, ``middle_name``, ``family_name``, ``full_name`` (a
whole name, given name first: "Name", "Full name"; two or three words are split into given, middle and
family name), ``full_name_family_first`` (the same, family name first: "ФИО"), ``display_name`` (shown
as written), ``honorific``, ``suffix``, ``nickname``, ``name_variant`` (the name in another script),
``email``, ``email_label``, ``phone``, ``phone_label``, ``organization``, ``department``, ``title``,
``notes``, ``tags`` (split at ``;``, ``,`` and Google's ``:::``), ``birthday``, ``address``, ``web``,
``uid``, ``ignore``. Several columns may go to one field: e-mails, phones and tags add up,
``organization`` i pairs with ``title`` i and ``department`` i, ``email_label`` i labels ``email`` i.

**Auto-detection** (``auto_mapping``): the header names of Google Contacts (both its current and its
older CSV layout: ``First Name``/``Given Name``, ``E-mail 1 - Value``, ``Organization 1 - Title``...) and
Outlook (``First Name``, ``Job Title``, ``E-mail Address``, ``Mobile Phone``...; Outlook's ``Title`` is the
honorific), and common English and Russian names of a hand-made sheet (``Фамилия``, ``Имя``, ``Отчество``,
``Должность``, ``Организация``, ``Телефон``, ``E-mail``...). Columns it does not know are ignored.

**A mapping file** (``organizer import FILE --mapping MAP.json``) maps by hand: a JSON object from column
header to field, e.g. ``{"Фамилия": "family_name", "Имя": "given_name", "Почта": "email:work",
"Комментарий": "notes"}``, or ``{"columns": {...}, "sheet": "Лист1"}`` to read another sheet of a
workbook. Columns it does not name are ignored; a header it names that the file lacks, or an unknown field,
is an error.

Outlook writes placeholders in empty cells (``0/0/00`` birthdays, ``Unspecified`` gender): they are dropped.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from organizer.domain.errors import ImportFormatError
from organizer.services.interop.cards import EMAIL_TYPE_OF_LABEL, LABEL_PARAM, TYPE_OF_LABEL
from organizer.services.interop.vcard import Card, Property, escape

FIELDS = ("given_name", "middle_name", "family_name", "full_name", "full_name_family_first", "display_name",
          "honorific", "suffix", "nickname",
          "name_variant", "email", "email_label", "phone", "phone_label", "organization", "department", "title",
          "notes", "tags", "birthday", "address", "web", "uid", "ignore")
LABELLED = ("email", "phone")

_KNOWN: dict[str, str] = {
    # Google Contacts (current layout) and Outlook share these
    "first name": "given_name", "middle name": "middle_name", "last name": "family_name",
    "name prefix": "honorific", "name suffix": "suffix", "nickname": "nickname", "notes": "notes",
    "birthday": "birthday", "labels": "tags",
    "organization name": "organization", "organization title": "title", "organization department": "department",
    # Google Contacts (older layout)
    "name": "full_name", "given name": "given_name", "additional name": "middle_name",
    "family name": "family_name", "group membership": "tags",
    # Outlook
    "title": "honorific", "suffix": "suffix", "company": "organization", "department": "department",
    "job title": "title", "categories": "tags", "web page": "web",
    "business phone": "phone:work", "business phone 2": "phone:work", "mobile phone": "phone:mobile",
    "home phone": "phone:home", "home phone 2": "phone:home", "other phone": "phone:other",
    "primary phone": "phone:main", "company main phone": "phone:main", "business fax": "phone:work fax",
    "home fax": "phone:home fax", "pager": "phone:pager", "car phone": "phone", "assistant's phone": "phone",
    "e-mail address": "email", "e-mail 2 address": "email", "e-mail 3 address": "email",
    # hand-made sheets, English
    "full name": "full_name", "surname": "family_name", "given": "given_name", "organisation": "organization",
    "organization": "organization", "institution": "organization", "position": "title", "job": "title",
    "e-mail": "email", "email": "email", "mail": "email", "phone": "phone", "telephone": "phone",
    "mobile": "phone:mobile", "note": "notes", "comment": "notes", "comments": "notes", "tags": "tags",
    # hand-made sheets, Russian
    "фамилия": "family_name", "имя": "given_name", "отчество": "middle_name", "фио": "full_name_family_first",
    "ф.и.о.": "full_name_family_first", "ф. и. о.": "full_name_family_first", "полное имя": "full_name",
    "организация": "organization", "учреждение": "organization", "компания": "organization",
    "место работы": "organization", "отдел": "department", "подразделение": "department",
    "должность": "title", "телефон": "phone", "рабочий телефон": "phone:work", "мобильный": "phone:mobile",
    "мобильный телефон": "phone:mobile", "сотовый": "phone:mobile", "эл. почта": "email",
    "электронная почта": "email", "e-mail адрес": "email", "почта": "email", "примечание": "notes",
    "примечания": "notes", "заметки": "notes", "комментарий": "notes", "теги": "tags", "метки": "tags",
    "категории": "tags", "дата рождения": "birthday", "адрес": "address", "сайт": "web",
    "имя (латиницей)": "name_variant", "фио (латиницей)": "name_variant", "name (latin)": "name_variant",
}
_NUMBERED = re.compile(r"^(e-mail|phone|organization|website|address) (\d+) - (\w+)$")
_NUMBERED_FIELDS = {("e-mail", "value"): "email", ("e-mail", "type"): "email_label",
                    ("e-mail", "label"): "email_label", ("phone", "value"): "phone", ("phone", "type"): "phone_label",
                    ("phone", "label"): "phone_label", ("organization", "name"): "organization",
                    ("organization", "title"): "title", ("organization", "department"): "department",
                    ("website", "value"): "web", ("address", "formatted"): "address"}
_PLACEHOLDERS = {"0/0/00", "00.00.0000", "0.0.00", "unspecified", "normal", "false"}
_MULTI = re.compile(r"\s*:::\s*")


@dataclass
class ColumnMap:
    """Column index -> field for one sheet, and how it was found (``Google Contacts``, ``Outlook``, ``auto``,
    ``mapping file``)."""

    columns: dict[int, str] = field(default_factory=dict)
    source: str = "auto"
    sheet: str | None = None

    def as_json(self, header: Sequence[str]) -> dict[str, str]:
        return {header[i]: f for i, f in sorted(self.columns.items())}


def _norm(header: str) -> str:
    return " ".join(header.replace("\ufeff", "").strip().strip('"').casefold().split())


def field_of_header(header: str) -> str | None:
    key = _norm(header)
    found = _NUMBERED.match(key)
    if found:
        return _NUMBERED_FIELDS.get((found.group(1), found.group(3)))
    return _KNOWN.get(key)


def auto_mapping(header: Sequence[str]) -> ColumnMap:
    """The fields of the columns this header names (see the module docstring); unknown columns are left out."""
    keys = {_norm(h) for h in header}
    if {"e-mail 1 - value", "phone 1 - value", "given name", "labels", "group membership"} & keys:
        source = "Google Contacts"
    elif {"job title", "e-mail address", "business phone", "mobile phone", "e-mail display name"} & keys:
        source = "Outlook"
    else:
        source = "auto"
    columns: dict[int, str] = {}
    for i, h in enumerate(header):
        found = field_of_header(h)
        if found is not None:
            columns[i] = found
    if source != "Outlook":
        columns = {i: ("title" if f == "honorific" and _norm(header[i]) == "title" else f)
                   for i, f in columns.items()}  # a hand-made sheet's "Title" is a job title
    return ColumnMap(columns, source)


def check_field(value: object) -> str:
    if not isinstance(value, str):
        raise ImportFormatError(f"{value!r} is not a field name")
    base, _, label = value.partition(":")
    base = base.strip()
    if base not in FIELDS or (label and base not in LABELLED):
        raise ImportFormatError(f"{value!r} is not a field; the fields are {', '.join(FIELDS)} "
                                "(email and phone may take a label: email:work, phone:mobile)")
    return f"{base}:{label.strip()}" if label.strip() else base


def parse_mapping(text: bytes | str, where: str) -> tuple[dict[str, str], str | None]:
    """(header -> field, sheet name) from a mapping file's JSON; ImportFormatError naming ``where``."""
    try:
        raw: Any = json.loads(text)
    except (ValueError, UnicodeDecodeError) as err:
        raise ImportFormatError(f"{where}: not JSON ({err})") from None
    sheet: str | None = None
    if isinstance(raw, dict) and isinstance(raw.get("columns"), dict):
        sheet = raw.get("sheet") if isinstance(raw.get("sheet"), str) else None
        raw = raw["columns"]
    if not isinstance(raw, dict) or not raw:
        raise ImportFormatError(f"{where}: a JSON object from column header to field is expected, "
                                'e.g. {"Фамилия": "family_name", "E-mail": "email"}')
    out: dict[str, str] = {}
    for header, value in raw.items():
        try:
            out[str(header)] = check_field(value)
        except ImportFormatError as err:
            raise ImportFormatError(f"{where}: column {header!r}: {err}") from None
    return out, sheet


def mapping_by_hand(header: Sequence[str], by_name: Mapping[str, str], source: str = "mapping file") -> ColumnMap:
    index = {_norm(h): i for i, h in reversed(list(enumerate(header)))}
    columns: dict[int, str] = {}
    for name, fld in by_name.items():
        i = index.get(_norm(name))
        if i is None:
            raise ImportFormatError(f"the mapping names a column {name!r} the file does not have "
                                    f"(its columns: {', '.join(repr(h) for h in header[:40])})")
        columns[i] = check_field(fld)
    return ColumnMap(columns, source)


# --- a row as a card -----------------------------------------------------------------------------


class RowCard(Card):
    """A sheet row dressed as a vCard, so that reports name the row."""

    __slots__ = ()

    def where(self) -> str:
        return f"row {self.number}" if self.number == self.line else f"row {self.number} (line {self.line})"


def _clean(value: str) -> str:
    value = value.strip()
    return "" if value.casefold() in _PLACEHOLDERS else value


def _label_params(label: str, known: dict[str, str]) -> list[str]:
    words = label.replace("*", " ").casefold().split()
    if not words:
        return []
    if all(w in known for w in words):
        return [f"TYPE={','.join(known[w] for w in words)}"]
    return [f"{LABEL_PARAM}={' '.join(words)}"]


def row_card(number: int, line: int, values: Sequence[str], mapping: ColumnMap) -> RowCard:
    """The card of one row: properties built from the mapped columns (see the module docstring)."""
    got: dict[str, list[str]] = {}
    for i, fld in sorted(mapping.columns.items()):
        value = _clean(values[i]) if i < len(values) else ""
        base, _, label = fld.partition(":")
        got.setdefault(base, []).append(value)
        if base in LABELLED:
            got.setdefault(f"{base}:", []).append(label)
    props: list[Property] = []

    def add(name: str, value: str, params: Sequence[str] = (), group: str = "") -> None:
        parsed: dict[str, list[str]] = {}
        for p in params:
            key, _, val = p.partition("=")
            parsed.setdefault(key, []).append(val)
        props.append(Property(name, value, parsed, group, line))

    def first(name: str) -> str:
        return next((v for v in got.get(name, ()) if v), "")

    n = [first("family_name"), first("given_name"), first("middle_name"), first("honorific"), first("suffix")]
    whole = first("full_name") or first("full_name_family_first")
    words = whole.split()
    if not any(n[:3]) and 2 <= len(words) <= 3:  # a whole name in one column: its parts, so that it matches
        if first("full_name"):
            n[:3] = [words[-1], words[0], words[1] if len(words) == 3 else ""]
        else:
            n[:3] = [words[0], words[1], words[2] if len(words) == 3 else ""]
        whole = ""
    if any(n):
        add("N", ";".join(escape(x) for x in n))
    if first("display_name") or whole:
        add("FN", escape(first("display_name") or whole))
    for v in got.get("name_variant", ()):
        if v:
            add("X-ORGANIZER-NAME", escape(v))
    if first("nickname"):
        add("NICKNAME", escape(first("nickname")))
    for base, prop, known in (("email", "EMAIL", EMAIL_TYPE_OF_LABEL), ("phone", "TEL", TYPE_OF_LABEL)):
        labels = got.get(f"{base}_label", [])
        for k, (value, label) in enumerate(zip(got.get(base, []), got.get(f"{base}:", []), strict=True)):
            label = label or (labels[k] if k < len(labels) else "")
            for part in _MULTI.split(value) if value else ():
                if part.strip():
                    add(prop, escape(part.strip()), _label_params(label, known))
    orgs, titles, units = got.get("organization", []), got.get("title", []), got.get("department", [])
    for k in range(max(len(orgs), len(titles))):
        org = orgs[k] if k < len(orgs) else ""
        title = titles[k] if k < len(titles) else ""
        unit = units[k] if k < len(units) else ""
        if org:
            add("ORG", ";".join(escape(x) for x in (org, unit) if x), group=f"org{k}")
        if title:
            add("TITLE", escape(title), group=f"org{k}" if org else "")
    for v in got.get("notes", ()):
        if v:
            add("NOTE", escape(v))
    tags = [t.strip() for v in got.get("tags", ()) for t in re.split(r":::|;|,", v) if t.strip()]
    tags = [t for t in tags if not t.startswith("*")]  # Google's own groups: "* myContacts", "* starred"
    if tags:
        add("CATEGORIES", ",".join(escape(t) for t in dict.fromkeys(tags)))
    for name, prop in (("birthday", "BDAY"), ("web", "URL"), ("uid", "UID")):
        for v in got.get(name, ()):
            if v:
                add(prop, escape(v))
    for v in got.get("address", ()):
        if v:
            add("ADR", ";;" + escape(v.replace("\r\n", "\n").replace("\n", ", ")))
    if not any(p.name == "UID" for p in props):  # the same row gives the same uid: re-import finds it
        h = hashlib.sha1(b"sheet-row")
        for p in props:
            h.update(f"{p.name}:{p.value}\n".encode("utf-8", "surrogatepass"))
        add("UID", "sheet-" + h.hexdigest()[:40])
    return RowCard(number, line, props)
