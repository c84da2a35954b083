"""People's names as a reader of one language writes them, for the documents, and the titles said with them.

The name comes from ``domain.personnames.name_in`` (the window's choice too, so a document and the window
agree): the name as entered when it is in the reader's script; else a stored name variant in that language
or script; else the automatic spelling (iuliia's Wikipedia scheme from Cyrillic, the phonetic
``CYRILLIZATION`` table from Latin), marked ``automatic``. ``NameParts`` then gives the forms the documents
need: the list form (Russian «Фамилия Имя Отчество», English "Given Family"; a Chinese or Korean name
family name first in both), the natural form of running text and address blocks, the signature with
initials first («Д. Пашин», «Е.А. Коржиков»). An English document leaves a Russian patronymic out
("Evgeny Korzhikov").

``honorific_in`` gives an honorific or academic title in the reader's language from the table of known
ones ("Academician" -> «академик»); ``in_script`` tells whether a text can stand in a document as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from organizer.domain import personnames
from organizer.domain.records import NameVariant, TextVariant
from organizer.domain.variants import script_of

SCRIPT_OF = {"ru": "Cyrl", "en": "Latn"}

_PATRONYMIC = re.compile(r"[а-яё]+(?:ович|евич|ьич|ич|овна|евна|ична|инична|оглы|кызы)", re.IGNORECASE)
_FEMALE_PATRONYMIC = re.compile(r"[а-яё]+(?:овна|евна|ична|инична|кызы)", re.IGNORECASE)


def in_script(text: str, lang: str) -> bool:
    """Whether ``text`` can stand in a ``lang`` document as it is (its letters in that script, or none)."""
    return script_of(text) in ("", SCRIPT_OF.get(lang, "Latn"))


def romanize(text: str) -> str:
    """Cyrillic text in Latin letters (``domain.personnames.romanize``); other text unchanged."""
    return personnames.romanize(text) if text and script_of(text) == "Cyrl" else text


def cyrillize(text: str) -> str:
    """Latin text in Cyrillic letters (``domain.personnames.cyrillize``); other text unchanged."""
    return personnames.cyrillize(text) if text and script_of(text) == "Latn" else text


@dataclass(frozen=True, slots=True)
class NameParts:
    """A person's name in one script."""

    family: str
    given: str
    patronymic: str = ""
    lang: str = "en"
    automatic: bool = False
    """Spelt by ``romanize``/``cyrillize``, not stored: the editor marks such names until confirmed."""
    whole: str = ""
    """A stored name whose parts are unknown: every form is this text."""
    family_first: bool = False
    """The person's culture writes the family name first in every language (Chinese, Korean...)."""

    def listed(self) -> str:
        """Tables and lists: «Фамилия Имя Отчество» in Russian, "Given Family" in English."""
        if self.whole:
            return self.whole
        if self.lang == "ru" or self.family_first:
            return " ".join(x for x in (self.family, self.given, self.patronymic) if x)
        return " ".join(x for x in (self.given, self.family) if x)

    def natural(self) -> str:
        """Running text and address blocks: «Евгений Александрович Коржиков», "Evgeny Korzhikov"."""
        if self.whole:
            return self.whole
        if self.family_first:
            return " ".join(x for x in (self.family, self.given) if x)
        return " ".join(x for x in (self.given, self.patronymic if self.lang == "ru" else "", self.family) if x)

    def address(self) -> str:
        """By name and patronymic («Евгений Александрович»), "" without a patronymic."""
        return f"{self.given} {self.patronymic}" if self.given and self.patronymic and self.lang == "ru" else ""

    def signature(self) -> str:
        """Russian: initials before the family name («Д. Пашин», «Е.А. Коржиков»); English: the natural
        form ("Dmitry Pashin", "D. Pashin" when only the initial is known)."""
        if self.lang != "ru" or self.whole:
            return self.natural()
        initials = "".join(_initial(x) for x in (self.given, self.patronymic if self.lang == "ru" else "") if x)
        return f"{initials} {self.family}".strip() if self.family else self.natural()

    def female_patronymic(self) -> bool | None:
        """True/False from a Russian patronymic's grammatical form; None without one."""
        if not self.patronymic:
            return None
        return bool(_FEMALE_PATRONYMIC.fullmatch(self.patronymic))


def _initial(word: str) -> str:
    word = word.strip()
    if not word:
        return ""
    if "-" in word:  # Анна-Мария -> А.-М.
        return "-".join(_initial(w) for w in word.split("-") if w)
    return word[0].upper() + "."


