"""The search index on PostgreSQL: full-text (tsvector, GIN) and trigrams (``pg_trgm``), same interface.

The PostgreSQL counterpart of ``sqlite.SqliteFtsIndex``; the search service cannot tell them
apart. What is stored and how a record becomes text (``base.documents``, ``indexed_text``: the
same folded words and the same name keys from ``domain.namekeys``) is shared, so both engines hold the
same text and the service scores it the same way. The shape (made by the migration ``search index on
PostgreSQL``; ``install`` again re-creates whatever is missing):

- ``search_dirty(kind, record_id, tx)``: the queue. plpgsql triggers (one function per trigger in
  ``TRIGGERS``, the same feeds as on SQLite: ``base.FEEDS``) add the affected record on every
  insert, update or delete, whoever writes (the app, ``psql``, another program). ``tx`` is the writing
  transaction, so two clients queuing the same record never wait for each other.
- ``search_<kind>(id, names, keys, body, doc)``: the folded text, and ``doc``, a generated
  ``tsvector`` column with a GIN index: names weigh ``A``, keys ``B``, the rest ``C``. The text is cut
  into the words FTS5's ``unicode61`` tokenizer would make (runs of ``a-z0-9``) before PostgreSQL's
  parser sees it, so e-mails, web addresses and hyphenated words split the same way on both engines.
  Only the first ``BODY_CHARS`` characters of the body are in ``doc`` (a ``tsvector`` is at most 1 MB):
  words beyond them in a very long note are found on SQLite, not here.
- ``search_term(field, term)``: name words and keys, for typo corrections: a B-tree in byte order
  (``COLLATE "C"``) for prefixes, and a trigram GIN index (``pg_trgm``) so ``typo_candidates`` asks
  only for words that look like the query word instead of every word with its first two letters.

An erase (``services.erase``) deletes the person's words from ``search_term`` (``forget_terms``); the
replaced rows of ``search_<kind>`` and ``search_term`` are dead row versions, which ``pg_dump`` does not
read and the server's autovacuum reclaims later (``VACUUM`` cannot run inside the erase's transaction).
The server's own write-ahead log, its base backups and replicas are outside the application's reach.

Query words become a ``tsquery`` with weight filters: ``'korzhikov':A | 'karxakav':B`` (tier
``exact``), with ``:*`` for prefixes (tiers ``names`` and ``all``; ``all`` also searches ``C``).

``pg_trgm``: ``CREATE EXTENSION pg_trgm`` needs the right to create in the database. Since PostgreSQL
13 it is a *trusted* extension: the database's owner (or anyone with ``CREATE`` on it) may create it, no
superuser needed. Where that right is missing the index works without it (typo candidates then come
from the prefix B-tree, as on SQLite) and ``trigram_missing_message`` says what an administrator runs.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal

from sqlalchemy import TextClause, bindparam, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from organizer.domain.enums import RecordKind
from organizer.store.search.base import (
    FEEDS,
    KINDS,
    NAME_KEYED_KINDS,
    SOURCE_TABLES,
    Candidate,
    IndexedText,
    Progress,
    Term,
    chunks,
    documents,
    indexed_text,
    raw_cursor,
    refill,
)
from organizer.store.search.words import QueryWord, Tier

BODY_CHARS = 100_000
"""Characters of a record's body that reach its ``tsvector`` (see the module docstring)."""
NAME_CHARS = 20_000
TERM_CHARS = 300
"""Longer name words are not typo candidates (a B-tree entry has a size limit)."""
TRIGRAM_THRESHOLD = 0.2
"""``pg_trgm`` similarity at or above which a word is a typo candidate. One edit leaves a word of four
letters or more at least 0.25 similar (``tests/store/test_search_pg.py`` checks the worst cases)."""

log = logging.getLogger(__name__)

_WORDS = r"'[^a-z0-9]+'"


def _tsv(column: str, weight: str, chars: int) -> str:
    return (f"setweight(to_tsvector('simple'::regconfig, regexp_replace(left({column}, {chars}), {_WORDS}, ' ', 'g')),"
            f" '{weight}')")


_DOC = " || ".join((_tsv("names", "A", NAME_CHARS), _tsv("keys", "B", NAME_CHARS), _tsv("body", "C", BODY_CHARS)))

