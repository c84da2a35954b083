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
MEETING_NOUN = re.compile(r"(?:встреч|визит|переговор|экскурси|церемони|бесед|составе\b|участи(?:е|я|ем)\b|лице\b"
                          r"|руководств|сопровожд|поездк)")
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
RANK = re.compile(r",\s*(?:чл\.\s*-?\s*корр\.|член-корреспондент\w*|академик\w*)(?:\s+(?:РАН|Российской академии "
                  r"наук|[А-ЯЁ]{2,}))?\s*$", re.I)
"""A scientific rank after a title, before the name ("первый проректор, чл. корр. Российской академии наук NAME")."""
ABBREVIATIONS = {"зам", "зав", "нач", "пом"}
ACTING = {"временно", "исполняющий", "исполняющего", "исполняющему", "исполняющим", "исполняющем", "исполняющая",
          "исполняющей", "исполняющую"}
"""The words of "(временно) исполняющий обязанности", a participle, before a title."""
"""Abbreviated title words a full stop follows inside a title ("Зам.директора")."""
UNIT_NOUNS = ("филиал", "центр", "институт", "факультет", "музей", "технопарк")
PERSON_NOUNS = {"консул", "посол", "советник", "секретарь", "член", "помощник", "атташе", "заведующий"}
"""More nouns naming a person (by their lemma) that natasha may put at the start of an ORG ("Почетного Консула")."""
MISSIONS = ("посольств", "консульств", "генконсульств", "представительств")
"""A country's mission: "посольства Германии в Москве" is an institution ("Посольство Германии в Москве")."""
HYPHENS = str.maketrans({"‑": "-", "‐": "-", "–": "-", "—": "-"})


def _plain(word: str) -> str:
    """The word in lower case with its hyphens the ASCII one ("г‑н", U+2011, is "г-н")."""
    return word.lower().translate(HYPHENS)


def _names_person(token: Any, vocab: Any) -> bool:
    """Whether the word is a title noun ("Ректор", "Консула") rather than part of an institution's name."""
    word = token.text.lower()
    return word.startswith(TITLE_NOUNS) or (token.pos in ("NOUN", "PROPN")
                                            and vocab.parse(word)[0].normal_form in PERSON_NOUNS)


def _place_after(tokens: list[Any], spans: list[Any], stop: int) -> int:
    """Where "в Москве" (a place in the locative) right after ``stop`` ends, or ``stop`` when none follows."""
    after = [t for t in tokens if t.start >= stop]
    if len(after) > 1 and after[0].text.lower() in ("в", "во"):
        loc = next((sp for sp in spans if sp.type == "LOC" and sp.start == after[1].start), None)
        if loc is not None and _case_of(after[1]) == "loct":
            return int(loc.stop)
    return stop


GOVERNMENT = ("министерств", "комитет", "департамент", "управлени", "агентств", "служб")
"""An institution whose name goes on with a list of genitives: "Министерства труда, социального обеспечения и
миграции Кыргызской Республики"."""


def _genitive_tail(tokens: list[Any], spans: list[Any], stop: int, listed: bool = True) -> int:
    """Where a list of genitives after a ministry's name ends (", социального обеспечения и миграции" and a
    genitive place right after it), or ``stop`` when none follows; not ``listed``, the genitives follow the name
    with no comma ("министерства" "науки и высшего образования России")."""
    after = [t for t in tokens if t.start >= stop]
    end, k = stop, 0
    while k < len(after):
        first = k + 1 if after[k].text in (",", "и") else k
        if first == k and (listed or k > 0):
            break
        run = first
        while run < len(after) and after[run].pos in ("ADJ", "NOUN") and after[run].text.islower() \
                and _case_of(after[run]) == "gent":
            run += 1
        if run == first or after[run - 1].pos != "NOUN":
            break
        end, k = after[run - 1].stop, run
    loc = next((sp for sp in spans if sp.type == "LOC" and k < len(after) and sp.start == after[k].start), None)
    if end > stop and loc is not None and _case_of(after[k]) == "gent":
        end = loc.stop
    return end


