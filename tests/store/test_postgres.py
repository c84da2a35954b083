"""The same schema, migrations and services on PostgreSQL (the team-mode server).

Needs a server: ``ORGANIZER_TEST_PG_URL`` (``.ci/run`` starts a throw-away one with
``packaging/pg-test-server.sh``). Without it these tests skip, unless ``ORGANIZER_REQUIRE_PG`` is
set (as in CI), where a missing server is a failure.
"""

from __future__ import annotations

import io
import json
import os
import uuid
from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url

from organizer.cli.main import main
from organizer.domain.errors import ConflictError, SchemaTooNewError
from organizer.domain.records import PersonData
from organizer.services import people, visits
from organizer.services.demo import load_demo
from organizer.store import open_database
from organizer.store.database import head_revision, upgrade_to
from organizer.store.models import Base
from organizer.store.search.base import include_name

SERVER_URL = os.environ.get("ORGANIZER_TEST_PG_URL", "")

if not SERVER_URL:
    if os.environ.get("ORGANIZER_REQUIRE_PG"):
        raise RuntimeError("ORGANIZER_REQUIRE_PG is set but ORGANIZER_TEST_PG_URL is not")
    pytest.skip("no PostgreSQL server (set ORGANIZER_TEST_PG_URL)", allow_module_level=True)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty database on the test server; dropped afterwards."""
    name = f"organizer_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(SERVER_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(SERVER_URL).set(database=name).render_as_string(hide_password=False)
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_migrations_reach_head_and_match_the_models(pg_url: str) -> None:
    db = open_database(pg_url)
    try:
        assert db.schema_revision() == head_revision()
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_name": include_name})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        db.close()


def test_demo_and_cli_contract_on_postgres(pg_url: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["--db-url", pg_url, "demo"], out=out, err=err) == 0, err.getvalue()
    assert main(["--db-url", pg_url, "demo"], out=out, err=err) == 0
    out = io.StringIO()
    assert main(["--db-url", pg_url, "list", "people", "--json"], out=out, err=err) == 0
    listed = json.loads(out.getvalue())
    assert len(listed) == 6
    korzhikov = next(p for p in listed if p["full_name"] == "Evgeny Korzhikov")
    assert korzhikov["positions"][0]["title"] == "First Deputy Chairman of the Management Board"
    assert "Коржиков Евгений" in korzhikov["name_variants"]
    out = io.StringIO()
    assert main(["--db-url", pg_url, "list", "meetings", "--json"], out=out, err=err) == 0
    assert [m["starts_at"][:16] for m in json.loads(out.getvalue())] == [
        "2025-03-11T10:00", "2025-03-11T11:30", "2025-03-11T14:30", "2025-03-12T10:00"]


def test_one_current_position_is_enforced_by_the_server(pg_url: str) -> None:
    db = open_database(pg_url)
    try:
        load_demo(db)
        with pytest.raises(sa_exc.IntegrityError), db.engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO position (uid, person_id, institution_id, title, is_current, created_at, updated_at,"
                " version) VALUES ('dup', 1, 1, 'Second current', true, now(), now(), 1)"))
    finally:
        db.close()


def test_upgrade_from_first_migration_and_newer_schema_refused(pg_url: str) -> None:
    db = open_database(pg_url, upgrade=False)
    upgrade_to(db, "0001")
    db.close()
    db = open_database(pg_url)
    try:
        assert db.schema_revision() == head_revision()
        load_demo(db)
        assert len(visits.list_visits(db)) == 1
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    finally:
        db.close()
    with pytest.raises(SchemaTooNewError):
        open_database(pg_url)


def test_stale_write_is_a_conflict_on_postgres(pg_url: str) -> None:
    from organizer.store import models as m

    db = open_database(pg_url)
    try:
        created = people.create_person(db, PersonData(given_name="Rifkat", family_name="Minnikhanov"))
        with db.reader() as session:
            stale = session.get(m.Person, created.meta.id)
            assert stale is not None
            session.expunge(stale)
        people.update_person(db, created.meta.id, PersonData(given_name="Rifkat", family_name="Minnikhanov",
                                                             notes="fresh"))
        with pytest.raises(ConflictError), db.unit_of_work() as session:
            session.merge(stale, load=False).notes = "stale"
        assert people.get_person(db, created.meta.id).data.notes == "fresh"
    finally:
        db.close()


def test_merge_and_undo_on_postgres_and_search_finds_every_spelling(pg_url: str) -> None:
    from organizer.domain.search import MergeResult
    from organizer.services import duplicates, merging, search

    db = open_database(pg_url)
    try:
        load_demo(db)
        keep = next(r.id for r in people.list_people(db) if r.full_name.endswith("Korzhikov"))
        twin = people.create_person(db, PersonData(given_name="Евгений", family_name="Коржиков")).meta.id
        assert any({c.first_id, c.second_id} == {keep, twin} for c in duplicates.find_duplicates(db, "person"))
        result: MergeResult = merging.merge(db, "person", keep, twin)
        assert people.count_people(db) == 6
        assert [h.id for h in search.search(db, "Korschikow", kinds=["person"]).hits] == [keep]
        merging.undo_merge(db, result.undo_token)
        assert people.get_person(db, twin).full_name == "Евгений Коржиков"
        assert sorted(h.id for h in search.search(db, "Korschikow", kinds=["person"]).hits) == sorted([keep, twin])
    finally:
        db.close()