TABLES_SQL: tuple[str, ...] = (
    "CREATE TABLE IF NOT EXISTS search_dirty (kind VARCHAR(16) NOT NULL, record_id INTEGER NOT NULL, "
    "tx BIGINT NOT NULL DEFAULT txid_current(), PRIMARY KEY (kind, record_id, tx))",
    'CREATE TABLE IF NOT EXISTS search_term (field CHAR(1) NOT NULL, term VARCHAR(300) COLLATE "C" NOT NULL, '
    "PRIMARY KEY (field, term))",
    *(f"CREATE TABLE IF NOT EXISTS search_{kind} (id INTEGER PRIMARY KEY, names TEXT NOT NULL DEFAULT '', "
      f"keys TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '', "
      f"doc TSVECTOR GENERATED ALWAYS AS ({_DOC}) STORED)" for kind in KINDS),
    *(f"CREATE INDEX IF NOT EXISTS search_{kind}_doc ON search_{kind} USING gin (doc)" for kind in KINDS),
)
TRIGRAM_SQL = "CREATE INDEX IF NOT EXISTS search_term_trgm ON search_term USING gin (term gin_trgm_ops)"


def _queue(kind: RecordKind, ident: str) -> str:
    return (f"INSERT INTO search_dirty (kind, record_id) SELECT '{kind}', {ident} WHERE {ident} IS NOT NULL "
            "ON CONFLICT DO NOTHING;")


def _trigger(table: str, kind: RecordKind, column: str, event: str, select_from: str | None) -> tuple[str, list[str]]:
    name = f"search_q_{table}_{event.split()[0].lower()}" + (f"_{kind}" if select_from else "")
    if select_from:
        body = (f"INSERT INTO search_dirty (kind, record_id) SELECT DISTINCT '{kind}', x.id "
                f"FROM ({select_from}) AS x ON CONFLICT DO NOTHING;")
    elif event == "INSERT":
        body = _queue(kind, f"NEW.{column}")
    elif event == "DELETE":
        body = _queue(kind, f"OLD.{column}")
    else:  # an update can move a row from one record to another (a merge does): both change
        body = _queue(kind, f"OLD.{column}") + " " + _queue(kind, f"NEW.{column}")
    return name, [
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {body} RETURN NULL; END $$",
        f"CREATE OR REPLACE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()",
    ]


TRIGGERS: dict[str, list[str]] = dict(_trigger(f.table, f.kind, f.column, e, f.select_from)
                                      for f in FEEDS for e in f.events)
"""Trigger (and function) name -> the statements that create both."""


def install(execute: Callable[[str], Any], savepoint: Callable[[], Any]) -> bool:
    """Create the index tables, functions and triggers (idempotent) and queue every existing record.

    Returns whether the trigram index exists. ``savepoint`` (``Connection.begin_nested``) wraps the
    ``CREATE EXTENSION`` attempt, so missing rights do not abort the caller's transaction."""
    for sql in TABLES_SQL:
        execute(sql)
    for statements in TRIGGERS.values():
        for sql in statements:
            execute(sql)
    for kind, table in SOURCE_TABLES.items():
        execute(f"INSERT INTO search_dirty (kind, record_id) SELECT '{kind}', id FROM {table} ON CONFLICT DO NOTHING")
    try:
        with savepoint():
            execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DBAPIError as err:  # no right to create it, or the server lacks its files: work without it
        log.warning("%s (%s)", trigram_missing_message(), str(err.orig).strip().splitlines()[0] if err.orig else err)
        return False
    execute(TRIGRAM_SQL)
    return True


def uninstall(execute: Callable[[str], Any]) -> None:
    for name in TRIGGERS:
        execute(f"DROP FUNCTION IF EXISTS {name}() CASCADE")
    for kind in KINDS:
        execute(f"DROP TABLE IF EXISTS search_{kind}")
    execute("DROP TABLE IF EXISTS search_term")
    execute("DROP TABLE IF EXISTS search_dirty")


def trigram_missing_message() -> str:
    return ("the PostgreSQL extension pg_trgm is not installed in this database, so typo corrections use the "
            "slower prefix look-up; the database's owner can run: CREATE EXTENSION pg_trgm; "
            "(PostgreSQL 13 or newer: no superuser needed; the files come with the server package, "
            "on older systems postgresql-contrib)")