@dataclass(frozen=True, slots=True)
class _Person:
    given_name: str
    middle_name: str
    family_name: str
    display_name: str
    name_variants: tuple[NameVariant, ...]
    variants: tuple[TextVariant, ...]


_LATIN_PATRONYMIC = re.compile(r".+(ovich|evich|yevich|ich|ovna|evna|yevna|ichna|inichna|ogli|qizi)", re.IGNORECASE)


def _is_patronymic(word: str) -> bool:
    return bool(_PATRONYMIC.fullmatch(word) or _LATIN_PATRONYMIC.fullmatch(word))


def name_parts(lang: str, given: str, family: str, middle: str = "", variants: Iterable[NameVariant] = (),
               display: str = "", written: Iterable[TextVariant] = ()) -> NameParts:
    """The name in ``lang``'s script (``domain.personnames.name_in``; see the module docstring);
    ``written`` are the person's language variants (the name's parts as a language writes them)."""
    found = personnames.name_in(_Person(given, middle, family, display, tuple(variants), tuple(written)), lang)
    if found.whole:
        return NameParts("", "", "", lang, found.automatic, whole=found.whole, family_first=found.family_first)
    given_out, middle_out = found.given, found.middle
    if lang != "ru":
        if middle_out and not _is_patronymic(middle_out) and not _is_patronymic(middle):
            given_out = f"{given_out} {middle_out}".strip()
        middle_out = ""
    return NameParts(found.family, given_out, middle_out, lang, found.automatic, family_first=found.family_first)

HONORIFICS: dict[str, tuple[str, str, str]] = {
    # spelling (case-folded, no final dot) -> (English, Russian, kind): kind "courtesy" (Mr, Ms) or "rank"
    "mr": ("Mr", "господин", "courtesy"), "господин": ("Mr", "господин", "courtesy"),
    "г-н": ("Mr", "господин", "courtesy"), "sir": ("Sir", "господин", "courtesy"),
    "ms": ("Ms", "госпожа", "courtesy"), "mrs": ("Mrs", "госпожа", "courtesy"), "miss": ("Ms", "госпожа", "courtesy"),
    "madam": ("Madam", "госпожа", "courtesy"), "госпожа": ("Ms", "госпожа", "courtesy"),
    "г-жа": ("Ms", "госпожа", "courtesy"),
    "dr": ("Dr", "доктор", "rank"), "доктор": ("Dr", "доктор", "rank"),
    "prof": ("Professor", "профессор", "rank"), "professor": ("Professor", "профессор", "rank"),
    "профессор": ("Professor", "профессор", "rank"), "проф": ("Professor", "профессор", "rank"),
    "academician": ("Academician", "академик", "rank"), "академик": ("Academician", "академик", "rank"),
    "акад": ("Academician", "академик", "rank"),
    "his excellency": ("His Excellency", "Его Превосходительство", "rank"),
    "her excellency": ("Her Excellency", "Её Превосходительство", "rank"),
    "h.e": ("His Excellency", "Его Превосходительство", "rank"),
}
"""Honorifics and academic titles said with a name, in both languages."""


def honorific_entry(text: str) -> tuple[str, str, str] | None:
    return HONORIFICS.get(" ".join(text.split()).casefold().rstrip("."))


def honorific_in(text: str, lang: str, *, courtesy: bool = True) -> str:
    """The honorific in ``lang`` ("Academician" -> «академик»); a known courtesy title (Mr, господин) only
    with ``courtesy``; an unknown one as stored when it is in the reader's script, else ""."""
    entry = honorific_entry(text)
    if entry is not None:
        if entry[2] == "courtesy" and not courtesy:
            return ""
        return entry[0] if lang == "en" else entry[1]
    text = text.strip()
    return text if text and in_script(text, lang) else ""


_MARKS = {
    "ru": {"ru": "на русском", "en": "на английском", "uz": "на узбекском", "tt": "на татарском",
           "zh": "на китайском", "ko": "на корейском", "ar": "на арабском"},
    "en": {"ru": "in Russian", "en": "in English", "uz": "in Uzbek", "tt": "in Tatar", "zh": "in Chinese",
           "ko": "in Korean", "ar": "in Arabic"},
}


def language_mark(text_lang: str, reader: str) -> str:
    """How a document marks a text shown in another language than the reader's: «на английском»,
    "in Russian"; «на другом языке» / "in another language" for a language not listed."""
    marks = _MARKS.get(reader, _MARKS["en"])
    return marks.get(text_lang.split("-")[0], "на другом языке" if reader == "ru" else "in another language")
