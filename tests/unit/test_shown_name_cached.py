"""``domain.personnames.shown_name``'s remembered answers (the whole name by everything it is made of, each name
part's transliteration, each short text's script) and its fast road for people with no language variants give
what choosing the name afresh gives, on random people whose names, name variants and language variants mix
scripts, in Russian, English and Uzbek, asked for again after other people."""

from __future__ import annotations

import json
import random

from organizer.domain import personnames, variants
from organizer.domain.personnames import _Parts, name_in, shown_name
from organizer.domain.records import NameVariant
from organizer.domain.variants import from_mapping, set_display_language

_WORDS = ("Ильнур", "Хайруллин", "Ләйлә", "Айдаровна", "Yury", "Khairullin", "Anna", "Wilson", "Oʻktam",
          "Gʻulomov", "Jamshid", "oʻgʻli", "王", "毅", "김민준", "محمد", "Shchukin", "Ye", "", " ", "José", "Ёлкин")


def _person(rng: random.Random) -> tuple[str, str, str, str, tuple[NameVariant, ...], object]:
    def word() -> str:
        return rng.choice(_WORDS)

    given, middle, family = word(), rng.choice(("", word())), word()
    display = rng.choice(("", "", "", f"{word()} {word()}"))
    names = tuple(NameVariant(" ".join(word() for _ in range(rng.randint(1, 3))),
                              rng.choice(("", "Cyrl", "Latn", "Hans")), rng.choice(("", "ru", "en", "uz", "zh")))
                  for _ in range(rng.randint(0, 3)))
    mapping = {part: {rng.choice(("ru", "en", "uz-Latn")): word()}
               for part in rng.sample(("family_name", "given_name", "middle_name", "honorific"), rng.randint(0, 2))}
    texts = rng.choice((None, "{}", {}, json.dumps(mapping, ensure_ascii=False), mapping))
    return given, middle, family, display, names, texts


def _afresh(lang: str, given: str, middle: str, family: str, display: str, names: tuple[NameVariant, ...],
            texts: object) -> str:
    personnames._transliterate.cache_clear()
    variants._script_of_short.cache_clear()
    found = from_mapping(json.loads(texts) if isinstance(texts, str) else texts)  # type: ignore[arg-type]
    return name_in(_Parts(given, middle, family, display, names, found), lang).shown(lang)


def test_remembered_names_are_the_names_chosen_afresh() -> None:
    rng = random.Random(18)
    people = [_person(rng) for _ in range(600)]
    try:
        for lang in ("ru", "en", "uz"):
            set_display_language(lang)
            expected = [_afresh(lang, *p) for p in people]
            for _ in range(2):  # the second time from what was remembered
                for person, want in zip(people, expected, strict=True):
                    assert shown_name(*person[:4], person[4], person[5]) == want, (lang, person)
                rng.shuffle(order := list(range(len(people))))
                for i in order[:50]:
                    assert shown_name(*people[i]) == expected[i], (lang, people[i])
    finally:
        set_display_language(None)


def test_with_no_display_language_the_name_is_as_stored() -> None:
    set_display_language(None)
    assert shown_name("Anna", "", "Wilson", "", (NameVariant("Уилсон Анна", "Cyrl", "ru"),), "{}") == "Anna Wilson"
    set_display_language("ru")
    try:
        assert shown_name("Anna", "", "Wilson", "", (NameVariant("Уилсон Анна", "Cyrl", "ru"),), "{}") == "Уилсон Анна"
        assert shown_name("Anna", "", "Wilson", "", (), None) == "Вилсон Анна"  # transliterated
        assert shown_name("Anna", "", "Wilson", "", (), '{"family_name": {"ru": "Уилсон"}}') == "Уилсон"
    finally:
        set_display_language(None)
