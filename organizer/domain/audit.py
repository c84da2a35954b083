"""The audit trail as read objects: one ``AuditEntryView`` per change of a record (``services.audit``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from organizer.domain.enums import RecordKind

ACTIONS = ("create", "update", "delete", "merge", "unmerge", "erase", "import")
"""What an entry can record."""
HISTORY_KINDS = tuple(kind for kind in RecordKind if kind is not RecordKind.TOPIC)
"""Record kinds that have a history (``store.audit.TRACKED``)."""


@dataclass(frozen=True, slots=True)
class AuditEntryView:
    """Who did what to a record and when (``at`` in UTC).

    ``fields`` names the changed fields (never their values); ``detail`` holds what the action adds
    (a merge's other record, an import's counts). ``record_id`` is the record the entry was written
    for: in the history of a record that absorbed others by merging, their entries keep their own id.
    """

    id: int
    at: datetime
    user: str
    action: str
    kind: str | None
    record_id: int | None
    fields: tuple[str, ...] = ()
    detail: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> str:
        """One English line: "updated emails, notes", "merged person 7 into this one"."""
        if self.action == "update":
            return "changed " + (", ".join(self.fields) if self.fields else "nothing")
        if self.action == "merge":
            if "merged_id" in self.detail:
                return f"merged {self.kind} {self.detail['merged_id']} into this one"
            return f"merged into {self.kind} {self.detail.get('into_id', '?')}"
        if self.action == "unmerge":
            if "merged_id" in self.detail:
                return f"undid the merge of {self.kind} {self.detail['merged_id']}"
            return f"split off again from {self.kind} {self.detail.get('into_id', '?')}"
        if self.action == "import":
            added = self.detail.get("added", {})
            listed = ", ".join(f"{n} {k}" for k, n in added.items() if n)
            return f"imported an archive ({listed or 'nothing new'})"
        if self.action == "create" and self.detail.get("import"):
            return "created by an archive import"
        return {"create": "created", "delete": "deleted", "erase": "erased the personal data"}.get(
            self.action, self.action)
