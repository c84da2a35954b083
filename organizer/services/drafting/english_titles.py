"""The English extractor's institution chain: institutions and their nesting ("A at/within/of B"), the split of
a title from its institution ("Director of the X Technopark" -> "Director", "X Technopark"), where a title ends,
and adding a person with the institution named (the rules are listed in ``english.py``)."""

from __future__ import annotations

import re
from collections.abc import Collection

from organizer.services.drafting.english_patterns import (
    _ABBREVIATION,
    _CAP,
    _CAP_TITLE_START,
    _FIELD_AFTER_COMMA,
    _HONORIFIC_RE,
    _NAME_RE,
    _ORG_RE,
    _TITLE_NO_COMMA,
    _TITLE_START,
    _VERB,
    NAME,
    ORG,
    _State,
)
from organizer.services.drafting.english_text import _clean
from organizer.services.drafting.english_words import (
    BODY_WORDS,
    LOWER_TITLE_HEADS,
    NOT_NAME_WORDS,
    ORG_HEADS,
    TITLE_HEADS,
    UNIT_HEADS,
)
from organizer.services.drafting.model import DraftInstitution, DraftPerson

# --- institutions --------------------------------------------------------------------------------


def _is_org(phrase: str) -> bool:
    return bool(re.fullmatch(ORG, _clean(phrase)))


def _org_at_start(phrase: str) -> str | None:
    m = _ORG_RE.match(_clean(phrase))
    return m.group(0) if m else None


def _resolve(owner: str, state: _State) -> str:
    if owner.lower() in ("university", "university's") and state.university:
        return state.university
    if owner in state.abbreviations or not re.fullmatch(r"[A-Z]{2,6}", owner):
        return state.abbreviations.get(owner, owner)
    for inst in state.draft.institutions:  # "LPU" after "Lovely Professional University": its initials
        if "".join(w[0] for w in re.findall(r"\b[A-Z][A-Za-z]*", inst.name)) == owner:
            return inst.name
    return owner


def _org_name(name: str) -> str:
    return re.sub(r"^[A-Z][a-z]+-based\s", "", _clean(name))  # "Gabon-based X University" -> "X University"


def _add_institution(state: _State, name: str, sentence: str, parent: str | None = None) -> None:
    name = _org_name(name)
    found = state.draft.institution(name)
    if found is None:
        found = DraftInstitution(name, None, sentence)
        state.draft.institutions.append(found)
        if "University" in name and state.university is None:
            state.university = name
    if parent and found.parent is None and parent.casefold() != name.casefold():
        found.parent = _clean(parent)


def _owner_of(sentence: str, start: int, state: _State) -> str | None:
    """ "the university's Agrobiotechnology Center": the institution "the university" names, if known."""
    m = re.search(r"\bthe\s([a-z]+)'s\s$", sentence[:start])
    if m is None:
        return None
    head = m.group(1).capitalize()
    return next((i.name for i in reversed(state.draft.institutions) if head in i.name.split() and i.parent is None),
                None)


def _institutions(sentence: str, state: _State) -> None:
    spans = [(m.start(), m.end(), m.group(0)) for m in _ORG_RE.finditer(sentence)]
    for k, (start, end, name) in enumerate(spans):
        _add_institution(state, name, sentence, parent=_owner_of(sentence, start, state))
        abbreviation = re.match(_ABBREVIATION, sentence[end:])
        if abbreviation:
            state.abbreviations.setdefault(abbreviation.group("abbr"), _org_name(name))
        if k + 1 < len(spans):
            between = sentence[end:spans[k + 1][0]]
            if re.fullmatch(r"\s(?:at|within|of|under)\s(?:the\s)?", between):
                _add_institution(state, spans[k + 1][2], sentence)
                _add_institution(state, name, sentence, parent=spans[k + 1][2])


# --- people --------------------------------------------------------------------------------------


