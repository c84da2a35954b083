"""Rule-based extraction of a visit from an English news report: every rule of the English extractor in one place.

The report is split into sentences (``sentences``); each rule below reads one sentence at a time:

- **people with titles in appositions**: ``NAME, TITLE`` ("Evgeny Korzhikov, First Deputy Chairman of the
  Management Board of JSC "Uzkhimyosanoat"") and ``TITLE, NAME`` ("the university's Vice-Rector for ...,
  D. Pashin"; "the President of the Academy of Sciences of Tatarstan, Rifkat Minnikhanov"). A title ends at
  ", and NAME, TITLE" (**coordination**: the second person of "A, T and B, T" shares A's institution when
  the text names none), at ", <lower-case word>" (the verb) or at the sentence's end;
- **honorifics** ("Prof.", "Dr", "Mr", "Acad.", "Professor" before a name) and abbreviations in brackets after
  an institution ("Lucknow University (LU)", "(TJUT, Tianjin, PRC)") are not part of a name or title; "of the LU"
  or "Head of TJUT International Cooperation Department" names the institution;
- **title NAME without a comma** ("Vice-Rector for Research Dmitry Taraskin"): a capitalised title run, then
  a two-word name; lower-case titles ("NAME, vice chancellor, LU"; "the rector of X, NAME") count as well;
- **around titles**: a title does not run over a verb or "and the" ("the Vice Chancellor was accompanied by the
  Deputy Vice Chancellor, NAME"); an institution or "University" before a title is its institution ("Dhaka
  University Vice-Chancellor NAME"); "the UNN delegation" names the delegation's institution; a (vice-)rector,
  (vice-)chancellor, registrar, bursar or librarian with no institution is of the university visited;
  "A and Title B" without commas share A's institution; a unit Office stays in the title; after a title head or
  an institution already named, the name may be longer than two words ("Governor Biswa Bhusan Harichandan");
- **harder titles**: a colon and commas after a title head ("Vice Chancellor: Research, Innovation and ..., NAME"),
  a lower-case field after a comma ("dean, students' welfare, LU"), plural titles ("the Deans of Law, NAME, and
  Social Sciences, NAME"), a place in a title ("Embassy in Dhaka", "in the United Mexican States") before a name;
- **honorifics mark where a name starts** ("Director External Linkages Dr Sobia Khurram", "Vice Chancellor Major
  General NAME", "Deputy Registrar Lt Cdr (C) DMS Dissanayke"): the title is the words before the honorific back
  to its head word, or "TITLE, INSTITUTION, Mr NAME", or a title right after the name ("NAME the Ambassador of
  ... and Mr. NAME"; "NAME, Pakistan's ambassador to USA, welcomed"), without a gloss in brackets; a name after
  an honorific at a clause's end with no title is a person without one ("... and Prof. Chris Whitely."), unless it
  is a shorter form of a person named before ("Prof Niaz Ahmad" after "Niaz Ahmad Akhtar");
- **lists**: in "A, Title X, B, Title Y" a title after "NAME, " is that name's, not the next one's; a title ends
  before ", Title NAME" ("..., Dean Li Shengji, Deputy Secretary Wang Shijia"), before " and Prof. NAME" and at a
  predicate ("NAME, the First Secretary visited KDU"; not "named after"); "NAME, the TITLE"; a possessive before a
  title is its owner ("Indonesia's Ambassador NAME": "Ambassador"); "College Principal", "Party Committee
  Secretary" are one title; "Vice Chancellor IBA Karachi" and "Vice Chancellor, X University Tandojam" name the
  institution; "for X Mission/Embassy" is an institution ("Deputy High Commissioner for Malawi Mission");
  an institution may lead a title before an honorific ("University of Palermo Rector Prof NAME") and its name
  stops at one ("Institute of Modern Languages Prof. Dr. NAME"); "Professor University of X" is a title; a
  semicolon ends a title; a gloss in brackets ends none ("Vice-Chancellor (VC) Prof. NAME"); "A and B, T1 and
  T2 of X" are respectively; "A and B, who ..." and "Prof A, Title B C" name A without a title; "Rector of our
  university NAME"; "Minister of State for X" names no ministry; countries and "New" are no names;
- **more honorifics and names**: "Pr", "academician", "Ven."; "I.Guliyev" after "Ibrahim Guliyev" is him; a name
  right after an institution ending in a field ("Russian Academy of Sciences Alexander Sergeyev"); "Commissioner to
  Bangladesh NAME NAME NAME"; "A, member of X and B, vice director of Y";
- **lower-case titles and letters outside ASCII**: a lower-case title before an initialled name ("the vice rector
  for international activities R.V. Lesovik"; "representative of X A.M. Pakhomov": X is its institution) or after
  "the"/a possessive before a name ending the clause ("the Academy's president Xuelin Li."); "A and B, both TITLE";
  "TITLE of the university/institute" is of the one named before; a title's institution named by its initials
  ("LPU" after "Lovely Professional University"); names with letters outside ASCII ("Şinasi Gündüz") and, after an
  honorific, a surname in capitals ("Prof. Dr. Fahrettin GÖKTAŞ");
- **title -> institution**: the first "of"/"at" whose tail starts an institution name splits the title
  ("Director of the X Technopark" -> "Director", "X Technopark"); "the university's" names the report's
  university;
- **institutions**: a run of capitalised words ending in a head noun (University, Institute, Center,
  Technopark, Academy...) with its "of X" tail, or a legal form before a quoted name (JSC "..."); **nesting**
  by "A at/within/of B" where both are institutions;
- **meetings in order**: "toured ...", "a meeting with ...", "held a meeting with ...", "acquainted
  themselves with ...", "met with ...", "visited ..." (not in the sentence that introduces the visit);
  the people named up to the next meeting took part, with the delegation;
- **topics**: "in the fields/areas/spheres of X, Y, and Z"; a meeting's "covered X, Y, and Z";
- **follow-ups**: "attention was paid to X and Y", "X was discussed", "agreed to X", "proposed to X";
- **the visit**: the headline (title), "visit to PLACE", dates ("12-14 March 2025", "March 12, 2025"),
  "the (main) purpose of the visit was to ...".

Longer than 500 lines: the issue asks for every English rule in one readable module with a test per pattern;
the vocabularies are apart in ``english_words``, and splitting the rules would scatter what one sentence's
reading needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from organizer.services.drafting.english_words import (
    ABBREVIATIONS,
    BODY_WORDS,
    LEGAL_FORMS,
    LOWER_TITLE_HEADS,
    MONTHS,
    NOT_NAME_WORDS,
    ORG_HEADS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    TITLE_STOP_WORDS,
    UNIT_HEADS,
)
from organizer.services.drafting.model import (
    Draft,
    DraftFollowup,
    DraftInstitution,
    DraftMeeting,
    DraftPerson,
    DraftVisit,
)

# --- building blocks -----------------------------------------------------------------------------

_RANK = r"(?:His|Her)\sExcellency\s|(?:Major|Brigadier|Lieutenant)\sGeneral\s|Lt\.?\sCdr\.?\s(?:\([A-Z]\)\s)?"
"""A rank or style before an honorific or a name ("His Excellency", "Major General", "Lt Cdr (C)")."""
_HONORIFIC = (rf"(?:{_RANK})?"
              r"(?:(?:Prof\.?\s?Dr|Assoc(?:iate)?\.?\s(?:Prof|Professor)|Prof|Professor|Dr|Dra|Mrs|Mr|Ms|Acad|H\.\s?E|Engr|"
              r"Barrister|Hon|Ven|Venerable|Pr|[Aa]cademician)\.?\s?(?:\((?:Mrs|Mr|Ms|Dr|Professor)\.?\)\s?)?)+"
              rf"|{_RANK}")
_HONORIFIC_RE = re.compile(rf"\b(?:{_HONORIFIC})(?!(?:University|Institute|Academy|College|School)\b)"
                           r"(?=(?:[A-Z]\.\s?)*[A-ZÀ-ÖØ-ÞĀ-ſ][a-zß-öø-ÿĀ-ſ]|[A-Z]{2,4}\s[A-Z][a-z])")
_ABBREVIATION = r"\s\((?P<abbr>[A-Z][A-Za-z&]{1,7})(?:,[^()]*)?\)"

_UP = "A-ZÀ-ÖØ-ÞĀ-ſ"
_LOW = "a-zß-öø-ÿĀ-ſ"
"""Latin letters with diacritics count ("Şinasi Gündüz", "Özer Çınar"); Latin Extended-A in both cases."""
_CAP_WORD = rf"[{_UP}][{_LOW}]+(?:-[{_UP}{_LOW}][{_LOW}]+)*"
_CAP = rf"{_CAP_WORD}(?:'s)?"
_INITIALS = r"(?:[A-Z]\.\s?){1,3}"
NAME = rf"(?:{_INITIALS}{_CAP}(?:\s{_CAP})?|[A-Z]\s[A-Z]\s{_CAP}|{_CAP}(?:\s{_INITIALS})?(?:\s{_CAP}){{1,2}})"
_SHORT_NAME = rf"(?:{_INITIALS}{_CAP}(?:\s{_CAP})?|{_CAP}\s(?:{_INITIALS})?{_CAP})"
_QUOTED = r'"[^"]{2,80}"'
# "Al al-Bayt University", "Dr. Abdul Haq Urdu University"
_ORG_WORD = rf"(?:{_INITIALS}|{_CAP}|{_QUOTED}|[A-Z]{{2,}}|[a-z]{{1,3}}-[A-Z][a-z]+|Dr\.|St\.)"
_HEAD = "|".join(ORG_HEADS)
_LEGAL = "|".join(LEGAL_FORMS)
# "X of Y University" is nesting, not one name: an of-tail holds no institution head
_OF_TAIL = (rf"(?:\s(?:of|for|on)\s(?:the\s)?(?!(?:{_ORG_WORD}\s(?:and\s)?)*(?:{_HEAD})\b)"
            rf"(?:{_CAP}|[A-Z]{{2,}})(?:\s(?:and\s)?(?!(?:Prof|Professor|Dr|Dra|Mr|Mrs|Ms)\b)(?:{_CAP}|[A-Z]{{2,}}))*)")
_NAMED_AFTER = rf"(?:\snamed\safter\s(?:{_INITIALS})?{_CAP}(?:\s{_CAP})?)"
ORG = (rf"(?:(?:{_LEGAL})\.?\s{_QUOTED}"
       rf"|(?:Department|Chair|Laboratory)\sof\s(?:the\s)?{_CAP}(?:\s(?:and\s)?{_CAP})*"  # a unit named by its field
       rf"|(?:{_ORG_WORD}\s){{0,5}}(?:{_HEAD})(?:-[A-Z][a-z]+)?\b(?:\s{_QUOTED})?{_OF_TAIL}{{0,3}}{_NAMED_AFTER}?)")
_ORG_RE = re.compile(ORG)
UNIVERSITY_OFFICERS = re.compile(r"(?:(?:First|Deputy|Acting|first|deputy|acting)\s)?(?:Vice[- ]|Pro)?(?:[Rr]ector|"
                                 r"[Cc]hancellor)\b|(?:Registrar|Bursar|Librarian|Provost)\b")
"""Titles whose institution, when the text names none, is the university the report is about."""
_CAP_TITLE_START = rf"(?:(?:{'|'.join(TITLE_MODIFIERS)}|{_CAP})[\s-]){{0,3}}(?:{'|'.join(TITLE_HEADS)})\b"
_LOWER_MODIFIERS = "first|deputy|acting|senior|chief|executive|former|scientific|general|vice"
_TITLE_START = (rf"(?:{_CAP_TITLE_START}|(?:(?:{_LOWER_MODIFIERS})\s){{0,2}}"
                rf"(?:{'|'.join(LOWER_TITLE_HEADS)})\b)")
_NAME_THEN_TITLE = re.compile(rf"(?P<name>{NAME}),\s(?:the\s)?(?P<title>{_TITLE_START}.*)")
_TITLE_THEN_NAME = re.compile(rf"(?:\b[Tt]he\s|\b(?P<its>its|their)\s)?"
                              rf"(?:(?P<owner>[a-z]+|{_CAP}(?:\s{_CAP})*)['’]s\s)?"
                              rf"(?P<title>{_TITLE_START}(?:(?!\s(?:{'|'.join(TITLE_STOP_WORDS)})\s)[^,;:])*?"
                              rf"(?::\s{_CAP}(?:(?:,\s|\s(?:and|&)\s|\s){_CAP})*)?)"  # "Vice Chancellor: Research, ..."
    rf"(?:,\s(?:the\s)?(?P<org>{ORG}|[A-Z]{{2,}}))?"
                              rf",\s(?P<name>{NAME})(?=\s*(?:[,.;]|$)|\s(?!and\b)[a-z])")
_TITLE_NO_COMMA = re.compile(rf"(?<![\w-])(?P<title>(?:(?:first|deputy|acting|former)\s)?{_CAP_TITLE_START}"
                             rf"(?:\sof\sour\suniversity|\s(?:of|for|on|and|at|the|in|to|&)|\s{_CAP}|\s[A-Z]{{2,}})*?)(?<!\sof)(?<!\sfor)(?<!\son)(?<!\sand)(?<!\sat)"
                             rf"(?<!\sthe)(?<!\sin)(?<!\sto)(?<!&)"
                             rf"\s(?!(?:{_HEAD})\b)(?P<name>{_SHORT_NAME})(?=\s[a-z]|\s*[,.;:)]|$)")
_NAME_RE = re.compile(NAME)
_FIELD_AFTER_COMMA = re.compile(rf"(?!(?:{'|'.join(TITLE_STOP_WORDS)})\b)[a-z][a-z’' -]*,\s(?:{ORG}|[A-Z]{{2,}})\.?")
_FIELD = rf"{_CAP}(?:\s(?:and\s)?{_CAP})*"
_HONORED_NAME_RE = re.compile(rf"[A-Z]{{2,4}}\s{_CAP}(?![\w-])"
                              rf"|{_CAP}(?:\s{_CAP})?\s[{_UP}]{{2,}}(?![\w-])"  # "Fahrettin GÖKTAŞ"
                              rf"|(?:Md\.?\s)?(?:{_INITIALS})?{_CAP}(?:\s[A-Z]\.?(?=\s))?(?:\s{_CAP}){{0,3}}")
"""A name after an honorific: "Dr KMGP Premadasa", "Dr Maria I Maldonado" as well as the usual forms."""
_TITLE_START_RE = re.compile(rf"(?:(?P<owner>{_CAP}|[A-Z]{{2,}})['’]s\s)?{_TITLE_START}")
_ORG_TITLE_RE = re.compile(rf"(?P<owner>)(?:{ORG}|[A-Z]{{2,}})\s{_CAP_TITLE_START}")
"""A title led by its institution ("University of Palermo Rector", "DU Vice-Chancellor")."""
_LOWER_TITLE = (rf"(?:(?:first|deputy|acting|senior|chief|executive|former|vice)[\s-]){{0,2}}"
                rf"(?:{'|'.join(LOWER_TITLE_HEADS)})\b(?:\s(?:and(?=\s[A-Z])|(?!and\s)[a-z]+|[A-Z][a-z]+))*?")
_LOWER_TITLE_NAME = re.compile(
    rf"(?<![\w-])(?P<title>{_LOWER_TITLE})\s(?P<name>{_INITIALS}{_CAP}|[A-Z]\s[A-Z]\s{_CAP})(?![\w-])"
    rf"|(?:\bthe\s|\b(?P<owner>{_CAP_WORD}|[A-Z]{{2,}})['’]s\s)(?P<title2>{_LOWER_TITLE})\s(?P<name2>{_CAP}\s{_CAP})"
    r"(?=\s*[,.;]|$|\s(?:and|who|was|were|is|has|said)\b)")
"""Lower-case titles: before an initialled name ("vice rector for international activities R.V. Lesovik"), or
after "the" or a possessive before a name that ends the clause ("the Academy's president Xuelin Li.")."""
_VERB = (r"\s(?!named\safter\b)(?:[a-z]+ed|said|says|was|were|is|are|has|have|had|will|who|which|where|while|"
         r"spoke|met|gave|took|led|"
         r"(?:and|&)\s(?:others|other|relative|related|members|staff))\b")
"""A predicate that ends a title written without a comma after it ("NAME, the First Secretary visited KDU")."""
_PLURAL_TITLE = re.compile(rf"\b(?P<head>{'|'.join(TITLE_HEADS)})s\sof\s(?P<f1>{_FIELD}),\s(?P<n1>{NAME}),?\sand\s"
                           rf"(?P<f2>{_FIELD}),\s(?P<n2>{NAME})\b")
_THE_X_DELEGATION = re.compile(rf"\b[Tt]he\s(?P<org>{ORG}|[A-Z]{{2,}})\sdelegation\b")
_LED_BY = re.compile(rf"\b[Dd]elegation (?:of|from) (?:the\s)?(?P<org>{ORG}) (?:headed|led) by (?:the\s)?"
                     rf"(?P<title>(?:(?:{'|'.join(TITLE_MODIFIERS)})[\s-])*(?:{'|'.join(TITLE_HEADS)}))\s(?P<name>{NAME})")
_DELEGATION_ORG = re.compile(rf"\b[Dd]elegation (?:of|from) (?:the\s)?(?P<org>{ORG})")
_DATE_RE = re.compile(
    rf"\b(?P<d1>\d{{1,2}})(?:\s*[-–]\s*(?P<d2>\d{{1,2}}))?\s(?P<m>{'|'.join(MONTHS)})\s(?P<y>\d{{4}})"
    rf"|\b(?P<m2>{'|'.join(MONTHS)})\s(?P<e1>\d{{1,2}})(?:\s*[-–]\s*(?P<e2>\d{{1,2}}))?,?\s(?P<y2>\d{{4}})")

_OBJ = r"(?P<obj>(?:[A-Z]\.\s?|[^,.;])+?)"
"""A meeting's object: up to a comma, the sentence's end, or "and <another meeting verb>" (initials kept)."""
_OBJ_END = r"(?=\s(?:and|then)\s(?:then\s)?(?:held|met|visited|toured|acquainted)\b|\stook place|[,.;]|$)"
_OBJ_WITH_COMMA = r"(?P<obj>(?:[A-Z]\.\s?|[^.;])+?)(?=,\s[a-z]|[.;]|$)"
MEETING_CUES = [
    (re.compile(rf"\btoured\s{_OBJ}{_OBJ_END}"), "Tour of {obj}"),
    (re.compile(rf"\bheld\s(?:a\s)?(?:meeting|talks|negotiations)\swith\s{_OBJ_WITH_COMMA}"), "Meeting with {obj}"),
    (re.compile(rf"\b(?:[Aa]|[Aa]nother)\s(?:meeting|round of talks)\swith\s{_OBJ}{_OBJ_END}"), "Meeting with {obj}"),
    (re.compile(rf"\bmet\swith\s{_OBJ_WITH_COMMA}"), "Meeting with {obj}"),
    (re.compile(rf"\bacquainted\sthemselves\swith\s(?:the\sactivities\sof\s|the\swork\sof\s)?{_OBJ}{_OBJ_END}"),
     "Visit to {obj}"),
    (re.compile(rf"\b(?:visited|paid a visit to)\s{_OBJ}{_OBJ_END}"), "Visit to {obj}"),
]
FOLLOWUP_CUES = [
    re.compile(r"attention was (?:paid|given) to\s(?P<obj>[^.;]+)"),
    re.compile(r"(?:^|\.\s)(?P<obj>[A-Z][^,.;]*?)\s(?:was|were) discussed"),
    re.compile(r"\bagreed (?:to|on)\s(?P<obj>[^.;]+)"),
    re.compile(r"\b(?:it was|they) proposed to\s(?P<obj>[^.;]+)"),
]
TOPIC_CUES = [
    re.compile(r"\bin the (?:fields?|areas?|spheres?) of\s(?P<obj>[^.;]+)"),
    re.compile(r"\bcovered\s(?:cooperation in\s)?(?P<obj>[^.;]+)"),
]
_DELEGATION_WORDS = re.compile(r"\b(delegation|representatives|guests|visitors)\b", re.I)


@dataclass
class _State:
    draft: Draft
    university: str | None = None
    delegation: str | None = None
    """The visiting delegation's institution, once a guest with one is known."""
    current: DraftMeeting | None = None
    abbreviations: dict[str, str] = field(default_factory=dict)
    """ "Lucknow University (LU)": LU -> Lucknow University."""
    honored: set[str] = field(default_factory=set)
    titled_after: set[str] = field(default_factory=set)
    """The names in the sentence read whose title follows them ("Mr. A, General Director of X, Mr. B")."""
    """The names that follow an honorific in the sentence read ("Dr Sobia Khurram"): a name starts there."""


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
            continue
        if org and not re.match(rf"(?:{'|'.join(BODY_WORDS)})\b(?!\sof\s)", tail):
            return title[:m.start()], _clean(org)
    if owner:
        return title, _resolve(owner, state)
    known = next((state.abbreviations[w] for w in title.split() if w in state.abbreviations), "")
    return title, known  # "Head of TJUT International Cooperation Department": TJUT


