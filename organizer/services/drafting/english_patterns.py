"""The English extractor's building blocks: the patterns its rules match (names, honorifics, institutions,
titles) and the state one report's reading keeps (the rules are listed in ``english.py``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from organizer.services.drafting.english_words import (
    LEGAL_FORMS,
    LOWER_TITLE_HEADS,
    ORG_HEADS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    TITLE_STOP_WORDS,
)
from organizer.services.drafting.model import Draft, DraftMeeting

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


@dataclass
class _State:
    draft: Draft
    university: str | None = None
    delegation: str | None = None
    """The visiting delegation's institution, once a guest with one is known."""
    current: DraftMeeting | None = None
    abbreviations: dict[str, str] = field(default_factory=dict)
    """ "Lucknow University (LU)": LU -> Lucknow University."""
    honored: dict[str, None] = field(default_factory=dict)
    """The names that follow an honorific in the sentence read ("Dr Sobia Khurram"): a name starts there. An
    ordered set (a dict's keys) in the text's order: with a set, rules that walk it made a draft's people come
    in another order from one run to the next."""
    titled_after: set[str] = field(default_factory=set)
    """The names in the sentence read whose title follows them ("Mr. A, General Director of X, Mr. B")."""
