"""What a mutation changed (``ChangeSet``) and what undoing a delete needs (``Snapshot``).

Every create, update and delete in ``organizer.services`` reports the records it touched, the way
Anki's operations return ``OpChanges``: a view refreshes only when a change set concerns its kind,
and an undo command restores a deleted record from the snapshot the delete handed back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from organizer.domain.enums import RecordKind


@dataclass(frozen=True, slots=True)
class Link:
    """A reference that a delete cut: ``kind`` record ``id`` had ``field`` pointing at the deleted one."""

    kind: RecordKind
    id: int
    field: str


@dataclass(frozen=True, slots=True)
class AttachmentCopy:
    """A file that was attached to a deleted record (deleted with it)."""

    id: int
    uid: str
    name: str
    media_type: str
    content: bytes = field(repr=False)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A deleted record as it was: enough to create it again with the same id and uid.

    ``data`` is the record's ``*Data`` input (uid included; a person's photo bytes included);
    ``dependents`` are records deleted with it (a visit's meetings); ``links`` the references to it
    that other records lost (a follow-up's meeting), put back on restore where still possible;
    ``attachments`` the files that were attached to it.
    """

    kind: RecordKind
    id: int
    data: Any
    dependents: tuple[Snapshot, ...] = ()
    links: tuple[Link, ...] = ()
    attachments: tuple[AttachmentCopy, ...] = ()


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """The records one service call created, changed or deleted.

    ``kind`` is the kind of the record the call was about; ``also`` names other kinds whose lists may
    look different now (deleting a visit deletes its meetings and unlinks its follow-ups). A delete's
    change set carries ``restore``, the snapshot to undo it with.
    """

    kind: RecordKind
    created: tuple[int, ...] = ()
    changed: tuple[int, ...] = ()
    deleted: tuple[int, ...] = ()
    also: frozenset[RecordKind] = frozenset()
    restore: Snapshot | None = None

    @property
    def ids(self) -> tuple[int, ...]:
        return self.created + self.changed + self.deleted

    def touches(self, kind: RecordKind) -> bool:
        """True if a view of ``kind`` records may have to refresh."""
        return kind is self.kind or kind in self.also

    @classmethod
    def of_create(cls, kind: RecordKind, ident: int, *, visit: int | None = None) -> ChangeSet:
        """A created record; ``visit``: it belongs to that visit, whose view shows it too."""
        return cls(kind, created=(ident,), also=frozenset({RecordKind.VISIT}) if visit is not None else frozenset())

    @classmethod
    def of_update(cls, kind: RecordKind, ident: int, *, visit: int | None = None) -> ChangeSet:
        return cls(kind, changed=(ident,), also=frozenset({RecordKind.VISIT}) if visit is not None else frozenset())