def _terms(words: Sequence[str]) -> list[str]:
    """A folded query word as index words: the runs of ``a-z0-9`` (what the tokenizer makes of it)."""
    out: list[str] = []
    for w in words:
        out.extend(re.findall(r"[a-z0-9]+", w))
    return out


def _alt(word: str, prefix: bool, weights: str) -> str:
    parts = _terms([word])
    if not parts:
        return ""
    last = len(parts) - 1
    return "(" + " & ".join(f"'{p}':{'*' if prefix and n == last else ''}{weights}" for n, p in enumerate(parts)) + ")"


def tsquery(query: Sequence[QueryWord], tier: Tier) -> str:
    """The ``tsquery`` text for ``query`` in ``tier`` (``sqlite.match_expression``'s counterpart)."""
    ands: list[str] = []
    for word in query:
        alts: list[str] = []
        if tier == "exact":
            alts += [_alt(w, False, "A") for w in word.words if w]
            alts += [_alt(k, False, "B") for k in word.keys if k]
        else:
            alts += [_alt(w, True, "A" if tier == "names" else "AC") for w in word.words if w]
            alts += [_alt(k, True, "B") for k in word.keys if k]
            alts += [_alt(e, False, "AB") for e in word.exact if e]
        alts = [a for a in alts if a]
        if not alts:
            return ""
        ands.append("(" + " | ".join(alts) + ")")
    return " & ".join(ands)


def id_query(kind: RecordKind, query: Sequence[QueryWord], tier: Tier) -> TextClause | None:
    """``words.id_query`` on PostgreSQL's index: the ids of ``kind`` matching ``query`` as ``tier`` says."""
    expr = tsquery(query, tier)
    return text(f"SELECT id FROM search_{kind} WHERE doc @@ CAST(:ts_match AS tsquery)").bindparams(
        bindparam("ts_match", expr, unique=True)) if expr else None


