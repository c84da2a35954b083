"""Thank-you letters after a visit: one PDF per guest or host, from a template in English or Russian.

The letter text is built from plain strings per kind of recipient (see ``LETTER_KINDS``) and language;
every string is escaped before it goes into paragraph markup, so a name with ``&`` or ``<`` prints as typed.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Paragraph, SimpleDocTemplate, Spacer

from organizer.briefing.common import ACCENT, RULE, make_styles, page_size, safe
from organizer.briefing.fonts import FAMILY, RENDER_LOCK
from organizer.briefing.labels import Labels
from organizer.domain.briefing import LetterRecipient, ThankYouLetters, localized
from organizer.domain.enums import Side, VisitDirection
from organizer.domain.records import NameVariant

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_MALE = {"mr", "sir", "господин", "г-н"}
_FEMALE = {"mrs", "ms", "miss", "madam", "madame", "госпожа", "г-жа"}
# Russian patronymics are gendered grammatical forms (suffixes -ович/-евич/-ич for a son, -овна/-евна/-ична/
# -инична for a daughter), so a patronymic in the stored Russian name states the gender; given names and
# surnames are not read for gender.
_PATRONYMIC_M = re.compile(r"[а-яё]+(?:ович|евич|ьич|ич)$")
_PATRONYMIC_F = re.compile(r"[а-яё]+(?:овна|евна|ична|инична)$")

CLOSING = {"en": "Yours sincerely,", "ru": "С уважением,"}
SUBJECT = {"en": "Thank-you letter", "ru": "Благодарственное письмо"}


@dataclass(frozen=True, slots=True)
class Letter:
    recipient: LetterRecipient
    filename: str
    pdf: bytes


def _localized(name: str, variants: tuple[NameVariant, ...], lang: str) -> str:
    """The name as written in the letter's language, when a variant in that language is known."""
    return name if lang == "en" else localized(name, variants, lang)


def _fits(text: str | None, lang: str) -> bool:
    """Whether a free text (visit title, place, topic) can stand in running text of that language: a Russian
    sentence takes only Cyrillic text, since the data holds no translations of these fields."""
    return bool(text and text.strip()) and (lang != "ru" or bool(_CYRILLIC.search(text or "")))


def _first_word(text: str) -> str:
    words = text.strip().split()
    return words[0].rstrip(".").casefold() if words else ""


def _patronymic(name: str) -> tuple[str, str, str] | None:
    """(given name, patronymic, "m"/"f") from a Russian full name in either order ("Family Given Patronymic"
    or "Given Patronymic Family"), or None when it has no patronymic."""
    words = name.split()
    if len(words) < 3:
        return None
    for i in range(1, len(words)):
        word, before = words[i].casefold(), words[i - 1].casefold()
        for pattern, gender in ((_PATRONYMIC_M, "m"), (_PATRONYMIC_F, "f")):
            if pattern.fullmatch(word) and not (_PATRONYMIC_M.fullmatch(before) or _PATRONYMIC_F.fullmatch(before)):
                return words[i - 1], words[i], gender
    return None


def gender_of(r: LetterRecipient) -> str | None:
    """"m", "f" or None: from a stored honorific or form of address (Mr, Ms, господин, госпожа...) or a
    patronymic in the Russian name variant. Never guessed from given names or surnames."""
    for text in (r.honorific, r.form_of_address):
        word = _first_word(text)
        if word in _MALE:
            return "m"
        if word in _FEMALE:
            return "f"
    ru = localized("", r.name_variants, "ru")
    found = _patronymic(ru) if ru else None
    return found[2] if found else None


