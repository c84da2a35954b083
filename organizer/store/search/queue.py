"""Bulk writes on SQLite without the search queue's per-row insert triggers.

The search index learns what to re-index from triggers (``sqlite.TRIGGERS``): every inserted
person, name, e-mail, position... row queues its record in ``search_dirty``. In an archive import that
is one trigger program per row, about 300,000 for 50,000 people, and measured as a third of the raw
inserts' CPU time (bench/README.md, "Archive import"). An import only adds records (records already
present are left as they are), so the records to queue are exactly the ones it created.

``without_insert_triggers`` drops the INSERT triggers of the queue inside the caller's transaction and
gives back a function that creates them again from their own stored SQL; the import calls it once its
records are written and queues the created records itself (``queue_records``). DDL is transactional
in SQLite: if the import fails, the rollback brings the triggers back with everything else, and other
connections never see the database without them (they read the last committed state, and cannot
write while the import holds the write lock).

PostgreSQL keeps its triggers (disabling them needs the table owner's rights): there the function
drops nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection

from organizer.domain.enums import RecordKind
from organizer.store.search.base import SOURCE_TABLES
from organizer.store.search.sqlite import TRIGGERS

BATCH = 500
"""uids per ``queue_records`` statement (well under SQLite's limit of bound variables)."""


def without_insert_triggers(conn: Connection) -> Callable[[], None] | None:
    """Drop the search queue's INSERT triggers; returns the function that creates them again, exactly as
    they were stored. None when nothing was dropped (PostgreSQL, or a database without the index): the
    caller then queues nothing itself."""
    if conn.dialect.name != "sqlite":
        return None
    names = [name for name in TRIGGERS if name.rsplit("_", 1)[-1] == "insert"]
    marks = ", ".join("?" * len(names))
    stored = conn.exec_driver_sql(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})", tuple(names)).all()
    if not stored:
        return None
    for name, _sql in stored:
        conn.exec_driver_sql(f"DROP TRIGGER {name}")

    def restore() -> None:
        for _name, sql in stored:
            conn.exec_driver_sql(sql)

    return restore


def queue_records(conn: Connection, kind: RecordKind, uids: list[str]) -> None:
    """Queue the records of ``kind`` with these uids for the search index (kinds it does not index are
    ignored), as the insert triggers would have."""
    table = SOURCE_TABLES.get(kind)
    if table is None:
        return
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    for start in range(0, len(uids), BATCH):
        batch = uids[start:start + BATCH]
        # ``kind`` and ``table`` are the index's own names (SOURCE_TABLES), never input.
        conn.exec_driver_sql(
            f"INSERT INTO search_dirty (kind, record_id) SELECT '{kind}', t.id FROM {table} t "
            f"WHERE t.uid IN ({', '.join([mark] * len(batch))}) AND NOT EXISTS "
            f"(SELECT 1 FROM search_dirty d WHERE d.kind = '{kind}' AND d.record_id = t.id)", tuple(batch))