def _end_of_title(text: str, honored: set[str] | frozenset[str] = frozenset()) -> tuple[str, str]:
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


def _people(source: str, state: _State) -> list[DraftPerson]:
    orgs = [m.span() for m in _ORG_RE.finditer(source)]  # "Dr. Abdul Haq Urdu University" keeps its "Dr."
    sentence = re.sub(_ABBREVIATION, "", _HONORIFIC_RE.sub(
        lambda h: h.group(0) if any(a <= h.start() < b for a, b in orgs) else "", source))  # no "Prof.", "(LU)"
    found = _honored_people(source, orgs, state)
    orgs_here = [m.span() for m in _ORG_RE.finditer(sentence)]
    found += _respectively(sentence, state)
    for m in _LED_BY.finditer(sentence):  # "a delegation of X headed by Rector NAME"
        if _plausible_name(m.group("name")):
            found.append(_add_person(state, m.group("name"), m.group("title"), _clean(m.group("org")), source))
    for m in _PLURAL_TITLE.finditer(sentence):  # "the Deans of Law, NAME, and Social Sciences, NAME"
        for field_, name in ((m.group("f1"), m.group("n1")), (m.group("f2"), m.group("n2"))):
            if _plausible_name(name):
                found.append(_add_person(state, name, f"{m.group('head')} of {field_}", "", source))
    last: tuple[int, str] | None = None
    for m in _TITLE_THEN_NAME.finditer(sentence):
        if not _plausible_name(m.group("name")) or _after_untitled_name(sentence[:m.start()], found, state) \
                or any(p.full_name in m.group("title") for p in found):  # "Rector NAME, NAME2": not NAME2's title
            continue
        title, institution = _split_title(m.group("title"), state, m.group("owner"))
        if not institution and m.group("org"):  # "vice chancellor, Lucknow University, NAME"
            institution = _resolve(_org_name(m.group("org")), state)
        if not institution and last and re.fullmatch(r",?\s(?:and|as well as)\s(?:the\s)?",
                                                     sentence[last[0]:m.start()]):
            institution = last[1]  # "the Rector of X, NAME, and the First Vice-Rector, NAME": also of X
        if m.group("its") and not institution:  # "visited the X Hospital and met with its Chief Physician, NAME"
            before = [o.group(0) for o in _ORG_RE.finditer(sentence[:m.start()])]
            institution = _clean(before[-1]) if before else ""
        last = (m.end(), institution)
        found.append(_add_person(state, m.group("name"), title, institution, source))
    shared: tuple[int, str] | None = None
    for m in _TITLE_NO_COMMA.finditer(sentence):  # "Vice-Rector for Research Dmitry Taraskin"
        first, _space, initialled = m.group("name").partition(" ")
        title_text, name = (f"{m.group('title')} {first}", initialled) if first in NOT_NAME_WORDS \
            and re.match(_INITIALS, initialled) else (m.group("title"), m.group("name"))  # "States E.R. Malayan"
        inside = any(m.start("title") < a < m.start("name") < b for a, b in orgs_here)
        led = next((a for a, b in orgs_here if a < m.start("title") <= b), None)
        if led is not None:  # "Centre for International Studies Italy Director NAME": the institution leads
            title_text = sentence[led:m.start("title")] + title_text
        if _plausible_name(name) and state.draft.person(name) is None:
            title_text, longer = _longer_name(title_text, name, state)
            if inside and longer == name and not re.search(
                    r"\b(?:Sciences|Technology|Education|Arts|Medicine|Agriculture|Engineering|Law|Economics|Studies|"
                    r"Affairs|Research|Culture|Health|Affairs)\s$", sentence[:m.start("name")]):
                continue  # "Director of Institute of Chinese Intangible Cultural Heritage": no name; but "President
                # of the Russian Academy of Sciences Alexander Sergeyev" is
            name = longer
            own = re.match(rf"({_CAP_WORD}|[A-Z]{{2,}})['’]s\s", title_text)  # "Indonesia's Ambassador NAME"
            title_text = title_text[own.end():] if own else title_text
            owner = own.group(1) if own and (_is_org(own.group(1)) or own.group(1).isupper()) else None
            title, institution = _split_title(title_text, state, owner)
            if not institution and shared and re.fullmatch(r",?\s(?:and\s)?(?:the\s)?", sentence[shared[0]:m.start()]):
                institution = shared[1]  # "University Vice-Chancellor A and Registrar B": B is of it too
            shared = (m.end(), institution)
            found.append(_add_person(state, name, title, institution, source))
    rest = sentence
    previous: DraftPerson | None = None
    while True:
        candidates = [m for m in _iter_name_title(rest) if _plausible_name(m.group("name"))]
        if not candidates:
            break
        m = candidates[0]
        if _titled_name_at(m.group("title")):  # "A, Human Resource Manager B, ...": B's title
            rest = m.group("title")
            continue
        raw_title, after = _end_of_title(m.group("title"), state.honored)
        if any(p.full_name == m.group("name") for p in found):  # named with its title before ("Rector NAME, ...")
            rest = after or m.group("title")
            continue
        title, institution = _split_title(raw_title, state)
        if not institution and previous is not None and rest[:m.start()].strip(" ,") in ("", "and"):
            institution = previous.institution  # "A, T of X, and B, T": B is with X too
        previous = _add_person(state, m.group("name"), title, institution, source)
        found.append(previous)
        rest = after
    delegation = _DELEGATION_ORG.search(sentence) or _THE_X_DELEGATION.search(sentence)
    if re.search(r"\b(?:delegation|accompanied by)\b", sentence) and (state.delegation or delegation):
        for person in found:  # "The delegation also included A, T, and B, T": the delegation's institution
            if not person.institution:
                person.institution = _resolve(_org_name(delegation.group("org")), state) if delegation \
                    else state.delegation or ""
    for person in found:  # "the Vice Chancellor, NAME": of the university visited
        if not person.institution and UNIVERSITY_OFFICERS.match(person.title):
            here = state.current.institution if state.current else None
            person.institution = here if here and "University" in here else state.university or ""
    for name in state.honored:  # "... and Prof. Chris Whitely.": a person, with no title in the text
        at = source.find(name) + len(name)
        if name not in (p.full_name for p in found) and (re.match(r"[.;]|\sand\s|$|,\s(?:who|an?|one)\b", source[at:])
                                                          or _titled_name_at(source[at + 2:])) \
                and not any(set(name.split()) <= set(p.full_name.split()) for p in state.draft.people):
            found.append(_add_person(state, name, "", "", source))
    for name in _NAME_RE.findall(sentence):  # a person already known, named again
        known = state.draft.person(name)
        if known is not None and known not in found:
            found.append(known)
    return found


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
    state.honored = {name for _h, name in marks}
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


