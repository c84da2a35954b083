"""The command line's lists on a SQLite file without SQLAlchemy or the record classes (issue 20, point 5):
``list institutions``, ``list meetings``, ``list followups``, ``list agreements`` and ``list programme``
on a standard-library ``sqlite3`` connection (``Database.plain_reader``).

Each function gives the values the command line writes (``cli.jsonout``'s objects: ``institution``,
``meeting``, ``followup``, ``agreement``, ``programme_item``) of the rows its service reads
(``services.institutions.list_institutions``, ``services.meetings.list_meetings``...), from the same
statements in the same order: ISO text for dates (as stored) and times (``T`` between date and time),
enum values as stored, the ``variants`` column through ``domain.rows.stored_variants``. Values, not record
objects: building the ~40 record classes (``domain.records``) would cost a short list more CPU than reading
and writing it. The command line's display language is None (texts as stored), so nothing is translated
here. Tests hold each equal to ``cli.jsonout`` of its service's rows (``tests/unit/test_plain_lists.py``);
PostgreSQL keeps the services' road (``services.plain``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime
from json import loads
from typing import Any

from organizer.domain.rows import compose_full_name, stored_variants, tree_order

Item = dict[str, Any]


def moment(value: str | None) -> str | None:
    """A stored date and time (``2025-03-11 10:00:00.000000``) as the JSON writes it (``2025-03-11T10:00:00``)."""
    return None if value is None else datetime.fromisoformat(value).isoformat()


def variants(stored: str | None) -> dict[str, dict[str, str]]:
    """A ``variants`` column's text as the JSON writes it."""
    return {} if stored is None else stored_variants(loads(stored))


# --- institutions ----------------------------------------------------------------------------------

INSTITUTION_ROWS = ("SELECT i.id, i.name, i.short_name, i.parent_id, parent.name, i.kind, i.country, i.city "
                    "FROM institution i LEFT OUTER JOIN institution AS parent ON parent.id = i.parent_id")
"""``services.institutions._rows_query``: the columns of an institution's list row."""


def institution_item(row: tuple[Any, ...]) -> Item:
    """``jsonout.institution`` of a row of ``INSTITUTION_ROWS``."""
    ident, name, short_name, parent_id, parent, kind, country, city = row
    return {"id": ident, "name": name, "short_name": short_name, "parent": parent, "parent_id": parent_id,
            "kind": kind, "country": country, "city": city}


def _id(item: Item) -> int:
    return item["id"]  # type: ignore[no-any-return]


def _parent(item: Item) -> int | None:
    return item["parent_id"]  # type: ignore[no-any-return]


def _name(item: Item) -> str:
    return item["name"]  # type: ignore[no-any-return]


def list_institutions(con: sqlite3.Connection) -> list[Item]:
    """Every institution, parents before their units, siblings by name (``domain.rows.tree_order``)."""
    items = [institution_item(r) for r in con.execute(INSTITUTION_ROWS + " ORDER BY i.name")]
    return tree_order(items, _id, _parent, _name)


# --- meetings --------------------------------------------------------------------------------------

_MEETINGS = ("SELECT mt.id, mt.title, mt.kind, mt.visit_id, mt.starts_at, mt.ends_at, i.name, mt.room FROM meeting mt "
             "LEFT OUTER JOIN institution i ON i.id = mt.venue_institution_id")
_MEETING_ORDER = " ORDER BY mt.starts_at IS NULL, mt.starts_at, mt.id"
_MEETING_PEOPLE = ("SELECT mp.meeting_id, p.given_name, p.middle_name, p.family_name, p.display_name "
                   "FROM meeting_participant mp JOIN person p ON p.id = mp.person_id")
_MEETING_PEOPLE_ORDER = " ORDER BY mp.side != 'guest', mp.id"


def list_meetings(con: sqlite3.Connection, visit_id: int | None = None) -> list[Item]:
    """``services.meetings.meeting_rows``: meetings in time order (undated last), each with its participants'
    names, guests first in the order they were entered; a visit's only with ``visit_id``."""
    if visit_id is None:
        meetings = con.execute(_MEETINGS + _MEETING_ORDER).fetchall()
        people = con.execute(_MEETING_PEOPLE + _MEETING_PEOPLE_ORDER)
    else:
        meetings = con.execute(_MEETINGS + " WHERE mt.visit_id = ?" + _MEETING_ORDER, (visit_id,)).fetchall()
        people = con.execute(_MEETING_PEOPLE + " WHERE mp.meeting_id IN (SELECT id FROM meeting WHERE visit_id = ?)"
                             + _MEETING_PEOPLE_ORDER, (visit_id,))
    names: dict[int, list[str]] = {}
    for meeting_id, given, middle, family, display in people:
        names.setdefault(meeting_id, []).append(compose_full_name(given, middle, family, display))
    empty: list[str] = []
    return [{"id": ident, "title": title, "kind": kind, "visit_id": vid, "starts_at": moment(starts),
             "ends_at": moment(ends), "venue": venue, "room": room, "participants": names.get(ident, empty)}
            for ident, title, kind, vid, starts, ends, venue, room in meetings]


# --- follow-ups ------------------------------------------------------------------------------------

