"""What ``erase person`` leaves behind (issue 15, points 9 and 16): nothing of the person in the live SQLite
file, its write-ahead log, or any backup made by or after the erase; nothing in a ``pg_dump`` on PostgreSQL;
the search vocabulary without their words at once (no ``search --rebuild``); the audit trail without the
uids of the people merged into them; the backups made before removed by ``backup --purge-erased``."""

from __future__ import annotations

import glob
import io
import os
import shutil
import subprocess
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, select, text

from organizer.cli.main import main
from organizer.domain.namekeys import fold, text_keys
from organizer.domain.records import ContactEntry, NameVariant, PersonData
from organizer.services import erase, merging, people
from organizer.store import Database, open_database, schema, snapshots, sqlite_url

EMAILS = ("e.korzhikov@qxwork.example", "korzh.private@mail.example")
PHONES = ("+998 71 239-58-14", "+7 843 555-01-77")
SECRET = "Zarafshon-lilac-7731"
"""A word in the person's notes and biography that appears nowhere else."""


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _korzhikov(db: Database) -> int:
    return next(p.id for p in people.list_people(db) if p.full_name == "Evgeny Korzhikov")


def _give_contacts(db: Database, ident: int) -> list[str]:
    """E-mails, phones, notes and one more name variant for the person, as a user would add them; returns
    every name written for the person (given, family, each variant)."""
    person = people.get_person(db, ident)
    data = person.data
    data = PersonData(**{**{f: getattr(data, f) for f in data.__dataclass_fields__},
                         "emails": tuple(ContactEntry(e, "work") for e in EMAILS),
                         "phones": tuple(ContactEntry(p, "mobile") for p in PHONES),
                         "notes": f"Met in Tashkent; {SECRET}", "biography": f"Chemist. {SECRET}",
                         "name_variants": (*data.name_variants,
                                           NameVariant("Коржиков Евгений Петрович", "Cyrl", "ru"))})
    people.update_person(db, ident, data)
    detail = people.get_person(db, ident).data
    return [detail.given_name, detail.family_name, *(v.name for v in detail.name_variants)]


def _needles(names: Iterable[str]) -> set[bytes]:
    """Every form in which the person's names, e-mails and phones could be stored: as written, lower-case,
    folded (the search index), name keys (the typo vocabulary), in UTF-8."""
    words: set[str] = {SECRET, SECRET.lower()}
    for name in names:
        for word in name.replace(",", " ").split():
            if len(word) >= 4:
                words |= {word, word.lower(), *fold(word).split()}
        words |= {k for k in text_keys(name) if len(k) >= 5}
    for value in EMAILS:  # as stored, and as the index folds it ("e korzhikov qxwork example")
        words |= {value, value.split("@")[0], fold(value), fold(value.split("@")[0])}
    for value in PHONES:
        words |= {value, "".join(c for c in value if c.isdigit())}
    return {w.encode() for w in words if len(w) >= 4}


def _found(paths: Iterable[Path], needles: set[bytes]) -> dict[str, list[str]]:
    hits: dict[str, list[str]] = {}
    for path in paths:
        if path.exists():
            content = path.read_bytes()
            found = sorted(n.decode() for n in needles if n in content)
            if found:
                hits[path.name] = found
    return hits


def test_erase_leaves_nothing_in_the_file_its_wal_or_the_backups_made_after(db_path: Path) -> None:
    """The acceptance test: the demo, the person given e-mails, phones and notes, the day's backup due (so
    ``erase`` is the day's first changing command), then ``organizer erase person``: the live file, its
    ``-wal`` and every backup made since hold none of their names (any script, folded, keyed), e-mails or
    phones, as bytes."""
    assert run("--db", str(db_path), "demo")[0] == 0
    db = open_database(sqlite_url(db_path))  # stays open: its connection keeps the -wal file in place
    try:
        ident = _korzhikov(db)
        needles = _needles(_give_contacts(db, ident))
        assert _found([db_path, Path(f"{db_path}-wal")], needles), "the data is there before the erase"
        for old in snapshots.automatic_backups(db_path):
            old.unlink()
        # Yesterday's backup (holding the person), so the day's backup is due: erase is the first change today.
        before = {snapshots.rotate_backup(db_path, "daily", now=datetime.now(UTC) - timedelta(days=1, hours=1))}
        code, out, err = run("--db", str(db_path), "erase", "person", str(ident))
        assert code == 0, err
        made = [p for p in (db_path.parent / "backups").iterdir() if p not in before]
        assert Path(f"{db_path}-wal").exists()
        assert _found([db_path, Path(f"{db_path}-wal"), *made], needles) == {}
        assert made, "a backup is made after the erase"
        assert "backed up the database after the erase" in out
        # The backups made before still hold the person; --purge-erased removes them, keeps the one after.
        assert _found(before, needles)
        code, out, err = run("--db", str(db_path), "backup", "--purge-erased")
        assert code == 0, err
        assert sorted((db_path.parent / "backups").iterdir()) == sorted(made)
        assert all(p.name in out for p in before)
        # The data is still usable, and the erased record is found by its new name only.
        assert people.get_person(db, ident).full_name == f"Erased person {ident}"
    finally:
        db.close()


