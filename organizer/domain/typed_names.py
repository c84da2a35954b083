"""A person's name typed in one line (a picker's "Create «…»") split into given, middle and family name.

One word is a family name (what one types to find someone: "Pashin"). Two or more words are "Given
Family" ("Dmitry Pashin"), or "Given Middle Family" with three; a Russian-style patronymic
(-ович/-евич/-ич/-овна/-евна/-ична/-инична, -ovich/-ovna...) at the end means the official Russian
order «Фамилия Имя Отчество» ("Коржиков Евгений Николаевич"), in the middle "Имя Отчество Фамилия".
A word ending in a dot ("D.") is an initial and belongs to the given name ("D. Pashin").
"""

from __future__ import annotations

import re

_PATRONYMIC = re.compile(r"(?:[оеё]вич|ич|[оеё]вна|ична|инична|ovich|evich|ovna|evna|ichna|o[gʻ']?li|qizi|кызы|оглы|"
                         r"угли|кизи)$", re.IGNORECASE)


def _is_patronymic(word: str) -> bool:
    return len(word) > 4 and bool(_PATRONYMIC.search(word))


def split_typed_name(text: str) -> tuple[str, str, str]:
    """(given, middle, family) from a name typed in one line (rules in the module docstring)."""
    words = text.split()
    if not words:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    if len(words) == 3 and _is_patronymic(words[2]) and not _is_patronymic(words[1]):
        return words[1], words[2], words[0]
    return words[0], " ".join(words[1:-1]), words[-1]
