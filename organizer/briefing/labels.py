"""Labels of the printed documents in English and Russian, and dates written the way each language does.

The person's facts that the field table marks for the documents (``domain.fields.PERSON.briefed``) are
labelled without an entry here: a field's label is the one the window shows (its translation in the
context ``Fields`` of ``resources/translations/organizer_<lang>.ts``, else the table's English), an enum
value's the window's too (context: the enum's name; English: the value, readable). An entry here (the
field's name, or ``name_value``) takes precedence where print wants other words.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from functools import cache

from organizer.domain.fields import PERSON, FieldType
from organizer.domain.languages import language_name, language_names, script_name

_EN: dict[str, str] = {
    "briefing": "Briefing book",
    "report": "Report on the visit",
    "person_dossier": "Personal dossier",
    "institution_dossier": "Institution dossier",
    "contents": "Contents",
    "purpose": "Purpose and desired outcomes",
    "topics": "Topics for discussion",
    "meeting_topics": "Topics",
    "delegation": "Delegation",
    "itinerary": "Programme of the visit",
    "biographies": "Biographies of the delegation",
    "hosts": "Host participants",
    "institutions": "Institutions",
    "institution": "Institution",
    "history": "History of relations",
    "followups": "Open follow-ups",
    "logistics": "Logistics and gifts",
    "summary": "Summary",
    "meetings": "Meetings, notes and outcomes",
    "agreed": "Agreed follow-ups",
    "participants": "Participants",
    "issued_by": "Issued by",
    "prepared_on": "Prepared on",
    "dates": "Dates",
    "place": "Place",
    "direction_incoming": "Incoming visit",
    "direction_outgoing": "Outgoing visit",
    "no": "No.",
    "yes": "Yes",
    "name": "Name",
    "position": "Position",
    "address_as": "Form of address",
    "languages": "Languages",
    "time": "Time",
    "venue": "Venue",
    "attendees": "Principal attendees",
    "objectives": "Objectives",
    "talking_points": "Talking points",
    "agenda": "Agenda",
    "notes": "Notes",
    "outcomes": "Outcomes",
    "interpretation": "Interpretation",
    "dietary": "Dietary needs",
    "arrival": "Arrival",
    "departure": "Departure",
    "lodging": "Lodging",
    "transport": "Transport",
    "gifts_given": "Gifts given",
    "gifts_received": "Gifts received",
    "also_written": "Also written",
    "earlier": "Earlier visits and meetings with us",
    "expertise": "Expertise",
    "profile": "Profile",
    "key_people": "Key people",
    "part_of": "Part of",
    "units": "Units",
    "website": "Website",
    "location": "Location",
    "guest_side": "Guest side",
    "host_side": "Host side",
    "due": "Due",
    "owner": "Owner",
    "status": "Status",
    "source": "From",
    "done_on": "Done on",
    "what": "What",
    "none": "None recorded.",
    "no_history": "No earlier visits or meetings recorded.",
    "positions": "Positions",
    "contacts": "Contacts",
    "visits_meetings": "Visits and meetings",
    "people": "People",
    "biography": "Biography",
    "page_of": "page {page} of {total}",
    "visit": "visit",
    "meeting": "meeting",
    "present": "present",
    "open": "open",
    "done": "done",
    "dropped": "dropped",
    "all_day": "time to be confirmed",
    "role_head_of_delegation": "Head of delegation",
    "role_member": "Member",
    "role_interpreter": "Interpreter",
    "role_host_lead": "Lead host",
    "role_host": "Host",
    "role_presenter": "Presenter",
    "role_escort": "Escort",
    "summary_page": "At a glance",
    "purpose_only": "Purpose",
    "desired_outcomes": "Desired outcomes",
    "key_messages": "Key messages",
    "sensitivities": "Sensitivities: what not to raise",
    "programme_size": "Programme",
    "programme_size_value": "{meetings} meetings, {items} other items",
    "escort": "Escort",
    "kind": "Kind",
    "signed": "Signed",
    "valid_until": "Valid until",
    "parties": "Parties",
    "signatories": "Signatories",
    "agreements": "Agreements of the visit",
    "agreements_in_force": "Agreements in force",
    "no_agreements": "No agreements recorded.",
    "no_summary": "No summary of the visit recorded yet.",
    "no_details": "No details recorded.",
    "prepared_by": "Prepared by",
    "version": "Version",
    "distribution": "Distribution",
    "agreements_signed": "Agreements signed",
    "agreements_party": "Agreements",
}

_RU: dict[str, str] = {
    "briefing": "Справочные материалы к визиту",
    "report": "Отчёт о визите",
    "person_dossier": "Справка о персоне",
    "institution_dossier": "Справка об организации",
    "contents": "Содержание",
    "purpose": "Цель визита и ожидаемые результаты",
    "topics": "Темы для обсуждения",
    "meeting_topics": "Темы",
    "delegation": "Состав делегации",
    "itinerary": "Программа визита",
    "biographies": "Биографии членов делегации",
    "hosts": "Принимающая сторона",
    "institutions": "Организации",
    "institution": "Организация",
    "history": "История отношений",
    "followups": "Невыполненные договорённости",
    "logistics": "Логистика и подарки",
    "summary": "Итоги",
    "meetings": "Встречи, записи и результаты",
    "agreed": "Достигнутые договорённости",
    "participants": "Участники",
    "issued_by": "Подготовлено",
    "prepared_on": "Дата подготовки",
    "dates": "Даты",
    "place": "Место",
    "direction_incoming": "Входящий визит",
    "direction_outgoing": "Исходящий визит",
    "no": "№",
    "yes": "Да",
    "name": "Имя",
    "position": "Должность",
    "address_as": "Обращение",
    "languages": "Языки",
    "time": "Время",
    "venue": "Место",
    "attendees": "Основные участники",
    "objectives": "Цели",
    "talking_points": "Тезисы к беседе",
    "agenda": "Повестка",
    "notes": "Записи",
    "outcomes": "Результаты",
    "interpretation": "Устный перевод",
    "dietary": "Питание",
    "arrival": "Прибытие",
    "departure": "Отъезд",
    "lodging": "Размещение",
    "transport": "Транспорт",
    "gifts_given": "Подарки (вручены)",
    "gifts_received": "Подарки (получены)",
    "also_written": "Другие написания",
    "earlier": "Прежние визиты и встречи с нами",
    "expertise": "Специализация",
    "profile": "Профиль",
    "key_people": "Руководство",
    "part_of": "Входит в",
    "units": "Подразделения",
    "website": "Сайт",
    "location": "Местонахождение",
    "guest_side": "Гостевая сторона",
    "host_side": "Принимающая сторона",
    "due": "Срок",
    "owner": "Ответственный",
    "status": "Статус",
    "source": "Источник",
    "done_on": "Выполнено",
    "what": "Что сделать",
    "none": "Нет данных.",
    "no_history": "Прежних визитов и встреч не зафиксировано.",
    "positions": "Должности",
    "contacts": "Контакты",
    "visits_meetings": "Визиты и встречи",
    "people": "Сотрудники",
    "biography": "Биография",
    "page_of": "стр. {page} из {total}",
    "visit": "визит",
    "meeting": "встреча",
    "present": "по наст. время",
    "open": "открыто",
    "done": "выполнено",
    "dropped": "снято",
    "all_day": "время уточняется",
    "role_head_of_delegation": "Руководитель делегации",
    "role_member": "Член делегации",
    "role_interpreter": "Переводчик",
    "role_host_lead": "Руководитель принимающей стороны",
    "role_host": "Принимающая сторона",
    "role_presenter": "Докладчик",
    "role_escort": "Сопровождающий",
    "summary_page": "Краткая справка",
    "purpose_only": "Цель визита",
    "desired_outcomes": "Желаемые результаты",
    "key_messages": "Ключевые тезисы",
    "sensitivities": "Деликатные вопросы: что не поднимать",
    "programme_size": "Программа",
    "programme_size_value": "встреч: {meetings}, других пунктов: {items}",
    "escort": "Сопровождает",
    "kind": "Вид",
    "signed": "Подписано",
    "valid_until": "Действует до",
    "parties": "Стороны",
    "signatories": "Подписали",
    "agreements": "Соглашения визита",
    "agreements_in_force": "Действующие соглашения",
    "no_agreements": "Соглашений не зафиксировано.",
    "no_summary": "Итоги визита пока не записаны.",
    "no_details": "Сведений нет.",
    "prepared_by": "Подготовил",
    "version": "Версия",
    "distribution": "Рассылка",
    "agreements_signed": "Подписанные соглашения",
    "agreements_party": "Соглашения",
}

LABELS = {"en": _EN, "ru": _RU}

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря"),
}


class Labels:
    """``labels["delegation"]`` and date formatting for one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._table = LABELS[lang]

    def __getitem__(self, key: str) -> str:
        return self._table.get(key, _EN.get(key, key))

    def date(self, d: dt.date | None) -> str:
        if d is None:
            return ""
        month = _MONTHS[self.lang][d.month - 1]
        return f"{d.day} {month} {d.year}" + (" г." if self.lang == "ru" else "")

    def datetime(self, when: dt.datetime | None) -> str:
        """A moment in this language's date style: "11 March 2025, 21:40", «11 марта 2025 г., 21:40»."""
        if when is None:
            return ""
        return f"{self.date(when.date())}, {when.strftime('%H:%M')}"

    def language(self, code: str) -> str:
        """A language's name for this reader ("uz": "Uzbek", «узбекский»); an unknown code as it is."""
        return language_name(code, self.lang)

    def languages(self, codes: Iterable[str]) -> str:
        return language_names(codes, self.lang)

    def script(self, code: str) -> str:
        """A script's name for this reader ("Cyrl": "Cyrillic", «кириллица»)."""
        return script_name(code, self.lang)

    def span(self, start: dt.date | None, end: dt.date | None) -> str:
        if start is None:
            return self.date(end)
        if end is None or end == start:
            return self.date(start)
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{self.date(end)}"
        return f"{self.date(start)} – {self.date(end)}"

    def time_span(self, start: dt.datetime | None, end: dt.datetime | None) -> str:
        if start is None:
            return self["all_day"]
        text = start.strftime("%H:%M")
        if end is not None:
            text += "–" + (end.strftime("%H:%M") if end.date() == start.date() else self.datetime(end))
        return text

    def translated(self, context: str, english: str) -> str:
        """``english`` as the window translates it in ``context`` (itself in English, or untranslated)."""
        return _window_translations(self.lang).get((context, english), english)

    def person_facts(self, facts: Iterable[tuple[str, object]]) -> list[tuple[str, str]]:
        """(label, text) of a person's table-driven facts (``BriefPerson.facts``) in this language; empty
        values give empty texts (left out by ``facts``)."""
        out = []
        for name, value in facts:
            fld = PERSON[name]
            label = self._table.get(name) or self.translated("Fields", fld.label)
            out.append((label, self._fact_text(name, fld.type, value)))
        return out

    def _fact_text(self, name: str, type_: FieldType, value: object) -> str:
        if value is None or value == "":
            return ""
        if type_ is FieldType.BOOL:
            return self["yes"] if value else ""
        if type_ is FieldType.ENUM:
            text = str(getattr(value, "value", value))
            own = self._table.get(f"{name}_{text}")
            if own is not None:
                return own
            readable = text.replace("_", " ")
            enum = PERSON[name].enum
            return self.translated(enum.__name__ if enum else "", readable[:1].upper() + readable[1:])
        return str(value)

    def role(self, value: str | None) -> str:
        return self[f"role_{value}"] if value else ""


@cache
def _window_translations(lang: str) -> dict[tuple[str, str], str]:
    """(context, English) -> the window's finished translation, read once from the shipped ``.ts``
    (none for English, or when the file is missing)."""
    if lang == "en":
        return {}
    from organizer.assets import resource

    try:
        root = ET.parse(resource("translations", f"organizer_{lang}.ts")).getroot()
    except (OSError, ET.ParseError):
        return {}
    found: dict[tuple[str, str], str] = {}
    for context in root.iter("context"):
        cname = context.findtext("name") or ""
        for msg in context.iter("message"):
            translation = msg.find("translation")
            source = msg.findtext("source")
            if source and translation is not None and translation.get("type") is None and translation.text:
                found[(cname, source)] = translation.text
    return found
