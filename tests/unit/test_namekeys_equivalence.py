"""The fast paths of folding and name keys give exactly what the plain rules give.

``fold`` has an ASCII shortcut, ``text_keys`` keys each distinct word once and ``name_keys`` keys each
distinct romanization once: none may change a result. Checked against the plain versions (written out
below, uncached) on every word of the generator's name pools (``bench/synthdata.py``: Russian, Tatar,
Uzbek, English and Chinese names, in every script the generator writes them), on thousands of generated
names, on the spellings of the other name-key tests, and on random ASCII text.
"""

from __future__ import annotations

import importlib.util
import random
import re
import sys
import unicodedata
import warnings
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from types import ModuleType

import iuliia
import pytest
from hypothesis import given
from hypothesis import strategies as st

from organizer.domain import namekeys
from organizer.domain.namekeys import fold, name_keys, text_keys

warnings.filterwarnings("ignore", category=DeprecationWarning, module="iuliia")

BENCH = Path(__file__).resolve().parents[2] / "bench"
TRICKY = (
    "Korzhikov Korjikov Koržikov Korschikow Коржиков Varfolomeyev Varfolomejev Варфоломеев Khairoulline Xayrullin "
    "Хәйруллин-Миңнеханов Minnikhanov Миңнеханов Oʻrinboyev O'rinboyev O‘rinboyev O`rinboyev Ўринбоев Shchukin "
    "Ščukin Ŝukin Щукин Ёлкин ЁЛКИН Şəhriyar Çelik Gʻulom Oʻzbekiston Коржиков’s d'Artagnan 王伟 Ўзбекистон "
    "Фанлар академияси Ташкент — Казань: ҳамкорлик Їжак Єва Ґанок Ілля «Газпром» (ПАО) t͡sar' i͡a Łódź Jürgen "
    "D. J. R. R. Tolkien-Smith O\"Neil Mc`Coy Ib.n Ки́ров е́ ӣ ы ь Ь ъ"
)


def _synthdata() -> ModuleType:
    spec = importlib.util.spec_from_file_location("synthdata_for_namekeys_test", BENCH / "synthdata.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _strings(item)


@pytest.fixture(scope="module")
def names() -> list[str]:
    """Every pool word and derived spelling, and the names of 600 generated people of each origin."""
    sd = _synthdata()
    pools = [getattr(sd, n) for n in dir(sd) if re.fullmatch(r"(RU|TT|UZ|EN|ZH)_[A-Z]+", n)]
    out = [w for pool in pools for w in _strings(pool)]
    out += [sd.feminine_ru(w) for w in out if namekeys.is_cyrillic(w)]
    out += [sd.ru_to_latin(w) for w in out if namekeys.is_cyrillic(w)]
    out += [sd.uz_latin_to_cyrillic(w) for w in out if not namekeys.is_cyrillic(w)]
    rng = random.Random(9)
    for origin in sd.ORIGINS:
        for _ in range(600):
            made = sd.make_name(rng, origin)
            out += [made.given, made.family, made.middle, made.display, *(v[0] for v in made.variants),
                    " ".join(p for p in (made.given, made.middle, made.family) if p)]
    out += [*TRICKY.split(), TRICKY, TRICKY.upper()]
    assert sum(namekeys.is_cyrillic(w) for w in out) > 1_000
    return list(dict.fromkeys(w for w in out if w))


# --- the plain rules (what the module computed before its shortcuts) ------------------------------

_APOSTROPHES = re.compile(f"[{re.escape(namekeys._APOSTROPHES)}]")


def plain_fold(text: str) -> str:
    if text.isascii():
        return " ".join(re.sub(r"[^a-z0-9]+", " ", _APOSTROPHES.sub("", text.lower())).split())
    return " ".join(filter(None, (namekeys._fold_word.__wrapped__(w) for w in text.split())))


@cache  # a plain function of the word: the memo only spares the test's time
def plain_name_keys(word: str) -> tuple[str, ...]:
    word = unicodedata.normalize("NFC", word).lower()
    latin_keys = namekeys._latin_keys.__wrapped__
    if not namekeys.is_cyrillic(word):
        return tuple(latin_keys(plain_fold(word).replace(" ", "")))
    russian = word.translate(namekeys._TO_RUSSIAN)
    spellings = [getattr(iuliia, n).translate(russian) for n in namekeys.SCHEME_NAMES]
    spellings.append(iuliia.UZ.translate(word))
    keys: dict[str, None] = {}
    for spelling in spellings:
        for key in latin_keys(plain_fold(spelling).replace(" ", "")):
            keys.setdefault(key)
    return tuple(keys)[: namekeys.MAX_KEYS * 2]


def plain_text_keys(text: str) -> list[str]:
    seen: dict[str, None] = {}
    for chunk in re.split(r"[\s\-–—,.;:()\[\]{}«»/\\]+", unicodedata.normalize("NFC", text)):
        for key in plain_name_keys(chunk) if chunk else ():
            seen.setdefault(key)
    return list(seen)


# --- the checks ------------------------------------------------------------------------------------


def test_fold_is_the_plain_fold(names: list[str]) -> None:
    for name in names:
        assert fold(name) == plain_fold(name), name


def test_name_keys_are_the_plain_keys(names: list[str]) -> None:
    words = {w for name in names for w in re.split(r"[\s\-–—,.;:()\[\]{}«»/\\]+", name) if w}
    assert len(words) > 1_000
    for word in sorted(words):
        assert name_keys(word) == plain_name_keys(word), word


def test_text_keys_are_the_plain_keys(names: list[str]) -> None:
    rng = random.Random(3)
    texts = names + [" ".join(rng.sample(names, 5)) for _ in range(2_000)]  # several names, repeated words
    texts += [f"{n} {n}" for n in names[:200]]
    for text in texts:
        assert text_keys(text) == plain_text_keys(text), text


@given(st.text(st.characters(min_codepoint=0, max_codepoint=127), max_size=80))
def test_ascii_fold_is_the_word_by_word_fold(text: str) -> None:
    # The ASCII shortcut against folding each word through the general path (anyascii and all).
    assert fold(text) == " ".join(filter(None, (namekeys._fold_word.__wrapped__(w) for w in text.split())))
    assert fold(text) == plain_fold(text)


@given(st.text(st.sampled_from(list("abjxcz АжшЁйўқғәң \t\n\u00a0\u2000\u2001\u3000\u200d-–,.;()«»/'ʻ`\u0301\u0308éÉ")),
               max_size=40))
def test_text_keys_of_any_spacing_are_the_plain_keys(text: str) -> None:
    # ``text_keys`` splits on whitespace first (and keys each piece once): any whitespace, separators next
    # to it, combining marks after it, must give the words (and keys, in order) of splitting the whole text.
    assert text_keys(text) == plain_text_keys(text), text
