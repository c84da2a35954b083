"""Extraction of a visit from a Russian news report, with natasha (its models ship inside the wheels: offline).

natasha finds the people (PER) and institutions (ORG, with a LOC in the genitive right after it kept as part of
the name: "Академии наук Татарстана"); the rules here add what it does not. The sentences, people, meetings and
follow-ups are read here; the names in ``russian_names``, titles and institutions in ``russian_titles``, the
nominative of words and phrases in ``russian_morph``.

- **names in the nominative**: each word of a PER span is parsed (pymorphy2 through natasha's MorphVocab) as a
  first name, surname or patronymic in the case natasha tagged, and put in the nominative of the same gender
  ("Рифкатом Миннихановым" -> "Рифкат Минниханов"); initials stay;
- **names in other cases**: the surname's case when the dictionary knows it in no nominative, natasha's case on
  the surname when the dictionary allows it ("президента РАН Александра Сергеева"), the first name's only case
  ("Амоном"); a first name the dictionary guesses a nominative for still follows that case ("Вилаятом");
- **titles** are the lower-case words right before the name ("первый заместитель председателя правления АО
  «Узкимёсаноат» Евгений Коржиков"; a comma right before it skipped: "министром ..., Амоном Мурвирой"; commas
  between genitives kept), back to a comma, verb, preposition, a meeting noun ("встреча главы X NAME") or "и";
  a title does not start with a preposition ("по телефону"); an institution inside them is the person's
  institution and what is before it the title; the title's head noun and its adjectives go to the nominative
  ("президентом" -> "президент");
- **around names**: initials stay as written ("А.А. Суриков"), two PER spans with a space between are one name
  ("Альбина" "Алексеевна Власенко"), honorifics are not in titles ("профессором", "д-р"), a date does not start a
  title ("15 сентября первый проректор"); capitalised adjectives before университет/институт/академия name an
  institution natasha missed; a bracket after an institution ("(КНР)") is no part of its name; "филиал ВГУЭС" is
  one institution, and "директор филиала NAME" is the director of the филиал named before; a place in the
  locative after a genitive belongs to the title ("посол Российской Федерации в Республике Беларусь");
  a title noun natasha puts at the start of an ORG is no part of it ("Ректор университета"); "в составе" ends a
  title; the delegation a sentence names ("переговоры с делегацией X во главе с ...") is the one its head is of;
- **natasha's slips and other names**: a Chinese name keeps its form, only its given name's ending goes ("Лу
  Юцинем" -> "Лу Юцинь", "Гу Лин" stays); an adjective-only "place" stays in the title ("Чрезвычайный и
  Полномочный посол"); "по делам X" is the title's subject; "новый", "приняли участие", "в лице" and an honorific
  before a comma are no part of a title; a plural title is singular and shared by the names after it
  ("представители X A и B"); "доцент кафедры X" is ("доцент", "кафедра X"); "ректора Ли" then "Ли Хэчжан" is one
  person; an unknown surname after a man's genitive first name loses its "-а" ("Николая Кропачева");
- **meetings**: a sentence with a meeting verb or noun (встреча, встретился, посетил, осмотрел, ознакомился,
  провёл переговоры) starts one; the people named in it and until the next one take part, with the
  delegation (the people of the sentence that introduces the visit);
- **follow-ups**: "договорились / достигнута договорённость о ...", "особое внимание уделено ...".
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from organizer.domain.errors import ImportFormatError
from organizer.services.drafting.model import (
    Draft,
    DraftFollowup,
    DraftInstitution,
    DraftMeeting,
    DraftPerson,
    DraftVisit,
)
from organizer.services.drafting.russian_morph import _case_of, _singular
from organizer.services.drafting.russian_names import _initialled_genitive, _nominative_name, _Span, _split_at_dash
from organizer.services.drafting.russian_titles import (
    _institutions,
    _names_person,
    _title_before,
    _unit_named_before,
)

MEETING_CUE = re.compile(r"\b(встреч[аеиуы]|встретил|посетил|осмотрел|ознакомил|переговор|экскурси)", re.I)
VISIT_CUE = re.compile(r"\b(визит|прибыл|посетил)", re.I)
FOLLOWUP_CUE = re.compile(r"(?:договорились|достигнут[аы]? договор[её]нност[ьи]|решено|особое внимание было? "
                          r"уделено|особое внимание уделили)\s(?P<obj>[^.;]+)", re.I)


@cache
def _nlp() -> tuple[Any, Any, Any, Any]:
    try:
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
    except ImportError:
        raise ImportFormatError("this report is in Russian and the Russian extractor (natasha) is not "
                                "installed: pip install natasha") from None
    embedding = NewsEmbedding()
    return Segmenter(), MorphVocab(), NewsMorphTagger(embedding), NewsNERTagger(embedding)


def _initials_of(name: str) -> tuple[str, str] | None:
    """(initials, surname) of "В.И. Лысак" or "Владимир Ильич Лысак", None for other names."""
    m = re.fullmatch(r"([А-ЯЁ])\.\s?([А-ЯЁ])\.\s?([А-ЯЁ][а-яё-]+)", name)
    if m:
        return m.group(1) + m.group(2), m.group(3)
    words = name.split()
    if len(words) == 3 and all(re.fullmatch(r"[А-ЯЁ][а-яё-]+", w) for w in words):
        return words[0][0] + words[1][0], words[2]
    return None


def _initialled(full_name: str, draft: Draft) -> DraftPerson | None:
    """The person named before by initials or in full ("В.И. Лысак" ... "Владимира Ильича Лысака"): one person."""
    mine = _initials_of(full_name)
    return next((p for p in draft.people if mine is not None and _initials_of(p.full_name) == mine), None)


def _named_in_full(full_name: str, title: str, institution: str, draft: Draft,
                   guests: list[str]) -> DraftPerson | None:
    """A person named before by one word of this name ("ректора Ли" ... "Ли Хэчжан"), now with the whole name."""
    person = next((p for p in draft.people if " " not in p.full_name and p.full_name in full_name.split()), None)
    if person is not None:
        old, person.full_name = person.full_name, full_name
        person.title, person.institution = person.title or title, person.institution or institution
        for meeting in draft.meetings:
            meeting.participants = [full_name if n == old else n for n in meeting.participants]
        guests[:] = [full_name if n == old else n for n in guests]
    return person

def extract(text: str) -> Draft:
    segmenter, vocab, morph, ner = _nlp()
    from natasha import Doc

    draft = Draft("ru", DraftVisit())
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and not lines[0].endswith("."):
        draft.visit.title = lines[0]
        text = "\n".join(lines[1:])
    guests: list[str] = []
    all_orgs: list[tuple[int, int, str]] = []
    delegation: str | None = None
    current: DraftMeeting | None = None
    for sent in _sentences(text, segmenter):
        doc = Doc(sent)
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.tag_ner(ner)
        doc.spans = _split_at_dash(doc, vocab, _names_person)
        tokens = doc.tokens
        orgs = _institutions(doc, vocab)
        for _start, _stop, name in orgs:
            if draft.institution(name) is None:
                draft.institutions.append(DraftInstitution(name, None, sent))
        introduces = not draft.people and bool(VISIT_CUE.search(sent))
        if not introduces and MEETING_CUE.search(sent):
            current = DraftMeeting(_meeting_title(sent), sentence=sent)
            current.institution = orgs[0][2] if orgs else None
            draft.meetings.append(current)
        named: list[str] = []
        previous_stop = 0
        shared: tuple[str, str] | None = None
        all_orgs.extend(orgs)
        follows = [n for s0, _e, n in orgs if re.search(r"делегаци\w*\s$", sent[:s0], re.I)]
        delegation = follows[0] if follows and delegation is None else delegation
        here = follows[0] if follows else delegation  # "переговоры с делегацией X во главе с ...": X
        for span in _people_spans(doc, sent):
            person_tokens = [t for t in tokens if span.start <= t.start < span.stop]
            title, institution, first = _title_before(span.start, tokens, orgs, list(doc.spans), vocab, sent)
            nominative = first is not None and first.pos in ("NOUN", "ADJ") and _case_of(first) == "nomn"
            full_name = _nominative_name(person_tokens, vocab, sent, "nomn" if nominative else None)
            full_name = _initialled_genitive(full_name, sent[span.start:span.stop],
                                             _case_of(first) if first is not None else "nomn")
            title, plural = _singular(title, vocab)
            plural = plural or (first is not None and any(  # "профессора X - A, B и C": "профессора" may be plural
                "NOUN" in p.tag and p.tag.case == "nomn" and "plur" in p.tag for p in vocab.parse(first.text.lower())))
            gap = sent[previous_stop:span.start]
            inherits = not title and shared is not None and named and re.fullmatch(r",?\s+и\s+|,\s+", gap)
            if inherits and shared is not None:
                title, institution = shared  # "представители Министерства X A и B": B is one too
            shared = (title, institution) if plural else (shared if not title or inherits else None)
            if not institution and named and re.fullmatch(r"\s+и\s+.*", sent[previous_stop:span.start]) \
                    and not re.search(r"\s[А-ЯЁ]", title):  # not "глава Республики Саха (Якутия)": it names its own
                institution = draft.people[-1].institution if draft.people else ""  # "A, T of X, и B, T": X too
            if not institution:  # "посетили больницу X, где встретились с главным врачом NAME"
                institution = next((n for _s, e, n in reversed(orgs) if e <= span.start
                                    and re.search(r",\s+где\s", sent[e:span.start])), "")
            if not institution and here is not None and re.search(
                    r"во главе с|в состав\w* делегации|делегацию возглавил|делегацию в составе", sent, re.I):
                institution = here  # "делегация X во главе с ректором NAME", "в состав делегации вошли ..."
            if not institution:  # "директор филиала NAME": the филиал named before
                title, institution = _unit_named_before(title, draft.institutions, vocab)
            if not institution and re.search(r"(?:^|[\s-])(?:про)?ректор", title, re.I):  # not "директор"
                institution = next((n for _s, _e, n in reversed(all_orgs) if "университет" in n.lower()), "")
            chair = re.fullmatch(r"(\S+)\s+кафедры\s+(.+)", title) if not institution else None
            if chair:  # "доцент кафедры истории Китая": ("доцент", "кафедра истории Китая")
                title, institution = chair.group(1), f"кафедра {chair.group(2)}"
            person = draft.person(full_name) or _initialled(full_name, draft) \
                or _named_in_full(full_name, title, institution, draft, guests)
            if person is None:
                person = DraftPerson(full_name, title, institution, sentence=sent)
                draft.people.append(person)
            named.append(person.full_name)
            previous_stop = span.stop
        if introduces:
            guests.extend(named)
        elif current is not None:
            current.participants.extend(n for n in named if n not in current.participants)
        for m in FOLLOWUP_CUE.finditer(sent):
            draft.followups.append(DraftFollowup(m.group("obj").strip(), sent))
    for person in draft.people:
        person.side = "guest" if person.full_name in guests else "host"
    draft.visit.guest_institution = next((p.institution for p in draft.people if p.side == "guest" and p.institution),
                                         None)
    for meeting in draft.meetings:
        meeting.participants = guests + [n for n in meeting.participants if n not in guests]
    return draft


def _people_spans(doc: Any, text: str) -> list[_Span]:
    """natasha's PER spans, two with only a space between them joined ("Альбина" "Алексеевна Власенко")."""
    out: list[_Span] = []
    for span in doc.spans:
        if span.type != "PER":
            continue
        if out and text[out[-1].stop:span.start].isspace():
            out[-1].stop = span.stop
        else:
            out.append(_Span(span.start, span.stop))
    return out

def _sentences(text: str, segmenter: Any) -> list[str]:
    from razdel import sentenize

    return [s.text for line in text.splitlines() for s in sentenize(line) if s.text.strip()]


def _meeting_title(sentence: str) -> str:
    """ "Встреча с ...", or the clause that names the meeting (up to its first comma)."""
    m = re.search(r"\bвстреч[уаи]\s(с\s[^,.;]+)", sentence)
    if m:
        return f"Встреча {m.group(1)}"
    return re.split(r",\s", sentence.rstrip("."))[0]
