"""Row classes that a command can use without importing the record classes (``domain.records``: about 40
dataclasses, whose creation costs a command that reads ``list visits`` from a SQLite file more CPU than its
reading and writing; issue 20). ``domain.records`` re-exports them: import them from either.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from organizer.domain.enums import VisitDirection, VisitStatus


@dataclass(frozen=True, slots=True)
class VisitRow:
    """A visit as lists show it (``list visits``, the window's visits list): with its number of meetings."""

    id: int
    title: str
    direction: VisitDirection
    start_date: date | None
    end_date: date | None
    place: str
    status: VisitStatus
    meeting_count: int
