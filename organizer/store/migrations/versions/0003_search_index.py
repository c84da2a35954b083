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
a migration that batch-alters a table in ``TRIGGERS`` must create its triggers again, with its own
copy of their statements (tests/store/test_search_index.py checks the triggers exist, and
tests/store/test_database.py that those at head are the ones ``store.search.sqlite`` would create).
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# What this revision created, written out (frozen): a migration never imports the live code, whose
# index may have changed since. A later revision that changes the index writes its own statements.
KINDS = ('person', 'institution', 'visit', 'meeting', 'followup')

TABLES_SQL = (
    'CREATE TABLE IF NOT EXISTS search_dirty (kind VARCHAR(16) NOT NULL, record_id INTEGER NOT NULL, PRIMARY KEY (kind, record_id)) WITHOUT ROWID',
    'CREATE TABLE IF NOT EXISTS search_term (field CHAR(1) NOT NULL, term VARCHAR(300) NOT NULL, PRIMARY KEY (field, term)) WITHOUT ROWID',
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_person USING fts5(names, keys, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_institution USING fts5(names, keys, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_visit USING fts5(names, keys, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_meeting USING fts5(names, keys, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_followup USING fts5(names, keys, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')",
)

TRIGGERS = {
    'search_q_person_insert':
        "CREATE TRIGGER IF NOT EXISTS search_q_person_insert AFTER INSERT ON person FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', NEW.id WHERE NEW.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'person' AND record_id = NEW.id); END",
    'search_q_person_update':
        "CREATE TRIGGER IF NOT EXISTS search_q_person_update AFTER UPDATE ON person FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', OLD.id WHERE OLD.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'person' AND record_id = OLD.id); INSERT INTO search_dirty (kind, record_id) SELECT 'person', NEW.id WHERE NEW.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'person' AND record_id = NEW.id); END",
    'search_q_person_delete':
        "CREATE TRIGGER IF NOT EXISTS search_q_person_delete AFTER DELETE ON person FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', OLD.id WHERE OLD.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'person' AND record_id = OLD.id); END",
    'search_q_person_name_insert':
        "CREATE TRIGGER IF NOT EXISTS search_q_person_name_insert AFTER INSERT ON person_name FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', NEW.person_id WHERE NEW.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'person' AND record_id = NEW.person_id); END",
    'search_q_person_name_update':
        "CREATE TRIGGER IF NOT EXISTS search_q_person_name_update AFTER UPDATE ON person_name FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', OLD.person_id WHERE OLD.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'person' AND record_id = OLD.person_id); INSERT INTO search_dirty (kind, record_id) SELECT 'person', NEW.person_id WHERE NEW.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'person' AND record_id = NEW.person_id); END",
    'search_q_person_name_delete':
        "CREATE TRIGGER IF NOT EXISTS search_q_person_name_delete AFTER DELETE ON person_name FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', OLD.person_id WHERE OLD.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'person' AND record_id = OLD.person_id); END",
    'search_q_person_email_insert':
        "CREATE TRIGGER IF NOT EXISTS search_q_person_email_insert AFTER INSERT ON person_email FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', NEW.person_id WHERE NEW.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'person' AND record_id = NEW.person_id); END",
    'search_q_person_email_update':
        "CREATE TRIGGER IF NOT EXISTS search_q_person_email_update AFTER UPDATE ON person_email FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', OLD.person_id WHERE OLD.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'person' AND record_id = OLD.person_id); INSERT INTO search_dirty (kind, record_id) SELECT 'person', NEW.person_id WHERE NEW.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'person' AND record_id = NEW.person_id); END",
    'search_q_person_email_delete':
        "CREATE TRIGGER IF NOT EXISTS search_q_person_email_delete AFTER DELETE ON person_email FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', OLD.person_id WHERE OLD.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'person' AND record_id = OLD.person_id); END",
    'search_q_person_tag_insert':
        "CREATE TRIGGER IF NOT EXISTS search_q_person_tag_insert AFTER INSERT ON person_tag FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', NEW.person_id WHERE NEW.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'person' AND record_id = NEW.person_id); END",
    'search_q_person_tag_update':
        "CREATE TRIGGER IF NOT EXISTS search_q_person_tag_update AFTER UPDATE ON person_tag FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', OLD.person_id WHERE OLD.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'person' AND record_id = OLD.person_id); INSERT INTO search_dirty (kind, record_id) SELECT 'person', NEW.person_id WHERE NEW.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'person' AND record_id = NEW.person_id); END",
    'search_q_person_tag_delete':
        "CREATE TRIGGER IF NOT EXISTS search_q_person_tag_delete AFTER DELETE ON person_tag FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', OLD.person_id WHERE OLD.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'person' AND record_id = OLD.person_id); END",
    'search_q_person_topic_insert':
        "CREATE TRIGGER IF NOT EXISTS search_q_person_topic_insert AFTER INSERT ON person_topic FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', NEW.person_id WHERE NEW.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'person' AND record_id = NEW.person_id); END",
    'search_q_person_topic_update':
        "CREATE TRIGGER IF NOT EXISTS search_q_person_topic_update AFTER UPDATE ON person_topic FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', OLD.person_id WHERE OLD.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'person' AND record_id = OLD.person_id); INSERT INTO search_dirty (kind, record_id) SELECT 'person', NEW.person_id WHERE NEW.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'person' AND record_id = NEW.person_id); END",
    'search_q_person_topic_delete':
        "CREATE TRIGGER IF NOT EXISTS search_q_person_topic_delete AFTER DELETE ON person_topic FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', OLD.person_id WHERE OLD.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'person' AND record_id = OLD.person_id); END",
    'search_q_position_insert':
        "CREATE TRIGGER IF NOT EXISTS search_q_position_insert AFTER INSERT ON position FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', NEW.person_id WHERE NEW.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'person' AND record_id = NEW.person_id); END",
    'search_q_position_update':
        "CREATE TRIGGER IF NOT EXISTS search_q_position_update AFTER UPDATE ON position FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', OLD.person_id WHERE OLD.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'person' AND record_id = OLD.person_id); INSERT INTO search_dirty (kind, record_id) SELECT 'person', NEW.person_id WHERE NEW.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'person' AND record_id = NEW.person_id); END",
    'search_q_position_delete':
        "CREATE TRIGGER IF NOT EXISTS search_q_position_delete AFTER DELETE ON position FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', OLD.person_id WHERE OLD.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'person' AND record_id = OLD.person_id); END",
    'search_q_institution_insert':
        "CREATE TRIGGER IF NOT EXISTS search_q_institution_insert AFTER INSERT ON institution FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'institution', NEW.id WHERE NEW.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'institution' AND record_id = NEW.id); END",
    'search_q_institution_update':
        "CREATE TRIGGER IF NOT EXISTS search_q_institution_update AFTER UPDATE ON institution FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'institution', OLD.id WHERE OLD.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'institution' AND record_id = OLD.id); INSERT INTO search_dirty (kind, record_id) SELECT 'institution', NEW.id WHERE NEW.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'institution' AND record_id = NEW.id); END",
    'search_q_institution_delete':
        "CREATE TRIGGER IF NOT EXISTS search_q_institution_delete AFTER DELETE ON institution FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'institution', OLD.id WHERE OLD.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'institution' AND record_id = OLD.id); END",
    'search_q_institution_name_insert':
        "CREATE TRIGGER IF NOT EXISTS search_q_institution_name_insert AFTER INSERT ON institution_name FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'institution', NEW.institution_id WHERE NEW.institution_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'institution' AND record_id = NEW.institution_id); END",
    'search_q_institution_name_update':
        "CREATE TRIGGER IF NOT EXISTS search_q_institution_name_update AFTER UPDATE ON institution_name FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'institution', OLD.institution_id WHERE OLD.institution_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'institution' AND record_id = OLD.institution_id); INSERT INTO search_dirty (kind, record_id) SELECT 'institution', NEW.institution_id WHERE NEW.institution_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'institution' AND record_id = NEW.institution_id); END",
    'search_q_institution_name_delete':
        "CREATE TRIGGER IF NOT EXISTS search_q_institution_name_delete AFTER DELETE ON institution_name FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'institution', OLD.institution_id WHERE OLD.institution_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'institution' AND record_id = OLD.institution_id); END",
    'search_q_institution_topic_insert':
        "CREATE TRIGGER IF NOT EXISTS search_q_institution_topic_insert AFTER INSERT ON institution_topic FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'institution', NEW.institution_id WHERE NEW.institution_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'institution' AND record_id = NEW.institution_id); END",
    'search_q_institution_topic_update':
        "CREATE TRIGGER IF NOT EXISTS search_q_institution_topic_update AFTER UPDATE ON institution_topic FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'institution', OLD.institution_id WHERE OLD.institution_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'institution' AND record_id = OLD.institution_id); INSERT INTO search_dirty (kind, record_id) SELECT 'institution', NEW.institution_id WHERE NEW.institution_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'institution' AND record_id = NEW.institution_id); END",
    'search_q_institution_topic_delete':
        "CREATE TRIGGER IF NOT EXISTS search_q_institution_topic_delete AFTER DELETE ON institution_topic FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'institution', OLD.institution_id WHERE OLD.institution_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'institution' AND record_id = OLD.institution_id); END",
    'search_q_visit_insert':
        "CREATE TRIGGER IF NOT EXISTS search_q_visit_insert AFTER INSERT ON visit FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'visit', NEW.id WHERE NEW.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'visit' AND record_id = NEW.id); END",
    'search_q_visit_update':
        "CREATE TRIGGER IF NOT EXISTS search_q_visit_update AFTER UPDATE ON visit FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'visit', OLD.id WHERE OLD.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'visit' AND record_id = OLD.id); INSERT INTO search_dirty (kind, record_id) SELECT 'visit', NEW.id WHERE NEW.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'visit' AND record_id = NEW.id); END",
    'search_q_visit_delete':
        "CREATE TRIGGER IF NOT EXISTS search_q_visit_delete AFTER DELETE ON visit FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'visit', OLD.id WHERE OLD.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'visit' AND record_id = OLD.id); END",
    'search_q_visit_topic_insert':
        "CREATE TRIGGER IF NOT EXISTS search_q_visit_topic_insert AFTER INSERT ON visit_topic FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'visit', NEW.visit_id WHERE NEW.visit_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'visit' AND record_id = NEW.visit_id); END",
    'search_q_visit_topic_update':
        "CREATE TRIGGER IF NOT EXISTS search_q_visit_topic_update AFTER UPDATE ON visit_topic FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'visit', OLD.visit_id WHERE OLD.visit_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'visit' AND record_id = OLD.visit_id); INSERT INTO search_dirty (kind, record_id) SELECT 'visit', NEW.visit_id WHERE NEW.visit_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'visit' AND record_id = NEW.visit_id); END",
    'search_q_visit_topic_delete':
        "CREATE TRIGGER IF NOT EXISTS search_q_visit_topic_delete AFTER DELETE ON visit_topic FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'visit', OLD.visit_id WHERE OLD.visit_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'visit' AND record_id = OLD.visit_id); END",
    'search_q_meeting_insert':
        "CREATE TRIGGER IF NOT EXISTS search_q_meeting_insert AFTER INSERT ON meeting FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'meeting', NEW.id WHERE NEW.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'meeting' AND record_id = NEW.id); END",
    'search_q_meeting_update':
        "CREATE TRIGGER IF NOT EXISTS search_q_meeting_update AFTER UPDATE ON meeting FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'meeting', OLD.id WHERE OLD.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'meeting' AND record_id = OLD.id); INSERT INTO search_dirty (kind, record_id) SELECT 'meeting', NEW.id WHERE NEW.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'meeting' AND record_id = NEW.id); END",
    'search_q_meeting_delete':
        "CREATE TRIGGER IF NOT EXISTS search_q_meeting_delete AFTER DELETE ON meeting FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'meeting', OLD.id WHERE OLD.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'meeting' AND record_id = OLD.id); END",
    'search_q_meeting_topic_insert':
        "CREATE TRIGGER IF NOT EXISTS search_q_meeting_topic_insert AFTER INSERT ON meeting_topic FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'meeting', NEW.meeting_id WHERE NEW.meeting_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'meeting' AND record_id = NEW.meeting_id); END",
    'search_q_meeting_topic_update':
        "CREATE TRIGGER IF NOT EXISTS search_q_meeting_topic_update AFTER UPDATE ON meeting_topic FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'meeting', OLD.meeting_id WHERE OLD.meeting_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'meeting' AND record_id = OLD.meeting_id); INSERT INTO search_dirty (kind, record_id) SELECT 'meeting', NEW.meeting_id WHERE NEW.meeting_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'meeting' AND record_id = NEW.meeting_id); END",
    'search_q_meeting_topic_delete':
        "CREATE TRIGGER IF NOT EXISTS search_q_meeting_topic_delete AFTER DELETE ON meeting_topic FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'meeting', OLD.meeting_id WHERE OLD.meeting_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'meeting' AND record_id = OLD.meeting_id); END",
    'search_q_followup_insert':
        "CREATE TRIGGER IF NOT EXISTS search_q_followup_insert AFTER INSERT ON followup FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'followup', NEW.id WHERE NEW.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'followup' AND record_id = NEW.id); END",
    'search_q_followup_update':
        "CREATE TRIGGER IF NOT EXISTS search_q_followup_update AFTER UPDATE ON followup FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'followup', OLD.id WHERE OLD.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'followup' AND record_id = OLD.id); INSERT INTO search_dirty (kind, record_id) SELECT 'followup', NEW.id WHERE NEW.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'followup' AND record_id = NEW.id); END",
    'search_q_followup_delete':
        "CREATE TRIGGER IF NOT EXISTS search_q_followup_delete AFTER DELETE ON followup FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'followup', OLD.id WHERE OLD.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_dirty WHERE kind = 'followup' AND record_id = OLD.id); END",
    'search_q_institution_update_person':
        "CREATE TRIGGER IF NOT EXISTS search_q_institution_update_person AFTER UPDATE OF name ON institution FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT DISTINCT 'person', x.id FROM (SELECT person_id AS id FROM position WHERE institution_id = NEW.id) AS x WHERE NOT EXISTS (SELECT 1 FROM search_dirty d WHERE d.kind = 'person' AND d.record_id = x.id); END",
    'search_q_topic_update_person':
        "CREATE TRIGGER IF NOT EXISTS search_q_topic_update_person AFTER UPDATE OF name ON topic FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT DISTINCT 'person', x.id FROM (SELECT person_id AS id FROM person_topic WHERE topic_id = NEW.id) AS x WHERE NOT EXISTS (SELECT 1 FROM search_dirty d WHERE d.kind = 'person' AND d.record_id = x.id); END",
    'search_q_topic_update_institution':
        "CREATE TRIGGER IF NOT EXISTS search_q_topic_update_institution AFTER UPDATE OF name ON topic FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT DISTINCT 'institution', x.id FROM (SELECT institution_id AS id FROM institution_topic WHERE topic_id = NEW.id) AS x WHERE NOT EXISTS (SELECT 1 FROM search_dirty d WHERE d.kind = 'institution' AND d.record_id = x.id); END",
    'search_q_topic_update_visit':
        "CREATE TRIGGER IF NOT EXISTS search_q_topic_update_visit AFTER UPDATE OF name ON topic FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT DISTINCT 'visit', x.id FROM (SELECT visit_id AS id FROM visit_topic WHERE topic_id = NEW.id) AS x WHERE NOT EXISTS (SELECT 1 FROM search_dirty d WHERE d.kind = 'visit' AND d.record_id = x.id); END",
    'search_q_topic_update_meeting':
        "CREATE TRIGGER IF NOT EXISTS search_q_topic_update_meeting AFTER UPDATE OF name ON topic FOR EACH ROW BEGIN INSERT INTO search_dirty (kind, record_id) SELECT DISTINCT 'meeting', x.id FROM (SELECT meeting_id AS id FROM meeting_topic WHERE topic_id = NEW.id) AS x WHERE NOT EXISTS (SELECT 1 FROM search_dirty d WHERE d.kind = 'meeting' AND d.record_id = x.id); END",
}

SOURCE_TABLES = {'person': 'person', 'institution': 'institution', 'visit': 'visit', 'meeting': 'meeting', 'followup': 'followup'}


def install_sqlite(execute):
    """Create the index tables and triggers (idempotent) and queue every existing record."""
    for sql in TABLES_SQL:
        execute(sql)
    for sql in TRIGGERS.values():
        execute(sql)
    for kind, table in SOURCE_TABLES.items():
        execute(f"INSERT INTO search_dirty (kind, record_id) SELECT '{kind}', id FROM {table} t WHERE NOT EXISTS "
                f"(SELECT 1 FROM search_dirty d WHERE d.kind = '{kind}' AND d.record_id = t.id)")


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
    install_sqlite(bind.exec_driver_sql)


def downgrade() -> None:
    op.drop_index(op.f('ix_merge_record_merged_uid'), table_name='merge_record')
    op.drop_index(op.f('ix_merge_record_kept_id'), table_name='merge_record')
    op.drop_table('merge_record')
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    for name in TRIGGERS:
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    for kind in KINDS:
        bind.exec_driver_sql(f"DROP TABLE IF EXISTS search_{kind}")
    bind.exec_driver_sql("DROP TABLE IF EXISTS search_term")
    bind.exec_driver_sql("DROP TABLE IF EXISTS search_dirty")
