"""Which search index a session's database has: SQLite's, PostgreSQL's, or none.

The only module that knows both engines (``sqlite.SqliteFtsIndex``, ``postgresql.PostgresIndex``); the
search service and ``Database.unit_of_work`` ask it, and neither engine imports it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal

from sqlalchemy import TextClause

from organizer.domain.enums import RecordKind
from organizer.store.search.base import (
    Candidate,
    IndexedText,
    Progress,
    SearchIndex,
    SearchUnavailableError,
    Term,
)
from organizer.store.search.sqlite import SqliteFtsIndex
from organizer.store.search.words import QueryWord, Tier

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_SQLITE = SqliteFtsIndex()


class UnavailableIndex:
    """``SearchIndex`` for a database kind without one (neither SQLite nor PostgreSQL)."""

    def __init__(self, dialect: str) -> None:
        self.dialect = dialect
        self.reason = f"search is not available on {dialect} databases (only on SQLite and PostgreSQL)"

    def available(self, session: Session) -> bool:
        return False

    def _refuse(self) -> SearchUnavailableError:
        return SearchUnavailableError(self.reason)

    def pending(self, session: Session) -> int:
        return 0

    def apply_pending(self, session: Session) -> int:
        return 0

    def rebuild(self, session: Session, progress: Progress | None = None) -> dict[str, int]:
        raise self._refuse()

    def candidates(self, session: Session, kind: RecordKind, query: Sequence[QueryWord], tier: Tier,
                   limit: int) -> list[Candidate]:
        raise self._refuse()

    def id_query(self, kind: RecordKind, query: Sequence[QueryWord], tier: Tier) -> TextClause | None:
        raise self._refuse()

    def stored(self, session: Session, kind: RecordKind, ids: Sequence[int], *,
               body: bool = True) -> dict[int, IndexedText]:
        raise self._refuse()

    def vocabulary(self, session: Session, field: Literal["n", "k"], prefix: str, limit: int) -> list[str]:
        raise self._refuse()

    def typo_candidates(self, session: Session, field: Literal["n", "k"], word: str, limit: int) -> list[str]:
        raise self._refuse()

    def forget_terms(self, session: Session, terms: Iterable[Term]) -> int:
        return 0

    def compact(self, session: Session, kind: RecordKind) -> None:
        return None


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
