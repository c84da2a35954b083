"""language variants of a programme item's texts

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 20:15:00

Issue 18: a programme item's title, place, transport and notes get language variants like every other text
a document shows: the JSON column ``variants`` (``{"title": {"ru": "..."}}``, ``domain.variants``), ``{}``
for every existing item. Added with plain ``ALTER TABLE ... ADD COLUMN`` / ``DROP COLUMN`` (not batch mode).
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '0011'
down_revision: Union[str, Sequence[str], None] = '0010'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column('programme_item', sa.Column('variants', sa.JSON(), nullable=False, server_default=sa.text("'{}'")))


def downgrade() -> None:
    op.execute('ALTER TABLE programme_item DROP COLUMN variants')
