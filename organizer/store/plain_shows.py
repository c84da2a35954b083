"""The command line's ``show`` of an institution, a visit, a meeting or a programme item on a SQLite file
without SQLAlchemy or the record classes (issue 20, point 5), on a standard-library ``sqlite3`` connection
(``Database.plain_reader``).

Each function gives the object the command line writes (``cli.jsonout``: ``institution_full``,
``visit_full``, ``meeting_full``, ``programme_item_full``) of the detail its service reads
(``services.institutions.get_institution``, ``services.visits.get_visit``, ``services.meetings.get_meeting``,
``services.programme.get_programme_item``), from the same statements in the same order, with the values as
``store.plain_lists`` writes them. Names are as stored (``compose_full_name``): the command line's display
language is None. An unknown id raises the services' ``NotFoundError``. Tests hold each equal to
``cli.jsonout`` of its service's detail (``tests/unit/test_plain_lists.py``).
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from organizer.domain.enums import RecordKind
from organizer.domain.errors import NotFoundError
from organizer.domain.rows import MAX_INSTITUTION_DEPTH, compose_full_name, name_sort_key, position_sort_key
from organizer.store.plain_lists import (
    INSTITUTION_ROWS,
    Item,
    agreements,
    followups,
    institution_item,
    list_meetings,
    moment,
    programme,
    variants,
)


def _row(con: sqlite3.Connection, sql: str, ident: int, kind: RecordKind) -> dict[str, Any]:
    """The record's row (its columns by name), or NotFoundError."""
    cur = con.execute(sql, (ident,))
    row = cur.fetchone()
    if row is None:
        raise NotFoundError(kind, ident)
    return dict(zip((d[0] for d in cur.description), row, strict=True))


def _topics(con: sqlite3.Connection, link: str, owner: str, ident: int) -> list[str]:
    return [t for (t,) in con.execute(f"SELECT topic.name FROM topic JOIN {link} ON topic.id = {link}.topic_id "
                                      f"WHERE {link}.{owner} = ? ORDER BY topic.name", (ident,))]


# --- participants ----------------------------------------------------------------------------------


def participants(con: sqlite3.Connection, link: str, owner: str, ident: int) -> list[Item]:
    """``services.meetings.participant_views`` of a participant table (``visit_participant``,
    ``meeting_participant``) for the record ``ident`` of its ``owner`` column, as ``jsonout.participant``
    writes them, in ``participant_order`` (guests first, then by precedence; ties as entered): each with the
    title and institution of their first position (current first, then the newest)."""
    precedence = f"{link}.precedence" if link == "visit_participant" else "0"
    rows = con.execute(
        f"SELECT {link}.person_id, {link}.side, {link}.role, {precedence}, p.given_name, p.middle_name, "
        f"p.family_name, p.display_name FROM {link} JOIN person p ON p.id = {link}.person_id "
        f"WHERE {link}.{owner} = ? ORDER BY {link}.id", (ident,)).fetchall()
    first: dict[int, tuple[tuple[bool, int, int], str, str]] = {}
    for person_id, position_id, title, start, current, institution in con.execute(
            "SELECT pos.person_id, pos.id, pos.title, pos.start_date, pos.is_current, i.name FROM position pos "
            "JOIN institution i ON i.id = pos.institution_id "
            f"WHERE pos.person_id IN (SELECT {link}.person_id FROM {link} WHERE {link}.{owner} = ?)", (ident,)):
        key = position_sort_key(bool(current), date.fromisoformat(start) if start else None, position_id)
        if person_id not in first or key < first[person_id][0]:
            first[person_id] = (key, title, institution)
    views = []
    for person_id, side, role, rank, given, middle, family, display in rows:
        held = first.get(person_id)
        views.append({"person_id": person_id, "full_name": compose_full_name(given, middle, family, display),
                      "title": held[1] if held else None, "institution": held[2] if held else None,
                      "side": side, "role": role, "precedence": rank})
    views.sort(key=lambda v: (0 if v["side"] == "guest" else 1, v["precedence"] or 10**6))
    return views


# --- institution -----------------------------------------------------------------------------------

_PATH = ("WITH RECURSIVE up(id, parent_id, name, depth) AS ("
         "SELECT id, parent_id, name, 1 FROM institution WHERE id = ? UNION ALL "
         "SELECT i.id, i.parent_id, i.name, up.depth + 1 FROM institution i JOIN up ON i.id = up.parent_id "
         f"WHERE up.depth < {MAX_INSTITUTION_DEPTH}) SELECT id, name FROM up ORDER BY depth")
_PEOPLE_AT = ("SELECT pos.person_id, p.given_name, p.middle_name, p.family_name, p.display_name, pos.title, "
              "pos.is_current FROM position pos JOIN person p ON p.id = pos.person_id WHERE pos.institution_id = ? "
              "ORDER BY pos.is_current DESC, pos.start_date DESC, pos.id")


