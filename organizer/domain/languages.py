"""Languages and scripts by name, not by code, in the reader's language: "uz" is "Uzbek" / «узбекский»,
"Cyrl" is "Cyrillic" / «кириллица».

People's languages (``PersonData.languages``) and the language and script of a name variant are stored as
codes (ISO 639-1 and ISO 15924); the window and the documents show them through ``language_name`` and
``script_name`` in the interface's or the document's language. A code not in the tables is shown as it is.
"""

from __future__ import annotations

from collections.abc import Iterable

LANGUAGE_NAMES: dict[str, tuple[str, str]] = {
    # code -> (English, Russian), named as the reader says them (Russian names are adjectives, lower case)
    "ru": ("Russian", "русский"), "en": ("English", "английский"), "uz": ("Uzbek", "узбекский"),
    "tt": ("Tatar", "татарский"), "kk": ("Kazakh", "казахский"), "ky": ("Kyrgyz", "киргизский"),
    "tg": ("Tajik", "таджикский"), "tk": ("Turkmen", "туркменский"), "az": ("Azerbaijani", "азербайджанский"),
    "be": ("Belarusian", "белорусский"), "uk": ("Ukrainian", "украинский"), "hy": ("Armenian", "армянский"),
    "ka": ("Georgian", "грузинский"), "mn": ("Mongolian", "монгольский"), "zh": ("Chinese", "китайский"),
    "ja": ("Japanese", "японский"), "ko": ("Korean", "корейский"), "vi": ("Vietnamese", "вьетнамский"),
    "hi": ("Hindi", "хинди"), "ar": ("Arabic", "арабский"), "fa": ("Persian", "персидский"),
    "tr": ("Turkish", "турецкий"), "de": ("German", "немецкий"), "fr": ("French", "французский"),
    "es": ("Spanish", "испанский"), "it": ("Italian", "итальянский"), "pt": ("Portuguese", "португальский"),
    "pl": ("Polish", "польский"), "cs": ("Czech", "чешский"), "sr": ("Serbian", "сербский"),
    "bg": ("Bulgarian", "болгарский"), "he": ("Hebrew", "иврит"), "id": ("Indonesian", "индонезийский"),
    "ms": ("Malay", "малайский"), "th": ("Thai", "тайский"), "ba": ("Bashkir", "башкирский"),
    "cv": ("Chuvash", "чувашский"), "nl": ("Dutch", "нидерландский"), "sv": ("Swedish", "шведский"),
    "fi": ("Finnish", "финский"), "el": ("Greek", "греческий"), "hu": ("Hungarian", "венгерский"),
    "ro": ("Romanian", "румынский"), "ur": ("Urdu", "урду"), "bn": ("Bengali", "бенгальский"),
    "ps": ("Pashto", "пушту"), "kaa": ("Karakalpak", "каракалпакский"), "ug": ("Uyghur", "уйгурский"),
}

SCRIPT_NAMES: dict[str, tuple[str, str]] = {
    "Cyrl": ("Cyrillic", "кириллица"), "Latn": ("Latin", "латиница"), "Arab": ("Arabic", "арабское письмо"),
    "Hans": ("Simplified Chinese", "упрощённые иероглифы"), "Hant": ("Traditional Chinese", "традиционные иероглифы"),
    "Hani": ("Chinese characters", "китайские иероглифы"), "Jpan": ("Japanese", "японское письмо"),
    "Kore": ("Korean", "корейское письмо"), "Hang": ("Hangul", "хангыль"), "Grek": ("Greek", "греческое письмо"),
    "Armn": ("Armenian", "армянское письмо"), "Geor": ("Georgian", "грузинское письмо"),
    "Hebr": ("Hebrew", "еврейское письмо"), "Deva": ("Devanagari", "деванагари"), "Thai": ("Thai", "тайское письмо"),
    "Mong": ("Mongolian", "старомонгольское письмо"),
}


def _pick(names: tuple[str, str] | None, code: str, lang: str) -> str:
    if names is None:
        return code
    return names[1] if lang == "ru" else names[0]


def language_name(code: str, lang: str = "en") -> str:
    """"uz" -> "Uzbek" (``lang`` "en") or «узбекский» ("ru"); a region is dropped ("pt-BR"); unknown: as it is."""
    key = code.strip().replace("_", "-").split("-")[0].casefold()
    return _pick(LANGUAGE_NAMES.get(key), code.strip(), lang)


def language_names(codes: Iterable[str], lang: str = "en") -> str:
    """"uz, ru" as "Uzbek, Russian" / «узбекский, русский»."""
    return ", ".join(language_name(c, lang) for c in codes if c.strip())


def script_name(code: str, lang: str = "en") -> str:
    """"Cyrl" -> "Cyrillic" / «кириллица» (any case); unknown: as it is."""
    key = code.strip()[:1].upper() + code.strip()[1:].lower()
    return _pick(SCRIPT_NAMES.get(key), code.strip(), lang)
