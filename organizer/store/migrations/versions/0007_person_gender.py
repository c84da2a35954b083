"""a person's gender

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 16:50:00

One short text column on ``person`` ("", "female" or "male"; ``domain.enums.Gender``), empty for every
existing person. Added with plain ``ALTER TABLE ... ADD COLUMN`` / ``DROP COLUMN`` (not batch mode), so
SQLite keeps the table and its search-index triggers.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '0007'
down_revision: Union[str, Sequence[str], None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column('person', sa.Column('gender', sa.String(64), nullable=False, server_default=''))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+): batch mode would recreate the table, which foreign keys to
    # ``person`` forbid and which would drop the search triggers.
    op.execute('ALTER TABLE person DROP COLUMN gender')
