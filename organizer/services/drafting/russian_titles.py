"""Russian titles and institutions: the institutions natasha finds (and misses), and the title written right
before a name, split into title and institution."""

from __future__ import annotations

import re
from typing import Any

from organizer.services.drafting.model import DraftInstitution
from organizer.services.drafting.russian_morph import _case_of, _nominative_phrase

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
NEW = {"новый", "нового", "новому", "новым", "новом", "новая", "новой", "новую", "новоизбранный", "новоизбранного",
       "новоизбранным", "новоизбранному"}
"""Words before a title that are no part of it ("нового президента РАН" -> "президент")."""
CHAIRS = ("кафедр",)
"""A unit noun after which an honorific is the title ("доцент кафедры X")."""
ALLOWED_ADP = {"по", "при", "для"}
QUOTES = {"«", "»", '"', "“", "”"}
UNIT_NOUNS = ("филиал", "центр", "институт", "факультет", "музей", "технопарк")


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
