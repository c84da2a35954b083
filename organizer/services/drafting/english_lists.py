"""The English extractor's rules for lists of people: "respectively" ("A and B, T1 and T2 of X"), "A and B,
both T", "A and B, who ...", lower-case titles before a name, a title after "NAME, " being that name's, and a
name running past a title's head word (the rules are listed in ``english.py``)."""

from __future__ import annotations

import re

from organizer.services.drafting.english_patterns import (
    _CAP,
    _HEAD,
    _HONORIFIC,
    _LOWER_TITLE_NAME,
    _NAME_THEN_TITLE,
    _ORG_RE,
    _TITLE_NO_COMMA,
    _TITLE_START,
    NAME,
    _State,
)
from organizer.services.drafting.english_titles import (
    _add_person,
    _end_of_title,
    _is_org,
    _plausible_name,
    _resolve,
    _split_title,
)
from organizer.services.drafting.english_words import NOT_NAME_WORDS, TITLE_HEADS
from organizer.services.drafting.model import DraftPerson


def _titled_name_at(text: str) -> bool:
    """Whether ``text`` starts with a title and a name without a comma ("Human Resource Manager Giuseppa Lenzo")."""
    m = _TITLE_NO_COMMA.match(text)
    return m is not None and _plausible_name(m.group("name")) and not any(
        m.start("title") < o.start() < m.start("name") < o.end() for o in _ORG_RE.finditer(text))  # not in "Institute
    # of Chinese Intangible Cultural Heritage"


def _respectively(sentence: str, state: _State) -> list[DraftPerson]:
    """ "Yang Hong and Ding Chuan, Party Secretary and deputy director of X": the titles in the names' order, both
    of X; and "A and B, who ...": people with no title."""
    found: list[DraftPerson] = []
    for m in re.finditer(rf"(?P<n1>{NAME})\sand\s(?P<n2>{NAME}),\s(?:the\s)?(?P<t1>{_TITLE_START}[^,;]*?)\sand\s"
                         rf"(?:the\s)?(?P<t2>{_TITLE_START}.*)", sentence):
        if _plausible_name(m.group("n1")) and _plausible_name(m.group("n2")):
            second, institution = _split_title(_end_of_title(m.group("t2"), state.honored)[0], state)
            first, own = _split_title(m.group("t1"), state)
            found.append(_add_person(state, m.group("n1"), first, own or institution, sentence))
            found.append(_add_person(state, m.group("n2"), second, institution, sentence))
    for m in re.finditer(rf"(?P<n1>{NAME})\sand\s(?P<n2>{NAME}),\sboth\s(?P<t>{_TITLE_START}.*)", sentence):
        title, institution = _split_title(_end_of_title(m.group("t"), state.honored)[0], state)
        for name in (m.group("n1"), m.group("n2")):  # "Xu Yao and Xu Jin, both Deputy Director of X"
            if _plausible_name(name):
                found.append(_add_person(state, name, title, institution, sentence))
    for m in re.finditer(rf"(?<![\w.])(?P<names>{NAME}(?:,\s{NAME})*(?:,?\sand\s{NAME})?),\swho\b", sentence):
        for name in re.split(r",\s|,?\sand\s", m.group("names")):  # "Jong Hyeong Kim and Walter Richard Huber, who"
            if _plausible_name(name) and " " in name and state.draft.person(name) is None:
                found.append(_add_person(state, name, "", "", sentence))
    for m in _LOWER_TITLE_NAME.finditer(sentence):  # "the vice rector for international activities R.V. Lesovik"
        name = m.group("name") or m.group("name2")
        if _plausible_name(name) and state.draft.person(name) is None:
            owner = m.group("owner")
            owner = owner if owner and (_is_org(owner) or owner.isupper()) else None
            title_text = m.group("title") or m.group("title2")
            of_one = re.fullmatch(r"(.+?)\sof\s(?:the\s)?([A-Z][\w-]+)", title_text)  # "representative of X"
            title, institution = (of_one.group(1), _resolve(of_one.group(2), state)) if of_one \
                else _split_title(title_text, state, owner)
            found.append(_add_person(state, name, title, institution, sentence))
    return found


def _after_untitled_name(before: str, found: list[DraftPerson], state: _State | None = None) -> bool:
    """ "A, Vice Chancellor X, B, Vice Chancellor Y": a title right after "NAME, " is that name's, not the next
    one's, unless that name has its title already ("Rector A, Vice-Rector, B")."""
    m = re.search(rf"(?:^|[,;:]\s|\s[a-z]+\s)(?:{_HONORIFIC})?(?P<name>{NAME}),\s$", before)
    return m is not None and _plausible_name(m.group("name")) \
        and not any(p.full_name == m.group("name") and p.title and not (state and p.full_name in state.titled_after)
                    for p in found)


def _longer_name(title: str, name: str, state: _State) -> tuple[str, str]:
    """ "Governor Biswa" + "Bhusan Harichandan": a title ends at its head word or at an institution already
    named, so the capitalised words after it are the name ("Governor", "Biswa Bhusan Harichandan")."""
    words = title.split()
    if name in state.honored:  # "Director External Linkages Dr Sobia Khurram": the name starts at the honorific
        return title, name
    for extra in (2, 1):
        head, tail = words[:-extra], words[-extra:]
        if not head or not _plausible_name(" ".join(tail)) or any(re.fullmatch(r"[A-Z]{2,}", w) for w in tail) \
                or any(part in NOT_NAME_WORDS for w in tail for part in w.split("-")):
            continue
        ends = " ".join(head).casefold()
        if head[-1] in TITLE_HEADS or any(ends.endswith(i.name.casefold()) for i in state.draft.institutions) \
                or re.search(rf"\b(?:{_HEAD}|{'|'.join(TITLE_HEADS)})\s(?:in|to)\s{_CAP}$", " ".join(head)):
            # "the X Embassy in Dhaka NAME", "British High Commissioner to Bangladesh Robert Chatterton Dickson"
            return " ".join(head), " ".join([*tail, name])
    return title, name


def _iter_name_title(text: str) -> list[re.Match[str]]:
    out = []
    for start in [0] + [m.end() for m in re.finditer(r"[\s,(]", text)]:
        m = _NAME_THEN_TITLE.match(text, start)
        if m and not re.search(r"\b[Tt]he\s$", text[:start]):  # "At the Owa Oyibu Campus, the Vice Chancellor"
            out.append(m)
    return out
