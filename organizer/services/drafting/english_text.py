"""The English extractor's text: a report's normalised text, its sentences and the items of a list."""

from __future__ import annotations

import re

from organizer.services.drafting.english_words import ABBREVIATIONS

# --- text ----------------------------------------------------------------------------------------


def normalize(text: str) -> str:
    """Straight quotes and apostrophes, commas outside quotes, no editor bookmarks, one space between words."""
    text = re.sub(r"\[bookmark:[^\]]*\]", "", text)
    text = text.replace("“", '"').replace("”", '"').replace("„", '"').replace("«", '"').replace("»", '"')
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r'([,.])"', r'"\1', text)
    return "\n".join(re.sub(r"[ \t\xa0]+", " ", line).strip() for line in text.splitlines())


def normalize_spaces(text: str) -> str:
    """No editor bookmarks, one space between words, lines kept (quotes and apostrophes as written)."""
    text = re.sub(r"\[bookmark:[^\]]*\]", "", text)
    return "\n".join(re.sub(r"[ \t\xa0]+", " ", line).strip() for line in text.splitlines())


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` in order: a line break ends one; so does ". " before a capital, except after
    an initial ("A.M. Butlerov", "D. Pashin") or a known abbreviation ("Dr. ")."""
    out: list[str] = []
    for line in normalize(text).split("\n"):
        start = 0
        for m in re.finditer(r'[.!?]"?\s+(?=["A-Z])', line):
            before = re.split(r"[\s.]", line[start:m.start()])[-1]
            if re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", before) or before.rstrip(".") in ABBREVIATIONS:
                continue
            out.append(line[start:m.end()].strip())
            start = m.end()
        if line[start:].strip():
            out.append(line[start:].strip())
    return out


def _clean(phrase: str) -> str:
    phrase = phrase.strip(" ,;:.")
    return re.sub(r"^(?:the|a|an)\s", "", phrase)


def split_list(phrase: str) -> list[str]:
    """ "X, Y, and Z" / "X and the Y" -> the items, without leading articles."""
    parts = re.split(r",\s*(?:and\s+|or\s+)?|\s+and\s+(?=(?:the|a|an|joint|new)\s)", phrase.strip(" .;"))
    return [_clean(p) for p in parts if _clean(p)]
