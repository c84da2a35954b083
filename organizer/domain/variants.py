"""Language variants of a record's texts (issue 18): one mechanism for every translatable field.

A field keeps its text as entered (``VisitData.title``); its variants say it in other languages. Which
fields may have variants is declared in the field tables (``domain.fields``: ``Field.translatable``);
each ``*Data`` with such fields (person, position, institution, visit, gift, meeting, follow-up,
agreement) has ``variants: tuple[TextVariant, ...] | None`` (None in an input keeps the stored ones,
``()`` removes them; every read gives a tuple sorted by field and language). Topics carry variants too
(``services.topics``: a topic's name by language).

Stored: one JSON column ``variants`` on each such table, ``{"title": {"ru": "Визит ..."}}`` (the same
object the JSON output and the archive write under ``variants``). Why a column and not a table of
(kind, record id, field, language, text): the variants are part of the record's value, so everything
that already carries a record carries them with no code of its own (the version and optimistic locking,
undo snapshots, the audit trail, the conflict merge, the archive, merging, erasing a person, nested rows
such as positions and gifts that are rewritten when their record is edited); a table keyed by record id
would need each of those taught, and would lose the variants of a position or gift whose row is replaced.
Searching is done by the search index, which indexes every variant (``store.search``).

API (for documents, views and editors; plain functions of plain values):

- ``TextVariant(field, lang, text)`` (``domain.records``), ``LANGS`` (``("ru", "en")``: the languages the
  documents and the window are made in).
- ``pick(data, field, lang) -> Localized``: the text of ``data``'s field (any ``*Data``, or any object
  with that attribute and ``variants``) for a reader of ``lang``. ``Localized.text`` is the text,
  ``Localized.lang`` the language it is in, ``Localized.fallback`` True when there was no text in ``lang``
  and another language's is given instead (a document marks it, e.g. "[en]").
- ``text_in(text, variants, field, lang) -> Localized``: the same from the field's text and variants.
- ``variant(variants, field, lang) -> str``: the stored variant only ("" when none).
- ``with_variant(variants, field, lang, text) -> tuple``: the variants with that one set ("" removes it).
- ``language_of(text) -> str``: the language a text is taken to be in when no variant says so, by its
  script: Cyrillic ``ru``, Latin ``en``, Han ``zh``, Hangul ``ko``, Arabic ``ar``; "" with no letters.
- ``to_mapping(variants)`` / ``from_mapping(obj)``: to and from the stored, JSON and archive shape.
- ``check_lang(code)``: a language code as stored (``ru``, ``uz-Latn``) or ValueError.
- ``set_display_language(lang)`` / ``display_language()``: the language the window shows records in (the
  GUI sets its interface language; None, the default and the command line's: every text as stored).
  ``shown(text, variants, field)`` is a field's text in it, ``shown_texts(data)`` a record's for a pane (its
  nested logistics and its rows with variants of their own too); ``personnames.shown_name`` a person's name,
  ``shown_institution(name, names)`` an institution's (``institution_name_in(name, names, lang)``: its name in
  another language is a row of ``institution_name``, not a variant).

How ``pick`` chooses: the variant in ``lang`` (a variant ``uz-Latn`` serves ``uz`` when there is no ``uz``);
else the field's own text when it is written in ``lang``'s script (a Russian title serves ``ru``, an
English one ``en``); else the field's own text (fallback, its language by its script); else, when the
field is empty, the variant in English, then Russian, then any (fallback); else an empty text.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any, TypeVar

from organizer.domain.field_table import FieldType, registered_table
from organizer.domain.person_records import TextVariant

T = TypeVar("T")

LANGS = ("ru", "en")
"""The languages the documents and the window are made in."""

SCRIPT_OF_LANG = {"ru": "Cyrl", "uk": "Cyrl", "be": "Cyrl", "bg": "Cyrl", "kk": "Cyrl", "tt": "Cyrl",
                  "ky": "Cyrl", "tg": "Cyrl", "mn": "Cyrl", "sr": "Cyrl", "zh": "Hani", "ja": "Hani", "ko": "Hang",
                  "ar": "Arab", "fa": "Arab"}
"""The script a language is written in where it is not Latin (``uz`` is Latin: Uzbek Latin)."""
LANG_OF_SCRIPT = {"Cyrl": "ru", "Latn": "en", "Hani": "zh", "Hang": "ko", "Arab": "ar"}
"""The language a text of a script is taken to be in when nothing says otherwise."""
FALLBACK_ORDER = ("en", "ru")
"""Which variant an empty field falls back to first."""

_LANG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
LANG_LIMIT = 16


@dataclass(frozen=True, slots=True)
class Localized:
    """A text for a reader of one language: ``fallback`` when it is not in the language asked for."""

    text: str
    lang: str
    fallback: bool = False

    def __str__(self) -> str:
        return self.text


def check_lang(code: str) -> str:
    """``code`` as stored (trimmed, the language subtag lower-case); ValueError if it is no language code."""
    code = code.strip()
    head, _, rest = code.partition("-")
    code = head.lower() + ("-" + rest if rest else "")
    if len(code) > LANG_LIMIT or not _LANG.fullmatch(code):
        raise ValueError(f"{code!r} is not a language code such as 'ru', 'en' or 'uz-Latn'")
    return code


def script_of_lang(lang: str) -> str:
    """The script ``lang`` is written in (``Cyrl``, ``Latn``...); a ``-Cyrl``/``-Latn`` subtag says it."""
    head, _, rest = lang.partition("-")
    for part in rest.split("-"):
        if len(part) == 4 and part.isalpha():
            return part.title()
    return SCRIPT_OF_LANG.get(head.lower(), "Latn")


def script_of(text: str) -> str:
    """The script most letters of ``text`` are in (``Cyrl``, ``Latn``, ``Hani``, ``Hang``, ``Arab``); ""
    without letters (a number, a date)."""
    if text.isascii():
        return "Latn" if _ASCII_LETTER.search(text) else ""
    if len(text) <= _CACHED_LENGTH:
        return _script_of_short(text)
    return _script_of(text)


_CACHED_LENGTH = 64
"""Texts up to this long (names, name parts, titles) have their script remembered (``_script_of_short``): a
list of names asks for the same names and parts again on every batch and every filter keystroke."""


@lru_cache(maxsize=1 << 15)
def _script_of_short(text: str) -> str:
    return _script_of(text)


def _script_of(text: str) -> str:
    letters = text.translate(_SCRIPT_CODES)  # one code a letter, other characters dropped
    if not letters:
        return ""
    first = letters[0]
    if letters.count(first) == len(letters):
        return _CODE_SCRIPTS[first]
    return _CODE_SCRIPTS[max(dict.fromkeys(letters), key=letters.count)]  # the script met first wins a tie


class _ScriptCodes(dict[int, str | None]):
    """``str.translate``'s table: each character met so far to its script's one-letter code when it is a letter
    (``_script_of_letter``), else to None (dropped); filled on first look-up. Counting a text's letters this way
    is done in C (a regular expression per script was slower: its Unicode classes cost more)."""

    def __missing__(self, point: int) -> str | None:
        ch = chr(point)
        code = _SCRIPT_CODE[_script_of_letter(ch)] if ch.isalpha() else None
        self[point] = code
        return code


_SCRIPT_CODE = {"Cyrl": "C", "Latn": "L", "Hani": "H", "Hang": "K", "Arab": "A", "Zyyy": "Z"}
_CODE_SCRIPTS = {code: script for script, code in _SCRIPT_CODE.items()}
_SCRIPT_CODES = _ScriptCodes()
_ASCII_LETTER = re.compile("[A-Za-z]")


@cache
def _script_of_letter(ch: str) -> str:
    """A letter's script by its Unicode name (looked up once per letter: a list of names asks for the same few
    letters thousands of times)."""
    name = unicodedata.name(ch, "")
    if name.startswith("CYRILLIC"):
        return "Cyrl"
    if name.startswith(("LATIN", "MODIFIER LETTER")):
        return "Latn"
    if name.startswith(("CJK", "IDEOGRAPHIC")):
        return "Hani"
    if name.startswith("HANGUL"):
        return "Hang"
    if name.startswith("ARABIC"):
        return "Arab"
    return "Zyyy"


def language_of(text: str) -> str:
    """The language a text with no variant saying otherwise is taken to be in (by its script)."""
    return LANG_OF_SCRIPT.get(script_of(text), "")


def _matches(stored: str, lang: str) -> bool:
    return stored == lang or stored.partition("-")[0] == lang.partition("-")[0]


def variant(variants: Iterable[TextVariant] | None, field: str, lang: str) -> str:
    """The stored variant of ``field`` in ``lang`` (exactly, else one of its language: ``uz-Latn`` for
    ``uz``); "" when there is none."""
    found = [v for v in variants or () if v.field == field and v.text]
    exact = next((v.text for v in found if v.lang == lang), None)
    if exact is not None:
        return exact
    return next((v.text for v in found if _matches(v.lang, lang)), "")


def text_in(text: str, variants: Iterable[TextVariant] | None, field: str, lang: str) -> Localized:
    """``field``'s text for a reader of ``lang``: see the module docstring for the order."""
    variants = tuple(variants or ())
    own = variant(variants, field, lang)
    if own:
        return Localized(own, lang)
    if text.strip():
        script = script_of(text)
        if script in ("", script_of_lang(lang)):
            return Localized(text, lang)
        return Localized(text, LANG_OF_SCRIPT.get(script, ""), fallback=True)
    others = [v for v in variants if v.field == field and v.text]
    for preferred in FALLBACK_ORDER:
        found = next((v for v in others if _matches(v.lang, preferred)), None)
        if found is not None:
            return Localized(found.text, found.lang, fallback=True)
    if others:
        return Localized(others[0].text, others[0].lang, fallback=True)
    return Localized(text, lang)


