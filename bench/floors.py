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


def _array(items: list[dict[str, Any]], out: TextIO) -> int:
    """A list as the command line writes it: ``[``, one compact object a line, ``]``."""
    lines = [json.dumps(i, ensure_ascii=False) for i in items]
    out.write("[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n")
    return len(lines)


def _one(item: dict[str, Any]) -> str:
    """A record as the command line writes it: indented, and a newline."""
    return json.dumps(item, ensure_ascii=False, indent=2) + "\n"


def _sort_key(name: str) -> str:
    return name.lstrip("\"'«»“”„‘’ ").casefold()


INSTITUTION_SQL = ("SELECT i.id, i.name, i.short_name, i.parent_id, p.name, i.kind, i.country, i.city "
                   "FROM institution i "
                   "LEFT JOIN institution p ON p.id = i.parent_id")


def _institution(r: tuple[Any, ...]) -> dict[str, Any]:
    return {"id": r[0], "name": r[1], "short_name": r[2], "parent": r[4], "parent_id": r[3], "kind": r[5],
            "country": r[6], "city": r[7]}


def list_institutions(con: sqlite3.Connection, out: TextIO) -> int:
    """``organizer list institutions --json``: parents before their units, siblings by name (quotes skipped)."""
    rows = con.execute(INSTITUTION_SQL).fetchall()
    ids = {r[0] for r in rows}
    children: dict[int | None, list[tuple[Any, ...]]] = {}
    for r in sorted(rows, key=lambda r: (_sort_key(r[1]), r[0])):
        children.setdefault(r[3] if r[3] in ids else None, []).append(r)
    order, stack = [], children.get(None, [])[::-1]
    while stack:
        r = stack.pop()
        order.append(_institution(r))
        stack.extend(children.get(r[0], [])[::-1])
    return _array(order, out)


MEETING_SQL = ("SELECT m.id, m.title, m.kind, m.visit_id, m.starts_at, m.ends_at, i.name, m.room FROM meeting m "
               "LEFT JOIN institution i ON i.id = m.venue_institution_id")


def _meetings(con: sqlite3.Connection, visit: int | None = None) -> list[dict[str, Any]]:
    where, args = (" WHERE m.visit_id = ?", (visit,)) if visit is not None else ("", ())
    names: dict[int, list[str]] = {}
    for mid, given, middle, family, display in con.execute(
            "SELECT mp.meeting_id, p.given_name, p.middle_name, p.family_name, p.display_name "
            "FROM meeting_participant mp "
            "JOIN person p ON p.id = mp.person_id" + (" WHERE mp.meeting_id IN (SELECT id FROM meeting m" + where + ")"
                                                    if where else "") + " ORDER BY mp.side != 'guest', mp.id", args):
        names.setdefault(mid, []).append(_name(given, middle, family, display))
    return [{"id": r[0], "title": r[1], "kind": r[2], "visit_id": r[3], "starts_at": _moment(r[4]),
             "ends_at": _moment(r[5]), "venue": r[6], "room": r[7], "participants": names.get(r[0], [])}
            for r in con.execute(MEETING_SQL + where + " ORDER BY m.starts_at IS NULL, m.starts_at, m.id", args)]


