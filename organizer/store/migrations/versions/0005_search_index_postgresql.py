"""search index on PostgreSQL (tsvector/GIN, pg_trgm, plpgsql triggers); nothing on SQLite

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 05:00:00

The PostgreSQL counterpart of 0003's FTS5 index (what ``store.search.postgresql`` reads): the queue, one table per kind
with a generated ``tsvector`` and its GIN index, the word list with a trigram index, and one plpgsql
trigger per feed. Every existing record is queued, so the first unit of work (or ``organizer search
--rebuild``) indexes what the database already holds. ``CREATE EXTENSION pg_trgm`` runs in a savepoint:
where the user may not create it, the index works without trigrams and a warning says what to run.
SQLite already has its index (0003): this revision does nothing there.
"""
import logging
from typing import Sequence, Union

from alembic import op
from sqlalchemy.exc import DBAPIError

revision: str = '0005'
down_revision: Union[str, Sequence[str], None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

log = logging.getLogger("organizer.store.search.postgresql")

# What this revision creates, written out (frozen): a migration never imports the live code, whose
# index may have changed since. A later revision that changes the index writes its own statements.
KINDS = ('person', 'institution', 'visit', 'meeting', 'followup')

TABLES_SQL = (
    'CREATE TABLE IF NOT EXISTS search_dirty (kind VARCHAR(16) NOT NULL, record_id INTEGER NOT NULL, tx BIGINT NOT NULL DEFAULT txid_current(), PRIMARY KEY (kind, record_id, tx))',
    'CREATE TABLE IF NOT EXISTS search_term (field CHAR(1) NOT NULL, term VARCHAR(300) COLLATE "C" NOT NULL, PRIMARY KEY (field, term))',
    "CREATE TABLE IF NOT EXISTS search_person (id INTEGER PRIMARY KEY, names TEXT NOT NULL DEFAULT '', keys TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '', doc TSVECTOR GENERATED ALWAYS AS (setweight(to_tsvector('simple'::regconfig, regexp_replace(left(names, 20000), '[^a-z0-9]+', ' ', 'g')), 'A') || setweight(to_tsvector('simple'::regconfig, regexp_replace(left(keys, 20000), '[^a-z0-9]+', ' ', 'g')), 'B') || setweight(to_tsvector('simple'::regconfig, regexp_replace(left(body, 100000), '[^a-z0-9]+', ' ', 'g')), 'C')) STORED)",
    "CREATE TABLE IF NOT EXISTS search_institution (id INTEGER PRIMARY KEY, names TEXT NOT NULL DEFAULT '', keys TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '', doc TSVECTOR GENERATED ALWAYS AS (setweight(to_tsvector('simple'::regconfig, regexp_replace(left(names, 20000), '[^a-z0-9]+', ' ', 'g')), 'A') || setweight(to_tsvector('simple'::regconfig, regexp_replace(left(keys, 20000), '[^a-z0-9]+', ' ', 'g')), 'B') || setweight(to_tsvector('simple'::regconfig, regexp_replace(left(body, 100000), '[^a-z0-9]+', ' ', 'g')), 'C')) STORED)",
    "CREATE TABLE IF NOT EXISTS search_visit (id INTEGER PRIMARY KEY, names TEXT NOT NULL DEFAULT '', keys TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '', doc TSVECTOR GENERATED ALWAYS AS (setweight(to_tsvector('simple'::regconfig, regexp_replace(left(names, 20000), '[^a-z0-9]+', ' ', 'g')), 'A') || setweight(to_tsvector('simple'::regconfig, regexp_replace(left(keys, 20000), '[^a-z0-9]+', ' ', 'g')), 'B') || setweight(to_tsvector('simple'::regconfig, regexp_replace(left(body, 100000), '[^a-z0-9]+', ' ', 'g')), 'C')) STORED)",
    "CREATE TABLE IF NOT EXISTS search_meeting (id INTEGER PRIMARY KEY, names TEXT NOT NULL DEFAULT '', keys TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '', doc TSVECTOR GENERATED ALWAYS AS (setweight(to_tsvector('simple'::regconfig, regexp_replace(left(names, 20000), '[^a-z0-9]+', ' ', 'g')), 'A') || setweight(to_tsvector('simple'::regconfig, regexp_replace(left(keys, 20000), '[^a-z0-9]+', ' ', 'g')), 'B') || setweight(to_tsvector('simple'::regconfig, regexp_replace(left(body, 100000), '[^a-z0-9]+', ' ', 'g')), 'C')) STORED)",
    "CREATE TABLE IF NOT EXISTS search_followup (id INTEGER PRIMARY KEY, names TEXT NOT NULL DEFAULT '', keys TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '', doc TSVECTOR GENERATED ALWAYS AS (setweight(to_tsvector('simple'::regconfig, regexp_replace(left(names, 20000), '[^a-z0-9]+', ' ', 'g')), 'A') || setweight(to_tsvector('simple'::regconfig, regexp_replace(left(keys, 20000), '[^a-z0-9]+', ' ', 'g')), 'B') || setweight(to_tsvector('simple'::regconfig, regexp_replace(left(body, 100000), '[^a-z0-9]+', ' ', 'g')), 'C')) STORED)",
    'CREATE INDEX IF NOT EXISTS search_person_doc ON search_person USING gin (doc)',
    'CREATE INDEX IF NOT EXISTS search_institution_doc ON search_institution USING gin (doc)',
    'CREATE INDEX IF NOT EXISTS search_visit_doc ON search_visit USING gin (doc)',
    'CREATE INDEX IF NOT EXISTS search_meeting_doc ON search_meeting USING gin (doc)',
    'CREATE INDEX IF NOT EXISTS search_followup_doc ON search_followup USING gin (doc)',
)
TRIGRAM_SQL = 'CREATE INDEX IF NOT EXISTS search_term_trgm ON search_term USING gin (term gin_trgm_ops)'

TRIGGERS = {
    'search_q_person_insert': [
        "CREATE OR REPLACE FUNCTION search_q_person_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', NEW.id WHERE NEW.id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_person_insert AFTER INSERT ON person FOR EACH ROW EXECUTE FUNCTION search_q_person_insert()',
    ],
    'search_q_person_update': [
        "CREATE OR REPLACE FUNCTION search_q_person_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', OLD.id WHERE OLD.id IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO search_dirty (kind, record_id) SELECT 'person', NEW.id WHERE NEW.id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_person_update AFTER UPDATE ON person FOR EACH ROW EXECUTE FUNCTION search_q_person_update()',
    ],
    'search_q_person_delete': [
        "CREATE OR REPLACE FUNCTION search_q_person_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', OLD.id WHERE OLD.id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_person_delete AFTER DELETE ON person FOR EACH ROW EXECUTE FUNCTION search_q_person_delete()',
    ],
    'search_q_person_name_insert': [
        "CREATE OR REPLACE FUNCTION search_q_person_name_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', NEW.person_id WHERE NEW.person_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_person_name_insert AFTER INSERT ON person_name FOR EACH ROW EXECUTE FUNCTION search_q_person_name_insert()',
    ],
    'search_q_person_name_update': [
        "CREATE OR REPLACE FUNCTION search_q_person_name_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', OLD.person_id WHERE OLD.person_id IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO search_dirty (kind, record_id) SELECT 'person', NEW.person_id WHERE NEW.person_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_person_name_update AFTER UPDATE ON person_name FOR EACH ROW EXECUTE FUNCTION search_q_person_name_update()',
    ],
    'search_q_person_name_delete': [
        "CREATE OR REPLACE FUNCTION search_q_person_name_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', OLD.person_id WHERE OLD.person_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_person_name_delete AFTER DELETE ON person_name FOR EACH ROW EXECUTE FUNCTION search_q_person_name_delete()',
    ],
    'search_q_person_email_insert': [
        "CREATE OR REPLACE FUNCTION search_q_person_email_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', NEW.person_id WHERE NEW.person_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_person_email_insert AFTER INSERT ON person_email FOR EACH ROW EXECUTE FUNCTION search_q_person_email_insert()',
    ],
    'search_q_person_email_update': [
        "CREATE OR REPLACE FUNCTION search_q_person_email_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', OLD.person_id WHERE OLD.person_id IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO search_dirty (kind, record_id) SELECT 'person', NEW.person_id WHERE NEW.person_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_person_email_update AFTER UPDATE ON person_email FOR EACH ROW EXECUTE FUNCTION search_q_person_email_update()',
    ],
    'search_q_person_email_delete': [
        "CREATE OR REPLACE FUNCTION search_q_person_email_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', OLD.person_id WHERE OLD.person_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_person_email_delete AFTER DELETE ON person_email FOR EACH ROW EXECUTE FUNCTION search_q_person_email_delete()',
    ],
    'search_q_person_tag_insert': [
        "CREATE OR REPLACE FUNCTION search_q_person_tag_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', NEW.person_id WHERE NEW.person_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_person_tag_insert AFTER INSERT ON person_tag FOR EACH ROW EXECUTE FUNCTION search_q_person_tag_insert()',
    ],
    'search_q_person_tag_update': [
        "CREATE OR REPLACE FUNCTION search_q_person_tag_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', OLD.person_id WHERE OLD.person_id IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO search_dirty (kind, record_id) SELECT 'person', NEW.person_id WHERE NEW.person_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_person_tag_update AFTER UPDATE ON person_tag FOR EACH ROW EXECUTE FUNCTION search_q_person_tag_update()',
    ],
    'search_q_person_tag_delete': [
        "CREATE OR REPLACE FUNCTION search_q_person_tag_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', OLD.person_id WHERE OLD.person_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_person_tag_delete AFTER DELETE ON person_tag FOR EACH ROW EXECUTE FUNCTION search_q_person_tag_delete()',
    ],
    'search_q_person_topic_insert': [
        "CREATE OR REPLACE FUNCTION search_q_person_topic_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', NEW.person_id WHERE NEW.person_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_person_topic_insert AFTER INSERT ON person_topic FOR EACH ROW EXECUTE FUNCTION search_q_person_topic_insert()',
    ],
    'search_q_person_topic_update': [
        "CREATE OR REPLACE FUNCTION search_q_person_topic_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', OLD.person_id WHERE OLD.person_id IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO search_dirty (kind, record_id) SELECT 'person', NEW.person_id WHERE NEW.person_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_person_topic_update AFTER UPDATE ON person_topic FOR EACH ROW EXECUTE FUNCTION search_q_person_topic_update()',
    ],
    'search_q_person_topic_delete': [
        "CREATE OR REPLACE FUNCTION search_q_person_topic_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', OLD.person_id WHERE OLD.person_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_person_topic_delete AFTER DELETE ON person_topic FOR EACH ROW EXECUTE FUNCTION search_q_person_topic_delete()',
    ],
    'search_q_position_insert': [
        "CREATE OR REPLACE FUNCTION search_q_position_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', NEW.person_id WHERE NEW.person_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_position_insert AFTER INSERT ON position FOR EACH ROW EXECUTE FUNCTION search_q_position_insert()',
    ],
    'search_q_position_update': [
        "CREATE OR REPLACE FUNCTION search_q_position_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', OLD.person_id WHERE OLD.person_id IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO search_dirty (kind, record_id) SELECT 'person', NEW.person_id WHERE NEW.person_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_position_update AFTER UPDATE ON position FOR EACH ROW EXECUTE FUNCTION search_q_position_update()',
    ],
    'search_q_position_delete': [
        "CREATE OR REPLACE FUNCTION search_q_position_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'person', OLD.person_id WHERE OLD.person_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_position_delete AFTER DELETE ON position FOR EACH ROW EXECUTE FUNCTION search_q_position_delete()',
    ],
    'search_q_institution_insert': [
        "CREATE OR REPLACE FUNCTION search_q_institution_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'institution', NEW.id WHERE NEW.id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_institution_insert AFTER INSERT ON institution FOR EACH ROW EXECUTE FUNCTION search_q_institution_insert()',
    ],
    'search_q_institution_update': [
        "CREATE OR REPLACE FUNCTION search_q_institution_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'institution', OLD.id WHERE OLD.id IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO search_dirty (kind, record_id) SELECT 'institution', NEW.id WHERE NEW.id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_institution_update AFTER UPDATE ON institution FOR EACH ROW EXECUTE FUNCTION search_q_institution_update()',
    ],
    'search_q_institution_delete': [
        "CREATE OR REPLACE FUNCTION search_q_institution_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'institution', OLD.id WHERE OLD.id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_institution_delete AFTER DELETE ON institution FOR EACH ROW EXECUTE FUNCTION search_q_institution_delete()',
    ],
    'search_q_institution_name_insert': [
        "CREATE OR REPLACE FUNCTION search_q_institution_name_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'institution', NEW.institution_id WHERE NEW.institution_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_institution_name_insert AFTER INSERT ON institution_name FOR EACH ROW EXECUTE FUNCTION search_q_institution_name_insert()',
    ],
    'search_q_institution_name_update': [
        "CREATE OR REPLACE FUNCTION search_q_institution_name_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'institution', OLD.institution_id WHERE OLD.institution_id IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO search_dirty (kind, record_id) SELECT 'institution', NEW.institution_id WHERE NEW.institution_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_institution_name_update AFTER UPDATE ON institution_name FOR EACH ROW EXECUTE FUNCTION search_q_institution_name_update()',
    ],
    'search_q_institution_name_delete': [
        "CREATE OR REPLACE FUNCTION search_q_institution_name_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'institution', OLD.institution_id WHERE OLD.institution_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_institution_name_delete AFTER DELETE ON institution_name FOR EACH ROW EXECUTE FUNCTION search_q_institution_name_delete()',
    ],
    'search_q_institution_topic_insert': [
        "CREATE OR REPLACE FUNCTION search_q_institution_topic_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'institution', NEW.institution_id WHERE NEW.institution_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_institution_topic_insert AFTER INSERT ON institution_topic FOR EACH ROW EXECUTE FUNCTION search_q_institution_topic_insert()',
    ],
    'search_q_institution_topic_update': [
        "CREATE OR REPLACE FUNCTION search_q_institution_topic_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'institution', OLD.institution_id WHERE OLD.institution_id IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO search_dirty (kind, record_id) SELECT 'institution', NEW.institution_id WHERE NEW.institution_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_institution_topic_update AFTER UPDATE ON institution_topic FOR EACH ROW EXECUTE FUNCTION search_q_institution_topic_update()',
    ],
    'search_q_institution_topic_delete': [
        "CREATE OR REPLACE FUNCTION search_q_institution_topic_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'institution', OLD.institution_id WHERE OLD.institution_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_institution_topic_delete AFTER DELETE ON institution_topic FOR EACH ROW EXECUTE FUNCTION search_q_institution_topic_delete()',
    ],
    'search_q_visit_insert': [
        "CREATE OR REPLACE FUNCTION search_q_visit_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'visit', NEW.id WHERE NEW.id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_visit_insert AFTER INSERT ON visit FOR EACH ROW EXECUTE FUNCTION search_q_visit_insert()',
    ],
    'search_q_visit_update': [
        "CREATE OR REPLACE FUNCTION search_q_visit_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'visit', OLD.id WHERE OLD.id IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO search_dirty (kind, record_id) SELECT 'visit', NEW.id WHERE NEW.id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_visit_update AFTER UPDATE ON visit FOR EACH ROW EXECUTE FUNCTION search_q_visit_update()',
    ],
    'search_q_visit_delete': [
        "CREATE OR REPLACE FUNCTION search_q_visit_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'visit', OLD.id WHERE OLD.id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_visit_delete AFTER DELETE ON visit FOR EACH ROW EXECUTE FUNCTION search_q_visit_delete()',
    ],
    'search_q_visit_topic_insert': [
        "CREATE OR REPLACE FUNCTION search_q_visit_topic_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'visit', NEW.visit_id WHERE NEW.visit_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_visit_topic_insert AFTER INSERT ON visit_topic FOR EACH ROW EXECUTE FUNCTION search_q_visit_topic_insert()',
    ],
    'search_q_visit_topic_update': [
        "CREATE OR REPLACE FUNCTION search_q_visit_topic_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'visit', OLD.visit_id WHERE OLD.visit_id IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO search_dirty (kind, record_id) SELECT 'visit', NEW.visit_id WHERE NEW.visit_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_visit_topic_update AFTER UPDATE ON visit_topic FOR EACH ROW EXECUTE FUNCTION search_q_visit_topic_update()',
    ],
    'search_q_visit_topic_delete': [
        "CREATE OR REPLACE FUNCTION search_q_visit_topic_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'visit', OLD.visit_id WHERE OLD.visit_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_visit_topic_delete AFTER DELETE ON visit_topic FOR EACH ROW EXECUTE FUNCTION search_q_visit_topic_delete()',
    ],
    'search_q_meeting_insert': [
        "CREATE OR REPLACE FUNCTION search_q_meeting_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'meeting', NEW.id WHERE NEW.id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_meeting_insert AFTER INSERT ON meeting FOR EACH ROW EXECUTE FUNCTION search_q_meeting_insert()',
    ],
    'search_q_meeting_update': [
        "CREATE OR REPLACE FUNCTION search_q_meeting_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'meeting', OLD.id WHERE OLD.id IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO search_dirty (kind, record_id) SELECT 'meeting', NEW.id WHERE NEW.id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_meeting_update AFTER UPDATE ON meeting FOR EACH ROW EXECUTE FUNCTION search_q_meeting_update()',
    ],
    'search_q_meeting_delete': [
        "CREATE OR REPLACE FUNCTION search_q_meeting_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'meeting', OLD.id WHERE OLD.id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_meeting_delete AFTER DELETE ON meeting FOR EACH ROW EXECUTE FUNCTION search_q_meeting_delete()',
    ],
    'search_q_meeting_topic_insert': [
        "CREATE OR REPLACE FUNCTION search_q_meeting_topic_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'meeting', NEW.meeting_id WHERE NEW.meeting_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_meeting_topic_insert AFTER INSERT ON meeting_topic FOR EACH ROW EXECUTE FUNCTION search_q_meeting_topic_insert()',
    ],
    'search_q_meeting_topic_update': [
        "CREATE OR REPLACE FUNCTION search_q_meeting_topic_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'meeting', OLD.meeting_id WHERE OLD.meeting_id IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO search_dirty (kind, record_id) SELECT 'meeting', NEW.meeting_id WHERE NEW.meeting_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_meeting_topic_update AFTER UPDATE ON meeting_topic FOR EACH ROW EXECUTE FUNCTION search_q_meeting_topic_update()',
    ],
    'search_q_meeting_topic_delete': [
        "CREATE OR REPLACE FUNCTION search_q_meeting_topic_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'meeting', OLD.meeting_id WHERE OLD.meeting_id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_meeting_topic_delete AFTER DELETE ON meeting_topic FOR EACH ROW EXECUTE FUNCTION search_q_meeting_topic_delete()',
    ],
    'search_q_followup_insert': [
        "CREATE OR REPLACE FUNCTION search_q_followup_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'followup', NEW.id WHERE NEW.id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_followup_insert AFTER INSERT ON followup FOR EACH ROW EXECUTE FUNCTION search_q_followup_insert()',
    ],
    'search_q_followup_update': [
        "CREATE OR REPLACE FUNCTION search_q_followup_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'followup', OLD.id WHERE OLD.id IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO search_dirty (kind, record_id) SELECT 'followup', NEW.id WHERE NEW.id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_followup_update AFTER UPDATE ON followup FOR EACH ROW EXECUTE FUNCTION search_q_followup_update()',
    ],
    'search_q_followup_delete': [
        "CREATE OR REPLACE FUNCTION search_q_followup_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT 'followup', OLD.id WHERE OLD.id IS NOT NULL ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_followup_delete AFTER DELETE ON followup FOR EACH ROW EXECUTE FUNCTION search_q_followup_delete()',
    ],
    'search_q_institution_update_person': [
        "CREATE OR REPLACE FUNCTION search_q_institution_update_person() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT DISTINCT 'person', x.id FROM (SELECT person_id AS id FROM position WHERE institution_id = NEW.id) AS x ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_institution_update_person AFTER UPDATE OF name ON institution FOR EACH ROW EXECUTE FUNCTION search_q_institution_update_person()',
    ],
    'search_q_topic_update_person': [
        "CREATE OR REPLACE FUNCTION search_q_topic_update_person() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT DISTINCT 'person', x.id FROM (SELECT person_id AS id FROM person_topic WHERE topic_id = NEW.id) AS x ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_topic_update_person AFTER UPDATE OF name ON topic FOR EACH ROW EXECUTE FUNCTION search_q_topic_update_person()',
    ],
    'search_q_topic_update_institution': [
        "CREATE OR REPLACE FUNCTION search_q_topic_update_institution() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT DISTINCT 'institution', x.id FROM (SELECT institution_id AS id FROM institution_topic WHERE topic_id = NEW.id) AS x ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_topic_update_institution AFTER UPDATE OF name ON topic FOR EACH ROW EXECUTE FUNCTION search_q_topic_update_institution()',
    ],
    'search_q_topic_update_visit': [
        "CREATE OR REPLACE FUNCTION search_q_topic_update_visit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT DISTINCT 'visit', x.id FROM (SELECT visit_id AS id FROM visit_topic WHERE topic_id = NEW.id) AS x ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_topic_update_visit AFTER UPDATE OF name ON topic FOR EACH ROW EXECUTE FUNCTION search_q_topic_update_visit()',
    ],
    'search_q_topic_update_meeting': [
        "CREATE OR REPLACE FUNCTION search_q_topic_update_meeting() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO search_dirty (kind, record_id) SELECT DISTINCT 'meeting', x.id FROM (SELECT meeting_id AS id FROM meeting_topic WHERE topic_id = NEW.id) AS x ON CONFLICT DO NOTHING; RETURN NULL; END $$",
        'CREATE OR REPLACE TRIGGER search_q_topic_update_meeting AFTER UPDATE OF name ON topic FOR EACH ROW EXECUTE FUNCTION search_q_topic_update_meeting()',
    ],
}

SOURCE_TABLES = {'person': 'person', 'institution': 'institution', 'visit': 'visit', 'meeting': 'meeting', 'followup': 'followup'}
TRIGRAM_MISSING = "the PostgreSQL extension pg_trgm is not installed in this database, so typo corrections use the slower prefix look-up; the database's owner can run: CREATE EXTENSION pg_trgm; (PostgreSQL 13 or newer: no superuser needed; the files come with the server package, on older systems postgresql-contrib)"


def install(execute, savepoint):
    """Create the index tables, functions and triggers (idempotent) and queue every existing record;
    whether the trigram index exists. ``savepoint`` wraps ``CREATE EXTENSION``: missing rights do not
    abort the migration's transaction."""
    for sql in TABLES_SQL:
        execute(sql)
    for statements in TRIGGERS.values():
        for sql in statements:
            execute(sql)
    for kind, table in SOURCE_TABLES.items():
        execute(f"INSERT INTO search_dirty (kind, record_id) SELECT '{kind}', id FROM {table} ON CONFLICT DO NOTHING")
    try:
        with savepoint():
            execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DBAPIError as err:  # no right to create it, or the server lacks its files: work without it
        log.warning("%s (%s)", TRIGRAM_MISSING, str(err.orig).strip().splitlines()[0] if err.orig else err)
        return False
    execute(TRIGRAM_SQL)
    return True


def uninstall(execute):
    for name in TRIGGERS:
        execute(f"DROP FUNCTION IF EXISTS {name}() CASCADE")
    for kind in KINDS:
        execute(f"DROP TABLE IF EXISTS search_{kind}")
    execute("DROP TABLE IF EXISTS search_term")
    execute("DROP TABLE IF EXISTS search_dirty")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    if not install(bind.exec_driver_sql, bind.begin_nested):
        logging.getLogger("alembic").warning(TRIGRAM_MISSING)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    uninstall(bind.exec_driver_sql)