def pick(data: Any, field: str, lang: str) -> Localized:
    """``data.field`` for a reader of ``lang`` (``data`` any ``*Data`` with ``variants``); a path names a field of
    a nested record, whose variants are the record's (``pick(visit, "logistics.lodging", "ru")``)."""
    value: Any = data
    for part in field.split("."):
        value = getattr(value, part, "")
    return text_in(value or "", getattr(data, "variants", None), field, lang)


def with_variant(variants: Iterable[TextVariant] | None, field: str, lang: str, text: str) -> tuple[TextVariant, ...]:
    """The variants with ``field`` in ``lang`` set to ``text`` (an empty text removes it), sorted."""
    kept = [v for v in variants or () if not (v.field == field and v.lang == lang)]
    if text.strip():
        kept.append(TextVariant(field, lang, text.strip()))
    return tuple(sorted(kept))


def to_mapping(variants: Iterable[TextVariant] | None) -> dict[str, dict[str, str]]:
    """The stored and written shape: ``{"title": {"ru": "..."}}``, fields and languages sorted."""
    out: dict[str, dict[str, str]] = {}
    for v in sorted(variants or ()):
        if v.text:
            out.setdefault(v.field, {})[v.lang] = v.text
    return out


def from_mapping(obj: Mapping[str, Any] | None) -> tuple[TextVariant, ...]:
    """Variants from the stored shape (a column holding NULL or anything but objects gives none)."""
    if not isinstance(obj, Mapping):
        return ()
    out = [TextVariant(str(field), str(lang), str(text))
           for field, by_lang in obj.items() if isinstance(by_lang, Mapping)
           for lang, text in by_lang.items() if isinstance(text, str) and text]
    return tuple(sorted(out))


