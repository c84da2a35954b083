"""Which stored person each card of a chunk describes (``contacts._Writer``): by uid (the card's, or a
merged-away person's, which stays an alias of the person kept), else by an e-mail address, else by the
same name key and a position at the same institution (or, for a card without ``ORG``, a phone number in
common).

A chunk's look-ups are five statements with ``IN`` lists, sent as plain SQL on the session's connection
(SQLAlchemy compiled each expanding ``IN`` of up to a thousand values again per chunk: most of the
matching's time in an import into an empty database).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from organizer.services.duplicates import phone_digits

if TYPE_CHECKING:
    from organizer.services.interop.contacts import _Pending

BATCH = 500
"""Values bound in one statement (SQLite allows 32,766; a few hundred keep each statement small)."""


def rows(conn: Connection, sql: str, values: Iterable[Any]) -> Iterator[Any]:
    """``sql``'s rows with its ``IN ({})`` filled with ``values``, ``BATCH`` at a time."""
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    wanted = list(values)
    for start in range(0, len(wanted), BATCH):
        batch = wanted[start:start + BATCH]
        yield from conn.exec_driver_sql(sql.format(", ".join([mark] * len(batch))), tuple(batch))


def match(session: Session, items: list[_Pending]) -> dict[int, int]:
    """The stored person of each item found (by ``id(item)``)."""
    conn = session.connection()
    out: dict[int, int] = {}
    uids = {item.contact.data.uid for item in items if item.contact.data.uid}
    by_uid: dict[str, int] = {}
    if uids:
        by_uid.update((uid, pid) for uid, pid in rows(conn, "SELECT uid, id FROM person WHERE uid IN ({})", uids))
        by_uid.update((uid, pid) for uid, pid in rows(
            conn, "SELECT merged_uid, kept_id FROM merge_record WHERE kind = 'person' AND undone_at IS NULL "
                  "AND merged_uid IN ({})", uids))
    emails = {e.value for item in items for e in item.contact.data.emails}
    by_email: dict[str, int] = {}
    if emails:
        found = sorted(rows(conn, "SELECT person_id, address FROM person_email WHERE address IN ({})", emails))
        for pid, address in found:
            by_email.setdefault(address.casefold(), pid)
    names = {item.name_key for item in items}
    by_name: dict[str, list[int]] = {}
    for sort_name, pid in sorted(rows(conn, "SELECT sort_name, id FROM person WHERE sort_name IN ({})", names)):
        by_name.setdefault(sort_name, []).append(pid)
    named = [pid for ids in by_name.values() for pid in ids]
    held: dict[int, set[int]] = {}
    dialled: dict[int, set[str]] = {}
    if named:
        for pid, iid in rows(conn, "SELECT person_id, institution_id FROM position WHERE person_id IN ({})", named):
            held.setdefault(pid, set()).add(iid)
        for pid, number in rows(conn, "SELECT person_id, number FROM person_phone WHERE person_id IN ({})", named):
            dialled.setdefault(pid, set()).add(phone_digits(number))
    for item in items:
        data = item.contact.data
        ident = by_uid.get(data.uid or "")
        if ident is None:
            ident = next((by_email[e.value.casefold()] for e in data.emails if e.value.casefold() in by_email), None)
        if ident is None:
            candidates = by_name.get(item.name_key, [])
            places = {p.institution_id for p in item.positions}
            numbers = {phone_digits(p.value) for p in data.phones} - {""}
            for pid in candidates:
                if (places & held.get(pid, set())) if places else (numbers & dialled.get(pid, set())):
                    ident = pid
                    break
        if ident is not None:
            out[id(item)] = ident
    return out
