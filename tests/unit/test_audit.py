"""The audit trail: every create, update, delete, merge, unmerge, erase and import leaves an entry with
the user, the time and the fields (names only); histories survive merges; erase removes the uids."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import pytest
from sqlalchemy import select

from organizer.assets import demo_archive
from organizer.cli.main import main
from organizer.domain.errors import NotFoundError
from organizer.domain.records import ContactEntry, InstitutionData, PersonData, VisitData
from organizer.services import audit, changes, erase, institutions, merging, people, visits
from organizer.services.archive import importer as interchange
from organizer.store import Database
from organizer.store import models as m


def _actions(db: Database, kind: str, ident: int) -> list[tuple[str, int | None, tuple[str, ...]]]:
    return [(e.action, e.record_id, e.fields) for e in audit.record_history(db, kind, ident)]


def test_create_update_delete_are_recorded_with_user_and_changed_fields(db: Database) -> None:
    db.user = "alice"
    created = people.create_person(db, PersonData(given_name="Anna", family_name="Petrova"))
    ident = created.meta.id
    db.user = "bob"
    data = replace(created.data, notes="met in Kazan", emails=(ContactEntry("anna@example.org", "work"),))
    updated = people.update_person(db, ident, data, created.meta.version)
    # Saving the same values again changes nothing: no entry.
    people.update_person(db, ident, updated.data, updated.meta.version)
    history = audit.record_history(db, "person", ident)
    assert [(e.action, e.user, e.fields) for e in history] == [
        ("create", "alice", ()), ("update", "bob", ("emails", "notes"))]
    assert history[0].at <= history[1].at
    # Editing one e-mail address in place (a child row) is a change of "emails".
    latest = people.get_person(db, ident)
    people.update_person(db, ident, replace(latest.data, emails=(ContactEntry("anna@example.com", "work"),)),
                         latest.meta.version)
    assert _actions(db, "person", ident)[-1] == ("update", ident, ("emails",))
    people.delete_person(db, ident)
    assert _actions(db, "person", ident)[-1] == ("delete", ident, ())
    # The history of a deleted record stays readable; an id that never existed is not found.
    with pytest.raises(NotFoundError):
        audit.record_history(db, "person", 999_999)


def test_refused_save_writes_no_entry(db: Database) -> None:
    created = institutions.create_institution(db, InstitutionData(name="Ministry"))
    from organizer.domain.errors import ConflictError, ValidationError

    with pytest.raises(ValidationError):
        institutions.update_institution(db, created.meta.id, replace(created.data, name=""), created.meta.version)
    institutions.update_institution(db, created.meta.id, replace(created.data, city="Kazan"), created.meta.version)
    with pytest.raises(ConflictError):  # a stale version: refused, nothing recorded
        institutions.update_institution(db, created.meta.id, replace(created.data, city="Ufa"), created.meta.version)
    assert _actions(db, "institution", created.meta.id) == [
        ("create", created.meta.id, ()), ("update", created.meta.id, ("city",))]


def test_undoing_a_delete_is_recorded_as_a_create(db: Database) -> None:
    visit = visits.create_visit(db, VisitData(title="Kazan"))
    gone = visits.delete_visit(db, visit.meta.id)
    assert gone.restore is not None
    changes.restore(db, gone.restore)
    assert [a for a, _, _ in _actions(db, "visit", visit.meta.id)] == ["create", "delete", "create"]


def test_import_writes_one_entry_with_counts_and_created_by_import_per_record(demo_db: Database) -> None:
    entries = audit.recent_imports(demo_db)
    assert len(entries) == 1
    assert entries[0].detail["added"]["people"] == 6
    assert entries[0].record_id is None
    with demo_db.reader() as session:  # one "create" per imported record (topics have no history)
        created = session.execute(select(m.AuditEntry.kind, m.AuditEntry.record_id, m.AuditEntry.detail,
                                         m.AuditEntry.record_uid)
                                  .where(m.AuditEntry.action == "create")).all()
    by_kind: dict[str, int] = {}
    for kind, _, detail, _ in created:
        by_kind[kind] = by_kind.get(kind, 0) + 1
        assert detail == {"import": True}
    assert by_kind == {"institution": 6, "person": 6, "visit": 1, "meeting": 4, "followup": 3, "agreement": 1,
                       "programme_item": 6}
    pid = people.list_people(demo_db)[0].id
    history = audit.record_history(demo_db, "person", pid)
    assert [(e.action, e.detail) for e in history] == [("create", {"import": True})]
    assert {uid for kind, ident, _, uid in created if kind == "person" and ident == pid} == {
        people.get_person(demo_db, pid).meta.uid}
    again = interchange.import_archive(demo_db, interchange.load_archive_file(demo_archive()))
    assert again.total_added == 0
    imports = audit.recent_imports(demo_db)
    assert len(imports) == 2 and imports[0].detail["unchanged"]["people"] == 6
    assert len(audit.record_history(demo_db, "person", pid)) == 1, "records already there get no new entry"


def test_history_is_kept_across_merge_and_unmerge(db: Database) -> None:
    a = people.create_person(db, PersonData(given_name="Evgeny", family_name="Korzhikov")).meta.id
    b_detail = people.create_person(db, PersonData(given_name="Evgeniy", family_name="Korjikov"))
    b = b_detail.meta.id
    people.update_person(db, b, replace(b_detail.data, notes="from the 2023 visit"), b_detail.meta.version)
    result = merging.merge(db, "person", a, b)
    merged_view = _actions(db, "person", a)
    assert ("update", b, ("notes",)) in merged_view  # B's own past shows under A
    assert merged_view[-1][0] == "merge" and audit.record_history(db, "person", a)[-1].detail["merged_id"] == b
    assert _actions(db, "person", b)[-1][0] == "merge"  # B (deleted) still has its history
    merging.undo_merge(db, result.undo_token)
    assert ("update", b, ("notes",)) not in _actions(db, "person", a)
    b_history = _actions(db, "person", b)
    assert [x[0] for x in b_history] == ["create", "update", "merge", "unmerge"]
    assert _actions(db, "person", a)[-1][0] == "unmerge"


def test_erase_keeps_entries_but_removes_uids(db: Database) -> None:
    created = people.create_person(db, PersonData(given_name="Anna", family_name="Petrova"))
    ident = created.meta.id
    people.update_person(db, ident, replace(created.data, notes="private"), created.meta.version)
    erase.erase_person(db, ident)
    history = audit.record_history(db, "person", ident)
    assert [e.action for e in history] == ["create", "update", "erase"]
    with db.reader() as session:
        stored = session.execute(select(m.AuditEntry.record_uid, m.AuditEntry.fields, m.AuditEntry.detail)
                                 .where(m.AuditEntry.record_id == ident)).all()
    assert all(uid is None for uid, _, _ in stored)
    dumped = json.dumps([[f, d] for _, f, d in stored])
    assert "Petrova" not in dumped and "Anna" not in dumped and "private" not in dumped
    assert created.meta.uid not in dumped


def test_cli_history_and_user_option(demo_db: Database) -> None:
    url = demo_db.url
    ident = people.list_people(demo_db)[0].id
    out = io.StringIO()
    assert main(["--db-url", url, "--user", "carol", "erase", "person", str(ident)], out=out) == 0
    out = io.StringIO()
    assert main(["--db-url", url, "history", "person", str(ident), "--json"], out=out) == 0
    entries = json.loads(out.getvalue())
    assert [(e["action"], e["user"]) for e in entries][1:] == [("erase", "carol")]
    assert entries[0]["action"] == "create" and entries[0]["detail"] == {"import": True}
    out = io.StringIO()
    assert main(["--db-url", url, "history", "person", str(ident)], out=out) == 0
    assert "carol: erased the personal data" in out.getvalue()
    err = io.StringIO()
    assert main(["--db-url", url, "history", "person", "424242"], out=io.StringIO(), err=err) == 1
    assert "no person with id 424242" in err.getvalue()


def test_user_name_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from organizer.store.database import default_user

    monkeypatch.setenv("ORGANIZER_USER", "dana")
    assert default_user() == "dana"
    monkeypatch.delenv("ORGANIZER_USER")
    import getpass

    assert default_user() == getpass.getuser()