def show_institution(con: sqlite3.Connection, ident: int) -> Item:
    """``jsonout.institution_full(services.institutions.get_institution(...))``: the institution with the path
    of its parents (at most ``MAX_INSTITUTION_DEPTH`` up; a cycle stops where it closes), its units, name
    variants, topics and the people who hold (or held) positions there."""
    row = _row(con, "SELECT * FROM institution WHERE id = ?", ident, RecordKind.INSTITUTION)
    path = [row["name"]]
    if row["parent_id"] is not None:
        seen = {ident}
        for up_id, name in con.execute(_PATH, (row["parent_id"],)):
            if up_id in seen:
                break
            seen.add(up_id)
            path.insert(0, name)
    units = sorted((institution_item(r) for r in con.execute(INSTITUTION_ROWS + " WHERE i.parent_id = ?", (ident,))),
                   key=lambda r: (name_sort_key(r["name"]), r["id"]))
    return {
        "id": ident, "uid": row["uid"], "name": row["name"], "short_name": row["short_name"],
        "parent": path[-2] if len(path) > 1 else None, "parent_id": row["parent_id"], "path": path,
        "kind": row["kind"],
        "name_variants": [n for (n,) in con.execute(
            "SELECT name FROM institution_name WHERE institution_id = ? ORDER BY id", (ident,))],
        "country": row["country"], "city": row["city"], "address": row["address"], "website": row["website"],
        "profile": row["profile"], "topics": _topics(con, "institution_topic", "institution_id", ident),
        "units": units,
        "people": [{"person_id": pid, "full_name": compose_full_name(given, middle, family, display), "title": title,
                    "current": bool(current)}
                   for pid, given, middle, family, display, title, current in con.execute(_PEOPLE_AT, (ident,))],
        "variants": variants(row["variants"]), "version": row["version"],
    }


# --- visit -----------------------------------------------------------------------------------------


def show_visit(con: sqlite3.Connection, ident: int) -> Item:
    """``jsonout.visit_full(services.visits.get_visit(...))``: the visit with its institutions (guests' first,
    by name), participants, topics, meetings, follow-ups, agreements, programme, logistics and gifts."""
    row = _row(con, "SELECT * FROM visit WHERE id = ?", ident, RecordKind.VISIT)
    one = (ident,)
    sides = con.execute("SELECT vi.institution_id, i.name, vi.side FROM visit_institution vi "
                        "JOIN institution i ON i.id = vi.institution_id WHERE vi.visit_id = ? ORDER BY vi.id",
                        one).fetchall()
    sides.sort(key=lambda t: (0 if t[2] == "guest" else 1, t[1].casefold()))
    return {
        "id": ident, "uid": row["uid"], "title": row["title"], "direction": row["direction"],
        "start_date": row["start_date"], "end_date": row["end_date"], "status": row["status"],
        "place": row["place"], "purpose": row["purpose"], "summary": row["summary"],
        "desired_outcomes": row["desired_outcomes"], "key_messages": row["key_messages"],
        "sensitivities": row["sensitivities"], "topics": _topics(con, "visit_topic", "visit_id", ident),
        "institutions": [{"id": i, "name": n, "side": s} for i, n, s in sides],
        "participants": participants(con, "visit_participant", "visit_id", ident),
        "meetings": list_meetings(con, ident),
        "followups": followups(con, "f.visit_id = ?", one),
        "agreements": agreements(con, "a.visit_id = ?", one),
        "programme": programme(con, "pi.visit_id = ?", one),
        "logistics": {
            "arrival_at": moment(row["arrival_at"]), "arrival_details": row["arrival_details"],
            "departure_at": moment(row["departure_at"]), "departure_details": row["departure_details"],
            "lodging": row["lodging"], "transport": row["transport"], "interpreter_needs": row["interpreter_needs"],
            "dietary_needs": row["dietary_needs"],
        },
        "gifts": [{"direction": direction, "description": description, "person_id": person_id,
                   "variants": variants(stored)}
                  for direction, description, person_id, stored in con.execute(
                      "SELECT direction, description, person_id, variants FROM gift WHERE visit_id = ? ORDER BY id",
                      one)],
        "variants": variants(row["variants"]), "version": row["version"],
    }


# --- meeting ---------------------------------------------------------------------------------------


def show_meeting(con: sqlite3.Connection, ident: int) -> Item:
    """``jsonout.meeting_full(services.meetings.get_meeting(...))``: the meeting with its visit's title, its
    venue, participants, topics and follow-ups."""
    row = _row(con, "SELECT mt.*, v.title AS visit_title, i.name AS venue_name FROM meeting mt "
                    "LEFT OUTER JOIN visit v ON v.id = mt.visit_id "
                    "LEFT OUTER JOIN institution i ON i.id = mt.venue_institution_id WHERE mt.id = ?",
               ident, RecordKind.MEETING)
    views = participants(con, "meeting_participant", "meeting_id", ident)
    return {
        "id": ident, "uid": row["uid"], "title": row["title"], "kind": row["kind"], "visit_id": row["visit_id"],
        "visit": row["visit_title"], "starts_at": moment(row["starts_at"]), "ends_at": moment(row["ends_at"]),
        "venue": row["venue_name"], "room": row["room"], "participants": [p["full_name"] for p in views],
        "participant_details": views, "objectives": row["objectives"], "talking_points": row["talking_points"],
        "agenda": row["agenda"], "notes": row["notes"], "outcomes": row["outcomes"],
        "topics": _topics(con, "meeting_topic", "meeting_id", ident),
        "followups": followups(con, "f.meeting_id = ?", (ident,)),
        "variants": variants(row["variants"]), "version": row["version"],
    }


# --- programme item --------------------------------------------------------------------------------


def show_programme_item(con: sqlite3.Connection, ident: int) -> Item:
    """``jsonout.programme_item_full(services.programme.get_programme_item(...))``: the listing's fields with
    the uid and version."""
    row = _row(con, "SELECT uid, version FROM programme_item WHERE id = ?", ident, RecordKind.PROGRAMME_ITEM)
    (item,) = programme(con, "pi.id = ?", (ident,))
    return {**item, "uid": row["uid"], "version": row["version"]}
