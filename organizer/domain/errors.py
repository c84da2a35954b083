"""The errors every layer raises; front ends print ``str(error)`` as one clear line."""

from __future__ import annotations


class OrganizerError(Exception):
    """Base of every error that should reach the user as a message, never as a traceback."""


class ValidationError(OrganizerError):
    """Input was rejected; nothing was written.

    ``problems`` maps a field name (``"given_name"``, ``"positions[1].end_date"``) to what is wrong with it.
    """

    def __init__(self, problems: dict[str, str] | str, *, record: str | None = None) -> None:
        if isinstance(problems, str):
            problems = {"": problems}
        self.problems = dict(problems)
        self.record = record
        parts = [f"{field}: {msg}" if field else msg for field, msg in self.problems.items()]
        prefix = f"{record}: " if record else ""
        super().__init__(prefix + "; ".join(parts))


class NotFoundError(OrganizerError):
    """A record asked for by id does not exist."""

    def __init__(self, kind: str, ident: int | str) -> None:
        self.kind = kind
        self.ident = ident
        super().__init__(f"no {kind} with id {ident}")


class ConflictError(OrganizerError):
    """Someone else changed or deleted the record since it was read (optimistic locking)."""


class InUseError(OrganizerError):
    """A record cannot be deleted because other records still refer to it."""


class DatabaseError(OrganizerError):
    """The database cannot be opened or read: not a database, corrupt, unreachable."""


class SchemaTooNewError(DatabaseError):
    """The database was written by a newer Organizer than this one."""


class ImportFormatError(OrganizerError):
    """An import file is not in a format we can read; nothing was imported."""