# --- the visit, meetings, topics, follow-ups -------------------------------------------------------


def _dates(sentence: str, visit: DraftVisit) -> None:
    m = _DATE_RE.search(sentence)
    if m is None or visit.start_date:
        return
    month = MONTHS.index(m.group("m") or m.group("m2")) + 1
    year = int(m.group("y") or m.group("y2"))
    first = int(m.group("d1") or m.group("e1"))
    last = int(m.group("d2") or m.group("e2") or first)
    visit.start_date = f"{year:04d}-{month:02d}-{first:02d}"
    visit.end_date = f"{year:04d}-{month:02d}-{last:02d}"


def _visit(sentence: str, state: _State, index: int) -> bool:
    """Fill the visit from ``sentence``; True when it is the sentence that introduces the visit."""
    visit = state.draft.visit
    _dates(sentence, visit)
    place = re.search(rf"\bvisit to (?:the\s)?((?:{_CAP}\s?)+(?:of (?:the\s)?{_CAP})?)", sentence)
    if place and not visit.place:
        visit.place = _clean(place.group(1))
    purpose = re.search(r"\bpurpose of the (?:visit|trip|delegation)\s(?:was|is)\s(?:to\s)?(?P<p>[^.;]+)", sentence)
    if purpose and not visit.purpose:
        visit.purpose = re.split(r"\sin the (?:fields?|areas?|spheres?) of\s", purpose.group("p"))[0].strip()
    if index == 0 and not sentence.endswith("."):
        visit.title = sentence
        return False
    return bool(re.search(r"\b(?:during (?:their|the|his|her) visit|arrived|visited)\b", sentence, re.I)) and \
        not state.draft.people