_display: list[str | None] = [None]


def set_display_language(lang: str | None) -> None:
    """Make the window's reads give names and texts in ``lang`` (None: as stored)."""
    _display[0] = lang


def display_language() -> str | None:
    """The language set by ``set_display_language`` (None: texts as stored)."""
    return _display[0]


def shown(text: str, variants: Iterable[TextVariant] | Mapping[str, Any] | str | None, field: str) -> str:
    """``field``'s text in the display language (``variants`` as read, as stored, or a JSON column's text as a
    plain driver gives it); ``text`` itself when no display language is set."""
    lang = _display[0]
    if lang is None or not variants or variants == "{}":  # no variants: the text itself (as ``text_in`` gives it)
        return text
    if isinstance(variants, str):
        try:
            variants = json.loads(variants)
        except ValueError:
            return text
    found = from_mapping(variants) if isinstance(variants, Mapping) else tuple(variants or ())
    return text_in(text, found, field, lang).text


def shown_texts(data: T) -> T:
    """``data`` (a ``*Data``) with each translatable field's text in the display language (``shown``), its nested
    record's too (a visit's ``logistics.lodging``) and those of its rows with variants of their own (a visit's
    gifts): what a pane shows; never to be written back (an editor reads the record as stored)."""
    table = registered_table(data)
    if table is None:  # not a person's record nor one of its rows: the other kinds' tables load now
        from organizer.domain.fields import table_of

        table = table_of(data)
    lang = _display[0]
    if table is None or lang is None:
        return data
    found = getattr(data, "variants", None) or ()
    changes: dict[str, Any] = {}
    if found:
        changes = {f.name: text_in(getattr(data, f.name) or "", found, f.name, lang).text for f in table.translatable
                   if isinstance(getattr(data, f.name, None), str)}
    for f in table.fields:
        if f.type is FieldType.NESTED and found:
            inner = getattr(data, f.name)
            nested = {g.name: text_in(getattr(inner, g.name) or "", found, f"{f.name}.{g.name}", lang).text
                      for g in f.row_table.translatable if isinstance(getattr(inner, g.name, None), str)}
            changes[f.name] = replace(inner, **nested)
        elif f.type is FieldType.ROWS and f.row_table.translatable and isinstance(getattr(data, f.name), tuple):
            changes[f.name] = tuple(shown_texts(row) if getattr(row, "variants", None) else row
                                    for row in getattr(data, f.name))
    return replace(data, **changes) if changes else data  # type: ignore[type-var]


def institution_name_in(name: str, variants: Iterable[tuple[str, str, str]], lang: str) -> str:
    """An institution's name for a reader of ``lang`` from its name and its names in other scripts and languages
    (``(name, script, language)``, as the ``institution_name`` table holds them): the one tagged with ``lang``;
    else the name itself when it is written in ``lang``'s script; else an untagged one in that script; else the
    name as stored."""
    found = list(variants)
    tagged = next((v for v, _script, language in found if language and _matches(language, lang)), None)
    if tagged:
        return tagged
    want = script_of_lang(lang)
    if script_of(name) in ("", want):
        return name
    return next((v for v, script, language in found if not language and (script or script_of(v)) == want), name)


def shown_institution(name: str, variants: Iterable[tuple[str, str, str]]) -> str:
    """``institution_name_in`` in the display language; ``name`` itself with none set."""
    lang = _display[0]
    return name if lang is None else institution_name_in(name, variants, lang)


def texts(variants: Iterable[TextVariant] | None, field: str | None = None) -> list[str]:
    """Every variant's text (of ``field`` only, when given): what the search index adds to a record."""
    return [v.text for v in variants or () if field is None or v.field == field]
