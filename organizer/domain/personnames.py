"""People's names as each language writes them (issue 18): parts per script, order by culture, address
forms, honorifics and academic titles per language, and automatic transliteration where no one wrote one.

API (plain functions of plain values; ``person`` is a ``PersonData``, or anything with ``given_name``,
``middle_name``, ``family_name``, ``display_name`` and ``name_variants``):

- ``name_in(person, lang) -> PersonName``: the name to show to a reader of ``lang`` (``ru``, ``en``...).
  In order: the name's parts written in ``lang`` (the person's language variants of ``family_name``,
  ``given_name``, ``middle_name``: ``TextVariant("family_name", "ru", "Коржиков")``, edited on the editor's
  Languages page: the parts per script live in the one variants mechanism); the person's own name when it
  is written in ``lang``'s script; a stored variant tagged with
  ``lang`` (``uz`` serves ``uz-Latn``), then one without a language in that script, then one of another
  language in that script; else the own name transliterated (``automatic=True``: the editor marks it
  until someone stores it as a variant); else the own name as it is.
- ``PersonName``: ``family``, ``given``, ``middle`` (patronymic), ``script``, ``lang``, ``automatic``,
  ``family_first`` (the person's culture writes the family name first: a Chinese, Korean or Japanese name),
  ``whole`` (a stored variant whose parts could not be told apart). Its forms:
  ``natural()`` ("Ilnur Khairullin", «Ильнур Хайруллин», "Wang Yi"), ``listed()`` (family name first:
  «Хайруллин Ильнур», "Khairullin Ilnur", "Wang Yi"), ``shown(lang)`` (what the window and document
  lists show: ``listed()`` in Russian, ``natural()`` otherwise), ``address()`` (a Russian letter's
  «Имя Отчество», "" without a patronymic), ``initialed()`` (a signature: «Д. Пашин», "D. Pashin").
- ``name_parts(variant, own_parts=...)``: the parts of a stored variant (its stored parts, else read from
  its text: Cyrillic and East Asian variants are written family name first, «Коржиков Евгений»; Latin ones
  given name first; a word such as «Александрович» is the patronymic).
- ``title_in(person, field, lang) -> Localized``: ``honorific``, ``form_of_address`` or ``academic_title``
  for ``lang``: the stored variant (``domain.variants``), else the field's text when it is in ``lang``'s
  script, else the usual translation of a common title ("Mr" -> «господин», "Prof." -> «профессор»,
  «академик» -> "Academician"; ``COMMON_TITLES``), else the text itself marked as a fallback.
- ``romanize(text)`` / ``cyrillize(text)``: the automatic schemes.
- ``shown_name(given, middle, family, display, variants)``: the name as the window shows it in the display
  language (``variants.set_display_language``; none set: as stored).

Automatic schemes: Cyrillic to Latin is iuliia's ``WIKIPEDIA`` scheme (Хайруллин -> Khayrullin, after the
Tatar and Uzbek letters are mapped to Russian ones: ә -> а, ң -> н, ў -> у, ҳ -> х...). Latin to Cyrillic
is this module's ``CYRILLIZATION`` table, the reverse of the English practical transcription of Russian
names: the longest spelling first (shch -> щ, zh -> ж, kh -> х, ts -> ц, ch -> ч, sh -> ш, ya -> я,
yu -> ю, yo -> ё, ye -> е (э at the start of a word), iy/yy at the end of a word -> ий/ый), then one
letter each (y -> й after a vowel, ы after a consonant, ий at the end of a word after a consonant: Yury
-> Юрий; e -> э at the start of a word; j -> ж, as Uzbek Latin and Russian-origin names write it); Uzbek
Latin oʻ and gʻ (U+02BB, or an apostrophe) -> у and г, q -> к, x -> х, h -> х. A name written in another script
(Han, Hangul, Arabic) has no automatic form: it is shown as it is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from organizer.domain.person_records import NameVariant, TextVariant
from organizer.domain.rows import compose_full_name
from organizer.domain.variants import (
    Localized,
    display_language,
    from_mapping,
    pick,
    script_of,
    script_of_lang,
    variant,
)

FAMILY_FIRST_SCRIPTS = frozenset({"Hani", "Hang"})
FAMILY_FIRST_LANGS = frozenset({"zh", "ko", "ja", "vi"})
"""Cultures that write the family name first in every language (a name variant in their script or
language says the person is of one)."""

_PATRONYMIC = re.compile(r".+(ович|евич|ич|овна|евна|ична|инична|оглы|улы|кызы|қизи|ўғли)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name in one script; see the module docstring for its forms."""

    family: str = ""
    given: str = ""
    middle: str = ""
    script: str = ""
    lang: str = ""
    automatic: bool = False
    """Made by transliteration (``romanize``/``cyrillize``), not written by anyone."""
    family_first: bool = False
    """The person's culture puts the family name first in every language (Chinese, Korean, Japanese)."""
    whole: str = ""
    """A stored name whose parts are unknown (shown as it is); the parts are then empty."""

    def natural(self) -> str:
        if self.whole:
            return self.whole
        if self.family_first:
            return _join(self.family, self.given, self.middle)
        return _join(self.given, self.middle, self.family)

    def listed(self) -> str:
        if self.whole:
            return self.whole
        return _join(self.family, self.given, self.middle)

    def shown(self, lang: str) -> str:
        """The form lists show to a reader of ``lang``: Russian lists «Фамилия Имя Отчество»; English and
        the others the natural order ("Ilnur Khairullin")."""
        return self.listed() if lang.partition("-")[0] == "ru" else self.natural()

    def address(self) -> str:
        """«Имя Отчество» (a Russian letter's address); "" without a patronymic."""
        return _join(self.given, self.middle) if self.given and self.middle else ""

    def initialed(self) -> str:
        """A signature's form: the given name's initial before the family name («Д. Пашин», "D. Pashin")."""
        if self.whole or not self.family:
            return self.natural()
        initial = f"{self.given.strip()[0]}." if self.given.strip() else ""
        return self.family if not initial else (
            f"{self.family} {initial}" if self.family_first else f"{initial} {self.family}")


