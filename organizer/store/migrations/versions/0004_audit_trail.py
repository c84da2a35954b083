"""audit trail: who changed what and when (``audit_entry``)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 05:00:00

A plain table on both engines (no triggers, no batch mode). Existing records get no entries: their
history starts with this revision.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '0004'
down_revision: Union[str, Sequence[str], None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_name', sa.String(length=300), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=True),
    sa.Column('record_id', sa.Integer(), nullable=True),
    sa.Column('record_uid', sa.String(length=64), nullable=True),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    op.create_index('ix_audit_entry_record', 'audit_entry', ['kind', 'record_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_audit_entry_record', table_name='audit_entry')
    op.drop_table('audit_entry')
