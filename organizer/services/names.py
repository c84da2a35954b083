"""The names of records referred to by id, for showing a reference to a person (not ``person 12``).

``record_names(db, {"person": [3, 7], "institution": [2]})`` gives ``{"person": {3: "Evgeny Korzhikov",
...}, ...}``: people by their full name, institutions by name (a unit with its parent's), visits and
meetings by title, follow-ups by description; ids of records gone are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from organizer.domain.enums import RecordKind
from organizer.services.browse import people_rows, record_rows
from organizer.services.institutions import list_institutions
from organizer.store.database import Database


def record_names(db: Database, wanted: Mapping[str, Iterable[int]]) -> dict[str, dict[int, str]]:
    """Names of the records ``wanted`` (kind's value -> ids); unknown kinds and gone ids are left out."""
    names: dict[str, dict[int, str]] = {}
    for kind_name, idents in wanted.items():
        ids = sorted({i for i in idents if isinstance(i, int)})
        if not ids:
            continue
        try:
            kind = RecordKind(kind_name)
        except ValueError:
            continue
        if kind is RecordKind.PERSON:
            found = {r.id: r.full_name for r in people_rows(db, ids)}
        elif kind is RecordKind.INSTITUTION:
            chosen = set(ids)
            found = {r.id: f"{r.name} ({r.parent_name})" if r.parent_name else r.name
                     for r in list_institutions(db) if r.id in chosen}
        else:
            found = {}
            for row in record_rows(db, kind, ids):
                text = getattr(row, "title", None) or getattr(row, "name", None) or getattr(row, "description", "")
                found[row.id] = " ".join(str(text).split())[:120]
        names[kind_name] = found
    return names
