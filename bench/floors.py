"""Floors for ``bench_all.py``: the same output as the app, written by hand with sqlite3 and the stdlib.

Each function reads the tables directly (no SQLAlchemy, no services, no data objects, nothing of
``organizer``: only ``sqlite3`` and ``json``) and produces the
same JSON values as the command line, so the app can be compared with what SQLite and Python can do at
all on the same machine in the same run. ``bench_all.py`` checks that a floor's output equals the app's
before it times either, so a floor cannot cheat by doing less.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any, TextIO


def _name(given: str, middle: str, family: str, display: str) -> str:
    if display.strip():
        return display.strip()
    return " ".join(p.strip() for p in (given, middle, family) if p.strip())


def _moment(value: str | None) -> str | None:
    return datetime.fromisoformat(value).isoformat() if value is not None else None


def _position_key(row: tuple[Any, ...]) -> tuple[bool, int, int]:
    start = row[4]
    return (not row[6], -(date.fromisoformat(start).toordinal() if start else 0), row[0])


_GENERIC = (("gender", "gender"), ("academic_title", "academic_title"))
"""The person's generic fields (``domain.fields.PERSON.generic``: ``gender``...): JSON key and column, by
hand, so that the floor imports nothing but the standard library (importing the field table cost the floor
0.08 s of start-up), in the field table's order; ``tests/bench/test_floors.py`` fails when the field table
has another."""
_GENERIC_KEYS = tuple(key for key, _ in _GENERIC)
_GENERIC_EARLY = 1
"""How many of them follow ``form_of_address`` (the field table's order); the rest follow ``topics``."""
PERSON_COLUMNS = ("id, uid, version, created_at, updated_at, given_name, family_name, middle_name, honorific, "
                  "form_of_address, display_name, languages, biography, photo_type, notes, dietary_needs, "
                  "interpreter_needs" + "".join(f", {column}" for _, column in _GENERIC) + ", variants")
POSITION_SQL = ("SELECT p.person_id, p.id, p.title, i.name, p.institution_id, p.start_date, p.end_date, "
                "p.is_current, p.variants FROM position p JOIN institution i ON i.id = p.institution_id")


def _person(r: tuple[Any, ...], names: list[tuple[Any, ...]], positions: list[tuple[Any, ...]],
            emails: list[tuple[Any, ...]], phones: list[tuple[Any, ...]], tags: list[str],
            topics: list[str]) -> dict[str, Any]:
    positions = sorted(positions, key=_position_key)
    return {
        "id": r[0], "uid": r[1], "full_name": _name(r[5], r[7], r[6], r[10]),
        "given_name": r[5], "middle_name": r[7], "family_name": r[6], "honorific": r[8],
        "form_of_address": r[9], **dict(zip(_GENERIC_KEYS[:_GENERIC_EARLY], r[17:], strict=False)),
        "name_variants": [n[0] for n in names],
        "name_variant_details": [{"name": n[0], "script": n[1], "language": n[2]} for n in names],
        "positions": [{"id": q[0], "title": q[1], "institution": q[2], "institution_id": q[3],
                       "start_date": q[4], "end_date": q[5], "current": bool(q[6])} for q in positions],
        "emails": [e[0] for e in emails],
        "email_details": [{"address": e[0], "label": e[1]} for e in emails],
        "phones": [p[0] for p in phones],
        "phone_details": [{"number": p[0], "label": p[1]} for p in phones],
        "languages": json.loads(r[11]) if r[11] else [],
        "dietary_needs": r[15], "interpreter_needs": r[16],
        "tags": tags, "topics": topics,
        **dict(zip(_GENERIC_KEYS[_GENERIC_EARLY:], r[17 + _GENERIC_EARLY:], strict=False)), "version": r[2],
    }


def _variants(stored: str | None) -> dict[str, dict[str, str]]:
    """A ``variants`` column as the JSON writes it: fields and languages in order."""
    obj = json.loads(stored) if stored else {}
    return {f: dict(sorted(v.items())) for f, v in sorted(obj.items()) if v}


def show_person(con: sqlite3.Connection, pid: int) -> str:
    """``organizer show person ID --json``: the person, positions, contacts and attendance."""
    r = con.execute(f"SELECT {PERSON_COLUMNS} FROM person WHERE id = ?", (pid,)).fetchone()
    names = con.execute("SELECT name, script, language FROM person_name WHERE person_id = ? ORDER BY id",
                        (pid,)).fetchall()
    emails = con.execute("SELECT address, label FROM person_email WHERE person_id = ? ORDER BY id", (pid,)).fetchall()
    phones = con.execute("SELECT number, label FROM person_phone WHERE person_id = ? ORDER BY id", (pid,)).fetchall()
    tags = [t for (t,) in con.execute("SELECT tag FROM person_tag WHERE person_id = ? ORDER BY tag", (pid,))]
    topics = [t for (t,) in con.execute("SELECT t.name FROM person_topic pt JOIN topic t ON t.id = pt.topic_id "
                                         "WHERE pt.person_id = ? ORDER BY t.name", (pid,))]
    positions = [q[1:] for q in con.execute(POSITION_SQL + " WHERE p.person_id = ?", (pid,))]
    out = _person(r, names, positions, emails, phones, tags, topics)
    attended = [("visit", vid, title, start, side, role, vid) for vid, title, start, side, role in con.execute(
        "SELECT v.id, v.title, v.start_date, vp.side, vp.role FROM visit v "
        "JOIN visit_participant vp ON vp.visit_id = v.id WHERE vp.person_id = ?", (pid,))]
    attended += [("meeting", mid, title, starts[:10] if starts else None, side, role, vid)
                 for mid, title, starts, side, role, vid in con.execute(
                     "SELECT mt.id, mt.title, mt.starts_at, mp.side, mp.role, mt.visit_id FROM meeting mt "
                     "JOIN meeting_participant mp ON mp.meeting_id = mt.id WHERE mp.person_id = ?", (pid,))]
    attended.sort(key=lambda a: (a[3] or "0000-00-00", a[0] != "visit", a[1]))
    ordered = sorted(positions, key=_position_key)
    out.update(biography=r[12], notes=r[14], has_photo=bool(r[13]), variants=_variants(r[-1]),
               position_variants={str(q[0]): _variants(q[7]) for q in ordered if _variants(q[7])},
               created_at=_moment(r[3]),
               updated_at=_moment(r[4]),
               history=[{"kind": a[0], "id": a[1], "title": a[2], "date": a[3], "side": a[4], "role": a[5],
                         "visit_id": a[6]} for a in attended])
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def _grouped(con: sqlite3.Connection, sql: str) -> Iterator[tuple[int, list[tuple[Any, ...]]]]:
    """Rows of a query ordered by person id, grouped by it: one pass over the whole table."""
    pid, group = None, []
    for row in con.execute(sql):
        if row[0] != pid:
            if pid is not None:
                yield pid, group
            pid, group = row[0], []
        group.append(row[1:])
    if pid is not None:
        yield pid, group


def list_people(con: sqlite3.Connection, out: TextIO) -> int:
    """``organizer list people --json``, compact: each table read once, one ``json.dumps`` per person.

    Child tables are read whole into dicts keyed by person (that is what "read once" costs in memory);
    the people are then written in the app's order (by ``sort_name``).
    """
    def table(sql: str) -> dict[int, list[tuple[Any, ...]]]:
        return dict(_grouped(con, sql))

    names = table("SELECT person_id, name, script, language FROM person_name ORDER BY person_id, id")
    emails = table("SELECT person_id, address, label FROM person_email ORDER BY person_id, id")
    phones = table("SELECT person_id, number, label FROM person_phone ORDER BY person_id, id")
    tags = table("SELECT person_id, tag FROM person_tag ORDER BY person_id, tag")
    topics = table("SELECT pt.person_id, t.name FROM person_topic pt JOIN topic t ON t.id = pt.topic_id "
                   "ORDER BY pt.person_id, t.name")
    positions = table(POSITION_SQL + " ORDER BY p.person_id")
    write = out.write
    write("[")
    sep, n, empty = "\n", 0, []
    for r in con.execute(f"SELECT {PERSON_COLUMNS} FROM person ORDER BY sort_name, id"):
        pid = r[0]
        write(sep)
        write(json.dumps(_person(r, names.get(pid, empty), positions.get(pid, empty), emails.get(pid, empty),
                                 phones.get(pid, empty), [t[0] for t in tags.get(pid, empty)],
                                 [t[0] for t in topics.get(pid, empty)]), ensure_ascii=False))
        sep = ",\n"
        n += 1
    write("]\n" if sep == "\n" else "\n]\n")
    return n


TABLES_IN_ORDER = ("topic", "institution", "institution_name", "institution_topic", "person", "person_name",
                   "person_email", "person_phone", "person_tag", "person_topic", "position", "visit",
                   "visit_institution", "visit_participant", "visit_topic", "gift", "meeting", "meeting_participant",
                   "meeting_topic", "followup", "agreement", "agreement_party", "agreement_signatory")


def raw_copy(source: str, target: str) -> int:
    """Raw inserts of every row of ``source`` into the empty, migrated ``target``: one transaction,
    ``executemany`` per table, rows read with sqlite3. The floor of an import of the same records."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target, isolation_level=None)
    dst.execute("PRAGMA foreign_keys=ON")
    dst.execute("PRAGMA synchronous=FULL")
    dst.execute("PRAGMA temp_store=MEMORY")  # as the app sets it: statement journals of trigger-firing inserts
    dst.execute("BEGIN")
    total = 0
    for table in TABLES_IN_ORDER:
        cur = src.execute(f"SELECT * FROM {table}")
        width = len(cur.description)
        rows = cur.fetchall()
        dst.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * width)})", rows)
        total += len(rows)
    dst.execute("COMMIT")
    return total


def raw_insert(source: str, target: str, archive: str | None = None) -> int:
    """The floor of issue 20 for an archive import: ``raw_copy`` WITHOUT the search queue's per-row INSERT
    triggers (``search_q_*_insert``: the import drops them too, and queues its records in a few statements),
    dropped and created again inside the transaction as the import does. With ``archive``: the archive file
    is parsed first with the stdlib's ``json.load`` (whole, C parser; the values are dropped), so the cost
    of reading the same JSON is in the floor too.

    Leaves out what the import does besides: checking each record (text, dates, e-mail and phone rules),
    resolving uids to ids, the audit entries, queueing and building the search index at the commit,
    reading the file as a stream (the floor holds the parsed file whole)."""
    if archive is not None:
        with open(archive, "rb") as fh:
            json.load(fh)
    src, dst = sqlite3.connect(source), sqlite3.connect(target, isolation_level=None)
    dst.execute("PRAGMA foreign_keys=ON")
    dst.execute("PRAGMA synchronous=FULL")
    dst.execute("PRAGMA temp_store=MEMORY")
    dst.execute("BEGIN")
    triggers = dst.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                           "AND name LIKE 'search_q_%_insert'").fetchall()
    for name, _sql in triggers:
        dst.execute(f"DROP TRIGGER {name}")
    total = 0
    for table in TABLES_IN_ORDER:
        cur = src.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cur.description]  # by name: a source made before a newer migration still copies
        rows = cur.fetchall()
        dst.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", rows)
        total += len(rows)
    for _name, sql in triggers:
        dst.execute(sql)
    dst.execute("COMMIT")
    return total


def list_visits(con: sqlite3.Connection, out: TextIO) -> int:
    """``organizer list visits --json``: newest first, undated last, with each visit's meeting count."""
    rows = con.execute(
        "SELECT v.id, v.title, v.start_date, v.end_date, v.status, v.direction, v.place, coalesce(c.n, 0) "
        "FROM visit v LEFT JOIN (SELECT visit_id, count(*) AS n FROM meeting GROUP BY visit_id) c "
        "ON c.visit_id = v.id ORDER BY v.start_date IS NULL, v.start_date DESC, v.id DESC").fetchall()
    lines = [json.dumps({"id": r[0], "title": r[1], "start_date": r[2], "end_date": r[3], "status": r[4],
                         "direction": r[5], "place": r[6], "meeting_count": r[7]}, ensure_ascii=False)
             for r in rows]
    out.write("[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n")
    return len(lines)


def main(argv: list[str]) -> int:
    """``floors.py list-people DB``, ``list-visits DB``, ``show-person DB ID`` (JSON on stdout, as the
    commands write it), ``floors.py raw-copy SOURCE TARGET``, ``raw-insert SOURCE TARGET`` (without the
    search queue's insert triggers) or ``raw-insert-json ARCHIVE SOURCE TARGET`` (that, after parsing the
    archive's JSON)."""
    import sys

    if argv[:1] == ["list-visits"]:
        list_visits(sqlite3.connect(argv[1]), sys.stdout)
        return 0
    if argv[:1] == ["show-person"]:
        sys.stdout.write(show_person(sqlite3.connect(argv[1]), int(argv[2])))
        return 0
    if argv[:1] == ["list-people"]:
        con = sqlite3.connect(argv[1])
        list_people(con, sys.stdout)
        return 0
    if argv[:1] == ["raw-copy"]:
        raw_copy(argv[1], argv[2])
        return 0
    if argv[:1] == ["raw-insert"]:
        raw_insert(argv[1], argv[2])
        return 0
    if argv[:1] == ["raw-insert-json"]:
        raw_insert(argv[2], argv[3], archive=argv[1])
        return 0
    print(main.__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
