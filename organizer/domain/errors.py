"""The errors every layer raises; front ends print ``str(error)`` as one clear line.

A validation problem also carries a ``code`` and ``params`` (``Problem``), so a front end in another
language can say the same thing in its own words; the English ``text`` stays what ``str(error)`` shows.

A message never repeats a whole input: each problem of a ValidationError is cut to a short excerpt
(a 10 MB field pasted into a form must not come back as a 10 MB error line).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from organizer.domain.kinds import RecordKind, word


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong with one field: a stable ``code`` (``"required"``, ``"too_long"``, ``"email"``...),
    the values the message mentions (``{"length": 301, "limit": 300}``) and the English text."""

    code: str
    text: str
    params: Mapping[str, Any] = field(default_factory=dict)


def plural(count: int, one: str, many: str | None = None) -> str:
    """English "1 visit" / "2 visits" (front ends in other languages use their own plural rules)."""
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


PROBLEM_LIMIT = 300
"""Longest text of one problem (or record label) in a ValidationError, in characters."""


def excerpt(text: str, limit: int = PROBLEM_LIMIT) -> str:
    """``text``, or its beginning and end around a note of how much was left out."""
    if len(text) <= limit:
        return text
    head = limit * 2 // 3
    tail = limit - head
    return f"{text[:head]}… [{len(text) - head - tail:,} characters left out] …{text[-tail:]}"


def _short_params(params: Mapping[str, Any]) -> Mapping[str, Any]:
    return {k: excerpt(v, 200) if isinstance(v, str) else v for k, v in params.items()}


class OrganizerError(Exception):
    """Base of every error that should reach the user as a message, never as a traceback."""


class ValidationError(OrganizerError):
    """Input was rejected; nothing was written.

    ``problems`` maps a field name (``"given_name"``, ``"positions[1].end_date"``) to what is wrong with it
    in English; ``issues`` maps the same fields to a ``Problem`` with a code and parameters.
    """

    def __init__(self, problems: Mapping[str, str | Problem] | str, *, record: str | None = None) -> None:
        if isinstance(problems, str):
            problems = {"": problems}
        self.issues: dict[str, Problem] = {
            excerpt(name, 120): Problem(p.code, excerpt(p.text), _short_params(p.params)) if isinstance(p, Problem)
            else Problem("invalid", excerpt(p)) for name, p in problems.items()
        }
        self.problems = {name: p.text for name, p in self.issues.items()}
        self.record = excerpt(record, 200) if record is not None else None
        parts = [f"{field}: {msg}" if field else msg for field, msg in self.problems.items()]
        prefix = f"{self.record}: " if self.record else ""
        super().__init__(prefix + "; ".join(parts))


class NotFoundError(OrganizerError):
    """A record asked for by id does not exist."""

    def __init__(self, kind: RecordKind | str, ident: int | str) -> None:
        self.kind = kind
        """A ``RecordKind``, or what else the id names (``attachment``, ``merge``)."""
        self.ident = ident
        super().__init__(f"no {word(kind)} with id {ident}")


class ConflictError(OrganizerError):
    """Someone else changed or deleted the record since it was read (optimistic locking)."""


class InUseError(OrganizerError):
    """A record cannot be deleted because other records still refer to it.

    ``uses`` counts what refers to it by kind (``{"visits": 2}``), for a front end's own wording.
    """

    def __init__(self, message: str, *, uses: Mapping[str, int] | None = None, name: str = "") -> None:
        super().__init__(message)
        self.uses = dict(uses or {})
        self.name = name


class DatabaseError(OrganizerError):
    """The database cannot be opened or read: not a database, corrupt, unreachable."""


class SchemaTooNewError(DatabaseError):
    """The database was written by a newer Organizer than this one."""


class DamagedDatabaseError(DatabaseError):
    """SQLite found damaged pages while reading or writing ("database disk image is malformed"):
    nothing was changed; the way out is a backup (the window offers one)."""


class ImportFormatError(OrganizerError):
    """An import file is not in a format we can read; nothing was imported."""


class AmbiguousError(OrganizerError):
    """A reference by name matches more than one record; ``candidates`` holds (id, label) of each."""

    def __init__(self, kind: RecordKind, text: str, candidates: list[tuple[int, str]]) -> None:
        self.kind = kind
        self.candidates = candidates
        listed = "; ".join(f"{ident}: {label}" for ident, label in candidates)
        super().__init__(f"{len(candidates)} {kind.info.words} match {text!r}, give the id: {listed}")
