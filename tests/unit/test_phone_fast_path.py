"""The shortcut in front of phonenumbers (``services.phone_fast``) gives exactly the library's result for every
value it answers, and leaves everything else to the library: on every number found in the tests' own
files, and on generated numbers for every country code the library knows."""

from __future__ import annotations

import random
import re
from pathlib import Path

import phonenumbers
import pytest
from phonenumbers import COUNTRY_CODE_TO_REGION_CODE

from organizer.services import phone_fast
from organizer.services._checks import format_phone

TESTS = Path(__file__).resolve().parent.parent
_NUMBER = re.compile(r"\+?[0-9][0-9 ()./\-]{4,30}[0-9]")


def _library(value: str) -> str | None:
    """What ``format_phone`` gave before the shortcut for a value starting with ``+`` (None: refused)."""
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


def _corpus_numbers() -> list[str]:
    found: set[str] = set()
    for path in TESTS.rglob("*"):
        if path.suffix.lower() not in (".vcf", ".csv", ".py", ".ics", ".json", ".txt") or not path.is_file():
            continue
        text = path.read_text("utf-8", "ignore")
        for match in _NUMBER.finditer(text):
            value = match.group().strip()
            found.add(value)
            if not value.startswith("+"):
                found.add("+" + value)
    return sorted(found)


def _generated(seed: int = 19) -> list[str]:
    rnd = random.Random(seed)
    out: list[str] = []
    for code in sorted(COUNTRY_CODE_TO_REGION_CODE):
        for length in range(2, 18):
            for _ in range(3):
                digits = "".join(rnd.choice("0123456789") for _ in range(length))
                cut = [i for i in range(1, length) if rnd.random() < 0.3]
                groups = [digits[a:b] for a, b in zip([0, *cut], [*cut, length], strict=True)]
                seps = rnd.choice([" ", "-", " -", "  "])
                grouped = "".join(g + (rnd.choice(seps) if i < len(groups) - 1 else "") for i, g in enumerate(groups))
                out.append(f"+{code} {grouped}" if rnd.random() < 0.7 else f"+{code}{grouped}")
    return out


BENCH = [f"+7 917 {i // 10000 % 1000:03d}-{i // 100 % 100:02d}-{i % 100:02d}" for i in range(0, 10000, 7)] + \
    [f"+998 71 {i % 1000:03d} {i // 1000 % 100:02d} 00" for i in range(0, 10000, 7)]
"""What ``bench/bench_vcard.py`` writes."""


@pytest.mark.parametrize("source", ["corpus", "generated", "bench"])
def test_same_result_as_the_library(source: str) -> None:
    values = {"corpus": _corpus_numbers, "generated": _generated, "bench": lambda: BENCH}[source]()
    assert len(values) > 100
    answered = 0
    for value in values:
        fast = phone_fast.international(value)
        expected = _library(value)
        if fast is not None:
            answered += 1
            assert fast == expected, value
        if value.startswith("+"):  # through the services' function: the same, shortcut or not
            try:
                got: str | None = format_phone(value)
            except ValueError:
                got = None
            assert got == expected, value
    assert answered > len(values) // 10  # the shortcut answers many of them (all the usual ones)
    if source == "bench":
        assert answered == len(values)


@pytest.mark.parametrize("value", [
    "+7 (843) 233-71-09", "+44 (0) 20 7946 0958", "+44 020 7946 0958", "+7 8 917 123 45 67", "+39 06 6988 4857",
    "+1 800 FLOWERS", "+49 30 1234567 ext. 12", "+49 30 1234567 x12", "+998 71 123 45 67#1", "++7 917 123 45 67",
    "+7 917 123 45 6７", "+7 917.123.45.67", "+0 123 456", "+999 123 456 789", "+7 9", "+7 917 123 45 67 89 01 23 4",
    "+ 7 917 123 45 67", "+7 917 123 45 67 ", "+7/917/1234567", "+7 917 123 45 67;ext=1",
])
def test_unusual_values_go_to_the_library(value: str) -> None:
    assert phone_fast.international(value) is None
    try:
        got: str | None = format_phone(value)
    except ValueError:
        got = None
    assert got == _library(value)


def test_plain_numbers_are_answered() -> None:
    assert phone_fast.international("+7 917 123-45-67") == "+7 917 123-45-67"
    assert phone_fast.international("+79171234567") == "+7 917 123-45-67"
    assert phone_fast.international("+998711234567") == "+998 71 123 45 67"
    assert phone_fast.international("+1-919-676-9515") == "+1 919-676-9515"