def _plausible_name(name: str) -> bool:
    words = [w for w in re.split(r"[\s.]+", name) if len(w) > 1]  # not the initial "A." of "Ahmed A. Gaeis"
    return not any(w in NOT_NAME_WORDS for w in words) and not any(w.rstrip("s") in ORG_HEADS for w in words)


def _split_title(title: str, state: _State, owner: str | None = None) -> tuple[str, str]:
    """ "Director of the X Technopark" -> ("Director", "X Technopark"); the owner ("the university's") wins."""
    title = re.sub(r"\s\([^()]*\)$", "", title.strip(" ,;."))  # "Joint Secretary, MEA (New Delhi)"
    title = re.sub(r"^[Tt]he\s", "", title)
    lead = re.match(rf"(?:the\s)?(?P<org>{ORG}|[A-Z]{{2,}}|University)\s(?={_CAP_TITLE_START})", title)
    if lead and (lead.group("org") in ORG_HEADS[1:] or lead.group("org").rsplit(" ", 1)[-1] in BODY_WORDS):
        lead = None  # "College Principal", "Party Committee Secretary": one title
    if lead:  # "Dhaka University Vice-Chancellor", "University Vice-Chancellor", "DU Vice-Chancellor"
        named = lead.group("org")
        return title[lead.end():], (state.university or "") if named == "University" else _resolve(_org_name(named),
                                                                                                 state)
    listed = re.fullmatch(rf"((?:(?!\sand\s[A-Z]).)+?),\s(?:the\s)?({ORG}|[A-Z]{{2,}})((?:\s{_CAP})?)(?:,\s.*)?", title)
    if listed:  # "vice chancellor, USTM", "dean, students' welfare, LU", "Vice Chancellor, X University Tandojam"
        return listed.group(1), _resolve(_org_name(listed.group(2)), state) + listed.group(3)
    trailing = re.fullmatch(rf"(.*?\b(?:{'|'.join(TITLE_HEADS)}|{'|'.join(LOWER_TITLE_HEADS)}))\s(?:the\s)?"
                            rf"((?:{ORG}|[A-Z]{{2,}})(?:\s{_CAP})?)", title)
    if trailing and not re.search(rf"\b(?:{'|'.join(UNIT_HEADS)}|{'|'.join(BODY_WORDS)}|Office)\b", trailing.group(2)):
        return trailing.group(1), _resolve(_org_name(trailing.group(2)), state)  # "Vice Chancellor IBA Karachi"
    minister = re.fullmatch(r"((?:[A-Z][a-z]+ )*Minister) (of (?!the |State\b)[A-Z].*)", title)
    if minister:  # "Minister of Health of the Republic of Tatarstan" -> "Ministry of Health of ..."
        return minister.group(1), f"Ministry {minister.group(2)}"
    generic = re.fullmatch(rf"(.+?)\s(?:of|at)\s(?:the|our|this)\s({'|'.join(h.lower() for h in ORG_HEADS)})", title)
    if generic:  # "rector of the university", "General Director of the institute": the one named before, if any
        head = generic.group(2).capitalize()
        named = state.university if head == "University" else None
        named = named or next((i.name for i in reversed(state.draft.institutions) if head in i.name.split()), "")
        return generic.group(1), named
    for m in re.finditer(r"\s(?:of|at|for)\s(?:the\s)?", title):
        tail = re.sub(r"^(?:[A-Z]{2,}|[A-Z][a-z]+)['’]s\s", "", title[m.end():])  # "of NCWU's College of X"
        if m.group(0).startswith(" for") \
                and not re.fullmatch(rf"{_CAP}(?:\s{_CAP})*\s(?:Mission|Embassy|Consulate)", tail):
            continue  # "Deputy High Commissioner for Malawi Mission"; not "Vice-Rector for Research"
        if re.fullmatch(r"(?:the\s|our\s)?[Uu]niversity", tail) and (state.university or "our" in tail):
            return title[:m.start()], state.university or ""  # "the Rector of the university", "of our university"
        if re.fullmatch(r'[A-Z]{3,}|"[^"]+"', tail):  # "Deputy Director General of KAMAZ"
            return title[:m.start()], _resolve(tail, state)
        org = _org_at_start(tail)
        if org and "Office" in (org.split(" ", 1)[0], org.rsplit(" ", 1)[-1]):  # "Head of the International Office":
            continue  # a unit, in the title
        if org and not re.match(rf"(?:{'|'.join(BODY_WORDS)})\b(?!\sof\s)", tail):
            return title[:m.start()], _clean(org)
    if owner:
        return title, _resolve(owner, state)
    known = next((state.abbreviations[w] for w in title.split() if w in state.abbreviations), "")
    return title, known  # "Head of TJUT International Cooperation Department": TJUT


