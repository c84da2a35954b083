"""search index on PostgreSQL (tsvector/GIN, pg_trgm, plpgsql triggers); nothing on SQLite

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 05:00:00

The PostgreSQL counterpart of 0003's FTS5 index (``store.search_pg``): the queue, one table per kind
with a generated ``tsvector`` and its GIN index, the word list with a trigram index, and one plpgsql
trigger per feed. Every existing record is queued, so the first unit of work (or ``organizer search
--rebuild``) indexes what the database already holds. ``CREATE EXTENSION pg_trgm`` runs in a savepoint:
where the user may not create it, the index works without trigrams and a warning says what to run.
SQLite already has its index (0003): this revision does nothing there.
"""
import logging
from typing import Sequence, Union

from alembic import op

from organizer.store.search import postgresql as search_pg

revision: str = '0005'
down_revision: Union[str, Sequence[str], None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    if not search_pg.install(bind.exec_driver_sql, bind.begin_nested):
        logging.getLogger("alembic").warning(search_pg.trigram_missing_message())


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    search_pg.uninstall(bind.exec_driver_sql)