def salutation(r: LetterRecipient, lang: str) -> str:
    """The opening line of the letter, punctuation included.

    English: the stored form of address ("Dear Mr. President,"), else the honorific with the family name
    ("Dear Prof. Smith,"), else the full name ("Dear Evgeny Korzhikov,").

    Russian: a stored Cyrillic form of address; else "Уважаемый Евгений Викторович!" / "Уважаемая ...!"
    when the Russian name variant has a patronymic (which also gives the gender); else the neutral
    "Здравствуйте, <name>!". Russian has no gender-neutral form of "Уважаемый", and "Уважаемый(-ая)" reads
    as a form letter; "Здравствуйте" is the accepted neutral greeting of business letters when the
    addressee's gender is not known, and it needs no case ending on the name.
    """
    if lang == "ru":
        foa = r.form_of_address.strip()
        gender = gender_of(r)
        if foa and _fits(foa, "ru"):
            if _first_word(foa).startswith(("уважаем", "глубокоуважаем")) or gender is None:
                return f"{foa}!"
            return f"{'Уважаемая' if gender == 'f' else 'Уважаемый'} {foa}!"
        ru = _localized(r.name, r.name_variants, "ru")
        found = _patronymic(ru) if _fits(ru, "ru") else None
        if found:
            given, patronymic, g = found
            return f"{'Уважаемая' if g == 'f' else 'Уважаемый'} {given} {patronymic}!"
        return f"Здравствуйте, {ru}!"
    foa = r.form_of_address.strip()
    if foa and _fits(foa, "en") and not _CYRILLIC.search(foa):
        return f"{foa}," if _first_word(foa) in {"dear", "your"} else f"Dear {foa},"
    honorific = r.honorific.strip()
    if honorific and not _CYRILLIC.search(honorific):
        if honorific.casefold().endswith("excellency"):
            return "Your Excellency,"
        return f"Dear {honorific} {r.family_name.strip() or r.name},"
    return f"Dear {r.name},"


def _kind(r: LetterRecipient) -> str:
    return r.kind or ("visit" if r.side is Side.GUEST else "colleague")


def _join(*parts: str | None) -> str:
    return ", ".join(p.strip() for p in parts if p and p.strip())


def body(data: ThankYouLetters, r: LetterRecipient, lang: str, labels: Labels) -> list[str]:
    """The paragraphs of the letter (plain text): what it thanks for depends on the recipient's kind.

    Only values that can stand in the letter's language are used in its sentences: the visit title,
    place and topics are stored in one language only, so a Russian letter leaves out those written in
    Latin script rather than mixing languages or translating them."""
    kind = _kind(r)
    dates = labels.span(data.start_date, data.end_date)
    place = data.place if _fits(data.place, lang) else ""
    visit = data.visit_title if _fits(data.visit_title, lang) else ""
    topics = ", ".join(t for t in data.topics if _fits(t, lang))
    office = data.issuing_office.strip()
    guests = data.guest_office.strip()
    outgoing = data.direction is VisitDirection.OUTGOING
    if lang == "ru":
        named = f" \u00ab{visit}\u00bb" if visit else ""
        when_where = _join(dates, place)
        if kind == "visit":
            first = (f"Позвольте поблагодарить Вас за визит{f' ({when_where})' if when_where else ''} "
                     f"и за плодотворные переговоры{f' в рамках визита{named}' if named else ''}.")
            second = (f"Мы особенно ценим обсуждение тем: {topics}." if topics
                      else "Мы высоко ценим состоявшееся обсуждение.")
            return [first, f"{second} Рассчитываем на выполнение достигнутых договорённостей и дальнейшее "
                           "развитие сотрудничества."]
        details = _join(guests if not outgoing else "", dates, place)
        if kind == "hosting":
            whom = "нашей делегации" if outgoing else "делегации"
            first = (f"Позвольте поблагодарить Вас за радушный приём {whom}{f' ({details})' if details else ''}"
                     f" и за Ваше участие в программе визита{named}.")
            second = (f"Обсуждение тем ({topics}) стало важным шагом" if topics else "Встреча стала важным шагом")
            return [first, f"{second} в развитии сотрудничества. Рассчитываю на продолжение нашего "
                           "взаимодействия."]
        first = (f"Позвольте поблагодарить Вас за участие в подготовке и проведении визита{named}"
                 f"{f' ({details})' if details else ''}.")
        second = (f"Ваш вклад в обсуждение тем ({topics}) во многом обеспечил успех визита." if topics
                  else "Ваш вклад во многом обеспечил успех визита.")
        return [first, f"{second} Рассчитываю на Вашу поддержку в выполнении достигнутых договорённостей."]

    named = f" \u201c{visit}\u201d" if visit else ""
    subject = topics or "our common interests"
    if kind == "visit":
        lead = f"On behalf of {office}, allow me" if office else "Allow me"
        first = (f"{lead} to thank you for your visit{f' to {place}' if place else ''}{f' on {dates}' if dates else ''}"
                 f" and for the productive talks held during the visit{named}.")
        return [first, f"We particularly valued the discussion of {subject}, and we look forward to following up "
                       "on what was agreed and to continuing our cooperation."]
    details = _join(dates, place)
    if kind == "hosting":
        whom = "our delegation" if outgoing else (f"the delegation of {guests}" if guests else "the delegation")
        first = (f"Allow me to thank you for the warm welcome you gave {whom}{f' ({details})' if details else ''}"
                 f" and for your part in the programme of the visit{named}.")
        return [first, f"The discussion of {subject} was an important step for our cooperation, and I look "
                       "forward to continuing it."]
    first = (f"Allow me to thank you for your contribution to the programme of the visit{named}"
             f"{f' ({details})' if details else ''}.")
    return [first, f"Your participation in the discussion of {subject} helped make the visit a success, and I "
                   "count on your support as we follow up on what was agreed."]


