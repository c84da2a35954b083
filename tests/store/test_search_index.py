"""The search index's tables and triggers: made by migration 0003 (SQLite) and 0005 (PostgreSQL), kept
by later migrations, and hidden from autogenerate. Runs on both engines."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from organizer.services import search
from organizer.services.demo import load_demo
from organizer.store import Database
from organizer.store.database import alembic_config, upgrade_to
from organizer.store.search import postgresql as search_pg
from organizer.store.search.base import KINDS
from organizer.store.search.sqlite import TRIGGERS


def _triggers(db: Database) -> dict[str, str]:
    """Trigger name -> its definition (SQLite: the CREATE statement; PostgreSQL: the function's body)."""
    with db.engine.connect() as conn:
        if db.is_sqlite:
            rows = conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type='trigger'")
        else:
            rows = conn.exec_driver_sql("SELECT t.tgname, p.prosrc FROM pg_trigger t JOIN pg_proc p "
                                        "ON p.oid = t.tgfoid WHERE NOT t.tgisinternal")
        return {r[0]: r[1] for r in rows}


def _tables(db: Database) -> set[str]:
    with db.engine.connect() as conn:
        if db.is_sqlite:
            return {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
        rows = conn.exec_driver_sql("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        return {r[0] for r in rows}


def test_every_index_trigger_exists_at_head(db: Database) -> None:
    # A later batch migration that recreated a table would drop its triggers: this catches it.
    found = _triggers(db)
    expected = TRIGGERS if db.is_sqlite else search_pg.TRIGGERS
    missing = sorted(set(expected) - set(found))
    assert not missing, f"search triggers missing after the migrations: {missing}"
    if db.is_sqlite:
        for name, sql in TRIGGERS.items():
            assert " ".join(found[name].split()) == " ".join(sql.replace(" IF NOT EXISTS", "").split())
    else:
        for name, (function, _trigger) in search_pg.TRIGGERS.items():
            assert " ".join(found[name].split()) in " ".join(function.split())


def test_upgrade_from_0002_indexes_existing_records(db: Database) -> None:
    load_demo(db)
    cfg = alembic_config(db.url)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
    assert not {t for t in _tables(db) if t.startswith("search_")}
    assert not _triggers(db)
    upgrade_to(db, "head")
    assert search.pending_count(db) == 6 + 6 + 1 + 4 + 3  # every record queued by the migration
    assert search.search(db, "Korschikow").hits[0].title == "Evgeny Korzhikov"
    assert search.pending_count(db) == 0


def test_index_rows_match_the_records_after_the_demo(demo_db: Database) -> None:
    with demo_db.engine.connect() as conn:
        for kind in KINDS:
            indexed = conn.execute(text(f"SELECT count(*) FROM search_{kind}")).scalar_one()
            records = conn.execute(text(f"SELECT count(*) FROM {kind}")).scalar_one()
            assert indexed == records, kind
        assert conn.execute(text("SELECT count(*) FROM search_dirty")).scalar_one() == 0
