"""a person's dietary and interpretation needs

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 04:50:00

Two text columns on ``person``, empty for every existing person. Added with plain ``ALTER TABLE ...
ADD COLUMN`` / ``DROP COLUMN`` (not batch mode), so SQLite keeps the table and its search-index triggers.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '0006'
down_revision: Union[str, Sequence[str], None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_COLUMNS = ('dietary_needs', 'interpreter_needs')


def upgrade() -> None:
    for name in _COLUMNS:
        op.add_column('person', sa.Column(name, sa.Text(), nullable=False, server_default=''))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+): batch mode would recreate the table, which foreign keys to
    # ``person`` forbid and which would drop the search triggers.
    for name in _COLUMNS:
        op.execute(f'ALTER TABLE person DROP COLUMN {name}')