def _filename(index: int, name: str) -> str:
    stem = re.sub(r"[^\w.-]+", "-", name, flags=re.UNICODE).strip("-._")[:60] or "recipient"
    return f"{index:02d}-{stem}.pdf"


def render_thank_you_letters(data: ThankYouLetters, lang: str = "en", paper: str = "a4") -> list[Letter]:
    """One letter per recipient, in the order of ``data.recipients``."""
    labels = Labels(lang)
    letters: list[Letter] = []
    with RENDER_LOCK:
        s = make_styles()
        right = ParagraphStyle("right", parent=s.body, alignment=TA_RIGHT)
        office = ParagraphStyle("office", parent=s.body, fontSize=12, leading=15, textColor=ACCENT)
        letter_body = ParagraphStyle("letter", parent=s.body, fontSize=11, leading=16, spaceAfter=10)
        signatory = _localized(data.signatory, data.signatory_variants, lang)
        for i, r in enumerate(data.recipients, 1):
            name = _localized(r.name, r.name_variants, lang)
            if r.honorific and (lang != "ru" or _CYRILLIC.search(r.honorific)):
                name = f"{r.honorific} {name}"
            buffer = io.BytesIO()
            doc = SimpleDocTemplate(buffer, pagesize=page_size(paper), leftMargin=25 * mm, rightMargin=25 * mm,
                                    topMargin=25 * mm, bottomMargin=25 * mm, initialFontName=FAMILY,
                                    title=f"{SUBJECT[lang]}: {name}", subject=data.visit_title,
                                    author=data.issuing_office or data.signatory or "Organizer", creator="Organizer")
            story: list[Flowable] = [Paragraph(safe(data.issuing_office), office), Spacer(1, 2),
                                     HRFlowable(width="100%", thickness=0.8, color=RULE, spaceBefore=2, spaceAfter=2)]
            story += [Spacer(1, 8 * mm), Paragraph(safe(labels.date(data.letter_date)), right), Spacer(1, 6 * mm)]
            recipient = [name, r.title or "", r.institution or ""]
            story += [Paragraph(safe(x), s.body) for x in recipient if x]
            story += [Spacer(1, 10 * mm), Paragraph(safe(salutation(r, lang)), letter_body)]
            story += [Paragraph(safe(p), letter_body) for p in body(data, r, lang, labels)]
            story += [Spacer(1, 6 * mm), Paragraph(safe(CLOSING[lang]), letter_body), Spacer(1, 12 * mm)]
            if signatory:
                story += [Paragraph(f"<b>{safe(signatory)}</b>", s.body)]
                if data.signatory_title:
                    story.append(Paragraph(safe(data.signatory_title), s.body))
            else:  # nobody of the office took part: the office itself signs
                story += [Paragraph(f"<b>{safe(data.issuing_office or labels['host_side'])}</b>", s.body)]
            doc.build(story)
            letters.append(Letter(r, _filename(i, r.name), buffer.getvalue()))
    return letters