def _meeting(sentence: str, state: _State, introduces_visit: bool) -> None:
    if introduces_visit:
        return
    hits = []
    for cue, template in MEETING_CUES:
        m = cue.search(sentence)
        if m:
            hits.append((m.start(), template, m.group("obj")))
    if not hits:
        return
    _start, template, obj = min(hits)
    obj = obj.strip(" ,.")
    meeting = DraftMeeting(template.format(obj=obj), sentence=sentence)
    org = next((m.group(0) for m in _ORG_RE.finditer(obj)), None)
    if org is None and re.search(r"\bthe university's\b", obj) and state.university:
        org = state.university
    meeting.institution = org
    state.draft.meetings.append(meeting)
    state.current = meeting


def _units(state: _State, new: list[DraftInstitution]) -> None:
    """A unit (Technopark, Institute...) first named during a meeting held at a top-level institution, with no
    parent of its own in the text, is taken to belong to that institution ("At the meeting, Director of the X
    Technopark...")."""
    host = state.draft.institution(state.current.institution or "") if state.current else None
    if host is None or host.parent is not None or host.name.rsplit(" ", 1)[-1] in UNIT_HEADS:
        return
    for inst in new:
        head = inst.name.rsplit(" ", 1)[-1]
        if inst.parent is None and inst is not host and head in UNIT_HEADS and "University" not in inst.name:
            inst.parent = host.name


