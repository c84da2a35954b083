"""Thank-you letters after a visit: one document per guest or host, in English or Russian.

The assembly (``services.briefing.thank_you_letters``) gives every name, title and institution already in
the letters' language and script; this module writes the letter as protocol practice has it:

- the letterhead (the issuing office's name, address and website), then the date and the outgoing number
  («11 марта 2025 г. № 01-12/345», "11 March 2025 · Ref. 01-12/345"; a blank «№ ______» to fill in);
- the greeting by gender, honorific and patronymic: «Уважаемый Евгений Александрович!» (with a
  patronymic), «Уважаемый господин Коржиков!» / «Уважаемая госпожа Галиева!» (without), «Уважаемый
  профессор Ван!»; "Dear Mr Korzhikov,", "Dear Professor Wang,", "Your Excellency,"; a stored form of
  address first («Уважаемый господин Президент!», "Dear Mr. President,"); with nothing known of the
  gender, the neutral «Здравствуйте, Евгений Коржиков!» / "Dear Evgeny Korzhikov," (gender is never
  guessed from a name);
- Russian typography: quotes «…» with „…“ inside, topics lower-case inside a sentence, a visit title that
  starts with «Визит» runs into the sentence («за визит делегации …») instead of «визита «Визит …»»;
- the signature: the signatory's title on the left, the name with initials first on the right
  («Д. Пашин»).

Every string is escaped before it goes into paragraph markup, so a name with ``&`` or ``<`` prints as typed.
``letter_story`` gives one letter's story; ``render_thank_you_letters`` lays it out as PDF or .docx.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Paragraph, SimpleDocTemplate, Spacer, Table

from organizer.briefing.common import ACCENT, RULE, Styles, make_styles, page_size, safe, table_style
from organizer.briefing.fonts import FAMILY, RENDER_LOCK
from organizer.briefing.labels import Labels
from organizer.domain.briefing import LetterRecipient, ThankYouLetters
from organizer.domain.enums import Side, VisitDirection
from organizer.domain.scripts import honorific_entry, honorific_in, in_script

_PATRONYMIC_M = re.compile(r"[а-яё]+(?:ович|евич|ьич|ич|оглы)$")
_PATRONYMIC_F = re.compile(r"[а-яё]+(?:овна|евна|ична|инична|кызы)$")

CLOSING = {"en": "Yours sincerely,", "ru": "С уважением,"}
SUBJECT = {"en": "Thank-you letter", "ru": "Благодарственное письмо"}
BLANK_NUMBER = "______"


@dataclass(frozen=True, slots=True)
class Letter:
    recipient: LetterRecipient
    filename: str
    pdf: bytes
    """The letter's bytes: PDF, or .docx when that format was asked for."""


def quoted(text: str, lang: str) -> str:
    """``text`` in the language's quotes, quotes inside it turned into the inner kind: «АО „Фирма“»,
    “the ‘Firm’ visit”."""
    outer, inner = (("«", "»"), ("„", "“")) if lang == "ru" else (("\u201c", "\u201d"), ("\u2018", "\u2019"))
    text = text.strip()
    text = re.sub(r"[«\"“„](.*?)[»\"”“]", lambda m: f"{inner[0]}{m.group(1)}{inner[1]}", text)
    return f"{outer[0]}{text}{outer[1]}"


def mid_sentence(text: str) -> str:
    """A topic inside a sentence: its first letter lower-case unless the word is an abbreviation (КФУ,
    ICT) or a name written with capitals inside (McKinsey)."""
    word = text.strip().split(" ", 1)[0] if text.strip() else ""
    if len(word) > 1 and any(ch.isupper() for ch in word[1:]):
        return text.strip()
    return text.strip()[:1].lower() + text.strip()[1:]


def _first_word(text: str) -> str:
    words = text.strip().split()
    return words[0].rstrip(".").casefold() if words else ""


def gender_of(r: LetterRecipient) -> str | None:
    """"m", "f" or None: the stored gender, else a stored honorific or form of address (Mr, Ms, господин,
    госпожа...), else the grammatical form of a Russian patronymic. Never guessed from given names or
    surnames."""
    if r.gender in ("male", "female"):
        return r.gender[0]
    for text in (r.honorific, r.form_of_address):
        entry = honorific_entry(_first_word(text))
        if entry is not None and entry[2] == "courtesy":
            return "f" if entry[1] == "госпожа" else "m"
    patronymic = r.patronymic.casefold()
    if _PATRONYMIC_F.fullmatch(patronymic):
        return "f"
    if _PATRONYMIC_M.fullmatch(patronymic):
        return "m"
    return None