class PostgresIndex:
    """``base.SearchIndex`` on PostgreSQL (see the module docstring)."""

    def available(self, session: Session) -> bool:
        cur = raw_cursor(session)
        cur.execute("SELECT to_regclass('search_dirty') IS NOT NULL")
        return bool(cur.fetchone()[0])

    def has_trigrams(self, session: Session) -> bool:
        cur = raw_cursor(session)
        cur.execute("SELECT to_regclass('search_term_trgm') IS NOT NULL")
        return bool(cur.fetchone()[0])

    def pending(self, session: Session) -> int:
        cur = raw_cursor(session)
        cur.execute("SELECT count(DISTINCT (kind, record_id)) FROM search_dirty")
        return int(cur.fetchone()[0])

    def apply_pending(self, session: Session) -> int:
        done = 0
        while True:
            step = self._apply_some(session, 2_000)
            if not step:
                return done
            done += step

    def _apply_some(self, session: Session, limit: int) -> int:
        cur = raw_cursor(session)
        cur.execute("SELECT DISTINCT kind, record_id FROM search_dirty ORDER BY kind, record_id LIMIT %s", (limit,))
        batch = cur.fetchall()
        by_kind: dict[str, list[int]] = defaultdict(list)
        for kind, ident in batch:
            by_kind[kind].append(ident)
        for kind, ids in by_kind.items():
            for chunk in chunks(ids, 2_000):
                if kind in SOURCE_TABLES:
                    self._reindex(session, RecordKind(kind), chunk)
                cur.execute("DELETE FROM search_dirty WHERE kind = %s AND record_id = ANY(%s)", (kind, list(chunk)))
        return len(batch)

    def _reindex(self, session: Session, kind: RecordKind, ids: Sequence[int]) -> None:
        docs = documents(session, kind, ids)
        cur = raw_cursor(session)
        gone = [i for i in ids if i not in docs]
        if gone:
            cur.execute(f"DELETE FROM search_{kind} WHERE id = ANY(%s)", (gone,))
        if not docs:
            return
        rows: list[tuple[int, str, str, str]] = []
        terms: set[tuple[str, str]] = set()
        for ident in sorted(docs):  # one order for every client: concurrent upserts cannot deadlock
            doc = docs[ident]
            t = indexed_text(doc)
            rows.append((ident, t.names, t.keys, t.body))
            if doc.name_keyed:
                terms.update(("n", w) for w in t.names.split() if len(w) <= TERM_CHARS)
                terms.update(("k", k) for k in t.keys.split() if len(k) <= TERM_CHARS)
        # An upsert, not delete-and-insert: two clients re-indexing one record at once must not collide.
        cur.executemany(f"INSERT INTO search_{kind} (id, names, keys, body) VALUES (%s, %s, %s, %s) "
                        "ON CONFLICT (id) DO UPDATE SET names = EXCLUDED.names, keys = EXCLUDED.keys, "
                        "body = EXCLUDED.body", rows)
        if terms:
            cur.executemany("INSERT INTO search_term (field, term) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                            sorted(terms))

    def rebuild(self, session: Session, progress: Progress | None = None) -> dict[str, int]:
        conn = session.connection()
        if not install(lambda sql: conn.exec_driver_sql(sql), conn.begin_nested) and progress:
            progress(trigram_missing_message())
        return refill(session, self._apply_some, progress)

    def candidates(self, session: Session, kind: RecordKind, query: Sequence[QueryWord], tier: Tier,
                   limit: int) -> list[Candidate]:
        expr = tsquery(query, tier)
        if not expr:
            return []
        cur = raw_cursor(session)
        cur.execute(f"SELECT id FROM search_{kind} WHERE doc @@ %s::tsquery ORDER BY id DESC LIMIT %s",
                    (expr, limit))
        return [Candidate(int(r[0]), float(n)) for n, r in enumerate(cur.fetchall())]

    def stored(self, session: Session, kind: RecordKind, ids: Sequence[int], *,
               body: bool = True) -> dict[int, IndexedText]:
        out: dict[int, IndexedText] = {}
        cur = raw_cursor(session)
        columns = "id, names, keys, body" if body else "id, names, keys, ''"
        for chunk in chunks(list(ids)):
            cur.execute(f"SELECT {columns} FROM search_{kind} WHERE id = ANY(%s)", (list(chunk),))
            out.update({int(ident): IndexedText(names or "", keys or "", body or "")
                        for ident, names, keys, body in cur.fetchall()})
        return out

    def vocabulary(self, session: Session, field: Literal["n", "k"], prefix: str, limit: int) -> list[str]:
        if not prefix:
            return []
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        cur = raw_cursor(session)
        cur.execute("SELECT term FROM search_term WHERE field = %s AND term >= %s AND term < %s "
                    "ORDER BY term LIMIT %s", (field, prefix, upper, limit))
        return [r[0] for r in cur.fetchall()]

    def typo_candidates(self, session: Session, field: Literal["n", "k"], word: str, limit: int) -> list[str]:
        """Indexed words with ``word``'s first two letters that look like it (trigram similarity), most
        alike first; without ``pg_trgm``, every word with those two letters (``vocabulary``)."""
        if len(word) < 2:
            return []
        if not self.has_trigrams(session):
            return self.vocabulary(session, field, word[:2], limit)
        prefix = word[:2]
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        cur = raw_cursor(session)
        cur.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, true)", (str(TRIGRAM_THRESHOLD),))
        cur.execute("SELECT term FROM search_term WHERE field = %s AND term >= %s AND term < %s AND term %% %s "
                    "ORDER BY similarity(term, %s) DESC, term LIMIT %s", (field, prefix, upper, word, word, limit))
        return [r[0] for r in cur.fetchall()]

    def forget_terms(self, session: Session, terms: Iterable[Term]) -> int:
        cur = raw_cursor(session)
        gone: list[tuple[str, str]] = []
        for field_, term in sorted(set(terms)):
            parts = _terms([term])
            held = False
            if parts == [term]:  # one token: the tsvector says which records hold it (names A, keys B)
                query = f"'{term}':{'A' if field_ == 'n' else 'B'}"
                for kind in NAME_KEYED_KINDS:
                    cur.execute(f"SELECT 1 FROM search_{kind} WHERE doc @@ %s::tsquery LIMIT 1", (query,))
                    if cur.fetchone():
                        held = True
                        break
            if not held:
                gone.append((field_, term))
        if gone:
            cur.executemany("DELETE FROM search_term WHERE field = %s AND term = %s", gone)
        return len(gone)

    def compact(self, session: Session, kind: RecordKind) -> None:
        return None
