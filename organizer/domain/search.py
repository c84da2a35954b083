"""Data objects of search, duplicate detection and merging (plain values; safe across threads)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from organizer.domain.changes import ChangeSet
from organizer.domain.enums import RecordKind


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One record found by a search."""

    kind: RecordKind
    """A person, institution, visit, meeting or follow-up (the kinds the index holds)."""
    id: int
    title: str
    snippet: str
    """The matching text: the name variant that matched, or a passage of the field around the words."""
    score: float
    """0-100; a name match scores above a mention in a text field."""
    field: str = ""
    """Where it matched: ``name``, ``name (spelling)``, ``name (one typo)`` or a field such as ``notes``."""


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: str
    hits: tuple[SearchHit, ...]
    """Best first."""

    def groups(self) -> list[tuple[RecordKind, list[SearchHit]]]:
        """Hits grouped by kind, the group with the best hit first, each group best first."""
        out: dict[RecordKind, list[SearchHit]] = {}
        for hit in self.hits:
            out.setdefault(hit.kind, []).append(hit)
        return list(out.items())


@dataclass(frozen=True, slots=True)
class DuplicateCandidate:
    """Two records that may be the same person or institution."""

    kind: RecordKind
    first_id: int
    second_id: int
    first_title: str
    second_title: str
    reasons: tuple[str, ...]
    """Why they look alike, e.g. ``same e-mail a@b.uz``, ``same name in another spelling``."""
    score: float
    """0-100: how sure; several reasons add up."""


@dataclass(frozen=True, slots=True)
class MergeResult:
    """What a merge did, and what undoing it needs."""

    kind: RecordKind
    kept_id: int
    merged_id: int
    merged_uid: str
    moved: dict[str, int]
    """Rows moved to the kept record, per table (``position: 2``, ``meeting_participant: 3``...)."""
    undo_token: str
    """Pass to ``merging.undo_merge`` to restore both records exactly as they were."""
    dropped: dict[str, int] = field(default_factory=dict)
    """Rows not moved because the kept record already had them (same meeting, same e-mail...)."""
    changes: ChangeSet | None = None
    """What the merge (or its undo) changed, for the views to refresh."""

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "kept_id": self.kept_id, "merged_id": self.merged_id,
                "merged_uid": self.merged_uid, "moved": self.moved, "dropped": self.dropped,
                "undo_token": self.undo_token}