def _natural(r: LetterRecipient) -> str:
    return " ".join(x for x in (r.given_name, r.family_name) if x) or r.name


def salutation(r: LetterRecipient, lang: str) -> str:
    """The opening line of the letter, punctuation included (the rules are in the module docstring)."""
    gender = gender_of(r)
    foa = r.form_of_address.strip() if in_script(r.form_of_address, lang) else ""
    family = r.family_name.strip() or r.name
    if lang == "ru":
        dear = "Уважаемая" if gender == "f" else "Уважаемый"
        if foa:
            if _first_word(foa).startswith(("уважаем", "глубокоуважаем")):
                return f"{foa}!"
            if gender is None:
                return f"{foa}!"
            entry = honorific_entry(_first_word(foa))
            if entry is not None:  # «Господин Президент» inside the greeting: «господин Президент»
                foa = foa[:1].lower() + foa[1:]
            return f"{dear} {foa}!"
        if r.patronymic and r.given_name:
            return f"{dear} {r.given_name} {r.patronymic}!"
        rank = honorific_in(r.honorific, "ru", courtesy=False)
        if gender is not None:
            title = rank or ("госпожа" if gender == "f" else "господин")
            return f"{dear} {title} {family}!"
        return f"Здравствуйте, {_natural(r)}!"
    if foa:
        return f"{foa}," if _first_word(foa) in {"dear", "your"} else f"Dear {foa},"
    entry = honorific_entry(r.honorific)
    if entry is not None and entry[0].endswith("Excellency"):
        return "Your Excellency,"
    if entry is not None and (entry[2] == "rank" or gender is None):
        return f"Dear {entry[0]} {family},"
    if gender is not None:
        return f"Dear {'Ms' if gender == 'f' else 'Mr'} {family},"
    honorific = r.honorific.strip()
    if honorific and in_script(honorific, "en"):
        return f"Dear {honorific} {family},"
    return f"Dear {_natural(r)},"


def _kind(r: LetterRecipient) -> str:
    return r.kind or ("visit" if r.side is Side.GUEST else "colleague")


def _join(*parts: str | None) -> str:
    return ", ".join(p.strip() for p in parts if p and p.strip())


def _visit_phrase(title: str, lang: str, *, quote: bool = True) -> str:
    """What follows "визит"/"visit" in a sentence: a title starting with the word runs on («Визит делегации
    …» -> «делегации …»), another is quoted (or left out without ``quote``); "" when the title cannot
    stand in the letter."""
    title = " ".join(title.split())
    if not title or not in_script(title, lang):
        return ""
    word = "визит" if lang == "ru" else "visit"
    head, _, rest = title.partition(" ")
    if head.casefold().rstrip(":") == word and rest:
        return rest
    return quoted(title, lang) if quote else ""


def listing(items: list[str], lang: str) -> str:
    """«а, б и в», "a, b and c"."""
    items = [x for x in items if x]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {'и' if lang == 'ru' else 'and'} {items[-1]}"


def body(data: ThankYouLetters, r: LetterRecipient, lang: str, labels: Labels) -> list[str]:
    """The paragraphs of the letter (plain text): what it thanks for depends on the recipient's kind.

    The assembly gives the visit's title, place and topics in the letters' language where the data has
    them; a value still in another script is left out rather than mixing languages."""
    kind = _kind(r)
    dates = labels.span(data.start_date, data.end_date)
    place = data.place if data.place.strip() and in_script(data.place, lang) else ""
    visit = _visit_phrase(data.visit_title, lang)
    came = _visit_phrase(data.visit_title, lang, quote=False)  # "thank you for your visit": no quoted title
    topics = listing([mid_sentence(t) for t in data.topics if t.strip() and in_script(t, lang)], lang)
    office = data.issuing_office.strip()
    guests = data.guest_office.strip()
    if guests and guests in visit:  # the title names the guests already
        guests = ""
    outgoing = data.direction is VisitDirection.OUTGOING
    if lang == "ru":
        named = f" {visit}" if visit else ""
        when_where = _join(dates, place)
        if kind == "visit":
            first = (f"Позвольте поблагодарить Вас за визит{f' {came}' if came else ''}"
                     f"{f' ({when_where})' if when_where else ''} "
                     "и за плодотворные переговоры.")
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

    named = f" {visit}" if visit else ""
    subject = topics or "our common interests"
    if kind == "visit":
        lead = f"On behalf of {office}, allow me" if office else "Allow me"
        first = (f"{lead} to thank you for your visit{f' {came}' if came else ''}{f' to {place}' if place else ''}"
                 f"{f' on {dates}' if dates else ''} and for the productive talks held during it.")
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