def _end_of_title(text: str, honored: Collection[str] = ()) -> tuple[str, str]:
    """The title at the start of ``text`` and what follows it: a coordinated person ("..., and NAME, TITLE",
    "..., Dean Li Shengji", "... and Prof. NAME") or the predicate (", said", "visited KDU")."""
    if ";" in text:  # "NAME, Title, X; NAME, Title, Y"
        text = text[:text.index(";")]
    verb = re.search(_VERB, text)  # "NAME, the First Secretary visited KDU"
    for m in re.finditer(r",?\s(?:and\s)?", text):
        if verb and m.start() >= verb.start():
            break
        rest = text[m.end():]
        if not m.group(0).startswith(","):  # "Dean of the International Office, RU and Prof. Chris Whitely"
            if m.group(0).endswith("and ") and (_HONORIFIC_RE.match(rest) or any(rest.startswith(n) for n in honored)):
                return text[:m.start()], rest
            nm = _NAME_RE.match(rest) if m.group(0).endswith("and ") else None
            if nm and re.match(rf",\s(?:the\s)?{_TITLE_START}", rest[nm.end():]) and _plausible_name(nm.group(0)):
                return text[:m.start()], rest  # "A, member of X and B, vice director of Y"
            continue
        if _TITLE_NO_COMMA.match(rest) or _HONORIFIC_RE.match(rest):  # "..., Dean Li Shengji, Deputy Secretary ..."
            return text[:m.start()], rest
        if re.match(r"[a-z]", rest) and not rest.startswith("and ") \
                and not _FIELD_AFTER_COMMA.fullmatch(rest):  # "dean, students' welfare, LU": the title's field
            return text[:m.start()], rest
        nm = _NAME_RE.match(rest)
        if nm and re.match(rf",\s(?:the\s)?{_TITLE_START}|(?:,?\sand\s{NAME})?,\s(?:both|all|who)\b",
                           rest[nm.end():]) and _plausible_name(nm.group(0)):  # "..., A and B, both Deputy Director"
            return text[:m.start()], rest
    if verb:
        return text[:verb.start()], text[verb.start() + 1:]
    return text, ""


def _add_person(state: _State, name: str, title: str, institution: str, sentence: str) -> DraftPerson:
    whole = next((p for h in state.honored if h.endswith(f" {name}") and (p := state.draft.person(h))), None)
    if whole is not None:  # "Pro Vice-Chancellor Prof. Dr. Mian Ghulam Yasin": not also "Ghulam Yasin"
        return whole
    found = state.draft.person(name)
    short = re.fullmatch(r"(?P<initial>[A-Z])\.\s?(?P<surname>\S+)", name)
    if found is None and short:  # "academician I.Guliyev" after "Ibrahim Guliyev"
        found = next((p for p in state.draft.people if p.full_name.split()[-1] == short.group("surname")
                      and p.full_name[0] == short.group("initial")), None)
    if found is None:
        found = DraftPerson(name, title, institution, sentence=sentence)
        state.draft.people.append(found)
    else:
        found.title = found.title or title
        found.institution = found.institution or institution
    if institution:
        _add_institution(state, institution, sentence)
    return found