def test_erase_overwrites_deleted_text_on_a_sqlite_built_without_secure_delete(db_path: Path) -> None:
    """SQLite builds without SQLITE_SECURE_DELETE (Python's own on Windows and macOS) leave deleted text in
    free pages: simulated by switching it off on every connection. The erase still leaves nothing."""
    db = open_database(sqlite_url(db_path))

    @event.listens_for(db.engine, "connect")
    def insecure(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.execute("PRAGMA secure_delete=OFF")  # type: ignore[attr-defined]

    db.engine.dispose()  # connections made from now on get the listener
    try:
        from organizer.services.demo import load_demo

        load_demo(db)
        ident = _korzhikov(db)
        needles = _needles(_give_contacts(db, ident))
        report = erase.erase_person(db, ident)
        assert _found([db_path, Path(f"{db_path}-wal")], needles) == {}
        assert report.backup is not None and report.warnings == ()
        assert _found([report.backup], needles) == {}
        with db.engine.connect() as conn:  # the setting of the erase's connection is not left behind
            assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 0
    finally:
        db.close()


def _terms(db: Database) -> set[tuple[str, str]]:
    with db.read_connection() as conn:
        return {(r[0], r[1]) for r in conn.execute(text("SELECT field, term FROM search_term"))}


def test_search_vocabulary_loses_the_erased_words_at_once(demo_db: Database) -> None:
    """Right after the erase, without ``search --rebuild``: no name word or key of the person (nor of a
    person merged into them) is left in ``search_term``, on SQLite and PostgreSQL; words other records
    still hold stay."""
    from organizer.services import search

    ident = _korzhikov(demo_db)
    other = people.create_person(demo_db, PersonData(given_name="Evgeniy", family_name="Korjikoff",
                                                     notes="a duplicate")).meta.id
    namesake = people.create_person(demo_db, PersonData(given_name="Evgeny", family_name="Petrov")).meta.id
    merging.merge(demo_db, "person", ident, other)
    words = {("n", w) for w in ("korzhikov", "korjikov", "korjikoff", "evgeniy")}
    keys = {("k", k) for k in text_keys("Korzhikov Korjikov Korjikoff Коржиков") if k not in text_keys("Evgeny Petrov")}
    assert words | keys <= _terms(demo_db)
    erase.erase_person(demo_db, ident)
    left = _terms(demo_db)
    assert not (words | keys) & left, sorted((words | keys) & left)
    assert {("n", "evgeny"), ("n", "petrov")} <= left  # still the namesake's
    assert [h.id for h in search.search(demo_db, "Evgeny").hits if h.kind == "person"] == [namesake]
    assert [h for h in search.search(demo_db, "Korzhikov").hits if h.kind == "person"] == []
    assert next(h.id for h in search.search(demo_db, f"Erased person {ident}").hits if h.kind == "person") == ident


def test_erase_scrubs_the_uids_of_people_merged_into_the_person(demo_db: Database) -> None:
    """The documentation promised it; the merge records that link them were deleted first, so the merged
    people's entries kept their uids."""
    ident = _korzhikov(demo_db)
    first = people.create_person(demo_db, PersonData(given_name="Evgeniy", family_name="Korjikoff",
                                                     uid="crm:korjikoff-1")).meta.id
    second = people.create_person(demo_db, PersonData(given_name="E.", family_name="Korschikow",
                                                      uid="crm:korschikow-2")).meta.id
    merging.merge(demo_db, "person", first, second)  # a chain: second into first, first into the person
    merging.merge(demo_db, "person", ident, first)
    a = schema.audit_entry
    with demo_db.read_connection() as conn:
        assert conn.execute(select(a.c.record_uid).where(a.c.record_id.in_([first, second]),
                                                         a.c.kind == "person")).scalars().all()
    erase.erase_person(demo_db, ident)
    with demo_db.read_connection() as conn:
        rows = conn.execute(select(a.c.record_id, a.c.record_uid, a.c.detail)
                            .where(a.c.kind == "person", a.c.record_id.in_([ident, first, second]))).all()
    assert {r[0] for r in rows} == {ident, first, second}, "the entries stay (who, when, which fields)"
    assert [r for r in rows if r[1] is not None or any(k.endswith("uid") for k in (r[2] or {}))] == []
    with demo_db.read_connection() as conn:
        dumped = " ".join(str(v) for row in conn.execute(select(a)) for v in row)
    assert "korjikoff-1" not in dumped and "korschikow-2" not in dumped
    # A merge entry names the merged record for the History (merged_title): the name goes with the erase.
    assert "Korjikoff" not in dumped and "Korschikow" not in dumped


def test_erase_deletes_undone_merges_that_copied_the_person(demo_db: Database) -> None:
    """An undone merge keeps the copy it made: when the erased person was one side of it, that copy is theirs."""
    ident = _korzhikov(demo_db)
    other = people.create_person(demo_db, PersonData(given_name="Ivan", family_name="Unrelatedov")).meta.id
    token = merging.merge(demo_db, "person", other, ident).undo_token  # the person merged into another...
    merging.undo_merge(demo_db, token)  # ...and back
    erase.erase_person(demo_db, ident)
    with demo_db.read_connection() as conn:
        left = [r[0] for r in conn.execute(select(schema.merge_record.c.snapshot))]
    assert not any("Korzhikov" in s for s in left)


def test_rotation_and_the_backups_around_an_erase(db_path: Path) -> None:
    """No backup before the erase; one after it, which replaces the ``after-erase`` backups of the same day
    (each holds the people erased since); older ones age out 7 days later."""
    assert run("--db", str(db_path), "demo")[0] == 0
    db = open_database(sqlite_url(db_path))
    try:
        day = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
        for old in snapshots.automatic_backups(db_path):
            old.unlink()
        first = snapshots.rotate_backup(db_path, "daily", now=day - timedelta(days=1))
        made = [erase.erase_person(db, pid, now=day + timedelta(hours=h)).backup
                for h, pid in enumerate(p.id for p in people.list_people(db)[:3])]
        assert snapshots.automatic_backups(db_path) == [first, made[-1]]
        later = erase.after_erase_backup(db_path, now=day + timedelta(days=5))
        assert snapshots.automatic_backups(db_path) == [first, made[-1], later]
        newest = snapshots.rotate_backup(db_path, "daily", now=day + timedelta(days=8))
        assert snapshots.automatic_backups(db_path) == [later, newest]
    finally:
        db.close()


def test_purge_erased_keeps_everything_when_nothing_was_erased_and_refuses_on_a_server(db: Database,
                                                                                         db_args: list[str]) -> None:
    code, out, err = run(*db_args, "backup", "--purge-erased")
    if db.path is None:
        assert code == 1 and "pg_dump" in err
        return
    assert code == 0, err
    assert "no backup holds erased data" in out
    code, _out, _err = run(*db_args, "backup")
    assert code == 2  # one of --out and --purge-erased is required (argparse)


def _pg_dump() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"), reverse=True)
    return found[0] if found else shutil.which("pg_dump")


def test_a_pg_dump_after_erase_holds_nothing_of_the_person(demo_db: Database) -> None:
    if demo_db.path is not None:
        pytest.skip("PostgreSQL only (run with ORGANIZER_TEST_DB_URL)")
    binary = _pg_dump()
    if binary is None:
        pytest.skip("no pg_dump binary on this machine")
    from sqlalchemy.engine import make_url

    url = make_url(demo_db.url)
    ident = _korzhikov(demo_db)
    needles = _needles(_give_contacts(demo_db, ident))

    def dump() -> bytes:
        env = {**os.environ, "PGPASSWORD": url.password or ""}
        host = url.query.get("host") or url.host or ""
        port = str(url.query.get("port") or url.port or 5432)
        done = subprocess.run([binary, "-h", str(host), "-p", port, "-U", url.username or "", "-d",
                               url.database or "", "--no-owner"], capture_output=True, env=env, timeout=120,
                              check=False)
        if done.returncode != 0:
            pytest.skip(f"pg_dump cannot run here: {done.stderr.decode(errors='replace')[:200]}")
        return done.stdout

    assert any(n in dump() for n in needles)
    erase.erase_person(demo_db, ident)
    content = dump()
    assert sorted(n.decode() for n in needles if n in content) == []


def test_purge_erased_takes_set_aside_copies_too_and_leaves_what_it_cannot_read(db_path: Path) -> None:
    """``restore`` sets copies aside that are never rotated; they hold the person as well. A copy that cannot
    be read is listed and left; with no copy made after the erase, one is made before anything is removed."""
    from organizer.services import backup

    assert run("--db", str(db_path), "demo")[0] == 0
    db = open_database(sqlite_url(db_path))
    try:
        ident = _korzhikov(db)
        needles = _needles(_give_contacts(db, ident))
        folder = db_path.parent / "backups"
        aside = folder / f"{db_path.name}-before-restore-20260101T000000Z.sqlite"
        snapshots.copy_database(db_path, aside)
        yesterday = (datetime.now(UTC) - timedelta(days=1)).strftime("%Y%m%dT%H%M%SZ")
        damaged = folder / f"{db_path.name}-{yesterday}-daily.sqlite"
        damaged.write_bytes(b"SQLite format 3\x00" + b"\xde\xad" * 4000)
        mine = folder / "my-own-copy.sqlite"
        snapshots.copy_database(db_path, mine)
        erase.erase_person(db, ident)
        after = [p for p in snapshots.automatic_backups(db_path) if p.name.endswith("-after-erase.sqlite")]
        for p in after:
            p.unlink()  # as if the backup after the erase had failed
        report = backup.purge_erased(db)
        assert report.made is not None and _found([report.made], needles) == {}
        assert aside in report.removed and not aside.exists()
        assert report.unchecked == (damaged,) and damaged.exists()
        assert mine.exists(), "a file the user put there is never touched"
        assert set(report.kept) == {report.made}
        # A second run finds nothing more to do.
        again = backup.purge_erased(db)
        assert again.removed == () and again.made is None
    finally:
        db.close()


def test_a_reader_during_the_erase_keeps_the_log_until_purge_erased(db_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Another program in the middle of a read keeps the log from being emptied: the erase says so (it is
    done all the same), and ``backup --purge-erased`` empties it once the reader is gone."""
    import sqlite3

    from organizer.services import backup
    from organizer.store import scrub

    monkeypatch.setattr(scrub, "BUSY_SECONDS", 0.2)
    assert run("--db", str(db_path), "demo")[0] == 0
    db = open_database(sqlite_url(db_path))
    reader = sqlite3.connect(db_path, isolation_level=None)
    try:
        ident = _korzhikov(db)
        needles = _needles(_give_contacts(db, ident))
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM person").fetchone()
        report = erase.erase_person(db, ident)
        assert [w for w in report.warnings if "write-ahead log" in w and "--purge-erased" in w]
        assert people.get_person(db, ident).full_name == f"Erased person {ident}"
        assert _found([Path(f"{db_path}-wal")], needles), "the reader's snapshot kept the old pages in the log"
        reader.execute("COMMIT")
        code, out, err = run("--db", str(db_path), "backup", "--purge-erased")
        assert code == 0 and "warning" not in out, out + err
        assert _found([db_path, Path(f"{db_path}-wal")], needles) == {}
        assert backup.purge_erased(db).file_problem is None
    finally:
        reader.close()
        db.close()


def test_rewrite_says_what_a_writer_kept_it_from(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another program holding the write lock past the wait: the file is not rewritten, and the message
    says so and what to run later; nothing is changed or lost."""
    import sqlite3

    from organizer.store import scrub

    monkeypatch.setattr(scrub, "BUSY_SECONDS", 0.2)
    db = open_database(sqlite_url(db_path))
    people.create_person(db, PersonData(family_name="Writer-test"))
    db.close()
    writer = sqlite3.connect(db_path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        problem = scrub.rewrite_file(db_path)
        assert problem is not None and "not rewritten" in problem and "--purge-erased" in problem
        writer.execute("COMMIT")
        assert scrub.rewrite_file(db_path) is None
    finally:
        writer.close()
    assert scrub.rewrite_file(None) is None
