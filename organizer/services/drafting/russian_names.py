"""Russian people's names in the nominative: the case of a name, Chinese names, initials, unknown surnames."""

from __future__ import annotations

import itertools
import re
from typing import Any

from organizer.services.drafting.russian_morph import NAME_GRAMMEMES, _case_of, _nominative_word


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


def _nominative_name(tokens: list[Any], vocab: Any, text: str, case: str | None = None) -> str:
    """The name in the nominative, written as in ``text`` between its words ("А.А. Суриков"); ``case`` is the
    name's case when known (the title's before it: "первый заместитель Министра ... Л.Н. Волкова" is nominative,
    though natasha and the dictionary may read "Волкова" as "Волков" in the genitive)."""
    spaced = all(text[a.stop:b.start] == " " for a, b in itertools.pairwise(tokens))
    chinese = _chinese_name(tokens) if spaced else None
    if chinese is not None:
        return chinese
    case = case or _name_case([t for t in tokens if len(t.text) > 1], vocab)
    out, at = [], tokens[0].start if tokens else 0
    for t in tokens:
        out.append(text[at:t.start])
        out.append(t.text if re.fullmatch(r"(?:[А-ЯЁA-Z]\.\s?)+", t.text) or len(t.text) < 2
                   else _nominative_word(t.text, case, vocab, NAME_GRAMMEMES))
        at = t.stop
    return _masculine_surname("".join(out), tokens, vocab)


def _masculine_surname(name: str, tokens: list[Any], vocab: Any) -> str:
    """ "Николая Кропачева" -> "Николай Кропачев": a surname the dictionary does not know keeps its genitive
    "-а" after a man's first name in the genitive or accusative."""
    first = [p for p in vocab.parse(tokens[0].text) if "Name" in p.tag] if len(tokens) in (2, 3) else []
    surname = tokens[-1].text if tokens else ""
    if first and all(p.tag.gender == "masc" and p.tag.case in ("gent", "accs") for p in first) \
            and re.search(r"(?:[оеёиы][вн]|[бвгджзклмнпрстфхцчшщ])а$", surname) and name.endswith(surname) \
            and not any("Surn" in p.tag for p in vocab.parse(surname)):  # "Владимира Ильича Лысака" too
        return name[:-1]
    return name


ABBREVIATION = r"[^\s.]*[А-ЯЁA-Z][^\s.]*[А-ЯЁA-Z][^\s.]*"
"""A word with two capitals and no full stop ("УдГУ", "КФУ")."""


class _Span:
    """A span of the sentence, as natasha's (start, stop, type, text)."""

    def __init__(self, start: int, stop: int, kind: str = "PER", text: str = "") -> None:
        self.start, self.stop, self.type, self.text = start, stop, kind, text


def _split_at_dash(doc: Any, vocab: Any, names_person: Any) -> list[Any]:
    """natasha's spans, one that runs over a spaced dash into a name cut there, the name after it a person's
    ("Университета Языка и Культуры - Цао Чжиюнь" tagged one place), or over a closing bracket ("Республики
    Саха (Якутия) Айсен Николаев"); a "person" that is a title ("Почетного
    Консула") dropped."""
    out: list[Any] = []
    for span in doc.spans:
        if span.type == "PER" and any(names_person(t, vocab) for t in doc.tokens if span.start <= t.start < span.stop):
            continue
        if span.type == "PER" and re.search(r"(?:\bим\.|\bимени)\s*$", doc.text[:span.start]):
            continue  # "университет им. Этвёша Лоранда": whom it is named after, no one present
        if span.type == "PER" and re.fullmatch(ABBREVIATION, span.text):
            continue  # "УдГУ является ...": an abbreviation is no one's name
        lead = re.match(ABBREVIATION + r"\s+", span.text) if span.type == "PER" else None
        if lead is not None:  # "УдГУ Г. В. Мерзляковой": the university's abbreviation is no part of the name
            word = lead.group().rstrip()
            out.append(_Span(span.start, span.start + len(word), "ORG", word))
            span = _Span(span.start + lead.end(), span.stop, "PER", span.text[lead.end():])
        m = re.search(r"\s[-–—]\s+|(?<=\))\s+", span.text) if span.type != "PER" else None
        after = span.start + m.end() if m else span.stop
        words = [t for t in doc.tokens if after <= t.start < span.stop]
        if m is None or not words or not all(t.pos == "PROPN" and t.text[:1].isupper() for t in words) \
                or not (words[0].text in CHINESE_SURNAMES
                        or any("Name" in p.tag or "Surn" in p.tag for t in words for p in vocab.parse(t.text))):
            out.append(span)
            continue
        cut = span.start + m.start()
        out.append(_Span(span.start, cut, span.type, doc.text[span.start:cut]))
        out.append(_Span(after, span.stop, "PER", doc.text[after:span.stop]))
    return out


def _initialled_genitive(name: str, written: str, case: str) -> str:
    """ "помощника ... С.В. Казанкова" -> "С.В. Казанков": initials and a surname in "-ова"/"-ева"/"-ина" after
    a title in the genitive or accusative are a man's (a woman's would be "-овой"), whatever the dictionary says."""
    if case in ("gent", "accs") and name == written \
            and re.fullmatch(r"(?:[А-ЯЁ]\.\s?){1,2}[А-ЯЁ][а-яё]+(?:[оеё]в|ин)а", name):
        return name[:-1]
    return name
