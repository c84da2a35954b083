"""Which search index a session's database has: SQLite's, PostgreSQL's, or none.

The only module that knows both engines (``sqlite.SqliteFtsIndex``, ``postgresql.PostgresIndex``); the
search service and ``Database.unit_of_work`` ask it, and neither engine imports it.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from organizer.store.search.base import SearchIndex, UnavailableIndex
from organizer.store.search.sqlite import SqliteFtsIndex

_SQLITE = SqliteFtsIndex()


def index_for(session: Session) -> SearchIndex:
    """The index implementation for the database this session talks to."""
    return index_of_dialect(session.get_bind().dialect.name)


def index_of_dialect(dialect: str) -> SearchIndex:
    """The index implementation for a database of this SQLAlchemy dialect (``sqlite``, ``postgresql``)."""
    if dialect == "sqlite":
        return _SQLITE
    if dialect == "postgresql":
        from organizer.store.search.postgresql import PostgresIndex  # only PostgreSQL sessions need it

        return PostgresIndex()
    return UnavailableIndex(dialect)


def has_index(session: Session) -> bool:
    """True when this database has the index tables (SQLite: migration 0003 or later; PostgreSQL: the
    migration that adds them there)."""
    return index_for(session).available(session)


def sync_before_commit(session: Session) -> None:
    """Bring the index up to date with what this transaction wrote (called by ``unit_of_work``)."""
    index = index_for(session)
    if index.available(session):
        index.apply_pending(session)