def _followups(con: sqlite3.Connection, where: str = "", args: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    out = []
    for r in con.execute(
            "SELECT f.id, f.description, f.status, f.due_date, f.visit_id, f.meeting_id, p.id, p.given_name, "
            "p.middle_name, p.family_name, p.display_name, i.name, v.title, m.title, f.done_on, f.done_note, "
            "f.variants FROM followup f LEFT JOIN person p ON p.id = f.owner_person_id "
            "LEFT JOIN institution i ON i.id = f.owner_institution_id LEFT JOIN visit v ON v.id = f.visit_id "
            "LEFT JOIN meeting m ON m.id = f.meeting_id" + where
            + " ORDER BY f.status != 'open', f.due_date IS NULL, f.due_date, f.id", args):
        owners = (_name(r[7], r[8], r[9], r[10]) if r[6] is not None else None, r[11])
        out.append({"id": r[0], "description": r[1], "status": r[2], "due_date": r[3],
                    "owner": " / ".join(o for o in owners if o) or None, "visit_id": r[4], "meeting_id": r[5],
                    "visit": r[12], "meeting": r[13], "done_on": r[14], "done_note": r[15] or "",
                    "variants": _variants(r[16])})
    return out


def _agreements(con: sqlite3.Connection, where: str = "", args: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    parties: dict[int, list[str]] = {}
    for aid, name in con.execute("SELECT ap.agreement_id, i.name FROM agreement_party ap JOIN institution i "
                                 "ON i.id = ap.institution_id WHERE ap.agreement_id IN (SELECT a.id FROM agreement a"
                                 + where + ") ORDER BY ap.id", args):
        parties.setdefault(aid, []).append(name)
    return [{"id": r[0], "title": r[1], "kind": r[2], "status": r[3], "signed_date": r[4], "valid_until": r[5],
             "parties": parties.get(r[0], []), "variants": _variants(r[6])}
            for r in con.execute("SELECT a.id, a.title, a.kind, a.status, a.signed_date, a.valid_until, a.variants "
                                 "FROM agreement a" + where
                                 + " ORDER BY a.signed_date IS NULL, a.signed_date DESC, a.id",
                                 args)]


def _programme(con: sqlite3.Connection, where: str = "", args: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    return [{"id": r[0], "visit_id": r[1], "kind": r[2], "starts_at": _moment(r[3]), "ends_at": _moment(r[4]),
             "title": r[5], "place": r[6], "escort_person_id": r[7],
             "escort": _name(r[8], r[9], r[10], r[11]) if r[7] is not None else None, "transport": r[12],
             "notes": r[13], "visit": r[14], "variants": _variants(r[15])}
            for r in con.execute(
                "SELECT x.id, x.visit_id, x.kind, x.starts_at, x.ends_at, x.title, x.place, x.escort_person_id, "
                "p.given_name, p.middle_name, p.family_name, p.display_name, x.transport, x.notes, v.title, x.variants "
                "FROM programme_item x JOIN visit v ON v.id = x.visit_id "
                "LEFT JOIN person p ON p.id = x.escort_person_id"
                + where + " ORDER BY x.starts_at IS NULL, x.starts_at, x.ends_at, x.id", args)]


def _topics(con: sqlite3.Connection, link: str, column: str, ident: int) -> list[str]:
    return [t for (t,) in con.execute(f"SELECT t.name FROM topic t JOIN {link} l ON l.topic_id = t.id "
                                      f"WHERE l.{column} = ? ORDER BY t.name", (ident,))]


def _participants(con: sqlite3.Connection, link: str, column: str, ident: int) -> list[dict[str, Any]]:
    rank = "l.precedence" if link == "visit_participant" else "0"
    first: dict[int, tuple[tuple[bool, int, int], str, str]] = {}
    for q in con.execute("SELECT pos.person_id, pos.id, pos.title, pos.start_date, pos.is_current, i.name "
                         "FROM position pos JOIN institution i ON i.id = pos.institution_id WHERE pos.person_id IN "
                         f"(SELECT person_id FROM {link} WHERE {column} = ?)", (ident,)):
        key = (not q[4], -(date.fromisoformat(q[3]).toordinal() if q[3] else 0), q[1])
        if q[0] not in first or key < first[q[0]][0]:
            first[q[0]] = (key, q[2], q[5])
    views = []
    for pid, side, role, prec, given, middle, family, display in con.execute(
            f"SELECT l.person_id, l.side, l.role, {rank}, p.given_name, p.middle_name, p.family_name, p.display_name "
            f"FROM {link} l JOIN person p ON p.id = l.person_id WHERE l.{column} = ? ORDER BY l.id", (ident,)):
        held = first.get(pid)
        views.append({"person_id": pid, "full_name": _name(given, middle, family, display),
                      "title": held[1] if held else None, "institution": held[2] if held else None, "side": side,
                      "role": role, "precedence": prec})
    views.sort(key=lambda v: (v["side"] != "guest", v["precedence"] or 10**6))
    return views


def _record(con: sqlite3.Connection, sql: str, ident: int) -> dict[str, Any]:
    cur = con.execute(sql, (ident,))
    return dict(zip([d[0] for d in cur.description], cur.fetchone(), strict=True))


def show_institution(con: sqlite3.Connection, ident: int) -> str:
    """``organizer show institution ID --json``: the path of parents, units, names, topics, people."""
    r = _record(con, "SELECT * FROM institution WHERE id = ?", ident)
    path, seen, up = [r["name"]], {ident}, r["parent_id"]
    while up is not None and up not in seen and len(seen) <= 100:
        seen.add(up)
        name, up = con.execute("SELECT name, parent_id FROM institution WHERE id = ?", (up,)).fetchone()
        path.insert(0, name)
    units = sorted((_institution(u) for u in con.execute(INSTITUTION_SQL + " WHERE i.parent_id = ?", (ident,))),
                   key=lambda u: (_sort_key(u["name"]), u["id"]))
    people = [{"person_id": q[0], "full_name": _name(q[1], q[2], q[3], q[4]), "title": q[5], "current": bool(q[6])}
              for q in con.execute("SELECT pos.person_id, p.given_name, p.middle_name, p.family_name, p.display_name, "
                                   "pos.title, pos.is_current FROM position pos JOIN person p ON p.id = pos.person_id "
                                   "WHERE pos.institution_id = ? ORDER BY pos.is_current DESC, pos.start_date DESC, "
                                   "pos.id", (ident,))]
    return _one({"id": ident, "uid": r["uid"], "name": r["name"], "short_name": r["short_name"],
                 "parent": path[-2] if len(path) > 1 else None, "parent_id": r["parent_id"], "path": path,
                 "kind": r["kind"],
                 "name_variants": [n for (n,) in con.execute("SELECT name FROM institution_name WHERE institution_id "
                                                             "= ? ORDER BY id", (ident,))],
                 "country": r["country"], "city": r["city"], "address": r["address"], "website": r["website"],
                 "profile": r["profile"], "topics": _topics(con, "institution_topic", "institution_id", ident),
                 "units": units, "people": people, "variants": _variants(r["variants"]), "version": r["version"]})


def show_visit(con: sqlite3.Connection, ident: int) -> str:
    """``organizer show visit ID --json``: the visit with everything it holds."""
    r = _record(con, "SELECT * FROM visit WHERE id = ?", ident)
    sides = sorted(con.execute("SELECT vi.institution_id, i.name, vi.side FROM visit_institution vi JOIN institution i "
                               "ON i.id = vi.institution_id WHERE vi.visit_id = ? ORDER BY vi.id", (ident,)),
                   key=lambda t: (t[2] != "guest", t[1].casefold()))
    one = (ident,)
    return _one({
        "id": ident, "uid": r["uid"], "title": r["title"], "direction": r["direction"], "start_date": r["start_date"],
        "end_date": r["end_date"], "status": r["status"], "place": r["place"], "purpose": r["purpose"],
        "summary": r["summary"], "desired_outcomes": r["desired_outcomes"], "key_messages": r["key_messages"],
        "sensitivities": r["sensitivities"], "topics": _topics(con, "visit_topic", "visit_id", ident),
        "institutions": [{"id": i, "name": n, "side": s} for i, n, s in sides],
        "participants": _participants(con, "visit_participant", "visit_id", ident),
        "meetings": _meetings(con, ident), "followups": _followups(con, " WHERE f.visit_id = ?", one),
        "agreements": _agreements(con, " WHERE a.visit_id = ?", one),
        "programme": _programme(con, " WHERE x.visit_id = ?", one),
        "logistics": {"arrival_at": _moment(r["arrival_at"]), "arrival_details": r["arrival_details"],
                      "departure_at": _moment(r["departure_at"]), "departure_details": r["departure_details"],
                      "lodging": r["lodging"], "transport": r["transport"], "interpreter_needs": r["interpreter_needs"],
                      "dietary_needs": r["dietary_needs"]},
        "gifts": [{"direction": g[0], "description": g[1], "person_id": g[2], "variants": _variants(g[3])}
                  for g in con.execute("SELECT direction, description, person_id, variants FROM gift "
                                       "WHERE visit_id = ? ORDER BY id", one)],
        "variants": _variants(r["variants"]), "version": r["version"]})


def show_meeting(con: sqlite3.Connection, ident: int) -> str:
    """``organizer show meeting ID --json``: the meeting with its participants, topics and follow-ups."""
    r = _record(con, "SELECT m.*, v.title AS visit_title, i.name AS venue FROM meeting m LEFT JOIN visit v "
                     "ON v.id = m.visit_id LEFT JOIN institution i ON i.id = m.venue_institution_id "
                     "WHERE m.id = ?", ident)
    people = _participants(con, "meeting_participant", "meeting_id", ident)
    return _one({
        "id": ident, "uid": r["uid"], "title": r["title"], "kind": r["kind"], "visit_id": r["visit_id"],
        "visit": r["visit_title"], "starts_at": _moment(r["starts_at"]), "ends_at": _moment(r["ends_at"]),
        "venue": r["venue"], "room": r["room"], "participants": [p["full_name"] for p in people],
        "participant_details": people, "objectives": r["objectives"], "talking_points": r["talking_points"],
        "agenda": r["agenda"], "notes": r["notes"], "outcomes": r["outcomes"],
        "topics": _topics(con, "meeting_topic", "meeting_id", ident),
        "followups": _followups(con, " WHERE f.meeting_id = ?", (ident,)), "variants": _variants(r["variants"]),
        "version": r["version"]})


def show_programme_item(con: sqlite3.Connection, ident: int) -> str:
    """``organizer show programme_item ID --json``: the listing's fields with the uid and version."""
    (item,) = _programme(con, " WHERE x.id = ?", (ident,))
    uid, version = con.execute("SELECT uid, version FROM programme_item WHERE id = ?", (ident,)).fetchone()
    return _one({**item, "uid": uid, "version": version})


LISTS = {"list-institutions": lambda con, out: list_institutions(con, out),
         "list-meetings": lambda con, out: _array(_meetings(con), out),
         "list-followups": lambda con, out: _array(_followups(con), out),
         "list-agreements": lambda con, out: _array(_agreements(con), out),
         "list-programme": lambda con, out: _array(_programme(con), out)}
"""The other lists' floors by command word: (connection, stream) -> number of items written."""
SHOWS = {"show-institution": show_institution, "show-visit": show_visit, "show-meeting": show_meeting,
         "show-programme-item": show_programme_item}
"""The other records' floors by command word: (connection, id) -> the text written."""


def main(argv: list[str]) -> int:
    """``floors.py list-people DB``, ``list-visits DB``, ``show-person DB ID``, ``list-institutions DB``,
    ``list-meetings DB``, ``list-followups DB``, ``list-agreements DB``, ``list-programme DB``,
    ``show-institution DB ID``, ``show-visit DB ID``, ``show-meeting DB ID``, ``show-programme-item DB ID`` (JSON
    on stdout, as the commands write it), ``floors.py raw-copy SOURCE TARGET``, ``raw-insert SOURCE TARGET``
    (without the search queue's insert triggers) or ``raw-insert-json ARCHIVE SOURCE TARGET`` (that, after parsing the
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
    if argv[:1] and argv[0] in LISTS:
        LISTS[argv[0]](sqlite3.connect(argv[1]), sys.stdout)
        return 0
    if argv[:1] and argv[0] in SHOWS:
        sys.stdout.write(SHOWS[argv[0]](sqlite3.connect(argv[1]), int(argv[2])))
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
