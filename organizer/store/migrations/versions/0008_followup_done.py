"""when a follow-up was done, and a note on it

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 19:00:00

Two columns on ``followup``: ``done_on`` (a date, NULL while open and for follow-ups marked done before
this revision) and ``done_note`` (text, empty by default), both set by Mark done. Added with plain
``ALTER TABLE ... ADD COLUMN`` / ``DROP COLUMN`` (not batch mode), so SQLite keeps the table and its
search-index triggers.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '0008'
down_revision: Union[str, Sequence[str], None] = '0007'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column('followup', sa.Column('done_on', sa.Date(), nullable=True))
    op.add_column('followup', sa.Column('done_note', sa.Text(), nullable=False, server_default=''))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+): batch mode would recreate the table and drop the search triggers.
    op.execute('ALTER TABLE followup DROP COLUMN done_note')
    op.execute('ALTER TABLE followup DROP COLUMN done_on')
