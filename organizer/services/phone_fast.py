"""A shortcut in front of ``phonenumbers`` for the way nearly every imported number is written: ``+``, the
country code and the digits in groups (``+7 917 000-00-00``, ``+998 71 123 45 67``, ``+49-30-1234567``).

``international(value)`` gives what ``services._checks.format_phone`` gets from the library for such a
value (``format_number(parse(value), INTERNATIONAL)`` after ``is_possible_number``), or None for anything
else, which then goes to the library as before: other characters (letters, an extension, brackets,
dots, a second ``+``), a leading zero in the country code or the national number (Italian leading zeros),
a number whose national prefix could be stripped (``+7 8 917...``, ``+44 0 20...``), a number whose length
is not a possible one for its country (the library's error text is kept), an unknown country code.

Why it gives the library's result: for a value made only of ``+``, ASCII digits, spaces and hyphens the
library's parse (``phonenumbers.phonenumberutil.parse``, 9.x) finds no extension (every extension pattern
needs a letter, ``#``, ``,`` or ``;``), no trailing junk and no second number; it drops the ``+`` and the
separators, takes the first 1-3 digits that are a country code (``COUNTRY_CODE_TO_REGION_CODE``), and the
rest is the national number, unchanged when the country's ``national_prefix_for_parsing`` does not match
at its start (else we step aside). ``is_possible_number`` then tests only the number's length against
the country's general ``possible_length`` and ``possible_length_local_only``; ``format_number`` picks the
first of the country's formats (``intl_number_format``, else ``number_format``) whose last leading-digits
pattern matches at the start and whose pattern matches the whole number, and substitutes; the result is
``+CC`` and a space before it. Here the same metadata is read once per country code, its patterns
compiled once (the library compiles, or looks up, each pattern per call and builds a ``PhoneNumber``).

Why: an import checks every number of the file, and they are all different, so the per-value cache of
``services._checks`` helps only a re-import. 20,000 numbers of ``bench/bench_vcard.py`` (10,000 cards,
Russian and Uzbek numbers), parse + possible + format in a loop, medians of 5, 2026-12-07 (load average
7.8 on 2 shared cores): the library 0.85 CPU s, this path 0.12 s, with the same results.

How it is tested: ``tests/unit/test_phone_fast_path.py`` compares this path with the library on every
number of the tests' corpora and on generated numbers for every country code of the library's metadata
(random lengths and groupings, and the values it must hand to the library), and checks that the
fallback is taken for whatever this path does not handle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import COUNTRY_CODE_TO_REGION_CODE

LONGEST = 40
"""Longest value handled here (the library reads up to 250 characters; real numbers are far shorter)."""
_NSN_MIN, _NSN_MAX = 2, 17
"""The library's bounds on a national number's length (``_MIN_LENGTH_FOR_NSN``, ``_MAX_LENGTH_FOR_NSN``)."""


@dataclass(frozen=True, slots=True)
class _Country:
    prefix: re.Pattern[str] | None
    """The national prefix as the library parses it (matched at the start: then the library decides)."""
    lengths: frozenset[int]
    """Possible lengths of a national number (``possible_length`` and ``possible_length_local_only``)."""
    formats: tuple[tuple[re.Pattern[str] | None, re.Pattern[str], str, tuple[str | int, ...] | None], ...]
    """(last leading-digits pattern or None, number pattern, replacement, the replacement as literal text and
    group numbers or None), in the library's order."""
    code: str
    """``+CC `` as the formatted number starts."""


_COUNTRIES: dict[int, _Country | None] = {}


def _country(code: int) -> _Country | None:
    found = _COUNTRIES.get(code, False)
    if found is not False:
        return found  # type: ignore[return-value]
    country: _Country | None = None
    region = phonenumbers.region_code_for_country_code(code)
    metadata = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(code, region)
    if metadata is not None and metadata.general_desc is not None:
        prefix = metadata.national_prefix_for_parsing
        general = metadata.general_desc
        chosen = metadata.intl_number_format if len(metadata.intl_number_format) else metadata.number_format
        formats = [(re.compile(f.leading_digits_pattern[-1]) if len(f.leading_digits_pattern) else None,
                    pattern := re.compile(f.pattern), f.format, _template(pattern, f.format))
                   for f in chosen if f.pattern is not None and f.format is not None]
        if len(formats) == len(chosen):  # else (never seen) the library decides
            country = _Country(
                re.compile(prefix) if prefix else None,
                frozenset(general.possible_length or ()) | frozenset(general.possible_length_local_only or ()),
                tuple(formats), f"+{code} ")
    _COUNTRIES[code] = country
    return country


def international(value: str) -> str | None:
    """``value`` in the library's international format, or None: not a value this path handles (see the
    module docstring), so the caller asks the library."""
    if len(value) > LONGEST or value[:1] != "+" or not value[1:2].isdigit() or not value[-1].isdigit():
        return None
    digits = value[1:].replace(" ", "").replace("-", "")
    if not (digits.isascii() and digits.isdigit()) or digits[0] == "0":
        return None
    for size in (1, 2, 3):
        code = int(digits[:size])
        if code in COUNTRY_CODE_TO_REGION_CODE:
            break
    else:
        return None
    national = digits[size:]
    if not _NSN_MIN <= len(national) <= _NSN_MAX or national[0] == "0":
        return None
    country = _country(code)
    if country is None or len(national) not in country.lengths:
        return None
    if country.prefix is not None and country.prefix.match(national):
        return None
    for leading, pattern, replacement, template in country.formats:
        if leading is not None and not leading.match(national):
            continue
        found = pattern.match(national)
        if found is None:  # no match at the start: no match of the whole number either
            continue
        if found.end() == len(national) and template is not None:
            # ``re.sub`` replaces the leftmost match, this one, and finds nothing after it (the pattern
            # cannot match empty text): the replacement with its groups filled in, as ``expand`` would.
            return country.code + "".join(
                part if isinstance(part, str) else (found.group(part) or "") for part in template)
        if pattern.fullmatch(national):
            return country.code + pattern.sub(replacement, national)
    return country.code + national


_GROUP = re.compile(r"\\(\d)")


def _template(pattern: re.Pattern[str], replacement: str) -> tuple[str | int, ...] | None:
    """``replacement`` as literal text and group numbers (``\\1 \\2-\\3``: 1, ' ', 2, '-', 3), or None when
    it holds anything else (another escape, a group the pattern lacks) or the pattern can match empty
    text: then ``re.sub`` itself is used."""
    pieces = _GROUP.split(replacement)
    literals, groups = pieces[0::2], [int(g) for g in pieces[1::2]]
    if any("\\" in text for text in literals) or any(not 0 < g <= pattern.groups for g in groups) \
            or pattern.match("") is not None:
        return None
    out: list[str | int] = []
    for i, text in enumerate(literals):
        if text:
            out.append(text)
        if i < len(groups):
            out.append(groups[i])
    return tuple(out)