def _missions(doc: Any, vocab: Any, out: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The institutions with a country's mission ("посольства Германии в Москве", "Посольства Кыргызской Республики
    в РФ", a capitalised "Посольства" alone) named in full, in the nominative and capitalised."""
    tokens, spans = doc.tokens, list(doc.spans)
    found: list[tuple[int, int, str]] = []
    for k, token in enumerate(tokens):
        if not token.text.lower().startswith(MISSIONS):
            continue
        first = k
        while first > 0 and tokens[first - 1].pos == "ADJ":
            first -= 1
        known = next((o for o in out if o[0] <= token.start < o[1]), None)
        stop = known[1] if known is not None else token.stop
        if known is None:
            loc = next((sp for sp in spans if sp.type == "LOC" and sp.start > token.stop), None)
            if loc is not None and not doc.text[token.stop:loc.start].strip() \
                    and _case_of(next(t for t in tokens if t.start >= loc.start)) == "gent":
                stop = loc.stop
            elif not token.text[:1].isupper():
                continue
        stop = _place_after(tokens, spans, stop)
        start = min(tokens[first].start, known[0]) if known is not None else tokens[first].start
        inside = [t for t in tokens if start <= t.start < stop]
        name = _nominative_phrase(inside, vocab, doc.text)
        found.append((start, stop, name[:1].upper() + name[1:]))
    kept = [o for o in out if not any(f[0] <= o[0] < f[1] or o[0] <= f[0] < o[1] for f in found)]
    return sorted(kept + found)


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
        while lead and (_names_person(lead[0], vocab) or (  # natasha's "Ректор университета", "Почетного Консула"
                lead[0].pos == "ADJ" and len(lead) > 1 and _names_person(lead[1], vocab))):
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
        if lead and lead[0].text.lower().startswith(GOVERNMENT):
            stop = max(stop, _genitive_tail(tokens, spans, span.stop))
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
        while inside and _plain(inside[-1].text) in HONORIFICS:  # "Центра профессором"
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
    for token in tokens:  # "замглавы министерства науки и высшего образования России", which natasha may miss
        if token.text.islower() and token.text.startswith(("министерств", "агентств", "департамент")) \
                and not any(s <= token.start < e for s, e, _n in out):
            stop = _genitive_tail(tokens, spans, token.stop, listed=False)
            if stop > token.stop:
                name = _nominative_phrase([t for t in tokens if token.start <= t.start < stop], vocab, doc.text)
                out.append((token.start, stop, name[:1].upper() + name[1:]))
    return _missions(doc, vocab, sorted(out))


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


def _agrees(participle: Any, taken: list[Any]) -> bool:
    """Whether a participle natasha tags as a verb is an adjective of the noun after it ("управления закупок и
    централизованного снабжения"; not "возглавляемой ректором")."""
    feats, noun = participle.feats or {}, taken[0].feats or {} if taken else {}
    return bool(taken) and taken[0].pos == "NOUN" and feats.get("VerbForm") == "Part" and "Case" in feats \
        and all(feats.get(k) == noun.get(k) for k in ("Case", "Number", "Gender") if k in feats and k in noun)


def _genitive(span: Any, tokens: list[Any]) -> bool:
    """Whether a place is in the genitive (its first word's case: "Республики Татарстан")."""
    first = next((t for t in tokens if t.start >= span.start), None)
    return first is not None and _case_of(first) == "gent"


def _title_before(start: int, tokens: list[Any], orgs: list[tuple[int, int, str]], spans: list[Any],
                  vocab: Any, text: str) -> tuple[str, str, Any]:
    """The title and institution written right before a name that starts at character ``start``, and the title's
    first word as written (natasha's token, None without a title)."""
    spans = [sp for sp in spans if sp.type != "LOC" or any(t.pos != "ADJ" for t in tokens
                                                          if sp.start <= t.start < sp.stop)]  # "Чрезвычайный"
    before = [t for t in tokens if t.stop <= start]
    rank = RANK.search(text[:start])
    if rank is not None:  # "первый проректор, чл. корр. Российской академии наук NAME": the rank is no title
        before = [t for t in before if t.stop <= rank.start()]
    while before and (_plain(before[-1].text) in HONORIFICS or (  # "..., г-ном Лю Ли", "проф. А.В. Грибанов"
            before[-1].text == "." and len(before) > 1 and before[-2].text.lower() in ("проф", "доц", "акад"))):
        before = before[:-2] if before[-1].text == "." else before[:-1]
    if len(before) > 1 and _plain(before[-1].text) in (",", "-") and before[-2].pos != "PUNCT":
        before = before[:-1]  # "... Республики Зимбабве, Амоном Мурвирой", "ректор СахГУ – Игорь Минервин"
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
        if loc is not None and len(lead) > 2 and lead[-1].text.lower() == "городе" \
                and lead[-2].text.lower() in ("в", "во") and lead[-3].pos in ("NOUN", "PROPN") \
                and _case_of(lead[-3]) == "gent":  # "Почетный Консул Кыргызской Республики в городе Воронеж"
            place = lead[-1].start
            taken.insert(0, token)
            continue
        if token.text.lower() in ("в", "во") and taken and taken[0].start == place:
            taken.insert(0, token)
            continue
        if token.text == "," and taken and taken[0].pos == "NOUN" and _case_of(taken[0]) == "gent" \
                and k > 0 and before[k - 1].pos in ("NOUN", "ADJ") and not _names_person(taken[0], vocab):
            taken.insert(0, token)  # a list of genitives inside the title: "образования, инноваций, науки"
            continue
        if any(s <= token.start < e for s, e, _n in orgs):
            if taken and _names_person(taken[0], vocab) and _case_of(taken[0]) != "gent" \
                    and not any(s <= taken[0].start < e for s, e, _n in orgs):
                break  # "в здании Президиума РАН президент ...": the title starts at "президент"
            taken.insert(0, token)
            continue
        if any(sp.type == "LOC" and sp.start <= token.start < sp.stop and _genitive(sp, tokens) for sp in spans):
            taken.insert(0, token)  # "глава Республики Саха (Якутия)": the brackets too
            continue
        if token.text.lower() in ACTING and taken and (taken[0].text.lower().startswith("обязанност")
                                                        or taken[0].text.lower().startswith("исполняющ")):
            taken.insert(0, token)  # "исполняющий обязанности министра", "временно исполняющего обязанности"
            continue
        in_other = any((sp.type == "PER" or (sp.type == "LOC" and not _genitive(sp, tokens)))
                       and sp.start <= token.start < sp.stop for sp in spans)  # "министр ... Республики Татарстан"
        stop = in_other or MEETING_NOUN.match(token.text.lower()) is not None \
            or (token.pos == "VERB" and not _agrees(token, taken)) \
            or token.pos in ("AUX", "PRON", "NUM", "SCONJ") or token.text == "," \
            or token.text.lower() in ("а", "но", "также", "тоже", "еще", "ещё", "сегодня", "вчера", "завтра", "ранее",
                                      "затем", "впервые", "теперь") \
            or any(c.isdigit() for c in token.text) or token.text.lower() in ("года", "году") \
            or (token.pos == "NOUN" and token.text.lower().startswith(MONTHS) and k > 0
                and any(c.isdigit() for c in before[k - 1].text)) \
            or (token.pos == "ADP" and token.text.lower() not in ALLOWED_ADP
                and not (token.text.lower() == "с" and k > 0 and before[k - 1].text.lower().startswith("связ"))) \
            or (token.pos == "PUNCT" and token.text not in QUOTES
                and not (token.text == "." and k > 0 and before[k - 1].text.lower() in ABBREVIATIONS)) \
            or (token.pos == "NOUN" and _case_of(token) == "ablt"  # "беседы со студентами проректор ..."
                and (token.feats or {}).get("Number") == "Plur") \
            or (token.text == "и" and k > 0 and any(sp.type == "PER" and sp.start <= before[k - 1].start < sp.stop
                                                    for sp in spans))
        if stop:
            break
        taken.insert(0, token)
    kept = [t for k, t in enumerate(taken) if _plain(t.text) not in HONORIFICS
            or (k + 1 < len(taken) and taken[k + 1].text.lower().startswith(CHAIRS))]  # "доцент кафедры X"
    first_org = min((s for s, e, _n in orgs if taken and taken[0].start <= s and e <= start), default=start)
    if any(t.start < first_org for t in kept):
        taken = kept  # else "профессора Пекинского Университета - NAME": the honorific is all the title there is
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
        return "", "", None
    institution, first = "", taken[0]
    for s, e, name in orgs:
        inside = [k for k, t in enumerate(taken) if t.start == s]
        if inside and inside[0] > 0 and taken[inside[0] - 1].text.lower().startswith("заведующ") \
                and _case_of(taken[inside[0]]) == "ablt":
            continue  # "заведующего Консульским отделом Посольства X": the unit is the title's, X the institution
        if taken[0].start <= s and e <= start:
            institution = name
            taken = [t for t in taken if t.stop <= s]
            break
    if len(taken) > 1 and taken[0].text.lower() in ABBREVIATIONS and taken[1].text == ".":  # "Зам.директора"
        return text[taken[0].start:taken[-1].stop], institution, first
    if taken and taken[0].text.lower() in ACTING:  # "исполняющего обязанности министра": the participle heads it
        acting = next(t for t in taken if t.text.lower() != "временно")
        noun = "исполняющая" if acting.text.lower() in ("исполняющая", "исполняющей", "исполняющую") else "исполняющий"
        adverb = "временно " if taken[0] is not acting else ""
        return adverb + noun + text[acting.stop:taken[-1].stop], institution, first
    if taken and taken[0].text.lower().startswith("заведующ"):  # a participle heads it: "заведующего отделом"
        noun = "заведующая" if taken[0].text.lower() in ("заведующей", "заведующую") else "заведующий"
        return noun + text[taken[0].stop:taken[-1].stop], institution, first
    title = _nominative_phrase(taken, vocab, text)
    common = taken and taken[0].pos == "PROPN" and not {"Name", "Surn", "Geox", "Orgn", "Abbr"} & set(
        vocab.parse(taken[0].text)[0].tag.grammemes) and str(vocab.parse(taken[0].text)[0].tag.POS) == "NOUN"
    if taken and (taken[0].pos == "NOUN" or common):  # "Директор технопарка ...", natasha's PROPN "Советника"
        title = title[:1].lower() + title[1:]
    return title, institution, first
