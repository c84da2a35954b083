"""Extraction of a visit from a Russian news report, with natasha (its models ship inside the wheels: offline).

natasha finds the people (PER) and institutions (ORG, with a LOC in the genitive right after it kept as part of
the name: "Академии наук Татарстана"); the rules here add what it does not:

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

import itertools
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

MEETING_CUE = re.compile(r"\b(встреч[аеиуы]|встретил|посетил|осмотрел|ознакомил|переговор|экскурси)", re.I)
ORG_NOUNS = ("университет", "институт", "академи", "колледж", "консерватори", "лице")
"""Head nouns of an institution named by capitalised adjectives before them ("Чунцинского технологического
университета")."""
MEETING_NOUN = re.compile(r"(?:встреч|визит|переговор|экскурси|церемони|бесед|составе\b|участи(?:е|я|ем)\b|лице\b)")
TITLE_NOUNS = ("ректор", "проректор", "директор", "президент", "председател", "декан", "министр", "глава")
HONORIFICS = {"профессор", "профессором", "профессора", "доктор", "доктором", "д-р", "господин", "госпожа", "г-н",
              "г-жа", "академик", "академиком", "доцент", "доцентом", "г-ном", "г-на", "г-ну", "г-жой", "г-же",
              "господином", "господина", "госпожой"}
"""Words before a name that are no part of its title: "директором центра профессором Ван Юе"."""
MONTHS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр")
"""A word that ends a title read backwards: "состоялась встреча главы X NAME" -> "глава"."""
VISIT_CUE = re.compile(r"\b(визит|прибыл|посетил)", re.I)
FOLLOWUP_CUE = re.compile(r"(?:договорились|достигнут[аы]? договор[её]нност[ьи]|решено|особое внимание было? "
                          r"уделено|особое внимание уделили)\s(?P<obj>[^.;]+)", re.I)
NEW = {"новый", "нового", "новому", "новым", "новом", "новая", "новой", "новую", "новоизбранный", "новоизбранного",
       "новоизбранным", "новоизбранному"}
"""Words before a title that are no part of it ("нового президента РАН" -> "президент")."""
CHAIRS = ("кафедр",)
"""A unit noun after which an honorific is the title ("доцент кафедры X")."""
STOP_POS = {"VERB", "ADP", "CCONJ", "SCONJ", "PUNCT", "PRON", "AUX", "ADV", "NUM"}


@cache
def _nlp() -> tuple[Any, Any, Any, Any]:
    try:
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
    except ImportError:
        raise ImportFormatError("this report is in Russian and the Russian extractor (natasha) is not "
                                "installed: pip install natasha") from None
    embedding = NewsEmbedding()
    return Segmenter(), MorphVocab(), NewsMorphTagger(embedding), NewsNERTagger(embedding)


def _case_of(token: Any) -> str:
    """pymorphy2's name of the case natasha tagged."""
    case = (token.feats or {}).get("Case", "Nom")
    return {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}.get(case, "nomn")


NAME_GRAMMEMES = {"Name", "Surn", "Patr"}
INSTRUMENTAL_ENDINGS = (("овым", "ов"), ("евым", "ев"), ("иным", "ин"), ("ом", ""), ("ем", ""), ("ой", "а"))
ALLOWED_ADP = {"по", "при", "для"}
QUOTES = {"«", "»", '"', "“", "”"}


def _nominative_word(word: str, case: str, vocab: Any, grammemes: set[str] | None) -> str:
    parses = [p for p in vocab.parse(word) if grammemes is None or grammemes & set(p.tag.grammemes)]
    in_case = next((p for p in parses if p.tag.case == case), None) if grammemes is not None else None
    if in_case is not None and case != "nomn":  # a name's case is known: "Валерия Фалькова" (gent) -> "Валерий"
        form = in_case.inflect({"Nom"})
        if form is not None:
            return str(form.word).capitalize() if word[:1].isupper() else str(form.word)
    if not parses or case == "nomn" or any(p.tag.case == "nomn" and "sing" in p.tag for p in parses[:3]):
        if not parses and case == "ablt" and grammemes is not None:  # a first name the dictionary lacks
            for ending, nominative in INSTRUMENTAL_ENDINGS:
                if word.endswith(ending) and len(word) > len(ending) + 2:
                    stem = word[: -len(ending)]
                    if ending == "ем":  # "Сергеем" -> "Сергей", "Чаньлинем" -> "Чаньлинь"
                        return stem + ("й" if stem[-1] in "аеёиоуыэюя" else "ь")
                    return stem + nominative
        return word
    chosen = next((p for p in parses if p.tag.case == case), parses[0])
    form = chosen.inflect({"Nom"})
    if form is None:
        return word
    nominative = str(form.word)
    return nominative.capitalize() if word[:1].isupper() else nominative


def _name_case(tokens: list[Any], vocab: Any) -> str:
    """The case of a name: the surname's when the dictionary knows it in no nominative (Миннихановым); the case
    natasha tagged on the surname when the dictionary allows it ("нового президента Александра Сергеева": gent);
    the first name's when the dictionary knows it in one case only ("Амоном"); else natasha's on the first name."""
    if not tokens:
        return "nomn"
    surnames = [p for p in vocab.parse(tokens[-1].text) if "Surn" in p.tag]
    cases = {p.tag.case for p in surnames}
    if cases and "nomn" not in cases:
        return str(surnames[0].tag.case)
    if _case_of(tokens[-1]) in cases:
        return _case_of(tokens[-1])
    if "nomn" in cases:
        return "nomn"
    first = {p.tag.case for p in vocab.parse(tokens[0].text) if "Name" in p.tag}
    return str(first.pop()) if len(first) == 1 else _case_of(tokens[0])


CHINESE_SURNAMES = frozenset(("Ван", "Ли", "Чжан", "Лю", "Чэнь", "Чень", "Ян", "Хуан", "Чжао", "У", "Чжоу", "Сюй",
    "Сунь", "Ма", "Чжу", "Ху", "Го", "Хэ", "Гао", "Линь", "Ло", "Чжэн", "Лян", "Се", "Сун", "Тан", "Хань", "Фэн",
    "Дэн", "Цао", "Пэн", "Цзэн", "Сяо", "Тянь", "Дун", "Пань", "Юань", "Цай", "Цзян", "Юй", "Ду", "Е", "Чэн", "Вэй",
    "Су", "Лу", "Дин", "Жэнь", "Шэнь", "Яо", "Цуй", "Чжун", "Тань", "Фань", "Цзинь", "Ши", "Ляо", "Цзя", "Ся", "Фу",
    "Фан", "Бай", "Цзоу", "Мэн", "Сюн", "Цинь", "Цю", "Инь", "Сюэ", "Янь", "Дуань", "Лэй", "Хоу", "Лун", "Тао", "Гу",
    "Мао", "Хао", "Гун", "Шао", "Вань", "Цянь", "Дай", "Мо", "Кун", "Сян", "Ню", "Бянь", "Цзи", "Нин", "Ци", "Хэй",
    "Сы", "Оу", "Гэ", "Лэн", "Мяо", "Чан", "Сюэ"))
"""Chinese surnames as Russian writes them: the name after one is Chinese, and only its last word declines."""
CHINESE_ENDINGS = (("ем", "ь"), ("ом", ""), ("ю", "ь"), ("у", ""), ("я", "ь"), ("а", ""), ("е", ""))


def _chinese_name(tokens: list[Any]) -> str | None:
    """A Chinese name ("Гу Лин", "Лу Юцинем") in the nominative: the surname as written, the given name's case
    ending after its final н taken off ("Юцинем" -> "Юцинь") when natasha did not tag it nominative (the
    dictionary would read "Лин" as a Russian "Лина")."""
    words = [t for t in tokens if t.text != "-"]
    if not 2 <= len(words) <= 3 or words[0].text not in CHINESE_SURNAMES:
        return None
    last, case = words[-1].text, _case_of(words[-1])
    for ending, soft in CHINESE_ENDINGS:
        stem = last[: -len(ending)]
        if last.endswith(ending) and len(stem) > 2 and stem.endswith("н") \
                and (ending in ("ем", "ом") or case != "nomn"):
            last = stem + soft
            break
    return " ".join([*(t.text for t in words[:-1]), last])


def _nominative_name(tokens: list[Any], vocab: Any, text: str) -> str:
    """The name in the nominative, written as in ``text`` between its words ("А.А. Суриков")."""
    spaced = all(text[a.stop:b.start] == " " for a, b in itertools.pairwise(tokens))
    chinese = _chinese_name(tokens) if spaced else None
    if chinese is not None:
        return chinese
    case = _name_case([t for t in tokens if len(t.text) > 1], vocab)
    out, at = [], tokens[0].start if tokens else 0
    for t in tokens:
        out.append(text[at:t.start])
        out.append(t.text if re.fullmatch(r"(?:[А-ЯЁA-Z]\.\s?)+", t.text) or len(t.text) < 2
                   else _nominative_word(t.text, case, vocab, NAME_GRAMMEMES))
        at = t.stop
    return _masculine_surname("".join(out), tokens, vocab)


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


def _singular(title: str, vocab: Any) -> tuple[str, bool]:
    """A title whose first word is a plural noun ("представители") in the singular, and whether it was plural."""
    word, _space, rest = title.partition(" ")
    parses = [p for p in vocab.parse(word) if "NOUN" in p.tag and p.tag.case == "nomn"]
    if not parses or any("sing" in p.tag for p in parses):
        return title, False
    form = parses[0].inflect({"Nom", "Sing"})
    return (" ".join(w for w in (str(form.word), rest) if w), True) if form is not None else (title, False)


def _masculine_surname(name: str, tokens: list[Any], vocab: Any) -> str:
    """ "Николая Кропачева" -> "Николай Кропачев": a surname the dictionary does not know keeps its genitive
    "-а" after a man's first name in the genitive or accusative."""
    first = [p for p in vocab.parse(tokens[0].text) if "Name" in p.tag] if len(tokens) == 2 else []
    surname = tokens[-1].text if tokens else ""
    if first and all(p.tag.gender == "masc" and p.tag.case in ("gent", "accs") for p in first) \
            and re.search(r"[оеёиы][вн]а$", surname) and not any("Surn" in p.tag for p in vocab.parse(surname)):
        return name[:-1]
    return name


GENDERS = {"masc": "Masc", "femn": "Fem", "neut": "Neut"}


def _nominative_phrase(tokens: list[Any], vocab: Any, text: str) -> str:
    """The phrase (``text``'s characters from the first token to the last) with its first noun and the adjectives
    before it in the nominative (the adjectives in the noun's gender), the rest as written."""
    if not tokens:
        return ""
    head = next((t for t in tokens if t.pos in ("NOUN", "PROPN")), None)
    gender = None
    if head is not None:
        parse = next((p for p in vocab.parse(head.text) if p.tag.case == _case_of(head)), None)
        gender = GENDERS.get(str(parse.tag.gender)) if parse is not None else None
    out, at = [], tokens[0].start
    for token in tokens:
        out.append(text[at:token.start])
        word = token.text
        if head is not None and token.start <= head.start and token.pos in ("NOUN", "ADJ", "PROPN"):
            if token is head or token.pos != "ADJ" or gender is None:
                word = _nominative_word(word, _case_of(token), vocab, None)
            else:
                parse = next((p for p in vocab.parse(word) if "ADJF" in p.tag), None)
                form = parse.inflect({"Nom", "Sing", gender}) if parse is not None else None
                word = (form.word.capitalize() if word[:1].isupper() else form.word) if form is not None else word
        out.append(word)
        at = token.stop
    return "".join(out)


def _institutions(doc: Any, vocab: Any) -> list[tuple[int, int, str]]:
    """(start, stop, name) of each institution: an ORG span in the nominative, with a genitive LOC right after
    it, and the lower-case noun before a quoted name ("технопарка «Малотоннажная химия»")."""
    spans = list(doc.spans)
    tokens = doc.tokens
    out: list[tuple[int, int, str]] = []
    for k, span in enumerate(spans):
        if span.type != "ORG":
            continue
        start, stop = span.start, span.stop
        lead = [t for t in tokens if start <= t.start < stop]
        while lead and lead[0].text.lower().startswith(TITLE_NOUNS):  # natasha's "Ректор университета"
            lead = lead[1:]
            start = lead[0].start if lead else stop
        if len(lead) < 2 and all(t.text.islower() for t in lead):
            continue  # no name left ("университета")
        if re.search(r"\bпо\s+делам\s+$", doc.text[:start], re.I):
            continue  # "министр иностранных дел и по делам Содружества": what the title is about
        following = spans[k + 1] if k + 1 < len(spans) else None
        if following is not None and following.type == "LOC" and following.start - span.stop <= 1 \
                and not doc.text[span.stop:following.start].strip():
            stop = following.stop
        inside = [t for t in tokens if start <= t.start < stop]
        before = [t for t in tokens if t.stop <= start]
        if before and before[-1].text in QUOTES and len(before) > 1 and before[-2].pos == "NOUN" \
                and before[-2].text.islower():
            inside = [before[-2], before[-1], *inside]
            start = before[-2].start
        elif before and before[-1].text.islower() and before[-1].text.startswith(UNIT_NOUNS) \
                and re.fullmatch(r"[А-ЯЁA-Z]{2,}", span.text):  # "филиал ВГУЭС"
            inside = [before[-1], *inside]
            start = before[-1].start
        after = [t for t in tokens if t.start >= stop]
        if after and after[0].text in QUOTES and after[0].start == stop:
            inside.append(after[0])
            stop = after[0].stop
        while inside and inside[-1].text.lower() in HONORIFICS:  # "Центра профессором"
            inside = inside[:-1]
            stop = inside[-1].stop if inside else stop
        if inside:  # "университет (КНР)": the bracket is no part of the name
            out.append((start, stop, re.sub(r"\s*\([^()]*\)?$", "", _nominative_phrase(inside, vocab, doc.text))))
    for k, token in enumerate(tokens):  # "Чунцинского технологического университета", which natasha may miss
        if not token.text.lower().startswith(ORG_NOUNS) or any(s <= token.start < e for s, e, _n in out):
            continue
        first = k
        while first > 0 and tokens[first - 1].pos == "ADJ":
            first -= 1
        if first < k and tokens[first].text[:1].isupper():
            out.append((tokens[first].start, token.stop,
                        _nominative_phrase(tokens[first:k + 1], vocab, doc.text)))
    return sorted(out)


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
            full_name = _nominative_name(person_tokens, vocab, sent)
            title, institution = _title_before(span.start, tokens, orgs, list(doc.spans), vocab, sent)
            title, plural = _singular(title, vocab)
            gap = sent[previous_stop:span.start]
            if not title and shared is not None and named and re.fullmatch(r",?\s+и\s+|,\s+", gap):
                title, institution = shared  # "представители Министерства X A и B": B is one too
            shared = (title, institution) if plural else (shared if not title else None)
            if not institution and named and re.fullmatch(r"\s+и\s+.*", sent[previous_stop:span.start]):
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
            person = draft.person(full_name) or _named_in_full(full_name, title, institution, draft, guests)
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


class _Span:
    def __init__(self, start: int, stop: int) -> None:
        self.start, self.stop, self.type = start, stop, "PER"


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


UNIT_NOUNS = ("филиал", "центр", "институт", "факультет", "музей", "технопарк")


def _unit_named_before(title: str, institutions: list[DraftInstitution], vocab: Any) -> tuple[str, str]:
    """ "директор филиала" after "филиал ВГУЭС" was named: ("директор", "филиал ВГУЭС")."""
    words = title.split()
    if len(words) < 2:
        return title, ""
    noun = vocab.parse(words[-1])[0].normal_form
    if noun not in UNIT_NOUNS:
        return title, ""
    named = next((i.name for i in reversed(institutions) if noun in i.name.lower().split()), "")
    return (" ".join(words[:-1]), named) if named else (title, "")


def _sentences(text: str, segmenter: Any) -> list[str]:
    from razdel import sentenize

    return [s.text for line in text.splitlines() for s in sentenize(line) if s.text.strip()]


def _meeting_title(sentence: str) -> str:
    """ "Встреча с ...", or the clause that names the meeting (up to its first comma)."""
    m = re.search(r"\bвстреч[уаи]\s(с\s[^,.;]+)", sentence)
    if m:
        return f"Встреча {m.group(1)}"
    return re.split(r",\s", sentence.rstrip("."))[0]


def _genitive(span: Any, tokens: list[Any]) -> bool:
    """Whether a place is in the genitive (its first word's case: "Республики Татарстан")."""
    first = next((t for t in tokens if t.start >= span.start), None)
    return first is not None and _case_of(first) == "gent"


def _title_before(start: int, tokens: list[Any], orgs: list[tuple[int, int, str]], spans: list[Any],
                  vocab: Any, text: str) -> tuple[str, str]:
    """The title and institution written right before a name that starts at character ``start``."""
    spans = [sp for sp in spans if sp.type != "LOC" or any(t.pos != "ADJ" for t in tokens
                                                          if sp.start <= t.start < sp.stop)]  # "Чрезвычайный"
    before = [t for t in tokens if t.stop <= start]
    while before and before[-1].text.lower() in HONORIFICS:  # "..., г-ном Лю Ли"
        before = before[:-1]
    if len(before) > 1 and before[-1].text == "," and before[-2].pos != "PUNCT":
        before = before[:-1]  # "с министром высшего образования ... Республики Зимбабве, Амоном Мурвирой"
    taken: list[Any] = []
    place = -1  # where a place in the locative the title holds starts ("посол ... в Республике Беларусь")
    for k in range(len(before) - 1, -1, -1):
        token = before[k]
        loc = next((sp for sp in spans if sp.type == "LOC" and sp.start <= token.start < sp.stop), None)
        lead = [t for t in before if loc is not None and t.stop <= loc.start]
        if loc is not None and _case_of(next(t for t in tokens if t.start >= loc.start)) == "loct" and len(lead) > 1 \
                and lead[-1].text.lower() in ("в", "во") and lead[-2].pos in ("NOUN", "PROPN") \
                and not MEETING_NOUN.match(lead[-2].text.lower()):
            place = loc.start
            taken.insert(0, token)
            continue
        if token.text.lower() in ("в", "во") and taken and taken[0].start == place:
            taken.insert(0, token)
            continue
        if token.text == "," and taken and taken[0].pos == "NOUN" and _case_of(taken[0]) == "gent" \
                and k > 0 and before[k - 1].pos in ("NOUN", "ADJ"):
            taken.insert(0, token)  # a list of genitives inside the title: "образования, инноваций, науки"
            continue
        if any(s <= token.start < e for s, e, _n in orgs):
            taken.insert(0, token)
            continue
        in_other = any((sp.type == "PER" or (sp.type == "LOC" and not _genitive(sp, tokens)))
                       and sp.start <= token.start < sp.stop for sp in spans)  # "министр ... Республики Татарстан"
        stop = in_other or MEETING_NOUN.match(token.text.lower()) is not None \
            or token.pos in ("VERB", "AUX", "PRON", "NUM", "SCONJ") or token.text == "," \
            or any(c.isdigit() for c in token.text) or token.text.lower() in ("года", "году") \
            or (token.pos == "NOUN" and token.text.lower().startswith(MONTHS) and k > 0
                and any(c.isdigit() for c in before[k - 1].text)) \
            or (token.pos == "ADP" and token.text.lower() not in ALLOWED_ADP) \
            or (token.pos == "PUNCT" and token.text not in QUOTES) \
            or (token.text == "и" and k > 0 and any(sp.type == "PER" and sp.start <= before[k - 1].start < sp.stop
                                                    for sp in spans))
        if stop:
            break
        taken.insert(0, token)
    taken = [t for k, t in enumerate(taken) if t.text.lower() not in HONORIFICS
             or (k + 1 < len(taken) and taken[k + 1].text.lower().startswith(CHAIRS))]  # "доцент кафедры X"
    while taken and taken[0].text == "и":
        taken = taken[1:]
    if taken and taken[-1].text.lower() in ("университета", "вуза"):  # "директор центра университета": which one?
        taken = taken[:-1]
    while taken and taken[0].pos == "ADP":  # "поздравила по телефону нового президента": no "по телефону"
        head = next((k for k, t in enumerate(taken) if t.pos == "NOUN"), len(taken) - 1)
        taken = taken[head + 1:]
    while taken and taken[0].text.lower() in NEW:  # "нового президента РАН": "президент"
        taken = taken[1:]
    if not taken:
        return "", ""
    institution = ""
    for s, e, name in orgs:
        if taken[0].start <= s and e <= start:
            institution = name
            taken = [t for t in taken if t.stop <= s]
            break
    if taken and taken[0].text.lower().startswith("заведующ"):  # a participle heads it: "заведующего отделом"
        noun = "заведующая" if taken[0].text.lower() in ("заведующей", "заведующую") else "заведующий"
        return noun + text[taken[0].stop:taken[-1].stop], institution
    title = _nominative_phrase(taken, vocab, text)
    if taken and taken[0].pos == "NOUN":  # "Директор технопарка ..." at the start of a sentence
        title = title[:1].lower() + title[1:]
    return title, institution
