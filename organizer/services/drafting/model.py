"""The draft a news report proposes: plain data, no database (``extract`` fills it, ``matching`` links it)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class DraftPerson:
    full_name: str
    """As written in the report (English: the nominative is the only case)."""
    title: str = ""
    institution: str = ""
    side: str = "host"
    """``guest`` (the visiting delegation) or ``host``."""
    sentence: str = ""
    """The sentence the person was found in (shown to the reviewer)."""
    existing_id: int | None = None


@dataclass
class DraftInstitution:
    name: str
    parent: str | None = None
    sentence: str = ""
    existing_id: int | None = None


@dataclass
class DraftMeeting:
    title: str
    participants: list[str] = field(default_factory=list)
    institution: str | None = None
    topics: list[str] = field(default_factory=list)
    sentence: str = ""
    existing_id: int | None = None


@dataclass
class DraftFollowup:
    description: str
    sentence: str = ""
    existing_id: int | None = None


@dataclass
class DraftVisit:
    title: str = ""
    place: str = ""
    start_date: str | None = None
    end_date: str | None = None
    purpose: str = ""
    topics: list[str] = field(default_factory=list)
    guest_institution: str | None = None
    host_institutions: list[str] = field(default_factory=list)
    existing_id: int | None = None
    """An existing visit of the same guests (to the same hosts, on overlapping dates when stated)."""


@dataclass
class Draft:
    language: str
    visit: DraftVisit
    people: list[DraftPerson] = field(default_factory=list)
    institutions: list[DraftInstitution] = field(default_factory=list)
    meetings: list[DraftMeeting] = field(default_factory=list)
    followups: list[DraftFollowup] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    def person(self, name: str) -> DraftPerson | None:
        return next((p for p in self.people if p.full_name == name), None)

    def institution(self, name: str) -> DraftInstitution | None:
        key = name.casefold()
        return next((i for i in self.institutions if i.name.casefold() == key), None)
