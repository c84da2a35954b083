"""Many writers on one database (issue 7): imports and edits from separate processes at once, on one
SQLite file and on one PostgreSQL database (when a test server is given, see test_postgres.py).

On SQLite, writers take the write lock up front (``BEGIN IMMEDIATE``) and queue within the busy
timeout; on PostgreSQL, migrations run under an advisory lock and an import that loses a race for a
unique uid or topic name starts again. Every client succeeds or gets the conflict message; none sees
"database is locked" or an IntegrityError, and no committed edit is lost (counted).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from organizer.services import people
from organizer.services.demo import load_demo
from organizer.store import open_database, sqlite_url

PG_SERVER = os.environ.get("ORGANIZER_TEST_PG_URL", "")
NewDatabase = Callable[[], str]


@pytest.fixture(params=["sqlite", "postgresql"])
def new_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[NewDatabase]:
    """A factory of URLs of new, empty databases (not created yet on SQLite, without schema on PostgreSQL)."""
    if request.param == "sqlite":
        counter = iter(range(1000))
        yield lambda: sqlite_url(tmp_path / f"db{next(counter)}.sqlite")
        return
    if not PG_SERVER:
        if os.environ.get("ORGANIZER_REQUIRE_PG"):
            raise RuntimeError("ORGANIZER_REQUIRE_PG is set but ORGANIZER_TEST_PG_URL is not")
        pytest.skip("no PostgreSQL server (set ORGANIZER_TEST_PG_URL)")
    admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    names: list[str] = []

    def make() -> str:
        name = f"organizer_conc_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        names.append(name)
        return make_url(PG_SERVER).set(database=name).render_as_string(hide_password=False)

    yield make
    with admin.connect() as conn:
        for name in names:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()

BAD_WORDS = ("locked", "IntegrityError", "Traceback", "unexpected error")

EDITOR = textwrap.dedent("""
    # One client editing a shared person: read, change, save with the version it read.
    import sys
    from dataclasses import replace
    from organizer.domain.errors import ConflictError
    from organizer.services import people
    from organizer.store import open_database

    db = open_database(sys.argv[1], create=False)
    ident, name, rounds = int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    saved = conflicts = 0
    for i in range(rounds):
        detail = people.get_person(db, ident)
        token = f"{name}-{i}"
        notes = (detail.data.notes + " " + token).strip()
        try:
            people.update_person(db, ident, replace(detail.data, notes=notes), expected_version=detail.meta.version)
            saved += 1
            print("saved", token, flush=True)
        except ConflictError as exc:
            conflicts += 1
            print("conflict", token, str(exc).replace(chr(10), " "), flush=True)
    db.close()
""")


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}


def small_archive(path: Path, tag: str, n: int) -> Path:
    data = {
        "format": "organizer-archive", "version": 1,
        "topics": [{"name": "Petrochemistry"}, {"name": f"Topic {tag}"}],
        "institutions": [{"uid": f"{tag}:inst", "name": f"Institute {tag}", "kind": "institute",
                          "topics": ["Petrochemistry"]}],
        "people": [{"uid": f"{tag}:p{i}", "given_name": f"Name{i}", "family_name": f"Family {tag}",
                    "topics": ["Petrochemistry", f"Topic {tag}"],
                    "positions": [{"title": "Engineer", "institution": f"{tag}:inst", "current": True}]}
                   for i in range(n)],
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def organizer(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "organizer", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env())


def finish(procs: list[subprocess.Popen[str]]) -> list[tuple[int, str, str]]:
    results = []
    for p in procs:
        out, err = p.communicate(timeout=600)
        results.append((p.returncode, out, err))
    return results


def test_twenty_writers_imports_and_edits_on_one_database(tmp_path: Path, new_database: NewDatabase) -> None:
    url = new_database()
    db = open_database(url)
    load_demo(db)
    shared = people.list_people(db)[0].id
    db.close()
    archives = [small_archive(tmp_path / f"a{i}.json", f"w{i}", 40) for i in range(12)]
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    procs = [organizer("--db-url", url, "import", str(a)) for a in archives]
    procs += [subprocess.Popen([sys.executable, str(script), url, str(shared), f"e{i}", "5"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env())
              for i in range(8)]
    results = finish(procs)
    for code, out, err in results:
        assert code == 0, err
        assert not any(w in err or w in out for w in BAD_WORDS), err + out
    saved = [line.split()[1] for _, out, _ in results[12:] for line in out.splitlines() if line.startswith("saved")]
    conflicts = [ln for _, out, _ in results[12:] for ln in out.splitlines() if ln.startswith("conflict")]
    assert len(saved) + len(conflicts) == 40
    assert all("elsewhere" in c and "again" in c for c in conflicts), conflicts[:3]
    db = open_database(url, create=False)
    try:
        assert people.count_people(db) == 6 + 12 * 40
        person = people.get_person(db, shared)
        # No lost update: every saved edit's token is there, and the version counts each save once.
        assert sorted(person.data.notes.split()) == sorted(saved)
        assert person.meta.version == 1 + len(saved)
        with db.engine.connect() as conn:
            if db.is_sqlite:
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert conn.exec_driver_sql("SELECT count(*) FROM topic WHERE name = 'Petrochemistry'").scalar() == 1
    finally:
        db.close()


def test_twenty_parallel_demo_loads_on_a_new_database(tmp_path: Path, new_database: NewDatabase) -> None:
    url = new_database()
    results = finish([organizer("--db-url", url, "demo") for _ in range(20)])
    for code, _out, err in results:
        assert code == 0 and not any(w in err for w in BAD_WORDS), err
    assert sum("6 people" in out for _, out, _ in results) == 1  # loaded once, the others found it there
    db = open_database(url, create=False)
    try:
        assert people.count_people(db) == 6
    finally:
        db.close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary files


def test_two_large_imports_queue_instead_of_failing(tmp_path: Path, new_database: NewDatabase) -> None:
    url = new_database()
    open_database(url).close()
    archives = [small_archive(tmp_path / f"big{i}.json", f"big{i}", 1500) for i in range(2)]
    results = finish([organizer("--db-url", url, "import", str(a)) for a in archives])
    for code, _, err in results:
        assert code == 0 and not any(w in err for w in BAD_WORDS), err
    db = open_database(url, create=False)
    try:
        assert people.count_people(db) == 3000
    finally:
        db.close()


def test_the_same_large_import_twice_at_once(tmp_path: Path, new_database: NewDatabase) -> None:
    """Both imports succeed; the records go in once (the loser of a race starts again and finds them)."""
    url = new_database()
    open_database(url).close()
    archive = small_archive(tmp_path / "same.json", "same", 1500)
    results = finish([organizer("--db-url", url, "import", str(archive)) for _ in range(2)])
    for code, _, err in results:
        assert code == 0 and not any(w in err for w in BAD_WORDS), err
    db = open_database(url, create=False)
    try:
        assert people.count_people(db) == 1500
    finally:
        db.close()
