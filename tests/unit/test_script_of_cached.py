"""``domain.variants.script_of``'s fast roads (ASCII at once, letters counted in C by ``str.translate`` with
each character looked up once, short texts' answers remembered: the people list localises every name it shows)
give the answers of the letter-by-letter reading by Unicode name they replaced, ties included, on random mixes
of scripts, asked for the first time and again."""

from __future__ import annotations

import random
import unicodedata

from organizer.domain.variants import script_of


def _by_name(text: str) -> str:
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith("CYRILLIC"):
            script = "Cyrl"
        elif name.startswith(("LATIN", "MODIFIER LETTER")):
            script = "Latn"
        elif name.startswith(("CJK", "IDEOGRAPHIC")):
            script = "Hani"
        elif name.startswith("HANGUL"):
            script = "Hang"
        elif name.startswith("ARABIC"):
            script = "Arab"
        else:
            script = "Zyyy"
        counts[script] = counts.get(script, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else ""


def test_the_script_is_the_one_read_letter_by_letter() -> None:
    letters = "aZéßʻʼҚқЁжӘәğ中文한글عربيαβ1 -.'\u02bb\u00a0" + "".join(chr(c) for c in range(0x20, 0x7f))
    rng = random.Random(20)
    for _ in range(20_000):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 12)))
        assert script_of(text) == _by_name(text), repr(text)
        assert script_of(text) == _by_name(text), repr(text)  # remembered
    long = "Визит делегации, Kazan Federal University " * 3  # longer than what is remembered
    assert script_of(long) == _by_name(long) == "Latn"
    for text in ("", "2024-05-06", "Kazan", "Казань", "Oʻzbekiston", "Ab Вг", "Вг Ab", "李明", "김민준", "محمد"):
        assert script_of(text) == _by_name(text), text
    assert script_of("Ab Вг") == "Latn" and script_of("Вг Ab") == "Cyrl"  # a tie: the first script read
