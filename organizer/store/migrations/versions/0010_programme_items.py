"""programme items that are not meetings; a visit's desired outcomes, key messages and sensitivities

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 19:00:00

Issue 18: a table ``programme_item`` (arrival, departure, transfers, meals, breaks, free time of a visit,
each with its times, place, escort, transport and notes), and three text columns on ``visit`` for the
briefing's one-page summary, empty for every existing visit. The columns are added with plain ``ALTER TABLE
... ADD COLUMN`` / ``DROP COLUMN`` (not batch mode), so SQLite keeps the table and its search-index triggers.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '0010'
down_revision: Union[str, Sequence[str], None] = '0009'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_VISIT_COLUMNS = ('desired_outcomes', 'key_messages', 'sensitivities')


def upgrade() -> None:
    # One call per column (not a loop): ``store.recognition`` reads the added columns from this text.
    op.add_column('visit', sa.Column('desired_outcomes', sa.Text(), nullable=False, server_default=''))
    op.add_column('visit', sa.Column('key_messages', sa.Text(), nullable=False, server_default=''))
    op.add_column('visit', sa.Column('sensitivities', sa.Text(), nullable=False, server_default=''))
    op.create_table('programme_item',
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=True),
    sa.Column('ends_at', sa.DateTime(), nullable=True),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('escort_person_id', sa.Integer(), nullable=True),
    sa.Column('transport', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('ends_at IS NULL OR starts_at IS NULL OR ends_at >= starts_at',
                       name=op.f('ck_programme_item_times')),
    sa.ForeignKeyConstraint(['escort_person_id'], ['person.id'],
                            name=op.f('fk_programme_item_escort_person_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_programme_item_visit_id_visit'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_item')),
    sa.UniqueConstraint('uid', name=op.f('uq_programme_item_uid'))
    )
    with op.batch_alter_table('programme_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_item_escort_person_id'), ['escort_person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_programme_item_starts_at'), ['starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_programme_item_visit_id'), ['visit_id'], unique=False)


def downgrade() -> None:
    op.drop_table('programme_item')
    # Plain DROP COLUMN (SQLite 3.35+): batch mode would recreate the table, which foreign keys to
    # ``visit`` forbid and which would drop the search triggers.
    for name in _VISIT_COLUMNS:
        op.execute(f'ALTER TABLE visit DROP COLUMN {name}')