def _topics(sentence: str, state: _State) -> None:
    for cue in TOPIC_CUES:
        m = cue.search(sentence)
        if not m:
            continue
        items = split_list(m.group("obj"))
        if cue is TOPIC_CUES[0] or state.current is None:
            state.draft.visit.topics.extend(t for t in items if t not in state.draft.visit.topics)
        else:
            state.current.topics.extend(items)


def _followups(sentence: str, state: _State) -> None:
    for cue in FOLLOWUP_CUES:
        for m in cue.finditer(sentence):
            for item in split_list(m.group("obj")):
                item = re.sub(r"\s(?:was|were) discussed.*$", "", item)
                item = item[:1].upper() + item[1:]
                if _NAME_RE.fullmatch(item) or any(f.description == item for f in state.draft.followups):
                    continue
                state.draft.followups.append(DraftFollowup(item, sentence))


def _sides(state: _State, guests: list[DraftPerson]) -> None:
    visit = state.draft.visit
    if guests:
        visit.guest_institution = guests[0].institution or None
    elif visit.title:
        m = re.search(rf"[Dd]elegation of (?:the\s)?({ORG})", visit.title)
        visit.guest_institution = _clean(m.group(1)) if m else None
    guest_org = (visit.guest_institution or "").casefold()
    for person in state.draft.people:
        person.side = "guest" if person in guests or (guest_org and person.institution.casefold() == guest_org) \
            else "host"
    visit.host_institutions = [i.name for i in state.draft.institutions
                               if i.parent is None and i.name.casefold() != guest_org]


