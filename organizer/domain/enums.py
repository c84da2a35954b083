"""Controlled vocabularies stored as short strings (readable in the database and in JSON)."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from organizer.domain.kinds import RecordKind as RecordKind

E = TypeVar("E", bound=StrEnum)


class InstitutionKind(StrEnum):
    UNIVERSITY = "university"
    INSTITUTE = "institute"
    FACULTY = "faculty"
    DEPARTMENT = "department"
    LABORATORY = "laboratory"
    COMPANY = "company"
    GOVERNMENT_BODY = "government_body"
    ACADEMY = "academy"
    TECHNOPARK = "technopark"
    CENTRE = "centre"
    EMBASSY = "embassy"
    ASSOCIATION = "association"
    OTHER = "other"


class VisitDirection(StrEnum):
    INCOMING = "incoming"
    OUTGOING = "outgoing"


class VisitStatus(StrEnum):
    PLANNED = "planned"
    UNDER_WAY = "under_way"
    DONE = "done"
    CANCELLED = "cancelled"


class Side(StrEnum):
    GUEST = "guest"
    HOST = "host"


class ParticipantRole(StrEnum):
    HEAD_OF_DELEGATION = "head_of_delegation"
    MEMBER = "member"
    INTERPRETER = "interpreter"
    HOST_LEAD = "host_lead"
    HOST = "host"
    PRESENTER = "presenter"
    ESCORT = "escort"


class MeetingKind(StrEnum):
    MEETING = "meeting"
    LAB_TOUR = "lab_tour"
    PRESENTATION = "presentation"
    SIGNING = "signing"
    RECEPTION = "reception"
    TOUR = "tour"
    OTHER = "other"


class ProgrammeItemKind(StrEnum):
    """What a programme item that is not a meeting is (issue 18): arrival, transfer, meal..."""

    ARRIVAL = "arrival"
    DEPARTURE = "departure"
    TRANSFER = "transfer"
    MEAL = "meal"
    BREAK = "break"
    FREE_TIME = "free_time"
    OTHER = "other"


class FollowUpStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class AgreementKind(StrEnum):
    MOU = "mou"
    COOPERATION_AGREEMENT = "cooperation_agreement"
    CONTRACT = "contract"
    PROTOCOL_OF_INTENT = "protocol_of_intent"
    OTHER = "other"


class AgreementStatus(StrEnum):
    DRAFT = "draft"
    NEGOTIATING = "negotiating"
    SIGNED = "signed"
    EXPIRED = "expired"
    TERMINATED = "terminated"


class Gender(StrEnum):
    """A person's gender, for the grammar of greetings and titles ("Уважаемая госпожа …", "Dear Mr …")."""

    UNSPECIFIED = ""
    FEMALE = "female"
    MALE = "male"


class GiftDirection(StrEnum):
    GIVEN = "given"
    RECEIVED = "received"


def parse_enum(enum: type[E], value: str | E, field: str) -> E:
    """Turn user text into an enum member, or raise ValidationError naming the allowed values."""
    if value.__class__ is str:  # the stored spelling (every record of an archive): one dict look-up
        found: E | None = enum._value2member_map_.get(value)  # type: ignore[assignment]
        if found is not None:
            return found
    from organizer.domain.errors import Problem, ValidationError

    try:
        return enum(str(value).strip().lower().replace(" ", "_").replace("-", "_"))
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise ValidationError({field: Problem("not_one_of", f"{value!r} is not one of: {allowed}",
                                              {"value": value, "allowed": allowed})}) from None
