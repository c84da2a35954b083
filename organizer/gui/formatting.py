"""Plain-text formatting shared by the item models and the detail panes: dates, periods, numbers, enum labels.

Dates and numbers follow the interface language's locale (``QLocale()``, which
``organizer.gui.i18n`` sets as the default): ``11 Mar 2025`` in English, ``11 мар. 2025`` in Russian;
``1,234`` or ``1 234``. The shapes (``11–12 Mar 2025``, ``since …``) are translatable strings with
``%1`` placeholders. Enum values are shown through ``ENUM_LABELS``, one translatable label per value
of every enum in ``organizer.domain.enums``, translated in the context named after the enum
(a test checks none is missing).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

from organizer.domain import enums
from organizer.gui.i18n import QT_TRANSLATE_NOOP
from organizer.gui.kinds import GUI_KINDS

DASH = "–"
translate = QCoreApplication.translate


ENUM_LABELS: dict[type[StrEnum], dict[str, str]] = {
    enums.RecordKind: {kind.value: entry.title for kind, entry in GUI_KINDS.items()},
    enums.InstitutionKind: {
        enums.InstitutionKind.UNIVERSITY.value: QT_TRANSLATE_NOOP("InstitutionKind", "University"),
        enums.InstitutionKind.INSTITUTE.value: QT_TRANSLATE_NOOP("InstitutionKind", "Institute"),
        enums.InstitutionKind.FACULTY.value: QT_TRANSLATE_NOOP("InstitutionKind", "Faculty"),
        enums.InstitutionKind.DEPARTMENT.value: QT_TRANSLATE_NOOP("InstitutionKind", "Department"),
        enums.InstitutionKind.LABORATORY.value: QT_TRANSLATE_NOOP("InstitutionKind", "Laboratory"),
        enums.InstitutionKind.COMPANY.value: QT_TRANSLATE_NOOP("InstitutionKind", "Company"),
        enums.InstitutionKind.GOVERNMENT_BODY.value: QT_TRANSLATE_NOOP("InstitutionKind", "Government body"),
        enums.InstitutionKind.ACADEMY.value: QT_TRANSLATE_NOOP("InstitutionKind", "Academy"),
        enums.InstitutionKind.TECHNOPARK.value: QT_TRANSLATE_NOOP("InstitutionKind", "Technopark"),
        enums.InstitutionKind.CENTRE.value: QT_TRANSLATE_NOOP("InstitutionKind", "Centre"),
        enums.InstitutionKind.EMBASSY.value: QT_TRANSLATE_NOOP("InstitutionKind", "Embassy"),
        enums.InstitutionKind.ASSOCIATION.value: QT_TRANSLATE_NOOP("InstitutionKind", "Association"),
        enums.InstitutionKind.OTHER.value: QT_TRANSLATE_NOOP("InstitutionKind", "Other"),
    },
    enums.VisitDirection: {
        enums.VisitDirection.INCOMING.value: QT_TRANSLATE_NOOP("VisitDirection", "Incoming"),
        enums.VisitDirection.OUTGOING.value: QT_TRANSLATE_NOOP("VisitDirection", "Outgoing"),
    },
    enums.VisitStatus: {
        enums.VisitStatus.PLANNED.value: QT_TRANSLATE_NOOP("VisitStatus", "Planned"),
        enums.VisitStatus.UNDER_WAY.value: QT_TRANSLATE_NOOP("VisitStatus", "Under way"),
        enums.VisitStatus.DONE.value: QT_TRANSLATE_NOOP("VisitStatus", "Done"),
        enums.VisitStatus.CANCELLED.value: QT_TRANSLATE_NOOP("VisitStatus", "Cancelled"),
    },
    enums.Side: {
        enums.Side.GUEST.value: QT_TRANSLATE_NOOP("Side", "Guest"),
        enums.Side.HOST.value: QT_TRANSLATE_NOOP("Side", "Host"),
    },
    enums.ParticipantRole: {
        enums.ParticipantRole.HEAD_OF_DELEGATION.value: QT_TRANSLATE_NOOP("ParticipantRole", "Head of delegation"),
        enums.ParticipantRole.MEMBER.value: QT_TRANSLATE_NOOP("ParticipantRole", "Member"),
        enums.ParticipantRole.INTERPRETER.value: QT_TRANSLATE_NOOP("ParticipantRole", "Interpreter"),
        enums.ParticipantRole.HOST_LEAD.value: QT_TRANSLATE_NOOP("ParticipantRole", "Host lead"),
        enums.ParticipantRole.HOST.value: QT_TRANSLATE_NOOP("ParticipantRole", "Host"),
        enums.ParticipantRole.PRESENTER.value: QT_TRANSLATE_NOOP("ParticipantRole", "Presenter"),
        enums.ParticipantRole.ESCORT.value: QT_TRANSLATE_NOOP("ParticipantRole", "Escort"),
    },
    enums.MeetingKind: {
        enums.MeetingKind.MEETING.value: QT_TRANSLATE_NOOP("MeetingKind", "Meeting"),
        enums.MeetingKind.LAB_TOUR.value: QT_TRANSLATE_NOOP("MeetingKind", "Lab tour"),
        enums.MeetingKind.PRESENTATION.value: QT_TRANSLATE_NOOP("MeetingKind", "Presentation"),
        enums.MeetingKind.SIGNING.value: QT_TRANSLATE_NOOP("MeetingKind", "Signing"),
        enums.MeetingKind.RECEPTION.value: QT_TRANSLATE_NOOP("MeetingKind", "Reception"),
        enums.MeetingKind.TOUR.value: QT_TRANSLATE_NOOP("MeetingKind", "Tour"),
        enums.MeetingKind.OTHER.value: QT_TRANSLATE_NOOP("MeetingKind", "Other"),
    },
    enums.ProgrammeItemKind: {
        enums.ProgrammeItemKind.ARRIVAL.value: QT_TRANSLATE_NOOP("ProgrammeItemKind", "Arrival"),
        enums.ProgrammeItemKind.DEPARTURE.value: QT_TRANSLATE_NOOP("ProgrammeItemKind", "Departure"),
        enums.ProgrammeItemKind.TRANSFER.value: QT_TRANSLATE_NOOP("ProgrammeItemKind", "Transfer"),
        enums.ProgrammeItemKind.MEAL.value: QT_TRANSLATE_NOOP("ProgrammeItemKind", "Meal"),
        enums.ProgrammeItemKind.BREAK.value: QT_TRANSLATE_NOOP("ProgrammeItemKind", "Break"),
        enums.ProgrammeItemKind.FREE_TIME.value: QT_TRANSLATE_NOOP("ProgrammeItemKind", "Free time"),
        enums.ProgrammeItemKind.OTHER.value: QT_TRANSLATE_NOOP("ProgrammeItemKind", "Other"),
    },
    enums.FollowUpStatus: {
        enums.FollowUpStatus.OPEN.value: QT_TRANSLATE_NOOP("FollowUpStatus", "Open"),
        enums.FollowUpStatus.DONE.value: QT_TRANSLATE_NOOP("FollowUpStatus", "Done"),
        enums.FollowUpStatus.DROPPED.value: QT_TRANSLATE_NOOP("FollowUpStatus", "Dropped"),
    },
    enums.AgreementKind: {
        enums.AgreementKind.MOU.value: QT_TRANSLATE_NOOP("AgreementKind", "Memorandum of understanding"),
        enums.AgreementKind.COOPERATION_AGREEMENT.value: QT_TRANSLATE_NOOP("AgreementKind", "Cooperation agreement"),
        enums.AgreementKind.CONTRACT.value: QT_TRANSLATE_NOOP("AgreementKind", "Contract"),
        enums.AgreementKind.PROTOCOL_OF_INTENT.value: QT_TRANSLATE_NOOP("AgreementKind", "Protocol of intent"),
        enums.AgreementKind.OTHER.value: QT_TRANSLATE_NOOP("AgreementKind", "Other"),
    },
    enums.AgreementStatus: {
        enums.AgreementStatus.DRAFT.value: QT_TRANSLATE_NOOP("AgreementStatus", "Draft"),
        enums.AgreementStatus.NEGOTIATING.value: QT_TRANSLATE_NOOP("AgreementStatus", "Negotiating"),
        enums.AgreementStatus.SIGNED.value: QT_TRANSLATE_NOOP("AgreementStatus", "Signed"),
        enums.AgreementStatus.EXPIRED.value: QT_TRANSLATE_NOOP("AgreementStatus", "Expired"),
        enums.AgreementStatus.TERMINATED.value: QT_TRANSLATE_NOOP("AgreementStatus", "Terminated"),
    },
    enums.Gender: {
        enums.Gender.UNSPECIFIED.value: QT_TRANSLATE_NOOP("Gender", "Not specified"),
        enums.Gender.FEMALE.value: QT_TRANSLATE_NOOP("Gender", "Female"),
        enums.Gender.MALE.value: QT_TRANSLATE_NOOP("Gender", "Male"),
    },
    enums.GiftDirection: {
        enums.GiftDirection.GIVEN.value: QT_TRANSLATE_NOOP("GiftDirection", "Given"),
        enums.GiftDirection.RECEIVED.value: QT_TRANSLATE_NOOP("GiftDirection", "Received"),
    },
}
"""The label of every enum value, in English (translated by ``enum_label``)."""


def enum_label(value: StrEnum) -> str:
    """``head_of_delegation`` -> ``Head of delegation`` (or ``Глава делегации``).

    The translation context is the enum's class name, so equal English words of different enums
    (a visit ``Done``, a follow-up ``Done``) can take different Russian forms.
    """
    source = ENUM_LABELS.get(type(value), {}).get(value.value)
    if source is None:  # a value added to an enum but not here: readable English, and a test fails
        text = str(value.value).replace("_", " ")
        return text[:1].upper() + text[1:]
    return translate(type(value).__name__, source)


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def fmt_date(value: date | None) -> str:
    """``11 Mar 2025`` (``11 мар. 2025``), or an empty string for no date."""
    if value is None:
        return ""
    return QLocale().toString(_qdate(value), "d MMM yyyy")


def fmt_number(value: int) -> str:
    """``1,234`` (``1 234``)."""
    return QLocale().toString(value)


def fmt_day(value: date) -> str:
    """``Tue 11 Mar 2025``: a day of a programme."""
    return f"{QLocale().toString(_qdate(value), 'ddd')} {fmt_date(value)}"


def fmt_date_range(start: date | None, end: date | None) -> str:
    """``11–12 Mar 2025``, ``30 Mar – 2 Apr 2025``, ``since 11 Mar 2025``, ``until ...`` or ``""``."""
    if start is None and end is None:
        return ""
    if start is None:
        return translate("Formatting", "until %1").replace("%1", fmt_date(end))
    if end is None or end == start:
        return fmt_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}{DASH}{fmt_date(end)}"
    if start.year == end.year:
        return f"{QLocale().toString(_qdate(start), 'd MMM')} {DASH} {fmt_date(end)}"
    return f"{fmt_date(start)} {DASH} {fmt_date(end)}"


def fmt_period(start: date | None, end: date | None) -> str:
    """The period a position was held (``since 1 Sep 2019``), or ``""`` when undated."""
    if end is None:
        return translate("Formatting", "since %1").replace("%1", fmt_date(start)) if start is not None else ""
    return fmt_date_range(start, end)


def fmt_time(value: datetime) -> str:
    """``10:00`` (24-hour in both languages)."""
    return QLocale().toString(QTime(value.hour, value.minute), "HH:mm")


def fmt_time_span(start: datetime | None, end: datetime | None) -> str:
    """``Tue 11 Mar 2025, 10:00–11:15``; the end date is repeated only if it differs."""
    if start is None:
        return translate("Formatting", "(time not set)")
    weekday = QLocale().toString(_qdate(start.date()), "ddd")
    text = f"{weekday} {fmt_date(start.date())}, {fmt_time(start)}"
    if end is None:
        return text
    if end.date() == start.date():
        return f"{text}{DASH}{fmt_time(end)}"
    return f"{text} {DASH} {fmt_date(end.date())}, {fmt_time(end)}"


def plural(count: int, one: str, many: str | None = None) -> str:
    """English only (``1 visit``, ``3 visits``): for logs and tests. The GUI uses ``self.tr("%Ln visit(s)", "", n)``
    (lupdate sees the plural only in a ``tr()`` call with a count, not in ``QCoreApplication.translate``)."""
    return f"{count:,} {one if count == 1 else (many or one + 's')}"
