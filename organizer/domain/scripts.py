"""People's names as a reader of one language writes them, and texts moved between Cyrillic and Latin.

Documents are made for a reader of ``ru`` (Cyrillic) or ``en`` (Latin). A person's name in the reader's
script comes from, in this order:

1. the person's own name parts when they are written in that script;
2. a stored name variant in that language (or untagged, in that script), split into parts: a Russian
   variant is read in either order ("Коржиков Евгений" or "Евгений Коржиков"): the word whose name keys
   (``domain.namekeys``) agree with the family name as entered is the family name, a word ending like a
   patronymic (-ович, -евна...) is the patronymic;
3. an automatic spelling, marked ``automatic``: Cyrillic to Latin by ICAO Doc 9303 (iuliia's
   ``icao_doc_9303``, the spelling of Russian passports since 2013; Uzbek and Tatar letters first mapped
   to Russian ones), Latin to Cyrillic by ``cyrillize`` (a phonetic table for English and Uzbek Latin
   spellings of Russian, Tatar and Uzbek names: ``kh`` х, ``zh`` ж, ``sh`` ш, ``ch`` ч, ``ts`` ц, ``ya``
   я, ``yu`` ю, ``yo`` ё, ``oʻ`` у, ``gʻ`` г, ``x`` х in Uzbek words...).

``NameParts`` then gives the forms the documents need: the list form (Russian «Фамилия Имя Отчество»,
English "Given Family"), the address form («Евгений Александрович»), the signature («Д. Пашин»,
«Е.А. Коржиков»; "D. Pashin").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from organizer.domain.records import NameVariant

SCRIPT_OF = {"ru": "Cyrl", "en": "Latn"}

_PATRONYMIC = re.compile(r"[а-яё]+(?:ович|евич|ьич|ич|овна|евна|ична|инична|оглы|кызы)", re.IGNORECASE)
_FEMALE_PATRONYMIC = re.compile(r"[а-яё]+(?:овна|евна|ична|инична|кызы)", re.IGNORECASE)

# Letters of Uzbek and Tatar Cyrillic a Russian romanization scheme would pass through.
_TO_RUSSIAN = str.maketrans({"ў": "у", "Ў": "У", "ғ": "г", "Ғ": "Г", "қ": "к", "Қ": "К", "ҳ": "х", "Ҳ": "Х",
                             "ә": "а", "Ә": "А", "ө": "о", "Ө": "О", "ү": "у", "Ү": "У", "җ": "ж", "Җ": "Ж",
                             "ң": "н", "Ң": "Н", "һ": "х", "Һ": "Х", "і": "и", "І": "И", "ї": "йи", "є": "е",
                             "ґ": "г"})

# Longest spellings first; applied to lower-case text, the case of the first letter restored after.
_CYRILLIZE = [
    ("shch", "щ"), ("oyev", "оев"), ("ayev", "аев"), ("eyev", "еев"), ("iyev", "иев"), ("iyo", "иё"),
    ("iya", "ия"), ("iyu", "ию"), ("iye", "ие"), ("ex", "екс"), ("sch", "щ"),
    ("yo", "ё"), ("yu", "ю"), ("ya", "я"), ("ye", "е"), ("yi", "ый"),
    ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"), ("ck", "к"), ("ph", "ф"), ("th", "т"),
    ("oʻ", "у"), ("o'", "у"), ("o‘", "у"), ("o’", "у"), ("gʻ", "г"), ("g'", "г"), ("g‘", "г"), ("g’", "г"),
    ("ey", "ей"), ("ay", "ай"), ("oy", "ой"), ("uy", "уй"), ("iy", "ий"), ("ee", "и"), ("oo", "у"),
    ("a", "а"), ("b", "б"), ("c", "к"), ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"), ("h", "х"), ("i", "и"),
    ("j", "дж"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("q", "к"),
    ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("v", "в"), ("w", "в"), ("x", "х"), ("y", "й"),
    ("z", "з"), ("ʻ", ""), ("ʼ", ""), ("'", ""), ("’", ""),
]
_CYR_PATTERN = re.compile("|".join(re.escape(k) for k, _ in _CYRILLIZE))
_CYR_TABLE = dict(_CYRILLIZE)
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ɏʻʼ'‘’]+")


def script_of(text: str) -> str:
    """``Cyrl`` or ``Latn`` by most of the letters, another script's first word, or "" with no letters."""
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            script = ("Cyrl" if name.startswith("CYRILLIC") else
                      "Latn" if name.startswith(("LATIN", "MODIFIER LETTER")) else name.split(" ")[0])
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else ""


def in_script(text: str, lang: str) -> bool:
    """Whether ``text`` can stand in a ``lang`` document as it is (its letters in that script, or none)."""
    return script_of(text) in ("", SCRIPT_OF.get(lang, "Latn"))


def romanize(text: str) -> str:
    """Cyrillic text in Latin letters (ICAO Doc 9303); Latin text unchanged."""
    if not text or script_of(text) != "Cyrl":
        return text
    import iuliia  # its scheme files load on first use

    return str(iuliia.ICAO_DOC_9303.translate(text.translate(_TO_RUSSIAN)))


def _cyrillize_word(word: str) -> str:
    lower = word.lower()
    out = _CYR_PATTERN.sub(lambda m: _CYR_TABLE[m.group(0)], lower)
    if lower.endswith("y") and len(lower) > 2 and lower[-2] not in "aeiouy":  # Dmitry, Yury
        out = out[:-1] + "ий"
    if word[:1].isupper():
        out = out[:1].upper() + out[1:]
        if word.isupper() and len(word) > 1:
            out = out.upper()
    return out


