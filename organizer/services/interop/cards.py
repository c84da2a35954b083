"""What a vCard says about a person, in Organizer's terms: ``contact_of(card)`` gives a ``Contact``
(a ``PersonData`` without institution ids, the ORG paths with titles, and the values it had to leave out).

The mapping (both directions; ``services.interop.export`` writes the same properties back):

- ``N`` -> family, given, middle name, honorific (prefix); ``FN`` -> the display name only where it says
  something the parts do not (other words, a suffix), a name variant where it is in another script
  (``FN:Коржиков Евгений`` next to ``N:Korzhikov;Evgeny``: script from its letters, language from
  ``LANGUAGE=``); every further ``FN`` (4.0 ``ALTID``) and our ``X-ORGANIZER-NAME`` are name variants.
  A card without a name takes its display name from ``NICKNAME``, ``X-EVOLUTION-FILE-AS``, ``ORG`` or the
  e-mail address, in that order; a card with none of them is skipped (reported).
- ``ORG:Company;Dept;Lab`` + ``TITLE`` (else ``ROLE``) -> a position at the innermost unit; properties of
  one group (``item1.ORG``, ``item1.TITLE``) belong together, ungrouped ones pair in order. Our export's
  ``X-START``/``X-END``/``X-CURRENT`` parameters of ``ORG`` carry the dates. A ``TITLE`` without an
  ``ORG`` goes to the notes.
- ``EMAIL``/``TEL`` -> e-mails and phones with a label from ``TYPE`` (``cell`` is ``mobile``) or from the
  group's ``X-ABLabel`` (Apple); addresses and numbers are checked by the services' rules
  (``services._checks``) and one that fails is left out and reported, as is a duplicate.
- ``CATEGORIES`` -> tags; ``NOTE`` -> notes; ``GENDER`` (4.0) / ``X-GENDER`` -> gender; ``BDAY``, ``ADR``,
  ``URL``, ``NICKNAME``, ``ROLE`` (when it differs from the title) -> lines of the notes (the data model
  has no field for them, and no schema change is made for them); ``LANG`` -> languages; ``PHOTO`` inline
  (base64, ``data:``) -> the photo (through the services' image checks; a photo at a URL is not fetched,
  reported).
- ``UID`` -> the person's uid (an over-long UID becomes ``vcard-`` and a hash of it); a card without one
  gets ``vcard-`` and a hash of its content, so importing the same file again finds the same people.
- ``X-ORGANIZER-*``: the fields vCard has no property for (form of address, dietary and interpreter
  needs, biography, topics), written by our export so that a round trip keeps every field.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from organizer.domain.enums import Gender
from organizer.domain.fields import PERSON
from organizer.domain.records import ContactEntry, NameVariant, PersonData, TextVariant
from organizer.services._checks import PHOTO_LIMIT, SHORT_LIMIT, format_phone, normalize_email
from organizer.services.interop.vcard import Card, Property
from organizer.store.schema import SHORT_LEN

_PHONE_TYPES = {"cell": "mobile", "mobile": "mobile", "iphone": "mobile", "fax": "fax", "pager": "pager",
                "work": "work", "home": "home", "main": "main", "other": "other", "textphone": "textphone",
                "video": "video"}
_EMAIL_TYPES = {"work": "work", "home": "home", "other": "other"}
_PLACE = ("work", "home", "main", "other")
"""Label words that say where; the rest say what (mobile, fax): ``work mobile``, ``home fax``."""
TYPE_OF_LABEL = {"mobile": "cell", "fax": "fax", "pager": "pager", "work": "work", "home": "home",
                 "textphone": "textphone", "video": "video"}
"""Label words the export writes as a TYPE (``cell`` for ``mobile``); any other label goes to X-ABLabel."""
EMAIL_TYPE_OF_LABEL = {"work": "work", "home": "home"}


@dataclass(frozen=True, slots=True)
class OrgTitle:
    """An ORG path (top institution first) with the title held there and the dates our export writes."""

    path: tuple[str, ...]
    title: str
    start_date: date | None = None
    end_date: date | None = None
    current: bool | None = None
    variants: tuple[TextVariant, ...] | None = None


@dataclass(slots=True)
class Contact:
    card: Card
    data: PersonData
    positions: list[OrgTitle] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    """Values the card holds that were not imported, each as "PROPERTY 'value': why"."""
    name: str = ""
    """The name shown for this card in reports."""


# --- scripts -------------------------------------------------------------------------------------

_SCRIPT_WORDS = {"LATIN": "Latn", "CYRILLIC": "Cyrl", "GREEK": "Grek", "ARABIC": "Arab", "HEBREW": "Hebr",
                 "CJK": "Hani", "HANGUL": "Hang", "HIRAGANA": "Jpan", "KATAKANA": "Jpan", "BOPOMOFO": "Bopo",
                 "ARMENIAN": "Armn", "GEORGIAN": "Geor", "DEVANAGARI": "Deva", "THAI": "Thai"}


def script_of(text: str) -> str:
    """The ISO 15924 code of the script most letters of ``text`` are in (``Cyrl``, ``Latn``...; '' if none)."""
    if text.isascii():
        return "Latn" if any(c.isalpha() for c in text) else ""
    counts: Counter[str] = Counter()
    for ch in text:
        if ch.isalpha():
            word = unicodedata.name(ch, "").split(" ", 1)[0]
            script = _SCRIPT_WORDS.get(word)
            if script:
                counts[script] += 1
    return counts.most_common(1)[0][0] if counts else ""


def _language_script(tag: str) -> tuple[str, str]:
    """(language, script) of a language tag such as ``ru``, ``uz-Latn``, ``und-Cyrl``."""
    parts = [p for p in tag.replace("_", "-").split("-") if p]
    language = parts[0].lower() if parts and parts[0].lower() != "und" else ""
    script = next((p.title() for p in parts[1:] if len(p) == 4 and p.isalpha()), "")
    return language[:16], script


# --- values --------------------------------------------------------------------------------------


LABEL_PARAM = "X-ORGANIZER-LABEL"
VARIANT = "X-ORGANIZER-VARIANT"
"""A translatable field of the person in another language: ``X-ORGANIZER-FIELD=<field>;LANGUAGE=<lang>``."""
FIELD_PARAM = "X-ORGANIZER-FIELD"
TITLE_VARIANT = "X-ORGANIZER-TITLE-VARIANT"
"""A position's title in another language (``LANGUAGE=``), in the group of its ORG and TITLE."""
"""The parameter our export gives a contact whose label is not made of TYPE words."""