def extract(text: str) -> Draft:
    """The draft an English report proposes (see the module docstring for the rules)."""
    state = _State(Draft("en", DraftVisit()))
    guests: list[DraftPerson] = []
    for index, sentence in enumerate(sentences(text)):
        introduces = _visit(sentence, state, index)
        known = len(state.draft.institutions)
        if not (index == 0 and state.draft.visit.title == sentence):  # a headline's capitals name no institution
            _institutions(sentence, state)
        _meeting(sentence, state, introduces)
        people = _people(sentence, state)
        if introduces or (not guests and re.search(r"\b[Dd]elegation (?:of|from)\b.*\b(?:headed|led) by\b",
                                                   sentence)):
            guests.extend(people)
            state.delegation = state.delegation or next((p.institution for p in people if p.institution), None)
        elif state.current is not None:
            for person in people:
                if person.full_name not in state.current.participants:
                    state.current.participants.append(person.full_name)
        _units(state, state.draft.institutions[known:])
        _topics(sentence, state)
        _followups(sentence, state)
    _sides(state, guests)
    guest_names = [p.full_name for p in state.draft.people if p.side == "guest"]
    for meeting in state.draft.meetings:
        meeting.participants = guest_names + [n for n in meeting.participants if n not in guest_names]
    return state.draft
