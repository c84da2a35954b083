"""language variants of texts; a person's academic title

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 19:20:00

Issue 18. One JSON column ``variants`` (``{"title": {"ru": "..."}}``, ``domain.variants``) on every table
whose texts documents show: topic, institution, person, position, visit, gift, meeting, followup,
agreement; ``{}`` for every existing row. ``person.academic_title`` ("Professor", "Academician"), empty for
existing rows. (A name's parts in another language are the person's variants of its name fields: no column.
An earlier draft of this revision also added ``person_name.family_name``/``given_name``/``middle_name``; a
database made by it keeps them unused, which is allowed.) Added with plain ``ALTER TABLE ... ADD COLUMN`` / ``DROP COLUMN`` (not batch mode), so SQLite
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


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+): batch mode would recreate the tables, which foreign keys to them
    # forbid and which would drop the search triggers.
    op.execute('ALTER TABLE person DROP COLUMN academic_title')
    for table in VARIANT_TABLES:
        op.execute(f'ALTER TABLE {table} DROP COLUMN variants')