def _join(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


# --- transliteration --------------------------------------------------------------------------------

_TO_RUSSIAN = str.maketrans({
    "ў": "у", "ғ": "г", "қ": "к", "ҳ": "х", "ә": "а", "ө": "о", "ү": "у", "җ": "ж", "ң": "н", "һ": "х",
    "Ў": "У", "Ғ": "Г", "Қ": "К", "Ҳ": "Х", "Ә": "А", "Ө": "О", "Ү": "У", "Җ": "Ж", "Ң": "Н", "Һ": "Х",
    "і": "и", "І": "И", "ї": "йи", "є": "е", "ґ": "г",
})


@lru_cache(maxsize=1)
def _wikipedia() -> Any:
    import iuliia  # loaded on first use

    return iuliia.WIKIPEDIA


def romanize(text: str) -> str:
    """Cyrillic ``text`` in Latin letters (iuliia's Wikipedia scheme; see the module docstring)."""
    return str(_wikipedia().translate(text.translate(_TO_RUSSIAN)))


CYRILLIZATION: tuple[tuple[str, str], ...] = (
    ("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"),
    ("ya", "я"), ("ja", "я"), ("yu", "ю"), ("ju", "ю"), ("yo", "ё"), ("ye", "е"),
    ("oʻ", "у"), ("o'", "у"), ("o’", "у"), ("gʻ", "г"), ("g'", "г"), ("g’", "г"),
    ("a", "а"), ("b", "б"), ("v", "в"), ("w", "в"), ("g", "г"), ("d", "д"), ("e", "е"), ("z", "з"),
    ("i", "и"), ("j", "ж"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"),
    ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"), ("h", "х"), ("c", "к"), ("q", "к"),
    ("x", "х"),
)
"""Latin spellings and their Cyrillic letters, longest first (see the module docstring)."""
_VOWELS = set("aeiouy")
_WORD = re.compile(r"[A-Za-zʻ'’]+")


def _cyrillize_word(word: str) -> str:
    lower = word.lower()
    if lower.endswith(("iy", "yy")) and len(word) > 2:
        return _cyrillize_word(word[:-2]) + ("ий" if lower.endswith("iy") else "ый")
    if lower.endswith("y") and len(word) > 2 and lower[-2] not in _VOWELS:  # Yury, Dmitry
        return _cyrillize_word(word[:-1]) + "ий"
    out: list[str] = []
    i = 0
    while i < len(lower):
        spelled = next(((s, c) for s, c in CYRILLIZATION if len(s) > 1 and lower.startswith(s, i)), None)
        if spelled is not None:
            out.append(spelled[1])
            i += len(spelled[0])
            continue
        if lower[i] == "y":
            previous = lower[i - 1] if i else ""
            out.append("й" if not previous or previous in _VOWELS else "ы")
        elif i == 0 and lower[i] == "e":
            out.append("э")
        elif lower[i] not in "ʻ'’":
            out.append(next((c for s, c in CYRILLIZATION if s == lower[i]), lower[i]))
        i += 1
    made = "".join(out)
    return made[:1].upper() + made[1:] if word[:1].isupper() else made


def cyrillize(text: str) -> str:
    """Latin ``text`` in Cyrillic letters (``CYRILLIZATION``; see the module docstring)."""
    return _WORD.sub(lambda m: _cyrillize_word(m.group()), text)


@lru_cache(maxsize=1 << 14)
def _transliterate(text: str, to_script: str) -> str | None:
    """``text`` in ``to_script`` (Latin or Cyrillic) when a scheme goes there from its script; else None.
    Remembered per name part and script: a list of names spells the same given and family names again and again
    (iuliia's scheme costs tens of microseconds a word)."""
    source = script_of(text)
    if not text.strip() or source == to_script or source == "":
        return text
    if source == "Cyrl" and to_script == "Latn":
        return romanize(text)
    if source == "Latn" and to_script == "Cyrl":
        return cyrillize(text)
    return None


# --- choosing the name ------------------------------------------------------------------------------

_PARTS = ("family_name", "given_name", "middle_name")


def _variant_parts(v: NameVariant) -> tuple[str, str, str]:
    return tuple(getattr(v, part, "") or "" for part in ("family_name", "given_name", "middle_name"))  # type: ignore[return-value]


def name_parts(v: NameVariant, own_parts: int = 2) -> PersonName:
    """The parts of a stored variant: its stored parts, else read from its text (see the module docstring);
    ``own_parts`` (how many of the person's own name parts are filled) tells two words from three."""
    script = v.script or script_of(v.name)
    family, given, middle = _variant_parts(v)
    first = script in FAMILY_FIRST_SCRIPTS or v.language.partition("-")[0] in FAMILY_FIRST_LANGS
    if family or given:
        return PersonName(family, given, middle, script, v.language, family_first=first)
    words = v.name.split()
    if len(words) == 1:
        return PersonName(family=words[0], script=script, lang=v.language, family_first=first)
    if script == "Cyrl" or first:  # «Фамилия Имя [Отчество]», «王 毅»
        if len(words) == 2:
            return PersonName(words[0], words[1], "", script, v.language, family_first=first)
        if len(words) == 3 and _PATRONYMIC.fullmatch(words[2]):
            return PersonName(words[0], words[1], words[2], script, v.language, family_first=first)
        if len(words) == 3 and _PATRONYMIC.fullmatch(words[1]):  # «Имя Отчество Фамилия»
            return PersonName(words[2], words[0], words[1], script, v.language, family_first=first)
    elif len(words) == 2 or (len(words) == own_parts == 3):
        return PersonName(words[-1], words[0], " ".join(words[1:-1]), script, v.language, family_first=first)
    return PersonName(script=script, lang=v.language, family_first=first, whole=v.name.strip())


def _matches(stored: str, lang: str) -> bool:
    return bool(stored) and (stored == lang or stored.partition("-")[0] == lang.partition("-")[0])


def family_first(person: Any) -> bool:
    """The person's culture writes the family name first (a variant in Han or Hangul, or of zh/ko/ja/vi)."""
    return any(v.script in FAMILY_FIRST_SCRIPTS or script_of(v.name) in FAMILY_FIRST_SCRIPTS
               or v.language.partition("-")[0] in FAMILY_FIRST_LANGS for v in _variants(person))


def _variants(person: Any) -> Iterable[NameVariant]:
    return [v for v in getattr(person, "name_variants", ()) or () if v.name.strip()]


def name_in(person: Any, lang: str) -> PersonName:
    """The person's name for a reader of ``lang`` (see the module docstring for the order)."""
    want = script_of_lang(lang)
    first = family_first(person)
    written = [variant(getattr(person, "variants", None), part, lang) for part in _PARTS]
    if written[0] or written[1]:  # the parts written in that language (the person's language variants)
        return PersonName(written[0], written[1], written[2], want, lang, family_first=first)
    display = (getattr(person, "display_name", "") or "").strip()
    own = PersonName(person.family_name.strip(), person.given_name.strip(), person.middle_name.strip(),
                     script_of(display or _join(person.given_name, person.middle_name, person.family_name)), lang,
                     family_first=first, whole=display)
    filled = sum(1 for p in (own.family, own.given, own.middle) if p)
    if own.script in (want, ""):
        return own
    same_script = [v for v in _variants(person) if (v.script or script_of(v.name)) == want]
    tagged = [v for v in same_script if _matches(v.language, lang)]
    untagged = [v for v in same_script if not v.language]
    for found in (*tagged[:1], *untagged[:1], *same_script[:1]):
        parts = name_parts(found, filled)
        return PersonName(parts.family, parts.given, parts.middle, want, lang, family_first=first or
                          parts.family_first, whole=parts.whole)
    made = [_transliterate(p, want) for p in (own.family, own.given, own.middle, own.whole)]
    if all(p is not None for p in made):
        family, given, middle, whole = (str(p) for p in made)
        return PersonName(family, given, middle, want, lang, automatic=True, family_first=first, whole=whole)
    return own


# --- titles ---------------------------------------------------------------------------------------

COMMON_TITLES: dict[str, dict[str, str]] = {
    "mr": {"en": "Mr", "ru": "господин"}, "mr.": {"en": "Mr", "ru": "господин"},
    "ms": {"en": "Ms", "ru": "госпожа"}, "ms.": {"en": "Ms", "ru": "госпожа"},
    "mrs": {"en": "Mrs", "ru": "госпожа"}, "mrs.": {"en": "Mrs", "ru": "госпожа"},
    "господин": {"en": "Mr", "ru": "господин"}, "г-н": {"en": "Mr", "ru": "господин"},
    "госпожа": {"en": "Ms", "ru": "госпожа"}, "г-жа": {"en": "Ms", "ru": "госпожа"},
    "prof": {"en": "Professor", "ru": "профессор"}, "prof.": {"en": "Professor", "ru": "профессор"},
    "professor": {"en": "Professor", "ru": "профессор"}, "профессор": {"en": "Professor", "ru": "профессор"},
    "проф.": {"en": "Professor", "ru": "профессор"},
    "dr": {"en": "Dr", "ru": "доктор"}, "dr.": {"en": "Dr", "ru": "доктор"}, "доктор": {"en": "Dr", "ru": "доктор"},
    "academician": {"en": "Academician", "ru": "академик"}, "академик": {"en": "Academician", "ru": "академик"},
    "his excellency": {"en": "His Excellency", "ru": "Его Превосходительство"},
    "her excellency": {"en": "Her Excellency", "ru": "Её Превосходительство"},
}
"""The usual translation of common honorifics and academic titles (keys case-folded), used when the
record holds no variant in the language asked for."""


def title_in(person: Any, field: str, lang: str) -> Localized:
    """The person's ``honorific``, ``form_of_address`` or ``academic_title`` for a reader of ``lang``."""
    found = pick(person, field, lang)
    if not found.fallback:
        return found
    common = COMMON_TITLES.get(found.text.strip().casefold(), {}).get(lang.partition("-")[0])
    return Localized(common, lang) if common else found


@dataclass(frozen=True, slots=True)
class _Parts:
    given_name: str
    middle_name: str
    family_name: str
    display_name: str
    name_variants: tuple[NameVariant, ...]
    variants: Any


def shown_name(given: str, middle: str, family: str, display: str = "",
               variants: Iterable[NameVariant] = (), texts: Any = None) -> str:
    """A person's name as the window shows it in the display language (``variants.display_language``):
    ``name_in(...).shown(lang)`` (``texts``: the person's language variants, which may hold the name's parts
    in that language); with none set, the name as stored (``compose_full_name``)."""
    lang = display_language()
    if lang is None:
        return compose_full_name(given, middle, family, display)
    found: tuple[TextVariant, ...]
    if texts == "{}" or not texts:  # most people: no language variants (nothing to parse)
        found = ()
    elif isinstance(texts, str):  # a JSON column's text, as the plain sqlite3 road reads it
        found = from_mapping(json.loads(texts))
    elif isinstance(texts, Mapping):  # as stored (SQLAlchemy's JSON type)
        found = from_mapping(texts)
    else:
        found = tuple(texts)
    return _shown_name(lang, given, middle, family, display, tuple(variants), found)


@lru_cache(maxsize=1 << 14)
def _shown_name(lang: str, given: str, middle: str, family: str, display: str,
                variants: tuple[NameVariant, ...], texts: tuple[TextVariant, ...]) -> str:
    """``name_in(...).shown(lang)`` remembered by everything it is made of (the language, the name's parts, the
    name variants and the language variants): a list shows the same people again on every filter keystroke, sort
    and scroll back, and choosing a name (scripts, variants, transliteration) costs much more than reading it."""
    return name_in(_Parts(given, middle, family, display, variants, texts), lang).shown(lang)