def _label(prop: Property, labels: dict[str, str], kinds: dict[str, str]) -> str:
    own = prop.param(LABEL_PARAM)
    if own:
        return own.strip()
    if prop.group and prop.group in labels:
        return labels[prop.group]
    key = (tuple(prop.params.get("TYPE", ())), kinds is _PHONE_TYPES)
    found = _LABELS.get(key)
    if found is None:
        words = [kinds[t] for t in prop.types if t in kinds]
        place = [w for w in words if w in _PLACE]
        what = [w for w in words if w not in _PLACE]
        found = " ".join(dict.fromkeys(place[:1] + what[:1]))
        if len(_LABELS) >= 4096:
            _LABELS.clear()
        _LABELS[key] = found
    return found


_LABELS: dict[tuple[tuple[str, ...], bool], str] = {}
"""Labels made of TYPE words, by the TYPE values as written and whether they are a phone's (a file repeats
a few: ``TYPE=INTERNET;TYPE=WORK``)."""


def _apple_label(text: str) -> str:
    """Apple's ``_$!<Mobile>!$_`` is its built-in label "mobile"; other text is the user's own label."""
    text = text.strip()
    if text.startswith("_$!<") and text.endswith(">!$_"):
        return text[4:-4].strip().lower()
    return text


def _phone_text(prop: Property) -> str:
    value = prop.text().strip()
    if value[:4].lower() == "tel:":
        value = value[4:]
        number, _, rest = value.partition(";")
        ext = next((p[4:] for p in rest.split(";") if p.lower().startswith("ext=")), "")
        value = f"{number} ext. {ext}" if ext else number
    return value.strip()


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _date(text: str) -> date | None:
    text = text.strip()
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _bday(text: str) -> str:
    """A BDAY as ISO text where it is a date (``19531015T231000Z`` -> ``1953-10-15``), else as written."""
    t = text.strip()
    digits = t[:8]
    if len(digits) == 8 and digits.isdigit():
        return f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"
    if t.startswith("--") and len(t) >= 6:  # 4.0 date without a year: --MMDD
        return f"--{t[2:4]}-{t[4:6]}"
    return t[:10] if len(t) >= 10 and t[4:5] == "-" else t


