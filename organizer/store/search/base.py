"""The search index, what both engines share: what is searchable of each record, and the interface.

- ``FEEDS``: the tables whose rows feed each kind's index (both engines make their queue triggers from it);
- ``documents`` and ``indexed_text``: a record as searchable text, folded (``domain.namekeys.fold``) into
  three columns: ``names`` (a person's names in every script, an institution's names and short names, the
  title of a visit, meeting or follow-up), ``keys`` (the name keys of people and institutions,
  ``namekeys.name_keys``) and ``body`` (positions, biography, notes, profile, purpose, agenda, outcomes,
  topics, e-mails...);
- ``SearchIndex``: what the search service needs of an index. ``sqlite.SqliteFtsIndex`` (FTS5) and
  ``postgresql.PostgresIndex`` (tsvector + pg_trgm) implement it over the same feeds, documents and
  folded text; ``UnavailableIndex`` says in one message that a database of another kind has none.
  ``engine.index_for`` picks one for a session.

``Database.unit_of_work`` calls ``engine.sync_before_commit`` before every commit, so the index changes in
the same transaction as the data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol

from sqlalchemy import bindparam, select, text

from organizer.domain.enums import RecordKind
from organizer.domain.errors import OrganizerError
from organizer.domain.namekeys import fold, text_keys
from organizer.domain.records import compose_full_name
from organizer.store import schema as s
from organizer.store.search.variants import add_variants, stored_variants
from organizer.store.search.words import QueryWord, Tier

if TYPE_CHECKING:  # the ORM only in types: the window's and the commands' filters use the index on Core alone
    from sqlalchemy.orm import Session

KINDS = (RecordKind.PERSON, RecordKind.INSTITUTION, RecordKind.VISIT, RecordKind.MEETING, RecordKind.FOLLOWUP)
"""Record kinds in the index, in the order results are grouped."""

BATCH = 500
"""Records built per query (bound variables stay far below SQLite's limit)."""
APPLY_BATCH = 2_000
"""Queued records taken per step of ``apply_pending``."""
REINDEX_CHUNK = 2_000
"""Records re-indexed per round of statements (documents are built ``BATCH`` at a time within it)."""
TABLE_PREFIX = "search_"
TITLE_LIMIT = 160

Progress = Callable[[str], None]


class SearchUnavailableError(OrganizerError):
    """This database has no search index (yet)."""


def is_index_table(name: str | None) -> bool:
    """True for the tables this module owns (FTS5 tables and their shadow tables, the queue, terms).

    Alembic's autogenerate must not see them: they are not in ``models.Base`` on purpose (FTS5
    virtual tables cannot be described there), see ``migrations/env.py``.
    """
    return bool(name) and str(name).startswith(TABLE_PREFIX)


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic ``include_name`` hook: autogenerate and ``compare_metadata`` skip the index tables."""
    return not (type_ == "table" and is_index_table(name))


# --- what triggers the index ---------------------------------------------------------------------

@dataclass(frozen=True)
class Feed:
    table: str
    kind: RecordKind
    column: str
    """The column of ``table`` that holds the id of the ``kind`` record."""
    events: tuple[str, ...] = ("INSERT", "UPDATE", "DELETE")
    select_from: str | None = None
    """For cascades: a SELECT of ids using NEW.id (e.g. the people working at a renamed institution)."""


FEEDS: tuple[Feed, ...] = (
    Feed("person", RecordKind.PERSON, "id"),
    Feed("person_name", RecordKind.PERSON, "person_id"),
    Feed("person_email", RecordKind.PERSON, "person_id"),
    Feed("person_tag", RecordKind.PERSON, "person_id"),
    Feed("person_topic", RecordKind.PERSON, "person_id"),
    Feed("position", RecordKind.PERSON, "person_id"),
    Feed("institution", RecordKind.INSTITUTION, "id"),
    Feed("institution_name", RecordKind.INSTITUTION, "institution_id"),
    Feed("institution_topic", RecordKind.INSTITUTION, "institution_id"),
    Feed("visit", RecordKind.VISIT, "id"),
    Feed("visit_topic", RecordKind.VISIT, "visit_id"),
    Feed("meeting", RecordKind.MEETING, "id"),
    Feed("meeting_topic", RecordKind.MEETING, "meeting_id"),
    Feed("followup", RecordKind.FOLLOWUP, "id"),
    # Cascades: text of another record that an index row repeats.
    Feed("institution", RecordKind.PERSON, "id", ("UPDATE OF name",),
          "SELECT person_id AS id FROM position WHERE institution_id = NEW.id"),
    Feed("topic", RecordKind.PERSON, "id", ("UPDATE OF name",),
          "SELECT person_id AS id FROM person_topic WHERE topic_id = NEW.id"),
    Feed("topic", RecordKind.INSTITUTION, "id", ("UPDATE OF name",),
          "SELECT institution_id AS id FROM institution_topic WHERE topic_id = NEW.id"),
    Feed("topic", RecordKind.VISIT, "id", ("UPDATE OF name",),
          "SELECT visit_id AS id FROM visit_topic WHERE topic_id = NEW.id"),
    Feed("topic", RecordKind.MEETING, "id", ("UPDATE OF name",),
          "SELECT meeting_id AS id FROM meeting_topic WHERE topic_id = NEW.id"),
)


SOURCE_TABLES: dict[RecordKind, str] = {kind: kind.value for kind in KINDS}
"""The table of each indexed kind."""


# --- documents: what is searchable of a record ---------------------------------------------------

@dataclass(slots=True)
class Document:
    """The searchable text of one record, as stored (not folded)."""

    kind: RecordKind
    id: int
    title: str
    names: list[str] = field(default_factory=list)
    """Names (all scripts), short names, or the title: matched above everything else."""
    body: list[tuple[str, str]] = field(default_factory=list)
    """(field label, text): positions, biography, notes, agenda, topics..."""
    name_keyed: bool = False
    """True for people and institutions: their names also get spelling-insensitive keys."""

    def add(self, label: str, value: str | None) -> None:
        if value and value.strip():
            self.body.append((label, value))


def chunks(ids: Sequence[int], size: int = BATCH) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


_IDS: Any = bindparam("ids", expanding=True)
_POSTCOMPILE = "__[POSTCOMPILE_ids]"
_PLACEHOLDER = {"sqlite": "?", "postgresql": "%s"}
"""Positional placeholder of the DB-API driver of each engine the index runs on (sqlite3, psycopg)."""
_SQL: dict[tuple[str, str], tuple[str, str]] = {}
"""(dialect, query name) -> the statement's SQL before and after its ``IN`` list, compiled once."""


def _rows(session: Session, name: str, ids: Sequence[int]) -> Sequence[Sequence[Any]]:
    """The rows of ``_Q[name]`` for these ids, as plain tuples.

    On SQLite and PostgreSQL the statement SQLAlchemy compiled (once) runs on the session's DB-API
    cursor: the same SQL text and parameters SQLAlchemy would send, without its per-execution cost
    (rendering the ``IN`` list, building a ``Row`` per row: a third of an import's indexing time)."""
    if not ids:  # "IN ()" is an error on PostgreSQL
        return []
    conn = session.connection()
    dialect = conn.dialect
    mark = _PLACEHOLDER.get(dialect.name)
    if mark is None:
        return conn.execute(_Q[name], {"ids": list(ids)}).all()
    parts = _SQL.get((dialect.name, name))
    if parts is None:
        sql = str(_Q[name].compile(dialect=dialect))
        before, _, after = sql.partition(_POSTCOMPILE)
        parts = _SQL[(dialect.name, name)] = (before, after)
    cur = raw_cursor(session)
    cur.execute(parts[0] + ", ".join([mark] * len(ids)) + parts[1], tuple(ids))
    return cur.fetchall()  # type: ignore[no-any-return]


def _grouped(session: Session, name: str, ids: Sequence[int]) -> dict[int, list[Any]]:
    """Rows of ``_Q[name]`` (first column an owner id) grouped by owner: the rest of each row, or its one value."""
    out: dict[int, list[Any]] = defaultdict(list)
    rows = _rows(session, name, ids)
    if rows and len(rows[0]) == 2:
        for owner, value in rows:
            out[owner].append(value)
    else:
        for row in rows:
            out[row[0]].append(row[1:])
    return out


def _topics_query(link: Any, owner_col: Any) -> Any:
    return (select(owner_col, s.topic.c.name).join(s.topic, s.topic.c.id == link.c.topic_id)
            .where(owner_col.in_(_IDS)).order_by(s.topic.c.name))


# The statements are built once (building a select costs more than running it on 20 ids).
_Q: dict[str, Any] = {
    "person": select(s.person.c.id, s.person.c.given_name, s.person.c.middle_name, s.person.c.family_name,
                     s.person.c.display_name, s.person.c.honorific, s.person.c.biography, s.person.c.notes,
                     s.person.c.variants)
    .where(s.person.c.id.in_(_IDS)),
    "person_name": select(s.person_name.c.person_id, s.person_name.c.name).where(s.person_name.c.person_id.in_(_IDS))
    .order_by(s.person_name.c.id),
    "position": select(s.position.c.person_id, s.position.c.title, s.institution.c.name, s.position.c.is_current,
                       s.position.c.variants)
    .join(s.institution, s.institution.c.id == s.position.c.institution_id).where(s.position.c.person_id.in_(_IDS))
    .order_by(s.position.c.is_current.desc(), s.position.c.start_date.desc(), s.position.c.id),
    # E-mails by id and tags by name, as SQLite's indexes give them anyway: the same text on PostgreSQL too.
    "person_email": select(s.person_email.c.person_id, s.person_email.c.address)
    .where(s.person_email.c.person_id.in_(_IDS))
    .order_by(s.person_email.c.id),
    "person_tag": select(s.person_tag.c.person_id, s.person_tag.c.tag).where(s.person_tag.c.person_id.in_(_IDS))
    .order_by(s.person_tag.c.tag),
    "person_topic": _topics_query(s.person_topic, s.person_topic.c.person_id),
    "institution": select(s.institution.c.id, s.institution.c.name, s.institution.c.short_name, s.institution.c.city,
                          s.institution.c.country, s.institution.c.profile, s.institution.c.website,
                          s.institution.c.variants)
    .where(s.institution.c.id.in_(_IDS)),
    "institution_name": select(s.institution_name.c.institution_id, s.institution_name.c.name)
    .where(s.institution_name.c.institution_id.in_(_IDS)).order_by(s.institution_name.c.id),
    "institution_topic": _topics_query(s.institution_topic, s.institution_topic.c.institution_id),
    "visit": select(s.visit.c.id, s.visit.c.title, s.visit.c.place, s.visit.c.purpose, s.visit.c.summary,
                    s.visit.c.variants)
    .where(s.visit.c.id.in_(_IDS)),
    "visit_topic": _topics_query(s.visit_topic, s.visit_topic.c.visit_id),
    "meeting": select(s.meeting.c.id, s.meeting.c.title, s.meeting.c.objectives, s.meeting.c.talking_points,
                      s.meeting.c.agenda, s.meeting.c.notes, s.meeting.c.outcomes, s.meeting.c.room,
                      s.meeting.c.variants)
    .where(s.meeting.c.id.in_(_IDS)),
    "meeting_topic": _topics_query(s.meeting_topic, s.meeting_topic.c.meeting_id),
    "followup": select(s.followup.c.id, s.followup.c.description, s.followup.c.notes, s.followup.c.variants)
    .where(s.followup.c.id.in_(_IDS)),
}


def _people(session: Session, ids: Sequence[int], body: bool) -> dict[int, Document]:
    names = _grouped(session, "person_name", ids)
    positions = _grouped(session, "position", ids) if body else {}
    emails = _grouped(session, "person_email", ids) if body else {}
    tags = _grouped(session, "person_tag", ids) if body else {}
    topics = _grouped(session, "person_topic", ids) if body else {}
    none: list[Any] = []
    return {pid: person_document(pid, given, middle, family, display, honorific, biography, notes, variants,
                                 names.get(pid, none), positions.get(pid, none), emails.get(pid, none),
                                 tags.get(pid, none), topics.get(pid, none))
            for pid, given, middle, family, display, honorific, biography, notes, variants
            in _rows(session, "person", ids)}


def person_document(pid: int, given: str, middle: str, family: str, display: str, honorific: str, biography: str,
                    notes: str, variants: Any, names: Sequence[str], positions: Sequence[Sequence[Any]] = (),
                    emails: Sequence[str] = (), tags: Sequence[str] = (), topics: Sequence[str] = ()) -> Document:
    """A person's document from its columns (``variants``: the column's JSON text or its dict), the names of
    its ``person_name`` rows, its positions as (title, institution name, is current, title variants) in the
    order of ``position_sort_key``, its e-mail addresses (in the order they were added), tags and topic
    names (both sorted). What the index reads back from the tables (``documents``) and what an archive
    import indexes from the rows it has just written (``archive.bulk``)."""
    full = compose_full_name(given, middle, family, display)
    doc = Document(RecordKind.PERSON, pid, full, [n for n in (full, given, middle, family, display) if n],
                   [(label, value) for label, value in (("honorific", honorific), ("biography", biography),
                                                        ("notes", notes)) if value and value.strip()],
                   name_keyed=True)  # the body as ``add`` would make it
    if variants and variants != "{}":
        add_variants(doc, variants, ())
    doc.names.extend(names)
    doc_body = doc.body
    for title, inst, current, title_variants in positions:
        label = "position" if current else "former position"
        doc_body.append((label, f"{title}, {inst}"))  # never blank: no need of ``add``'s check
        if title_variants and title_variants != "{}":
            for variant in stored_variants(title_variants).get("title", {}).values():
                doc_body.append((label, f"{variant}, {inst}"))
    if emails:
        doc.add("e-mail", " ".join(emails))
    if tags:
        doc.add("tags", ", ".join(tags))
    if topics:
        doc.add("topics", ", ".join(topics))
    return doc


def _institutions(session: Session, ids: Sequence[int], body: bool) -> dict[int, Document]:
    docs: dict[int, Document] = {}
    for iid, name, short_name, city, country, profile, website, variants in _rows(session, "institution", ids):
        doc = Document(RecordKind.INSTITUTION, iid, name, [n for n in (name, short_name) if n], name_keyed=True)
        doc.add("profile", profile)
        doc.add("place", ", ".join(x for x in (city, country) if x))
        doc.add("website", website)
        add_variants(doc, variants, ("short_name",))
        docs[iid] = doc
    for iid, names in _grouped(session, "institution_name", ids).items():
        docs[iid].names.extend(names)
    if body:
        for iid, names in _grouped(session, "institution_topic", ids).items():
            docs[iid].add("topics", ", ".join(names))
    return docs


def _visits(session: Session, ids: Sequence[int], body: bool) -> dict[int, Document]:
    docs: dict[int, Document] = {}
    for vid, title, place, purpose, summary, variants in _rows(session, "visit", ids):
        doc = Document(RecordKind.VISIT, vid, title, [title])
        doc.add("place", place)
        doc.add("purpose", purpose)
        doc.add("summary", summary)
        add_variants(doc, variants)
        docs[vid] = doc
    if body:
        for vid, names in _grouped(session, "visit_topic", ids).items():
            docs[vid].add("topics", ", ".join(names))
    return docs


def _meetings(session: Session, ids: Sequence[int], body: bool) -> dict[int, Document]:
    docs: dict[int, Document] = {}
    for mid, title, objectives, talking_points, agenda, notes, outcomes, room, variants in _rows(session, "meeting",
                                                                                               ids):
        doc = Document(RecordKind.MEETING, mid, title, [title])
        doc.add("objectives", objectives)
        doc.add("agenda", agenda)
        doc.add("talking points", talking_points)
        doc.add("notes", notes)
        doc.add("outcomes", outcomes)
        doc.add("room", room)
        add_variants(doc, variants)
        docs[mid] = doc
    if body:
        for mid, names in _grouped(session, "meeting_topic", ids).items():
            docs[mid].add("topics", ", ".join(names))
    return docs


def _followups(session: Session, ids: Sequence[int], body: bool) -> dict[int, Document]:
    docs: dict[int, Document] = {}
    for fid, description, notes, variants in _rows(session, "followup", ids):
        first_line = description.strip().splitlines()[0] if description.strip() else ""
        title = first_line if len(first_line) <= TITLE_LIMIT else first_line[: TITLE_LIMIT - 1] + "…"
        doc = Document(RecordKind.FOLLOWUP, fid, title, [description])
        doc.add("notes", notes)
        add_variants(doc, variants, ("description",))
        docs[fid] = doc
    return docs


_BUILDERS: dict[RecordKind, Callable[[Session, Sequence[int], bool], dict[int, Document]]] = {
    RecordKind.PERSON: _people, RecordKind.INSTITUTION: _institutions, RecordKind.VISIT: _visits,
    RecordKind.MEETING: _meetings, RecordKind.FOLLOWUP: _followups,
}


def documents(session: Session, kind: RecordKind, ids: Iterable[int], *, body: bool = True) -> dict[int, Document]:
    """The documents of the records of ``kind`` with these ids (missing ids are left out).

    ``body=False`` leaves out what needs more queries (positions, contacts, tags, topics): enough for
    a snippet of a name match."""
    id_list = sorted(set(ids))
    out: dict[int, Document] = {}
    for chunk in chunks(id_list):
        out.update(_BUILDERS[kind](session, chunk, body))
    return out


@dataclass(frozen=True, slots=True)
class IndexedText:
    """A document's folded columns as the index holds them."""

    names: str
    keys: str
    body: str


def indexed_text(doc: Document) -> IndexedText:
    names = " ".join(doc.names)
    keys = " ".join(text_keys(names)) if doc.name_keyed else ""
    return IndexedText(fold(names), keys, fold("\n".join([value for _label, value in doc.body])))


Term = tuple[Literal["n", "k"], str]
"""A ``search_term`` row: (``n``, a folded name word) or (``k``, a name key)."""


def name_terms(text: IndexedText) -> set[Term]:
    """The ``search_term`` rows a record's indexed names and keys make (people and institutions)."""
    return {("n", w) for w in text.names.split()} | {("k", k) for k in text.keys.split()}


def terms_of(value: str) -> set[Term]:
    """The name words and keys of any text, as ``search_term`` holds them (for text that is no longer in
    a record, such as the copy of a merged person: see ``SearchIndex.forget_terms``)."""
    return {("n", w) for w in fold(value).split()} | {("k", k) for k in text_keys(value)}


NAME_KEYED_KINDS = (RecordKind.PERSON, RecordKind.INSTITUTION)
"""The kinds whose names feed ``search_term``."""


# --- the interface -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Candidate:
    id: int
    rank: float
    """Lower is better (bm25)."""


def refill(session: Session, apply_some: Callable[[Session, int], int], progress: Progress | None) -> dict[str, int]:
    """Empty every kind's index table and index all records again, ``apply_some`` (the engine's own
    batch step) 5,000 at a time; returns the records per kind. Shared by the SQLite and PostgreSQL
    indexes' ``rebuild`` once each has installed its triggers."""
    session.execute(text("DELETE FROM search_term"))
    counts: dict[str, int] = {}
    for kind in KINDS:
        session.execute(text(f"DELETE FROM search_{kind}"))
        counts[kind] = int(session.execute(text(f"SELECT count(*) FROM {SOURCE_TABLES[kind]}")).scalar_one())
    session.execute(text("DELETE FROM search_dirty WHERE kind NOT IN ("
                         + ", ".join(f"'{k}'" for k in KINDS) + ")"))
    total = sum(counts.values())
    done = 0
    while True:
        step = apply_some(session, 5_000)
        if not step:
            break
        done += step
        if progress:
            progress(f"indexed {done:,} of {total:,} records")
    return counts


class SearchIndex(Protocol):
    """What the search service needs of an index; one implementation per database kind."""

    def available(self, session: Session) -> bool:
        """True when this database has the index (its tables exist)."""
        ...

    def pending(self, session: Session) -> int:
        """How many records wait to be (re)indexed."""
        ...

    def apply_pending(self, session: Session) -> int:
        """Index the queued records (inside the caller's transaction); returns how many."""
        ...

    def rebuild(self, session: Session, progress: Progress | None = None) -> dict[str, int]:
        """Empty and refill the whole index; returns the records indexed per kind."""
        ...

    def candidates(self, session: Session, kind: RecordKind, query: Sequence[QueryWord], tier: Tier,
                   limit: int) -> list[Candidate]:
        """Up to ``limit`` records whose every query word matches as ``tier`` says, newest first.

        No relevance order inside a tier: a bm25 sort would have to score every match (200,000
        meetings for a common word), while newest-first stops after ``limit``; the service scores
        the candidates itself."""
        ...

    def stored(self, session: Session, kind: RecordKind, ids: Sequence[int], *,
               body: bool = True) -> dict[int, IndexedText]:
        """The folded text the index holds for these records (``body=False``: names and keys only)."""
        ...

    def vocabulary(self, session: Session, field: Literal["n", "k"], prefix: str, limit: int) -> list[str]:
        """Indexed name words (``n``) or keys (``k``) that start with ``prefix`` (at most ``limit``)."""
        ...

    def typo_candidates(self, session: Session, field: Literal["n", "k"], word: str, limit: int) -> list[str]:
        """Indexed name words or keys among which to look for ``word`` with one typo: words with the same
        first two letters (at most ``limit``; PostgreSQL's trigram index gives the most alike first)."""
        ...

    def forget_terms(self, session: Session, terms: Iterable[Term]) -> int:
        """Delete from ``search_term`` those of ``terms`` that no indexed person or institution holds (in
        its names or keys) any more; returns how many. ``search_term`` otherwise keeps every word ever
        indexed (harmless for search, but they are names). For an erase: run it after ``apply_pending``."""
        ...

    def compact(self, session: Session, kind: RecordKind) -> None:
        """Leave no copy of deleted or replaced text in the index structures of ``kind`` (SQLite: merge the
        FTS5 segments; PostgreSQL: nothing to do inside a transaction, see ``store.search.postgresql``)."""
        ...


def raw_cursor(session: Session) -> Any:
    """A DB-API cursor on the session's own connection (same transaction): the index's hot queries
    skip SQLAlchemy's per-statement overhead (about 1 ms each here, against 50 µs for the query)."""
    return session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
