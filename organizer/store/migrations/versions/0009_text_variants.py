"""language variants of texts; a person's academic title; name parts per script

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 19:20:00

Issue 18. One JSON column ``variants`` (``{"title": {"ru": "..."}}``, ``domain.variants``) on every table
whose texts documents show: topic, institution, person, position, visit, gift, meeting, followup,
agreement; ``{}`` for every existing row. ``person.academic_title`` ("Professor", "Academician"), and the
parts of a name in another script (``person_name.family_name``, ``given_name``, ``middle_name``), empty for
existing rows. Added with plain ``ALTER TABLE ... ADD COLUMN`` / ``DROP COLUMN`` (not batch mode), so SQLite
keeps the tables and their search-index triggers.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '0009'
down_revision: Union[str, Sequence[str], None] = '0008'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

VARIANT_TABLES = ('topic', 'institution', 'person', 'position', 'visit', 'gift', 'meeting', 'followup', 'agreement')
NAME_PARTS = ('family_name', 'given_name', 'middle_name')


def upgrade() -> None:
    # One call per table with the names written out: store.recognition reads the added columns from this text.
    op.add_column('topic', sa.Column('variants', sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
    op.add_column('institution', sa.Column('variants', sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
    op.add_column('person', sa.Column('variants', sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
    op.add_column('position', sa.Column('variants', sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
    op.add_column('visit', sa.Column('variants', sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
    op.add_column('gift', sa.Column('variants', sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
    op.add_column('meeting', sa.Column('variants', sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
    op.add_column('followup', sa.Column('variants', sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
    op.add_column('agreement', sa.Column('variants', sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
    op.add_column('person', sa.Column('academic_title', sa.String(300), nullable=False, server_default=''))
    op.add_column('person_name', sa.Column('family_name', sa.String(300), nullable=False, server_default=''))
    op.add_column('person_name', sa.Column('given_name', sa.String(300), nullable=False, server_default=''))
    op.add_column('person_name', sa.Column('middle_name', sa.String(300), nullable=False, server_default=''))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+): batch mode would recreate the tables, which foreign keys to them
    # forbid and which would drop the search triggers.
    for name in NAME_PARTS:
        op.execute(f'ALTER TABLE person_name DROP COLUMN {name}')
    op.execute('ALTER TABLE person DROP COLUMN academic_title')
    for table in VARIANT_TABLES:
        op.execute(f'ALTER TABLE {table} DROP COLUMN variants')