def card_uid(card: Card) -> str:
    """The uid the person of this card gets: its UID (hashed if too long), else a hash of its content."""
    found = card.first("UID")
    uid = found.text().strip() if found is not None else ""
    if uid and len(uid) <= SHORT_LEN and uid.isprintable():
        return uid
    h = hashlib.sha1()
    if uid:
        h.update(uid.encode("utf-8", "surrogatepass"))
    else:
        for p in card.properties:
            if p.name not in ("REV", "PRODID", "VERSION", "X-EVOLUTION-UI-SLOT"):
                h.update(f"{p.group}.{p.name}:{p.value}\n".encode("utf-8", "surrogatepass"))
    return "vcard-" + h.hexdigest()[:40]


def sniff_image(content: bytes) -> str | None:
    from organizer.services.people import sniff_image as sniff

    return sniff(content)


# --- the card ------------------------------------------------------------------------------------


class _View:
    """A card's properties by name, gathered once (``Card.all`` and ``Card.first`` scan the whole card on
    each call, and the mapping asks for some twenty names). The lists are shared: read them only."""

    __slots__ = ("by_name",)

    def __init__(self, card: Card) -> None:
        by_name: dict[str, list[Property]] = {}
        for p in card.properties:
            found = by_name.get(p.name)
            if found is None:
                by_name[p.name] = [p]
            else:
                found.append(p)
        self.by_name = by_name

    def all(self, name: str) -> list[Property]:
        return self.by_name.get(name, _NONE)

    def first(self, name: str) -> Property | None:
        found = self.by_name.get(name)
        return found[0] if found else None


_NONE: list[Property] = []


