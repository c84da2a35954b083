"""The English extractor's honorific rules: an honorific ("Prof.", "Dr", "Mr", "Major General") marks where a
name starts, and the title is the words before it back to its head word, or a title right after the name (the
rules are listed in ``english.py``)."""

from __future__ import annotations

import re

from organizer.services.drafting.english_lists import _after_untitled_name, _titled_name_at
from organizer.services.drafting.english_patterns import (
    _CAP,
    _HONORED_NAME_RE,
    _HONORIFIC_RE,
    _ORG_TITLE_RE,
    _TITLE_START,
    _TITLE_START_RE,
    _VERB,
    _State,
)
from organizer.services.drafting.english_titles import (
    _add_person,
    _end_of_title,
    _is_org,
    _org_at_start,
    _org_name,
    _plausible_name,
    _resolve,
    _split_title,
)
from organizer.services.drafting.english_words import NOT_NAME_WORDS
from organizer.services.drafting.model import DraftPerson


def _honored_name(source: str, at: int) -> str | None:
    """The name written at ``at`` after an honorific, without a title word after it ("Maria Irene Balbin Rector")."""
    nm = _HONORED_NAME_RE.match(source, at)
    if nm is None:
        return None
    words = nm.group(0).split(" ")
    while words and words[-1].strip(".") in NOT_NAME_WORDS:
        words.pop()
    name = " ".join(words)
    return name if " " in name and _plausible_name(name) else None


def _honored_title(before: str, state: _State) -> tuple[str, str] | None:
    """The title written right before an honorific ("Director External Linkages Dr NAME"; "Second Secretary,
    Zambia High Commission, Mr NAME"): from its head word, over no predicate and no second title."""
    commas = before.rstrip().endswith(",")
    before = re.sub(r"\s\([^()]*\)$", "", before.rstrip().rstrip(","))  # "... Malawi Mission (New Delhi) Ms NAME"
    clause = re.split(r"[;:(]\s?|\.\s" if commas else r"[,;:(]\s?|\.\s", before.rstrip(","))[-1]
    for start in [0, *(w.end() for w in re.finditer(r"\s", clause))]:
        t = _TITLE_START_RE.match(clause, start) or _ORG_TITLE_RE.match(clause, start)
        text = clause[start:]
        if t is not None and _after_untitled_name(re.sub(r"\bthe\s$", "", clause[:start]), []):
            return None  # "A, Vice Chancellor X, Dr B": the title is A's
        if t is None or re.search(_VERB, text) or re.search(rf"\sand\s(?:the\s)?{_TITLE_START}", text) \
                or re.search(r"\s(?:and|or|the|of)$", text) or any(p.full_name in text for p in state.draft.people):
            continue
        owner = t.group("owner") or None
        text = text[len(owner) + 3:] if owner else text
        parts = text.split(", ")
        if commas and (len(parts) > 4 or any(not (_org_at_start(x) or re.fullmatch(rf"[A-Z]{{2,}}|{_CAP}(?:\s{_CAP})?",
                                                                                     x)) for x in parts[1:])):
            continue  # "Vice Chancellor, University of The Gambia," and a place at most, or a list of names
        title, institution = _split_title(parts[0], state, owner if owner and _is_org(owner) else None)
        if not institution and len(parts) > 1:
            institution = _resolve(_org_name(_org_at_start(parts[1]) or parts[1]), state)
        return title, institution
    return None


def _honored_people(source: str, orgs: list[tuple[int, int]], state: _State) -> list[DraftPerson]:
    """The honorific is where a name starts ("Director External Linkages Dr Sobia Khurram", "the Deputy Registrar
    Lt Cdr (C) DMS Dissanayke"): the title is the words before it back to its head word, or a title right after
    the name ("M. Ashraf Haidari the Ambassador of ... and Mr. NAME"). Every such name goes to ``state.honored``."""
    marks = [(h, name) for h in _HONORIFIC_RE.finditer(source)
             if not any(a <= h.start() < b for a, b in orgs) and (name := _honored_name(source, h.end()))]
    state.honored = dict.fromkeys(name for _h, name in marks)  # in text order: drafts must not vary by run
    state.titled_after = set()
    found: list[DraftPerson] = []
    for h, name in marks:
        known = state.draft.person(name)
        if known is not None and known.title:
            continue
        got = _honored_title(source[:h.start()], state)
        after = re.match(r",?\s(?:the\s|its\s)?", source[h.end() + len(name):])
        title_at = _TITLE_START_RE.match(source, h.end() + len(name) + after.end()) if after else None
        if got is None and title_at and not _titled_name_at(source[title_at.start():]) \
                and not _HONORIFIC_RE.search(_end_of_title(source[title_at.start():])[0]):
            # "NAME the Ambassador of ..."; "NAME, Pakistan's ambassador to USA"; not "NAME, Registrar Dr B"
            owner = title_at.group("owner")
            title_text = _end_of_title(source[title_at.start() + (len(owner) + 3 if owner else 0):], state.honored)[0]
            title_text = re.sub(r"\s\([^()]*\)$", "", title_text.strip(" ,;."))  # "NAME Rector (Vice-Chancellor)"
            got = _split_title(title_text, state, owner if owner and _is_org(owner) else None)
        if got is not None and got[0]:
            if title_at and got is not None and _honored_title(source[:h.start()], state) is None:
                state.titled_after.add(name)
            found.append(_add_person(state, name, got[0], got[1], source))
    return found
