"""search index: FTS5 tables, the re-index queue and its triggers (SQLite only)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 02:30:00

The index tables are not in ``models.Base`` (FTS5 virtual tables cannot be described there) and
``migrations/env.py`` hides them from autogenerate. Every existing record is queued, so the first
unit of work (or ``organizer search --rebuild``) indexes what the database already holds.

On PostgreSQL this revision does nothing: the search index there is a later revision's job
(tsvector/GIN and pg_trgm behind the same ``SearchIndex`` interface).

Later migrations: Alembic's batch mode on SQLite recreates a table and silently drops its triggers;
a migration that batch-alters a table in ``search_index.TRIGGERS`` must run
``search_index.install_sqlite`` again (tests/store/test_search_index.py checks the triggers exist).
"""
from typing import Sequence, Union

from alembic import op

from organizer.store import search_index

revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    search_index.install_sqlite(bind.exec_driver_sql)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    for name in search_index.TRIGGERS:
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    for kind in search_index.KINDS:
        bind.exec_driver_sql(f"DROP TABLE IF EXISTS search_{kind}")
    bind.exec_driver_sql("DROP TABLE IF EXISTS search_term")
    bind.exec_driver_sql("DROP TABLE IF EXISTS search_dirty")
