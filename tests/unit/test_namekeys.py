"""Folding and name keys on the spellings the issue names, and on the marks romanizations use."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from organizer.domain.namekeys import fold, name_keys


@pytest.mark.parametrize("spellings", [
    ("Korzhikov", "Korjikov", "Koržikov", "Korschikow", "Коржиков"),
    ("Varfolomeyev", "Varfolomeev", "Варфоломеев", "Varfolomejev"),
    ("Khairullin", "Hayrullin", "Xayrullin", "Khajrullin", "Хайруллин", "Хәйруллин", "Khairoulline"),
    ("Minnikhanov", "Minnihanov", "Minnixanov", "Минниханов", "Миңнеханов"),
    ("Oʻrinboyev", "O'rinboyev", "O‘rinboyev", "O`rinboyev", "Ўринбоев"),
    ("Shchukin", "Ščukin", "Ŝukin", "Schukin", "Щукин"),
])
def test_spellings_of_one_name_share_a_key(spellings: tuple[str, ...]) -> None:
    first = set(name_keys(spellings[0]))
    for other in spellings[1:]:
        assert first & set(name_keys(other)), (spellings[0], other, name_keys(spellings[0]), name_keys(other))


def test_different_names_do_not_share_keys() -> None:
    assert not set(name_keys("Korzhikov")) & set(name_keys("Varfolomeyev"))
    assert not set(name_keys("Khairullin")) & set(name_keys("Minnikhanov"))
    assert name_keys("D") == ()  # an initial has no key


def test_fold_removes_apostrophes_marks_and_case() -> None:
    assert fold("Oʻzbekiston") == fold("O'zbekiston") == fold("O‘zbekiston") == fold("O`zbekiston") == "ozbekiston"
    assert fold("Ayb·ey") == "aybey"  # BGN/PCGN's middle dot
    assert fold('Bajb"ej') == "bajbej"  # ISO/R 9's hard sign
    assert fold("Ilʹin") == fold("Il'in") == "ilin"
    assert fold("Éric  DUPONT-Durand") == "eric dupont durand"
    assert fold("«Ўзкимёсаноат» АЖ") == "ozkimyosanoat azh"
    assert fold("") == ""


def _fold_whole_text(text: str) -> str:
    """The fold of a whole text at once (the definition ``fold`` speeds up by folding word by word)."""
    import unicodedata

    from anyascii import anyascii

    from organizer.domain import namekeys

    if not text:
        return ""
    lowered = namekeys._APOSTROPHE_RE.sub("", unicodedata.normalize("NFC", text).lower().translate(namekeys._PRE_FOLD))
    ascii_text = anyascii(lowered).lower()
    return " ".join(namekeys._NON_WORD.sub(" ", namekeys._APOSTROPHE_RE.sub("", ascii_text)).split())


_FOLD_ALPHABET = ("abc XYZ 09 'ʻ’`-.,\t\n\u00a0\u0301\u0308ёЁйЙўғқҳәөүҗңһžšçΣσςΟΔΟΣ中文字ÄÖÜßﬁ\u2163\u00bd"
                  "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзиклмнопрстуфхцчшщъыьэюя")


@given(st.text(alphabet=_FOLD_ALPHABET, max_size=40))
def test_fold_word_by_word_equals_folding_the_whole_text(text: str) -> None:
    assert fold(text) == _fold_whole_text(text)


def test_fold_of_long_mixed_text_matches_the_whole_text_definition() -> None:
    text = ("Профессор кафедры «Международные отношения», Казанский (Приволжский) федеральный университет; "
            "Oʻzbekiston Milliy universiteti, Toshkent — ОДОΣ Σίσυφος 北京大学 Ǆemal Æsir\u00a0Straße")
    assert fold(text) == _fold_whole_text(text)
