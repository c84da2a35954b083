"""Records to pick while a name is typed: the editors' pickers (a participant, a position's institution,
a meeting's visit, a follow-up's meeting) ask here as each key is typed.

``find(db, kind, text)`` is the spelling-insensitive search (``services.search``: any script, a typo,
"Коржиков" finds Korzhikov) limited to name matches of one kind, each hit labelled the way the
editors' choosers label that kind (a person with their current institution, a unit with its parent).
A database without a search index falls back to the names as typed. ``labels`` gives the same labels
for known ids (a stored record's choices); ``institutions_of`` tells which institutions a person
belongs to (a participant's side follows from them).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from organizer.domain.enums import RecordKind
from organizer.domain.namekeys import fold
from organizer.services.browse import meeting_rows_by_id, people_rows, visit_rows_by_id
from organizer.services.institutions import institution_rows, list_institutions
from organizer.services.meetings import list_meetings
from organizer.services.people import get_person, person_ids
from organizer.services.search import search
from organizer.services.visits import list_visits
from organizer.store.database import Database
from organizer.store.search.base import SearchUnavailableError

FIND_LIMIT = 12
"""At most this many records offered for the text typed so far."""
PICKABLE = (RecordKind.PERSON, RecordKind.INSTITUTION, RecordKind.VISIT, RecordKind.MEETING)


def labels(db: Database, kind: RecordKind, ids: Sequence[int]) -> dict[int, str]:
    """How a chooser names each record of ``ids`` (missing ones are left out)."""
    wanted = [i for i in dict.fromkeys(ids) if i is not None]
    if not wanted:
        return {}
    if kind is RecordKind.PERSON:
        return {r.id: f"{r.full_name} — {r.current_institution}" if r.current_institution else r.full_name
                for r in people_rows(db, wanted)}
    if kind is RecordKind.INSTITUTION:
        rows = {r.id: r for r in institution_rows(db, wanted)}
        return {i: f"{r.name} ({r.parent_name})" if r.parent_name else r.name
                for i in wanted if (r := rows.get(i)) is not None}
    if kind is RecordKind.VISIT:
        with db.read_connection() as conn:
            visits = {v.id: v for v in visit_rows_by_id(conn, wanted)}
        return {i: f"{v.title} ({v.start_date.isoformat()})" if v.start_date else v.title
                for i in wanted if (v := visits.get(i)) is not None}
    if kind is RecordKind.MEETING:
        with db.read_connection() as conn:
            meetings = {r.id: r for r in meeting_rows_by_id(conn, wanted)}
        return {i: _meeting_label(mr.title, mr.starts_at) for i in wanted if (mr := meetings.get(i)) is not None}
    every = _all_labels(db, kind)
    return {i: every[i] for i in wanted if i in every}


def _meeting_label(title: str, starts_at: datetime | None) -> str:
    return f"{title} ({starts_at:%Y-%m-%d %H:%M})" if starts_at else title


def _all_labels(db: Database, kind: RecordKind) -> dict[int, str]:
    if kind is RecordKind.INSTITUTION:
        return {r.id: f"{r.name} ({r.parent_name})" if r.parent_name else r.name for r in list_institutions(db)}
    if kind is RecordKind.VISIT:
        return {r.id: f"{r.title} ({r.start_date.isoformat()})" if r.start_date else r.title
                for r in list_visits(db)}
    if kind is RecordKind.MEETING:
        return {r.id: _meeting_label(r.title, r.starts_at) for r in list_meetings(db)}
    raise ValueError(f"records of kind {kind} are not picked by name")


def find(db: Database, kind: RecordKind, text: str, limit: int = FIND_LIMIT) -> list[tuple[int, str, str]]:
    """(id, label, matched) of the records of ``kind`` whose name matches ``text`` however it is spelt,
    best first; ``matched`` is the name variant that matched when it is spelt otherwise ("" if not)."""
    text = text.strip()
    if len(fold(text).replace(" ", "")) < 2 or kind not in PICKABLE:
        return []
    try:
        hits = [h for h in search(db, text, kinds=[kind], limit=limit).hits if h.field.startswith("name")]
    except SearchUnavailableError:
        return _find_as_typed(db, kind, text, limit)
    named = labels(db, kind, [h.id for h in hits])
    out = []
    for hit in hits:
        if hit.id not in named:
            continue
        label = named[hit.id]
        other = hit.snippet if hit.snippet and fold(hit.snippet) != fold(hit.title) and hit.snippet not in label else ""
        out.append((hit.id, label, other))
    return out


def _find_as_typed(db: Database, kind: RecordKind, text: str, limit: int) -> list[tuple[int, str, str]]:
    if kind is RecordKind.PERSON:
        return [(i, label, "") for i, label in labels(db, kind, person_ids(db, name=text)[:limit]).items()]
    words = fold(text).split()
    return [(i, label, "") for i, label in _all_labels(db, kind).items()
            if all(w in fold(label) for w in words)][:limit]


def institutions_of(db: Database, person_id: int) -> tuple[int, ...]:
    """The institutions of a person's current positions (of all positions when none is current)."""
    positions = get_person(db, person_id).data.positions
    current = [p.institution_id for p in positions if p.current]
    return tuple(dict.fromkeys(current or [p.institution_id for p in positions]))
