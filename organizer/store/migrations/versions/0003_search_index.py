"""search index (SQLite: FTS5 tables, re-index queue, triggers) and merge records (every database)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 02:30:00

The index tables are not in ``models.Base`` (FTS5 virtual tables cannot be described there) and
``migrations/env.py`` hides them from autogenerate. Every existing record is queued, so the first
unit of work (or ``organizer search --rebuild``) indexes what the database already holds.

On PostgreSQL this revision only creates ``merge_record``: the search index there is a later
revision's job (tsvector/GIN and pg_trgm behind the same ``SearchIndex`` interface).

Later migrations: Alembic's batch mode on SQLite recreates a table and silently drops its triggers;
a migration that batch-alters a table in ``search_index.TRIGGERS`` must run
``search_index.install_sqlite`` again (tests/store/test_search_index.py checks the triggers exist).
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

from organizer.store.search import sqlite as search_index

revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('merge_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('kept_id', sa.Integer(), nullable=False),
    sa.Column('merged_id', sa.Integer(), nullable=False),
    sa.Column('merged_uid', sa.String(length=64), nullable=False),
    sa.Column('merged_title', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('undone_at', sa.DateTime(), nullable=True),
    sa.Column('snapshot', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_merge_record'))
    )
    op.create_index(op.f('ix_merge_record_kept_id'), 'merge_record', ['kept_id'], unique=False)
    op.create_index(op.f('ix_merge_record_merged_uid'), 'merge_record', ['merged_uid'], unique=False)
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    search_index.install_sqlite(bind.exec_driver_sql)


def downgrade() -> None:
    op.drop_index(op.f('ix_merge_record_merged_uid'), table_name='merge_record')
    op.drop_index(op.f('ix_merge_record_kept_id'), table_name='merge_record')
    op.drop_table('merge_record')
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    for name in search_index.TRIGGERS:
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    for kind in search_index.KINDS:
        bind.exec_driver_sql(f"DROP TABLE IF EXISTS search_{kind}")
    bind.exec_driver_sql("DROP TABLE IF EXISTS search_term")
    bind.exec_driver_sql("DROP TABLE IF EXISTS search_dirty")
