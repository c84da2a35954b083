"""The people list's reads in plain SQL on the standard library's ``sqlite3``: no SQLAlchemy needed.

The desktop app's first screen is the people list. On a SQLite file its first page of ids and its rows
are read here, over ``Database.plain_reader()``, so the window paints them before SQLAlchemy (about
0.2 s of CPU, more than a bare Qt window takes to show) has been imported; everything else reads through
SQLAlchemy Core (``store.schema`` and the services), and so does PostgreSQL.

The statements are the ones SQLAlchemy renders for the Core queries they stand for
(``services.browse`` with the usual order of people, ``services.browse.people_rows``);
``tests/unit/test_plain_reads.py`` checks that both give the same results on a generated database.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

CHUNK = 500
"""Ids bound per statement (SQLite allows at most 32,766 bound values; older builds 999)."""

PersonColumns = tuple[int, str, str, str, str, str]
"""id, given_name, middle_name, family_name, display_name, honorific."""


def first_person_ids(con: sqlite3.Connection, limit: int) -> tuple[list[int], int]:
    """The first ``limit`` person ids in the list's usual order (by sort name, then id) and the number
    of people, read in the caller's transaction."""
    ids = [r[0] for r in con.execute("SELECT person.id FROM person ORDER BY person.sort_name, person.id LIMIT ?",
                                     (limit,))]
    if len(ids) < limit:
        return ids, len(ids)
    return ids, int(con.execute("SELECT count(*) FROM person").fetchone()[0])


def _chunks(ids: Sequence[int]) -> list[tuple[str, tuple[int, ...]]]:
    out = []
    for start in range(0, len(ids), CHUNK):
        part = tuple(ids[start:start + CHUNK])
        out.append((",".join("?" * len(part)), part))
    return out


def people_columns(con: sqlite3.Connection, ids: Sequence[int]) -> tuple[
        dict[int, PersonColumns], dict[int, tuple[str, str]], dict[int, list[str]]]:
    """What a list row of each of these people shows: their names and honorific, their current position's
    title and institution name, and their tags in alphabetical order (three statements per 500 ids)."""
    people: dict[int, PersonColumns] = {}
    current: dict[int, tuple[str, str]] = {}
    tags: dict[int, list[str]] = {}
    for marks, part in _chunks(ids):
        for row in con.execute(
                "SELECT person.id, person.given_name, person.middle_name, person.family_name, person.display_name, "
                f"person.honorific FROM person WHERE person.id IN ({marks})", part):
            people[row[0]] = row
        for pid, title, inst in con.execute(
                "SELECT position.person_id, position.title, institution.name FROM position "
                "JOIN institution ON institution.id = position.institution_id "
                f"WHERE position.person_id IN ({marks}) AND position.is_current IS 1", part):
            current[pid] = (title, inst)
        for pid, tag in con.execute(
                f"SELECT person_tag.person_id, person_tag.tag FROM person_tag WHERE person_tag.person_id IN ({marks}) "
                "ORDER BY person_tag.tag", part):
            tags.setdefault(pid, []).append(tag)
    return people, current, tags