def cyrillize(text: str) -> str:
    """Latin text in Cyrillic letters by a phonetic table (see the module docstring); Cyrillic unchanged."""
    if not text or script_of(text) != "Latn":
        return text
    return _LATIN_WORD.sub(lambda m: _cyrillize_word(m.group(0)), text)


def to_script(text: str, lang: str) -> str:
    """``text`` moved into ``lang``'s script automatically (``romanize`` / ``cyrillize``)."""
    return cyrillize(text) if lang == "ru" else romanize(text)


@dataclass(frozen=True, slots=True)
class NameParts:
    """A person's name in one script."""

    family: str
    given: str
    patronymic: str = ""
    lang: str = "en"
    automatic: bool = False
    """Spelt by ``romanize``/``cyrillize``, not stored: the editor marks such names until confirmed."""

    def listed(self) -> str:
        """Tables and lists: «Фамилия Имя Отчество» in Russian, "Given Family" in English."""
        if self.lang == "ru":
            return " ".join(x for x in (self.family, self.given, self.patronymic) if x)
        return " ".join(x for x in (self.given, self.family) if x)

    def natural(self) -> str:
        """Running text and address blocks: «Евгений Александрович Коржиков», "Evgeny Korzhikov"."""
        return " ".join(x for x in (self.given, self.patronymic if self.lang == "ru" else "", self.family) if x)

    def address(self) -> str:
        """By name and patronymic («Евгений Александрович»), "" without a patronymic."""
        return f"{self.given} {self.patronymic}" if self.given and self.patronymic and self.lang == "ru" else ""

    def signature(self) -> str:
        """Russian: initials before the family name («Д. Пашин», «Е.А. Коржиков»); English: the natural
        form ("Dmitry Pashin", "D. Pashin" when only the initial is known)."""
        if self.lang != "ru":
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


def _keys(word: str) -> set[str]:
    from organizer.domain.namekeys import name_keys

    return set(name_keys(word.strip(".,")))


def _split(variant: str, family: str, given: str) -> tuple[str, str, str] | None:
    """(family, given, patronymic) of a stored full-name variant, its order found from the entered parts."""
    words = variant.split()
    if not words:
        return None
    if len(words) == 1:
        return words[0], "", ""
    patronymic = ""
    rest = list(words)
    for i, w in enumerate(words[1:], 1):
        if _PATRONYMIC.fullmatch(w) and i >= 1:
            patronymic = w
            rest = words[:i] + words[i + 1:]
            break
    fam_keys = _keys(family) if family else set()
    giv_keys = _keys(given) if given and not given.endswith(".") else set()
    family_at = next((i for i, w in enumerate(rest) if fam_keys & _keys(w)), None)
    if family_at is None and giv_keys:
        given_at = next((i for i, w in enumerate(rest) if giv_keys & _keys(w)), None)
        if given_at is not None:
            family_at = len(rest) - 1 if given_at == 0 else 0
    if family_at is None:
        # Russian lists write the family name first («Пашин Д.»); so do the stored Russian variants
        family_at = 0 if script_of(variant) == "Cyrl" else len(rest) - 1
    fam = rest[family_at]
    others = [w for i, w in enumerate(rest) if i != family_at]
    return fam, " ".join(others), patronymic


def name_parts(lang: str, given: str, family: str, middle: str = "",
               variants: Iterable[NameVariant] = ()) -> NameParts:
    """The name in ``lang``'s script (see the module docstring for the order)."""
    script = SCRIPT_OF.get(lang, "Latn")
    own = " ".join(x for x in (given, middle, family) if x)
    if own and script_of(own) in ("", script):
        if lang == "ru":
            return NameParts(family, given, middle, lang)
        if middle and not _PATRONYMIC.fullmatch(romanize(middle)):  # a middle name, not a patronymic
            given = f"{given} {middle}".strip()
        return NameParts(family, given, "", lang)
    usable = [v for v in variants if v.name.strip()]
    chosen = next((v.name for v in usable if v.language.casefold() == lang), None)
    if chosen is None:
        chosen = next((v.name for v in usable if not v.language and script_of(v.name) == script), None)
    if chosen is None and lang == "ru":  # a Russian reader reads a Tatar or Uzbek Cyrillic spelling too
        chosen = next((v.name for v in usable if script_of(v.name) == script), None)
    if chosen is not None:
        split = _split(" ".join(chosen.split()), family, given)
        if split is not None:
            return NameParts(split[0], split[1], split[2] if lang == "ru" else "", lang)
    # automatic: from the entered parts, or from a variant in another script when those are empty
    source_given, source_family, source_middle = given, family, middle
    if not own and usable:
        split = _split(usable[0].name, "", "")
        if split is not None:
            source_family, source_given, source_middle = split
    patronymic = to_script(source_middle, lang) if lang == "ru" and source_middle else ""
    given_out = to_script(source_given, lang)  # English leaves a Russian patronymic out
    if lang != "ru" and source_middle and not _PATRONYMIC.fullmatch(source_middle):
        given_out = f"{given_out} {to_script(source_middle, lang)}"
    return NameParts(to_script(source_family, lang), given_out, patronymic, lang, automatic=True)


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
