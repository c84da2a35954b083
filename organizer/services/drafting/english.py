"""Rule-based extraction of a visit from an English news report: every rule of the English extractor listed here.

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

This module reads a report sentence by sentence (the people of a sentence, the visit, meetings, topics and
follow-ups); the rules it calls are apart: the patterns in ``english_patterns``, sentences and lists in
``english_text``, institutions and the title -> institution chain in ``english_titles``, lists of people and
"respectively" in ``english_lists``, honorifics in ``english_honorifics``, the vocabularies in ``english_words``.
"""

from __future__ import annotations

import re

from organizer.services.drafting.english_honorifics import _honored_people
from organizer.services.drafting.english_lists import (
    _after_untitled_name,
    _iter_name_title,
    _longer_name,
    _respectively,
    _titled_name_at,
)
from organizer.services.drafting.english_patterns import (
    _ABBREVIATION,
    _CAP,
    _CAP_WORD,
    _DELEGATION_ORG,
    _HONORIFIC_RE,
    _INITIALS,
    _LED_BY,
    _NAME_RE,
    _ORG_RE,
    _PLURAL_TITLE,
    _THE_X_DELEGATION,
    _TITLE_NO_COMMA,
    _TITLE_THEN_NAME,
    ORG,
    UNIVERSITY_OFFICERS,
    _State,
)
from organizer.services.drafting.english_text import _clean, sentences, split_list
from organizer.services.drafting.english_titles import (
    _add_person,
    _end_of_title,
    _institutions,
    _is_org,
    _org_name,
    _plausible_name,
    _resolve,
    _split_title,
)
from organizer.services.drafting.english_words import MONTHS, NOT_NAME_WORDS, UNIT_HEADS
from organizer.services.drafting.model import (
    Draft,
    DraftFollowup,
    DraftInstitution,
    DraftMeeting,
    DraftPerson,
    DraftVisit,
)

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
