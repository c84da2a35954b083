"""Folding and name keys on the spellings the issue names, and on the marks romanizations use."""

from __future__ import annotations

import pytest

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
