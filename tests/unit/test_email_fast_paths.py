"""The shortcuts in front of email-validator (``services.email_fast``, an optional module that patches two
of the library's internals) give exactly the library's results: the same normalised address or the same
error, on ordinary and hostile input."""

from __future__ import annotations

import random
import sys

import pytest
from email_validator import EmailNotValidError, validate_email
from email_validator.syntax import split_email as library_split

from organizer.services import email_fast
from organizer.services._checks import normalize_email

ADDRESSES = [
    "ivan.petrov@kpfu.ru", "Ivan.Petrov@KPFU.RU", "a@b.co", "x+tag@example.com", "POSTMASTER@example.com",
    "a@@b.com", "a@b@c.com", "@example.com", "ivan@", "ivan", "ivan@example", "ivan..petrov@example.com",
    ".ivan@example.com", "ivan.@example.com", "ivan petrov@example.com", " ivan@example.com",
    "ivan@example.com ", "Ivan <ivan@example.com>", '"ivan petrov"@example.com', '"a@b"@example.com',
    "ivan@[127.0.0.1]", "ivan@-example.com", "ivan@example-.com", "ivan@exa_mple.com", "ivan@localhost",
    "ivan@example.local", "ivan@xn--80ak6aa92e.com", "ivan@пример.рф", "иван@пример.рф", "oʻgʻli@uz.uz",
    "a\u0301@example.com", "e\u0301@example.com", "a@exa\u0301mple.com", "ivan\x00@example.com",
    "ivan\t@example.com", "ivan@ex\nample.com", "x" * 64 + "@example.com", "x" * 65 + "@example.com",
    "a@" + "b" * 63 + ".com", "a@" + "b" * 64 + ".com", "a@" + ".".join(["abcdefghi"] * 30) + ".com",
    "a<b@example.com", "a>b@example.com", "a(b)@example.com", "a,b@example.com", "a;b@example.com",
    "ivan＠example.com", "ivan﹫example.com", "admin@example.com", "ABUSE@Example.Com", "a@b.c.d.e.f.museum",
    "user%example.com@example.org", "x@123.123.123.123", "a@b.invalid", "a@example.test", "a@mail.onion",
]


def _library(address: str) -> str:
    try:
        return "ok " + str(validate_email(address, check_deliverability=False).normalized)
    except EmailNotValidError as err:
        return "error " + str(err)


def _ours(address: str) -> str:
    try:
        return "ok " + normalize_email(address)
    except ValueError as err:
        return "error " + str(err)


def test_the_shortcuts_are_in_place() -> None:
    normalize_email("ivan@example.com")  # checking an address installs them
    module = sys.modules[validate_email.__module__]
    assert hasattr(module.validate_email_domain_name, "cache_info")
    assert module.split_email.library_split is library_split
    patched = module.validate_email_domain_name, module.split_email
    assert email_fast.install(validate_email)  # once: a second call changes nothing
    assert (module.validate_email_domain_name, module.split_email) == patched


@pytest.mark.parametrize("address", ADDRESSES)
def test_same_result_as_the_library(address: str) -> None:
    ours = _ours(address)  # installs the shortcuts; the library below then runs with them in place...
    module = sys.modules[validate_email.__module__]
    saved = module.validate_email_domain_name, module.split_email
    module.validate_email_domain_name = saved[0].__wrapped__
    module.split_email = saved[1].library_split
    try:
        expected = _library(address)  # ...so take them out for the reference
    finally:
        module.validate_email_domain_name, module.split_email = saved
    assert ours == expected
    assert _ours(address) == expected  # twice: a cached domain gives the same answer


@pytest.mark.parametrize("address", ADDRESSES)
def test_plain_split_equals_the_library_split(address: str) -> None:
    normalize_email("ivan@example.com")
    fast = sys.modules[validate_email.__module__].split_email
    try:
        expected: object = library_split(address)
    except EmailNotValidError as err:
        expected = str(err)
    try:
        got: object = fast(address)
    except EmailNotValidError as err:
        got = str(err)
    assert got == expected


def _generated_addresses(seed: int = 19) -> list[str]:
    rnd = random.Random(seed)
    domains = ["example.org", "Example.ORG", "mail.example", "kpfu.ru", "KPFU.Ru", "xn--80ak6aa92e.com", "localhost",
               "example.local", "a.b", "ex_ample.com", "-ex.com", "ex-.com", "x" * 64 + ".com", "x" * 63 + ".com",
               "sub." + "b" * 60 + ".example.com", "123.123.123.123", "b.invalid", "a.test", "x.onion", "пример.рф",
               "example..com", ".example.com", "example.com.", "[127.0.0.1]", "ex ample.com", "e.x.a.m.p.l.e.museum"]
    out = [f"{name}@example.org" for name in ("postmaster", "POSTMASTER", "Info", "www", "abuse", "noc", "ftp")]
    for _ in range(3000):
        length = rnd.choice([0, 1, 2, 5, 10, 30, 63, 64, 65, 80, 150])
        local = "".join(rnd.choice("abcXYZ019._+-!#%'=?~ é\"") if rnd.random() < 0.2 else rnd.choice("abcxyz0189")
                        for _ in range(length))
        out.append(f"{local}@{rnd.choice(domains)}")
        if rnd.random() < 0.1:
            out.append(f"{local}@{rnd.choice(domains)}@{rnd.choice(domains)}")
    return out


def test_plain_addresses_get_the_library_result() -> None:
    """``email_fast.plain`` answers the usual addresses without ``validate_email``, with its result; it
    leaves the rest (odd characters, IDNA, reserved names, special-use domains, over-long parts) to it."""
    normalize_email("ivan@example.com")  # installs the domain cache that ``plain`` needs
    values = ADDRESSES + _generated_addresses()
    answered = 0
    for address in values:
        fast = email_fast.plain(address, validate_email)
        if fast is not None:
            answered += 1
            assert "ok " + fast == _library(address), address
    assert answered > 200
    bench = [f"ivan.petrov.{i}@example.org" for i in range(100)] + [f"p{i}@mail.example" for i in range(100)]
    assert [email_fast.plain(a, validate_email) for a in bench] == bench  # what bench/bench_vcard.py writes
    assert email_fast.plain("ivan.petrov@KPFU.RU", validate_email) == "ivan.petrov@kpfu.ru"
    assert email_fast.plain("Ivan.Petrov+visits@example.org", validate_email) == "Ivan.Petrov+visits@example.org"
    for left in ("postmaster@example.org", "ivan@xn--80ak6aa92e.com", "ivan@example.local", "a!b@example.org",
                 "ivan@пример.рф", '"ivan"@example.org', "ivan@example.org@example.org", "x" * 65 + "@example.org"):
        assert email_fast.plain(left, validate_email) is None, left