_FOLLOWUPS = ("SELECT f.id, f.description, f.status, f.due_date, f.visit_id, f.meeting_id, p.id, p.given_name, "
              "p.middle_name, p.family_name, p.display_name, i.name, v.title, mt.title, f.done_on, f.done_note, "
              "f.variants FROM followup f LEFT OUTER JOIN person p ON p.id = f.owner_person_id "
              "LEFT OUTER JOIN institution i ON i.id = f.owner_institution_id "
              "LEFT OUTER JOIN visit v ON v.id = f.visit_id LEFT OUTER JOIN meeting mt ON mt.id = f.meeting_id")
_FOLLOWUP_ORDER = " ORDER BY f.status != 'open', f.due_date IS NULL, f.due_date, f.id"


def followups(con: sqlite3.Connection, where: str = "", params: tuple[Any, ...] = ()) -> list[Item]:
    """``services.followups.followup_rows``: open ones first, then by due date (undated last); ``where`` is a
    condition on ``f`` (the follow-up), with ``params`` its values."""
    sql = _FOLLOWUPS + (f" WHERE {where}" if where else "") + _FOLLOWUP_ORDER
    out = []
    for (ident, description, status, due, visit_id, meeting_id, person_id, given, middle, family, display,
         institution, visit_title, meeting_title, done_on, done_note, stored) in con.execute(sql, params):
        owners = (compose_full_name(given, middle, family, display) if person_id is not None else None, institution)
        out.append({"id": ident, "description": description, "status": status, "due_date": due,
                    "owner": " / ".join(o for o in owners if o) or None, "visit_id": visit_id,
                    "meeting_id": meeting_id, "visit": visit_title, "meeting": meeting_title, "done_on": done_on,
                    "done_note": done_note or "", "variants": variants(stored)})
    return out


def list_followups(con: sqlite3.Connection, status: str | None = None, visit_id: int | None = None) -> list[Item]:
    """``services.followups.list_followups`` (``status`` as stored: ``open``, ``done``, ``dropped``)."""
    where: list[str] = []
    params: list[Any] = []
    if status is not None:
        where.append("f.status = ?")
        params.append(status)
    if visit_id is not None:
        where.append("f.visit_id = ?")
        params.append(visit_id)
    return followups(con, " AND ".join(where), tuple(params))


# --- agreements ------------------------------------------------------------------------------------


def agreements(con: sqlite3.Connection, where: str = "", params: tuple[Any, ...] = ()) -> list[Item]:
    """``services.agreements.agreement_rows``: newest signed first (unsigned last), with their parties'
    names in the order entered; ``where`` is a condition on ``a`` (the agreement)."""
    condition = f" WHERE {where}" if where else ""
    parties: dict[int, list[str]] = {}
    for agreement_id, name in con.execute(
            "SELECT ap.agreement_id, i.name FROM agreement_party ap JOIN institution i ON i.id = ap.institution_id "
            f"WHERE ap.agreement_id IN (SELECT a.id FROM agreement a{condition}) ORDER BY ap.id", params):
        parties.setdefault(agreement_id, []).append(name)
    empty: list[str] = []
    return [{"id": ident, "title": title, "kind": kind, "status": status, "signed_date": signed,
             "valid_until": valid, "parties": parties.get(ident, empty), "variants": variants(stored)}
            for ident, title, kind, status, signed, valid, stored in con.execute(
                "SELECT a.id, a.title, a.kind, a.status, a.signed_date, a.valid_until, a.variants FROM agreement a"
                f"{condition} ORDER BY a.signed_date IS NULL, a.signed_date DESC, a.id", params)]


# --- programme items -------------------------------------------------------------------------------

_PROGRAMME = ("SELECT pi.id, pi.visit_id, pi.kind, pi.starts_at, pi.ends_at, pi.title, pi.place, pi.escort_person_id, "
              "p.given_name, p.middle_name, p.family_name, p.display_name, pi.transport, pi.notes, v.title, "
              "pi.variants FROM programme_item pi JOIN visit v ON v.id = pi.visit_id "
              "LEFT OUTER JOIN person p ON p.id = pi.escort_person_id")
_PROGRAMME_ORDER = " ORDER BY pi.starts_at IS NULL, pi.starts_at, pi.ends_at, pi.id"


def programme(con: sqlite3.Connection, where: str = "", params: tuple[Any, ...] = ()) -> list[Item]:
    """``services.programme.programme_rows``: items in time order (undated last), with the escort's name and
    the visit's title; ``where`` is a condition on ``pi`` (the item)."""
    return list(_programme(con.execute(_PROGRAMME + (f" WHERE {where}" if where else "") + _PROGRAMME_ORDER,
                                       params)))


def _programme(rows: Iterator[tuple[Any, ...]]) -> Iterator[Item]:
    for (ident, visit_id, kind, starts, ends, title, place, escort_id, given, middle, family, display, transport,
         notes, visit_title, stored) in rows:
        yield {"id": ident, "visit_id": visit_id, "kind": kind, "starts_at": moment(starts), "ends_at": moment(ends),
               "title": title, "place": place, "escort_person_id": escort_id,
               "escort": compose_full_name(given, middle, family, display) if escort_id is not None else None,
               "transport": transport, "notes": notes, "visit": visit_title, "variants": variants(stored)}


def list_programme(con: sqlite3.Connection, visit_id: int | None = None) -> list[Item]:
    """``services.programme.list_programme``: every item, or a visit's, in time order."""
    return programme(con, "pi.visit_id = ?", (visit_id,)) if visit_id is not None else programme(con)
