"""Thank-you letters after a visit: one PDF per guest or host, from a template in English or Russian.

The template is plain text with ``{placeholders}``; user values are escaped before they are put into
paragraph markup, so a name with ``&`` or ``<`` prints as typed.
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
from organizer.domain.briefing import LetterRecipient, ThankYouLetters
from organizer.domain.enums import Side
from organizer.domain.records import NameVariant

TEMPLATES: dict[str, dict[str, str]] = {
    "en": {
        "salutation": "{address},",
        "default_address": "Dear {name}",
        "guest": (
            "On behalf of {office}, allow me to thank you for your visit to {place} on {dates} "
            "and for the productive talks held during the visit \u201c{visit}\u201d."
            "\n\nWe particularly valued the discussion of {topics}, and we look forward to following up "
            "on what was agreed and to continuing our cooperation."
        ),
        "host": (
            "Allow me to thank you for your contribution to the programme of the visit \u201c{visit}\u201d "
            "({dates}, {place}).\n\nYour participation in the discussion of {topics} helped make the visit a "
            "success, and I count on your support as we follow up on what was agreed."
        ),
        "closing": "Yours sincerely,",
        "subject": "Thank-you letter",
    },
    "ru": {
        "salutation": "{address}!",
        "default_address": "Уважаемый(-ая) {name}",
        "guest": (
            "От имени {office} позвольте поблагодарить Вас за визит ({place}, {dates}) и за плодотворные "
            "переговоры в рамках визита \u00ab{visit}\u00bb."
            "\n\nМы особенно ценим обсуждение тем: {topics}. Рассчитываем на выполнение достигнутых "
            "договорённостей и дальнейшее развитие сотрудничества."
        ),
        "host": (
            "Позвольте поблагодарить Вас за участие в программе визита \u00ab{visit}\u00bb ({dates}, {place})."
            "\n\nВаш вклад в обсуждение тем ({topics}) во многом обеспечил успех визита. Рассчитываю на Вашу "
            "поддержку в выполнении достигнутых договорённостей."
        ),
        "closing": "С уважением,",
        "subject": "Благодарственное письмо",
    },
}


@dataclass(frozen=True, slots=True)
class Letter:
    recipient: LetterRecipient
    filename: str
    pdf: bytes


def _localized(name: str, variants: tuple[NameVariant, ...], lang: str) -> str:
    """The name as written in the letter's language, when a variant in that language is known."""
    if lang == "en":
        return name
    return next((v.name for v in variants if v.language == lang and v.name.strip()), name)


def _filename(index: int, name: str) -> str:
    stem = re.sub(r"[^\w.-]+", "-", name, flags=re.UNICODE).strip("-._")[:60] or "recipient"
    return f"{index:02d}-{stem}.pdf"


def _fill(template: str, values: dict[str, str]) -> str:
    """Put escaped values into the template text (which itself is escaped too)."""
    parts = re.split(r"(\{\w+\})", template)
    return "".join(safe(values.get(p[1:-1], "")) if re.fullmatch(r"\{\w+\}", p) else safe(p) for p in parts)


def render_thank_you_letters(data: ThankYouLetters, lang: str = "en", paper: str = "a4") -> list[Letter]:
    """One letter per recipient, in the order of ``data.recipients``."""
    labels = Labels(lang)
    tpl = TEMPLATES[lang]
    letters: list[Letter] = []
    with RENDER_LOCK:
        s = make_styles()
        right = ParagraphStyle("right", parent=s.body, alignment=TA_RIGHT)
        office = ParagraphStyle("office", parent=s.body, fontSize=12, leading=15, textColor=ACCENT)
        letter_body = ParagraphStyle("letter", parent=s.body, fontSize=11, leading=16, spaceAfter=10)
        topics = ", ".join(data.topics) or data.visit_title
        dates = labels.span(data.start_date, data.end_date)
        signatory = _localized(data.signatory, data.signatory_variants, lang)
        for i, r in enumerate(data.recipients, 1):
            name = f"{r.honorific} {_localized(r.name, r.name_variants, lang)}".strip()
            address = r.form_of_address or tpl["default_address"].format(name=name)
            values = {"office": data.issuing_office or labels["host_side"], "place": data.place or "—",
                      "dates": dates or "—", "visit": data.visit_title, "topics": topics, "address": address}
            body = tpl["guest" if r.side is Side.GUEST else "host"]
            buffer = io.BytesIO()
            doc = SimpleDocTemplate(buffer, pagesize=page_size(paper), leftMargin=25 * mm, rightMargin=25 * mm,
                                    topMargin=25 * mm, bottomMargin=25 * mm, initialFontName=FAMILY,
                                    title=f"{tpl['subject']}: {name}", subject=data.visit_title,
                                    author=data.issuing_office or data.signatory or "Organizer", creator="Organizer")
            story: list[Flowable] = [Paragraph(safe(data.issuing_office), office), Spacer(1, 2),
                                     HRFlowable(width="100%", thickness=0.8, color=RULE, spaceBefore=2, spaceAfter=2)]
            story += [Spacer(1, 8 * mm), Paragraph(safe(labels.date(data.letter_date)), right), Spacer(1, 6 * mm)]
            recipient = [name, r.title or "", r.institution or ""]
            story += [Paragraph(safe(x), s.body) for x in recipient if x]
            story += [Spacer(1, 10 * mm), Paragraph(_fill(tpl["salutation"], values), letter_body)]
            story += [Paragraph(_fill(p, values), letter_body) for p in body.split("\n\n")]
            story += [Spacer(1, 6 * mm), Paragraph(safe(tpl["closing"]), letter_body), Spacer(1, 12 * mm)]
            story += [Paragraph(f"<b>{safe(signatory)}</b>", s.body)]
            if data.signatory_title:
                story.append(Paragraph(safe(data.signatory_title), s.body))
            doc.build(story)
            letters.append(Letter(r, _filename(i, r.name), buffer.getvalue()))
    return letters

