"""The search index on SQLite: FTS5 tables, a queue filled by SQL triggers, and a table of name words.

Shape (the tables are made by migration 0003 and are not part of ``models.Base``):

- ``search_dirty(kind, record_id)``: a queue. SQL triggers on every table that feeds the index
  (``TRIGGERS``, made from ``base.FEEDS``) put the affected record there on any insert, update or
  delete, whoever writes: the services, the archive import, ``bench/generate.py``'s bulk inserts, or
  someone with the ``sqlite3`` shell. Triggers are plain SQL, so they need no Python function and cannot
  be bypassed.
- ``search_<kind>`` for each kind in ``KINDS``: an FTS5 table whose rowid is the record id, with the three
  columns of folded text of ``base.indexed_text``: ``names``, ``keys`` and ``body``.
- ``search_term(field, term)``: every name word (``n``) and key (``k``) ever indexed, for typo
  candidates (a range scan on a prefix). Stale words are harmless for search: they only find nothing.
  But they are names: ``forget_terms`` deletes those no record holds any more, and ``compact`` merges
  an FTS5 table's segments so that no old segment keeps a deleted record's words (FTS5 records a
  deletion as a marker in a new segment; the old segment keeps the words until a merge). An erase
  (``services.erase``) calls both in its own transaction.

``rebuild`` empties and refills everything (``organizer search --rebuild``) and re-creates missing
triggers (an Alembic batch migration on SQLite recreates a table and drops its triggers:
``tests/store/test_search_index.py`` fails if that ever happens unnoticed).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import text

from organizer.domain.enums import RecordKind
from organizer.store.search.base import (
    APPLY_BATCH,
    FEEDS,
    KINDS,
    NAME_KEYED_KINDS,
    REINDEX_CHUNK,
    SOURCE_TABLES,
    Candidate,
    Document,
    Feed,
    IndexedText,
    Progress,
    Term,
    chunks,
    documents,
    indexed_text,
    raw_cursor,
    refill,
)
from organizer.store.search.words import QueryWord, Tier, _quote, match_expression

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

FTS_OPTIONS = "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4'"

def _queue(kind: RecordKind, ident: str) -> str:
    # Not "INSERT OR IGNORE": inside a trigger fired by a foreign-key cascade SQLite applies the outer
    # statement's conflict policy (ABORT), so the duplicate check is spelt out.
    return (f"INSERT INTO search_dirty (kind, record_id) SELECT '{kind}', {ident} WHERE {ident} IS NOT NULL "
            f"AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = '{kind}' AND record_id = {ident});")


def _trigger_sql(feed: Feed, event: str) -> tuple[str, str]:
    name = f"search_q_{feed.table}_{event.split()[0].lower()}" + (f"_{feed.kind}" if feed.select_from else "")
    if feed.select_from:
        body = (f"INSERT INTO search_dirty (kind, record_id) SELECT DISTINCT '{feed.kind}', x.id "
                f"FROM ({feed.select_from}) AS x WHERE NOT EXISTS "
                f"(SELECT 1 FROM search_dirty d WHERE d.kind = '{feed.kind}' AND d.record_id = x.id);")
    elif event == "INSERT":
        body = _queue(feed.kind, f"NEW.{feed.column}")
    elif event == "DELETE":
        body = _queue(feed.kind, f"OLD.{feed.column}")
    else:  # an update can move a row from one record to another (a merge does): both change
        body = _queue(feed.kind, f"OLD.{feed.column}") + " " + _queue(feed.kind, f"NEW.{feed.column}")
    sql = f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON {feed.table} FOR EACH ROW BEGIN {body} END"
    return name, sql


TRIGGERS: dict[str, str] = dict(_trigger_sql(f, e) for f in FEEDS for e in f.events)
"""Trigger name -> its CREATE statement: every trigger the index relies on."""

TABLES_SQL: tuple[str, ...] = (
    "CREATE TABLE IF NOT EXISTS search_dirty (kind VARCHAR(16) NOT NULL, record_id INTEGER NOT NULL, "
    "PRIMARY KEY (kind, record_id)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS search_term (field CHAR(1) NOT NULL, term VARCHAR(300) NOT NULL, "
    "PRIMARY KEY (field, term)) WITHOUT ROWID",
    *(f"CREATE VIRTUAL TABLE IF NOT EXISTS search_{kind} USING fts5(names, keys, body, {FTS_OPTIONS})"
      for kind in KINDS),
)



def install_sqlite(execute: Callable[[str], Any]) -> None:
    """Create the index tables and triggers (idempotent) and queue every existing record."""
    for sql in TABLES_SQL:
        execute(sql)
    for sql in TRIGGERS.values():
        execute(sql)
    for kind, table in SOURCE_TABLES.items():
        execute(f"INSERT INTO search_dirty (kind, record_id) SELECT '{kind}', id FROM {table} t WHERE NOT EXISTS "
                f"(SELECT 1 FROM search_dirty d WHERE d.kind = '{kind}' AND d.record_id = t.id)")


class SqliteFtsIndex:
    """``SearchIndex`` on SQLite FTS5 (see the module docstring)."""

    def available(self, session: Session) -> bool:
        sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_dirty'"
        return raw_cursor(session).execute(sql).fetchone() is not None

    def pending(self, session: Session) -> int:
        return int(raw_cursor(session).execute("SELECT count(*) FROM search_dirty").fetchone()[0])

    def apply_pending(self, session: Session) -> int:
        done = 0
        terms_done: set[tuple[str, str]] = set()
        while True:
            step = self._apply_some(session, APPLY_BATCH, terms_done)
            if not step:
                return done
            done += step

    def _apply_some(self, session: Session, limit: int, terms_done: set[tuple[str, str]] | None = None) -> int:
        """Index the first ``limit`` queued records (in key order) and take them off the queue.

        ``terms_done``: the ``search_term`` rows this transaction has already written (a batch skips them).

        All on the session's DB-API cursor (SQLAlchemy's per-row parameter handling cost more than
        the statements). The queue is a table in key order, and nothing between the read and the
        delete writes to it (indexing writes no table with a trigger), so the rows read of a kind are
        exactly those between its first and last id: one range delete per kind instead of one per id."""
        cur = raw_cursor(session)
        batch = cur.execute("SELECT kind, record_id FROM search_dirty ORDER BY kind, record_id LIMIT ?",
                            (limit,)).fetchall()
        by_kind: dict[str, list[int]] = defaultdict(list)
        for kind, ident in batch:
            by_kind[kind].append(ident)
        for kind, ids in by_kind.items():
            if kind in KINDS:
                for chunk in chunks(ids, REINDEX_CHUNK):
                    self._reindex(session, RecordKind(kind), chunk, set() if terms_done is None else terms_done)
            cur.execute("DELETE FROM search_dirty WHERE kind = ? AND record_id BETWEEN ? AND ?",
                        (kind, ids[0], ids[-1]))
        return len(batch)

    def _reindex(self, session: Session, kind: RecordKind, ids: Sequence[int],
                 terms_done: set[tuple[str, str]]) -> None:
        """Replace the index rows of these records (ascending ids) by their documents' folded text."""
        self.write(session, kind, ids, lambda: documents(session, kind, ids), terms_done)

    def write(self, session: Session, kind: RecordKind, ids: Sequence[int], docs_of: Callable[[], dict[int, Document]],
              terms_done: set[tuple[str, str]]) -> None:
        """Replace the index rows of these records (ascending ids) by the folded text of the documents
        ``docs_of`` gives (called once the old rows are gone): ``_reindex`` reads them back from the tables,
        an archive import gives those of the records it has just written (``archive.bulk``), which then
        need no queueing. ``terms_done``: the ``search_term`` rows this transaction has written."""
        table = f"search_{kind}"
        cur = raw_cursor(session)
        # FTS5 needs a statement per row to delete (it reads the old text to remove its tokens). Ids above
        # the largest rowid indexed cannot be there: an import's new records skip the delete.
        top = cur.execute(f"SELECT rowid FROM {table} ORDER BY rowid DESC LIMIT 1").fetchone()
        if top is not None:
            cur.executemany(f"DELETE FROM {table} WHERE rowid = ?", [(i,) for i in ids if i <= top[0]])
        docs = docs_of()
        if not docs:
            return
        rows: list[tuple[int, str, str, str]] = []
        words: set[str] = set()
        keys: set[str] = set()
        for ident, doc in docs.items():
            t = indexed_text(doc)
            rows.append((ident, t.names, t.keys, t.body))
            if doc.name_keyed:
                words.update(t.names.split())
                keys.update(t.keys.split())
        cur.executemany(f"INSERT INTO {table} (rowid, names, keys, body) VALUES (?, ?, ?, ?)", rows)
        terms = {("n", w) for w in words} | {("k", k) for k in keys}
        terms -= terms_done
        if terms:
            cur.executemany("INSERT OR IGNORE INTO search_term (field, term) VALUES (?, ?)", terms)
            terms_done |= terms

    def rebuild(self, session: Session, progress: Progress | None = None) -> dict[str, int]:
        conn = session.connection()
        install_sqlite(lambda sql: conn.exec_driver_sql(sql))
        terms_done: set[tuple[str, str]] = set()
        counts = refill(session, lambda s, limit: self._apply_some(s, limit, terms_done), progress)
        for kind in KINDS:
            session.execute(text(f"INSERT INTO search_{kind} (search_{kind}) VALUES ('optimize')"))
        return counts

    def candidates(self, session: Session, kind: RecordKind, query: Sequence[QueryWord], tier: Tier,
                   limit: int) -> list[Candidate]:
        expr = match_expression(query, tier)
        if not expr:
            return []
        table = f"search_{kind}"
        sql = f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT ?"
        rows = raw_cursor(session).execute(sql, (expr, limit)).fetchall()
        return [Candidate(int(r[0]), float(n)) for n, r in enumerate(rows)]

    def stored(self, session: Session, kind: RecordKind, ids: Sequence[int], *,
               body: bool = True) -> dict[int, IndexedText]:
        out: dict[int, IndexedText] = {}
        cur = raw_cursor(session)
        columns = "rowid, names, keys, body" if body else "rowid, names, keys, ''"
        for chunk in chunks(list(ids)):
            rows = cur.execute(f"SELECT {columns} FROM search_{kind} WHERE rowid IN ("
                               + ", ".join("?" * len(chunk)) + ")", tuple(chunk)).fetchall()
            out.update({int(ident): IndexedText(names or "", keys or "", body or "")
                        for ident, names, keys, body in rows})
        return out

    def vocabulary(self, session: Session, field: Literal["n", "k"], prefix: str, limit: int) -> list[str]:
        if not prefix:
            return []
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        rows = raw_cursor(session).execute("SELECT term FROM search_term WHERE field = ? AND term >= ? AND term < ? "
                                           "LIMIT ?", (field, prefix, upper, limit)).fetchall()
        return [r[0] for r in rows]

    def typo_candidates(self, session: Session, field: Literal["n", "k"], word: str, limit: int) -> list[str]:
        return self.vocabulary(session, field, word[:2], limit) if len(word) >= 2 else []

    def forget_terms(self, session: Session, terms: Iterable[Term]) -> int:
        cur = raw_cursor(session)
        gone = []
        for field_, term in sorted(set(terms)):
            column = "names" if field_ == "n" else "keys"
            # A term is one token of the folded text (a run of a-z0-9), so an FTS5 phrase of it matches
            # exactly the records whose names (or keys) hold the word.
            held = any(cur.execute(f"SELECT 1 FROM search_{kind} WHERE search_{kind} MATCH ? LIMIT 1",
                                   (f"{column} : {_quote(term)}",)).fetchone() for kind in NAME_KEYED_KINDS)
            if not held:
                gone.append((field_, term))
        cur.executemany("DELETE FROM search_term WHERE field = ? AND term = ?", gone)
        return len(gone)

    def compact(self, session: Session, kind: RecordKind) -> None:
        # 'optimize' merges every segment of the table into one, dropping deleted entries: the cost grows
        # with the table (README, "Erasing a person").
        raw_cursor(session).execute(f"INSERT INTO search_{kind} (search_{kind}) VALUES ('optimize')")