def number_line(data: ThankYouLetters, index: int, lang: str, labels: Labels) -> str:
    """The date and outgoing number of letter ``index`` (from 1) of ``count``."""
    count = len(data.recipients)
    number = data.number.strip()
    if number and count > 1:
        number = f"{number}-{index}"
    when = labels.date(data.letter_date)
    if lang == "ru":
        return f"{when} № {number or BLANK_NUMBER}".strip()
    return f"{when} · Ref. {number or BLANK_NUMBER}".strip(" ·")


def _filename(index: int, name: str, ext: str) -> str:
    stem = re.sub(r"[^\w.-]+", "-", name, flags=re.UNICODE).strip("-._")[:60] or "recipient"
    return f"{index:02d}-{stem}.{ext}"


def letter_story(data: ThankYouLetters, r: LetterRecipient, index: int, lang: str, s: Styles,
                 width: float) -> list[Flowable]:
    """One letter as flowables: letterhead, date and number, address, greeting, body, signature."""
    labels = Labels(lang)
    office = s.body.clone("office", fontSize=12, leading=15, textColor=ACCENT, spaceAfter=1)
    letter_body = s.body.clone("letter", fontSize=11, leading=16, spaceAfter=10)
    name = r.name
    if r.honorific and in_script(r.honorific, lang):
        name = f"{r.honorific} {name}"
    story: list[Flowable] = [Paragraph(safe(data.issuing_office), office)]
    story += [Paragraph(safe(line), s.muted) for line in data.letterhead if line.strip()]
    story += [HRFlowable(width="100%", thickness=0.8, color=RULE, spaceBefore=3, spaceAfter=2)]
    story += [Spacer(1, 4 * mm), Paragraph(safe(number_line(data, index, lang, labels)), s.body), Spacer(1, 8 * mm)]
    recipient = [name, r.title or "", r.institution or ""]
    story += [Paragraph(safe(x), s.body) for x in recipient if x]
    story += [Spacer(1, 10 * mm), Paragraph(safe(salutation(r, lang)), letter_body)]
    story += [Paragraph(safe(p), letter_body) for p in body(data, r, lang, labels)]
    story += [Spacer(1, 6 * mm), Paragraph(safe(CLOSING[lang]), letter_body), Spacer(1, 10 * mm)]
    signature = data.signature or data.signatory
    if signature:
        left = [Paragraph(safe(data.signatory_title or ""), s.body)] if data.signatory_title else []
        if data.issuing_office and data.signatory_title:
            left.append(Paragraph(safe(data.issuing_office), s.muted))
        right = Paragraph(f"<b>{safe(signature)}</b>", s.body.clone("signature", alignment=2))
        block = Table([[left or "", right]], colWidths=[0.65 * width, 0.35 * width], hAlign="LEFT")
        block.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                    ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        story.append(block)
    else:  # nobody of the office took part: the office itself signs
        story += [Paragraph(f"<b>{safe(data.issuing_office or labels['host_side'])}</b>", s.body)]
    return story


def render_thank_you_letters(data: ThankYouLetters, lang: str = "en", paper: str = "a4",
                             fmt: str = "pdf") -> list[Letter]:
    """One letter per recipient, in the order of ``data.recipients``, as PDF or (``fmt="docx"``) .docx."""
    from organizer.briefing.editable import story_to_docx

    letters: list[Letter] = []
    width = page_size(paper)[0] - 50 * mm - 12  # the frame pads 6 points on each side
    with RENDER_LOCK:
        s = make_styles()
        for i, r in enumerate(data.recipients, 1):
            title = f"{SUBJECT[lang]}: {r.name}"
            story = letter_story(data, r, i, lang, s, width)
            filename = _filename(i, r.file_name or r.name, fmt)
            if fmt == "docx":
                content = story_to_docx(story, labels=Labels(lang), title=title, header="", paper=paper,
                                        author=data.issuing_office or data.signatory, cover=False, footer=False)
                letters.append(Letter(r, filename, content))
                continue
            buffer = io.BytesIO()
            doc = SimpleDocTemplate(buffer, pagesize=page_size(paper), leftMargin=25 * mm, rightMargin=25 * mm,
                                    topMargin=20 * mm, bottomMargin=25 * mm, initialFontName=FAMILY,
                                    title=title, subject=data.visit_title,
                                    author=data.issuing_office or data.signatory or "Organizer", creator="Organizer")
            doc.build(story)
            letters.append(Letter(r, filename, buffer.getvalue()))
    return letters