def contact_of(card: Card) -> Contact:
    """The person a card describes (see the module docstring); nothing here touches the database."""
    view = _View(card)
    left: list[str] = []
    notes: list[str] = []
    extras: list[str] = []
    labels = {p.group: _apple_label(p.text()) for p in view.all("X-ABLABEL") if p.group}

    family = given = middle = honorific = suffix = ""
    n = view.first("N")
    if n is not None:
        parts = [" ".join(x.strip() for x in part.split(",") if x.strip()) for part in n.parts()] + [""] * 5
        family, given, middle, honorific, suffix = (p.strip() for p in parts[:5])
    full_names = [p for p in view.all("FN") if p.text().strip()]
    fn = full_names[0].text().strip() if full_names else ""
    display = ""
    variants: list[NameVariant] = []
    if not (given or family):
        display = fn
        if not display:
            for name in ("NICKNAME", "X-EVOLUTION-FILE-AS", "ORG"):
                found = view.first(name)
                if found is not None:
                    text = (found.parts()[0] if name == "ORG" else found.text()).strip()
                    if text:
                        display = text
                        break
    elif fn:
        composed = " ".join(x for x in (honorific, given, middle, family, suffix) if x)
        if script_of(fn) != script_of(composed):
            language, script = _language_script(full_names[0].param("LANGUAGE"))
            variants.append(NameVariant(fn, script or script_of(fn), language))
        elif not set(_words(fn)) <= set(_words(composed)):  # "Каримова Дилноза" says nothing N does not
            display = fn
    own = view.first("X-ORGANIZER-DISPLAY-NAME")  # our export says it outright
    if own is not None and (given or family):
        display = own.text().strip()
    for p in full_names[1:] + view.all("X-ORGANIZER-NAME"):
        text = p.text().strip()
        if text and text != fn:
            language, script = _language_script(p.param("LANGUAGE"))
            variants.append(NameVariant(text, script or script_of(text), language))

    emails: list[ContactEntry] = []
    seen_emails: set[str] = set()
    for p in view.all("EMAIL"):
        raw = p.text().strip()
        if raw[:7].lower() == "mailto:":
            raw = raw[7:]
        if not raw:
            continue
        try:
            value = normalize_email(raw)
        except ValueError as err:
            left.append(f"EMAIL {_clip(raw)!r} (line {p.line}): not an e-mail address ({err})")
            continue
        if value.casefold() in seen_emails:
            continue
        seen_emails.add(value.casefold())
        emails.append(ContactEntry(value, _label(p, labels, _EMAIL_TYPES)[:SHORT_LIMIT]))
    if not (given or family or display) and emails:
        display = emails[0].value

    phones: list[ContactEntry] = []
    seen_phones: set[str] = set()
    for p in view.all("TEL"):
        raw = _phone_text(p)
        if not raw:
            continue
        try:
            value = format_phone(raw)
        except ValueError as err:
            left.append(f"TEL {_clip(raw)!r} (line {p.line}): not a phone number ({err})")
            continue
        if len(value) > SHORT_LIMIT:
            left.append(f"TEL {_clip(raw)!r} (line {p.line}): longer than {SHORT_LIMIT} characters")
            continue
        if value in seen_phones:
            continue
        seen_phones.add(value)
        phones.append(ContactEntry(value, _label(p, labels, _PHONE_TYPES)[:SHORT_LIMIT]))

    tags: list[str] = []
    for p in view.all("CATEGORIES"):
        for tag in p.items():
            if len(tag) > SHORT_LIMIT:
                left.append(f"CATEGORIES {_clip(tag)!r} (line {p.line}): longer than {SHORT_LIMIT} characters")
            elif tag not in tags:
                tags.append(tag)
    topics: list[str] = []
    for p in view.all("X-ORGANIZER-TOPICS"):
        topics.extend(t for t in p.items() if t not in topics)
    languages: list[str] = []
    for p in view.all("LANG") + view.all("X-ORGANIZER-LANG"):
        lang = p.text().strip()
        if lang and lang not in languages and len(lang) <= SHORT_LIMIT:
            languages.append(lang)

    positions = _positions(view, extras)
    photo: bytes | None = None
    photo_type = ""
    for p in view.all("PHOTO"):
        if not p.value.strip():
            continue
        got = p.binary()
        if got is None and (p.is_binary or p.value.strip()[:5].lower() == "data:"):
            left.append(f"PHOTO (line {p.line}): not valid base64")
            continue
        if got is None:
            left.append(f"PHOTO (line {p.line}): a link to a picture ({_clip(p.value.strip(), 40)!r}); "
                        "it is not downloaded")
            continue
        content, _media = got
        sniffed = sniff_image(content)
        if sniffed is None:
            left.append(f"PHOTO (line {p.line}): not a JPEG, PNG, GIF or WebP image")
        elif len(content) > PHOTO_LIMIT:
            left.append(f"PHOTO (line {p.line}): too large ({len(content):,} bytes; the limit is {PHOTO_LIMIT:,})")
        elif photo is None:
            photo, photo_type = content, sniffed

    for p in view.all("NOTE"):
        text = p.text().strip()
        if text:
            notes.append(text)
    for p in view.all("NICKNAME"):
        if p.text().strip() and p.text().strip() != display:
            extras.append(f"Nickname: {p.text().strip()}")
    for p in view.all("BDAY"):
        if p.text().strip():
            extras.append(f"Birthday: {_bday(p.text())}")
    for p in view.all("ADR"):
        address = ", ".join(x.strip().replace("\n", ", ") for x in p.parts() if x.strip())
        if address:
            where = next((t for t in p.types if t in ("work", "home")), "")
            extras.append(f"Address{f' ({where})' if where else ''}: {address}")
    for p in view.all("URL"):
        if p.text().strip():
            extras.append(f"Web: {p.text().strip()}")
    if suffix and not display:
        display = fn or " ".join(x for x in (given, middle, family) if x) + f", {suffix}"

    def one(name: str) -> str:
        found = view.first(name)
        return found.text().strip() if found is not None else ""

    gender = Gender.UNSPECIFIED
    for name in ("GENDER", "X-GENDER"):
        found = view.first(name)
        sex = found.parts()[0].strip().lower()[:1] if found is not None else ""
        if sex in ("m", "f"):
            gender = Gender.MALE if sex == "m" else Gender.FEMALE
            break
    data = PersonData(
        given_name=given, family_name=family, middle_name=middle, honorific=honorific,
        form_of_address=one("X-ORGANIZER-FORM-OF-ADDRESS"), display_name=display,
        name_variants=tuple(dict.fromkeys(variants)), languages=tuple(languages),
        biography=one("X-ORGANIZER-BIOGRAPHY"), dietary_needs=one("X-ORGANIZER-DIETARY-NEEDS"),
        interpreter_needs=one("X-ORGANIZER-INTERPRETER-NEEDS"), photo=photo, photo_type=photo_type,
        emails=tuple(emails), phones=tuple(phones), tags=tuple(tags), notes="\n".join(notes + extras),
        topics=tuple(topics), uid=card_uid(card), gender=gender, academic_title=one("X-ORGANIZER-ACADEMIC-TITLE"),
        variants=_variants(view.all(VARIANT), _PERSON_TRANSLATABLE, left),
    )
    name = display or " ".join(x for x in (given, middle, family) if x)
    return Contact(card, data, positions, left, name)


_PERSON_TRANSLATABLE = tuple(f.name for f in PERSON if f.translatable)


def _variants(props: list[Any], allowed: tuple[str, ...], left: list[str], only: str = "") -> \
        tuple[TextVariant, ...] | None:
    """Our ``X-ORGANIZER-VARIANT`` / ``-TITLE-VARIANT`` properties as language variants (None: the card has
    none, so a person found keeps theirs); one naming another field or no language is left out, said so."""
    if not props:
        return None
    out: dict[tuple[str, str], TextVariant] = {}
    for p in props:
        name, lang, text = only or p.param(FIELD_PARAM), p.param("LANGUAGE").strip().lower(), p.text().strip()
        if not text:
            continue
        if name not in allowed or not lang or len(lang) > 8 or not lang.replace("-", "").isalnum():
            left.append(f"{p.name} (line {p.line}): not a language variant of "
                        f"{', '.join(allowed)} with its LANGUAGE")
            continue
        out.setdefault((name, lang), TextVariant(name, lang, text))
    return tuple(sorted(out.values()))


def _words(text: str) -> list[str]:
    """The runs of letters and digits (``str.isalnum``) of ``text`` case-folded."""
    return _WORD.findall(text.casefold())


_WORD = re.compile(r"[^\W_]+")
r"""A run of characters ``str.isalnum`` accepts: ``\w`` is exactly those and ``_``."""


def _positions(card: _View, notes: list[str]) -> list[OrgTitle]:
    orgs = [p for p in card.all("ORG") if any(x.strip() for x in p.parts())]
    titles = [p for p in card.all("TITLE") if p.text().strip()]
    roles = [p for p in card.all("ROLE") if p.text().strip()]
    out: list[OrgTitle] = []
    used: set[int] = set()
    ungrouped_titles = [t for t in titles if not t.group]
    ungrouped_roles = [r for r in roles if not r.group]
    plain = 0
    for org in orgs:
        if org.group:
            title = next((t for t in titles if t.group == org.group), None)
            role = next((r for r in roles if r.group == org.group), None)
        else:
            title = ungrouped_titles[plain] if plain < len(ungrouped_titles) else None
            role = ungrouped_roles[plain] if plain < len(ungrouped_roles) else None
            plain += 1
        for used_one in (title, role):
            if used_one is not None:
                used.add(id(used_one))
        title_text = title.text().strip() if title is not None else ""
        role_text = role.text().strip() if role is not None else ""
        if role_text and title_text and role_text.casefold() != title_text.casefold():
            notes.append(f"Role: {role_text}")
        current = org.param("X-CURRENT").upper()
        own = [v for v in card.all(TITLE_VARIANT) if v.group == org.group] if org.group or plain == 1 else []
        out.append(OrgTitle(tuple(x.strip() for x in org.parts() if x.strip()), title_text or role_text,
                            _date(org.param("X-START")), _date(org.param("X-END")),
                            True if current == "TRUE" else False if current == "FALSE" else None,
                            _variants(own, ("title",), notes, only="title")))
    noted: set[str] = set()
    for p in titles + roles:
        text = p.text().strip()
        if id(p) not in used and not any(text == o.title for o in out) and text.casefold() not in noted:
            noted.add(text.casefold())
            notes.append(f"{'Title' if p.name == 'TITLE' else 'Role'}: {p.text().strip()}")
    return out
